package emit

import (
	"math/big"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Table-driven struct validation (runtime/tablecheck.go). The checks of a struct's
// properties that the runtime runs itself (lengths, integer and float bounds, integer
// multiples, item counts; of strings, numbers and arrays of them) become a table of static
// data, checksT, one entry per property in declaration order; the other properties' checks
// stay generated, in a switch at their entry, so the violations keep their order:
//
//	var checksDevice = []tvfield{
//		{"name", unsafe.Offsetof(Device{}.Name), kString, pValue, []tcheck{{cMinLength, 1, 0, 0, ".../minLength"}}, nil},
//		{"platform", unsafe.Offsetof(Device{}.Platform), kCode, pValue, nil, nil},
//	}
//
//	func (x *Device) validate(p *path, e *errs) {
//		var d checkIter
//		for d.next(unsafe.Pointer(x), checksDevice, p, e) {
//			switch d.i {
//			case 1:
//				(x.Platform).validate(&path{parent: p, key: "platform"}, e)
//			}
//		}
//	}
//
// A struct none of whose checks the table can run keeps its generated validate as before.

// structValidate returns the body of the validate method of the struct n, emitting its
// validation table into f when some of its checks go there.
func (e *emitter) structValidate(f *jen.File, n *model.Named) []jen.Code {
	st := n.Struct
	if n.Dyn != nil {
		return nil // validateMethods checks the JSON against the whole schema instead
	}
	type entry struct {
		fl    *model.Field
		table jen.Code   // the tvfield of a property the runtime checks
		code  []jen.Code // the generated checks of another property
	}
	var entries []entry
	tabled := 0
	for _, fl := range st.Fields {
		if t, ok := e.tableField(n, fl); ok {
			if t != nil {
				entries = append(entries, entry{fl: fl, table: t})
				tabled++
			}
			continue
		}
		if checks := e.fieldChecks(n, fl); len(checks) > 0 {
			entries = append(entries, entry{fl: fl, code: checks})
		}
	}
	var body []jen.Code
	if tabled == 0 {
		for _, en := range entries {
			body = append(body, en.code...)
		}
	} else {
		table := "checks" + n.Name
		var rows, cases []jen.Code
		for i, en := range entries {
			if en.table != nil {
				rows = append(rows, en.table)
				continue
			}
			rows = append(rows, jen.Values(jen.Lit(en.fl.JSONName), jen.Lit(0), jen.Id("kCode"), jen.Id("pValue"), jen.Nil(), jen.Nil()))
			cases = append(cases, jen.Case(jen.Lit(i)).Block(en.code...))
		}
		f.Var().Id(table).Op("=").Index().Id("tvfield").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, rows...)
		f.Line()
		base := jen.Qual("unsafe", "Pointer").Call(jen.Id("x"))
		if len(cases) == 0 {
			body = append(body, jen.Id("checkTable").Call(base, jen.Id(table), jen.Id("p"), jen.Id("e")))
		} else {
			body = append(body,
				jen.Var().Id("d").Id("checkIter"),
				jen.For(jen.Id("d").Dot("next").Call(base, jen.Id(table), jen.Id("p"), jen.Id("e"))).Block(
					jen.Switch(jen.Id("d").Dot("i")).Block(cases...),
				),
			)
		}
	}
	if st.Extra != nil {
		inner := e.validateValue(st.Extra, jen.Id("v"), childPath(jen.Id("p"), jen.Id("k")), n.Location+"/additionalProperties", 0)
		if len(inner) > 0 {
			body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("x").Dot("AdditionalProperties"))).Block(
				append([]jen.Code{jen.Id("v").Op(":=").Id("x").Dot("AdditionalProperties").Index(jen.Id("k"))}, inner...)...))
		}
	}
	if n.Checks != nil && (n.Checks.MinProperties != nil || n.Checks.MaxProperties != nil) {
		body = append(body, e.countProps(n)...)
	}
	return body
}

