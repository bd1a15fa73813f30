package generator

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/namigen/namigen/generator/load"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// dynamicCases are golden cases whose schemas use the keywords the dynamic validator checks,
// with instances to try: each verdict of the generated code (json.Unmarshal, then Validate)
// must equal santhosh-tekuri/jsonschema's on the same schema.
var dynamicCases = []struct {
	dir       string
	file, ptr string // schema file (relative to the case) and pointer of the definition
	typ       string // Go type
	instances []string
}{
	{"not", "schema.json", "/$defs/Doc", "Doc", []string{`{"v":1}`, `{"v":"x"}`, `{"forbidden":1}`, `{}`, `{"v":null,"n":2}`, `{"n":"x"}`}},
	{"not", "schema.json", "/$defs/NotEmpty", "NotEmpty", []string{`"a"`, `""`}},
	{"if-then-else", "schema.json", "/$defs/Address", "Address", []string{`{"country":"US","postal_code":"12345"}`, `{"country":"US","postal_code":"1234"}`, `{"country":"US"}`, `{"country":"CA","postal_code":"K1A 0B1"}`, `{"country":"CA","postal_code":"12345"}`, `{"country":"CA"}`}},
	{"dependent-required", "schema.json", "/$defs/Payment", "Payment", []string{`{"name":"a"}`, `{"credit_card":"1","billing_address":"x","cvv":"1"}`, `{"credit_card":"1","billing_address":"x"}`, `{"credit_card":"1"}`, `{"billing_address":"x"}`}},
	{"dependent-schemas", "in/schema.json", "/$defs/Payment", "Payment", []string{`{"name":"a"}`, `{"credit_card":"1","billing_address":"12345"}`, `{"credit_card":"1","billing_address":"1"}`, `{"credit_card":"1"}`, `{"billing_address":1}`}},
	{"dependent-schemas", "in/legacy.json", "/definitions/LegacyPayment", "LegacyPayment", []string{`{}`, `{"credit_card":"1"}`, `{"credit_card":"1","billing_address":2}`, `{"gift_card":"g","pin":"1234"}`, `{"gift_card":"g","pin":"12"}`, `{"gift_card":"g"}`}},
	{"property-names", "schema.json", "/$defs/Counters", "Counters", []string{`{}`, `{"a_b":1}`, `{"ABC":1}`, `{"toolongname":1}`, `{"a":"x"}`}},
	{"property-names", "schema.json", "/$defs/Labels", "Labels", []string{`{"owner":"x","team":1}`, `{"other":1}`, `{"owner":2}`}},
	{"contains", "schema.json", "/$defs/Scores", "Scores", []string{`[10,11]`, `[10,1,11,2]`, `[10]`, `[]`, `[10,11,12,13]`, `[10,11,"x"]`}},
	{"contains", "schema.json", "/$defs/Roster", "Roster", []string{`{}`, `{"roles":["admin","x"]}`, `{"roles":["x"]}`, `{"roles":[]}`}},
	{"unevaluated-properties", "schema.json", "/$defs/Shape", "Shape", []string{`{"kind":"circle","radius":1}`, `{"kind":"circle","radius":1,"side":2}`, `{"kind":"square","side":2,"x-note":"n"}`, `{"kind":"square","side":2,"other":1}`, `{"kind":"circle"}`, `{"kind":"triangle"}`}},
	{"unevaluated-properties", "schema.json", "/$defs/AllOfAdditional", "AllOfAdditional", []string{`{"bar":"x"}`, `{"foo":1}`, `{"foo":true}`, `{"baz":true}`, `{"baz":1}`}},
	{"unevaluated-properties", "schema.json", "/$defs/Mixed", "Mixed", []string{`{"foo":[1,2]}`, `{"fxo":[1,2]}`, `{"fxo":[1]}`, `{"bar":1}`, `{"bar":"x"}`, `{"foo":[1,2,3,4]}`, `{"foo":[1]}`}},
	{"untyped-constraints", "schema.json", "/$defs/Never", "Never", []string{`1`, `null`, `"x"`}},
	{"unevaluated-items", "schema.json", "/$defs/Row", "Row", []string{`["a",1]`, `["a"]`, `["a",1,2]`, `[1]`, `["a","b"]`}},
	{"unevaluated-items", "schema.json", "/$defs/OneOfRow", "OneOfRow", []string{`["foo","bar"]`, `["foo","baz"]`, `["foo","bar","x"]`, `["foo","qux"]`, `"x"`}},
	{"unevaluated-items", "schema.json", "/$defs/Extended", "Extended", []string{`{"foo":"a","bar":1}`, `{}`, `{"foo":1}`}},
	{"unevaluated-items", "schema.json", "/$defs/Tagged", "Tagged", []string{`["a",1,2]`, `["a",true]`, `[1,2]`, `["a","b",3]`}},
	{"prefix-items", "in/schema.json", "/$defs/Point", "Point", []string{`[1,2]`, `[1]`, `[1,2,3]`, `["a",2]`, `[]`}},
	{"prefix-items", "in/schema.json", "/$defs/Record", "Record", []string{`["a",1]`, `["a",1,true,false]`, `["a",1,2]`, `["a"]`, `[1,"a"]`}},
	{"prefix-items", "in/legacy.json", "/definitions/LegacyPair", "LegacyPair", []string{`["a",1]`, `["a",1,2]`, `["a"]`, `[1,1]`}},
	{"oneof-constraint-beside-properties", "schema.json", "/$defs/Contact", "Contact", []string{`{"email":"a@b"}`, `{"phone":"+1"}`, `{"email":"a@b","phone":"+1"}`, `{}`, `{"phone":"1"}`, `{"email":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b"}`}},
	{"untyped-constraints", "schema.json", "/$defs/Bag", "Bag", []string{`{}`, `{"count":3,"tag":"ab","list":[1,2],"fixed":{"a":1.0}}`, `{"count":2}`, `{"count":"x"}`, `{"tag":"abcd"}`, `{"tag":"AB"}`, `{"list":[]}`, `{"list":[1,1.0]}`, `{"fixed":{"a":2}}`, `{"gone":null}`, `{"gone":1}`, `{"odd":"s"}`, `{"odd":0}`, `{"odd":[1]}`}},
	{"untyped-constraints", "schema.json", "/$defs/NotString", "NotString", []string{`1`, `"s"`, `0`, `null`, `{}`}},
	{"dynamic-ref", "schema.json", "/$defs/StrictTree", "StrictTree", []string{`{"data":1,"children":[{"data":2}]}`, `{"x":1}`, `{"children":[{"children":"no"}]}`, `[]`, `{"children":[{"x":1}]}`, `{"children":[{"children":[{"daat":1}]}]}`}},
	{"dynamic-ref", "schema.json", "", "Schema", []string{`{"children":[{"x":1}]}`, `{"children":[{"children":[1]}]}`, `{"data":null}`}},
	{"dynamic-ref-scope", "schema.json", "", "Schema", []string{`["foo","bar"]`, `["foo",42]`, `[]`}},
	{"recursive-anchor-2019", "schema.json", "/$defs/StrictTree", "StrictTree", []string{`{"data":1,"children":[{"data":2}]}`, `{"x":1}`, `{"children":[{"x":1}]}`, `{"children":[{"children":[{"daat":1}]}]}`}},
	{"recursive-anchor-2019", "schema.json", "", "Schema", []string{`{"children":[{"x":1}]}`, `{"children":[{"children":[1]}]}`}},
	{"untyped-constraints", "schema.json", "/$defs/Nothing", "Nothing", []string{`1`, `null`, `{}`}},
	{"optional-array-in-union", "schema.json", "/$defs/Trigger", "Trigger", []string{`"push"`, `{}`, `{"name":"n"}`, `{"schedule":["a"]}`, `{"schedule":[]}`, `{"labels":{}}`, `{"labels":{"a":"b"}}`, `{"other":1}`, `1`}},
	{"optional-array-in-union", "schema.json", "/$defs/Workflow", "Workflow", []string{`{"on":"push"}`, `{"on":{}}`, `{"on":{"schedule":[]}}`, `{"on":"x","steps":["a"]}`, `{"on":"x","steps":[]}`, `{"on":"x","steps":["a","b","c","d"]}`, `{}`}},
	{"map-nullable-values", "schema.json", "/$defs/Executables", "Executables", []string{`{}`, `{"a":"x","b":null}`, `{"a":1}`, `{"a":[]}`, `null`}},
	{"map-nullable-values", "schema.json", "/$defs/Tags", "Tags", []string{`{"t_a":1,"t_b":null}`, `{"t_a":"x"}`, `{"t_a":1.5}`, `{"x":1}`}},
	{"map-nullable-values", "schema.json", "/$defs/Names", "Names", []string{`["ab",null]`, `["a"]`, `[1]`, `[]`}},
	{"open-object-members", "schema.json", "/$defs/Labels", "Labels", []string{`{}`, `{"x":1}`, `{"x":null,"y":[]}`, `[]`, `null`}},
	{"open-object-members", "schema.json", "/$defs/Item", "Item", []string{`{"id":"a"}`, `{"id":"a","extra":{"k":[1,2.50]}}`, `{"id":"a","x":1,"y":2}`, `{"x":1}`}},
	{"open-object-members", "schema.json", "/$defs/Guarded", "Guarded", []string{`{}`, `{"b":1}`, `{"a":1,"b":1}`, `{"abcd":1}`, `{"abc":null}`}},
	{"open-object-members", "schema.json", "/$defs/Closed", "Closed", []string{`{"id":"a"}`, `{"id":"a","x":1}`, `{}`}},
	{"type-null", "schema.json", "/$defs/Failure", "Failure", []string{`{"message":"m"}`, `{"message":"m","code":null}`, `{"message":"m","code":{}}`, `{"message":"m","code":1}`, `{"message":"m","code":"x"}`, `{"message":"m","code":false}`}},
	{"allof-merge-exact", "schema.json", "/$defs/Fifteen", "Fifteen", []string{`15`, `30`, `10`, `9`, `0`}},
	{"allof-merge-exact", "schema.json", "/$defs/Letter", "Letter", []string{`"a"`, `"b"`, `"c"`, `"d"`}},
	{"allof-merge-exact", "schema.json", "/$defs/Reading", "Reading", []string{`{"step":1.5}`, `{"step":0.75}`, `{"step":0.5}`, `{"size":"m"}`, `{"size":"s"}`, `{"size":"xl"}`, `{}`}},
	{"allof-merge-exact", "schema.json", "/$defs/Impossible", "Impossible", []string{`"on"`, `"off"`, `"x"`}},
	{"allof-merge-exact", "schema.json", "/$defs/Empty", "Empty", []string{`4`, `7`, `11`}},
	{"untyped-containers", "schema.json", "/$defs/Numbers", "Numbers", []string{`[1,2]`, `[1,"a"]`, `{"0":"a"}`, `"x"`, `null`, `3`}},
	{"untyped-containers", "schema.json", "/$defs/Tags", "Tags", []string{`{"x-a":"s"}`, `{"x-a":1}`, `{"other":1}`, `[]`, `"s"`, `1`}},
	{"untyped-containers", "schema.json", "/$defs/Holder", "Holder", []string{`{}`, `{"list":["a"]}`, `{"list":[1]}`, `{"list":["a","b","c"]}`, `{"list":"not an array"}`, `{"list":null}`, `{"anything":null}`, `{"anything":[{}]}`}},
	{"recursive-ref-nesting", "schema.json", "", "Schema", []string{`1`, `"x"`, `{"foo":"hi"}`, `{"foo":1}`, `{"foo":{"bar":"hi"}}`, `{"foo":{"bar":1}}`, `{"foo":true}`, `true`}},
	{"alias-of-union", "schema.json", "", "Schema", []string{`true`, `{"name":"a"}`, `{"name":"a","x":[1]}`, `{"name":1}`, `{}`, `"s"`}},
	{"nullable-root", "schema.json", "", "Schema", []string{`1`, `3`, `null`, `4`, `"1"`, `{}`}},
	{"multi-type-object-members", "schema.json", "/$defs/Setting", "Setting", []string{`true`, `{"name":"a"}`, `{"name":"a","more":[]}`, `{"name":1}`, `{}`, `"x"`, `null`}},
	{"ecma-pattern", "in/schema.json", "/$defs/Config", "Config", []string{`{"name":"web-1"}`, `{"name":"default"}`, `{"name":"defaults"}`, `{"name":"Web"}`, `{"name":"a","version":"1.2"}`, `{"name":"a","version":"1"}`, `{"name":"a","labels":{"team":"x"}}`, `{"name":"a","labels":{"x-team":"x"}}`, `{"name":"a","labels":{"team":1}}`}},
	{"ecma-pattern", "in/schema.json", "/$defs/Word", "Word", []string{`"abca"`, `"abc"`, `"aa"`, `"a"`}},
	{"multi-type-object", "schema.json", "/$defs/Setting", "Setting", []string{`true`, `{"enabled":true}`, `{}`, `{"enabled":1}`, `{"enabled":false,"level":0}`, `{"enabled":false,"level":2,"x":1}`, `"x"`, `null`}},
	{"multi-type-object", "schema.json", "/$defs/Closed", "Closed", []string{`"s"`, `{"a":1}`, `{}`, `{"b":1}`, `{"a":"x"}`, `1`}},
	{"inferred-object-null", "schema.json", "/$defs/Trigger", "Trigger", []string{`{}`, `{"create":null}`, `{"create":{}}`, `{"create":{"tags":["v*"]}}`, `{"create":{"tags":[1]}}`, `{"create":"x"}`, `{"create":[]}`, `{"loose":null}`, `{"loose":"s"}`, `{"loose":{"a":"x"}}`, `{"loose":{"a":1}}`, `{"other":null}`}},
}

