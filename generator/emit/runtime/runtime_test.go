package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
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
	for _, bad := range []string{`"2020-05-29 00:57:11Z"`, `"2020-05-29"`, `"2020-13-01T00:00:00Z"`, `12`,
		`"0000-01-01T0:00:00Z"`, `"0000-01-01T00:00:00,00+00:00"`, `"2020-05-29T00:57:11.Z"`, `"2020-05-29T00:57:11+0000"`, `"2024-03-14T+0:00:00Z"`} {
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

func TestScanner(t *testing.T) {
	for _, in := range []string{
		`{}`, ` { } `, `[]`, `[ ]`, `0`, `-0`, `1.5e+3`, `-12.25E-2`, `true`, `false`, `null`, `""`,
		`"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00"`, `{"a":1,"b":[1,{"c":null}],"d":"x"}`,
		"\t[1 ,\n2\r]", `"é ☃ \ud800"`, `[[[[]]]]`, `{"a":{"a":{"a":{}}}}`,
		// malformed
		``, ` `, `{`, `}`, `[`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`, `[1 2]`,
		`01`, `1.`, `.5`, `1e`, `1e+`, `-`, `+1`, `0x10`, `Infinity`, `NaN`, `tru`, `truex`, `nul`,
		`"abc`, `"\x"`, `"\u12"`, `"\u12G4"`, "\"a\x01b\"", `'a'`, `{"a":1}x`, `1 2`, `{"a":1}}`,
		`[1]]`, `{"a"}`, `{"a":}`, `{,}`, `[,]`, "\"\xff\"", `"\`,
	} {
		if got, want := validJSON([]byte(in)), json.Valid([]byte(in)); got != want {
			t.Errorf("validJSON(%q) = %v, json.Valid says %v", in, got, want)
		}
	}
	// Nesting: encoding/json accepts 10000 levels, not more.
	for _, n := range []int{maxDepth, maxDepth + 1} {
		for _, in := range []string{strings.Repeat("[", n) + strings.Repeat("]", n), strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)} {
			if got, want := validJSON([]byte(in)), json.Valid([]byte(in)); got != want {
				t.Errorf("validJSON of %d levels = %v, json.Valid says %v", n, got, want)
			}
		}
	}
}

func TestDecodeObject(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string // raw values
		msg  string            // part of the violation, when there is one
	}{
		{`{}`, map[string]string{}, ""},
		{` {"a" : 1 , "b":"x", "c": {"d": [1, 2]} , "e":null} `, map[string]string{"a": "1", "b": `"x"`, "c": `{"d": [1, 2]}`, "e": "null"}, ""},
		{`{"a":1,"a":2}`, map[string]string{"a": "2"}, ""},
		{`{"\u0061\n":true,"\ud83d\ude00":false}`, map[string]string{"a\n": "true", "😀": "false"}, ""},
		{"{\"\xffk\":0}", map[string]string{"\uFFFDk": "0"}, ""},
		{`[]`, nil, "expected an object, got array"},
		{`"x"`, nil, "expected an object, got string"},
		{``, nil, "expected an object, got nothing"},
		{`{"a":1`, nil, "malformed JSON"},
		{`{"a":1,}`, nil, "malformed JSON"},
		{`{"a":1} x`, nil, "malformed JSON"},
		{`{"a":[1,}`, nil, "malformed JSON"},
		{`{"a":"\q"}`, nil, "malformed JSON"},
	} {
		var e errs
		m, ok := decodeObject([]byte(tc.in), nil, &e)
		if tc.msg != "" {
			if ok || len(e.list) != 1 || !strings.Contains(e.list[0].Message, tc.msg) {
				t.Errorf("decodeObject(%q) = %v, %v, violations %v; want one saying %q", tc.in, m, ok, e.list, tc.msg)
			}
			continue
		}
		if !ok || len(e.list) != 0 || len(m) != len(tc.want) {
			t.Errorf("decodeObject(%q) = %v, %v, violations %v; want %v", tc.in, m, ok, e.list, tc.want)
			continue
		}
		for k, v := range tc.want {
			if string(m[k]) != v {
				t.Errorf("decodeObject(%q)[%q] = %s, want %s", tc.in, k, m[k], v)
			}
		}
		// The same as encoding/json.
		var ref map[string]json.RawMessage
		if err := json.Unmarshal([]byte(tc.in), &ref); err != nil || len(ref) != len(m) {
			t.Errorf("encoding/json: %v, %v", ref, err)
		}
		for k, v := range ref {
			if !bytes.Equal(bytes.TrimSpace(v), m[k]) {
				t.Errorf("decodeObject(%q)[%q] = %s, encoding/json says %s", tc.in, k, m[k], v)
			}
		}
	}
}

func TestDecodeSliceScanner(t *testing.T) {
	var got []int64
	var e errs
	decodeSlice(&got, []byte(" [1, 2 ,3e0]\n"), false, nil, &e, decodeInt)
	if len(e.list) != 0 || len(got) != 3 || got[2] != 3 {
		t.Errorf("got %v, %v", got, e.list)
	}
	for _, in := range []string{`[1,`, `[1 2]`, `[1]]`, `[,1]`} {
		var e errs
		decodeSlice(&got, []byte(in), false, nil, &e, decodeInt)
		if len(e.list) != 1 || !strings.Contains(e.list[0].Message, "malformed JSON") {
			t.Errorf("decodeSlice(%q): violations %v", in, e.list)
		}
	}
}

func TestDecodeScalars(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"-12", -12, true}, {"1.5", 1.5, true}, {"1e400", math.Inf(1), true},
		{"123456789012345678901", 123456789012345678901, true}, {" 7 ", 7, true},
		{"01", 0, false}, {"+1", 0, false}, {"Infinity", 0, false}, {"1.", 0, false}, {`"1"`, 0, false},
	} {
		var got float64
		var e errs
		decodeFloat(&got, []byte(tc.in), nil, &e)
		if ok := len(e.list) == 0; ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("decodeFloat(%s) = %v, violations %v; want %v, ok %v", tc.in, got, e.list, tc.want, tc.ok)
		}
	}
	for _, in := range []string{"01", "+1", "-", "1e", "--1"} {
		var got int64
		var e errs
		decodeInt(&got, []byte(in), nil, &e)
		if len(e.list) == 0 {
			t.Errorf("decodeInt(%s) accepted: %d", in, got)
		}
	}
	for in, want := range map[string]bool{"true": true, " false ": false} {
		var got bool
		var e errs
		decodeBool(&got, []byte(in), nil, &e)
		if len(e.list) != 0 || got != want {
			t.Errorf("decodeBool(%s) = %v, %v", in, got, e.list)
		}
	}
	var s string
	var e errs
	decodeString(&s, []byte(`"abc`), nil, &e)
	if len(e.list) != 1 || !strings.Contains(e.list[0].Message, "malformed string") {
		t.Errorf("decodeString of an unterminated string: %v", e.list)
	}
}

// TestDecodeStringLikeEncodingJSON compares decodeString with encoding/json on random strings:
// escapes, surrogates (paired, lone, reversed), invalid UTF-8 and control characters.
func TestDecodeStringLikeEncodingJSON(t *testing.T) {
	pieces := []string{"a", "é", "☃", "😀", `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0041`,
		`\u00e9`, `\uD83D\uDE00`, `\ud83d`, `\ude00`, `\uDE00\uD83D`, `\ud83d\u0041`, `\ud83d\ud83d\ude00`,
		"\xff", "\xc3", "\xe2\x98", "\xed\xa0\x80", "\x01", "\x7f", " ", `\`, `\x`, `\u12`, `"`}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		b.WriteByte('"')
		for k := rng.IntN(6); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		b.WriteByte('"')
		in := []byte(b.String())
		var want string
		werr := json.Unmarshal(in, &want)
		var got string
		var e errs
		decodeString(&got, in, nil, &e)
		if (werr == nil) != (len(e.list) == 0) || (werr == nil && got != want) {
			t.Fatalf("decodeString(%q) = %q, violations %v; encoding/json: %q, %v", in, got, e.list, want, werr)
		}
		if valid := json.Valid(in); validJSON(in) != valid {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", in, !valid, valid)
		}
		// As an object key.
		obj := append(append([]byte("{"), in...), ":0}"...)
		var wm map[string]json.RawMessage
		werr = json.Unmarshal(obj, &wm)
		var e2 errs
		gm, ok := decodeObject(obj, nil, &e2)
		if (werr == nil) != ok {
			t.Fatalf("decodeObject(%q): ok %v; encoding/json: %v", obj, ok, werr)
		}
		for k := range wm {
			if _, found := gm[k]; !found || len(gm) != 1 {
				t.Fatalf("decodeObject(%q) = %v, encoding/json says %v", obj, gm, wm)
			}
		}
	}
}

func TestEventTag(t *testing.T) {
	for _, tc := range []struct{ in, tag, err string }{
		{`{"event_type":"a.b","x":1}`, "a.b", ""},
		{` {"x":{"event_type":"no"}, "event_type" : "a\u002eb"} `, "a.b", ""},
		{`{"event_type":"a","event_type":"b"}`, "b", ""},
		{`{"event_type":null}`, "", "missing event_type"},
		{`{}`, "", "missing event_type"},
		{`{"event_type":3}`, "", "event_type is not a string, got number"},
		{`[1]`, "", "expected a JSON object, got array"},
		{`null`, "", "expected a JSON object, got null"},
		{`{"event_type":"a"} x`, "", "malformed JSON"},
		{`{"event_type":"a",}`, "", "malformed JSON"},
		{`[1,]`, "", "malformed JSON"},
		{``, "", "malformed JSON"},
	} {
		var e errs
		tag, err := eventTag([]byte(tc.in), "event_type", &e)
		if tc.err == "" && (err != nil || tag != tc.tag) || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("eventTag(%s) = %q, %v; want %q, %q", tc.in, tag, err, tc.tag, tc.err)
		}
	}
}

func TestKeyCache(t *testing.T) {
	for i := 0; i < 3; i++ {
		for _, k := range []string{"id", "event_type", "a", "", "a_rather_long_key_of_more_than_32_bytes"} {
			if got := keyString([]byte(k), true); got != k {
				t.Fatalf("keyString(%q) = %q", k, got)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { keyString([]byte("event_type"), true) }); n != 0 {
		t.Errorf("a cached key allocates %v times", n)
	}
}

// FuzzScanner compares the scanner with encoding/json: validity of any input, and the decoded
// string of any string (go test -fuzz FuzzScanner ./generator/emit/runtime).
func FuzzScanner(f *testing.F) {
	for _, s := range []string{`"a\u00e9\ud83d\ude00"`, `{"a":[1,2.5e3,null]}`, "\"\xff\"", `[1,]`, `"\ud83d\u0041"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if got, want := validJSON(in), json.Valid(in); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", in, got, want)
		}
		var want string
		if json.Unmarshal(in, &want) == nil {
			var got string
			var e errs
			decodeString(&got, in, nil, &e)
			if len(e.list) != 0 || got != want {
				t.Fatalf("decodeString(%q) = %q, %v; want %q", in, got, e.list, want)
			}
		}
		if json.Valid(in) {
			checkDocument(t, trimJSON(in))
		}
		var wm map[string]json.RawMessage
		if json.Unmarshal(in, &wm) == nil {
			var e errs
			gm, ok := decodeObject(in, nil, &e)
			if !ok || len(gm) != len(wm) {
				t.Fatalf("decodeObject(%q) = %v, %v; want %v", in, gm, e.list, wm)
			}
			for k, v := range wm {
				if !bytes.Equal(bytes.TrimSpace(v), gm[k]) {
					t.Fatalf("decodeObject(%q)[%q] = %s, want %s", in, k, gm[k], v)
				}
			}
		}
	})
}
