package model

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/namigen/namigen/generator/keyword"
)

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

func TestLCMRat(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"3", "5", "15"},
		{"4", "6", "12"},
		{"0.5", "0.75", "3/2"},
		{"1/10", "3/10", "3/10"},
		{"2", "2", "2"},
		{"0.01", "1", "1"},
	} {
		if got := keyword.LCM(rat(tc.a), rat(tc.b)); got.Cmp(rat(tc.want)) != 0 {
			t.Errorf("lcm(%s, %s) = %s, want %s", tc.a, tc.b, got.RatString(), tc.want)
		}
	}
	if got := keyword.LCM(nil, rat("7")); got.Cmp(rat("7")) != 0 {
		t.Errorf("lcm(nil, 7) = %v", got)
	}
}

func TestJSONEqual(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1`, `"1"`, false},
		{`{"a":[1,{"b":null}]}`, `{"a":[1.0,{"b":null}]}`, true},
		{`[1,2]`, `[2,1]`, false},
		{`null`, `false`, false},
		{`"x"`, `"x"`, true},
	} {
		if got := jsonTextEqual(tc.a, tc.b); got != tc.want {
			t.Errorf("jsonTextEqual(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestMergeChecks(t *testing.T) {
	three, five := 3, 5
	a := &Checks{Values: keyword.Values{MultipleOf: rat("3"), MinLength: &three}, Enum: []string{`"a"`, `"b"`, `"c"`}, Format: "email"}
	b := &Checks{Values: keyword.Values{MultipleOf: rat("5"), MaxLength: &five}, Enum: []string{`"b"`, `"c"`, `"d"`}, Format: "email"}
	m, lossy := mergeChecks(a, b)
	if lossy {
		t.Error("merging the same format is not lossy")
	}
	if m.MultipleOf.Cmp(rat("15")) != 0 {
		t.Errorf("multipleOf = %s, want 15", m.MultipleOf.RatString())
	}
	if got, _ := json.Marshal(m.Enum); string(got) != `["\"b\"","\"c\""]` {
		t.Errorf("enum = %s, want b and c", got)
	}
	if *m.MinLength != 3 || *m.MaxLength != 5 {
		t.Errorf("lengths = %d..%d", *m.MinLength, *m.MaxLength)
	}
	if _, lossy := mergeChecks(&Checks{Format: "email"}, &Checks{Format: "uuid"}); !lossy {
		t.Error("two formats are lossy: the dynamic validator must check them")
	}
	if _, lossy := mergeChecks(&Checks{Enum: []string{`1`}}, &Checks{Enum: []string{`2`}}); !lossy {
		t.Error("an empty enum intersection is lossy: an empty Enum checks nothing")
	}
	if got := unsatisfiable(&Checks{Values: keyword.Values{Minimum: rat("10"), Maximum: rat("5")}}); len(got["number"]) != 1 {
		t.Errorf("minimum 10 > maximum 5: %v", got)
	}
	if got := unsatisfiable(&Checks{Values: keyword.Values{ExclusiveMinimum: rat("5"), Maximum: rat("5")}}); len(got["number"]) != 1 {
		t.Errorf("exclusiveMinimum 5, maximum 5: %v", got)
	}
	if got := unsatisfiable(&Checks{Values: keyword.Values{Minimum: rat("5"), Maximum: rat("5")}}); len(got) != 0 {
		t.Errorf("minimum 5, maximum 5 is satisfiable: %v", got)
	}
	two, one := 2, 1
	bad := &Checks{Values: keyword.Values{MinLength: &two, MaxLength: &one}}
	for _, tc := range []struct {
		types    map[string]bool
		nullable bool
		want     bool
	}{
		{map[string]bool{"string": true}, false, true},
		{map[string]bool{"string": true}, true, false},                   // null passes
		{map[string]bool{"string": true, "integer": true}, false, false}, // integers pass
		{nil, false, false}, // no type: every non-string passes
	} {
		if got := len(rejectsAll(&shape{types: tc.types, nullable: tc.nullable}, bad)) > 0; got != tc.want {
			t.Errorf("minLength 2 > maxLength 1 with types %v (nullable %v): rejects all = %v, want %v", tc.types, tc.nullable, got, tc.want)
		}
	}
}

func TestShapeIntersectsEnums(t *testing.T) {
	sh := &shape{}
	sh.addEnum([]any{"a", "b", "c"})
	sh.addEnum([]any{"b", "c", "d"})
	if len(sh.enum) != 2 || sh.enum[0] != "b" || sh.enum[1] != "c" || len(sh.conflict) != 0 {
		t.Errorf("enum = %v, conflict %v", sh.enum, sh.conflict)
	}
	sh.addEnum([]any{"x"})
	if len(sh.enum) != 0 || len(sh.conflict) != 1 {
		t.Errorf("disjoint enums: enum = %v, conflict %v", sh.enum, sh.conflict)
	}
	c1, c2 := any("on"), any("off")
	sh = &shape{}
	sh.addConst(&c1)
	sh.addConst(&c2)
	if len(sh.conflict) != 1 {
		t.Errorf("two consts: conflict %v", sh.conflict)
	}
}
