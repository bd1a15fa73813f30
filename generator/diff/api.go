package diff

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/write"
)

// API is the exported API of one Go package: every exported identifier with what code that
// uses it depends on.
type API struct {
	Decls map[string]Decl // by identifier: Type, Type.Field, Type.Method, Func, Const, Var
}

// Decl is one exported declaration.
type Decl struct {
	Kind  string // type, field, method, imethod (an interface's method), func, const, var
	Owner string // the type of a field or method
	Sig   string // printed type, underlying type ("struct", "interface", "= T", "T") or signature
	Value string // a constant's value expression
	JSON  string // a field's JSON name, from its tag
	// Sealed: an interface with an unexported method (nobody outside can implement it).
	Sealed bool
}

// ExtractAPI parses the .go files of a generated package (tests excluded) and returns its
// exported API.
func ExtractAPI(files []write.File) (*API, error) {
	fset := token.NewFileSet()
	api := &API{Decls: map[string]Decl{}}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".go") || strings.HasSuffix(f.Path, "_test.go") || strings.Contains(f.Path, "/") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Path, f.Data, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parsing the generated %s: %w", f.Path, err)
		}
		extractFile(fset, af, api)
	}
	return api, nil
}

func printNode(fset *token.FileSet, n ast.Node) string {
	if n == nil {
		return ""
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		return fmt.Sprintf("%T", n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// fieldTypes prints a parameter or result list as types only (names do not matter to callers).
func fieldTypes(fset *token.FileSet, fl *ast.FieldList) string {
	if fl == nil {
		return ""
	}
	var parts []string
	for _, f := range fl.List {
		t := printNode(fset, f.Type)
		n := len(f.Names)
		if n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, ", ")
}

func funcSig(fset *token.FileSet, ft *ast.FuncType) string {
	s := "func"
	if ft.TypeParams != nil {
		s += "[" + printNode(fset, ft.TypeParams) + "]"
	}
	s += "(" + fieldTypes(fset, ft.Params) + ")"
	if ft.Results != nil && len(ft.Results.List) > 0 {
		r := fieldTypes(fset, ft.Results)
		if len(ft.Results.List) > 1 || len(ft.Results.List[0].Names) > 1 {
			r = "(" + r + ")"
		}
		s += " " + r
	}
	return s
}

func recvName(e ast.Expr) (string, bool) {
	ptr := false
	if st, ok := e.(*ast.StarExpr); ok {
		e, ptr = st.X, true
	}
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name, ptr
	}
	return "", ptr
}

func extractFile(fset *token.FileSet, af *ast.File, api *API) {
	for _, decl := range af.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv != nil && len(d.Recv.List) > 0 {
				owner, ptr := recvName(d.Recv.List[0].Type)
				if owner == "" || !ast.IsExported(owner) {
					continue
				}
				recv := owner
				if ptr {
					recv = "*" + owner
				}
				api.Decls[owner+"."+d.Name.Name] = Decl{Kind: "method", Owner: owner, Sig: "(" + recv + ") " + funcSig(fset, d.Type)}
				continue
			}
			api.Decls[d.Name.Name] = Decl{Kind: "func", Sig: funcSig(fset, d.Type)}
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, sp := range d.Specs {
					extractType(fset, sp.(*ast.TypeSpec), api)
				}
			case token.CONST:
				var lastType, lastVals string
				for i, sp := range d.Specs {
					vs := sp.(*ast.ValueSpec)
					typ := printNode(fset, vs.Type)
					if vs.Type == nil && len(vs.Values) == 0 && i > 0 {
						typ = lastType // implicit repetition
					}
					vals := make([]string, len(vs.Names))
					for j := range vs.Names {
						if j < len(vs.Values) {
							vals[j] = printNode(fset, vs.Values[j])
						} else if len(vs.Values) == 0 {
							vals[j] = lastVals + " (repeated)"
						}
					}
					if len(vs.Values) > 0 {
						lastType, lastVals = typ, strings.Join(vals, ", ")
					}
					for j, n := range vs.Names {
						if n.IsExported() {
							api.Decls[n.Name] = Decl{Kind: "const", Sig: typ, Value: vals[j]}
						}
					}
				}
			case token.VAR:
				for _, sp := range d.Specs {
					vs := sp.(*ast.ValueSpec)
					for j, n := range vs.Names {
						if !n.IsExported() {
							continue
						}
						typ := printNode(fset, vs.Type)
						if typ == "" && j < len(vs.Values) {
							typ = "= " + printNode(fset, vs.Values[j])
						}
						api.Decls[n.Name] = Decl{Kind: "var", Sig: typ}
					}
				}
			}
		}
	}
}

