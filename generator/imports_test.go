package generator

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGoldenImports: generated code imports the standard library only, except
// github.com/dlclark/regexp2, which a package generated with -regexp ecma imports when one of
// its patterns is beyond Go's regexp, and github.com/namigen/namigen/runtime, which a package
// generated with -runtime import imports.
func TestGoldenImports(t *testing.T) {
	ecmaSeen, runtimeSeen := false, false
	for _, c := range loadCases(t) {
		files, _ := filepath.Glob(filepath.Join(c.dir, "want", "*.golden"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, imp := range af.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				switch {
				case p == "github.com/dlclark/regexp2":
					if c.cfg.Regexp != "ecma" {
						t.Errorf("%s imports %s without -regexp ecma", f, p)
					}
					ecmaSeen = true
				case p == "github.com/namigen/namigen/runtime":
					if c.cfg.Runtime != "import" {
						t.Errorf("%s imports %s without -runtime import", f, p)
					}
					runtimeSeen = true
				case strings.Contains(strings.SplitN(p, "/", 2)[0], "."):
					t.Errorf("%s imports %s, outside the standard library", f, p)
				}
			}
		}
	}
	if !runtimeSeen {
		t.Error("no golden case imports github.com/namigen/namigen/runtime: the runtime-import case lost it")
	}
	if !ecmaSeen {
		t.Error("no golden case imports regexp2: the ecma-pattern case lost its ECMA-262 patterns")
	}
}
