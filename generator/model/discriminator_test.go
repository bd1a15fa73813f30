package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileUnion(t *testing.T, schema string) []*jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem://u.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem://u.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.OneOf) > 0 {
		return s.OneOf
	}
	return s.AnyOf
}

// describeDispatch renders a dispatch as "prop exact objectOnly | values required; ...".
func describeDispatch(d *Dispatch) string {
	if d == nil {
		return "none"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s exact=%v objectOnly=%v |", d.Prop, d.Exact, d.ObjectOnly)
	for _, br := range d.Branches {
		vals := "*"
		if br.Constrained {
			vals = strings.Join(br.Values, ",")
		}
		fmt.Fprintf(&b, " %s req=%v;", vals, br.Required)
	}
	return b.String()
}

func TestInferDispatch(t *testing.T) {
	for _, tc := range []struct{ name, schema, want string }{
		{"const on every branch", `{"oneOf": [
			{"type": "object", "properties": {"t": {"const": "a"}}, "required": ["t"]},
			{"type": "object", "properties": {"t": {"enum": ["b", "c"]}}, "required": ["t"]}]}`,
			"t exact=true objectOnly=true | a req=true; b,c req=true;"},
		{"nested oneOf joins its sets", `{"oneOf": [
			{"type": "object", "properties": {"t": {"const": "a"}}, "required": ["t"]},
			{"oneOf": [
				{"type": "object", "properties": {"t": {"const": "b"}, "x": {}}, "required": ["t", "x"]},
				{"type": "object", "properties": {"t": {"const": "b"}, "y": {}}, "required": ["t"]},
				{"type": "null"}]}]}`,
			"t exact=true objectOnly=false | a req=true; b req=true;"},
		{"allOf and $ref", `{"$defs": {"Base": {"properties": {"t": {"type": "string"}}, "required": ["t"]},
			"K": {"allOf": [{"enum": ["a", "b", "z"]}, {"enum": ["a", "b"]}]}},
			"anyOf": [
			{"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"t": {"$ref": "#/$defs/K"}}}]},
			{"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"t": {"const": "c"}}}]}]}`,
			"t exact=true objectOnly=false | a,b req=true; c req=true;"},
		{"overlap and an unconstrained branch", `{"anyOf": [
			{"properties": {"t": {"enum": ["a", "b"]}}},
			{"properties": {"t": {"enum": ["b", "c"]}}, "required": ["t"]},
			{"properties": {"u": {"const": "x"}}}]}`,
			"t exact=false objectOnly=false | a,b req=false; b,c req=true; * req=false;"},
		{"a non-string const says nothing", `{"oneOf": [
			{"properties": {"t": {"const": 1}}}, {"properties": {"t": {"const": "a"}}}, {"properties": {"t": {"const": "b"}}}]}`,
			"t exact=false objectOnly=false | * req=false; a req=false; b req=false;"},
		{"no constraint", `{"oneOf": [{"properties": {"t": {"type": "string"}}}, {"required": ["t"]}]}`,
			"none"},
		{"same value everywhere", `{"oneOf": [{"properties": {"t": {"const": "a"}}}, {"properties": {"t": {"const": "a"}}}]}`,
			"none"},
		{"oneOf inside the property", `{"oneOf": [
			{"properties": {"t": {"oneOf": [{"const": "a"}, {"const": "b"}]}}, "required": ["t"]},
			{"properties": {"t": {"anyOf": [{"const": "c"}, {"const": "d"}]}}, "required": ["t"]},
			{"properties": {"t": {"anyOf": [{"const": "c"}, {"type": "integer"}]}}, "required": ["t"]}]}`,
			"t exact=false objectOnly=false | a,b req=true; c,d req=true; * req=true;"},
	} {
		got := describeDispatch(inferDispatch(compileUnion(t, tc.schema)))
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestDispatchCandidates(t *testing.T) {
	d := &Dispatch{Prop: "t", Branches: []*DispatchBranch{
		{Values: []string{"a", "b"}, Constrained: true, Required: true},
		{Values: []string{"b"}, Constrained: true},
		{},
	}}
	for _, tc := range []struct {
		tag            string
		present, isStr bool
		want           string
	}{
		{"a", true, true, "[0 2]"}, {"b", true, true, "[0 1 2]"}, {"c", true, true, "[2]"},
		{"", true, false, "[2]"}, {"", false, false, "[1 2]"},
	} {
		if got := fmt.Sprint(d.Candidates(tc.tag, tc.present, tc.isStr)); got != tc.want {
			t.Errorf("Candidates(%q, %v, %v) = %s; want %s", tc.tag, tc.present, tc.isStr, got, tc.want)
		}
		indexed := &Dispatch{Prop: d.Prop, Branches: d.Branches}
		indexed.index()
		if got := fmt.Sprint(indexed.Candidates(tc.tag, tc.present, tc.isStr)); got != tc.want {
			t.Errorf("indexed: Candidates(%q, %v, %v) = %s; want %s", tc.tag, tc.present, tc.isStr, got, tc.want)
		}
	}
	// The score counts what Candidates answers: the worst case over the named values and a
	// string no branch names ("c": [2]), and the total over the named values (a: 2, b: 3).
	if worst, sum, n := d.score(); worst != 3 || sum != 5 || n != 2 {
		t.Errorf("score() = %d, %d, %d; want 3, 5, 2", worst, sum, n)
	}
}
