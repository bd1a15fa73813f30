package emit

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The support code of a generated package (namigen_support.go) is cut from the Go files of
// generator/emit/runtime, the one source of the runtime: it is compiled and tested there. A
// package gets only the declarations its other files reach, so it carries no unused code
// (staticcheck's U1000 finds nothing) and a package that needs no dynamic validator, no
// formats or no maps compiles none of their support.
//
// Reachability is syntactic, over identifiers, which is enough for this source (no dot
// imports, no embedding of support types, methods called by name):
//   - the roots are the identifiers of the generated files;
//   - a kept declaration reaches the package-level declarations its identifiers name;
//   - a kept type reaches its exported methods, and its unexported methods and fields whose
//     names a kept declaration or a generated file uses (a field's type is reached only
//     through the field), or all its fields when its doc comment says that generated code
//     writes it positionally;
//   - an exported function whose signature names a kept type is kept with it (NewNullable
//     with Nullable), as it is API for the package's users.
//
// The declarations keep their source order and comments; a free-floating comment that opens
// a section is kept when a declaration of its section is. The source order is the files' name
// order, then the order within each file, and a section goes on across files until the next
// section comment: the declarations at the top of a file belong to the section open at the end
// of the file before it. So a runtime file is named for its place, and one that starts a new
// subject starts with a section comment.

//go:embed runtime/*.go
var runtimeFS embed.FS

// runtimeImportPath is the package that -runtime import packages share.
const runtimeImportPath = "github.com/namigen/namigen/runtime"

type declKind int

const (
	declFunc declKind = iota
	declMethod
	declType
	declValue
	declField
)

// supportDecl is one declaration of the support source: a function, a method, a type spec,
// a var or const spec, or an unexported struct field (a member of its type).
type supportDecl struct {
	kind     declKind
	names    []string
	owner    *supportDecl // methods and fields: their type (nil for a method of another file's type until linked)
	recv     string       // methods: the receiver's type name
	exported bool
	text     string   // source text with the doc comment
	idents   []string // identifiers it refers to (locals excluded)
	pkgs     []string // imported package names it refers to
	sigTypes []string // exported functions: identifiers of the signature
	fields   []*supportDecl
	// fields: the byte range to cut from the owner's text when the field is dropped.
	cutFrom, cutTo int
	group          *declGroup // specs of a parenthesised block
	section        int        // index of the section comment it follows, or -1
	node           ast.Node
	doc            *ast.CommentGroup // the doc comment, of the spec or of its single-spec declaration
	src            []byte            // the file's source
	file           *token.File       // for offsets into src
	methods        []*supportDecl
}

// declGroup is a parenthesised var, const or type block.
type declGroup struct {
	tok   token.Token
	doc   string
	specs []*supportDecl
	// implicit: a const spec of the group repeats the one before it (iota), so the group is
	// kept whole or not at all.
	implicit bool
}

// supportSource is the parsed runtime source.
type supportSource struct {
	decls    []*supportDecl // in source order (fields excluded)
	sections []string       // section comments
	open     int            // the section open at the end of the files added so far, or -1
	byName   map[string][]*supportDecl
	members  map[string][]*supportDecl // methods and unexported fields by name
	imports  map[string]string         // package name → import path
}

// parseSupport parses the non-test Go files of generator/emit/runtime.
func parseSupport() (*supportSource, error) {
	ents, err := runtimeFS.ReadDir("runtime")
	if err != nil {
		return nil, err
	}
	s := &supportSource{byName: map[string][]*supportDecl{}, members: map[string][]*supportDecl{}, imports: map[string]string{}, open: -1}
	fset := token.NewFileSet()
	types := map[string]*supportDecl{}
	var methods []*supportDecl
	for _, ent := range ents {
		name := ent.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := runtimeFS.ReadFile("runtime/" + name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if err := s.addFile(fset, f, src, types, &methods); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, m := range methods {
		t := types[m.recv]
		if t == nil {
			return nil, fmt.Errorf("method %s of %s: the type is not in the support source", m.names[0], m.recv)
		}
		m.owner = t
		t.methods = append(t.methods, m)
		if !m.exported {
			s.members[m.names[0]] = append(s.members[m.names[0]], m)
		}
	}
	return s, nil
}

// addFile adds the imports, section comments and declarations of one file of the support
// source.
func (s *supportSource) addFile(fset *token.FileSet, f *ast.File, src []byte, types map[string]*supportDecl, methods *[]*supportDecl) error {
	if err := s.addImports(f); err != nil {
		return err
	}
	c := &fileCtx{fset: fset, f: f, tf: fset.File(f.Pos()), src: src}
	c.sectionOf = s.fileSections(c)
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			s.addFunc(c, decl, methods)
		case *ast.GenDecl:
			s.addGenDecl(c, decl, types)
		}
	}
	return nil
}

