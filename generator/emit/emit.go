// Package emit is the only package that writes Go: it turns the IR of generator/model into the
// files of one package with jennifer. One small function per model kind; each shows in its
// comment the Go it produces.
//
// Files:
//   - types.go: every named type with its doc comment, JSON decoding (UnmarshalJSON, which
//     checks presence, types and closed objects) and Validate; then the dynamic validator
//     (dynamic.go): a function per schema node of the dynamic types, in location order, and
//     the $dynamicAnchor resolvers.
//   - events.go: EventType, Event, Decode and UnknownEvent (only for an event bundle).
//   - webhook.go: the webhook Handler of an event bundle (webhook.go in this package; its static
//     half is generator/emit/webhookrt).
//   - namigen_support.go: the declarations of generator/emit/runtime that the other files reach
//     (prune.go), or with -runtime import aliases of github.com/namigen/namigen/runtime.
//   - doc.go: the package doc (pkgdoc.go), from the root schema's title and description.
package emit

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
	"github.com/namigen/namigen/templates"
)

// Error is an emit failure: generated code that does not format, shown with line numbers.
type Error struct {
	File string
	Err  error
	Src  string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "internal error: generated %s does not format: %v\n", e.File, e.Err)
	for i, line := range strings.Split(e.Src, "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}

// Emit renders the package's files with the default Options.
func Emit(pkg *model.Package) ([]write.File, error) {
	return EmitWith(pkg, Options{})
}

// EmitWith renders the package's files.
func EmitWith(pkg *model.Package, opts Options) ([]write.File, error) {
	files, err := emitFiles(pkg, opts, true)
	if errors.Is(err, errWholeFile) {
		files, err = emitFiles(pkg, opts, false)
	}
	return files, err
}

// emitFiles builds the files' code in order (the emitter numbers patterns and schema functions
// as it goes) while the renderer formats it (render.go): piece by piece when chunked, else file
// by file.
func emitFiles(pkg *model.Package, opts Options, chunked bool) ([]write.File, error) {
	e := &emitter{pkg: pkg, patterns: map[string]string{}, opts: opts, membersBranches: membersBranches(pkg),
		tp: newTablePlan(pkg), glue: map[*model.Named]uint8{}, patMatch: map[string]bool{}}
	r := newRenderer(pkg.Name, templates.Header(pkg.Sources), chunked)
	defer r.stop()
	e.noteEnvelope()
	types := r.file("types.go")
	if len(pkg.Types) <= splitAbove {
		for _, n := range pkg.Types {
			r.add(types, func(f *jen.File) { e.named(f, n) })
		}
	} else {
		// A large package is split by the first letter of the type names, so a type stays in
		// the same file as the schemas grow elsewhere.
		byLetter := map[string]*outFile{}
		for _, n := range pkg.Types {
			name := "types_" + letterOf(n.Name) + ".go"
			of, ok := byLetter[name]
			if !ok {
				of = r.file(name)
				byLetter[name] = of
			}
			r.add(of, func(f *jen.File) { e.named(f, n) })
		}
	}
	r.add(types, e.schemaFuncs)
	var patErr error
	r.add(types, func(f *jen.File) { patErr = e.patternVars(f) })
	if patErr != nil {
		return nil, patErr
	}
	if pkg.Events != nil {
		ev := r.file("events.go")
		for _, c := range e.eventChunks(pkg.Events) {
			r.add(ev, c)
		}
	}
	// Last: what the code built above uses.
	r.add(types, e.glueMethods)
	r.add(types, e.tableList)
	files, err := r.finish()
	if err != nil {
		return nil, err
	}
	extra, err := e.extraFiles()
	if err != nil {
		return nil, err
	}
	files = append(files, extra...)
	support, err := e.supportFile(files)
	if err != nil {
		return nil, err
	}
	files = append(files, support)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// splitAbove is the number of types above which types.go is split into one file per initial.
const splitAbove = 300

// letterOf is the lower-case ASCII initial of a type name, or "other".
func letterOf(name string) string {
	if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
		return strings.ToLower(name[:1])
	}
	return "other"
}

type emitter struct {
	pkg      *model.Package
	patterns map[string]string // pattern → variable name
	patOrder []string
	opts     Options
	// membersBranches: the structs that get a decodeMembers method (see membersDecoder).
	membersBranches map[*model.Named]bool
	tp              *tablePlan
	glue            map[*model.Named]uint8 // the methods of table types that code calls (glueMethods)
	linked          bool                   // a table names others: tables is emitted
	patMatch        map[string]bool        // the pattern variables that tables match with
}

// newFile starts a file rendered whole, with the header: for the small files beside the types
// (doc.go, webhook.go), which the chunked renderer does not need.
func (e *emitter) newFile() *jen.File {
	f := jen.NewFile(e.pkg.Name)
	for _, line := range strings.Split(templates.Header(e.pkg.Sources), "\n") {
		f.HeaderComment(line)
	}
	return f
}

func render(name string, f *jen.File) (write.File, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		var src bytes.Buffer
		f.NoFormat = true
		_ = f.Render(&src)
		return write.File{}, &Error{File: name, Err: err, Src: src.String()}
	}
	return write.File{Path: name, Data: wrapLongComments(buf.Bytes())}, nil
}
