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
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"

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
	e := &emitter{pkg: pkg, patterns: map[string]string{}, opts: opts}
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
		r.add(ev, func(f *jen.File) { e.events(f, pkg.Events) })
	}
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

// lineComments renders a text as // comment lines (jennifer would use /* */ for several lines).
func lineComments(text string) *jen.Statement {
	st := jen.Null()
	for i, line := range strings.Split(wrapDoc(strings.TrimSpace(text), fieldWidth), "\n") {
		if i > 0 {
			st = st.Line()
		}
		if line == "" {
			st = st.Comment("")
			continue
		}
		st = st.Comment(line)
	}
	return st
}

// docComment writes a doc comment above the next declaration of f.
func docComment(f *jen.File, text string) {
	for _, line := range strings.Split(wrapDoc(strings.TrimSpace(text), docWidth), "\n") {
		f.Comment(line)
	}
}

// childPath is &path{parent: p, key: "name"}: the pointer of a member, built on the stack.
func childPath(p jen.Code, key jen.Code) *jen.Statement {
	return jen.Op("&").Id("path").Values(jen.Id("parent").Op(":").Add(p), jen.Id("key").Op(":").Add(key))
}

// indexPath is &path{parent: p, index: i, isIndex: true}.
func indexPath(p jen.Code, i jen.Code) *jen.Statement {
	return jen.Op("&").Id("path").Values(jen.Id("parent").Op(":").Add(p), jen.Id("index").Op(":").Add(i), jen.Id("isIndex").Op(":").True())
}

// docFor puts a doc text in the Go form "X is …" (see goDoc).
func docFor(name, doc, fallback string) string {
	return goDoc(name, doc, fallback)
}

// named dispatches on the kind of a named type.
func (e *emitter) named(f *jen.File, n *model.Named) {
	switch n.Kind {
	case model.KindStruct:
		e.structType(f, n)
	case model.KindEnum:
		e.enumType(f, n)
	case model.KindUnion:
		e.unionType(f, n)
	case model.KindAlias:
		e.aliasType(f, n)
	case model.KindAnyValue:
		e.anyValueType(f, n)
	}
}

func (e *emitter) typeDoc(n *model.Named, fallback string) string {
	doc := docFor(n.Name, n.Doc, fallback)
	if n.Location != "" {
		doc += "\n\nSchema: " + n.Location
	}
	if n.Dyn != nil {
		doc += "\n\nThe schema uses keywords beyond types and simple constraints, so decoding checks the JSON against all of it (" + n.Dyn.Func + "), and Validate does the same after encoding x to JSON: unlike other types, its Validate allocates."
	}
	if len(n.Unchecked) > 0 {
		doc += "\n\nNot checked by Validate yet: " + strings.Join(n.Unchecked, "; ") + "."
	}
	if n.Deprecated {
		doc += "\n\nDeprecated: the schema marks this type deprecated."
	}
	return doc
}

// goType renders a type expression.
//
//	string, int64, float64, bool, time.Time, any, json.RawMessage, Named, []T, map[string]T
func (e *emitter) goType(t *model.Type) *jen.Statement {
	switch t.Kind {
	case model.TBool:
		return jen.Bool()
	case model.TInt:
		return jen.Int64()
	case model.TFloat:
		return jen.Float64()
	case model.TString:
		return jen.String()
	case model.TTime:
		return jen.Qual("time", "Time")
	case model.TAny:
		return jen.Any()
	case model.TRaw:
		return jen.Qual("encoding/json", "RawMessage")
	case model.TNamed:
		return jen.Id(t.Named.Name)
	case model.TSlice:
		return jen.Index().Add(e.goType(t.Elem))
	case model.TMap:
		return jen.Map(jen.String()).Add(e.goType(t.Elem))
	case model.TPtr:
		return jen.Op("*").Add(e.goType(t.Elem))
	case model.TExtern:
		if t.ImportPath == "" {
			return jen.Id(t.Name)
		}
		return jen.Qual(t.ImportPath, t.Name)
	}
	return jen.Any()
}

// fieldType is a field's Go type given its presence mode.
func (e *emitter) fieldType(fl *model.Field) *jen.Statement {
	switch fl.Presence {
	case model.PresPointer:
		return jen.Op("*").Add(e.goType(fl.Type))
	case model.PresNullable:
		return jen.Id("Nullable").Types(e.goType(fl.Type))
	}
	return e.goType(fl.Type)
}

// decoder returns the expression of a decode function for a type:
// func(dst *T, data []byte, p *path, e *errs).
func (e *emitter) decoder(t *model.Type) *jen.Statement {
	switch t.Kind {
	case model.TBool:
		return jen.Id("decodeBool")
	case model.TInt:
		return jen.Id("decodeInt")
	case model.TFloat:
		return jen.Id("decodeFloat")
	case model.TString:
		return jen.Id("decodeString")
	case model.TTime:
		return jen.Id("decodeTime")
	case model.TAny:
		return jen.Id("decodeAny")
	case model.TRaw:
		return jen.Id("decodeRaw")
	case model.TNamed:
		return jen.Parens(jen.Op("*").Id(t.Named.Name)).Dot("decodeJSON")
	case model.TExtern:
		return jen.Func().Params(jen.Id("dst").Op("*").Add(e.goType(t)), jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Id("dst")), jen.Err().Op("!=").Nil()).Block(
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(""), jen.Lit("%v"), jen.Err()),
			),
		)
	case model.TSlice:
		return jen.Func().Params(jen.Id("dst").Op("*").Add(e.goType(t)), jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
			jen.Id("decodeSlice").Call(jen.Id("dst"), jen.Id("data"), jen.False(), jen.Id("p"), jen.Id("e"), e.decoder(t.Elem)),
		)
	case model.TMap:
		return jen.Func().Params(jen.Id("dst").Op("*").Add(e.goType(t)), jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
			jen.Id("decodeMap").Call(jen.Id("dst"), jen.Id("data"), jen.False(), jen.Id("p"), jen.Id("e"), e.decoder(t.Elem)),
		)
	case model.TPtr:
		// func(dst **T, ...) { decodePtr(dst, data, true, p, e, decodeT) }: null is nil.
		return jen.Func().Params(jen.Id("dst").Op("*").Add(e.goType(t)), jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
			jen.Id("decodePtr").Call(jen.Id("dst"), jen.Id("data"), jen.True(), jen.Id("p"), jen.Id("e"), e.decoder(t.Elem)),
		)
	}
	return jen.Id("decodeAny")
}

