package runtime

import (
	"encoding/json"
	"testing"
	"time"
	"unsafe"
)

// TestNullableLayout checks what tfield.decode assumes of Nullable[T]: Value first, then the
// Set and Null flags right after it, for every kind a table decodes.
func TestNullableLayout(t *testing.T) {
	check := func(kind uint8, value, set, null uintptr) {
		t.Helper()
		if value != 0 || set != sizeKind(kind) || null != set+1 {
			t.Errorf("kind %d: Value at %d, Set at %d, Null at %d; decode writes the flags at %d and %d", kind, value, set, null, sizeKind(kind), sizeKind(kind)+1)
		}
	}
	var s Nullable[string]
	check(kString, unsafe.Offsetof(s.Value), unsafe.Offsetof(s.Set), unsafe.Offsetof(s.Null))
	var i Nullable[int64]
	check(kInt, unsafe.Offsetof(i.Value), unsafe.Offsetof(i.Set), unsafe.Offsetof(i.Null))
	var f Nullable[float64]
	check(kFloat, unsafe.Offsetof(f.Value), unsafe.Offsetof(f.Set), unsafe.Offsetof(f.Null))
	var b Nullable[bool]
	check(kBool, unsafe.Offsetof(b.Value), unsafe.Offsetof(b.Set), unsafe.Offsetof(b.Null))
	var tm Nullable[time.Time]
	check(kTime, unsafe.Offsetof(tm.Value), unsafe.Offsetof(tm.Set), unsafe.Offsetof(tm.Null))
	var r Nullable[json.RawMessage]
	check(kRaw, unsafe.Offsetof(r.Value), unsafe.Offsetof(r.Set), unsafe.Offsetof(r.Null))
	var a Nullable[any]
	check(kAny, unsafe.Offsetof(a.Value), unsafe.Offsetof(a.Set), unsafe.Offsetof(a.Null))
}

