package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden want.json files of generator/diff/testdata")

// goldenCases lists the folders of testdata: each holds old.json, new.json and want.json. A
// folder is named after the change kind it shows, with "--variant" for more cases of a kind.
func goldenCases(t *testing.T) []string {
	t.Helper()
	ents, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join("testdata", e.Name(), "old.json")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	if len(out) < 30 {
		t.Fatalf("only %d golden cases", len(out))
	}
	return out
}

func runCase(t *testing.T, name string, swap bool) *Report {
	t.Helper()
	o, n := filepath.Join("testdata", name, "old.json"), filepath.Join("testdata", name, "new.json")
	if swap {
		o, n = n, o
	}
	rep, err := Run(context.Background(), o, n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestGolden(t *testing.T) {
	kinds := map[Kind]bool{}
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			rep := runCase(t, name, false)
			var buf bytes.Buffer
			if err := RenderJSON(&buf, rep); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			wantFile := filepath.Join("testdata", name, "want.json")
			if *update {
				if err := os.WriteFile(wantFile, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("missing golden file (run go test ./generator/diff -run TestGolden -update): %v", err)
			}
			if d := cmp.Diff(string(want), got); d != "" {
				t.Errorf("JSON output differs from %s (-want +got):\n%s", wantFile, d)
			}
			kind := Kind(strings.SplitN(name, "--", 2)[0])
			if _, known := rulesByKind[kind]; known {
				found := false
				for _, c := range rep.Changes {
					found = found || c.Kind == kind
				}
				if !found {
					t.Errorf("case %s reports no %s change", name, kind)
				}
				kinds[kind] = true
			}
		})
	}
	if len(kinds) < 30 {
		t.Errorf("the golden cases show %d change kinds, want at least 30", len(kinds))
	}
}

// TestWitnessesConfirmed: every wire-breaking change found with a witness has a payload that
// santhosh-tekuri/jsonschema, compiled afresh from the case's files, accepts under NEW and
// rejects under OLD; and wire-breaking changes of the golden cases all have one.
func TestWitnessesConfirmed(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			rep := runCase(t, name, false)
			for _, c := range rep.Changes {
				if c.Category != Wire || c.Severity != Breaking || !RuleFor(c.Kind).Witnessed {
					continue
				}
				if c.Example == nil {
					t.Errorf("%s at %s: breaking without a witness (%s)", c.Kind, c.Path, c.Message)
					continue
				}
				confirm(t, name, c)
			}
		})
	}
}

// confirm validates the example independently: a fresh compiler per side, formats asserted.
func confirm(t *testing.T, name string, c *Change) {
	t.Helper()
	compile := func(file string) *jsonschema.Schema {
		data, err := os.ReadFile(filepath.Join("testdata", name, file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		comp := jsonschema.NewCompiler()
		comp.AssertFormat()
		const u = "file:///case/schema.json"
		if err := comp.AddResource(u, doc); err != nil {
			t.Fatal(err)
		}
		what, id, _ := strings.Cut(c.Example.Schema, " ")
		var loc string
		switch {
		case what == "definition" && id == RootName:
			loc = u
		case what == "definition":
			loc = u + "#/$defs/" + id
		case what == "event":
			// The event's definition: the $defs entry whose event_type const is id.
			defs, _ := doc.(map[string]any)["$defs"].(map[string]any)
			for k, v := range defs {
				props, _ := v.(map[string]any)["properties"].(map[string]any)
				et, _ := props["event_type"].(map[string]any)
				if et["const"] == id {
					loc = u + "#/$defs/" + k
				}
			}
			if loc == "" && file == "old.json" {
				// A new event type: OLD's dispatch is its root oneOf.
				loc = u
			}
		}
		if loc == "" {
			t.Fatalf("cannot find %s in %s", c.Example.Schema, file)
		}
		s, err := comp.Compile(loc)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	payload := roundTrip(t, c.Example.Payload)
	if err := compile("new.json").Validate(payload); err != nil {
		t.Errorf("%s at %s: NEW rejects the example %s: %v", c.Kind, c.Path, compactJSON(c.Example.Payload), err)
	}
	if err := compile("old.json").Validate(payload); err == nil {
		t.Errorf("%s at %s: OLD accepts the example %s", c.Kind, c.Path, compactJSON(c.Example.Payload))
	}
}

// roundTrip passes a value through JSON text, as a consumer would receive it.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// opposite maps a kind to the kind the same change is when OLD and NEW are swapped.
var opposite = map[Kind]Kind{
	EventTypeAdded: EventTypeRemoved, DefinitionAdded: DefinitionRemoved, PropertyAdded: PropertyRemoved,
	RequiredAdded: RequiredRemoved, NullableAdded: NullableRemoved, TypeWidened: TypeNarrowed,
	EnumValueAdded: EnumValueRemoved, EnumAdded: EnumRemoved, ConstAdded: ConstRemoved,
	NumericTightened: NumericLoosened, LengthTightened: LengthLoosened, CountTightened: CountLoosened,
	PatternAdded: PatternRemoved, FormatAdded: FormatRemoved, AdditionalPropertiesOpened: AdditionalPropertiesClosed,
	ItemsAdded: ItemsRemoved, UnionBranchAdded: UnionBranchRemoved, AllOfBranchAdded: AllOfBranchRemoved,
	ConstraintAdded: ConstraintRemoved, DeprecatedAdded: DeprecatedRemoved,
}

func init() {
	for k, v := range opposite {
		opposite[v] = k
	}
}

// TestSwap: swapping OLD and NEW turns an added item into a removed one (and every kind into
// its opposite), with old and new exchanged.
func TestSwap(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			fwd, rev := runCase(t, name, false), runCase(t, name, true)
			for _, c := range fwd.Changes {
				want, ok := opposite[c.Kind]
				if !ok {
					want = c.Kind // changed, ref-changed, description... stay what they are
				}
				found := false
				for _, r := range rev.Changes {
					if r.Kind == want && canon(r.Old) == canon(c.New) && canon(r.New) == canon(c.Old) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s (%s → %s) at %s has no %s with old and new swapped when OLD and NEW are swapped", c.Kind, canon(c.Old), canon(c.New), c.Path, want)
				}
			}
			if len(fwd.Changes) != len(rev.Changes) {
				t.Errorf("%d changes forward, %d swapped", len(fwd.Changes), len(rev.Changes))
			}
		})
	}
}