// holdsNull reports whether JSON null is a value of the Go type t itself rather than its
// absence: a struct whose object shape is inferred keeps any JSON value that is not an object,
// null included (Struct.NonObject).
func holdsNull(t *model.Type) bool {
	return t.Kind == model.TNamed && t.Named.Kind == model.KindStruct && t.Named.Struct != nil && t.Named.Struct.NonObject
}

// decodeInto decodes data into dst (an addressable expression) for a value of type t with the
// given nullability: slices, maps and any keep nil for null.
func (e *emitter) decodeValue(t *model.Type, dst jen.Code, data, p jen.Code, nullable bool) *jen.Statement {
	return e.decodeAt(t, jen.Op("&").Add(dst), data, p, nullable)
}

// decodeAt is decodeValue with the destination given as a pointer expression.
func (e *emitter) decodeAt(t *model.Type, ptr jen.Code, data, p jen.Code, nullable bool) *jen.Statement {
	switch t.Kind {
	case model.TSlice:
		return jen.Id("decodeSlice").Call(ptr, data, jen.Lit(nullable), p, jen.Id("e"), e.decoder(t.Elem))
	case model.TMap:
		return jen.Id("decodeMap").Call(ptr, data, jen.Lit(nullable), p, jen.Id("e"), e.decoder(t.Elem))
	}
	return e.decoder(t).Call(ptr, data, p, jen.Id("e"))
}