// TestTableDecode decodes a struct through a table: every kind and presence, a member the
// generated switch gets, required and undeclared members.
func TestTableDecode(t *testing.T) {
	type S struct {
		Name  string
		Count *int64
		Note  Nullable[string]
		Tags  []string
		When  time.Time
		Sub   json.RawMessage
		Other string
	}
	table := ttable{
		fields: []tfield{
			{"name", unsafe.Offsetof(S{}.Name), kString, pValue, fReq, 0, "#/required", nil},
			{"count", unsafe.Offsetof(S{}.Count), kInt, pPtr, fNull, 0, "", nil},
			{"note", unsafe.Offsetof(S{}.Note), kString, pNullable, 0, 0, "", nil},
			{"tags", unsafe.Offsetof(S{}.Tags), kString, pSlice, 0, 0, "", nil},
			{"when", unsafe.Offsetof(S{}.When), kTime, pValue, fReq, 0, "#/required", nil},
			{"sub", unsafe.Offsetof(S{}.Sub), kRaw, pValue, 0, 0, "", nil},
			{"other", unsafe.Offsetof(S{}.Other), kCode, pValue, fReq | fCheck, 0, "#/allOf/0/required", nil},
		},
		byKey:     []uint8{5, 0, 2, 3, 4, 1, 6}, // sub name note tags when count other (by length, then bytes)
		unknownAt: "#/additionalProperties",
	}
	decode := func(doc string) (S, []Violation, string) {
		var x S
		var e errs
		var buf [8]member
		ms, ok := objectMembers([]byte(doc), buf[:0], nil, &e)
		if !ok {
			t.Fatalf("%s: not an object", doc)
		}
		d := fieldIter{ms: ms}
		var code string
		for i, raw := d.next(unsafe.Pointer(&x), &table, nil, &e); i >= 0; i, raw = d.next(unsafe.Pointer(&x), &table, nil, &e) {
			if i != 6 {
				t.Fatalf("next stopped at field %d, want only 6", i)
			}
			code = string(raw)
		}
		d.finish(&table, nil, &e)
		return x, e.list, code
	}
	x, vs, code := decode(`{"name":"a","count":3,"note":null,"tags":["x","y"],"when":"2024-01-02T03:04:05Z","sub":{"k":[1]},"other":"o"}`)
	if len(vs) != 0 || x.Name != "a" || x.Count == nil || *x.Count != 3 || !x.Note.Set || !x.Note.Null ||
		len(x.Tags) != 2 || x.When.Year() != 2024 || string(x.Sub) != `{"k":[1]}` || code != `"o"` {
		t.Errorf("got %+v, %v, code %q", x, vs, code)
	}
	x, vs, _ = decode(`{"count":null,"note":"n","extra":1,"tags":7}`)
	if x.Count != nil || !x.Note.Set || x.Note.Null || x.Note.Value != "n" {
		t.Errorf("got %+v", x)
	}
	want := []string{
		`: property "extra" is not allowed (#/additionalProperties)`,
		`/tags: expected an array, got number (type)`,
		`: missing required property "name" (#/required)`,
		`: missing required property "when" (#/required)`,
		`: missing required property "other" (#/allOf/0/required)`,
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.InstanceLocation+": "+v.Message+" ("+v.KeywordLocation+")")
	}
	if len(got) != len(want) {
		t.Fatalf("violations:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("violation %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// TestTableNested decodes and validates structs through kStruct rows (a value, a pointer, a
// Nullable and a slice of another table's struct), a codec and an enum, and checks the paths
// of the violations, which the runtime builds with held frames (descend).
func TestTableNested(t *testing.T) {
	type Inner struct {
		Name string
	}
	type Outer struct {
		In    Inner
		Ptr   *Inner
		Null  Nullable[Inner]
		List  []Inner
		Kind  string
		Coded string
	}
	var tables []*ttable
	tInner := ttable{
		fields: []tfield{{"name", unsafe.Offsetof(Inner{}.Name), kString, pValue, fReq, 0, "#/$defs/inner/required",
			&tchecks{[]tcheck{{op: cMinLength, n: 2, kw: "#/$defs/inner/properties/name/minLength"}}, nil}}},
		byKey: []uint8{0},
		size:  unsafe.Sizeof(Inner{}),
		alloc: func(n int) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(make([]Inner, n))) },
		types: &tables,
	}
	tKind := ttable{enum: []string{"a", "b"}, enumAt: "#/$defs/kind/enum"}
	cCoded := ttable{dec: func(_ *ttable, x unsafe.Pointer, data []byte, p *path, e *errs) {
		decodeString((*string)(x), data, p, e)
		if *(*string)(x) == "bad" {
			e.add(p, "#/$defs/coded", "coded %q", "bad")
		}
	}}
	tOuter := ttable{
		fields: []tfield{
			{"in", unsafe.Offsetof(Outer{}.In), kStruct, pValue, 0, 1, "", nil},
			{"ptr", unsafe.Offsetof(Outer{}.Ptr), kStruct, pPtr, fNull, 1, "", nil},
			{"null", unsafe.Offsetof(Outer{}.Null), kStruct, pNullable, 0, 1, "", nil},
			{"list", unsafe.Offsetof(Outer{}.List), kStruct, pSlice, 0, 1, "", &tchecks{[]tcheck{{op: cCount, n: 1, m: -1, kw: "#/$defs/outer/properties/list/minItems"}, {op: cCount, n: -1, m: 1, kw: "#/$defs/outer/properties/list/maxItems"}}, nil}},
			{"kind", unsafe.Offsetof(Outer{}.Kind), kString, pValue, 0, 2, "", nil},
			{"coded", unsafe.Offsetof(Outer{}.Coded), kStruct, pValue, 0, 3, "", nil},
		},
		byKey:  []uint8{0, 1, 4, 3, 2, 5}, // in ptr kind list null coded
		types:  &tables,
		nilPtr: (*Outer)(nil),
	}
	tables = []*ttable{nil, &tInner, &tKind, &cCoded}

	var x Outer
	doc := `{"in":{"name":"ab"},"ptr":null,"null":{"name":"cd"},"list":[{"name":"ef"}],"kind":"a","coded":"ok"}`
	if err := unmarshalTable(unsafe.Pointer(&x), []byte(doc), &tOuter); err != nil {
		t.Fatalf("valid document: %v", err)
	}
	if x.In.Name != "ab" || x.Ptr != nil || !x.Null.Set || x.Null.Value.Name != "cd" || len(x.List) != 1 || x.List[0].Name != "ef" || x.Coded != "ok" {
		t.Fatalf("decoded %+v", x)
	}
	if err := validateTable(unsafe.Pointer(&x), &tOuter); err != nil {
		t.Fatalf("valid value: %v", err)
	}
	if n := testing.AllocsPerRun(10, func() { _ = validateTable(unsafe.Pointer(&x), &tOuter) }); n != 0 {
		t.Errorf("validating a valid value allocates %v times", n)
	}

	// Into the value decoded above: unmarshalTable clears it first, as UnmarshalJSON must.
	doc = `{"in":{},"ptr":{"name":"x"},"list":[{"name":"ok"},{"name":7}],"kind":"z","coded":"bad"}`
	err := unmarshalTable(unsafe.Pointer(&x), []byte(doc), &tOuter)
	if x.Null.Set || x.In.Name != "" {
		t.Errorf("a second decode kept members of the first: %+v", x)
	}
	want := []string{
		`/in: missing required property "name" (#/$defs/inner/required)`,
		`/list/1/name: expected a string, got number (type)`,
		`/coded: coded "bad" (#/$defs/coded)`,
	}
	checkViolations(t, "decode", err, want)
	err = validateTable(unsafe.Pointer(&x), &tOuter)
	want = []string{
		`/in/name: length 0 is below the minimum 2 (#/$defs/inner/properties/name/minLength)`,
		`/ptr/name: length 1 is below the minimum 2 (#/$defs/inner/properties/name/minLength)`,
		`/list: 2 items, more than the maximum 1 (#/$defs/outer/properties/list/maxItems)`,
		`/list/1/name: length 0 is below the minimum 2 (#/$defs/inner/properties/name/minLength)`,
		`/kind: "z" is not one of "a", "b" (#/$defs/kind/enum)`,
	}
	checkViolations(t, "validate", err, want)
}

