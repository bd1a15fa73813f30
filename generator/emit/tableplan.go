package emit

import (
	"encoding/json"

	"github.com/namigen/namigen/generator/keyword"
	"github.com/namigen/namigen/generator/model"
)

// The table plan decides, before anything is emitted, which structs the runtime decodes and
// validates entirely by their tables, with no generated decoder or validator: a struct whose
// every field is of a kind the runtime knows (a scalar, a string enum, or a struct it decodes
// entirely in turn), and whose checks are all table checks. Structs refer to each other (and
// to themselves), so this is a greatest fixed point: every candidate starts in, and one that
// has a field the runtime cannot handle leaves, which may make others leave, until nothing
// changes. A field of a struct that stays in is then a kStruct row, which the runtime follows
// through the package's list of tables (tables, by the index the plan gives).

// tablePlan is the outcome, read by the emitter.
type tablePlan struct {
	dec   map[*model.Named]bool       // structs decoded entirely by their tables
	val   map[*model.Named]bool       // structs validated entirely by their tables
	index map[*model.Named]int        // 1-based index in tables of a struct or enum a row names
	list  []*model.Named              // by index - 1
	size  map[*model.Named]bool       // a row keeps the struct in a Nullable or a slice
	alloc map[*model.Named]bool       // a row keeps the struct behind a pointer or in a slice
	codec map[*model.Named]bool       // a row names the type's codec (cX: its generated decoder)
	rows  map[*model.Named][]tableRow // the rows of every struct with a table
}

// tableCandidate reports whether the struct n has a table that the runtime may follow.
func tableCandidate(n *model.Named) bool {
	return n.Kind == model.KindStruct && n.Dyn == nil && n.Struct != nil && !n.Struct.NonObject && tableStruct(n.Struct)
}

// stringEnum reports whether t is a named string enumeration with a table (tX).
func stringEnum(t *model.Type) bool {
	return t.Kind == model.TNamed && t.Named.Kind == model.KindEnum && t.Named.Dyn == nil && t.Named.Enum.Base == model.TString
}

func newTablePlan(pkg *model.Package) *tablePlan {
	tp := &tablePlan{dec: map[*model.Named]bool{}, val: map[*model.Named]bool{}, index: map[*model.Named]int{},
		size: map[*model.Named]bool{}, alloc: map[*model.Named]bool{}, codec: map[*model.Named]bool{},
		rows: map[*model.Named][]tableRow{}}
	var cands []*model.Named
	for _, n := range pkg.Types {
		if tableCandidate(n) {
			cands = append(cands, n)
			tp.dec[n], tp.val[n] = true, true
		}
	}
	for _, n := range pkg.Types {
		if scalarUnion(n) {
			tp.dec[n], tp.val[n] = true, true // its table (union.go); nothing to check
		}
	}
	tp.fixpoint(cands)
	// Index what the rows name, in the order of the package's types.
	named := map[*model.Named]bool{}
	for _, n := range pkg.Types {
		if n.Kind != model.KindStruct || n.Struct == nil || !tableStruct(n.Struct) {
			continue
		}
		rows := tp.structRows(n)
		tp.rows[n] = rows
		for _, r := range rows {
			if r.typ == nil {
				continue
			}
			named[r.typ] = true
			if r.kind == "kStruct" {
				switch r.pres {
				case "pNullable":
					tp.size[r.typ] = true
				case "pPtr":
					tp.alloc[r.typ] = true
				case "pSlice", "pSliceAll":
					tp.size[r.typ], tp.alloc[r.typ] = true, true
				}
			}
		}
	}
	for _, n := range pkg.Types {
		if named[n] {
			tp.list = append(tp.list, n)
			tp.index[n] = len(tp.list)
			tp.codec[n] = !tp.dec[n] && !tableEnum(n)
		}
	}
	return tp
}