// fileCtx is a file of the support source being read: its text and the section of a position.
type fileCtx struct {
	fset      *token.FileSet
	f         *ast.File
	tf        *token.File
	src       []byte
	sectionOf func(token.Pos) int
}

func (c *fileCtx) off(p token.Pos) int { return c.tf.Offset(p) }

func (c *fileCtx) text(from, to token.Pos) string { return string(c.src[c.off(from):c.off(to)]) }

// start is where a declaration's text starts: its doc comment, if any.
func (c *fileCtx) start(doc *ast.CommentGroup, n ast.Node) token.Pos {
	if doc != nil {
		return doc.Pos()
	}
	return n.Pos()
}

// addImports records the file's imports by package name.
func (s *supportSource) addImports(f *ast.File) error {
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return err
		}
		n := path.Base(p)
		if imp.Name != nil {
			n = imp.Name.Name
		}
		if n == "_" || n == "." {
			return fmt.Errorf("import %s: blank and dot imports are not supported in the support source", imp.Path.Value)
		}
		if p == "runtime" {
			return fmt.Errorf("the support source must not import the standard runtime package: -runtime import packages name %s runtime", runtimeImportPath)
		}
		if old, ok := s.imports[n]; ok && old != p {
			return fmt.Errorf("package name %s is both %s and %s", n, old, p)
		}
		s.imports[n] = p
	}
	return nil
}

// fileSections records the file's section comments (comment groups outside every declaration
// and not a doc comment) and returns the section of a position in the file. A declaration
// before the file's first section comment is in the section the files before it left open.
func (s *supportSource) fileSections(c *fileCtx) func(token.Pos) int {
	f := c.f
	docs := map[*ast.CommentGroup]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			docs[n.Doc] = true
		case *ast.GenDecl:
			docs[n.Doc] = true
		case *ast.TypeSpec:
			docs[n.Doc] = true
		case *ast.ValueSpec:
			docs[n.Doc] = true
		}
		return true
	})
	var sectionAt []token.Pos
	var sectionIdx []int
	for _, cg := range f.Comments {
		if docs[cg] || cg.Pos() < f.Package || insideDecl(f, cg.Pos()) {
			continue
		}
		sectionAt = append(sectionAt, cg.Pos())
		sectionIdx = append(sectionIdx, len(s.sections))
		s.sections = append(s.sections, c.text(cg.Pos(), cg.End()))
	}
	open := s.open
	if len(sectionIdx) > 0 {
		s.open = sectionIdx[len(sectionIdx)-1]
	}
	return func(p token.Pos) int {
		i := sort.Search(len(sectionAt), func(i int) bool { return sectionAt[i] > p })
		if i == 0 {
			return open
		}
		return sectionIdx[i-1]
	}
}

// add records a declaration in source order, and by name unless it is a method.
func (s *supportSource) add(d *supportDecl) {
	s.decls = append(s.decls, d)
	if d.kind != declMethod {
		for _, n := range d.names {
			s.byName[n] = append(s.byName[n], d)
		}
	}
}

// addFunc adds a function or a method (methods are linked to their types afterwards).
func (s *supportSource) addFunc(c *fileCtx, decl *ast.FuncDecl, methods *[]*supportDecl) {
	d := &supportDecl{kind: declFunc, names: []string{decl.Name.Name}, exported: decl.Name.IsExported(), doc: decl.Doc,
		text: c.text(c.start(decl.Doc, decl), decl.End()), node: decl, src: c.src, file: c.tf, section: c.sectionOf(decl.Pos())}
	d.idents, d.pkgs = refs(c.f, decl, s.imports, nil)
	if decl.Recv != nil {
		d.kind = declMethod
		d.recv = recvName(decl.Recv.List[0].Type)
		*methods = append(*methods, d)
	} else if d.exported {
		d.sigTypes, _ = refs(c.f, decl.Type, s.imports, nil)
	}
	s.add(d)
}

