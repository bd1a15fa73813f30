package namievents_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generated/namievents"
)

// compileInputSchema compiles the input schema with santhosh-tekuri/jsonschema, formats asserted.
func compileInputSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compileInputSchemaAt(t, "")
}

// compileInputSchemaAt compiles the schema at a fragment ("#/$defs/X") of the input schema.
func compileInputSchemaAt(t *testing.T, fragment string) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "schemas", "nami", "events.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(path + fragment)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestDifferential checks that the reference validator and Decode agree on every fixture.
func TestDifferential(t *testing.T) {
	sch := compileInputSchema(t)
	for _, dir := range []string{"events", "invalid"} {
		for _, f := range readFixtures(t, dir) {
			t.Run(dir+"/"+f.name, func(t *testing.T) {
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.data))
				if err != nil {
					t.Fatal(err)
				}
				refErr := sch.Validate(inst)
				_, genErr := namievents.Decode(f.data)
				refValid, genValid := refErr == nil, genErr == nil
				if refValid != genValid {
					t.Errorf("disagreement: santhosh-tekuri valid=%v, Decode valid=%v\nsanthosh-tekuri: %v\nDecode: %v", refValid, genValid, refErr, genErr)
				}
				if wantValid := dir == "events"; refValid != wantValid {
					t.Errorf("fixture in testdata/%s but the reference validator says valid=%v: %v", dir, refValid, refErr)
				}
			})
		}
	}
}