// tableField returns the tvfield row of a property whose checks the runtime can run, with
// ok; a nil row with ok when it has no checks at all; ok false when its checks are generated.
func (e *emitter) tableField(n *model.Named, fl *model.Field) (row jen.Code, ok bool) {
	if fl.OnlyNull || (fl.Const != "" && (!hasEnum(fl.Type) || fl.Type.Kind == model.TNamed)) {
		return nil, false
	}
	t := fl.Type
	kw := n.Location + "/properties/" + escapePtr(fl.JSONName)
	var kind, pres string
	var own, items []jen.Code
	switch t.Kind {
	case model.TString, model.TInt, model.TFloat:
		switch fl.Presence {
		case model.PresValue:
			pres = "pValue"
		case model.PresPointer:
			pres = "pPtr"
		case model.PresNullable:
			pres = "pNullable"
		default:
			return nil, false
		}
		kind, own, ok = scalarChecks(t, kw)
		if !ok {
			return nil, false
		}
	case model.TSlice:
		switch {
		case fl.Presence == model.PresNil:
			pres = "pSlice"
		case fl.Presence == model.PresValue && !(fl.Required && !fl.Nullable):
			pres = "pSliceAll"
		default:
			return nil, false
		}
		c := t.Checks
		if c != nil && (c.UniqueItems || len(c.Enum) > 0) {
			return nil, false
		}
		if c != nil && (c.MinItems != nil || c.MaxItems != nil) {
			own = append(own, tcheck("cCount", int64(intOr(c.MinItems)), int64(intOr(c.MaxItems)), 0, kw+"/items"))
		}
		switch t.Elem.Kind {
		case model.TString, model.TInt, model.TFloat:
			kind, items, ok = scalarChecks(t.Elem, kw+"/items")
			if !ok {
				return nil, false
			}
		default:
			return nil, false
		}
	case model.TBool, model.TTime, model.TAny, model.TRaw:
		if hasEnum(t) {
			return nil, false
		}
		return nil, true
	default:
		return nil, false
	}
	if len(own) == 0 && len(items) == 0 {
		return nil, true
	}
	return jen.Values(
		jen.Lit(fl.JSONName),
		jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot(fl.Name)),
		jen.Id(kind), jen.Id(pres), tchecks(own), tchecks(items),
	), true
}

// scalarChecks returns the table kind and checks of a string, integer or float value, or false
// when one of its checks is left to generated code (enum, pattern, format, or a bound that is
// not an exact int64 or float64).
func scalarChecks(t *model.Type, kw string) (kind string, out []jen.Code, ok bool) {
	c := t.Checks
	if c != nil && len(c.Enum) > 0 {
		return "", nil, false
	}
	switch t.Kind {
	case model.TString:
		if c != nil && (len(c.Patterns) > 0 || c.Format != "") {
			return "", nil, false
		}
		if c != nil && c.MinLength != nil {
			out = append(out, tcheck("cMinLength", int64(*c.MinLength), 0, 0, kw+"/minLength"))
		}
		if c != nil && c.MaxLength != nil {
			out = append(out, tcheck("cMaxLength", int64(*c.MaxLength), 0, 0, kw+"/maxLength"))
		}
		return "kString", out, true
	case model.TInt, model.TFloat:
		isInt := t.Kind == model.TInt
		kind = "kFloat"
		if isInt {
			kind = "kInt"
		}
		if c == nil {
			return kind, nil, true
		}
		// The same choices as numberChecks (smallBound, intMultiple): a bound or a multiple the
		// runtime cannot compare without big numbers leaves the field to generated code.
		bound := func(op string, r *big.Rat) bool {
			if r == nil {
				return true
			}
			b, ok := smallBound(r, isInt)
			switch {
			case !ok:
				return false
			case isInt:
				out = append(out, tcheck("cIntBound", b, 0, 0, kw+"/"+op))
			default:
				out = append(out, tcheck("cFloatBound", 0, 0, float64(b), kw+"/"+op))
			}
			return true
		}
		if !bound("minimum", c.Minimum) || !bound("maximum", c.Maximum) ||
			!bound("exclusiveMinimum", c.ExclusiveMinimum) || !bound("exclusiveMaximum", c.ExclusiveMaximum) {
			return "", nil, false
		}
		if c.MultipleOf != nil {
			m, ok := intMultiple(c.MultipleOf, isInt)
			if !ok {
				return "", nil, false
			}
			out = append(out, tcheck("cIntMultipleOf", m, 0, 0, kw+"/multipleOf"))
		}
		return kind, out, true
	}
	return "", nil, false
}

// tcheck is the row {op, n, m, f, kw} of a check.
func tcheck(op string, n, m int64, f float64, kw string) jen.Code {
	return jen.Values(jen.Id(op), jen.Lit(int(n)), jen.Lit(int(m)), jen.Lit(f), jen.Lit(kw))
}

// tchecks is a []tcheck literal, or nil.
func tchecks(cs []jen.Code) jen.Code {
	if len(cs) == 0 {
		return jen.Nil()
	}
	return jen.Index().Id("tcheck").Values(cs...)
}
