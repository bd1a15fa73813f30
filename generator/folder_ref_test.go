package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/model"
)

// TestFolderRefToBundleRoot: in a folder of schemas, a $ref to another input file's root
// means that file's root schema even when the file also has definitions. load compiles such
// a root apart from its definitions for speed (splitBundle); a file whose root another input
// refers to stays whole, or the reference would see the definitions alone (any).
func TestFolderRefToBundleRoot(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"order.json": `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"total": {"$ref": "money.json"}, "share": {"$ref": "money.json#/definitions/percent"}}}`,
		"money.json": `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["amount"], "properties": {"amount": {"type": "string"}}, "definitions": {"percent": {"type": "number", "maximum": 100}}}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := generator.Config{Inputs: []string{dir}, Package: "p"}
	res, err := generator.Load(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := model.Build(res, model.Options{PackageName: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range pkg.Types {
		if n.Name != "Order" {
			continue
		}
		for _, f := range n.Struct.Fields {
			if f.JSONName == "total" && (f.Type.Kind != model.TNamed || f.Type.Named.Name != "Money") {
				t.Errorf("Order.total is %v, want the named type Money", f.Type.Kind)
			}
		}
		return
	}
	t.Fatal("no type Order")
}
