package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

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
