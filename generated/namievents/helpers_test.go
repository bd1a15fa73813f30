package namievents_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixture is one JSON file under testdata.
type fixture struct {
	name string // file name without .json
	data []byte
}

// readFixtures returns every .json file in testdata/<dir>, sorted by name.
func readFixtures(t testing.TB, dir string) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/%s", dir)
	}
	var out []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{name: strings.TrimSuffix(filepath.Base(p), ".json"), data: data})
	}
	return out
}

// timeEqual compares time.Time values by instant, ignoring location and monotonic clock.
var timeEqual = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// inputSchema is ../../schemas/nami/events.schema.json, parsed.
type inputSchema struct {
	root map[string]any
}

func loadInputSchema(t *testing.T) *inputSchema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "schemas", "nami", "events.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	return &inputSchema{root: root}
}

// def returns $defs/name.
func (s *inputSchema) def(t *testing.T, name string) map[string]any {
	t.Helper()
	d, ok := s.root["$defs"].(map[string]any)[name].(map[string]any)
	if !ok {
		t.Fatalf("schema has no $defs/%s", name)
	}
	return d
}

// resolve follows a local $ref ("#/$defs/X") until the schema has none. Sibling keywords of a
// $ref (descriptions here) are dropped.
func (s *inputSchema) resolve(t *testing.T, sch map[string]any) map[string]any {
	t.Helper()
	for {
		ref, ok := sch["$ref"].(string)
		if !ok {
			return sch
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			t.Fatalf("unsupported $ref %q", ref)
		}
		sch = s.def(t, name)
	}
}

// object merges an object schema's own properties and required with those of its allOf parts
// (after resolving them). Own properties win over the parts' (event_type's const overrides the
// Envelope's EventType).
func (s *inputSchema) object(t *testing.T, sch map[string]any) (props map[string]map[string]any, required []string) {
	t.Helper()
	sch = s.resolve(t, sch)
	props = map[string]map[string]any{}
	seen := map[string]bool{}
	if parts, ok := sch["allOf"].([]any); ok {
		for _, part := range parts {
			pp, pr := s.object(t, part.(map[string]any))
			for k, v := range pp {
				props[k] = v
			}
			for _, r := range pr {
				if !seen[r] {
					seen[r] = true
					required = append(required, r)
				}
			}
		}
	}
	if own, ok := sch["properties"].(map[string]any); ok {
		for k, v := range own {
			props[k] = v.(map[string]any)
		}
	}
	if req, ok := sch["required"].([]any); ok {
		for _, r := range req {
			if !seen[r.(string)] {
				seen[r.(string)] = true
				required = append(required, r.(string))
			}
		}
	}
	sort.Strings(required)
	return props, required
}

// eventDef returns the $defs name of an event type's schema, found through the root oneOf by
// each branch's event_type const.
func (s *inputSchema) eventDef(t *testing.T, et string) string {
	t.Helper()
	for _, br := range s.root["oneOf"].([]any) {
		name := strings.TrimPrefix(br.(map[string]any)["$ref"].(string), "#/$defs/")
		props, _ := s.object(t, s.def(t, name))
		if c, ok := props["event_type"]["const"].(string); ok && c == et {
			return name
		}
	}
	t.Fatalf("no schema for event type %q", et)
	return ""
}
