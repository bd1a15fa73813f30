package generator

import (
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// unusedDecls type-checks one package (its non-test files) and returns the unexported
// package-level functions, types, variables and constants, methods and struct fields that no
// exported declaration reaches: what staticcheck's U1000 reports. The roots are the exported
// package-level objects, init functions and blank (_) declarations; a reached named type
// reaches its exported methods and fields, and the methods that satisfy a reached interface.
// A use inside a declaration is an edge from that declaration (a struct field's type is
// reached only through the field), so code used only by unused code is unused too. As in
// staticcheck, an unkeyed composite literal of a struct uses all its fields.
func unusedDecls(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	return newUnusedChecker().check(t, files)
}

// unusedChecker shares one file set and importer (and so the standard library's export data)
// across the packages it checks.
type unusedChecker struct {
	fset *token.FileSet
	imp  types.Importer
}

func newUnusedChecker() *unusedChecker {
	fset := token.NewFileSet()
	return &unusedChecker{fset: fset, imp: &moduleImporter{
		fset: fset,
		std:  importer.ForCompiler(fset, "gc", nil),
		deps: importer.ForCompiler(fset, "gc", goListExport),
		pkgs: map[string]*types.Package{},
	}}
}

// goListExport opens the export data of a dependency of this module (the one module generated
// code may import besides ours, github.com/dlclark/regexp2), which `go list -export` builds.
func goListExport(path string) (io.ReadCloser, error) {
	out, err := exec.Command("go", "list", "-export", "-f", "{{.Export}}", path).Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export %s: %v", path, err)
	}
	return os.Open(strings.TrimSpace(string(out)))
}

// moduleImporter imports the standard library from export data, the packages of this module
// (github.com/namigen/namigen/runtime) from their source, and its dependencies from the export
// data `go list -export` gives.
type moduleImporter struct {
	fset *token.FileSet
	std  types.Importer
	deps types.Importer
	pkgs map[string]*types.Package
}

