package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// One-pass object decoding. A struct's decoder splits the object into its members once
// (objectMembers: no map, no sorting, a buffer on the stack) and hands them to its table
// (tableLoop, table.go), which sends each value straight to its field, tracks required
// properties with presence bits and handles undeclared members. A struct the table cannot
// describe (more than 128 fields, a typed AdditionalProperties map, patternProperties) keeps a
// generated member loop (memberLoop):
//
//	for _, m := range ms {
//		raw := m.raw
//		switch m.key {
//		case "id":
//			seen[0] |= 1 << 0
//			decodeString(&x.ID, raw, &path{parent: p, key: "id"}, e)
//		default:
//			e.add(p, "...additionalProperties", "property %q is not allowed", m.key)
//		}
//	}
//	if seen[0]&(1<<0) == 0 {
//		e.add(p, ".../required", "missing required property %q", "id")
//	}

// maxMemberBuf caps the members buffer a decoder keeps on its stack.
const maxMemberBuf = 64

// membersDecoder reports whether the type has a decodeMembers method: a struct decoded by
// its own typed code (not a dynamic one, nor one that also holds values that are not objects),
// or a union that only holds objects and dispatches on a property. A union passes the members
// it split to such a branch, so the object is not scanned again.
func membersDecoder(t *model.Type) bool {
	if t.Kind != model.TNamed || t.Named.Dyn != nil {
		return false
	}
	n := t.Named
	switch n.Kind {
	case model.KindStruct:
		return !n.Struct.NonObject
	case model.KindUnion:
		d := dispatchable(n)
		return d != nil && d.ObjectOnly
	}
	return false
}

// membersDecoder is membersDecoder for this package: a struct has a decodeMembers method only
// when a union hands it members (membersBranches), so other structs compile one decoder.
func (e *emitter) membersDecoder(t *model.Type) bool {
	if !membersDecoder(t) {
		return false
	}
	return t.Named.Kind != model.KindStruct || e.membersBranches[t.Named]
}

// membersBranches returns the named types that a union splitting objects hands its members
// to: the branches of the unions whose dispatch only takes objects.
func membersBranches(pkg *model.Package) map[*model.Named]bool {
	out := map[*model.Named]bool{}
	for _, n := range pkg.Types {
		if n.Kind != model.KindUnion || n.Dyn != nil {
			continue
		}
		if d := dispatchable(n); d != nil && d.ObjectOnly {
			for _, v := range n.Union.Variants {
				if v.Type.Kind == model.TNamed {
					out[v.Type.Named] = true
				}
			}
		}
	}
	return out
}

// memberBuf is the size of the members buffer of a decoder on its stack.
func memberBuf(fields int) int { return min(max(fields+2, 4), maxMemberBuf) }

