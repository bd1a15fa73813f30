package emit

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/keyword"
	"github.com/namigen/namigen/generator/model"
)

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
	code = append(code, countCalls(checksValues(n.Checks), "object", true, jen.Id("count"), jen.Id("p"), n.Location)...)
	return code
}

// validateMethods emits Validate and validate around a body of checks on x.
//
//	func (x *T) Validate() error { e := errs{quiet: true}; x.validate(nil, &e); return validateAgain(len(e.list), x.validate) }
func (e *emitter) validateMethods(f *jen.File, n *model.Named, body []jen.Code) {
	f.Comment("Validate returns a *ValidationError listing every violation of x's schema, or nil.")
	// Quietly first: a valid value costs no allocation (the runtime's descend); again, to say
	// where and why, only when something is wrong.
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("Validate").Params().Error().Add(oneLine(
		jen.Id("e").Op(":=").Id("errs").Values(jen.Id("quiet").Op(":").True()),
		jen.Id("x").Dot("validate").Call(jen.Nil(), jen.Op("&").Id("e")),
		jen.Return(jen.Id("validateAgain").Call(jen.Len(jen.Id("e").Dot("list")), jen.Id("x").Dot("validate"))),
	))
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

// validateNamed returns the checks of a value v of the named type n: its validate, or the
// runtime's checks of its table (a struct or an enum the runtime checks by table; a union of
// scalars, whose decoding checked its value: how many branches are set).
//
//	(x.Platform).validate(&path{parent: p, key: "platform"}, e)
//	checkTable(unsafe.Pointer(&(x.Device)), &tDevice, &path{parent: p, key: "device"}, e)
//	tKind.checkEnum(string(x.Kind), &path{parent: p, key: "kind"}, e)
//	tValue.checkUnion(unsafe.Pointer(&(v)), &path{parent: p, key: k}, e)
func (e *emitter) validateNamed(n *model.Named, v, p jen.Code) []jen.Code {
	switch {
	case scalarUnion(n):
		return []jen.Code{jen.Id(tableName(n)).Dot("checkUnion").Call(jen.Qual("unsafe", "Pointer").Call(jen.Op("&").Parens(v)), p, jen.Id("e"))}
	case n.Kind == model.KindStruct && e.tp.val[n]:
		return []jen.Code{jen.Id("checkTable").Call(jen.Qual("unsafe", "Pointer").Call(jen.Op("&").Parens(v)), jen.Op("&").Id(tableName(n)), p, jen.Id("e"))}
	case tableEnum(n):
		return []jen.Code{jen.Id(tableName(n)).Dot("checkEnum").Call(jen.String().Call(v), p, jen.Id("e"))}
	}
	e.useValidate(n)
	return []jen.Code{jen.Parens(v).Dot("validate").Call(p, jen.Id("e"))}
}

// validateValue returns the checks for a value expression v of type t at path p.
func (e *emitter) validateValue(t *model.Type, v jen.Code, p jen.Code, kw string, depth int) []jen.Code {
	var out []jen.Code
	c := t.Checks
	switch t.Kind {
	case model.TNamed:
		out = append(out, e.validateNamed(t.Named, v, p)...)
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
		out = append(out, countCalls(checksValues(c), "array", true, jen.Len(v), p, kw)...)
		if hasFlag(checksValues(c), "array", true) {
			out = append(out, jen.Id("checkUnique").Call(v, p, jen.Id("e"), jen.Lit(kw+"/uniqueItems")))
		}
		idx := "i" + strconv.Itoa(depth)
		inner := e.validateValue(t.Elem, jen.Parens(v).Index(jen.Id(idx)), indexPath(p, jen.Id(idx)), kw+"/items", depth+1)
		if len(inner) > 0 {
			out = append(out, jen.For(jen.Id(idx).Op(":=").Range().Add(v)).Block(inner...))
		}
	case model.TMap:
		out = append(out, countCalls(checksValues(c), "object", true, jen.Len(v), p, kw)...)
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

func (e *emitter) stringChecks(c *model.Checks, v, p jen.Code, kw string) []jen.Code {
	if c == nil {
		return nil
	}
	out := lengthCalls(&c.Values, true, v, p, kw)
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
		if b, ok := smallBound(r, isInt); ok {
			if isInt {
				out = append(out, jen.Id("checkIntBound").Call(raw, jen.Lit(b), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
			} else {
				out = append(out, jen.Id("checkFloatBound").Call(raw, jen.Lit(float64(b)), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
			}
			return
		}
		out = append(out, jen.Id("checkNumber").Call(fv, jen.Lit(r.RatString()), jen.Lit(op), p, jen.Id("e"), jen.Lit(kw+"/"+op)))
	}
	for _, b := range numberBounds(&c.Values, true) {
		if b.k.Kind != keyword.Multiple {
			add(b.k.Name, b.r)
		} else if m, ok := intMultiple(b.r, isInt); ok {
			out = append(out, jen.Id("checkIntMultipleOf").Call(raw, jen.Lit(m), p, jen.Id("e"), jen.Lit(kw+"/"+b.k.Name)))
		} else {
			out = append(out, jen.Id("checkMultipleOf").Call(fv, jen.Lit(b.r.RatString()), p, jen.Id("e"), jen.Lit(kw+"/"+b.k.Name)))
		}
	}
	return out
}

// smallBound returns a numeric bound that the typed checks compare without big numbers: an
// integer bound, exactly for an int64 value, and for a float64 value when it is within ±2^53
// (where every integer is a float64). Other bounds are compared exactly (checkNumber).
func smallBound(r *big.Rat, isInt bool) (int64, bool) {
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	b := r.Num().Int64()
	return b, isInt || (b >= -1<<53 && b <= 1<<53)
}

// intMultiple returns a multipleOf that checkIntMultipleOf checks: a positive int64 divisor of
// an integer value.
func intMultiple(m *big.Rat, isInt bool) (int64, bool) {
	if m == nil || !isInt || !m.IsInt() || !m.Num().IsInt64() || m.Sign() <= 0 {
		return 0, false
	}
	return m.Num().Int64(), true
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
