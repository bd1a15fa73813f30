package fetch

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestFetchDefinitionRefs: a $ref inside a definition that the root does not use is
// snapshotted too (generation makes a type of every definition, so it resolves that $ref).
func TestFetchDefinitionRefs(t *testing.T) {
	s := newServer(t)
	s.route("/schema.json", serve(`{"$defs": {"User": {"properties": {"tag": {"$ref": "tag.json"}}}, "a%b": {"$ref": "odd.json"}}, "type": "object"}`, ""))
	s.route("/tag.json", serve(`{"type": "string"}`, ""))
	s.route("/odd.json", serve(`{"type": "integer"}`, ""))
	res, err := Fetch(context.Background(), Options{URL: s.URL + "/schema.json", Dir: filepath.Join(t.TempDir(), "snap")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range res.Documents {
		got[d.File] = true
	}
	for _, f := range []string{MainFile, "tag.json", "odd.json"} {
		if !got[f] {
			t.Errorf("the snapshot lacks %s: %+v", f, res.Documents)
		}
	}
}

// TestCompileTargetsFollowLoad: fetch reads a top-level object as one schema exactly when
// load does (load.IsSchema: a keyword of the document's draft), so a document whose only
// keyword is maxItems is compiled as a schema, and draft 4's "id" counts only in draft 4.
func TestCompileTargetsFollowLoad(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value map[string]any
		draft string
		want  []string
	}{
		{"bounds only", map[string]any{"maxItems": 3, "minItems": 1}, "", []string{"u"}},
		{"mapping", map[string]any{"User": map[string]any{}, "Tag": map[string]any{}}, "", []string{"u", "u#/Tag", "u#/User"}},
		{"draft 4 id", map[string]any{"id": "x", "Tag": map[string]any{}}, "4", []string{"u"}},
		{"id is a name in 2020-12", map[string]any{"id": map[string]any{}, "Tag": map[string]any{}}, "", []string{"u", "u#/Tag", "u#/id"}},
	} {
		got := compileTargets(&document{url: "u", value: tc.value}, true, tc.draft)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: compileTargets = %q, want %q", tc.name, got, tc.want)
		}
	}
}
