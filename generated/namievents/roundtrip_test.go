package namievents_test

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/namigen/namigen/generated/namievents"
)

// schemaExamples returns every "examples" entry of the event definitions, as JSON.
func schemaExamples(t *testing.T, s *inputSchema) []fixture {
	t.Helper()
	var out []fixture
	for _, et := range namievents.AllEventTypes() {
		name := s.eventDef(t, string(et))
		exs, _ := s.def(t, name)["examples"].([]any)
		for i, ex := range exs {
			data, err := json.Marshal(ex)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fixture{name: name + "/examples/" + strconv.Itoa(i), data: data})
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	s := loadInputSchema(t)
	examples := schemaExamples(t, s)
	if len(examples) == 0 {
		t.Fatal("the schema has no examples (the §5.1 user.subscription.renewed reference example is expected)")
	}
	cases := append(examples, readFixtures(t, "events")...)
	for _, f := range cases {
		t.Run(f.name, func(t *testing.T) {
			first, err := namievents.Decode(f.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			out, err := json.Marshal(first)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			second, err := namievents.Decode(out)
			if err != nil {
				t.Fatalf("Decode of the re-encoded payload: %v\n%s", err, out)
			}
			if diff := cmp.Diff(first, second, timeEqual); diff != "" {
				t.Errorf("decode → marshal → decode changed the value (-first +second):\n%s", diff)
			}

			// Keys: the output has exactly the input's keys minus those the schema does not
			// declare (no schema object here declares additionalProperties, so unknown keys
			// are dropped, as documented).
			var in, got any
			if err := json.Unmarshal(f.data, &in); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			root := map[string]any{"$ref": "#/$defs/" + s.eventDef(t, string(first.EventType()))}
			var wantKeys, dropped []string
			declaredKeys(t, s, root, in, "", &wantKeys, &dropped)
			gotKeys := allKeys(got, "")
			sort.Strings(wantKeys)
			sort.Strings(gotKeys)
			if diff := cmp.Diff(wantKeys, gotKeys); diff != "" {
				t.Errorf("re-encoded keys differ from the input's declared keys (-want +got):\n%s\noutput: %s", diff, out)
			}
			if len(dropped) > 0 {
				t.Logf("undeclared keys dropped on re-encoding: %s", strings.Join(dropped, ", "))
			}
		})
	}
}

// TestRoundTripDropsUnknownKeys checks that undeclared keys, at the top level and nested, are
// accepted on decoding and left out on encoding.
func TestRoundTripDropsUnknownKeys(t *testing.T) {
	in := `{` + envelope + `,"event_type":"user.subscription.renewed","x_top":1,
		"active_entitlements":[{"entitlement_ref_id":"premium","x_ent":true}],
		"customer_journey_state":{"in_pause":false,"x_cjs":"a"},
		"devices":[{"id":"00000000-0000-0000-0000-000000000003","os_name":"iOS","platform":{"id":"00000000-0000-0000-0000-000000000004","x_plat":null}}],
		"external_ids":[{"key":"external_id","x_ext":[]}]}`
	ev := decodeAs[*namievents.UserSubscriptionRenewedEvent](t, in)
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/active_entitlements", "/active_entitlements/0/entitlement_ref_id",
		"/created_date", "/customer_journey_state", "/customer_journey_state/in_pause",
		"/devices", "/devices/0/id", "/devices/0/platform", "/devices/0/platform/id",
		"/event_type", "/external_ids", "/external_ids/0/key", "/id", "/user_id",
	}
	gotKeys := allKeys(got, "")
	sort.Strings(gotKeys)
	if diff := cmp.Diff(want, gotKeys); diff != "" {
		t.Errorf("keys after re-encoding (-want +got):\n%s\noutput: %s", diff, out)
	}
}

// allKeys lists the JSON Pointer of every object member in v.
func allKeys(v any, at string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := at + "/" + k
			out = append(out, p)
			out = append(out, allKeys(x, p)...)
		}
	case []any:
		for i, x := range v {
			out = append(out, allKeys(x, at+"/"+strconv.Itoa(i))...)
		}
	}
	return out
}

// declaredKeys walks v with its schema and lists the pointers of the object members the schema
// declares (keep) and of those it does not (dropped).
func declaredKeys(t *testing.T, s *inputSchema, sch map[string]any, v any, at string, keep, dropped *[]string) {
	t.Helper()
	sch = s.resolve(t, sch)
	switch v := v.(type) {
	case map[string]any:
		props, _ := s.object(t, sch)
		if _, ok := sch["additionalProperties"]; ok {
			t.Fatalf("%s: additionalProperties is declared; this test does not handle it", at)
		}
		for k, x := range v {
			p := at + "/" + k
			ps, ok := props[k]
			if !ok {
				*dropped = append(*dropped, p)
				continue
			}
			*keep = append(*keep, p)
			declaredKeys(t, s, ps, x, p, keep, dropped)
		}
	case []any:
		items, _ := sch["items"].(map[string]any)
		for i, x := range v {
			if items != nil {
				declaredKeys(t, s, items, x, at+"/"+strconv.Itoa(i), keep, dropped)
			}
		}
	}
}
