package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

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
		consts = append(consts, jen.Id(v.Name).Id(n.Name).Op("=").Add(enumLit(en.Base, v.Value)))
	}
	if len(consts) > 0 {
		// One comment for the group: each constant's name and value say what it is.
		f.Comment("The values of " + n.Name + " the schema names.")
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
	// Without the type's name, which the function's name holds: the line fits.
	f.Comment(allName + " returns the named values, in schema order.")
	if tableEnum(n) {
		// From the table: a slice literal would make the compiler write an equality function
		// for the array behind it, a generic function an instance for each type.
		f.Func().Id(allName).Params().Index().Id(n.Name).Add(oneLine(
			jen.Return(jen.Op("*").Parens(jen.Op("*").Index().Id(n.Name)).Call(jen.Id("enumSlice").Call(jen.Op("&").Id(tableName(n)))))))
	} else {
		f.Func().Id(allName).Params().Index().Id(n.Name).Block(
			jen.Return(jen.Index().Id(n.Name).Values(ids...)),
		)
	}
	f.Line()
	if tableEnum(n) {
		e.tableEnumMethods(f, n)
	} else {
		e.enumMethods(f, n, ids)
	}
	if n.Name == "EventType" {
		e.eventTypeExtras(f, n)
	}
}

// tableEnumMethods emits the table of a string enumeration and the methods that read it. It
// has no UnmarshalJSON (one per enum was 5 lines each, a tenth of a large package): generated
// types decode it through its glue decodeJSON (decodeString) or their tables, and
// json.Unmarshal into it directly is encoding/json's, where null leaves the value as it was
// and a number is a *json.UnmarshalTypeError; Validate checks the value.
//
//	var tPlatform = ttable{enum: []string{"apple", "google"}, enumAt: "schema.json#/$defs/Platform/enum"}
//	func (v Platform) IsKnown() bool { return tPlatform.known(string(v)) }
func (e *emitter) tableEnumMethods(f *jen.File, n *model.Named) {
	var lits []jen.Code
	for _, v := range n.Enum.Values {
		lits = append(lits, jen.Lit(v.Value))
	}
	td := tableKeys{"enum": jen.Index().String().Values(lits...)}
	if !n.Enum.Open {
		td["enumAt"] = jen.Lit(n.Location + "/enum")
	}
	t := tableName(n)
	f.Var().Id(t).Op("=").Id("ttable").Add(td.literal())
	f.Line()
	f.Comment("IsKnown reports whether v is one of the constants.")
	f.Func().Params(jen.Id("v").Id(n.Name)).Id("IsKnown").Params().Bool().Add(oneLine(
		jen.Return(jen.Id(t).Dot("known").Call(jen.String().Call(jen.Id("v")))),
	))
	f.Line()
	f.Comment("Validate returns a *ValidationError listing every violation of x's schema, or nil.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("Validate").Params().Error().Add(oneLine(
		jen.Return(jen.Id("validateEnum").Call(jen.String().Call(jen.Op("*").Id("x")), jen.Op("&").Id(t))),
	))
	f.Line()
}

// enumMethods emits IsKnown, the decoder and the validator of an enumeration without a table.
func (e *emitter) enumMethods(f *jen.File, n *model.Named, ids []jen.Code) {
	en := n.Enum
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
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Add(oneLine(
		e.decoder(baseType).Call(jen.Parens(jen.Op("*").Add(e.goType(baseType))).Call(jen.Id("x")), jen.Id("data"), jen.Id("p"), jen.Id("e")),
	))
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