// checkViolations compares the violations of err with want ("pointer: message (keyword)").
func checkViolations(t *testing.T, what string, err error, want []string) {
	t.Helper()
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("%s: %v, want a *ValidationError", what, err)
	}
	var got []string
	for _, v := range ve.Violations {
		got = append(got, v.InstanceLocation+": "+v.Message+" ("+v.KeywordLocation+")")
	}
	if len(got) != len(want) {
		t.Fatalf("%s: violations\n%q\nwant\n%q", what, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: violation %d: %q, want %q", what, i, got[i], want[i])
		}
	}
}

// TestTableUnion decodes and encodes a union of scalar branches by its table: the branch the
// value matches, null, a value no branch matches, and a oneOf matched twice.
func TestTableUnion(t *testing.T) {
	type U struct {
		String *string
		Int    *int64
		Number *float64
		Null   bool
	}
	tU := ttable{
		branches: []tbranch{{unsafe.Offsetof(U{}.String), kString}, {unsafe.Offsetof(U{}.Int), kInt}, {unsafe.Offsetof(U{}.Number), kFloat}},
		unionAt:  "#/$defs/u", nullable: true, nullOff: unsafe.Offsetof(U{}.Null),
	}
	var u U
	if err := unmarshalUnion(unsafe.Pointer(&u), []byte(`"a"`), &tU); err != nil || u.String == nil || *u.String != "a" || u.Int != nil {
		t.Fatalf(`"a": %+v, %v`, u, err)
	}
	if b, err := marshalUnion(unsafe.Pointer(&u), &tU, "U"); err != nil || string(b) != `"a"` {
		t.Errorf(`marshal "a": %s, %v`, b, err)
	}
	if err := unmarshalUnion(unsafe.Pointer(&u), []byte(`null`), &tU); err != nil || !u.Null || u.String != nil {
		t.Fatalf("null: %+v, %v", u, err)
	}
	if b, err := marshalUnion(unsafe.Pointer(&u), &tU, "U"); err != nil || string(b) != `null` {
		t.Errorf("marshal null: %s, %v", b, err)
	}
	if b, err := marshalUnion(unsafe.Pointer(&U{}), &ttable{branches: tU.branches}, "U"); err == nil || err.Error() != "U: no branch is set" {
		t.Errorf("marshal of nothing, not nullable: %s, %v", b, err)
	}
	checkViolations(t, "true", unmarshalUnion(unsafe.Pointer(&u), []byte(`true`), &tU), []string{`: the value matches none of the branches (#/$defs/u)`})
	checkViolations(t, "3", unmarshalUnion(unsafe.Pointer(&u), []byte(`3`), &tU), []string{`: the value matches 2 branches; oneOf wants exactly one (#/$defs/u/oneOf)`})
	if u.Int != nil || u.Number != nil {
		t.Errorf("3: branches kept after a oneOf violation: %+v", u)
	}
	tU.anyOf = true
	if err := unmarshalUnion(unsafe.Pointer(&u), []byte(`3`), &tU); err != nil || u.Int == nil || *u.Int != 3 || u.Number == nil {
		t.Fatalf("3, anyOf: %+v, %v", u, err)
	}
	if b, err := marshalUnion(unsafe.Pointer(&u), &tU, "U"); err != nil || string(b) != `3` {
		t.Errorf("marshal 3: %s, %v", b, err)
	}
}

