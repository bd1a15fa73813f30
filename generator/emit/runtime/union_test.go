package runtime

import "testing"

func TestObjectTag(t *testing.T) {
	for _, tc := range []struct {
		in  string
		tag string
		st  int
	}{
		{`{"kind":"a","x":1}`, "a", tagString},
		{` { "x" : [1,{"kind":"b"}] , "kind" : "c" } `, "c", tagString},
		{`{"kind":"a","kind":"b"}`, "b", tagString},
		{`{"kind":"a\u0062"}`, "ab", tagString},
		{`{"k\u0069nd":"a"}`, "a", tagString},
		{`{"kind":null}`, "null", tagOther},
		{`{"kind":1.5}`, "number", tagOther},
		{`{"kind":{"a":1}}`, "object", tagOther},
		{`{"other":"a"}`, "", tagAbsent},
		{`{}`, "", tagAbsent},
		{`"kind"`, "", tagNotObject},
		{`[{"kind":"a"}]`, "", tagNotObject},
		{`{"kind":"a",}`, "", tagNotObject},
		{`{"kind":"a"} x`, "", tagNotObject},
		{`{"kind" "a"}`, "", tagNotObject},
		{``, "", tagNotObject},
	} {
		tag, st := objectTag([]byte(tc.in), "kind")
		if tag != tc.tag || st != tc.st {
			t.Errorf("objectTag(%s) = %q, %d; want %q, %d", tc.in, tag, st, tc.tag, tc.st)
		}
	}
}

func TestNotObject(t *testing.T) {
	for in, want := range map[string]string{
		`"x"`:      "expected an object, got string",
		`[1]`:      "expected an object, got array",
		`{"a":1,}`: "malformed JSON: invalid character '}' looking for beginning of object key string",
		`[1,]`:     "malformed JSON: invalid character ']' looking for beginning of value",
	} {
		var e errs
		notObject([]byte(in), nil, &e)
		if len(e.list) != 1 || e.list[0].Message != want {
			t.Errorf("notObject(%s) = %v; want %q", in, e.list, want)
		}
	}
}

func TestNoBranch(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		st   int
		want string
	}{
		{"", tagAbsent, `: missing discriminator "kind" (kw)`},
		{"x", tagString, `/kind: unknown kind "x" (kw)`},
		{"null", tagOther, `/kind: kind: no branch allows null (kw)`},
	} {
		var e errs
		noBranch("kind", tc.tag, tc.st, nil, &e, "kw")
		v := e.list[0]
		if got := v.InstanceLocation + ": " + v.Message + " (" + v.KeywordLocation + ")"; got != tc.want {
			t.Errorf("noBranch(%q, %d) = %s; want %s", tc.tag, tc.st, got, tc.want)
		}
	}
}
