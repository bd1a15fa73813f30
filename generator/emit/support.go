package emit

import (
	_ "embed"
	"strings"
)

// formatsSource is runtime/formats.go: more of the support code, merged into runtime.go's in
// namigen_support.go (its imports join runtime.go's import block, its declarations follow).
//
//go:embed runtime/formats.go
var formatsSource string

// withAppendix returns the body of runtime.go (from its import block on) with the imports and
// declarations of runtime/formats.go merged in. format.Source sorts the merged imports.
func withAppendix(body string) string {
	imports, decls := splitImports(formatsSource)
	const open = "import (\n"
	i := strings.Index(body, open)
	if i < 0 {
		return body + "\n" + decls
	}
	have := body[i:]
	var add strings.Builder
	for _, imp := range imports {
		if !strings.Contains(have[:strings.Index(have, "\n)\n")], "\t"+imp+"\n") {
			add.WriteString("\t" + imp + "\n")
		}
	}
	return body[:i+len(open)] + add.String() + body[i+len(open):] + "\n" + decls
}

// splitImports returns the import lines of a Go file with an import block (`"net/url"`) and
// what follows the block.
func splitImports(src string) (imports []string, decls string) {
	i := strings.Index(src, "\nimport (\n")
	if i < 0 {
		return nil, src[strings.Index(src, "\npackage runtime\n")+len("\npackage runtime\n"):]
	}
	rest := src[i+len("\nimport (\n"):]
	end := strings.Index(rest, "\n)\n")
	for _, line := range strings.Split(rest[:end], "\n") {
		if line = strings.TrimSpace(line); line != "" {
			imports = append(imports, line)
		}
	}
	return imports, rest[end+len("\n)\n"):]
}
