package emit

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestSupportMerge: runtime/formats.go's imports join runtime.go's import block and its
// declarations follow, so namigen_support.go is one valid Go file.
func TestSupportMerge(t *testing.T) {
	i := strings.Index(runtimeSource, "\npackage runtime\n")
	src := "package x\n" + withAppendix(runtimeSource[i+len("\npackage runtime\n"):])
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatalf("merged support code does not parse: %v", err)
	}
	have := map[string]bool{}
	for _, imp := range f.Imports {
		have[strings.Trim(imp.Path.Value, `"`)] = true
	}
	imports, _ := splitImports(formatsSource)
	for _, imp := range imports {
		if !have[strings.Trim(imp, `"`)] {
			t.Errorf("merged support code lacks the import %s of formats.go", imp)
		}
	}
	if !strings.Contains(src, "func formatRules(") || strings.Count(src, "\nimport (") != 1 {
		t.Error("formats.go's declarations missing, or two import blocks")
	}
}