// addGenDecl adds each spec of a type, var or const declaration; the specs of a parenthesized
// declaration share its group.
func (s *supportSource) addGenDecl(c *fileCtx, decl *ast.GenDecl, types map[string]*supportDecl) {
	var g *declGroup
	if decl.Lparen.IsValid() {
		g = &declGroup{tok: decl.Tok}
		if decl.Doc != nil {
			g.doc = c.text(decl.Doc.Pos(), decl.Doc.End())
		}
	}
	for _, spec := range decl.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok && g != nil && decl.Tok == token.CONST && len(vs.Values) == 0 {
			g.implicit = true
		}
		d := &supportDecl{node: spec, src: c.src, file: c.tf, group: g, section: c.sectionOf(decl.Pos())}
		var doc, line *ast.CommentGroup
		switch spec := spec.(type) {
		case *ast.ImportSpec:
			continue
		case *ast.TypeSpec:
			d.kind, d.names = declType, []string{spec.Name.Name}
			d.exported = spec.Name.IsExported()
			doc, line = spec.Doc, spec.Comment
			types[spec.Name.Name] = d
			var fields map[ast.Node]bool
			if !positional(spec, decl) {
				fields = s.addFields(c, d, spec)
			}
			d.idents, d.pkgs = refs(c.f, spec, s.imports, fields)
		case *ast.ValueSpec:
			d.kind = declValue
			for _, n := range spec.Names {
				d.names = append(d.names, n.Name)
				d.exported = d.exported || n.IsExported()
			}
			doc, line = spec.Doc, spec.Comment
			d.idents, d.pkgs = refs(c.f, spec, s.imports, nil)
		}
		from, to := spec.Pos(), spec.End()
		d.doc = doc
		if g == nil {
			// A single spec: the declaration's doc and keyword belong to it.
			from, to = decl.Pos(), decl.End()
			if decl.Doc != nil {
				from = decl.Doc.Pos()
				d.doc = decl.Doc
			}
		} else if doc != nil {
			from = doc.Pos()
		}
		if line != nil && line.End() > to {
			to = line.End()
		}
		d.text = c.text(from, to)
		// Field cuts are relative to the declaration's text.
		for _, fd := range d.fields {
			fd.cutFrom -= c.off(from)
			fd.cutTo -= c.off(from)
		}
		if g != nil {
			g.specs = append(g.specs, d)
		}
		s.add(d)
	}
}

// positional reports whether the doc comment of a type says that generated code writes its
// values positionally ("Generated code writes ... positionally"): such a type keeps all its
// fields.
func positional(spec *ast.TypeSpec, decl *ast.GenDecl) bool {
	doc := spec.Doc
	if doc == nil {
		doc = decl.Doc
	}
	return doc != nil && strings.Contains(doc.Text(), "positionally")
}

// blankField reports whether a field declaration names only _.
func blankField(names []*ast.Ident) bool {
	for _, n := range names {
		if n.Name != "_" {
			return false
		}
	}
	return true
}

// addFields records the removable fields of a struct type (its unexported named fields) as
// members of d, and returns them for refs to skip: a field's type is reached through the field.
// Fields are cut by whole lines, so only a struct written over several lines has removable
// fields. A blank field (_) is never removable: nothing can name it, and it is there for the
// type's layout or to make it not comparable (Nullable).
func (s *supportSource) addFields(c *fileCtx, d *supportDecl, spec *ast.TypeSpec) map[ast.Node]bool {
	st, ok := spec.Type.(*ast.StructType)
	if !ok || c.fset.Position(st.Fields.Opening).Line == c.fset.Position(st.Fields.Closing).Line {
		return nil
	}
	skip := map[ast.Node]bool{}
	for _, fld := range st.Fields.List {
		if len(fld.Names) == 0 || anyExported(fld.Names) || blankField(fld.Names) {
			continue
		}
		skip[fld] = true
		fd := &supportDecl{kind: declField, owner: d, node: fld, src: c.src}
		for _, n := range fld.Names {
			fd.names = append(fd.names, n.Name)
		}
		fd.idents, fd.pkgs = refs(c.f, fld.Type, s.imports, nil)
		from, to := c.start(fld.Doc, fld), fld.End()
		if fld.Comment != nil {
			to = fld.Comment.End()
		}
		fd.cutFrom, fd.cutTo = lineStart(c.src, c.off(from)), lineEnd(c.src, c.off(to))
		d.fields = append(d.fields, fd)
		for _, n := range fd.names {
			s.members[n] = append(s.members[n], fd)
		}
	}
	return skip
}

