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
			{"name", unsafe.Offsetof(S{}.Name), kString, pValue, fReq, 0, "#/required"},
			{"count", unsafe.Offsetof(S{}.Count), kInt, pPtr, fNull, 0, ""},
			{"note", unsafe.Offsetof(S{}.Note), kString, pNullable, 0, 0, ""},
			{"tags", unsafe.Offsetof(S{}.Tags), kString, pSlice, 0, 0, ""},
			{"when", unsafe.Offsetof(S{}.When), kTime, pValue, fReq, 0, "#/required"},
			{"sub", unsafe.Offsetof(S{}.Sub), kRaw, pValue, 0, 0, ""},
			{"other", unsafe.Offsetof(S{}.Other), kCode, pValue, fReq | fCheck, 0, "#/allOf/0/required"},
		},
		byKey:     []uint8{1, 0, 2, 6, 5, 3, 4}, // count name note other sub tags when
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
