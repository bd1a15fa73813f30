package emit

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Table-driven structs (runtime/table.go; the plan of which structs have no generated code is
// tableplan.go). A struct's properties become a table of static data, tT, one row per
// property, with its checks:
//
//	var tDevice = ttable{byKey: []uint8{0, 1}, types: &tables, unknownAt: ".../additionalProperties",
//		fields: []tfield{
//			{"id", unsafe.Offsetof(Device{}.ID), kString, pValue, fReq, 0, ".../required", &tchecks{[]tcheck{{op: cMinLength, n: 1, kw: ".../minLength"}}, nil}},
//			{"platform", unsafe.Offsetof(Device{}.Platform), kCode, pValue, fCheck, 0, "", nil},
//		},
//	}
//
// The runtime decodes the values it knows (strings, numbers, booleans, times, raw JSON, any,
// and kStruct: other named types, through their tables or codecs; as values, pointers,
// Nullables or slices), tracks required properties and handles undeclared members. A struct
// with a property of another kind (kCode: a map, a value that is only null, ...) keeps a
// generated decoder whose switch gets those members:
//
//	d := fieldIter{ms: ms}
//	for {
//		i, raw := d.next(unsafe.Pointer(x), &tDevice, p, e)
//		if i < 0 {
//			break
//		}
//		switch i {
//		case 1:
//			decodeMap(&x.Platform, raw, false, &path{parent: p, key: "platform"}, e, decodeString)
//		}
//	}
//	d.finish(&tDevice, p, e)
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
		if aliasScalar(t) {
			return scalarKind(t.Named.Alias)
		}
	}
	return ""
}

// aliasScalar reports whether t is a defined type over a scalar (type Timestamp time.Time),
// which a table decodes as that scalar.
func aliasScalar(t *model.Type) bool {
	if t.Kind != model.TNamed || t.Named.Kind != model.KindAlias || t.Named.Dyn != nil {
		return false
	}
	switch t.Named.Alias.Kind {
	case model.TString, model.TInt, model.TFloat, model.TBool, model.TTime, model.TRaw, model.TAny:
		return true
	}
	return false
}

// fieldKind is how the table decodes a field of a scalar kind: its kind and presence, and
// whether null is accepted; kind "" when it is of another kind.
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

// byKey is the []uint8 of the field indexes in the order of their JSON names by length, then
// by bytes, which ttable.find searches: most steps compare two lengths.
func byKey(fields []*model.Field) jen.Code {
	idx := make([]int, len(fields))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		x, y := fields[idx[a]].JSONName, fields[idx[b]].JSONName
		return len(x) < len(y) || len(x) == len(y) && x < y
	})
	var lits []jen.Code
	for _, i := range idx {
		lits = append(lits, jen.Lit(i))
	}
	return jen.Index().Uint8().Values(lits...)
}

// tableName is the name of the table of a struct or enum: tDevice.
func tableName(n *model.Named) string { return "t" + n.Name }

// structTable emits the table of the struct n, one line per property with its checks (own,
// each item's), or nil:
//
//	var tDevice = ttable{byKey: []uint8{0, 1}, types: &tables,
//		fields: []tfield{
//			{"id", unsafe.Offsetof(Device{}.ID), kString, pValue, fReq, 0, ".../required", &tchecks{[]tcheck{{op: cMinLength, n: 1, kw: ".../minLength"}}, nil}},
//			{"platform", unsafe.Offsetof(Device{}.Platform), kStruct, pPtr, 0, 3, "", nil},
//		},
//	}
func (e *emitter) structTable(f *jen.File, n *model.Named, rows []tableRow) {
	st := n.Struct
	var entries []jen.Code
	linked := false
	for i, fl := range st.Fields {
		r := rows[i]
		var flags []string
		if r.null {
			flags = append(flags, "fNull")
		}
		if fl.Required {
			flags = append(flags, "fReq")
		}
		if r.check && n.Dyn == nil {
			flags = append(flags, "fCheck")
		}
		flag := jen.Lit(0)
		for j, fg := range flags {
			if j == 0 {
				flag = jen.Id(fg)
			} else {
				flag = flag.Op("|").Id(fg)
			}
		}
		typ := 0
		if r.typ != nil {
			typ = e.tp.index[r.typ]
			linked = true
		}
		reqAt := ""
		if fl.Required {
			reqAt = fl.RequiredAt + "/required"
		}
		checks := jen.Nil()
		if len(r.own) > 0 || len(r.items) > 0 {
			checks = jen.Op("&").Id("tchecks").Values(e.checkRows(r.own), e.checkRows(r.items))
		}
		entries = append(entries, jen.Values(
			jen.Lit(fl.JSONName),
			jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot(fl.Name)),
			jen.Id(r.kind), jen.Id(r.pres), flag, jen.Lit(typ), jen.Lit(reqAt), checks,
		))
	}
	td := tableKeys{
		"fields": jen.Index().Id("tfield").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, entries...),
		"byKey":  byKey(st.Fields),
	}
	switch {
	case st.Closed:
		td["unknownAt"] = jen.Lit(n.Location + "/additionalProperties")
	case st.Extra != nil:
		td["keep"] = jen.True()
		td["extra"] = jen.Qual("unsafe", "Offsetof").Call(jen.Id(n.Name).Values().Dot("AdditionalProperties"))
	}
	if e.tp.dec[n] {
		// For UnmarshalJSON (tableDecoder), which clears the struct through it.
		td["nilPtr"] = jen.Parens(jen.Op("*").Id(n.Name)).Call(jen.Nil())
	}
	e.tableExtras(td, n, linked)
	f.Var().Id(tableName(n)).Op("=").Id("ttable").Add(td.literal())
	f.Line()
}