// insideDecl reports whether p lies within a top-level declaration of f.
func insideDecl(f *ast.File, p token.Pos) bool {
	i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > p })
	return i < len(f.Decls) && f.Decls[i].Pos() <= p
}

func anyExported(ids []*ast.Ident) bool {
	for _, id := range ids {
		if id.IsExported() {
			return true
		}
	}
	return false
}

// recvName is the type name of a method receiver: T, *T, T[P] or *T[P, Q].
func recvName(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.ParenExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// refs lists the identifiers n refers to that may name package-level declarations or members
// (a name the parser resolved to a local declaration is left out), and the imported package
// names it uses. Nodes in skip are not visited.
func refs(f *ast.File, n ast.Node, imports map[string]string, skip map[ast.Node]bool) (idents, pkgs []string) {
	seen := map[string]bool{}
	seenPkg := map[string]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		if skip[n] {
			return false
		}
		switch x := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
				if _, isPkg := imports[id.Name]; isPkg && f.Scope.Lookup(id.Name) == nil {
					if !seenPkg[id.Name] {
						seenPkg[id.Name] = true
						pkgs = append(pkgs, id.Name)
					}
					return false
				}
			}
		case *ast.Ident:
			if x.Obj != nil && f.Scope.Lookup(x.Name) != x.Obj {
				return true // a local
			}
			if !seen[x.Name] {
				seen[x.Name] = true
				idents = append(idents, x.Name)
			}
		}
		return true
	})
	return idents, pkgs
}

func lineStart(src []byte, i int) int {
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return i
}

func lineEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' {
		i++
	}
	if i < len(src) {
		i++
	}
	return i
}

// reach computes the declarations to keep.
type reach struct {
	src  *supportSource
	top  map[string]bool
	all  map[string]bool
	kept map[*supportDecl]bool
	work []*supportDecl
	// skipShared leaves out the exported declarations and their methods (-runtime import).
	skipShared bool
}

func newReach(src *supportSource, skipShared bool) *reach {
	return &reach{src: src, top: map[string]bool{}, all: map[string]bool{}, kept: map[*supportDecl]bool{}, skipShared: skipShared}
}

func (r *reach) useTop(n string) {
	r.useMember(n)
	if r.top[n] {
		return
	}
	r.top[n] = true
	for _, d := range r.src.byName[n] {
		r.keep(d)
	}
}

func (r *reach) useMember(n string) {
	if r.all[n] {
		return
	}
	r.all[n] = true
	for _, m := range r.src.members[n] {
		if r.kept[m.owner] {
			r.keep(m)
		}
	}
}

func (r *reach) keep(d *supportDecl) {
	if r.kept[d] {
		return
	}
	if r.skipShared && isShared(d) {
		// Kept as an alias or a wrapper, which refers to nothing of the support source but
		// the types of its signature.
		r.kept[d] = true
		for _, n := range d.sigTypes {
			r.useTop(n)
		}
		return
	}
	r.kept[d] = true
	r.work = append(r.work, d)
}

// isShared reports whether d belongs to the API of github.com/namigen/namigen/runtime: an
// exported declaration or a method of an exported type.
func isShared(d *supportDecl) bool {
	if d.kind == declMethod {
		return d.owner.exported
	}
	return d.exported && d.kind != declField
}

func (r *reach) run() {
	for {
		for len(r.work) > 0 {
			d := r.work[len(r.work)-1]
			r.work = r.work[:len(r.work)-1]
			for _, n := range d.idents {
				r.useTop(n)
			}
			for _, m := range d.methods {
				if m.exported || r.all[m.names[0]] {
					r.keep(m)
				}
			}
			for _, fd := range d.fields {
				for _, n := range fd.names {
					if r.all[n] {
						r.keep(fd)
					}
				}
			}
		}
		// Companion functions: an exported function whose signature names a kept type.
		for _, d := range r.src.decls {
			if d.kind != declFunc || !d.exported || r.kept[d] {
				continue
			}
			for _, n := range d.sigTypes {
				if t := r.typeNamed(n); t != nil && r.kept[t] {
					r.keep(d)
					break
				}
			}
		}
		// A const group with implicit values (iota) is kept whole once one of it is.
		for _, d := range r.src.decls {
			if r.kept[d] && d.group != nil && d.group.implicit {
				for _, o := range d.group.specs {
					if !r.kept[o] {
						r.keep(o)
					}
				}
			}
		}
		if len(r.work) == 0 {
			return
		}
	}
}