// TestDynamicValidation generates the cases into one module and compares the verdicts of the
// generated code with santhosh-tekuri/jsonschema's on every instance.
func TestDynamicValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module; skipped in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	writeConsumerModule(t, root)
	byDir := map[string]goldenCase{}
	for _, c := range loadCases(t) {
		byDir[c.name] = c
	}
	var imports, calls, isValidation strings.Builder
	var want []string
	done := map[string]bool{}
	for i, dc := range append(dynamicCases[:len(dynamicCases):len(dynamicCases)], dispatchCases...) {
		gc, ok := byDir[dc.dir]
		if !ok {
			t.Fatalf("no golden case %s", dc.dir)
		}
		if !done[dc.dir] {
			done[dc.dir] = true
			files, err := Generate(context.Background(), gc.cfg)
			if err != nil {
				t.Fatalf("%s: %v", dc.dir, err)
			}
			for _, f := range files {
				p := filepath.Join(root, gc.cfg.Package, f.Path)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fmt.Fprintf(&imports, "\t%q\n", "example.com/x/"+gc.cfg.Package)
			fmt.Fprintf(&isValidation, "\tif errors.As(err, new(*%s.ValidationError)) {\n\t\treturn true\n\t}\n", gc.cfg.Package)
		}
		abs, err := filepath.Abs(filepath.Join(gc.dir, dc.file))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		if gc.cfg.Regexp == "ecma" {
			c.UseRegexpEngine(load.ECMARegexpEngine)
		}
		sch, err := c.Compile(abs + "#" + dc.ptr)
		if err != nil {
			t.Fatalf("%s: %v", dc.dir, err)
		}
		for j, inst := range dc.instances {
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(inst))
			if err != nil {
				t.Fatal(err)
			}
			verdict := "valid"
			if sch.Validate(v) != nil {
				verdict = "invalid"
			}
			want = append(want, fmt.Sprintf("%d.%d %s %s %s", i, j, dc.typ, inst, verdict))
			fmt.Fprintf(&calls, "\tfmt.Println(%q, check(new(%s.%s), %q))\n", fmt.Sprintf("%d.%d %s %s", i, j, dc.typ, inst), gc.cfg.Package, dc.typ, inst)
		}
	}
	main := `package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"

` + imports.String() + `)

type validator interface{ Validate() error }

// check decodes data and validates the result; a ValidationError is "invalid". A value that
// decodes must also pass Validate (the re-encoding path of dynamic types), and its violations
// must not repeat. A valid value must re-encode to the same JSON (every member kept). Any
// other error ends the program: it is a defect, not a verdict.
func check(dst validator, data string) string {
	err := json.Unmarshal([]byte(data), dst)
	if err == nil {
		err = dst.Validate()
	}
	if err == nil {
		enc, err := json.Marshal(dst)
		if err != nil {
			return "valid, but it does not encode: " + err.Error()
		}
		if !sameJSON([]byte(data), enc) {
			return "valid, but it re-encodes as " + string(enc)
		}
		return "valid"
	}
	if !isValidation(err) {
		fmt.Fprintf(os.Stderr, "unexpected error (not a *ValidationError) for %s: %T: %v\n", data, err, err)
		os.Exit(3)
	}
	seen := map[string]bool{}
	for _, line := range splitLines(err.Error()) {
		if seen[line] {
			fmt.Fprintln(os.Stderr, "duplicate violation:", line)
			os.Exit(3)
		}
		seen[line] = true
	}
	return "invalid"
}

// isValidation reports whether err wraps the *ValidationError of one of the generated packages.
func isValidation(err error) bool {
` + isValidation.String() + `	return false
}

// sameJSON is JSON equality: numbers by value, members in any order.
func sameJSON(a, b []byte) bool {
	norm := func(data []byte) (any, bool) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		return v, dec.Decode(&v) == nil
	}
	va, ok1 := norm(a)
	vb, ok2 := norm(b)
	return ok1 && ok2 && eq(va, vb)
}

func eq(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		bn, ok := b.(json.Number)
		ra, ok1 := new(big.Rat).SetString(string(a))
		rb, ok2 := new(big.Rat).SetString(string(bn))
		return ok && ok1 && ok2 && ra.Cmp(rb) == 0
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			if w, ok := bm[k]; !ok || !eq(v, w) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !eq(a[i], bs[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func main() {
` + calls.String() + `}
`
	if err := os.MkdirAll(filepath.Join(root, "cmd", "check"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "cmd", "check", "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "run", "./cmd/check")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d verdicts, want %d:\n%s", len(got), len(want), out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("verdict differs from santhosh-tekuri/jsonschema:\n got %s\nwant %s", got[i], want[i])
		}
	}
}