// structType emits a struct, its decoding and its validation.
//
//	type Device struct {
//		// ID: Nami device id.
//		ID string `json:"id"`
//		Platform *AppPlatform `json:"platform,omitzero"`
//	}
func (e *emitter) structType(f *jen.File, n *model.Named) {
	st := n.Struct
	var fields []jen.Code
	var odd []*model.Field // properties whose names a json tag cannot hold: MarshalJSON writes them
	for _, fl := range st.Fields {
		tag := fl.JSONName
		if !validTag(tag) {
			odd = append(odd, fl)
			tag = "-"
		}
		switch {
		case !fl.Required:
			// omitzero, not omitempty: an empty array or object that is present stays in the
			// output (nil is absent).
			tag += ",omitzero"
		}
		if tag == "-,omitzero" {
			tag = "-"
		}
		doc := docFor(fl.Name, fl.Doc, fmt.Sprintf("is the JSON property %q.", fl.JSONName))
		doc += "\n" + presenceDoc(fl)
		if fl.Const != "" {
			doc += " Always " + fl.Const + "."
		}
		if fl.Deprecated {
			doc += "\n\nDeprecated: the schema marks this property deprecated."
		}
		fields = append(fields, lineComments(doc).Line().Id(fl.Name).Add(e.fieldType(fl)).Tag(map[string]string{"json": tag}))
	}
	if st.Extra != nil {
		fields = append(fields, lineComments("AdditionalProperties holds the properties the schema does not declare, by name.").Line().
			Id("AdditionalProperties").Map(jen.String()).Add(e.goType(st.Extra)).Tag(map[string]string{"json": "-"}))
	}
	doc := e.typeDoc(n, "is generated from an object schema.")
	if st.NonObject {
		fields = append(fields, lineComments("other is the JSON value when it is not an object (see NonObject); nil otherwise.").Line().
			Id("other").Qual("encoding/json", "RawMessage"))
		doc += "\n\nThe schema declares no type, so a JSON value that is not an object is valid too: " +
			"decoding keeps it raw (NonObject reports it, the fields stay zero) and MarshalJSON writes it back as is."
	}
	docComment(f, doc)
	f.Type().Id(n.Name).Struct(fields...)
	f.Line()
	if st.NonObject {
		f.Comment("NonObject returns the JSON value x holds when it is not an object (an array, string, number,")
		f.Comment("boolean or null, which the schema accepts since it declares no type), and false when x is an object.")
		f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("NonObject").Params().Params(jen.Qual("encoding/json", "RawMessage"), jen.Bool()).Block(
			jen.Return(jen.Id("x").Dot("other"), jen.Id("x").Dot("other").Op("!=").Nil()),
		)
		f.Line()
	}

	e.unmarshal(f, n)
	// decodeJSON reads the members of the object into the fields, recording every violation.
	recv := jen.Id("x").Op("*").Id(n.Name)
	var body []jen.Code
	if st.NonObject {
		// Another JSON type: kept raw; the dynamic validator checks it.
		body = append(body, jen.If(jen.Id("kindOf").Call(jen.Id("data")).Op("!=").Lit("object")).Block(
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(jen.Dict{jen.Id("other"): jen.Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("..."))}),
			jen.Return(),
		))
	}
	body = append(body, e.structMembers(f, n)...)
	e.dynamicDecode(f, n)
	f.Comment(e.decodeName(n) + " decodes a JSON object into x, recording type and presence violations in e.")
	f.Func().Params(recv).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(body...)
	f.Line()

	var asIs []jen.Code
	if st.NonObject {
		asIs = []jen.Code{jen.If(jen.Id("x").Dot("other").Op("!=").Nil()).Block(jen.Return(jen.Id("x").Dot("other"), jen.Nil()))}
	}
	if st.Extra != nil || st.NonObject || len(odd) > 0 {
		comment := "MarshalJSON encodes the declared fields"
		if st.Extra != nil {
			comment += " followed by AdditionalProperties"
		}
		if len(odd) > 0 {
			comment += " and the properties a json tag cannot name"
		}
		if st.NonObject {
			comment += ", or the value that is not an object as is"
		}
		body := append(asIs, jen.Type().Id("plain").Id(n.Name))
		if len(odd) > 0 || st.Extra == nil {
			body = append(body,
				jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("x"))),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			)
		}
		switch {
		case len(odd) > 0:
			body = append(body, jen.Id("extra").Op(":=").Map(jen.String()).Any().Values())
			if st.Extra != nil {
				body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("x").Dot("AdditionalProperties")).Block(
					jen.Id("extra").Index(jen.Id("k")).Op("=").Id("v")))
			}
			for _, fl := range odd {
				set := jen.Id("extra").Index(jen.Lit(fl.JSONName)).Op("=").Id("x").Dot(fl.Name)
				switch {
				case fl.Presence == model.PresNullable:
					body = append(body, jen.If(jen.Id("x").Dot(fl.Name).Dot("Set")).Block(set))
				case fl.Presence == model.PresValue && fl.Required:
					body = append(body, set)
				case fl.Presence == model.PresPointer || fl.Presence == model.PresNil:
					body = append(body, jen.If(jen.Id("x").Dot(fl.Name).Op("!=").Nil()).Block(set))
				default:
					body = append(body, jen.If(jen.Op("!").Qual("reflect", "ValueOf").Call(jen.Id("x").Dot(fl.Name)).Dot("IsZero").Call()).Block(set))
				}
			}
			body = append(body, jen.Return(jen.Id("marshalWithExtra").Call(jen.Id("data"), jen.Id("extra"))))
		case st.Extra != nil:
			body = append(body, jen.Return(jen.Id("marshalKeeping").Call(jen.Id("plain").Call(jen.Id("x")), jen.Id("x").Dot("AdditionalProperties"))))
		default:
			body = append(body, jen.Return(jen.Id("data"), jen.Nil()))
		}
		f.Comment(comment + ".")
		f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
		f.Line()
	}

	// validate
	var vb []jen.Code
	for _, fl := range st.Fields {
		child := childPath(jen.Id("p"), jen.Lit(fl.JSONName))
		kw := n.Location + "/properties/" + escapePtr(fl.JSONName)
		var checks []jen.Code
		switch fl.Presence {
		case model.PresValue:
			checks = e.validateValue(fl.Type, jen.Id("x").Dot(fl.Name), child, kw, 0)
		case model.PresNil:
			checks = e.validateValue(fl.Type, jen.Id("x").Dot(fl.Name), child, kw, 0)
			if (fl.Type.Kind == model.TSlice || fl.Type.Kind == model.TMap) && !fl.Type.Checks.Empty() {
				// nil is absent (or null): minItems, minProperties, ... do not apply; an
				// empty JSON array or object decodes to a non-nil empty slice or map.
				checks = []jen.Code{jen.If(jen.Id("x").Dot(fl.Name).Op("!=").Nil()).Block(checks...)}
			}
		case model.PresPointer:
			inner := e.validateValue(fl.Type, jen.Op("*").Id("x").Dot(fl.Name), child, kw, 0)
			if len(inner) > 0 {
				checks = []jen.Code{jen.If(jen.Id("x").Dot(fl.Name).Op("!=").Nil()).Block(inner...)}
			}
		case model.PresNullable:
			inner := e.validateValue(fl.Type, jen.Id("x").Dot(fl.Name).Dot("Value"), child, kw, 0)
			if len(inner) > 0 {
				checks = []jen.Code{jen.If(jen.Id("x").Dot(fl.Name).Dot("Set").Op("&&").Op("!").Id("x").Dot(fl.Name).Dot("Null")).Block(inner...)}
			}
		}
		if fl.Presence == model.PresValue && fl.Required && !fl.Nullable && (fl.Type.Kind == model.TSlice || fl.Type.Kind == model.TMap) {
			// A nil slice or map would encode as null, which the schema does not allow.
			checks = append(checks, jen.If(jen.Id("x").Dot(fl.Name).Op("==").Nil()).Block(
				jen.Id("e").Dot("add").Call(child, jen.Lit(kw+"/type"), jen.Lit("required property is nil; it would encode as null")),
			))
		}
		if fl.Const != "" && (!hasEnum(fl.Type) || fl.Type.Kind == model.TNamed) {
			checks = append(checks, e.constCheck(fl, child, kw)...)
		}
		vb = append(vb, checks...)
	}
	if st.Extra != nil {
		inner := e.validateValue(st.Extra, jen.Id("v"), childPath(jen.Id("p"), jen.Id("k")), n.Location+"/additionalProperties", 0)
		if len(inner) > 0 {
			vb = append(vb, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("x").Dot("AdditionalProperties"))).Block(
				append([]jen.Code{jen.Id("v").Op(":=").Id("x").Dot("AdditionalProperties").Index(jen.Id("k"))}, inner...)...))
		}
	}
	if n.Checks != nil && (n.Checks.MinProperties != nil || n.Checks.MaxProperties != nil) {
		vb = append(vb, e.countProps(n)...)
	}
	e.validateMethods(f, n, vb)
}

