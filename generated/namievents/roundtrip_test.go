package namievents_test

import (
	"encoding/json"
	"sort"
	"strconv"
	"testing"
	"time"

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

			// Every member survives: the re-encoded JSON is the input, up to member order,
			// spacing and the spelling of numbers and times.
			if diff := cmp.Diff(normalJSON(t, f.data), normalJSON(t, out)); diff != "" {
				t.Errorf("re-encoded JSON differs from the input (-in +out):\n%s\noutput: %s", diff, out)
			}
		})
	}
}

// TestRoundTripKeepsUnknownKeys checks that undeclared keys, at the top level and nested, are
// accepted on decoding, kept in AdditionalProperties and written back on encoding.
func TestRoundTripKeepsUnknownKeys(t *testing.T) {
	in := `{` + envelope + `,"event_type":"user.subscription.renewed","x_top":1,
		"active_entitlements":[{"entitlement_ref_id":"premium","x_ent":true}],
		"customer_journey_state":{"in_pause":false,"x_cjs":"a"},
		"devices":[{"id":"00000000-0000-0000-0000-000000000003","os_name":"iOS","platform":{"id":"00000000-0000-0000-0000-000000000004","x_plat":null}}],
		"external_ids":[{"key":"external_id","x_ext":[]}]}`
	ev := decodeAs[*namievents.UserSubscriptionRenewedEvent](t, in)
	if got := string(ev.AdditionalProperties["x_top"]); got != "1" {
		t.Errorf(`AdditionalProperties["x_top"] = %q, want "1"`, got)
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/active_entitlements", "/active_entitlements/0/entitlement_ref_id", "/active_entitlements/0/x_ent",
		"/created_date", "/customer_journey_state", "/customer_journey_state/in_pause", "/customer_journey_state/x_cjs",
		"/devices", "/devices/0/id", "/devices/0/os_name", "/devices/0/platform", "/devices/0/platform/id", "/devices/0/platform/x_plat",
		"/event_type", "/external_ids", "/external_ids/0/key", "/external_ids/0/x_ext", "/id", "/user_id", "/x_top",
	}
	gotKeys := allKeys(got, "")
	sort.Strings(gotKeys)
	if diff := cmp.Diff(want, gotKeys); diff != "" {
		t.Errorf("keys after re-encoding (-want +got):\n%s\noutput: %s", diff, out)
	}
	if diff := cmp.Diff(normalJSON(t, []byte(in)), normalJSON(t, out)); diff != "" {
		t.Errorf("re-encoded JSON differs from the input (-in +out):\n%s", diff)
	}
}

// normalJSON decodes JSON for a semantic comparison: numbers as float64, and strings that
// are RFC 3339 times as the instant they name (a time re-encodes in its shortest form).
func normalJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	var norm func(any) any
	norm = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				v[k] = norm(x)
			}
		case []any:
			for i, x := range v {
				v[i] = norm(x)
			}
		case string:
			if tm, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return tm.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	}
	return norm(v)
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