func (r *reach) typeNamed(n string) *supportDecl {
	for _, d := range r.src.byName[n] {
		if d.kind == declType {
			return d
		}
	}
	return nil
}

// render writes the kept declarations, in source order, after the package clause and the
// imports they use. shared renders an exported declaration when it is not nil (-runtime
// import: an alias or a wrapper) and extra is appended after the imports.
func (r *reach) render(b *strings.Builder, pkgName string, shared func(*supportDecl) (string, error), extra string) error {
	pkgs := map[string]bool{}
	var body strings.Builder
	section := -1
	var open *declGroup
	closeGroup := func() {
		if open != nil {
			body.WriteString(")\n\n")
			open = nil
		}
	}
	for _, d := range r.src.decls {
		if !r.kept[d] || d.kind == declField {
			continue
		}
		if d.section != section && d.section >= 0 {
			closeGroup()
			body.WriteString(r.src.sections[d.section])
			body.WriteString("\n\n")
		}
		section = d.section
		text := d.text
		if shared != nil && isShared(d) {
			if d.kind == declMethod {
				continue
			}
			t, err := shared(d)
			if err != nil {
				return err
			}
			closeGroup()
			body.WriteString(t)
			body.WriteString("\n\n")
			pkgs["runtime"] = true
			continue
		}
		for _, p := range d.pkgs {
			pkgs[p] = true
		}
		if len(d.fields) > 0 {
			text = r.cutFields(d)
		}
		if d.group != open {
			closeGroup()
			if d.group != nil {
				if d.group.doc != "" {
					body.WriteString(d.group.doc + "\n")
				}
				body.WriteString(d.group.tok.String() + " (\n")
				open = d.group
			}
		}
		body.WriteString(text)
		if open != nil {
			body.WriteString("\n")
		} else {
			body.WriteString("\n\n")
		}
	}
	closeGroup()
	if shared != nil {
		// -runtime import: extra holds the version guard, which names the runtime package even
		// where nothing else of it is used.
		pkgs["runtime"] = true
	}
	b.WriteString("package " + pkgName + "\n\n")
	r.writeImports(b, pkgs)
	if extra != "" {
		b.WriteString(extra + "\n\n")
	}
	b.WriteString(body.String())
	return nil
}

// writeImports writes the import block of the packages named in pkgs: standard library imports
// first, then the others, as goimports groups them.
func (r *reach) writeImports(b *strings.Builder, pkgs map[string]bool) {
	var std, other []string
	for n := range pkgs {
		p := r.src.imports[n]
		if n == "runtime" {
			p = runtimeImportPath
		}
		spec := strconv.Quote(p)
		if path.Base(p) != n {
			spec = n + " " + spec
		}
		if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
			other = append(other, spec)
		} else {
			std = append(std, spec)
		}
	}
	byPath := func(l []string) {
		sort.Slice(l, func(i, j int) bool { return importPath(l[i]) < importPath(l[j]) })
	}
	byPath(std)
	byPath(other)
	if len(std)+len(other) > 0 {
		b.WriteString("import (\n")
		for _, p := range std {
			b.WriteString("\t" + p + "\n")
		}
		if len(std) > 0 && len(other) > 0 {
			b.WriteString("\n")
		}
		for _, p := range other {
			b.WriteString("\t" + p + "\n")
		}
		b.WriteString(")\n\n")
	}
}

// importPath is the quoted path of an import spec or line (`"path"` or `name "path"`).
func importPath(spec string) string {
	if i := strings.IndexByte(spec, '"'); i >= 0 {
		return spec[i:]
	}
	return spec
}

// cutFields is the text of a struct type without its unkept unexported fields.
func (r *reach) cutFields(d *supportDecl) string {
	text := d.text
	// Cut from the end so that the earlier offsets stay valid.
	for i := len(d.fields) - 1; i >= 0; i-- {
		fd := d.fields[i]
		if !r.kept[fd] {
			text = text[:fd.cutFrom] + text[fd.cutTo:]
		}
	}
	return text
}
