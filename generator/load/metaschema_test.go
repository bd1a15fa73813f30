package load

import "testing"

func TestMetaSchema(t *testing.T) {
	for _, u := range []string{
		"https://json-schema.org/draft/2020-12/schema",
		"https://json-schema.org/draft/2020-12/meta/core",
		"https://json-schema.org/draft/2019-09/meta/applicator",
		"http://json-schema.org/draft-07/schema#",
		"http://json-schema.org/draft-04/schema",
	} {
		v, ok := metaSchema(u)
		m, isObj := v.(map[string]any)
		if !ok || !isObj || m["$schema"] == nil {
			t.Errorf("metaSchema(%q) = %v, %v; want the meta-schema document", u, ok, v != nil)
		}
	}
	for _, u := range []string{"https://json-schema.org/draft/2020-12/nope", "https://example.com/draft/2020-12/schema", "https://json-schema.org/../etc/passwd"} {
		if _, ok := metaSchema(u); ok {
			t.Errorf("metaSchema(%q) found a document", u)
		}
	}
	// A dynamic anchor of a meta-schema is found through it.
	res := &Result{}
	if got := res.DynamicAnchors("https://json-schema.org/draft/2020-12/meta/core#"); got["meta"] == "" {
		t.Errorf("DynamicAnchors of meta/core = %v, want the meta anchor", got)
	}
}