func extractType(fset *token.FileSet, ts *ast.TypeSpec, api *API) {
	if !ts.Name.IsExported() {
		return
	}
	name := ts.Name.Name
	tp := ""
	if ts.TypeParams != nil {
		tp = "[" + printNode(fset, ts.TypeParams) + "] "
	}
	switch t := ts.Type.(type) {
	case *ast.StructType:
		if ts.Assign.IsValid() {
			break
		}
		api.Decls[name] = Decl{Kind: "type", Sig: tp + "struct"}
		for _, f := range t.Fields.List {
			typ := printNode(fset, f.Type)
			tag := ""
			if f.Tag != nil {
				if s, err := strconv.Unquote(f.Tag.Value); err == nil {
					tag = reflect.StructTag(s).Get("json")
					tag, _, _ = strings.Cut(tag, ",")
				}
			}
			names := f.Names
			if len(names) == 0 { // embedded
				en, _ := recvName(f.Type)
				if sel, ok := f.Type.(*ast.SelectorExpr); ok {
					en = sel.Sel.Name
				} else if st, ok := f.Type.(*ast.StarExpr); ok {
					if sel, ok := st.X.(*ast.SelectorExpr); ok {
						en = sel.Sel.Name
					}
				}
				if ast.IsExported(en) {
					api.Decls[name+"."+en] = Decl{Kind: "field", Owner: name, Sig: "embedded " + typ, JSON: tag}
				}
				continue
			}
			for _, n := range names {
				if n.IsExported() {
					api.Decls[name+"."+n.Name] = Decl{Kind: "field", Owner: name, Sig: typ, JSON: tag}
				}
			}
		}
		return
	case *ast.InterfaceType:
		if ts.Assign.IsValid() {
			break
		}
		sealed := false
		for _, m := range t.Methods.List {
			if len(m.Names) == 0 {
				api.Decls[name+"."+printNode(fset, m.Type)] = Decl{Kind: "imethod", Owner: name, Sig: "embedded " + printNode(fset, m.Type)}
				continue
			}
			for _, n := range m.Names {
				if !n.IsExported() {
					sealed = true
					continue
				}
				sig := printNode(fset, m.Type)
				if ft, ok := m.Type.(*ast.FuncType); ok {
					sig = funcSig(fset, ft)
				}
				api.Decls[name+"."+n.Name] = Decl{Kind: "imethod", Owner: name, Sig: sig}
			}
		}
		api.Decls[name] = Decl{Kind: "type", Sig: tp + "interface", Sealed: sealed}
		return
	}
	sig := printNode(fset, ts.Type)
	if ts.Assign.IsValid() {
		sig = "= " + sig
	}
	api.Decls[name] = Decl{Kind: "type", Sig: tp + sig}
}

var removedKind = map[string]Kind{"type": GoTypeRemoved, "field": GoFieldRemoved, "method": GoMethodRemoved, "imethod": GoMethodRemoved, "func": GoFuncRemoved, "const": GoConstRemoved, "var": GoVarRemoved}
var addedKind = map[string]Kind{"type": GoTypeAdded, "field": GoFieldAdded, "method": GoMethodAdded, "imethod": GoMethodAdded, "func": GoFuncAdded, "const": GoConstAdded, "var": GoVarAdded}
var changedKind = map[string]Kind{"type": GoTypeChanged, "field": GoFieldTypeChanged, "method": GoSignatureChanged, "imethod": GoSignatureChanged, "func": GoSignatureChanged, "const": GoConstTypeChanged, "var": GoVarTypeChanged}

func describeDecl(id string, d Decl) string {
	switch d.Kind {
	case "type":
		return "type " + id
	case "field":
		return "field " + id
	case "method", "imethod":
		return "method " + id
	case "func":
		return "func " + id
	case "const":
		return "const " + id
	}
	return "var " + id
}

