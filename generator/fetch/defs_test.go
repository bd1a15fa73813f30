package fetch

import (
	"context"
	"path/filepath"
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