// splitMembers returns the start of a decodeJSON that splits the object and hands its members
// to x.decodeMembers.
func splitMembers(size int) []jen.Code {
	return []jen.Code{
		jen.Var().Id("buf").Index(jen.Lit(size)).Id("member"),
		jen.List(jen.Id("ms"), jen.Id("ok")).Op(":=").Id("objectMembers").Call(jen.Id("data"), jen.Id("buf").Index(jen.Empty(), jen.Lit(0)), jen.Id("p"), jen.Id("e")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.Id("x").Dot("decodeMembers").Call(jen.Id("data"), jen.Id("ms"), jen.Id("p"), jen.Id("e")),
	}
}

// membersMethod emits func (x *T) decodeMembers(data []byte, ms []member, p *path, e *errs):
// data is the whole object, ms its members.
func membersMethod(f *jen.File, n *model.Named, body []jen.Code) {
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("decodeMembers").Params(
		jen.Id("data").Index().Byte(), jen.Id("ms").Index().Id("member"), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs"),
	).Block(body...)
	f.Line()
}

// structMembers returns the statements that decode the members of an object into x; for a
// struct with a decodeMembers method, it emits that method and returns the call.
func (e *emitter) structMembers(f *jen.File, n *model.Named, rows []tableRow) []jen.Code {
	st := n.Struct
	if e.membersDecoder(&model.Type{Kind: model.TNamed, Named: n}) && e.decodeName(n) == "decodeJSON" {
		body := []jen.Code{jen.Op("*").Id("x").Op("=").Id(n.Name).Values()}
		body = append(body, e.memberLoop(n, rows)...)
		membersMethod(f, n, body)
		return splitMembers(memberBuf(len(st.Fields)))
	}
	handlesUnknown := st.Extra != nil || st.Closed
	if len(st.Fields) == 0 && !handlesUnknown {
		// An empty open object: the members are not read, but it must be an object.
		return []jen.Code{
			jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("objectMembers").Call(jen.Id("data"), jen.Nil(), jen.Id("p"), jen.Id("e")), jen.Op("!").Id("ok")).Block(jen.Return()),
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
		}
	}
	body := []jen.Code{
		jen.Var().Id("buf").Index(jen.Lit(memberBuf(len(st.Fields)))).Id("member"),
		jen.List(jen.Id("ms"), jen.Id("ok")).Op(":=").Id("objectMembers").Call(jen.Id("data"), jen.Id("buf").Index(jen.Empty(), jen.Lit(0)), jen.Id("p"), jen.Id("e")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
	}
	return append(body, e.memberLoop(n, rows)...)
}

// memberLoop decodes the members ms into the fields of x and reports the missing ones; rows
// are the struct's table rows (nil: it has no table).
func (e *emitter) memberLoop(n *model.Named, rows []tableRow) []jen.Code {
	st := n.Struct
	if rows != nil {
		return e.tableLoop(n, rows)
	}
	handlesUnknown := st.Extra != nil || st.Closed
	if len(st.Fields) == 0 && !handlesUnknown {
		return nil
	}
	var body []jen.Code
	required := 0
	for _, fl := range st.Fields {
		if fl.Required {
			required++
		}
	}
	if required > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit((required+63)/64)).Uint64())
	}
	var cases []jen.Code
	bit := 0
	var missing []jen.Code
	for _, fl := range st.Fields {
		var stmts []jen.Code
		if fl.Required {
			word, mask := jen.Id("seen").Index(jen.Lit(bit/64)), jen.Lit(1).Op("<<").Lit(bit%64)
			stmts = append(stmts, jen.Add(word).Op("|=").Add(mask))
			missing = append(missing, jen.If(jen.Id("seen").Index(jen.Lit(bit/64)).Op("&").Parens(jen.Lit(1).Op("<<").Lit(bit%64)).Op("==").Lit(0)).Block(
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(fl.RequiredAt+"/required"), jen.Lit("missing required property %q"), jen.Lit(fl.JSONName)),
			))
			bit++
		}
		if fl.OnlyNull {
			// {"type": "null"}: a value that is not null is a type violation.
			stmts = append(stmts, jen.If(jen.Op("!").Id("isNull").Call(jen.Id("raw"))).Block(
				jen.Id("e").Dot("add").Call(childPath(jen.Id("p"), jen.Lit(fl.JSONName)), jen.Lit(n.Location+"/properties/"+escapePtr(fl.JSONName)+"/type"), jen.Lit("expected null, got %s"), jen.Id("kindOf").Call(jen.Id("raw"))),
			))
		}
		stmts = append(stmts, e.fieldDecode(fl))
		cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(stmts...))
	}
	if handlesUnknown {
		var handle []jen.Code
		switch {
		case st.Closed && len(st.Patterns) == 0:
			handle = append(handle, jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/additionalProperties"), jen.Lit("property %q is not allowed"), jen.Id("m").Dot("key")))
		case st.Extra.Kind == model.TRaw && !st.Closed:
			// An open object keeps its undeclared members as they came (copied: data is the
			// caller's); they raise no violation.
			handle = append(handle, jen.Id("keepRaw").Call(jen.Op("&").Id("x").Dot("AdditionalProperties"), jen.Id("m").Dot("key"), jen.Id("raw")))
		default:
			handle = append(handle,
				jen.If(jen.Id("x").Dot("AdditionalProperties").Op("==").Nil()).Block(
					jen.Id("x").Dot("AdditionalProperties").Op("=").Map(jen.String()).Add(e.goType(st.Extra)).Values(),
				),
				jen.Var().Id("v").Add(e.goType(st.Extra)),
				e.decodeValue(st.Extra, jen.Id("v"), jen.Id("raw"), childPath(jen.Id("p"), jen.Id("m").Dot("key")), true),
				jen.Id("x").Dot("AdditionalProperties").Index(jen.Id("m").Dot("key")).Op("=").Id("v"),
			)
		}
		cases = append(cases, jen.Default().Block(handle...))
	}
	loop := []jen.Code{}
	if len(st.Fields) > 0 || (handlesUnknown && !(st.Closed && len(st.Patterns) == 0)) {
		loop = append(loop, jen.Id("raw").Op(":=").Id("m").Dot("raw"))
	}
	loop = append(loop, jen.Switch(jen.Id("m").Dot("key")).Block(cases...))
	body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("m")).Op(":=").Range().Id("ms")).Block(loop...))
	return append(body, missing...)
}

// fieldDecode decodes the raw JSON value raw of a member into its field.
func (e *emitter) fieldDecode(fl *model.Field) jen.Code {
	return e.fieldDecodeFrom(fl, jen.Id("raw"))
}

// fieldDecodeFrom decodes the raw JSON value raw (an expression) of a member into its field.
func (e *emitter) fieldDecodeFrom(fl *model.Field, raw jen.Code) jen.Code {
	child := childPath(jen.Id("p"), jen.Lit(fl.JSONName))
	switch fl.Presence {
	case model.PresValue:
		return e.decodeValue(fl.Type, jen.Id("x").Dot(fl.Name), raw, child, false)
	case model.PresNil:
		return e.decodeValue(fl.Type, jen.Id("x").Dot(fl.Name), raw, child, fl.Nullable)
	case model.PresPointer:
		if holdsNull(fl.Type) && !fl.Nullable {
			// null is a value of the type itself (a struct whose object shape is inferred
			// keeps it raw): its decoder gets it, nil stays "absent".
			return jen.Id("x").Dot(fl.Name).Op("=").New(e.goType(fl.Type)).Line().Add(e.decoder(fl.Type).Call(jen.Id("x").Dot(fl.Name), raw, child, jen.Id("e")))
		}
		return jen.Id("decodePtr").Call(jen.Op("&").Id("x").Dot(fl.Name), raw, jen.Lit(fl.Nullable), child, jen.Id("e"), e.decoder(fl.Type))
	case model.PresNullable:
		return jen.Id("decodeNullable").Call(jen.Op("&").Id("x").Dot(fl.Name), raw, child, jen.Id("e"), e.decoder(fl.Type))
	}
	return jen.Null()
}