// CompareAPI lists the differences between two exported APIs (category go-api). A removed
// type's fields and methods are not listed one by one.
func CompareAPI(old, new *API) []*Change { return compareAPI(old, new, nil) }

// compareAPI is CompareAPI; loc, when not nil, places each change in the schemas.
func compareAPI(old, new *API, loc *goLocator) []*Change {
	var out []*Change
	mk := func(kind Kind, id string, od, nd *Decl, msg string) *Change {
		r := RuleFor(kind)
		c := &Change{Kind: kind, Severity: r.Severity, Category: GoAPI, Go: id, Message: msg, EventTypes: []string{}}
		if od != nil {
			c.Old = declText(*od)
		}
		if nd != nil {
			c.New = declText(*nd)
		}
		d := nd
		if d == nil {
			d = od
		}
		loc.place(c, id, *d)
		out = append(out, c)
		return c
	}
	ids := map[string]bool{}
	for id := range old.Decls {
		ids[id] = true
	}
	for id := range new.Decls {
		ids[id] = true
	}
	var sorted []string
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	for _, id := range sorted {
		od, inOld := old.Decls[id]
		nd, inNew := new.Decls[id]
		switch {
		case inOld && !inNew:
			if od.Owner != "" {
				if _, ownerKept := new.Decls[od.Owner]; !ownerKept {
					continue
				}
			}
			mk(removedKind[od.Kind], id, &od, nil, describeDecl(id, od)+" removed")
		case inNew && !inOld:
			if nd.Owner != "" {
				if _, ownerWas := old.Decls[nd.Owner]; !ownerWas {
					continue
				}
			}
			c := mk(addedKind[nd.Kind], id, nil, &nd, describeDecl(id, nd)+" added")
			if nd.Kind == "imethod" && !old.Decls[nd.Owner].Sealed {
				c.Severity = Breaking
				c.Message += " to an interface: its implementations outside the package no longer satisfy it"
			}
		case od.Kind != nd.Kind:
			mk(GoTypeChanged, id, &od, &nd, fmt.Sprintf("%s is now a %s (was a %s)", id, nd.Kind, od.Kind))
		case od.Sig != nd.Sig:
			what := describeDecl(id, nd)
			switch nd.Kind {
			case "field":
				what = "type of field " + id
			case "method", "imethod", "func":
				what = "signature of " + id
			case "const":
				what = "type of const " + id
			case "var":
				what = "type of var " + id
			}
			mk(changedKind[nd.Kind], id, &od, &nd, fmt.Sprintf("%s changed from %s to %s", what, od.Sig, nd.Sig))
		case nd.Kind == "const" && od.Value != nd.Value:
			mk(GoConstValue, id, &od, &nd, fmt.Sprintf("value of const %s changed from %s to %s", id, od.Value, nd.Value))
		}
	}
	return out
}

func declText(d Decl) string {
	if d.Kind == "const" && d.Value != "" {
		if d.Sig == "" {
			return "= " + d.Value
		}
		return d.Sig + " = " + d.Value
	}
	return d.Sig
}

// place fills a go-api change's schema path and event types.
func (gl *goLocator) place(c *Change, id string, d Decl) {
	if gl == nil {
		return
	}
	typ := id
	if d.Owner != "" {
		typ = d.Owner
	}
	if d.Kind == "const" && d.Sig != "" {
		typ = d.Sig
	}
	if d.Kind == "const" && d.Sig == "EventType" {
		if v, err := strconv.Unquote(d.Value); err == nil {
			c.EventTypes = []string{v}
		}
	}
	pl, ok := gl.types[typ]
	if !ok {
		return
	}
	c.Document, c.Path = pl.document, pl.path
	if d.Kind == "field" && d.JSON != "" {
		if p, ok := pl.props[d.JSON]; ok {
			c.Document, c.Path = p[0], p[1]
		}
	}
	if len(c.EventTypes) == 0 {
		evs := pl.events
		if c.New == nil && pl.oldEvents != nil {
			evs = pl.oldEvents // removed: the payloads that had it
		}
		c.EventTypes = append([]string{}, evs...)
	}
}
