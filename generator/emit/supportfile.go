package emit

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/write"
	"github.com/namigen/namigen/templates"
)

// Runtime says where a generated package's support code (Nullable, ValidationError and the
// decoding and checking helpers) comes from.
type Runtime int

const (
	// RuntimeEmbed copies the support code the package uses into namigen_support.go: the
	// package needs nothing but the standard library. The default.
	RuntimeEmbed Runtime = iota
	// RuntimeImport makes Nullable, Violation and ValidationError aliases of the types of
	// github.com/namigen/namigen/runtime, so that every package generated this way shares
	// them; the helpers the package uses stay in namigen_support.go, unexported.
	RuntimeImport
)

// supportFile builds namigen_support.go for a package whose other files are given.
func (e *emitter) supportFile(files []write.File) (write.File, error) {
	src, err := parseSupport()
	if err != nil {
		return write.File{}, fmt.Errorf("internal error: support source: %w", err)
	}
	want := map[string]bool{}
	for n := range src.byName {
		want[n] = true
	}
	for n := range src.members {
		want[n] = true
	}
	datas := make([][]byte, len(files))
	for i, f := range files {
		datas[i] = f.Data
	}
	top, all := generatedNames(datas, want)
	r := newReach(src, e.opts.Runtime == RuntimeImport)
	for n := range all {
		r.useMember(n)
	}
	for n := range top {
		r.useTop(n)
	}
	r.run()

	var b strings.Builder
	for _, line := range strings.Split(templates.Header(e.pkg.Sources), "\n") {
		b.WriteString("// " + line + "\n")
	}
	var shared func(*supportDecl) (string, error)
	var extra string
	switch e.opts.Runtime {
	case RuntimeImport:
		version, err := src.version()
		if err != nil {
			return write.File{}, err
		}
		b.WriteString("\n// This file holds the part of namigen's support code that this package uses. Its\n" +
			"// exported types are those of " + runtimeImportPath + ", shared by every package\n" +
			"// generated with -runtime import.\n\n")
		shared = aliasOrWrapper
		extra = "// The generated code needs this version of the runtime package: update the\n" +
			"// github.com/namigen/namigen module, or generate again with the namigen of its version.\n" +
			"const _ = runtime." + version
	default:
		b.WriteString("\n// This file holds the part of namigen's support code that this package uses.\n\n")
	}
	if err := r.render(&b, e.pkg.Name, shared, extra); err != nil {
		return write.File{}, fmt.Errorf("internal error: support code: %w", err)
	}
	out, err := format.Source([]byte(b.String()))
	if err != nil {
		return write.File{}, &Error{File: "namigen_support.go", Err: err, Src: b.String()}
	}
	return write.File{Path: "namigen_support.go", Data: out}, nil
}

// version is the name of the newest SupportPackageIsVersionN constant of the support source.
func (s *supportSource) version() (string, error) {
	best, name := -1, ""
	for n := range s.byName {
		v, ok := strings.CutPrefix(n, "SupportPackageIsVersion")
		if !ok {
			continue
		}
		if i, err := strconv.Atoi(v); err == nil && i > best {
			best, name = i, n
		}
	}
	if name == "" {
		return "", fmt.Errorf("internal error: the support source declares no SupportPackageIsVersionN constant")
	}
	return name, nil
}