// validTag reports whether encoding/json accepts a JSON name in a struct tag.
func validTag(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// valueIn checks that a value of type t is one of the allowed JSON texts (enum, const). Strings,
// integers, numbers and booleans are compared as Go values, without allocating:
//
//	if v := string(x.Kind); !(v == "ping") { e.add(p, kw, "%q is not the required value %s", v, "\"ping\"") }
//
// other types go through checkEnumJSON (JSON equality).
func (e *emitter) valueIn(t *model.Type, v jen.Code, allowed []string, p jen.Code, kw string) jen.Code {
	base := t.Kind
	if t.Kind == model.TNamed && t.Named.Kind == model.KindEnum {
		base = t.Named.Enum.Base
	}
	var conv func(jen.Code) *jen.Statement
	var lits []jen.Code
	verb := "%v"
	ok := true
	for _, a := range allowed {
		switch base {
		case model.TString:
			var s string
			if json.Unmarshal([]byte(a), &s) != nil {
				ok = false
			}
			lits, conv, verb = append(lits, jen.Lit(s)), func(c jen.Code) *jen.Statement { return jen.String().Call(c) }, "%q"
		case model.TInt:
			i, err := strconv.ParseInt(a, 10, 64)
			if err != nil {
				ok = false
			}
			lits, conv = append(lits, jen.Lit(i)), func(c jen.Code) *jen.Statement { return jen.Int64().Call(c) }
		case model.TFloat:
			f, err := strconv.ParseFloat(a, 64)
			if err != nil {
				ok = false
			}
			lits, conv = append(lits, jen.Lit(f)), func(c jen.Code) *jen.Statement { return jen.Float64().Call(c) }
		case model.TBool:
			lits, conv = append(lits, jen.Lit(a == "true")), func(c jen.Code) *jen.Statement { return jen.Bool().Call(c) }
			ok = ok && (a == "true" || a == "false")
		default:
			ok = false
		}
	}
	if !ok || len(allowed) == 0 {
		return jen.Id("checkEnumJSON").Call(v, strLits(allowed), p, jen.Id("e"), jen.Lit(kw))
	}
	var cond *jen.Statement
	for i, l := range lits {
		c := jen.Id("v").Op("==").Add(l)
		if i == 0 {
			cond = c
		} else {
			cond = cond.Op("||").Add(c)
		}
	}
	msg := verb + " is not one of " + strings.Join(allowed, ", ")
	if len(allowed) == 1 {
		msg = verb + " is not the required value " + allowed[0]
	}
	return jen.If(jen.Id("v").Op(":=").Add(conv(v)), jen.Op("!").Parens(cond)).Block(
		jen.Id("e").Dot("add").Call(p, jen.Lit(kw), jen.Lit(msg), jen.Id("v")),
	)
}

func hasEnum(t *model.Type) bool { return t.Checks != nil && len(t.Checks.Enum) > 0 }

// constCheck checks a const that the type does not already carry.
func (e *emitter) constCheck(fl *model.Field, p jen.Code, kw string) []jen.Code {
	var v jen.Code = jen.Id("x").Dot(fl.Name)
	switch fl.Presence {
	case model.PresPointer:
		return []jen.Code{jen.If(jen.Id("x").Dot(fl.Name).Op("!=").Nil()).Block(
			e.valueIn(fl.Type, jen.Op("*").Id("x").Dot(fl.Name), []string{fl.Const}, p, kw+"/const"))}
	case model.PresNullable:
		v = jen.Id("x").Dot(fl.Name).Dot("Value")
		return []jen.Code{jen.If(jen.Id("x").Dot(fl.Name).Dot("Set").Op("&&").Op("!").Id("x").Dot(fl.Name).Dot("Null")).Block(
			e.valueIn(fl.Type, v, []string{fl.Const}, p, kw+"/const"))}
	}
	return []jen.Code{e.valueIn(fl.Type, v, []string{fl.Const}, p, kw+"/const")}
}

func (e *emitter) countProps(n *model.Named) []jen.Code {
	min, max := -1, -1
	if n.Checks.MinProperties != nil {
		min = *n.Checks.MinProperties
	}
	if n.Checks.MaxProperties != nil {
		max = *n.Checks.MaxProperties
	}
	var code []jen.Code
	if n.Struct.Extra != nil {
		code = append(code, jen.Id("count").Op(":=").Len(jen.Id("x").Dot("AdditionalProperties")))
	} else {
		code = append(code, jen.Id("count").Op(":=").Lit(0))
	}
	for _, fl := range n.Struct.Fields {
		switch {
		case fl.Required || fl.Presence == model.PresValue:
			// A required property is always encoded (as null when its nil means null).
			code = append(code, jen.Id("count").Op("++"))
		case fl.Presence == model.PresPointer || fl.Presence == model.PresNil:
			code = append(code, jen.If(jen.Id("x").Dot(fl.Name).Op("!=").Nil()).Block(jen.Id("count").Op("++")))
		case fl.Presence == model.PresNullable:
			code = append(code, jen.If(jen.Id("x").Dot(fl.Name).Dot("Set")).Block(jen.Id("count").Op("++")))
		}
	}
	code = append(code, jen.Id("checkCount").Call(jen.Id("count"), jen.Lit(min), jen.Lit(max), jen.Lit("properties"), jen.Id("p"), jen.Id("e"), jen.Lit(n.Location+"/minProperties")))
	return code
}

func presenceDoc(fl *model.Field) string {
	switch fl.Presence {
	case model.PresValue:
		return "Required."
	case model.PresPointer:
		if fl.Required {
			return "Required; nil is null."
		}
		return "Optional; nil when absent."
	case model.PresNil:
		if fl.Required {
			return "Required; nil is null."
		}
		if fl.Nullable {
			return "Optional and nullable; nil when absent or null."
		}
		return "Optional; nil when absent."
	case model.PresNullable:
		return "Optional and nullable: Set is false when absent, Null is true when null."
	}
	return ""
}

func escapePtr(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// decodeName is the name of the typed decoder: decodeJSON, or decodeTyped under the
// decodeJSON of a dynamic type.
func (e *emitter) decodeName(n *model.Named) string {
	if n.Dyn != nil {
		return "decodeTyped"
	}
	return "decodeJSON"
}

// dynamicDecode emits the decodeJSON of a dynamic type: the typed decoder fills x, the
// schema's function checks the JSON.
//
//	func (x *T) decodeJSON(data []byte, p *path, e *errs) { decodeDynamic(data, p, e, x.decodeTyped, schema3) }
func (e *emitter) dynamicDecode(f *jen.File, n *model.Named) {
	if n.Dyn == nil {
		return
	}
	f.Comment("decodeJSON decodes x and checks the JSON against the whole schema.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("decodeJSON").Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		jen.Id("decodeDynamic").Call(jen.Id("data"), jen.Id("p"), jen.Id("e"), jen.Id("x").Dot("decodeTyped"), jen.Id(n.Dyn.Func)),
	)
	f.Line()
}

// unmarshal emits UnmarshalJSON on top of decodeJSON.
//
//	func (x *T) UnmarshalJSON(data []byte) error { var e errs; x.decodeJSON(data, nil, &e); return e.err() }
func (e *emitter) unmarshal(f *jen.File, n *model.Named) {
	if n.Dyn != nil {
		docComment(f, "UnmarshalJSON decodes x and reports every violation of its schema as a *ValidationError.")
	} else {
		docComment(f, unmarshalDoc(n))
	}
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Var().Id("e").Id("errs"),
		jen.Id("x").Dot("decodeJSON").Call(jen.Id("data"), jen.Nil(), jen.Op("&").Id("e")),
		jen.Return(jen.Id("e").Dot("err").Call()),
	)
	f.Line()
}

// validateMethods emits Validate and validate around a body of checks on x.
//
//	func (x *T) Validate() error { var e errs; x.validate(nil, &e); return e.err() }
func (e *emitter) validateMethods(f *jen.File, n *model.Named, body []jen.Code) {
	f.Comment("Validate checks x against its schema and returns a *ValidationError listing every violation, or nil.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("e").Id("errs"),
		jen.Id("x").Dot("validate").Call(jen.Nil(), jen.Op("&").Id("e")),
		jen.Return(jen.Id("e").Dot("err").Call()),
	)
	f.Line()
	if n.Dyn != nil {
		body = []jen.Code{jen.Id("validateDynamic").Call(jen.Id("x"), jen.Id("p"), jen.Id("e"), jen.Id(n.Dyn.Func))}
	}
	if len(body) == 0 {
		body = []jen.Code{jen.Comment("Nothing to check beyond what decoding checks.")}
	}
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("validate").Params(jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(body...)
	f.Line()
}

// validateValue returns the checks for a value expression v of type t at path p.
func (e *emitter) validateValue(t *model.Type, v jen.Code, p jen.Code, kw string, depth int) []jen.Code {
	var out []jen.Code
	c := t.Checks
	switch t.Kind {
	case model.TNamed:
		out = append(out, jen.Parens(v).Dot("validate").Call(p, jen.Id("e")))
	case model.TPtr:
		if inner := e.validateValue(t.Elem, jen.Op("*").Add(v), p, kw, depth); len(inner) > 0 {
			out = append(out, jen.If(jen.Parens(v).Op("!=").Nil()).Block(inner...))
		}
	case model.TString:
		out = append(out, e.stringChecks(c, v, p, kw)...)
	case model.TInt:
		out = append(out, e.numberChecks(c, jen.Float64().Call(v), p, kw, true, v)...)
	case model.TFloat:
		out = append(out, e.numberChecks(c, v, p, kw, false, v)...)
	case model.TSlice:
		if c != nil && (c.MinItems != nil || c.MaxItems != nil) {
			out = append(out, jen.Id("checkCount").Call(jen.Len(v), jen.Lit(intOr(c.MinItems)), jen.Lit(intOr(c.MaxItems)), jen.Lit("items"), p, jen.Id("e"), jen.Lit(kw+"/items")))
		}
		if c != nil && c.UniqueItems {
			out = append(out, jen.Id("checkUnique").Call(v, p, jen.Id("e"), jen.Lit(kw+"/uniqueItems")))
		}
		idx := "i" + strconv.Itoa(depth)
		inner := e.validateValue(t.Elem, jen.Parens(v).Index(jen.Id(idx)), indexPath(p, jen.Id(idx)), kw+"/items", depth+1)
		if len(inner) > 0 {
			out = append(out, jen.For(jen.Id(idx).Op(":=").Range().Add(v)).Block(inner...))
		}
	case model.TMap:
		if c != nil && (c.MinProperties != nil || c.MaxProperties != nil) {
			out = append(out, jen.Id("checkCount").Call(jen.Len(v), jen.Lit(intOr(c.MinProperties)), jen.Lit(intOr(c.MaxProperties)), jen.Lit("properties"), p, jen.Id("e"), jen.Lit(kw+"/minProperties")))
		}
		k, val := "k"+strconv.Itoa(depth), "v"+strconv.Itoa(depth)
		inner := e.validateValue(t.Elem, jen.Id(val), childPath(p, jen.Id(k)), kw+"/additionalProperties", depth+1)
		if len(inner) > 0 {
			out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id(k)).Op(":=").Range().Id("sortedKeys").Call(v)).Block(
				append([]jen.Code{jen.Id(val).Op(":=").Parens(v).Index(jen.Id(k))}, inner...)...))
		}
	case model.TAny, model.TBool, model.TTime, model.TRaw:
	}
	if c != nil && len(c.Enum) > 0 && t.Kind != model.TNamed {
		var lits []jen.Code
		for _, en := range c.Enum {
			lits = append(lits, jen.Lit(en))
		}
		key := "/enum"
		if c.Const {
			key = "/const"
		}
		_ = lits
		out = append(out, e.valueIn(t, v, c.Enum, p, kw+key))
	}
	return out
}