func (m *moduleImporter) Import(path string) (*types.Package, error) {
	rel, ok := strings.CutPrefix(path, "github.com/namigen/namigen/")
	if !ok {
		if strings.Contains(strings.SplitN(path, "/", 2)[0], ".") {
			return m.deps.Import(path)
		}
		return m.std.Import(path)
	}
	if p := m.pkgs[path]; p != nil {
		return p, nil
	}
	dir := filepath.Join("..", filepath.FromSlash(rel))
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range ents {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			f, err := parser.ParseFile(m.fset, filepath.Join(dir, n), nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	conf := types.Config{Importer: m}
	p, err := conf.Check(path, m.fset, files, nil)
	if err != nil {
		return nil, err
	}
	m.pkgs[path] = p
	return p, nil
}

func (uc *unusedChecker) check(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	fset := uc.fset
	var asts []*ast.File
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, files[n], parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse %s: %v", n, err)
		}
		asts = append(asts, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: uc.imp}
	pkg, err := conf.Check(asts[0].Name.Name, fset, asts, info)
	if err != nil {
		t.Fatalf("type-check: %v", err)
	}

	// origin maps an instantiated generic method or field to its declaration.
	origin := func(o types.Object) types.Object {
		switch x := o.(type) {
		case *types.Func:
			return x.Origin()
		case *types.Var:
			return x.Origin()
		}
		return o
	}
	edges := map[types.Object][]types.Object{}
	var roots []types.Object
	// collect walks n and records every use of an object of pkg as an edge from owner.
	collect := func(owner types.Object, n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if o := info.Uses[n]; o != nil && o.Pkg() == pkg {
					edges[owner] = append(edges[owner], origin(o))
				}
			case *ast.CompositeLit:
				typ := info.Types[n].Type
				if p, ok := typ.Underlying().(*types.Pointer); ok {
					typ = p.Elem() // an elided &T{...} in a []*T literal
				}
				st, ok := typ.Underlying().(*types.Struct)
				if !ok || len(n.Elts) == 0 {
					break
				}
				if _, keyed := n.Elts[0].(*ast.KeyValueExpr); keyed {
					break
				}
				for i := 0; i < st.NumFields(); i++ {
					if f := st.Field(i); f.Pkg() == pkg {
						edges[owner] = append(edges[owner], origin(f))
					}
				}
			}
			return true
		})
	}
	var tracked []types.Object
	track := func(o types.Object) {
		tracked = append(tracked, o)
		if o.Exported() && o.Parent() == pkg.Scope() || o.Name() == "_" {
			roots = append(roots, o)
		}
	}
	for _, f := range asts {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				o := info.Defs[d.Name]
				if d.Recv == nil && d.Name.Name == "init" {
					collect(nil, d)
					continue
				}
				track(o)
				collect(o, d)
			case *ast.GenDecl:
				// As staticcheck does, the constants of one parenthesised block are used
				// together (an iota block's values depend on their order).
				var constGroup []types.Object
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						o := info.Defs[s.Name]
						track(o)
						if st, ok := s.Type.(*ast.StructType); ok {
							if s.TypeParams != nil {
								collect(o, s.TypeParams)
							}
							for _, fld := range st.Fields.List {
								if len(fld.Names) == 0 {
									// An embedded field belongs to the type.
									collect(o, fld)
									continue
								}
								for _, n := range fld.Names {
									fo := info.Defs[n]
									tracked = append(tracked, fo)
									collect(fo, fld.Type)
								}
							}
							continue
						}
						collect(o, s)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							o := info.Defs[n]
							if n.Name == "_" {
								collect(nil, s)
								continue
							}
							track(o)
							collect(o, s)
							constGroup = append(constGroup, o)
						}
					}
				}
				if d.Tok == token.CONST && d.Lparen.IsValid() {
					for _, o := range constGroup {
						edges[o] = append(edges[o], constGroup...)
					}
				}
			}
		}
	}
	reached := map[types.Object]bool{}
	var work []types.Object
	mark := func(o types.Object) {
		if o != nil && !reached[o] {
			reached[o] = true
			work = append(work, o)
		}
	}
	for _, o := range roots {
		mark(o)
	}
	for _, o := range edges[nil] {
		mark(o)
	}
	for {
		for len(work) > 0 {
			o := work[len(work)-1]
			work = work[:len(work)-1]
			for _, u := range edges[o] {
				mark(u)
			}
			tn, ok := o.(*types.TypeName)
			if !ok {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok {
				continue
			}
			for i := 0; i < named.NumMethods(); i++ {
				if m := named.Method(i); m.Exported() {
					mark(m)
				}
			}
			if st, ok := named.Underlying().(*types.Struct); ok {
				for i := 0; i < st.NumFields(); i++ {
					// A blank field is used, as in staticcheck (its rule 9.9).
					if f := st.Field(i); f.Exported() || f.Embedded() || f.Name() == "_" {
						mark(f)
					}
				}
			}
		}
		// Interface satisfaction: a reached interface's methods reach the methods of every
		// reached type that implements it.
		for o := range reached {
			tn, ok := o.(*types.TypeName)
			if !ok || !types.IsInterface(tn.Type()) {
				continue
			}
			iface := tn.Type().Underlying().(*types.Interface)
			for c := range reached {
				cn, ok := c.(*types.TypeName)
				if !ok || cn == tn || types.IsInterface(cn.Type()) {
					continue
				}
				if _, named := cn.Type().(*types.Named); !named {
					continue
				}
				ptr := types.NewPointer(cn.Type())
				if !types.Implements(cn.Type(), iface) && !types.Implements(ptr, iface) {
					continue
				}
				for i := 0; i < iface.NumMethods(); i++ {
					obj, _, _ := types.LookupFieldOrMethod(ptr, false, pkg, iface.Method(i).Name())
					if obj != nil {
						mark(origin(obj))
					}
				}
			}
		}
		if len(work) == 0 {
			break
		}
	}
	var out []string
	for _, o := range tracked {
		if o == nil || reached[o] || o.Exported() && o.Parent() == pkg.Scope() {
			continue
		}
		if o.Exported() {
			// An exported method or field of an unreached type is unused with its type,
			// which is reported already.
			continue
		}
		kind := "func"
		switch x := o.(type) {
		case *types.TypeName:
			kind = "type"
		case *types.Const:
			kind = "const"
		case *types.Var:
			kind = "var"
			if x.IsField() {
				kind = "field"
			}
		case *types.Func:
			if x.Type().(*types.Signature).Recv() != nil {
				kind = "method"
			}
		}
		pos := fset.Position(o.Pos())
		out = append(out, fmt.Sprintf("%s:%d: %s %s is unused", filepath.Base(pos.Filename), pos.Line, kind, o.Name()))
	}
	sort.Strings(out)
	return out
}

