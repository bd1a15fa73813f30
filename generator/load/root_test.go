package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRootReading: a top level with any keyword of the document's draft is one schema; one
// without is a map of named schemas; -root overrides both.
func TestRootReading(t *testing.T) {
	cases := []struct {
		doc   string
		draft string
		root  Root
		want  []string // entry names; nil: error
		err   string
	}{
		{doc: `{"minProperties": 1}`, want: []string{"doc"}},
		{doc: `{"multipleOf": 2}`, want: []string{"doc"}},
		{doc: `{"uniqueItems": true}`, want: []string{"doc"}},
		{doc: `{"dependencies": {"a": ["b"]}}`, draft: "7", want: []string{"doc"}},
		{doc: `{"dependentRequired": {"a": ["b"]}}`, want: []string{"doc"}},
		{doc: `{"deprecated": true}`, want: []string{"doc"}},
		{doc: `{}`, want: []string{"doc"}},
		{doc: `{"A": {"type": "string"}, "B": true}`, want: []string{"A", "B"}},
		// $anchor is no keyword of draft 7: there it is a name.
		{doc: `{"$anchor": {"type": "string"}}`, draft: "7", want: []string{"$anchor"}},
		{doc: `{"$anchor": "x"}`, want: []string{"doc"}},
		// A draft-04 document named by $schema: "id" is a keyword there.
		{doc: `{"$schema": "http://json-schema.org/draft-04/schema#", "id": "http://example.com/x"}`, want: []string{"doc"}},
		{doc: `{"A": {"type": "string"}}`, root: RootSchema, want: []string{"doc"}},
		{doc: `{"type": {"type": "string"}, "not": {"type": "integer"}}`, root: RootBundle, want: []string{"type", "not"}},
		{doc: `{"A": {"type": "string"}, "n": 3}`, err: "/n: a bundle maps names to schemas, but this value is not a schema (object or boolean); the document was read as a bundle of named schemas, since its top level uses no keyword of draft 2020-12: -root schema reads it as one schema"},
		{doc: `{"type": "string"}`, root: RootBundle, err: "/type: a bundle maps names to schemas, but this value is not a schema (object or boolean); the document is read as a bundle because of -root bundle: -root schema or -root auto reads it as one schema"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, "doc.json")
		if err := os.WriteFile(p, []byte(c.doc), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Load(context.Background(), []string{p}, Options{DefaultDraft: c.draft, Root: c.root})
		if c.err != "" {
			if err == nil || !strings.HasSuffix(err.Error(), c.err) {
				t.Errorf("%s (root %q): error %v, want ...%s", c.doc, c.root, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s (root %q): %v", c.doc, c.root, err)
			continue
		}
		var names []string
		for _, e := range res.Entries {
			names = append(names, e.Name)
		}
		if strings.Join(names, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s (root %q): entries %v, want %v", c.doc, c.root, names, c.want)
		}
		bundle := len(c.want) > 0 && c.want[0] != "doc"
		if noted := len(res.Notes) > 0; noted != (bundle && c.root == "") {
			t.Errorf("%s (root %q): notes %q", c.doc, c.root, res.Notes)
		}
	}
	if _, err := Load(context.Background(), []string{filepath.Join(dir, "doc.json")}, Options{Root: "tree"}); err == nil {
		t.Error("Root \"tree\" accepted")
	}
}