// TestDifferentialVariants changes one property of a valid fixture at a time and checks that
// the reference validator and Decode still agree.
func TestDifferentialVariants(t *testing.T) {
	sch := compileInputSchema(t)
	fixtures := map[string][]byte{}
	for _, f := range readFixtures(t, "events") {
		fixtures[f.name] = f.data
	}
	for _, tc := range []struct {
		fixture, key, value string
	}{
		{"device.transaction", "created_date", `"2024-03-14t09:27:40z"`},
		{"device.transaction", "created_date", `"2016-12-31T23:59:60Z"`},
		{"device.transaction", "created_date", `"2024-03-14T09:27:40+0000"`},
		{"device.transaction", "created_date", `"2024-03-14T09:27:40"`},
		{"device.transaction", "created_date", `"2024-02-30T09:27:40Z"`},
		{"device.transaction", "created_date", `"2024-03-14T24:00:00Z"`},
		{"device.transaction", "id", `"68E0B8D9-2BCF-4CB2-AD91-3440BDA7F0A9"`},
		{"device.transaction", "id", `"68e0b8d92bcf4cb2ad913440bda7f0a9"`},
		{"device.transaction", "impression_id", `null`},
		{"device.transaction", "impression_id", `"not-a-uuid"`},
		{"device.transaction", "event_platform", `null`},
		{"device.transaction", "event_platform", `"android"`},
		{"device.transaction", "subscription_interval", `null`},
		{"device.transaction", "subscription_interval", `"Month"`},
		{"device.transaction", "subscription_interval_count", `2.0`},
		{"device.transaction", "subscription_interval_count", `2.5`},
		{"device.transaction", "amount", `10`},
		{"device.transaction", "amount", `"9.99"`},
		{"device.transaction", "purchase_env", `null`},
		{"device.transaction", "purchase_env", `"staging"`},
		{"device.transaction", "source", `"unknown"`},
		{"device.transaction", "transaction_id", `null`},
		{"device.impression", "url_params", `{"utm_source":"x"}`},
		{"device.impression", "url_params", `{"utm_source":1}`},
		{"device.impression", "url_params", `[]`},
		{"device.impression", "app_env", `"beta_testing"`},
		{"device.impression", "app_env", `null`},
		{"device.impression", "event_type", `"device.impression"`},
		{"device.session.start", "end_time", `null`},
		{"device.session.start", "start_time", `null`},
		{"purchase.updated", "billing_cycles", `1.0`},
		{"purchase.updated", "billing_cycles", `1e1`},
		{"purchase.updated", "billing_cycles", `0`},
		{"purchase.updated", "billing_cycles", `-3`},
		{"purchase.updated", "billing_cycles", `1.5`},
		{"purchase.updated", "billing_cycles", `null`},
		{"purchase.updated", "current_term_length", `"P1W"`},
		{"purchase.updated", "current_term_length", `"P1Y2M10DT2H30M"`},
		{"purchase.updated", "current_term_length", `"PT0.5S"`},
		{"purchase.updated", "current_term_length", `"P"`},
		{"purchase.updated", "current_term_length", `"PT"`},
		{"purchase.updated", "current_term_length", `"P1M2W"`},
		{"purchase.updated", "current_term_length", `"1 month"`},
		{"purchase.updated", "current_term_length", `null`},
		{"purchase.updated", "devices_with_access", `[{"id":"not-a-uuid"}]`},
		{"purchase.updated", "devices_with_access", `[{"claimed_at":"2024-01-01"}]`},
		{"purchase.updated", "devices_with_access", `null`},
		{"purchase.updated", "entitlements", `[{"name":null,"description":3}]`},
		{"purchase.updated", "is_free_trial_conversion", `"true"`},
		{"purchase.updated", "expires_at", `"2024-03-14 09:27:40Z"`},
		{"user.subscription.renewed", "customer_journey_state", `{}`},
		{"user.subscription.renewed", "customer_journey_state", `null`},
		{"user.subscription.renewed", "active_entitlements", `[]`},
		{"user.subscription.renewed", "active_entitlements", `[{"entitlement_ref_id":"p","expiration":null,"sku_ref_id":null,"last_verified":null}]`},
		{"user.subscription.renewed", "active_entitlements", `[{"entitlement_ref_id":"p","purchase_platform":null}]`},
		{"user.subscription.renewed", "active_entitlements", `[{"name":"p"}]`},
		{"user.subscription.renewed", "devices", `[{"id":"00000000-0000-0000-0000-000000000000","platform":{"id":"x"}}]`},
		{"user.subscription.renewed", "devices", `[{"id":"00000000-0000-0000-0000-000000000000","platform":{"id":"00000000-0000-0000-0000-000000000000","marketplace_app_id":null}}]`},
		{"user.subscription.renewed", "devices", `[{"id":"00000000-0000-0000-0000-000000000000","platform":{"id":"00000000-0000-0000-0000-000000000000","name":null}}]`},
		{"user.subscription.renewed", "external_ids", `[{"key":"custom","type":"email","value":"a"}]`},
		{"user.subscription.renewed", "external_ids", `[{"value":null}]`},
		{"user.subscription.renewed", "external_ids", `[null]`},
	} {
		name := tc.fixture + "/" + tc.key + "=" + tc.value
		t.Run(name, func(t *testing.T) {
			base, ok := fixtures[tc.fixture]
			if !ok {
				t.Fatalf("no fixture %s", tc.fixture)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(base, &m); err != nil {
				t.Fatal(err)
			}
			m[tc.key] = json.RawMessage(tc.value)
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			refErr := sch.Validate(inst)
			_, genErr := namievents.Decode(data)
			if (refErr == nil) != (genErr == nil) {
				t.Errorf("disagreement: santhosh-tekuri valid=%v, Decode valid=%v\nsanthosh-tekuri: %s\nDecode: %v", refErr == nil, genErr == nil, linesAbout(refErr, tc.key), genErr)
			}
		})
	}
}

// linesAbout keeps the lines of a (long, oneOf) reference error that mention key.
func linesAbout(err error, key string) string {
	if err == nil {
		return "<nil>"
	}
	var keep []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if strings.Contains(l, "/"+key) {
			keep = append(keep, strings.TrimSpace(l))
		}
	}
	if len(keep) == 0 {
		return err.Error()
	}
	return strings.Join(keep, "; ")
}
