package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Table-driven struct validation (runtime/tablecheck.go). The checks of a struct's
// properties that the runtime runs itself (lengths, integer and float bounds, integer
// multiples, item counts, formats, string consts, enumerations and the structs it validates
// by their tables) are in the struct's table (tableplan.go). A struct all of whose checks are
// there has no generated validator: its Validate calls validateTable. Another one's validate
// walks the table, and the properties checked otherwise (the flag fCheck) are cases of a
// switch at their row, so the violations keep their order:
//
//	func (x *Device) validate(p *path, e *errs) {
//		var d checkIter
//		for d.next(unsafe.Pointer(x), &tDevice, p, e) {
//			switch d.i {
//			case 1:
//				(x.Platform).validate(&path{parent: p, key: "platform"}, e)
//			}
//		}
//	}

// structValidate emits Validate and validate of the struct n; rows are its table rows (nil: it
// has no table).
func (e *emitter) structValidate(f *jen.File, n *model.Named, rows []tableRow) {
	if n.Dyn != nil {
		e.validateMethods(f, n, nil) // checks the JSON against the whole schema instead
		return
	}
	if e.tp.val[n] { // a struct or a union of scalars
		f.Comment("Validate returns a *ValidationError listing every violation of x's schema, or nil.")
		f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("Validate").Params().Error().Add(oneLine(
			jen.Return(jen.Id("validateTable").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("x")), jen.Op("&").Id(tableName(n)))),
		))
		f.Line()
		return
	}
	st := n.Struct
	var body []jen.Code
	if rows == nil {
		for _, fl := range st.Fields {
			body = append(body, e.fieldChecks(n, fl)...)
		}
	} else {
		var cases []jen.Code
		for i, fl := range st.Fields {
			if rows[i].check {
				if checks := e.fieldChecks(n, fl); len(checks) > 0 {
					cases = append(cases, jen.Case(jen.Lit(i)).Block(checks...))
				}
			}
		}
		base := jen.Qual("unsafe", "Pointer").Call(jen.Id("x"))
		if len(cases) == 0 {
			body = append(body, jen.Id("checkTable").Call(base, jen.Op("&").Id(tableName(n)), jen.Id("p"), jen.Id("e")))
		} else {
			body = append(body,
				jen.Var().Id("d").Id("checkIter"),
				jen.For(jen.Id("d").Dot("next").Call(base, jen.Op("&").Id(tableName(n)), jen.Id("p"), jen.Id("e"))).Block(
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
	if len(setBounds(checksValues(n.Checks), "object", true)) > 0 {
		body = append(body, e.countProps(n)...)
	}
	e.validateMethods(f, n, body)
}

// tableDecoder emits UnmarshalJSON of a struct that the runtime decodes entirely by its table
// (its decodeMembers, when a union hands it members, is glue).
//
//	func (x *Device) UnmarshalJSON(data []byte) error { return unmarshalTable(unsafe.Pointer(x), data, &tDevice) }
//
// unmarshalTable clears *x first, through the table's nilPtr (structTable).
func (e *emitter) tableDecoder(f *jen.File, n *model.Named) {
	base := jen.Qual("unsafe", "Pointer").Call(jen.Id("x"))
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Add(oneLine(
		jen.Return(jen.Id("unmarshalTable").Call(base, jen.Id("data"), jen.Op("&").Id(tableName(n)))),
	))
	f.Line()
}

// Methods that generated code calls by name (a union's branches, the events, a field decoded
// by a generated switch) but that a type decoded or validated by its table does not otherwise
// have: the emitter notes each use, and glueMethods emits them once all the code is built.
const (
	needDecode uint8 = 1 << iota
	needValidate
	needMembers
)

// tableEnum reports whether the named type is a string enumeration with a table.
func tableEnum(n *model.Named) bool {
	return stringEnum(&model.Type{Kind: model.TNamed, Named: n})
}

// useDecode notes a call of n's decodeJSON.
func (e *emitter) useDecode(n *model.Named) {
	if e.tp.dec[n] || tableEnum(n) {
		e.glue[n] |= needDecode
	}
}

// useMembers notes a call of n's decodeMembers (a union that split the object).
func (e *emitter) useMembers(n *model.Named) {
	if e.tp.dec[n] {
		e.glue[n] |= needMembers
	}
}

// useValidate notes a call of n's validate.
func (e *emitter) useValidate(n *model.Named) {
	if e.tp.val[n] || tableEnum(n) {
		e.glue[n] |= needValidate
	}
}

// glueMethods emits the methods noted by useDecode and useValidate, in name order.
//
//	func (x *Device) decodeJSON(data []byte, p *path, e *errs) { *x = Device{}; tDevice.decodeFields(unsafe.Pointer(x), data, p, e) }
//	func (x *Device) validate(p *path, e *errs) { checkTable(unsafe.Pointer(x), &tDevice, p, e) }
func (e *emitter) glueMethods(f *jen.File) {
	var names []*model.Named
	for _, n := range e.pkg.Types {
		if e.glue[n] != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	f.Comment("The decoders and validators that generated code calls by name, of the types decoded or")
	f.Comment("validated by their tables.")
	recv := func(n *model.Named) *jen.Statement { return jen.Params(jen.Id("x").Op("*").Id(n.Name)) }
	pe := []jen.Code{jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")}
	for _, n := range names {
		base := jen.Qual("unsafe", "Pointer").Call(jen.Id("x"))
		if e.glue[n]&needDecode != 0 {
			body := []jen.Code{jen.Id("decodeString").Call(jen.Parens(jen.Op("*").String()).Call(jen.Id("x")), jen.Id("data"), jen.Id("p"), jen.Id("e"))}
			switch n.Kind {
			case model.KindStruct:
				body = []jen.Code{
					jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
					jen.Id(tableName(n)).Dot("decodeFields").Call(base, jen.Id("data"), jen.Id("p"), jen.Id("e")),
				}
			case model.KindUnion:
				body = []jen.Code{jen.Id(tableName(n)).Dot("decodeUnion").Call(base, jen.Id("data"), jen.Id("p"), jen.Id("e"))}
			}
			f.Func().Add(recv(n)).Id("decodeJSON").Params(append([]jen.Code{jen.Id("data").Index().Byte()}, pe...)...).Add(oneLine(body...))
		}
		if e.glue[n]&needMembers != 0 {
			f.Func().Add(recv(n)).Id("decodeMembers").Params(append([]jen.Code{jen.Id("data").Index().Byte(), jen.Id("ms").Index().Id("member")}, pe...)...).Add(oneLine(
				jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
				jen.Id("decodeTable").Call(base, jen.Id("ms"), jen.Op("&").Id(tableName(n)), jen.Id("p"), jen.Id("e"))))
		}
		if e.glue[n]&needValidate != 0 {
			body := jen.Id(tableName(n)).Dot("checkEnum").Call(jen.String().Call(jen.Op("*").Id("x")), jen.Id("p"), jen.Id("e"))
			switch n.Kind {
			case model.KindUnion:
				body = jen.Id(tableName(n)).Dot("checkUnion").Call(base, jen.Id("p"), jen.Id("e")) // the branches set
			case model.KindStruct:
				body = jen.Id("checkTable").Call(base, jen.Op("&").Id(tableName(n)), jen.Id("p"), jen.Id("e"))
			}
			f.Func().Add(recv(n)).Id("validate").Params(pe...).Add(oneLine(body))
		}
	}
	f.Line()
}

// refName is the name of the table that rows naming n point to: its codec, or its table.
func (e *emitter) refName(n *model.Named) string {
	if e.tp.codec[n] {
		return "c" + n.Name
	}
	return tableName(n)
}

// codecs emits the codecs of the types that rows name, one line each: what the runtime needs
// to decode such a value where it stands (by its generated decoder, which cannot be named in
// the tables of fields: recursive types would be an initialization cycle).
//
//	var cShape = ttable{alloc: func(n int) unsafe.Pointer { ... }, dec: func(_ *ttable, x unsafe.Pointer, data []byte, p *path, e *errs) { (*Shape)(x).decodeJSON(data, p, e) }, size: unsafe.Sizeof(*new(Shape))}
func (e *emitter) codecs(f *jen.File) {
	first := true
	for _, n := range e.tp.list {
		if !e.tp.codec[n] {
			continue
		}
		if first {
			f.Comment("Codecs: the generated decoders that the tables' rows reach by index.")
			first = false
		}
		td := tableKeys{"dec": jen.Func().Params(jen.Id("_").Op("*").Id("ttable"), jen.Id("x").Qual("unsafe", "Pointer"), jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Add(oneLine(
			jen.Parens(jen.Op("*").Id(n.Name)).Call(jen.Id("x")).Dot("decodeJSON").Call(jen.Id("data"), jen.Id("p"), jen.Id("e"))))}
		e.layout(td, n)
		f.Var().Id("c" + n.Name).Op("=").Id("ttable").Add(td.literal())
	}
	if !first {
		f.Line()
	}
}

// tableList emits the list of the tables that rows name by index (typ), set by init: a table
// that named another by its address would make the tables of recursive types an
// initialization cycle.
//
//	var tables []*ttable
//
//	var tableList = [...]*ttable{nil, &tDevice, &tPlatform}
//
//	func init() { tables = tableList[:] }
func (e *emitter) tableList(f *jen.File) {
	if !e.linked {
		return
	}
	var items strings.Builder
	items.WriteString("nil,")
	for i, n := range e.tp.list {
		if i%6 == 0 {
			items.WriteString("\n")
		} else {
			items.WriteString(" ")
		}
		items.WriteString("&" + e.refName(n) + ",")
	}
	e.codecs(f)
	f.Comment("tables lists the tables that the tables' rows name by index (tableList, static data).")
	f.Var().Id("tables").Index().Op("*").Id("ttable")
	f.Line()
	f.Var().Id("tableList").Op("=").Index(jen.Op("...")).Op("*").Id("ttable").Op("{" + items.String() + "\n}")
	f.Line()
	f.Func().Id("init").Params().Add(oneLine(jen.Id("tables").Op("=").Id("tableList").Index(jen.Op(":"))))
	f.Line()
}
