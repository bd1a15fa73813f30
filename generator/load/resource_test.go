package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResources: resources are the document and every embedded $id; a resource's dynamic
// anchors exclude those of embedded resources; Schema compiles any location of the load.
func TestResources(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.json")
	doc := `{
	  "$schema": "https://json-schema.org/draft/2020-12/schema",
	  "$defs": {
	    "Tree": {"$dynamicAnchor": "node", "type": "object", "properties": {"kids": {"type": "array", "items": {"$dynamicRef": "#node"}}}},
	    "Strict": {
	      "$id": "https://example.com/strict",
	      "$defs": {"node": {"$dynamicAnchor": "node", "unevaluatedProperties": false}}
	    }
	  }
	}`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), []string{file}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tree, strict string
	for _, e := range res.Entries {
		switch e.Name {
		case "Tree":
			tree = e.Location
		case "Strict":
			strict = e.Location
		}
	}
	if tree == "" || strict == "" {
		t.Fatalf("entries %v", res.Entries)
	}
	docRes, ok := res.ResourceOf(tree + "/properties/kids/items")
	if !ok || !strings.HasSuffix(docRes, "s.json#") {
		t.Fatalf("ResourceOf(Tree items) = %q, %v; want the document", docRes, ok)
	}
	strictRes, ok := res.ResourceOf(strict + "/$defs/node")
	if !ok || strictRes != strict {
		t.Fatalf("ResourceOf(Strict/$defs/node) = %q, %v; want %q", strictRes, ok, strict)
	}
	if a := res.DynamicAnchors(docRes); len(a) != 1 || a["node"] != tree {
		t.Errorf("DynamicAnchors(document) = %v; want node → %s only", a, tree)
	}
	if a := res.DynamicAnchors(strictRes); len(a) != 1 || a["node"] != strict+"/$defs/node" {
		t.Errorf("DynamicAnchors(Strict) = %v", a)
	}
	s, err := res.Compile(strict + "/$defs/node")
	if err != nil || s.DynamicAnchor != "node" {
		t.Errorf("Compile(Strict/$defs/node) = %v, %v", s, err)
	}
	if _, ok := res.ResourceOf("https://nowhere.example/x.json#/a"); ok {
		t.Error("ResourceOf of a location outside the load is ok")
	}
}