// TestUnusedCheckerFinds proves the checker reports each kind of unused declaration, and
// nothing that is reached only through an interface or a field.
func TestUnusedCheckerFinds(t *testing.T) {
	src := `package p

import "fmt"

type Exported struct {
	_     [0]func()
	Name  string
	used  helper
	dead  deadType
}

type helper struct{ n int }

type deadType struct{}

type stringer interface{ str() string }

type impl struct{}

func (impl) str() string { return "" }

func (e Exported) String() string { return fmt.Sprint(e.used.n, show(impl{})) }

func (e Exported) unusedMethod() {}

func show(s stringer) string { return s.str() }

func deadFunc() { deadFunc() }

var deadVar = 1

const deadConst = 2

var _ = keptByBlank

func keptByBlank() {}

type row struct{ a, b int }

type keyed struct{ a, b int }

var Rows = []row{{1, 2}}

var Keyed = keyed{a: 1}

type ptrRow struct{ a, b int }

var PtrRows = []*ptrRow{{1, 2}}
`
	got := unusedDecls(t, map[string][]byte{"p.go": []byte(src)})
	want := []string{
		"p.go:24: method unusedMethod is unused",
		"p.go:28: func deadFunc is unused",
		"p.go:30: var deadVar is unused",
		"p.go:32: const deadConst is unused",
		"p.go:9: field dead is unused",
		"p.go:14: type deadType is unused",
		"p.go:40: field b is unused", // of keyed; row's fields are written unkeyed: used
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unusedDecls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGeneratedHasNoUnused wants no unused unexported declaration (staticcheck's U1000) in the
// generated code of every golden case, in both runtime modes, and of generated/namievents.
func TestGeneratedHasNoUnused(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks every golden package; skipped in -short mode")
	}
	uc := newUnusedChecker()
	for _, c := range loadCases(t) {
		want := filepath.Join(c.dir, "want")
		if _, err := os.Stat(want); err != nil {
			continue // an error case
		}
		t.Run(c.name, func(t *testing.T) {
			files := map[string][]byte{}
			for rel := range goldenFiles(t, want) {
				if !strings.HasSuffix(rel, ".go") {
					continue
				}
				data, err := os.ReadFile(filepath.Join(want, filepath.FromSlash(rel)+".golden"))
				if err != nil {
					t.Fatal(err)
				}
				files[rel] = data
			}
			for _, u := range uc.check(t, files) {
				t.Error(u)
			}
		})
	}
	// The same in -runtime import mode, generated here (only the runtime-import case has goldens).
	for _, c := range loadCases(t) {
		if _, err := os.Stat(filepath.Join(c.dir, "want")); err != nil {
			continue
		}
		t.Run(c.name+"/import", func(t *testing.T) {
			cfg := c.cfg
			cfg.Runtime = "import"
			out, err := Generate(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			for _, f := range out {
				if strings.HasSuffix(f.Path, ".go") {
					files[f.Path] = f.Data
				}
			}
			for _, u := range uc.check(t, files) {
				t.Error(u)
			}
		})
	}
	t.Run("namievents", func(t *testing.T) {
		dir := filepath.Join("..", "generated", "namievents")
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, e := range ents {
			if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				data, err := os.ReadFile(filepath.Join(dir, n))
				if err != nil {
					t.Fatal(err)
				}
				files[n] = data
			}
		}
		for _, u := range uc.check(t, files) {
			t.Error(u)
		}
	})
}
