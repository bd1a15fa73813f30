package runtime

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestDecodeInt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1", 1, true}, {"1.0", 1, true}, {"1e2", 100, true}, {"-0", 0, true},
		{"12.000", 12, true}, {"1.5", 0, false}, {`"1"`, 0, false}, {"null", 0, false},
		{"9223372036854775807", 9223372036854775807, true}, {"9223372036854775808", 0, false},
	} {
		var got int64
		var e errs
		decodeInt(&got, []byte(tc.in), nil, &e)
		if ok := len(e.list) == 0; ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("decodeInt(%s) = %d, violations %v; want %d, ok %v", tc.in, got, e.list, tc.want, tc.ok)
		}
	}
}

func TestDecodeTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{`"2020-05-29T00:57:11.227760+00:00"`, "2020-05-29T00:57:11.22776Z"},
		{`"2020-10-10T23:58:51Z"`, "2020-10-10T23:58:51Z"},
		{`"2020-09-10t00:00:00.356795z"`, "2020-09-10T00:00:00.356795Z"},
		{`"2020-09-10T02:00:00+02:00"`, "2020-09-10T00:00:00Z"},
	} {
		var got time.Time
		var e errs
		decodeTime(&got, []byte(tc.in), nil, &e)
		if len(e.list) != 0 || got.UTC().Format(time.RFC3339Nano) != tc.want {
			t.Errorf("decodeTime(%s) = %v %v, want %s", tc.in, got, e.list, tc.want)
		}
	}
	for _, bad := range []string{`"2020-05-29 00:57:11Z"`, `"2020-05-29"`, `"2020-13-01T00:00:00Z"`, `12`} {
		var got time.Time
		var e errs
		decodeTime(&got, []byte(bad), nil, &e)
		if len(e.list) == 0 {
			t.Errorf("decodeTime(%s) accepted", bad)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		format, v string
		ok        bool
	}{
		{"uuid", "00000000-0000-0000-0000-000000000000", true}, {"uuid", "0000", false},
		{"duration", "P1M", true}, {"duration", "PT1H30M", true}, {"duration", "P1W", true},
		{"duration", "P", false}, {"duration", "PT", false}, {"duration", "PT0.5S", false}, {"duration", "1 month", false},
		{"date", "2020-02-29", true}, {"date", "2021-02-29", false},
		{"time", "23:59:60Z", true}, {"time", "24:00:00Z", false}, {"time", "12:00:00", false},
		{"email", "a@example.com", true}, {"email", "nope", false},
		{"hostname", "example.com", true}, {"hostname", "-bad.com", false},
		{"ipv4", "127.0.0.1", true}, {"ipv4", "::1", false},
		{"ipv6", "::1", true}, {"ipv6", "127.0.0.1", false},
		{"uri", "https://example.com/x", true}, {"uri", "/relative", false},
		{"uri-reference", "/relative", true},
		{"regex", "^a+$", true}, {"regex", "(", false},
		{"json-pointer", "/a/b~0", true}, {"json-pointer", "a", false}, {"json-pointer", "/a~2", false},
		{"unknown-format", "anything", true},
	} {
		if got := validFormat(tc.v, tc.format); got != tc.ok {
			t.Errorf("validFormat(%q, %q) = %v, want %v", tc.v, tc.format, got, tc.ok)
		}
	}
}

func TestPathAndError(t *testing.T) {
	root := &path{key: "devices"}
	p := &path{parent: &path{parent: root, index: 0, isIndex: true}, key: "a/b~c"}
	if got := p.String(); got != "/devices/0/a~1b~0c" {
		t.Errorf("path = %q", got)
	}
	var e errs
	e.add(p, "s.json#/x/format", "%q is not a valid %s", "v", "uuid")
	e.add(nil, "", "missing required property %q", "id")
	err := e.err()
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 2 {
		t.Fatalf("err = %v", err)
	}
	want := "invalid value: 2 violations:\n  /devices/0/a~1b~0c: \"v\" is not a valid uuid (s.json#/x/format)\n  (root): missing required property \"id\""
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err.Error(), want)
	}
	var none errs
	if none.err() != nil {
		t.Error("no violations must be a nil error")
	}
}

func TestNullable(t *testing.T) {
	type s struct {
		N Nullable[int64] `json:"n,omitzero"`
	}
	for _, tc := range []struct {
		in        string
		set, null bool
		out       string
	}{
		{`{}`, false, false, `{}`},
		{`{"n":null}`, true, true, `{"n":null}`},
		{`{"n":0}`, true, false, `{"n":0}`},
	} {
		var v s
		if err := json.Unmarshal([]byte(tc.in), &v); err != nil {
			t.Fatal(err)
		}
		if v.N.Set != tc.set || v.N.Null != tc.null {
			t.Errorf("%s: Set %v Null %v", tc.in, v.N.Set, v.N.Null)
		}
		out, _ := json.Marshal(v)
		if string(out) != tc.out {
			t.Errorf("%s re-encoded as %s", tc.in, out)
		}
	}
}

