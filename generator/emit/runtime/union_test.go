package runtime

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

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

// TestPlainURI checks that the fast path agrees with the url.Parse check on the strings it
// accepts, and leaves the others to it.
func TestPlainURI(t *testing.T) {
	for _, v := range []string{
		"https://api.example.com/repos/a/b/1", "http://x", "a+b.c-d://h-1.example/p_~./q", "https://h/",
		"https://", "https:///x", "://x", "1http://x", "https://h:80/x", "https://h/x?q=1", "https://h/x#f",
		"https://u@h/x", "https://h/%20", "https://h/a b", "mailto:x@y", "https://[::1]/", "",
	} {
		fast := plainURI(v)
		if fast && !validFormat(v, "uri") {
			t.Errorf("plainURI(%q) = true, but the full check says invalid", v)
		}
		var full bool
		{
			u, err := url.Parse(v)
			full = err == nil && u.IsAbs() && !strings.ContainsAny(v, " \\<>{}|^`\"")
		}
		if fast && !full {
			t.Errorf("plainURI(%q) = true, url.Parse check = false", v)
		}
	}
	for v, want := range map[string]bool{"https://api.example.com/x": true, "https://h:80/x": false, "https:///x": false,
		"https://h/abcdefghijklmnop_~/q": true, "https://h/abcdefg hijklmnop": false, "https://h/abcdefghijklmno^": false,
		"https://h/abcdefghi%jklmnop": false, "https://h.example/a-b.c/d_e~f/0123456789/xyz": true} {
		if got := plainURI(v); got != want {
			t.Errorf("plainURI(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestSkim checks that the skimming scans of values already found well-formed split them as
// the checking scans do.
func TestSkim(t *testing.T) {
	for _, in := range []string{
		`{}`, ` { } `, `{"a":1}`, `{"a" : "x\"}" , "b":[1,{"c":"]"}], "c\u0064":{"e":{}},"f":null,"g":-1.5e3}`,
		`{"é":"\\","k\\":"\\\"","":true,"x":[[],{}],"y":"\u00e9\ud83d\ude00"}`, "{\"a\":\t1\n,\r\"b\" :false}",
	} {
		data := []byte(in)
		data = trimJSON(data)
		want, ok := scanObjectRef(data, nil)
		if !ok {
			t.Fatalf("%s: not well-formed", in)
		}
		got, _ := (*doc)(nil).members(data, nil)
		if len(got) != len(want) {
			t.Fatalf("members(%s) = %d members, want %d", in, len(got), len(want))
		}
		for i := range want {
			if got[i].key != want[i].key || string(got[i].raw) != string(want[i].raw) {
				t.Errorf("members(%s)[%d] = %q %s, want %q %s", in, i, got[i].key, got[i].raw, want[i].key, want[i].raw)
			}
		}
	}
	for _, in := range []string{`[]`, `[ 1 , "a\"]" , [2,[3]] , {"a":"]"} , null ]`, `["\\",true,false,-0.1]`} {
		data := []byte(in)
		want, ok := scanArrayRef(data, nil)
		if !ok {
			t.Fatalf("%s: not well-formed", in)
		}
		got := (*doc)(nil).elems(data, nil)
		if len(got) != len(want) {
			t.Fatalf("elems(%s) = %d items, want %d", in, len(got), len(want))
		}
		for i := range want {
			if string(got[i]) != string(want[i]) {
				t.Errorf("elems(%s)[%d] = %s, want %s", in, i, got[i], want[i])
			}
		}
	}
}

// TestScanStringWords checks the eight-bytes-at-a-time loop of scanString against a check of
// one byte at a time, on seeded random strings of quotes, backslashes, controls and UTF-8.
func TestScanStringWords(t *testing.T) {
	ref := func(data []byte) (int, bool) {
		plain := true
		for i := 1; i < len(data); i++ {
			switch c := data[i]; {
			case c == '"':
				return i + 1, plain && utf8.Valid(data[1:i])
			case c == '\\':
				plain = false
				if i+1 >= len(data) {
					return -1, false
				}
				switch data[i+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					i++
				case 'u':
					if i+6 > len(data) {
						return -1, false
					}
					for _, h := range data[i+2 : i+6] {
						if !isHex(h) {
							return -1, false
						}
					}
					i += 5
				default:
					return -1, false
				}
			case c < 0x20:
				return -1, false
			}
		}
		return -1, false
	}
	alphabet := []byte("abcdefgh01 \"\\\\/u\x01\x1f\x7f\xc3\xa9\xe4\xb8\x96\xff")
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		b := []byte{'"'}
		for j := r.IntN(40); j > 0; j-- {
			if r.IntN(3) == 0 {
				b = append(b, alphabet[r.IntN(len(alphabet))])
			} else {
				b = append(b, 'a'+byte(r.IntN(26)))
			}
		}
		if r.IntN(4) > 0 {
			b = append(b, '"')
		}
		gotEnd, gotPlain := scanString(b, 0)
		wantEnd, wantPlain := ref(b)
		if gotEnd != wantEnd || (gotEnd > 0 && gotPlain != wantPlain) {
			t.Fatalf("scanString(%q) = %d, %v; want %d, %v", b, gotEnd, gotPlain, wantEnd, wantPlain)
		}
	}
}

func TestCheckEqualStrings(t *testing.T) {
	for _, tc := range []struct {
		v       any
		allowed []string
		ok      bool
	}{
		{"a", []string{`"b"`, `"a"`}, true}, {"a", []string{`"b"`}, false}, {"A", []string{`"\u0041"`}, true},
		{"é<", []string{`"é<"`}, true}, {"1", []string{`1`}, false}, {"a\"", []string{`"a\""`}, true},
		{json.Number("1"), []string{`1.0`}, true}, {"x", []string{`"x`, `{"x":1}`}, false},
		{json.Number("1"), []string{`"1"`}, false}, {nil, []string{`"a"`, `"b"`}, false}, {[]any{"a"}, []string{`["a"]`}, true},
		{"b", []string{`"a"`, `"b"`, `"c"`}, true}, {"d", []string{`"a"`, `"b"`}, false},
	} {
		var e errs
		checkEqual(tc.v, tc.allowed, nil, &e, "enum")
		if ok := len(e.list) == 0; ok != tc.ok {
			t.Errorf("checkEqual(%#v, %v) ok = %v, want %v", tc.v, tc.allowed, ok, tc.ok)
		}
	}
}

// TestObjectMembers checks the member split of struct decoders: document order, the last of
// a key given twice kept where it stands, checked then skimmed scans alike.
func TestObjectMembers(t *testing.T) {
	var big strings.Builder
	big.WriteString("{")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&big, `"k%d":%d,`, i, i)
	}
	big.WriteString(`"k7":"last"}`)
	for in, want := range map[string]string{
		`{}`:                        ``,
		`{"a":1,"b":[2],"c":{}}`:    `a=1 b=[2] c={}`,
		`{"a":1,"b":2,"a":3}`:       `b=2 a=3`,
		`{"a":1,"a":2,"a":{"a":3}}`: `a={"a":3}`,
		big.String():                ``,
	} {
		// valid: unchecked (the scan checks and prepares the document), checked (a prepared
		// document: the tape), checked elsewhere (a document of other bytes: skimmed).
		for _, valid := range []string{"unchecked", "checked", "checked elsewhere"} {
			var e errs
			data := []byte(in)
			switch valid {
			case "checked":
				if !e.prepare(data, "") {
					t.Fatalf("prepare(%s) = false", in)
				}
			case "checked elsewhere":
				e.prepare([]byte(`{}`), "")
			}
			ms, ok := objectMembers(data, nil, nil, &e)
			if !ok {
				t.Fatalf("objectMembers(%s): %v", in, e.list)
			}
			var parts []string
			for _, m := range ms {
				parts = append(parts, m.key+"="+string(m.raw))
			}
			got := strings.Join(parts, " ")
			if in == big.String() {
				if len(ms) != 100 || ms[99].key != "k7" || string(ms[99].raw) != `"last"` || ms[7].key != "k8" {
					t.Errorf("objectMembers(100 keys, k7 twice, %s): %d members, last %s", valid, len(ms), parts[len(parts)-1])
				}
				continue
			}
			if got != want {
				t.Errorf("objectMembers(%s, %s) = %s; want %s", in, valid, got, want)
			}
		}
	}
	var e errs
	if _, ok := objectMembers([]byte(`[1]`), nil, nil, &e); ok || len(e.list) != 1 {
		t.Errorf("objectMembers([1]) = ok %v, %v; want a type violation", ok, e.list)
	}
}