// structRows returns the rows of the fields of the struct n, once dec and val are settled (a
// dynamic struct's: how to decode them only, as the dynamic validator checks it).
func (tp *tablePlan) structRows(n *model.Named) []tableRow {
	rows := make([]tableRow, len(n.Struct.Fields))
	for i, fl := range n.Struct.Fields {
		if n.Dyn != nil {
			k, p, null, st := tp.decodeKind(fl)
			rows[i] = tableRow{kind: k, pres: p, null: null, typ: st}
			continue
		}
		rows[i] = tp.row(n, fl)
	}
	return rows
}

// fixpoint takes out of dec and val the candidates whose fields or checks the runtime cannot
// handle, until nothing changes. A worklist keeps it linear: a candidate is looked at again
// only when a type one of its fields names has just left (each type leaves each set once).
func (tp *tablePlan) fixpoint(cands []*model.Named) {
	referrers := map[*model.Named][]*model.Named{} // a type -> the candidates whose fields name it
	for _, n := range cands {
		for _, fl := range n.Struct.Fields {
			t := fl.Type
			for t.Kind == model.TSlice || t.Kind == model.TPtr {
				t = t.Elem
			}
			if t.Kind == model.TNamed {
				referrers[t.Named] = append(referrers[t.Named], n)
			}
		}
	}
	queue := append([]*model.Named(nil), cands...)
	queued := map[*model.Named]bool{}
	for _, n := range cands {
		queued[n] = true
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		queued[n] = false
		left := false
		if tp.dec[n] && !tp.decodedByTable(n) {
			tp.dec[n], left = false, true
		}
		if tp.val[n] && !tp.checkedByTable(n) {
			tp.val[n], left = false, true
		}
		if left {
			for _, m := range referrers[n] {
				if !queued[m] {
					queue, queued[m] = append(queue, m), true
				}
			}
		}
	}
}

// decodedByTable reports whether every field of the candidate n is one the runtime decodes.
func (tp *tablePlan) decodedByTable(n *model.Named) bool {
	for _, fl := range n.Struct.Fields {
		if k, _, _, _ := tp.decodeKind(fl); k == "kCode" {
			return false
		}
	}
	return true
}

// checkedByTable reports whether every check of the candidate n is one the runtime runs.
func (tp *tablePlan) checkedByTable(n *model.Named) bool {
	st := n.Struct
	if st.Extra != nil && st.Extra.Kind != model.TRaw {
		return false
	}
	if len(setBounds(checksValues(n.Checks), "object", true)) > 0 {
		return false
	}
	for _, fl := range st.Fields {
		if tp.row(n, fl).check {
			return false
		}
	}
	return true
}

// tableRow is what a field's row says: how the runtime decodes it (kind "kCode": the generated
// switch does), the struct or enum it names, its table checks, or check: its checks are
// generated.
type tableRow struct {
	kind, pres string
	null       bool
	typ        *model.Named
	own, items []checkRow
	check      bool
}

// checkRow is one table check: {op, n, m, f, s, valid, kw}.
type checkRow struct {
	op    string
	n, m  int64
	f     float64
	s     string
	valid string // cFormat: the runtime's validator of the format
	kw    string
}

// decodeKind is how the table decodes a field: its kind and presence, whether null is
// accepted, and the struct of a kStruct; kind "kCode" leaves it to the generated switch.
func (tp *tablePlan) decodeKind(fl *model.Field) (kind, pres string, null bool, st *model.Named) {
	if k, p, nl := fieldKind(fl); k != "" {
		return k, p, nl, nil
	}
	if fl.OnlyNull {
		return "kCode", "pValue", false, nil
	}
	t := fl.Type
	switch fl.Presence {
	case model.PresValue, model.PresNil:
		if t.Kind == model.TSlice && tp.decodable(t.Elem) {
			return "kStruct", "pSlice", fl.Presence == model.PresNil && fl.Nullable, t.Elem.Named
		}
		if t.Kind == model.TNamed && tp.decodable(t) {
			return "kStruct", "pValue", false, t.Named
		}
	case model.PresPointer:
		if tp.decodable(t) {
			return "kStruct", "pPtr", fl.Nullable, t.Named
		}
	case model.PresNullable:
		if tp.decodable(t) {
			return "kStruct", "pNullable", false, t.Named
		}
	}
	return "kCode", "pValue", false, nil
}

