package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// unionType emits a tagged union: one pointer field per branch.
//
//	type Shape struct { Circle *Circle; Square *Square }
func (e *emitter) unionType(f *jen.File, n *model.Named) {
	e.unionDecl(f, n)
	if scalarUnion(n) {
		e.unionTable(f, n)
		return
	}
	e.unionMarshal(f, n)
	e.unmarshal(f, n)
	e.unionDecoder(f, n)
	// Each branch that is set is counted and validated; checkSet reports a union built in Go
	// that sets none, or several of a oneOf (decoding never does):
	//
	//	set := 0
	//	if x.Circle != nil { set++; (*x.Circle).validate(p, e) }
	//	checkSet(set, true, false, p, e, "schema.json#/$defs/Shape")
	vb := []jen.Code{jen.Id("set").Op(":=").Lit(0)}
	for _, v := range n.Union.Variants {
		inner := e.validateValue(v.Type, jen.Op("*").Id("x").Dot(v.Name), jen.Id("p"), n.Location, 0)
		vb = append(vb, jen.If(jen.Id("x").Dot(v.Name).Op("!=").Nil()).Block(append([]jen.Code{jen.Id("set").Op("++")}, inner...)...))
	}
	if n.Union.Nullable {
		vb = append(vb, jen.If(jen.Id("x").Dot("Null")).Block(jen.Id("set").Op("++")))
	}
	vb = append(vb, jen.Id("checkSet").Call(jen.Id("set"), jen.Lit(n.Union.OneOf), jen.Lit(n.Union.Nullable), jen.Id("p"), jen.Id("e"), jen.Lit(n.Location)))
	e.validateMethods(f, n, vb)
}

// unionTable emits the table of a union of scalar branches, which the runtime decodes
// (decodeUnion) by trying its branches in order and encodes (marshalUnion), and its
// MarshalJSON, UnmarshalJSON and Validate:
//
//	var tValue = ttable{dec: (*ttable).decodeUnion, nullOff: unsafe.Offsetof(Value{}.Null), nullable: true, unionAt: "schema.json#/$defs/Value",
//		branches: []tbranch{
//			{unsafe.Offsetof(Value{}.String), kString},
//			{unsafe.Offsetof(Value{}.Number), kFloat},
//		},
//	}
func (e *emitter) unionTable(f *jen.File, n *model.Named) {
	u := n.Union
	var rows []jen.Code
	for _, v := range u.Variants {
		rows = append(rows, jen.Values(jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot(v.Name)), jen.Id(scalarKind(v.Type))))
	}
	td := tableKeys{
		"branches": jen.Index().Id("tbranch").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, rows...),
		"unionAt":  jen.Lit(n.Location),
		"dec":      jen.Parens(jen.Op("*").Id("ttable")).Dot("decodeUnion"),
	}
	if !u.OneOf {
		td["anyOf"] = jen.True()
	}
	if u.Nullable {
		td["nullable"] = jen.True()
		td["nullOff"] = jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot("Null"))
	}
	e.tableExtras(td, n, false)
	f.Var().Id(tableName(n)).Op("=").Id("ttable").Add(td.literal())
	f.Line()
	f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Add(oneLine(
		jen.Return(jen.Id("marshalUnion").Call(jen.Qual("unsafe", "Pointer").Call(jen.Op("&").Id("x")), jen.Op("&").Id(tableName(n)), jen.Lit(n.Name))),
	))
	f.Line()
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Add(oneLine(
		jen.Return(jen.Id("unmarshalUnion").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("x")), jen.Id("data"), jen.Op("&").Id(tableName(n)))),
	))
	f.Line()
	f.Comment("Validate reports a union built in Go that sets no branch, or several of a oneOf.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("Validate").Params().Error().Add(oneLine(
		jen.Return(jen.Id("validateUnion").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("x")), jen.Op("&").Id(tableName(n))))))
	f.Line()
}

