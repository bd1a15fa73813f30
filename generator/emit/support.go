package emit

import (
	_ "embed"
	"strings"
)

// formatsSource is runtime/formats.go: more of the support code, appended to runtime.go's in
// namigen_support.go without its package clause and import block (it imports nothing that
// runtime.go does not).
//
//go:embed runtime/formats.go
var formatsSource string

// runtimeAppendix returns the declarations of runtime/formats.go.
func runtimeAppendix() string {
	src := formatsSource
	i := strings.Index(src, "\nimport (")
	if i < 0 {
		return "\n" + src[strings.Index(src, "\npackage runtime\n")+len("\npackage runtime\n"):]
	}
	end := strings.Index(src[i:], "\n)\n")
	return "\n" + src[i+end+len("\n)\n"):]
}