// aliasOrWrapper renders an exported declaration of the support source as a reference to
// github.com/namigen/namigen/runtime: a type becomes an alias, a function a wrapper.
//
//	type Nullable[T any] = runtime.Nullable[T]
//	func NewNullable[T any](v T) Nullable[T] { return runtime.NewNullable[T](v) }
func aliasOrWrapper(d *supportDecl) (string, error) {
	var b strings.Builder
	switch n := d.node.(type) {
	case *ast.TypeSpec:
		name := n.Name.Name
		b.WriteString(docOf(d, d.doc))
		b.WriteString("//\n// It is [runtime." + name + "], shared by the packages generated with -runtime import.\n")
		b.WriteString("type " + name)
		args := ""
		if n.TypeParams != nil {
			b.WriteString(srcText(d, n.TypeParams.Opening, n.TypeParams.Closing+1))
			args = "[" + strings.Join(fieldNames(n.TypeParams), ", ") + "]"
		}
		b.WriteString(" = runtime." + name + args)
	case *ast.FuncDecl:
		name := n.Name.Name
		b.WriteString(docOf(d, d.doc))
		b.WriteString("//\n// It calls [runtime." + name + "].\n")
		b.WriteString("func " + name + srcText(d, n.Name.End(), n.Type.End()) + " {\n\t")
		if n.Type.Results != nil && len(n.Type.Results.List) > 0 {
			b.WriteString("return ")
		}
		b.WriteString("runtime." + name)
		if n.Type.TypeParams != nil {
			b.WriteString("[" + strings.Join(fieldNames(n.Type.TypeParams), ", ") + "]")
		}
		var args []string
		for _, p := range n.Type.Params.List {
			if len(p.Names) == 0 {
				return "", fmt.Errorf("%s: a shared function needs named parameters", name)
			}
			for _, id := range p.Names {
				if id.Name == "_" {
					return "", fmt.Errorf("%s: a shared function needs named parameters", name)
				}
				a := id.Name
				if _, ok := p.Type.(*ast.Ellipsis); ok {
					a += "..."
				}
				args = append(args, a)
			}
		}
		b.WriteString("(" + strings.Join(args, ", ") + ")\n}")
	default:
		return "", fmt.Errorf("%s: only exported types and functions can be shared with %s (a variable or a constant stays in the runtime package)", strings.Join(d.names, ", "), runtimeImportPath)
	}
	return b.String(), nil
}

func docOf(d *supportDecl, doc *ast.CommentGroup) string {
	if doc == nil {
		return "// " + d.names[0] + " is shared with the other generated packages.\n"
	}
	return srcText(d, doc.Pos(), doc.End()) + "\n"
}

// srcText is the source of d's file between two positions.
func srcText(d *supportDecl, from, to token.Pos) string {
	return string(d.src[d.file.Offset(from):d.file.Offset(to)])
}

func fieldNames(fl *ast.FieldList) []string {
	var names []string
	for _, f := range fl.List {
		for _, id := range f.Names {
			names = append(names, id.Name)
		}
	}
	return names
}

// RuntimePackage returns the source of github.com/namigen/namigen/runtime (runtime/runtime.go):
// the exported declarations of the support source, with the methods of its types and the
// unexported helpers they reach. The emit package writes it from the same source as every
// namigen_support.go, so the two runtime modes cannot drift apart.
func RuntimePackage() ([]byte, error) {
	src, err := parseSupport()
	if err != nil {
		return nil, err
	}
	r := newReach(src, false)
	for _, d := range src.decls {
		if d.exported && d.kind != declMethod && d.kind != declField {
			r.keep(d)
		}
	}
	r.run()
	var b strings.Builder
	b.WriteString("// Code generated by namigen from generator/emit/runtime. DO NOT EDIT.\n\n")
	b.WriteString(`// Package runtime holds the types that the packages namigen generates with -runtime import
// share: Nullable, Violation and ValidationError. A ValidationError of one such package is a
// ValidationError of every other, and a Nullable field of one is a Nullable of the others.
//
// The package is written by namigen from generator/emit/runtime, the source of the support
// code that every generated package otherwise carries in its namigen_support.go. It uses only
// the standard library. Each generated package refers to a SupportPackageIsVersionN constant,
// so a package generated for another version of this package does not compile and names the
// version it needs.
`)
	if err := r.render(&b, "runtime", nil, ""); err != nil {
		return nil, err
	}
	out, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, &Error{File: "runtime/runtime.go", Err: err, Src: b.String()}
	}
	return out, nil
}
