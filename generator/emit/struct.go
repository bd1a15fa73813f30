package emit

import (
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// structType emits a struct, its decoding and its validation.
//
//	type Device struct {
//		// ID: Nami device id.
//		ID string `json:"id"`
//		Platform *AppPlatform `json:"platform,omitzero"`
//	}
func (e *emitter) structType(f *jen.File, n *model.Named) {
	odd := e.structDecl(f, n)
	var rows []tableRow
	if tableStruct(n.Struct) {
		rows = e.tp.rows[n]
		e.structTable(f, n, rows)
	}
	e.structDecoder(f, n, rows)
	e.structMarshal(f, n, odd)
	e.structValidate(f, n, rows)
}

// structDecl emits the struct type, and NonObject for a struct whose schema declares no type,
// and returns the properties whose names a json tag cannot hold (MarshalJSON writes them).
//
//	type Device struct {
//		ID string `json:"id"` // Required.
//		AdditionalProperties map[string]any `json:"-"`
//		other json.RawMessage // NonObject only
//	}
//	func (x *Device) NonObject() (json.RawMessage, bool) { return x.other, x.other != nil }
func (e *emitter) structDecl(f *jen.File, n *model.Named) (odd []*model.Field) {
	st := n.Struct
	var fields []jen.Code
	for _, fl := range st.Fields {
		if !validTag(fl.JSONName) {
			odd = append(odd, fl)
		}
		fields = append(fields, e.structField(fl))
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
	return odd
}

// structField is one field of a struct: the schema's description, when there is one, is its
// doc comment, and a line comment says how absence and null are kept (fieldNote). An optional
// field is omitzero, not omitempty: an empty array or object that is present stays in the
// output (nil is absent). A name a json tag cannot hold gets the tag "-".
//
//	// The platform the app runs on.
//	Platform *AppPlatform `json:"platform,omitzero"` // Optional; nil when absent.
func (e *emitter) structField(fl *model.Field) jen.Code {
	tag := fl.JSONName
	if !validTag(tag) {
		tag = "-"
	}
	switch {
	case !fl.Required:
		tag += ",omitzero"
	}
	if tag == "-,omitzero" {
		tag = "-"
	}
	field := jen.Id(fl.Name).Add(e.fieldType(fl)).Tag(map[string]string{"json": tag})
	doc := fl.Doc
	if fl.Deprecated {
		doc += "\n\nDeprecated: the schema marks this property deprecated."
	}
	return noted(doc, fieldNote(fl), field)
}

// maxNote is the longest line comment after a field; a longer note (a large const, a tag with
// many values) ends the doc comment above it instead.
const maxNote = 72

// noted puts doc (the schema's description) above a field and note after it (both optional).
func noted(doc, note string, field *jen.Statement) jen.Code {
	doc = strings.TrimSpace(doc)
	if len(note) > maxNote {
		doc = strings.TrimSpace(doc + "\n\n" + note)
	} else if note != "" {
		field.Comment(note)
	}
	if doc == "" {
		return field
	}
	return lineComments(doc).Line().Add(field)
}

// structDecoder emits UnmarshalJSON and the typed decoder of a struct, which reads the members
// of the object into the fields, recording every violation (a value that is not an object, for
// a struct whose schema declares no type, is kept raw: the dynamic validator checks it):
//
//	func (x *Device) decodeJSON(data []byte, p *path, e *errs) {
//		if kindOf(data) != "object" { *x = Device{other: append(json.RawMessage(nil), data...)}; return }
//		...
//	}
func (e *emitter) structDecoder(f *jen.File, n *model.Named, rows []tableRow) {
	if e.tp.dec[n] {
		e.tableDecoder(f, n)
		return
	}
	e.unmarshal(f, n)
	recv := jen.Id("x").Op("*").Id(n.Name)
	var body []jen.Code
	if n.Struct.NonObject {
		body = append(body, jen.If(jen.Id("kindOf").Call(jen.Id("data")).Op("!=").Lit("object")).Block(
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(jen.Dict{jen.Id("other"): jen.Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("..."))}),
			jen.Return(),
		))
	}
	body = append(body, e.structMembers(f, n, rows)...)
	e.dynamicDecode(f, n)
	f.Func().Params(recv).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(body...)
	f.Line()
}

// structMarshal emits MarshalJSON for a struct that encoding/json cannot encode from its tags
// alone: one with AdditionalProperties, properties a json tag cannot name (odd), or a value
// that is not an object.
//
//	func (x Device) MarshalJSON() ([]byte, error) {
//		type plain Device
//		return marshalKeeping(plain(x), x.AdditionalProperties)
//	}
func (e *emitter) structMarshal(f *jen.File, n *model.Named, odd []*model.Field) {
	st := n.Struct
	if st.Extra == nil && !st.NonObject && len(odd) == 0 {
		return
	}
	var asIs []jen.Code
	if st.NonObject {
		asIs = []jen.Code{jen.If(jen.Id("x").Dot("other").Op("!=").Nil()).Block(jen.Return(jen.Id("x").Dot("other"), jen.Nil()))}
	}
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
		body = append(body, oddMembers(st, odd)...)
	case st.Extra != nil:
		body = append(body, jen.Return(jen.Id("marshalKeeping").Call(jen.Id("plain").Call(jen.Id("x")), jen.Id("x").Dot("AdditionalProperties"))))
	default:
		body = append(body, jen.Return(jen.Id("data"), jen.Nil()))
	}
	if len(odd) > 0 || st.NonObject {
		// What the package doc does not say of every MarshalJSON.
		f.Comment(comment + ".")
	}
	f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
	f.Line()
}

// oddMembers ends a MarshalJSON that adds, to the encoded declared fields in data, the
// properties a json tag cannot name (odd) that are present, and AdditionalProperties:
//
//	extra := map[string]any{}
//	for k, v := range x.AdditionalProperties { extra[k] = v }
//	if x.OddName != nil { extra["odd name"] = x.OddName }
//	return marshalWithExtra(data, extra)
func oddMembers(st *model.Struct, odd []*model.Field) []jen.Code {
	body := []jen.Code{jen.Id("extra").Op(":=").Map(jen.String()).Any().Values()}
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
	return append(body, jen.Return(jen.Id("marshalWithExtra").Call(jen.Id("data"), jen.Id("extra"))))
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

// fieldChecks returns the generated checks of a field of the struct n.
func (e *emitter) fieldChecks(n *model.Named, fl *model.Field) []jen.Code {
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
	if fl.OnlyNull {
		// {"type": "null"}: a present value must be null (nil, or Null in a Nullable).
		var set, v jen.Code = jen.Id("x").Dot(fl.Name).Op("!=").Nil(), jen.Id("x").Dot(fl.Name)
		if fl.Presence == model.PresNullable {
			set = jen.Id("x").Dot(fl.Name).Dot("Set").Op("&&").Op("!").Id("x").Dot(fl.Name).Dot("Null")
			v = jen.Id("x").Dot(fl.Name).Dot("Value")
		}
		checks = append(checks, jen.If(set).Block(
			jen.Id("checkType").Call(v, jen.Index().String().Values(jen.Lit("null")), child, jen.Id("e"), jen.Lit(kw+"/type")),
		))
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
	return checks
}