func intOr(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func (e *emitter) stringChecks(c *model.Checks, v, p jen.Code, kw string) []jen.Code {
	if c == nil {
		return nil
	}
	var out []jen.Code
	if c.MinLength != nil {
		out = append(out, jen.Id("checkMinLength").Call(v, jen.Lit(*c.MinLength), p, jen.Id("e"), jen.Lit(kw+"/minLength")))
	}
	if c.MaxLength != nil {
		out = append(out, jen.Id("checkMaxLength").Call(v, jen.Lit(*c.MaxLength), p, jen.Id("e"), jen.Lit(kw+"/maxLength")))
	}
	for _, pat := range c.Patterns {
		out = append(out, jen.Id(checkPatternFunc(pat)).Call(v, jen.Id(e.patternVar(pat)), p, jen.Id("e"), jen.Lit(kw+"/pattern")))
	}
	if c.Format != "" {
		out = append(out, jen.Id("checkFormat").Call(v, jen.Lit(c.Format), p, jen.Id("e"), jen.Lit(kw+"/format")))
	}
	return out
}

func (e *emitter) numberChecks(c *model.Checks, fv jen.Code, p jen.Code, kw string, isInt bool, raw jen.Code) []jen.Code {
	if c == nil {
		return nil
	}
	var out []jen.Code
	add := func(op string, r *big.Rat) {
		// An integer bound is compared without big numbers: exactly for an int64, and for a
		// float64 when the bound is within ±2^53 (where every integer is a float64).
		if r.IsInt() && r.Num().IsInt64() {
			b := r.Num().Int64()
			if isInt {
				out = append(out, jen.Id("checkIntBound").Call(raw, jen.Lit(b), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
				return
			}
			if b >= -1<<53 && b <= 1<<53 {
				out = append(out, jen.Id("checkFloatBound").Call(raw, jen.Lit(float64(b)), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
				return
			}
		}
		out = append(out, jen.Id("checkNumber").Call(fv, jen.Lit(r.RatString()), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
	}
	if c.Minimum != nil {
		add("minimum", c.Minimum)
	}
	if c.Maximum != nil {
		add("maximum", c.Maximum)
	}
	if c.ExclusiveMinimum != nil {
		add("exclusiveMinimum", c.ExclusiveMinimum)
	}
	if c.ExclusiveMaximum != nil {
		add("exclusiveMaximum", c.ExclusiveMaximum)
	}
	if c.MultipleOf != nil && isInt && c.MultipleOf.IsInt() && c.MultipleOf.Num().IsInt64() && c.MultipleOf.Sign() > 0 {
		out = append(out, jen.Id("checkIntMultipleOf").Call(raw, jen.Lit(c.MultipleOf.Num().Int64()), p, jen.Id("e"), jen.Lit(kw+"/multipleOf")))
	} else if c.MultipleOf != nil {
		out = append(out, jen.Id("checkMultipleOf").Call(fv, jen.Lit(c.MultipleOf.RatString()), p, jen.Id("e"), jen.Lit(kw+"/multipleOf")))
	}
	return out
}

// patternVar names the package-level compiled regexp of a pattern (one per distinct pattern).
func (e *emitter) patternVar(pat string) string {
	if v, ok := e.patterns[pat]; ok {
		return v
	}
	v := "pattern" + strconv.Itoa(len(e.patterns)+1)
	e.patterns[pat] = v
	e.patOrder = append(e.patOrder, pat)
	return v
}

// enumType emits a named scalar type with its constants.
//
//	type Platform string
//	const ( PlatformApple Platform = "apple" ... )
//	func AllPlatformValues() []Platform
func (e *emitter) enumType(f *jen.File, n *model.Named) {
	en := n.Enum
	base := e.goType(&model.Type{Kind: en.Base})
	fallback := "is an enumeration."
	if en.Open {
		fallback = "is an open enumeration: the constants name the known values, and other values are accepted."
	}
	docComment(f, e.typeDoc(n, fallback))
	f.Type().Id(n.Name).Add(base)
	f.Line()
	var consts []jen.Code
	for _, v := range en.Values {
		consts = append(consts, jen.Comment(v.Doc).Line().Id(v.Name).Id(n.Name).Op("=").Add(enumLit(en.Base, v.Value)))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
		f.Line()
	}
	allName := "All" + n.Name + "Values"
	if n.Name == "EventType" {
		allName = "AllEventTypes"
	}
	var ids []jen.Code
	for _, v := range en.Values {
		ids = append(ids, jen.Id(v.Name))
	}
	f.Comment(fmt.Sprintf("%s returns every known value of %s, in schema order.", allName, n.Name))
	f.Func().Id(allName).Params().Index().Id(n.Name).Block(
		jen.Return(jen.Index().Id(n.Name).Values(ids...)),
	)
	f.Line()
	f.Comment("IsKnown reports whether v is one of the constants.")
	f.Func().Params(jen.Id("v").Id(n.Name)).Id("IsKnown").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.Case(ids...).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
	f.Line()
	// decodeJSON
	baseType := &model.Type{Kind: en.Base}
	e.dynamicDecode(f, n)
	f.Comment(e.decodeName(n) + " decodes the base value; membership is checked by Validate.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		e.decoder(baseType).Call(jen.Parens(jen.Op("*").Add(e.goType(baseType))).Call(jen.Id("x")), jen.Id("data"), jen.Id("p"), jen.Id("e")),
	)
	f.Line()
	e.unmarshal(f, n)
	var body []jen.Code
	if !en.Open {
		var lits []string
		for _, v := range en.Values {
			if en.Base == model.TString {
				lits = append(lits, strconv.Quote(v.Value))
			} else {
				lits = append(lits, v.Value)
			}
		}
		body = append(body, jen.If(jen.Op("!").Id("x").Dot("IsKnown").Call()).Block(
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/enum"), jen.Lit(verb(en.Base)+" is not one of "+strings.Join(lits, ", ")), jen.Op("*").Id("x")),
		))
	}
	e.validateMethods(f, n, body)
	if n.Name == "EventType" {
		e.eventTypeExtras(f, n)
	}
}

// verb is the fmt verb that prints a value of an enum's base type as it appears in JSON.
func verb(base model.TypeKind) string {
	if base == model.TString {
		return "%q"
	}
	return "%v"
}

func enumLit(base model.TypeKind, v string) jen.Code {
	switch base {
	case model.TInt:
		i, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			return jen.Lit(int(i))
		}
		return jen.Op(v)
	case model.TFloat:
		f, err := strconv.ParseFloat(v, 64)
		if err == nil {
			return jen.Lit(f)
		}
		return jen.Op(v)
	case model.TBool:
		return jen.Lit(v == "true")
	}
	return jen.Lit(v)
}

// aliasType emits a defined type over an array, map or scalar with its checks.
//
//	type Tags []string
func (e *emitter) aliasType(f *jen.File, n *model.Named) {
	docComment(f, e.typeDoc(n, "is generated from a schema definition."))
	f.Type().Id(n.Name).Add(e.goType(n.Alias))
	f.Line()
	under := e.goType(n.Alias)
	e.dynamicDecode(f, n)
	f.Comment(e.decodeName(n) + " decodes the underlying value.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		e.decodeAt(n.Alias, jen.Parens(jen.Op("*").Add(under)).Call(jen.Id("x")), jen.Id("data"), jen.Id("p"), false),
	)
	f.Line()
	if n.Alias.Kind == model.TNamed {
		// A defined type does not inherit the methods of the type it is defined over: encode
		// through that type, or its fields would be written as they are named in Go.
		f.Comment("MarshalJSON encodes x as the " + n.Alias.Named.Name + " it is.")
		f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(under.Clone().Call(jen.Id("x")))),
		)
		f.Line()
	}
	e.unmarshal(f, n)
	body := e.validateValue(n.Alias, jen.Op("*").Parens(jen.Op("*").Add(under)).Call(jen.Id("x")), jen.Id("p"), n.Location, 0)
	e.validateMethods(f, n, body)
}

// anyValueType emits a definition whose values may be of any JSON type but are constrained:
//
//	type Odd struct { Value any }
func (e *emitter) anyValueType(f *jen.File, n *model.Named) {
	docComment(f, e.typeDoc(n, "holds a value of any JSON type that its schema constrains.")+
		"\n\nWhere the schema uses this definition, the value is typed any and checked by the enclosing type.")
	f.Type().Id(n.Name).Struct(
		jen.Comment("Value is the JSON value (numbers as json.Number); nil is null.").Line().Id("Value").Any(),
	)
	f.Line()
	f.Comment("MarshalJSON encodes Value.")
	f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("x").Dot("Value"))),
	)
	f.Line()
	e.unmarshal(f, n)
	e.dynamicDecode(f, n)
	f.Comment(e.decodeName(n) + " decodes the value.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		jen.Id("decodeAny").Call(jen.Op("&").Id("x").Dot("Value"), jen.Id("data"), jen.Id("p"), jen.Id("e")),
	)
	f.Line()
	e.validateMethods(f, n, nil)
}

// unionType emits a tagged union: one pointer field per branch.
//
//	type Shape struct { Circle *Circle; Square *Square }
func (e *emitter) unionType(f *jen.File, n *model.Named) {
	u := n.Union
	var fields []jen.Code
	dispatchDoc, dispatchFields := dispatchDocs(n)
	for i, v := range u.Variants {
		doc := fmt.Sprintf("%s is set when the value is %s.", v.Name, describe(v.Type))
		if len(v.Values) > 0 {
			doc = fmt.Sprintf("%s is set when %q is %s.", v.Name, u.Discriminator, quoteAll(v.Values))
		} else if dispatchFields != nil && dispatchFields[i] != "" {
			doc = dispatchFields[i]
		}
		fields = append(fields, lineComments(doc).Line().Id(v.Name).Op("*").Add(e.goType(v.Type)))
	}
	if u.Nullable {
		fields = append(fields, jen.Comment("Null is true when the value is JSON null.").Line().Id("Null").Bool())
	}
	kind := "exactly one of"
	if !u.OneOf {
		kind = "at least one of"
	}
	fallback := fmt.Sprintf("is a union: the value is %s its branches. Set one field.", kind)
	if u.Discriminator != "" {
		fallback = fmt.Sprintf("is a union discriminated by %q. Set one field.", u.Discriminator)
	} else if dispatchDoc != "" {
		fallback = dispatchDoc
	}
	docComment(f, e.typeDoc(n, fallback))
	f.Type().Id(n.Name).Struct(fields...)
	f.Line()

	// MarshalJSON: the first branch that is set.
	var mb []jen.Code
	for _, v := range u.Variants {
		mb = append(mb, jen.If(jen.Id("x").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("x").Dot(v.Name)))))
	}
	if u.Nullable {
		mb = append(mb, jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()))
	} else {
		mb = append(mb, jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(n.Name+": no branch is set"))))
	}
	f.Comment("MarshalJSON encodes the branch that is set.")
	f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(mb...)
	f.Line()
	e.unmarshal(f, n)

	var db []jen.Code
	db = append(db, jen.Op("*").Id("x").Op("=").Id(n.Name).Values())
	if u.Nullable {
		db = append(db, jen.If(jen.Id("isNull").Call(jen.Id("data"))).Block(jen.Id("x").Dot("Null").Op("=").True(), jen.Return()))
	}
	if d := dispatchable(n); d != nil {
		db = append(db, e.dispatchDecode(f, n, d)...)
	} else if u.Discriminator != "" {
		db = append(db,
			jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("decodeObject").Call(jen.Id("data"), jen.Id("p"), jen.Id("e")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
			jen.Var().Id("tag").String(),
			jen.If(jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Lit(u.Discriminator)), jen.Id("ok")).Block(
				jen.Id("decodeString").Call(jen.Op("&").Id("tag"), jen.Id("raw"), childPath(jen.Id("p"), jen.Lit(u.Discriminator)), jen.Id("e")),
			).Else().Block(
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("missing discriminator %q"), jen.Lit(u.Discriminator)),
				jen.Return(),
			),
		)
		var cases []jen.Code
		for _, v := range u.Variants {
			var lits []jen.Code
			for _, val := range v.Values {
				lits = append(lits, jen.Lit(val))
			}
			cases = append(cases, jen.Case(lits...).Block(
				jen.Id("x").Dot(v.Name).Op("=").New(e.goType(v.Type)),
				e.decoder(v.Type).Call(jen.Id("x").Dot(v.Name), jen.Id("data"), jen.Id("p"), jen.Id("e")),
			))
		}
		cases = append(cases, jen.Default().Block(
			jen.Id("e").Dot("add").Call(childPath(jen.Id("p"), jen.Lit(u.Discriminator)), jen.Lit(n.Location), jen.Lit("unknown %s %q"), jen.Lit(u.Discriminator), jen.Id("tag")),
		))
		db = append(db, jen.Switch(jen.Id("tag")).Block(cases...))
	} else {
		// Try every branch: decode and validate it on its own.
		db = append(db, jen.Id("matched").Op(":=").Lit(0))
		for _, v := range u.Variants {
			db = append(db, jen.Block(
				jen.Id("be").Op(":=").Id("errs").Values(jen.Id("valid").Op(":").Id("e").Dot("valid"), jen.Id("quiet").Op(":").True()),
				jen.Id("v").Op(":=").New(e.goType(v.Type)),
				e.decoder(v.Type).Call(jen.Id("v"), jen.Id("data"), jen.Id("p"), jen.Op("&").Id("be")),
				jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(
					e.branchValidate(v.Type, jen.Id("v"), jen.Id("&be")),
				),
				jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(
					jen.Id("matched").Op("++"),
					jen.If(jen.Id("matched").Op("==").Lit(1).Op("||").Lit(!u.OneOf)).Block(jen.Id("x").Dot(v.Name).Op("=").Id("v")),
				),
			))
		}
		db = append(db, jen.If(jen.Id("matched").Op("==").Lit(0)).Block(
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("the value matches none of the branches")),
		))
		if u.OneOf && n.Dyn == nil { // a dynamic union keeps the first branch; its schema function counts matches
			db = append(db, jen.If(jen.Id("matched").Op(">").Lit(1)).Block(
				jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/oneOf"), jen.Lit("the value matches %d branches; oneOf wants exactly one"), jen.Id("matched")),
			))
		}
	}
	e.dynamicDecode(f, n)
	f.Comment(e.decodeName(n) + " decodes the branch the value belongs to.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(db...)
	f.Line()

	var vb []jen.Code
	for _, v := range u.Variants {
		inner := e.validateValue(v.Type, jen.Op("*").Id("x").Dot(v.Name), jen.Id("p"), n.Location, 0)
		if len(inner) > 0 {
			vb = append(vb, jen.If(jen.Id("x").Dot(v.Name).Op("!=").Nil()).Block(inner...))
		}
	}
	e.validateMethods(f, n, vb)
}

// branchValidate validates a decoded branch candidate v (a pointer) into the errs be.
func (e *emitter) branchValidate(t *model.Type, v jen.Code, be jen.Code) jen.Code {
	inner := e.validateValue(t, jen.Op("*").Add(v), jen.Id("p"), "", 0)
	if len(inner) == 0 {
		return jen.Null()
	}
	return jen.Func().Params(jen.Id("e").Op("*").Id("errs")).Block(inner...).Call(be)
}

func describe(t *model.Type) string {
	switch t.Kind {
	case model.TNamed:
		return "a " + t.Named.Name
	case model.TString:
		return "a string"
	case model.TInt:
		return "an integer"
	case model.TFloat:
		return "a number"
	case model.TBool:
		return "a boolean"
	case model.TSlice:
		return "an array"
	case model.TMap:
		return "an object"
	case model.TTime:
		return "a date-time"
	}
	return "any other value"
}

func quoteAll(vals []string) string {
	var q []string
	for _, v := range vals {
		q = append(q, strconv.Quote(v))
	}
	return strings.Join(q, " or ")
}
