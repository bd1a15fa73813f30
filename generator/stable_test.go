package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/namigen/namigen/generator"
)

// TestStableWithReferencedFiles: a schema whose $refs pull in other files generates the same
// bytes on every run, and names those files relative to the working directory. The compiler
// asks for referenced documents in an order that depends on map iteration, which once changed
// the Source line and the package doc (taken from a referenced file's title) from run to run,
// and absolute paths made the output depend on the checkout.
func TestStableWithReferencedFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"root.json":       `{"type": "object", "properties": {"a": {"$ref": "a.json"}, "b": {"$ref": "b.json"}, "c": {"$ref": "sub/c.json"}, "d": {"$ref": "d.json"}}}`,
		"a.json":          `{"title": "A", "description": "The a.", "type": "string", "minLength": 1}`,
		"b.json":          `{"title": "B", "type": "integer"}`,
		"d.json":          `{"description": "The d.", "type": "object", "properties": {"x": {"$ref": "a.json"}}}`,
		"sub/c.json":      `{"type": "array", "items": {"$ref": "../a.json"}}`,
		"sub/unused.json": `{"type": "null"}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var first []byte
	for i := range 8 {
		out, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{"root.json"}, Package: "p"})
		if err != nil {
			t.Fatal(err)
		}
		var all bytes.Buffer
		for _, f := range out {
			all.WriteString(f.Path + "\n")
			all.Write(f.Data)
		}
		if i == 0 {
			first = all.Bytes()
			if want := "// Source: root.json, a.json, b.json, d.json, sub/c.json\n"; !strings.Contains(all.String(), want) {
				t.Fatalf("want %q in the output:\n%s", want, all.String())
			}
			if strings.Contains(all.String(), "From the schema") {
				t.Fatalf("the package doc comes from a referenced file (root.json has no title):\n%s", all.String())
			}
			if strings.Contains(all.String(), dir) {
				t.Fatalf("the output names the working directory %s:\n%s", dir, all.String())
			}
			continue
		}
		if !bytes.Equal(all.Bytes(), first) {
			t.Fatalf("run %d differs from the first", i+1)
		}
	}
}
