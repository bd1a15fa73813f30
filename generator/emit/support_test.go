package emit

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestFormatsImports: runtime/formats.go is appended to runtime.go without its import block,
// so every package it imports must be imported by runtime.go too.
func TestFormatsImports(t *testing.T) {
	imports := func(src string) map[string]bool {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, imp := range f.Imports {
			m[strings.Trim(imp.Path.Value, `"`)] = true
		}
		return m
	}
	have := imports(runtimeSource)
	for p := range imports(formatsSource) {
		if !have[p] {
			t.Errorf("runtime/formats.go imports %s, which runtime.go does not", p)
		}
	}
	if app := runtimeAppendix(); strings.Contains(app, "import") || !strings.Contains(app, "func formatRules(") {
		t.Errorf("runtimeAppendix:\n%.300s", app)
	}
}
