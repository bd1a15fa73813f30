package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// aliasType emits a defined type over an array, map or scalar with its checks.
//
//	type Tags []string
func (e *emitter) aliasType(f *jen.File, n *model.Named) {
	docComment(f, e.typeDoc(n, "is generated from a schema definition."))
	f.Type().Id(n.Name).Add(e.goType(n.Alias))
	f.Line()
	under := e.goType(n.Alias)
	e.dynamicDecode(f, n)
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		e.decodeAt(n.Alias, jen.Parens(jen.Op("*").Add(under)).Call(jen.Id("x")), jen.Id("data"), jen.Id("p"), false),
	)
	f.Line()
	if n.Alias.Kind == model.TNamed || n.Alias.Kind == model.TTime {
		// A defined type does not inherit the methods of the type it is defined over: encode
		// through that type, or its fields would be written as they are named in Go (a
		// time.Time as {}).
		name := "time.Time"
		if n.Alias.Kind == model.TNamed {
			name = n.Alias.Named.Name
		}
		f.Comment("MarshalJSON encodes x as the " + name + " it is.")
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
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id(e.decodeName(n)).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Block(
		jen.Id("decodeAny").Call(jen.Op("&").Id("x").Dot("Value"), jen.Id("data"), jen.Id("p"), jen.Id("e")),
	)
	f.Line()
	e.validateMethods(f, n, nil)
}