// TestValidateUnionSet: Validate of a union built in Go reports no branch set (unless the
// union admits null, which nothing set encodes as) and several branches of a oneOf; a value
// that decoding made passes.
func TestValidateUnionSet(t *testing.T) {
	type U struct {
		String *string
		Int    *int64
		Null   bool
	}
	s, i := "a", int64(1)
	oneOf := ttable{branches: []tbranch{{unsafe.Offsetof(U{}.String), kString}, {unsafe.Offsetof(U{}.Int), kInt}}, unionAt: "#/$defs/u"}
	if err := validateUnion(unsafe.Pointer(&U{String: &s}), &oneOf); err != nil {
		t.Errorf("one branch: %v", err)
	}
	checkViolations(t, "none", validateUnion(unsafe.Pointer(&U{}), &oneOf), []string{`: no branch of the union is set (#/$defs/u)`})
	checkViolations(t, "two", validateUnion(unsafe.Pointer(&U{String: &s, Int: &i}), &oneOf), []string{`: 2 branches of the union are set; oneOf wants exactly one (#/$defs/u/oneOf)`})
	anyOf := oneOf
	anyOf.anyOf = true
	if err := validateUnion(unsafe.Pointer(&U{String: &s, Int: &i}), &anyOf); err != nil {
		t.Errorf("two of an anyOf: %v", err)
	}
	nullable := oneOf
	nullable.nullable, nullable.nullOff = true, unsafe.Offsetof(U{}.Null)
	if err := validateUnion(unsafe.Pointer(&U{}), &nullable); err != nil {
		t.Errorf("nothing set, nullable (null): %v", err)
	}
	checkViolations(t, "null and a branch", validateUnion(unsafe.Pointer(&U{Null: true, Int: &i}), &nullable), []string{`: 2 branches of the union are set; oneOf wants exactly one (#/$defs/u/oneOf)`})
	// Nested in a struct checked by its table: the union's table is the field's.
	type S struct{ V U }
	tables := []*ttable{nil, &oneOf}
	tS := ttable{types: &tables, fields: []tfield{{"v", unsafe.Offsetof(S{}.V), kStruct, pValue, 0, 1, "", nil}}}
	checkViolations(t, "nested", validateTable(unsafe.Pointer(&S{}), &tS), []string{`/v: no branch of the union is set (#/$defs/u)`})
	if err := validateTable(unsafe.Pointer(&S{V: U{Int: &i}}), &tS); err != nil {
		t.Errorf("nested, one branch: %v", err)
	}
}