// decodable reports whether the runtime decodes a value of type t: a struct it decodes
// entirely (for now), or another named type through its codec (cX), whose dec calls the
// type's generated decodeJSON. A struct that keeps a value that is not an object (null
// included) is left to generated code, which tells null from absent for it.
func (tp *tablePlan) decodable(t *model.Type) bool {
	if t.Kind != model.TNamed {
		return false
	}
	if tp.dec[t.Named] {
		return true
	}
	switch n := t.Named; n.Kind {
	case model.KindStruct:
		return n.Struct != nil && !n.Struct.NonObject
	case model.KindUnion, model.KindAlias, model.KindAnyValue:
		return true
	case model.KindEnum:
		return !tableEnum(n)
	}
	return false
}

// scalarUnion reports whether the runtime decodes the union n by its table: a union without
// discriminator or dispatch whose branches are scalars without checks (string, number,
// boolean, ...), which it tries in order as the generated decoder would.
func scalarUnion(n *model.Named) bool {
	if n.Kind != model.KindUnion || n.Dyn != nil || n.Union.Discriminator != "" || dispatchable(n) != nil || len(n.Union.Variants) == 0 {
		return false
	}
	return checkFree(&model.Type{Kind: model.TNamed, Named: n})
}

// checkFree reports whether values of type t have nothing to check once decoded: a union
// whose branches are scalars without checks.
func checkFree(t *model.Type) bool {
	if t.Kind != model.TNamed || t.Named.Kind != model.KindUnion || t.Named.Dyn != nil {
		return false
	}
	for _, v := range t.Named.Union.Variants {
		switch v.Type.Kind {
		case model.TString, model.TInt, model.TFloat, model.TBool, model.TAny, model.TRaw, model.TTime:
			if !v.Type.Checks.Empty() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// row returns the row of the field fl of the struct n.
func (tp *tablePlan) row(n *model.Named, fl *model.Field) tableRow {
	var r tableRow
	r.kind, r.pres, r.null, r.typ = tp.decodeKind(fl)
	if r.kind == "kCode" {
		r.check = true // the generated switch decodes it: let it check it too
		return r
	}
	kw := n.Location + "/properties/" + escapePtr(fl.JSONName)
	t := fl.Type
	if t.Kind == model.TSlice {
		c := t.Checks
		if fl.Presence == model.PresValue && fl.Required && !fl.Nullable {
			r.check = true // a nil slice is a violation: generated
			return r
		}
		if fl.Presence == model.PresValue {
			r.pres = "pSliceAll"
		}
		uniqueKind := r.kind == "kString" || r.kind == "kInt" || r.kind == "kFloat" || r.kind == "kBool"
		unique := hasFlag(checksValues(c), "array", true)
		if c != nil && (len(c.Enum) > 0 || unique && !uniqueKind) {
			r.check = true
			return r
		}
		for _, k := range setBounds(checksValues(c), "array", true) {
			if lo, hi, ok := countRange(k, &c.Values); ok {
				r.own = append(r.own, checkRow{op: "cCount", n: int64(lo), m: int64(hi), kw: kw + "/" + k.Name})
			}
		}
		if unique {
			r.own = append(r.own, checkRow{op: "cUnique", kw: kw + "/uniqueItems"})
		}
		t, kw = t.Elem, kw+"/items"
	}
	var cs []checkRow
	switch {
	case r.kind == "kStruct":
		if !tp.val[r.typ] && !checkFree(t) {
			r.check = true
			return r
		}
	case stringEnum(t):
		r.typ = t.Named // checked against its table (an open enum's: nothing to check)
	case aliasScalar(t):
		var ok bool
		if cs, ok = scalarChecks(t.Named.Alias, t.Named.Location); !ok {
			r.check = true
			return r
		}
	default:
		var ok bool
		if cs, ok = scalarChecks(t, kw); !ok {
			r.check = true
			return r
		}
	}
	if fl.Const != "" && (!hasEnum(fl.Type) || fl.Type.Kind == model.TNamed) {
		var s string
		if t.Kind != model.TString && !stringEnum(t) || fl.Type.Kind == model.TSlice || json.Unmarshal([]byte(fl.Const), &s) != nil {
			r.check = true
			return r
		}
		cs = append(cs, checkRow{op: "cConst", s: s, kw: n.Location + "/properties/" + escapePtr(fl.JSONName) + "/const"})
	}
	if fl.Type.Kind == model.TSlice {
		r.items = cs
	} else {
		r.own = cs
	}
	return r
}

func patternsOf(c *model.Checks) []string {
	if c == nil {
		return nil
	}
	return c.Patterns
}

// formatValidators names the runtime's validator of each format (runtime/typedchecks.go).
var formatValidators = map[string]string{
	"date-time": "validDateTime", "date": "validDate", "time": "validFullTime", "duration": "validDuration",
	"uuid": "validUUID", "email": "formatEmail", "idn-email": "formatIDNEmail", "hostname": "validHostname",
	"idn-hostname": "validIDNHostname", "ipv4": "formatIPv4", "ipv6": "formatIPv6", "uri": "formatURI",
	"uri-reference": "formatURIReference", "iri": "formatIRI", "iri-reference": "formatIRIReference",
	"uri-template": "validURITemplate", "regex": "formatRegex", "json-pointer": "validJSONPointer",
	"relative-json-pointer": "validRelJSONPointer",
}

// scalarChecks returns the table checks of a string, integer or float value (a type with no
// checks: none), or false when one of its checks is left to generated code (enum, pattern, or
// a bound that is not an exact int64 or float64).
func scalarChecks(t *model.Type, kw string) (out []checkRow, ok bool) {
	c := t.Checks
	if c != nil && len(c.Enum) > 0 {
		return nil, false
	}
	switch t.Kind {
	case model.TString:
		for _, k := range setBounds(checksValues(c), "string", true) {
			out = append(out, checkRow{op: tableOp(k.Check), n: int64(*k.Int(&c.Values)), kw: kw + "/" + k.Name})
		}
		for _, pat := range patternsOf(c) {
			// s: the pattern; the emitter names its match function (checkRows).
			out = append(out, checkRow{op: "cPattern", s: pat, kw: kw + "/pattern"})
		}
		if c != nil && c.Format != "" {
			if v, known := formatValidators[c.Format]; known {
				out = append(out, checkRow{op: "cFormat", s: c.Format, valid: v, kw: kw + "/format"})
			}
		}
		return out, true
	case model.TInt, model.TFloat:
		isInt := t.Kind == model.TInt
		if c == nil {
			return nil, true
		}
		// The same choices as numberChecks (smallBound, intMultiple): a bound or a multiple the
		// runtime cannot compare without big numbers leaves the field to generated code.
		for _, nb := range numberBounds(&c.Values, true) {
			at := kw + "/" + nb.k.Name
			if nb.k.Kind == keyword.Multiple {
				m, ok := intMultiple(nb.r, isInt)
				if !ok {
					return nil, false
				}
				out = append(out, checkRow{op: "cIntMultipleOf", n: m, kw: at})
				continue
			}
			b, ok := smallBound(nb.r, isInt)
			switch {
			case !ok:
				return nil, false
			case isInt:
				out = append(out, checkRow{op: "cIntBound", n: b, kw: at})
			default:
				out = append(out, checkRow{op: "cFloatBound", f: float64(b), kw: at})
			}
		}
		return out, true
	case model.TBool, model.TTime, model.TAny, model.TRaw:
		return nil, c == nil || (len(c.Enum) == 0)
	}
	return nil, false
}
