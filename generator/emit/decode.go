package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

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
		e.useDecode(t.Named)
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
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("decodeJSON").Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Add(oneLine(
		jen.Id("decodeDynamic").Call(jen.Id("data"), jen.Id("p"), jen.Id("e"), jen.Id("x").Dot("decodeTyped"), jen.Id(n.Dyn.Func)),
	))
	f.Line()
}

// unmarshal emits UnmarshalJSON on top of decodeJSON.
//
//	func (x *T) UnmarshalJSON(data []byte) error { var e errs; x.decodeJSON(data, nil, &e); return e.err() }
func (e *emitter) unmarshal(f *jen.File, n *model.Named) {
	if n.Dyn != nil {
		// Unlike the others (the package doc says what they report): worth a comment.
		f.Comment("UnmarshalJSON decodes x and returns every violation of its schema as a *ValidationError.")
	}
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Add(oneLine(
		jen.Var().Id("e").Id("errs"),
		jen.Id("x").Dot("decodeJSON").Call(jen.Id("data"), jen.Nil(), jen.Op("&").Id("e")),
		jen.Return(jen.Id("e").Dot("err").Call()),
	))
	f.Line()
}
