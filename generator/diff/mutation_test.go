package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// mutate applies the first possible edit of one kind to a decoded schema, in key order, and
// reports whether it found a place for it.
func mutate(v any, kind string) bool {
	switch x := v.(type) {
	case map[string]any:
		switch kind {
		case "enum":
			if arr, ok := x["enum"].([]any); ok && len(arr) > 0 {
				if _, isStr := arr[0].(string); isStr {
					x["enum"] = append(arr, "namigen-new-value")
					return true
				}
			}
		case "maxLength":
			if n, ok := x["maxLength"].(json.Number); ok {
				i, _ := n.Int64()
				x["maxLength"] = i + 5
				return true
			}
		case "required":
			if arr, ok := x["required"].([]any); ok && len(arr) > 1 { // draft 4 wants one name at least
				x["required"] = arr[1:]
				return true
			}
		case "closed":
			if b, ok := x["additionalProperties"].(bool); ok && !b {
				delete(x, "additionalProperties")
				return true
			}
		}
		for _, k := range sortedKeys(x) {
			if k == "enum" || k == "const" || k == "examples" || k == "default" {
				continue
			}
			if mutate(x[k], kind) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if mutate(e, kind) {
				return true
			}
		}
	}
	return false
}

// TestMutatedSchemastoreWitnesses: loosening edits of real schemas are reported, and every
// wire-breaking change's example is confirmed by santhosh-tekuri compiled afresh.
func TestMutatedSchemastoreWitnesses(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(schemastore, "*.json"))
	files = append(files, "../../schemas/nami/events.schema.json")
	if len(files) == 1 && os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but %s is missing", schemastore)
	}
	witnessed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"enum", "maxLength", "required", "closed"} {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !mutate(doc, kind) {
				continue
			}
			t.Run(filepath.Base(f)+"/"+kind, func(t *testing.T) {
				dir := t.TempDir()
				newFile := filepath.Join(dir, filepath.Base(f))
				out, _ := json.Marshal(doc)
				if err := os.WriteFile(newFile, out, 0o644); err != nil {
					t.Fatal(err)
				}
				rep, err := Run(context.Background(), f, newFile, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Changes) == 0 {
					t.Fatalf("the %s edit was not reported", kind)
				}
				for _, c := range rep.Changes {
					if c.Witness == WitnessNone {
						t.Logf("%s at %s: %s", c.Kind, c.Path, c.Message)
					}
					if c.Severity != Breaking || c.Category != Wire || c.Example == nil {
						continue
					}
					witnessed++
					payload := roundTrip(t, c.Example.Payload)
					if err := compileAt(t, newFile, c.Example.Schema).Validate(payload); err != nil {
						t.Errorf("%s: NEW rejects the example: %v", c.Kind, err)
					}
					if err := compileAt(t, f, c.Example.Schema).Validate(payload); err == nil {
						t.Errorf("%s: OLD accepts the example %s", c.Kind, compactJSON(c.Example.Payload))
					}
				}
			})
		}
	}
	if witnessed == 0 {
		t.Error("no witness was found in any mutated schema")
	}
}

// compileAt compiles, with a fresh compiler, the schema an example names: "definition NAME"
// ($defs or definitions), "definition (root)", or "event TYPE" (the $defs entry whose
// event_type is the const TYPE).
func compileAt(t *testing.T, file, label string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const u = "file:///fresh/schema.json"
	if err := c.AddResource(u, doc); err != nil {
		t.Fatal(err)
	}
	what, id, _ := strings.Cut(label, " ")
	m, _ := doc.(map[string]any)
	loc := ""
	switch {
	case what == "definition" && id == RootName:
		loc = u
	case what == "definition":
		for _, k := range []string{"$defs", "definitions"} {
			if defs, ok := m[k].(map[string]any); ok {
				if _, ok := defs[id]; ok {
					loc = u + "#/" + k + "/" + escapeToken(id)
				}
			}
		}
	case what == "event":
		defs, _ := m["$defs"].(map[string]any)
		for k, v := range defs {
			props, _ := v.(map[string]any)["properties"].(map[string]any)
			et, _ := props["event_type"].(map[string]any)
			if et["const"] == id {
				loc = u + "#/$defs/" + k
			}
		}
	}
	if loc == "" {
		t.Fatalf("cannot find %q in %s", label, file)
	}
	s, err := c.Compile(loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