// tableKeys are the keyed values of a ttable literal.
type tableKeys map[string]jen.Code

// literal renders the keys in name order, the short ones on the first line and the lists of
// rows (fields, branches) below it, one row per line:
//
//	{byKey: []uint8{1, 0}, types: &tables, unknownAt: ".../additionalProperties",
//		fields: []tfield{
//			...
//		},
//	}
func (td tableKeys) literal() jen.Code {
	var keys []string
	for k := range td {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var short, long []jen.Code
	for _, k := range keys {
		kv := jen.Id(k).Op(":").Add(td[k])
		if k == "fields" || k == "branches" {
			long = append(long, jen.Line().Add(kv))
		} else {
			short = append(short, kv)
		}
	}
	if len(long) == 0 {
		return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ", "}, short...)
	}
	return jen.Custom(jen.Options{Open: "{", Close: ",\n}", Separator: ", "}, append(short, long...)...)
}

// tableExtras adds to a table what the rows of other tables need of it (its size, its alloc)
// and, when its own rows name other tables, the list of the package's tables.
func (e *emitter) tableExtras(td tableKeys, n *model.Named, linked bool) {
	if !e.tp.codec[n] { // else rows reach n through its codec, which has them
		e.layout(td, n)
	}
	if linked {
		td["types"] = jen.Op("&").Id("tables")
		e.linked = true
	}
}

// layout adds to the table or codec of n what the rows that name it need: its size (the step
// of a slice, where a Nullable's flags are) and its alloc (make([]T, n): the runtime allocates
// with the type's layout, for the collector). *new(T): T may be a defined type over a scalar,
// which has no composite literal.
func (e *emitter) layout(td tableKeys, n *model.Named) {
	if e.tp.size[n] {
		td["size"] = jen.Qual("unsafe", "Sizeof").Call(jen.Op("*").New(jen.Id(n.Name)))
	}
	if e.tp.alloc[n] {
		td["alloc"] = allocFunc(n)
	}
}

// allocFunc is func(n int) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(make([]T, n))) }.
func allocFunc(n *model.Named) jen.Code {
	return jen.Func().Params(jen.Id("n").Int()).Qual("unsafe", "Pointer").Add(oneLine(
		jen.Return(jen.Qual("unsafe", "Pointer").Call(jen.Qual("unsafe", "SliceData").Call(jen.Make(jen.Index().Id(n.Name), jen.Id("n")))))))
}

// checkRows is a []tcheck literal of table checks, or nil.
func (e *emitter) checkRows(cs []checkRow) jen.Code {
	if len(cs) == 0 {
		return jen.Nil()
	}
	var out []jen.Code
	for _, c := range cs {
		// Keyed, on one line: {op: cMinLength, n: 1, kw: ".../minLength"}.
		kv := func(k string, v jen.Code) jen.Code { return jen.Id(k).Op(":").Add(v) }
		items := []jen.Code{kv("op", jen.Id(c.op))}
		if c.n != 0 {
			items = append(items, kv("n", jen.Lit(int(c.n))))
		}
		if c.m != 0 {
			items = append(items, kv("m", jen.Lit(int(c.m))))
		}
		if c.f != 0 {
			items = append(items, kv("f", jen.Lit(c.f)))
		}
		if c.op == "cPattern" {
			// The compiled pattern's source (what checkPattern prints) and its match function.
			v := e.patternVar(c.s)
			e.patMatch[v] = true
			c.valid = "match" + strings.ToUpper(v[:1]) + v[1:]
			if _, err := regexp.Compile(c.s); err == nil {
				c.s = ecmaMeaning(c.s)
			}
		}
		if c.s != "" {
			items = append(items, kv("s", jen.Lit(c.s)))
		}
		if c.valid != "" {
			items = append(items, kv("valid", jen.Id(c.valid)))
		}
		items = append(items, kv("kw", jen.Lit(c.kw)))
		out = append(out, jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ", "}, items...))
	}
	return jen.Index().Id("tcheck").Values(out...)
}

// tableLoop returns the statements that decode the members ms into x with the table of the
// struct n, whose rows of kind kCode the generated switch decodes.
func (e *emitter) tableLoop(n *model.Named, rows []tableRow) []jen.Code {
	table := tableName(n)
	var cases []jen.Code
	for i, fl := range n.Struct.Fields {
		if rows[i].kind != "kCode" {
			continue
		}
		var stmts []jen.Code
		if fl.OnlyNull {
			stmts = append(stmts, jen.If(jen.Op("!").Id("isNull").Call(jen.Id("raw"))).Block(
				jen.Id("e").Dot("add").Call(childPath(jen.Id("p"), jen.Lit(fl.JSONName)), jen.Lit(n.Location+"/properties/"+escapePtr(fl.JSONName)+"/type"), jen.Lit("expected null, got %s"), jen.Id("kindOf").Call(jen.Id("raw"))),
			))
		}
		stmts = append(stmts, e.fieldDecodeFrom(fl, jen.Id("raw")))
		cases = append(cases, jen.Case(jen.Lit(i)).Block(stmts...))
	}
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
