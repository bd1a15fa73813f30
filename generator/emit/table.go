package emit

import (
	"sort"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Table-driven struct decoding (runtime/table.go). A struct's properties become a table of
// static data, fieldsT, and its member loop a call into the runtime, which decodes the values
// it knows (strings, numbers, booleans, times, raw JSON, any; as values, pointers, Nullables or
// slices), tracks required properties and handles undeclared members. Only the properties of
// other types (structs, unions, maps, ...) are left to a switch in the generated code:
//
//	var fieldsDevice = ttable{
//		fields: []tfield{
//			{"id", unsafe.Offsetof(Device{}.ID), kString, pValue, false, true, ".../required"},
//			{"platform", unsafe.Offsetof(Device{}.Platform), kCode, pValue, false, false, ""},
//		},
//		unknownAt: ".../additionalProperties",
//	}
//
//	d := fieldIter{ms: ms}
//	for {
//		i, raw := d.next(unsafe.Pointer(x), &fieldsDevice, p, e)
//		if i < 0 {
//			break
//		}
//		switch i {
//		case 1:
//			decodePtr(&x.Platform, raw, false, &path{parent: p, key: "platform"}, e, (*AppPlatform).decodeJSON)
//		}
//	}
//	d.finish(&fieldsDevice, p, e)
//
// Why: a property costs a line of data instead of a case of code, so the output is smaller
// and, above all, quicker to compile (see generator/README.md, "Generated code volume").

// maxTableFields is the number of fields a table holds at most (fieldIter's presence bits).
const maxTableFields = 128 // also fits byKey's uint8 indexes

// tableStruct reports whether the members of the struct are decoded by table: the runtime
// handles its undeclared members (rejected, kept raw, or ignored) and it has at most
// maxTableFields fields.
func tableStruct(st *model.Struct) bool {
	if len(st.Fields) > maxTableFields || len(st.Fields) == 0 {
		return false
	}
	switch {
	case st.Extra == nil:
		return !st.Closed || len(st.Patterns) == 0
	case st.Extra.Kind == model.TRaw:
		return !st.Closed
	}
	return false
}

// scalarKind is the table kind of a value of type t that the runtime decodes itself, or "".
// An enum (not a dynamic one) decodes as its base type.
func scalarKind(t *model.Type) string {
	switch t.Kind {
	case model.TString:
		return "kString"
	case model.TInt:
		return "kInt"
	case model.TFloat:
		return "kFloat"
	case model.TBool:
		return "kBool"
	case model.TTime:
		return "kTime"
	case model.TRaw:
		return "kRaw"
	case model.TAny:
		return "kAny"
	case model.TNamed:
		if n := t.Named; n.Kind == model.KindEnum && n.Dyn == nil {
			return scalarKind(&model.Type{Kind: n.Enum.Base})
		}
	}
	return ""
}

// fieldKind is how the table decodes a field: its kind and presence, and whether null is
// accepted; kind "" leaves the field to the generated switch (fieldDecode).
func fieldKind(fl *model.Field) (kind, pres string, null bool) {
	if fl.OnlyNull {
		return "", "", false
	}
	t := fl.Type
	switch fl.Presence {
	case model.PresValue, model.PresNil:
		nullable := fl.Presence == model.PresNil && fl.Nullable
		if t.Kind == model.TSlice {
			if k := scalarKind(t.Elem); k != "" {
				return k, "pSlice", nullable
			}
			return "", "", false
		}
		if k := scalarKind(t); k != "" {
			return k, "pValue", false
		}
	case model.PresPointer:
		if holdsNull(t) {
			return "", "", false
		}
		if k := scalarKind(t); k != "" {
			return k, "pPtr", fl.Nullable
		}
	case model.PresNullable:
		if k := scalarKind(t); k != "" {
			return k, "pNullable", false
		}
	}
	return "", "", false
}

// byKey is the []uint8 of the field indexes in the byte order of their JSON names (Go's string
// order), which ttable.find searches.
func byKey(fields []*model.Field) jen.Code {
	idx := make([]int, len(fields))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return fields[idx[a]].JSONName < fields[idx[b]].JSONName })
	var lits []jen.Code
	for _, i := range idx {
		lits = append(lits, jen.Lit(i))
	}
	return jen.Index().Uint8().Values(lits...)
}

// tableLoop emits the table of the struct n and returns the statements that decode the
// members ms into x with it.
func (e *emitter) tableLoop(f *jen.File, n *model.Named) []jen.Code {
	st := n.Struct
	table := "fields" + n.Name
	var entries []jen.Code
	var cases []jen.Code
	for i, fl := range st.Fields {
		// Positional, one line per property: {key, off, kind, pres, null, req, reqAt}.
		kind, pres, null := fieldKind(fl)
		if kind == "" {
			kind, pres = "kCode", "pValue"
			var stmts []jen.Code
			if fl.OnlyNull {
				stmts = append(stmts, jen.If(jen.Op("!").Id("isNull").Call(jen.Id("raw"))).Block(
					jen.Id("e").Dot("add").Call(childPath(jen.Id("p"), jen.Lit(fl.JSONName)), jen.Lit(n.Location+"/properties/"+escapePtr(fl.JSONName)+"/type"), jen.Lit("expected null, got %s"), jen.Id("kindOf").Call(jen.Id("raw"))),
				))
			}
			stmts = append(stmts, e.fieldDecodeFrom(fl, jen.Id("raw")))
			cases = append(cases, jen.Case(jen.Lit(i)).Block(stmts...))
		}
		reqAt := ""
		if fl.Required {
			reqAt = fl.RequiredAt + "/required"
		}
		entries = append(entries, jen.Values(
			jen.Lit(fl.JSONName),
			jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot(fl.Name)),
			jen.Id(kind), jen.Id(pres), jen.Lit(null), jen.Lit(fl.Required), jen.Lit(reqAt),
		))
	}
	td := jen.Dict{
		jen.Id("fields"): jen.Index().Id("tfield").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, entries...),
		jen.Id("byKey"):  byKey(st.Fields),
	}
	switch {
	case st.Closed:
		td[jen.Id("unknownAt")] = jen.Lit(n.Location + "/additionalProperties")
	case st.Extra != nil:
		td[jen.Id("keep")] = jen.True()
		td[jen.Id("extra")] = jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot("AdditionalProperties"))
	}
	f.Var().Id(table).Op("=").Id("ttable").Values(td)
	f.Line()

	base := jen.Qual("unsafe", "Pointer").Call(jen.Id("x"))
	if len(cases) == 0 {
		return []jen.Code{jen.Id("decodeTable").Call(base, jen.Id("ms"), jen.Op("&").Id(table), jen.Id("p"), jen.Id("e"))}
	}
	// One call of next in the loop (not one in the init and one in the post statement): the
	// decoder is compiled once per struct, and it is the code that costs.
	return []jen.Code{
		jen.Id("d").Op(":=").Id("fieldIter").Values(jen.Id("ms").Op(":").Id("ms")),
		jen.For().Block(
			jen.List(jen.Id("i"), jen.Id("raw")).Op(":=").Id("d").Dot("next").Call(base, jen.Op("&").Id(table), jen.Id("p"), jen.Id("e")),
			jen.If(jen.Id("i").Op("<").Lit(0)).Block(jen.Break()),
			jen.Switch(jen.Id("i")).Block(cases...),
		),
		jen.Id("d").Dot("finish").Call(jen.Op("&").Id(table), jen.Id("p"), jen.Id("e")),
	}
}