func TestUniqueAndEnum(t *testing.T) {
	var e errs
	checkUnique([]any{json.Number("1"), json.Number("1.0")}, nil, &e, "u")
	if len(e.list) != 1 {
		t.Errorf("1 and 1.0 must be equal: %v", e.list)
	}
	e = errs{}
	checkUnique([]any{map[string]any{"a": 1, "b": 2}, map[string]any{"b": 2, "a": 1}}, nil, &e, "u")
	if len(e.list) != 1 {
		t.Errorf("key order must not matter: %v", e.list)
	}
	e = errs{}
	checkEnumJSON("x", []string{`"x"`, `1`}, nil, &e, "k")
	checkEnumJSON(json.Number("1.0"), []string{`"x"`, `1`}, nil, &e, "k")
	if len(e.list) != 0 {
		t.Errorf("enum: %v", e.list)
	}
	checkEnumJSON("y", []string{`"x"`}, nil, &e, "k")
	if len(e.list) != 1 {
		t.Errorf("enum must reject y: %v", e.list)
	}
}

func TestNumbers(t *testing.T) {
	var e errs
	checkNumber(0.1, "1/10", "minimum", nil, &e, "k")
	checkMultipleOf(0.3, "1/10", nil, &e, "k")
	checkMultipleOf(10, "5/2", nil, &e, "k")
	if len(e.list) != 0 {
		t.Errorf("unexpected: %v", e.list)
	}
	checkNumber(1, "1", "exclusiveMaximum", nil, &e, "k")
	checkMultipleOf(0.35, "1/10", nil, &e, "k")
	if len(e.list) != 2 {
		t.Errorf("want 2 violations: %v", e.list)
	}
}

// decodeJSONAny decodes a JSON text as the dynamic validator sees it.
func decodeJSONAny(t *testing.T, s string) any {
	t.Helper()
	var v any
	var e errs
	decodeAny(&v, []byte(s), nil, &e)
	if len(e.list) > 0 {
		t.Fatalf("decodeAny(%s): %v", s, e.list)
	}
	return v
}

func TestHasType(t *testing.T) {
	for _, tc := range []struct {
		in, typ string
		want    bool
	}{
		{"1", "integer", true}, {"1.0", "integer", true}, {"1.5", "integer", false}, {"1.5", "number", true},
		{"1", "number", true}, {`"1"`, "string", true}, {"null", "null", true}, {"[]", "array", true},
		{"{}", "object", true}, {"true", "boolean", true}, {"0", "boolean", false}, {"{}", "array", false},
	} {
		if got := hasType(decodeJSONAny(t, tc.in), tc.typ); got != tc.want {
			t.Errorf("hasType(%s, %s) = %v, want %v", tc.in, tc.typ, got, tc.want)
		}
	}
}

func TestCheckEqual(t *testing.T) {
	for _, tc := range []struct {
		in      string
		allowed []string
		ok      bool
	}{
		{"1", []string{"1.0"}, true}, {`{"a":1,"b":[2]}`, []string{`{"b":[2.0],"a":1}`}, true},
		{"false", []string{"0"}, false}, {"1", []string{"true"}, false}, {"null", []string{`"x"`, "null"}, true},
		{`[1]`, []string{`[1,1]`}, false},
	} {
		var e errs
		checkEqual(decodeJSONAny(t, tc.in), tc.allowed, nil, &e, "kw")
		if ok := len(e.list) == 0; ok != tc.ok {
			t.Errorf("checkEqual(%s, %v): ok %v, want %v (%v)", tc.in, tc.allowed, ok, tc.ok, e.list)
		}
	}
}

