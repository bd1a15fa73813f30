package emit

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update rewrites runtime/runtime.go and the recorded runtime API: go test ./generator/emit -run Golden -update
var update = flag.Bool("update", false, "rewrite runtime/runtime.go and testdata/runtime-api.txt")

// runtimeFile is github.com/namigen/namigen/runtime, written from generator/emit/runtime.
var runtimeFile = filepath.Join("..", "..", "runtime", "runtime.go")

// TestGoldenRuntimePackage wants runtime/runtime.go to be what RuntimePackage writes from the
// support source now, so the shared runtime and the embedded support code cannot drift.
func TestGoldenRuntimePackage(t *testing.T) {
	got, err := RuntimePackage()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(runtimeFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(runtimeFile)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/emit -run Golden -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("runtime/runtime.go is not what generator/emit/runtime gives; run go test ./generator/emit -run Golden -update (-want +got):\n%s", d)
	}
}

// runtimeAPIFile records the shared API with its version.
var runtimeAPIFile = filepath.Join("testdata", "runtime-api.txt")

// TestGoldenRuntimeAPI wants every change to the API of github.com/namigen/namigen/runtime to
// come with a new SupportPackageIsVersionN constant: packages generated against the old API
// must then fail to compile against the new one, naming the version they need. -update
// records a new API only together with a new version.
func TestGoldenRuntimeAPI(t *testing.T) {
	src, err := RuntimePackage()
	if err != nil {
		t.Fatal(err)
	}
	version, api := runtimeAPI(t, src)
	got := version + "\n\n" + api
	old, err := os.ReadFile(runtimeAPIFile)
	if err != nil && !(os.IsNotExist(err) && *update) {
		t.Fatalf("%v (run go test ./generator/emit -run Golden -update)", err)
	}
	oldVersion, oldAPI, _ := strings.Cut(string(old), "\n\n")
	switch {
	case string(old) == got:
		return
	case oldVersion == version && len(old) > 0:
		t.Fatalf("the API of the runtime package changed but its version is still %s: add the next SupportPackageIsVersionN constant to generator/emit/runtime/version.go, then run go test ./generator/emit -run Golden -update (-recorded +now):\n%s", version, cmp.Diff(oldAPI, api))
	case *update:
		if err := os.WriteFile(runtimeAPIFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("the runtime package is now %s, recorded %s: run go test ./generator/emit -run Golden -update", version, oldVersion)
	}
}

// runtimeAPI returns the newest SupportPackageIsVersionN of a runtime package source and its
// exported declarations, one per line, without comments or function bodies.
func runtimeAPI(t *testing.T, src []byte) (version, api string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "runtime.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	best := -1
	print := func(n any) string {
		var b strings.Builder
		if err := printer.Fprint(&b, fset, n); err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() || d.Recv != nil && !ast.IsExported(recvName(d.Recv.List[0].Type)) {
				continue
			}
			d.Body = nil
			lines = append(lines, print(d))
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						lines = append(lines, "type "+print(s))
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if !n.IsExported() {
							continue
						}
						lines = append(lines, d.Tok.String()+" "+n.Name)
						if v, ok := strings.CutPrefix(n.Name, "SupportPackageIsVersion"); ok {
							if i, err := strconv.Atoi(v); err == nil && i > best {
								best, version = i, n.Name
							}
						}
					}
				}
			}
		}
	}
	if version == "" {
		t.Fatal("the runtime package declares no SupportPackageIsVersionN constant")
	}
	sort.Strings(lines)
	return version, strings.Join(lines, "\n") + "\n"
}
