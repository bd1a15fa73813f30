package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generator/sharedtest"
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

// mutationsWithoutWitness lists, keyed "file/kind", the loosening edits of real schemas that
// yield a change for which the witness search builds no payload (valid under NEW, rejected by
// OLD): the search is heuristic. The value is the exact list of such changes ("kind at path",
// sorted). The test fails when an edit's unwitnessed changes differ from its entry, in either
// direction, so that a new gap cannot hide and a closed one is noticed.
var mutationsWithoutWitness = map[string][]string{
	// The edits reach the workflow root, and the search builds no whole valid workflow (its
	// `jobs` need a runner, steps and one of several job shapes) around the loosened member.
	"github-workflow.json/required": {"required-removed at /required"},
	"github-workflow.json/closed":   {"additional-properties-opened at /additionalProperties"},
	// The enum edit lands inside a `dependencies` schema, which the search does not explore.
	"global.json/enum": {"constraint-changed at /properties/sdk/dependencies"},
	// The required edit lands under `not`: loosening the negated schema tightens the outer one,
	// so there is no payload to find.
	"openhab-5.1.json/required": {"constraint-changed at /properties/items/patternProperties/^[a-zA-Z_][a-zA-Z0-9_]*$/allOf/2/not"},
}

func TestMutatedSchemastoreWitnesses(t *testing.T) {
	dir := sharedtest.Path(t, "testdata/schemastore/schemas")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema in %s: %v", dir, err)
	}
	files = append(files, "../../schemas/nami/events.schema.json")
	seen := map[string]bool{}
	var edits, witnessedEdits int
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
			key := filepath.Base(f) + "/" + kind
			seen[key] = true
			edits++
			t.Run(key, func(t *testing.T) {
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
				witnessed := 0
				var unwitnessed []string
				for _, c := range rep.Changes {
					if c.Witness == WitnessNone {
						unwitnessed = append(unwitnessed, fmt.Sprintf("%s at %s", c.Kind, c.Path))
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
				if witnessed > 0 {
					witnessedEdits++
				}
				sort.Strings(unwitnessed)
				if diff := cmp.Diff(mutationsWithoutWitness[key], unwitnessed, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("changes without a witness differ from mutationsWithoutWitness[%q] (-table +found):\n%s", key, diff)
				}
			})
		}
	}
	for key := range mutationsWithoutWitness {
		if !seen[key] {
			t.Errorf("mutationsWithoutWitness names %s, which no edit produced", key)
		}
	}
	t.Logf("%d edits, %d with a confirmed witness", edits, witnessedEdits)
	if 2*witnessedEdits < edits {
		t.Errorf("only %d of %d edits have a confirmed witness; want at least half", witnessedEdits, edits)
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