func TestCheckNumberJSON(t *testing.T) {
	for _, tc := range []struct {
		v, bound, op string
		ok           bool
	}{
		{"3", "3", "minimum", true}, {"2.9999999999999999999", "3", "minimum", false},
		{"3", "3", "exclusiveMinimum", false}, {"1e400", "1", "maximum", false}, {"0.3", "3/10", "maximum", true},
	} {
		var e errs
		checkNumberJSON(json.Number(tc.v), tc.bound, tc.op, nil, &e, "kw")
		if ok := len(e.list) == 0; ok != tc.ok {
			t.Errorf("checkNumberJSON(%s %s %s): ok %v, want %v", tc.v, tc.op, tc.bound, ok, tc.ok)
		}
	}
	var e errs
	checkMultipleOfJSON("0.3", "1/10", nil, &e, "kw")
	checkMultipleOfJSON("1e308", "1/2", nil, &e, "kw")
	if len(e.list) != 0 {
		t.Errorf("checkMultipleOfJSON: %v", e.list)
	}
	checkMultipleOfJSON("0.35", "1/10", nil, &e, "kw")
	if len(e.list) != 1 {
		t.Errorf("0.35 is a multiple of 0.1: %v", e.list)
	}
}

func TestCheckUniqueAny(t *testing.T) {
	var e errs
	checkUniqueAny(decodeJSONAny(t, `[1, {"a":[1]}, 2, {"a":[1.0]}]`).([]any), nil, &e, "kw")
	if len(e.list) != 1 || e.list[0].Message != "items 1 and 3 are equal" {
		t.Errorf("checkUniqueAny: %v", e.list)
	}
}

func TestAnnMerge(t *testing.T) {
	var a ann
	a.prop("x")
	a.leading(2)
	b := ann{}
	b.prop("y")
	b.item(5)
	a.merge(b)
	if !a.hasProp("x") || !a.hasProp("y") || a.hasProp("z") || !a.hasItem(1) || a.hasItem(2) || !a.hasItem(5) {
		t.Errorf("merged annotations: %+v", a)
	}
	a.merge(ann{allProps: true, allItems: true})
	if !a.hasProp("z") || !a.hasItem(9) {
		t.Errorf("all evaluated: %+v", a)
	}
}

func TestDecodeDynamic(t *testing.T) {
	reject := func(v any, p *path, e *errs) ann {
		if hasType(v, "string") {
			e.add(p, "kw/type", "no strings")
		}
		return ann{}
	}
	typed := func(kw string) func([]byte, *path, *errs) {
		return func(_ []byte, p *path, e *errs) { e.add(p, kw, "typed") }
	}
	for _, tc := range []struct {
		in, typedKw string
		want        []string
	}{
		{`"s"`, "type", []string{"no strings"}}, // the schema's verdict only
		{`1`, "type", []string{"typed"}},        // schema passes: the Go type's limit remains
		{`1`, "x.json#/oneOf", nil},             // schema passes: the typed model's own checks are dropped
		{`"s"`, "x.json#/required", []string{"no strings"}},
	} {
		var e errs
		decodeDynamic([]byte(tc.in), nil, &e, typed(tc.typedKw), reject)
		var got []string
		for _, v := range e.list {
			got = append(got, v.Message)
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("decodeDynamic(%s, typed %s) = %v, want %v", tc.in, tc.typedKw, got, tc.want)
		}
	}
}

func TestValidateDynamic(t *testing.T) {
	var seen any
	check := func(v any, p *path, e *errs) ann { seen = v; return ann{} }
	var e errs
	validateDynamic(struct {
		N int64  `json:"n"`
		S string `json:"s"`
	}{N: 1 << 60, S: "x"}, nil, &e, check)
	m, ok := seen.(map[string]any)
	if !ok || m["n"] != json.Number("1152921504606846976") || m["s"] != "x" || len(e.list) != 0 {
		t.Errorf("validateDynamic passed %#v (%v)", seen, e.list)
	}
}

func TestIntegerBounds(t *testing.T) {
	var e errs
	checkIntBound(3, 3, "minimum", nil, &e, "kw")
	checkIntBound(9223372036854775807, 9223372036854775806, "exclusiveMaximum", nil, &e, "kw")
	checkFloatBound(2.5, 3, "maximum", nil, &e, "kw")
	checkFloatBound(3, 3, "exclusiveMinimum", nil, &e, "kw")
	checkIntMultipleOf(12, 4, nil, &e, "kw")
	checkIntMultipleOf(13, 4, nil, &e, "kw")
	var got []string
	for _, v := range e.list {
		got = append(got, v.Message)
	}
	want := []string{"9223372036854775807 is not allowed by exclusiveMaximum 9223372036854775806", "3 is not allowed by exclusiveMinimum 3", "13 is not a multiple of 4"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
}

func TestPathString(t *testing.T) {
	p := &path{parent: &path{parent: &path{key: "a/b~c"}, index: 3, isIndex: true}, key: ""}
	if got := p.String(); got != "/a~1b~0c/3/" {
		t.Errorf("path = %q", got)
	}
	if got := (*path)(nil).String(); got != "" {
		t.Errorf("nil path = %q", got)
	}
}