// unionDecl emits the union's type, whose doc says how a value selects a branch:
//
//	// Shape is a union: the value is exactly one of its branches. Set one field.
//	type Shape struct {
//		_      [0]func() // not comparable
//		Circle *Circle   // Set when the value is a Circle.
//		Null   bool      // True when the value is JSON null.
//	}
func (e *emitter) unionDecl(f *jen.File, n *model.Named) {
	u := n.Union
	// The branches are pointers, so == would compare pointers: a union is not comparable, which
	// also spares the compiler its equality function.
	fields := []jen.Code{jen.Id("_").Index(jen.Lit(0)).Func().Params().Comment("not comparable")}
	dispatchDoc, dispatchFields := dispatchDocs(n)
	for i, v := range u.Variants {
		note := fmt.Sprintf("Set when the value is %s.", describe(v.Type))
		if len(v.Values) > 0 {
			note = fmt.Sprintf("Set when %q is %s.", u.Discriminator, quoteAll(v.Values))
		} else if dispatchFields != nil && dispatchFields[i] != "" {
			note = dispatchFields[i]
		}
		fields = append(fields, noted("", note, jen.Id(v.Name).Op("*").Add(e.goType(v.Type))))
	}
	if u.Nullable {
		fields = append(fields, jen.Id("Null").Bool().Comment("True when the value is JSON null."))
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
}

// unionMarshal emits the MarshalJSON of a union, which encodes the first branch that is set:
//
//	func (x Shape) MarshalJSON() ([]byte, error) {
//		if x.Circle != nil { return json.Marshal(x.Circle) }
//		...
//		return nil, errors.New("Shape: no branch is set") // or []byte("null"), nil when nullable
//	}
func (e *emitter) unionMarshal(f *jen.File, n *model.Named) {
	u := n.Union
	var mb []jen.Code
	for _, v := range u.Variants {
		mb = append(mb, jen.If(jen.Id("x").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("x").Dot(v.Name)))))
	}
	if u.Nullable {
		mb = append(mb, jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()))
	} else {
		mb = append(mb, jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(n.Name+": no branch is set"))))
	}
	f.Func().Params(jen.Id("x").Id(n.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(mb...)
	f.Line()
}

// unionDecoder emits the typed decoder of a union, which selects its branches by an inferred
// dispatch (see dispatchDecode), by the discriminator, or else by trying every branch:
//
//	func (x *Shape) decodeJSON(data []byte, p *path, e *errs) {
//		*x = Shape{}
//		if isNull(data) { x.Null = true; return }
//		...
//	}
func (e *emitter) unionDecoder(f *jen.File, n *model.Named) {
	u := n.Union
	var db []jen.Code
	db = append(db, jen.Op("*").Id("x").Op("=").Id(n.Name).Values())
	if u.Nullable {
		db = append(db, jen.If(jen.Id("isNull").Call(jen.Id("data"))).Block(jen.Id("x").Dot("Null").Op("=").True(), jen.Return()))
	}
	if d := dispatchable(n); d != nil {
		db = append(db, e.dispatchDecode(f, n, d)...)
	} else if u.Discriminator != "" {
		db = append(db, e.discriminatorDecode(n)...)
	} else {
		db = append(db, e.tryEveryBranch(n)...)
	}
	e.dynamicDecode(f, n)
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(db...)
	f.Line()
}

// discriminatorDecode is the decoder body of a union with a discriminator: it reads the
// discriminator and decodes the branch its value names.
//
//	m, ok := decodeObject(data, p, e)
//	if !ok { return }
//	var tag string
//	if raw, ok := m["kind"]; ok { decodeString(&tag, raw, &path{parent: p, key: "kind"}, e) } else { e.add(...); return }
//	switch tag {
//	case "circle":
//		x.Circle = new(Circle)
//		(*Circle).decodeJSON(x.Circle, data, p, e)
//	default:
//		e.add(&path{parent: p, key: "kind"}, "schema.json#/$defs/Shape", "unknown %s %q", "kind", tag)
//	}
func (e *emitter) discriminatorDecode(n *model.Named) []jen.Code {
	u := n.Union
	db := []jen.Code{
		jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("decodeObject").Call(jen.Id("data"), jen.Id("p"), jen.Id("e")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.Var().Id("tag").String(),
		jen.If(jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Lit(u.Discriminator)), jen.Id("ok")).Block(
			jen.Id("decodeString").Call(jen.Op("&").Id("tag"), jen.Id("raw"), childPath(jen.Id("p"), jen.Lit(u.Discriminator)), jen.Id("e")),
		).Else().Block(
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("missing discriminator %q"), jen.Lit(u.Discriminator)),
			jen.Return(),
		),
	}
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
	return append(db, jen.Switch(jen.Id("tag")).Block(cases...))
}

// tryEveryBranch is the decoder body of a union without a discriminator or a usable dispatch:
// it decodes and validates every branch on its own and counts the matches. A dynamic union
// keeps the first branch of several; its schema function counts the matches.
//
//	matched := 0
//	x.Circle = tryBranch(&matched, false, data, p, e, (*Circle).decodeJSON, (*Circle).validate)
//	...
//	if matched == 0 { e.add(p, "schema.json#/$defs/Shape", "the value matches none of the branches") }
//	if matched > 1 { *x = Shape{}; e.add(p, "schema.json#/$defs/Shape/oneOf", "...", matched) } // oneOf
func (e *emitter) tryEveryBranch(n *model.Named) []jen.Code {
	u := n.Union
	db := []jen.Code{jen.Id("matched").Op(":=").Lit(0)}
	for _, v := range u.Variants {
		db = append(db, e.branchTry(v, !u.OneOf))
	}
	db = append(db, jen.If(jen.Id("matched").Op("==").Lit(0)).Block(
		jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("the value matches none of the branches")),
	))
	if u.OneOf && n.Dyn == nil {
		db = append(db, jen.If(jen.Id("matched").Op(">").Lit(1)).Block(
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/oneOf"), jen.Lit("the value matches %d branches; oneOf wants exactly one"), jen.Id("matched")),
		))
	}
	return db
}

// branchTry is the statement that tries the branch v of a union (runtime tryBranch):
//
//	x.Circle = tryBranch(&matched, false, data, p, e, (*Circle).decodeJSON, (*Circle).validate)
func (e *emitter) branchTry(v *model.Variant, keepAll bool) jen.Code {
	return jen.Id("x").Dot(v.Name).Op("=").Id("tryBranch").Call(
		jen.Op("&").Id("matched"), jen.Lit(keepAll), jen.Id("data"), jen.Id("p"), jen.Id("e"), e.decoder(v.Type), e.branchValidator(v.Type))
}

// branchValidator is the function that validates a decoded branch candidate of type t
// (func(*T, *path, *errs)), or nil when there is nothing to check.
func (e *emitter) branchValidator(t *model.Type) jen.Code {
	inner := e.validateValue(t, jen.Op("*").Id("v"), jen.Id("p"), "", 0)
	switch {
	case len(inner) == 0:
		return jen.Nil()
	case t.Kind == model.TNamed && len(inner) == 1:
		e.useValidate(t.Named)
		return jen.Parens(jen.Op("*").Id(t.Named.Name)).Dot("validate")
	}
	return jen.Func().Params(jen.Id("v").Op("*").Add(e.goType(t)), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(inner...)
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
