package events

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/namigen/namigen/generator/load"
)

func loadString(t *testing.T, doc string) *load.Result {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := load.Load(context.Background(), []string{file}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFindIndex: an index's alternatives are the candidates, in order; the const is found in
// the schema's own properties, through $ref and through allOf; a non-string const or a
// property without const is not an event type; a duplicate is kept for the caller to judge.
func TestFindIndex(t *testing.T) {
	res := loadString(t, `{
	  "oneOf": [{"$ref": "#/$defs/B"}, {"$ref": "#/$defs/A"}, {"$ref": "#/$defs/N"}, {"$ref": "#/$defs/R"}, {"$ref": "#/$defs/D"}],
	  "$defs": {
	    "Envelope": {"properties": {"kind": {"const": "b.created"}}},
	    "A": {"properties": {"kind": {"const": "a.created"}}},
	    "B": {"allOf": [{"$ref": "#/$defs/Envelope"}]},
	    "N": {"properties": {"kind": {"const": 3}}},
	    "R": {"$ref": "#/$defs/A"},
	    "D": {"properties": {"kind": {"type": "string"}}}
	  }
	}`)
	var got []string
	for _, ev := range Find(res, "kind") {
		got = append(got, ev.Type+"="+ev.Entry.Name)
	}
	want := []string{"b.created=B", "a.created=A", "a.created=R"}
	if !slices.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
	if got := Types(res, "kind"); !slices.Equal(got, []string{"b.created", "a.created"}) {
		t.Errorf("Types = %v", got)
	}
	if got := Find(res, "event_type"); len(got) != 0 {
		t.Errorf("Find with another key = %v", got)
	}
}

// TestFindEntries: without an index, every entry is a candidate, with the default key.
func TestFindEntries(t *testing.T) {
	res := loadString(t, `{"$defs": {"A": {"properties": {"event_type": {"const": "a"}}}, "S": {"type": "string"}}}`)
	if got := Types(res, ""); !slices.Equal(got, []string{"a"}) {
		t.Errorf("Types = %v", got)
	}
}
