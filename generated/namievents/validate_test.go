package namievents_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generated/namievents"
)

func TestValidateDecodedFixtures(t *testing.T) {
	for _, f := range readFixtures(t, "events") {
		ev, err := namievents.Decode(f.data)
		if err != nil {
			t.Errorf("%s: Decode: %v", f.name, err)
			continue
		}
		if err := ev.Validate(); err != nil {
			t.Errorf("%s: Validate: %v", f.name, err)
		}
	}
}

// goBuiltImpression is a valid device.impression event built in Go, without JSON.
func goBuiltImpression() *namievents.DeviceImpressionEvent {
	return &namievents.DeviceImpressionEvent{
		CreatedDate:   time.Date(2024, 3, 14, 9, 26, 53, 0, time.UTC),
		Type:          namievents.EventTypeDeviceImpression,
		ID:            "04dbd4db-4fa1-43b4-a585-8ab2d0733cb1",
		UserID:        "c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74",
		AppEnv:        namievents.NewNullable(namievents.AppEnv("production")),
		AppPlatformID: namievents.NewNullable("75d986fd-11be-4e36-9c6d-c4306b647c54"),
		Initiator:     namievents.NewNullable(namievents.ImpressionInitiator("nami_rules")),
		Session:       namievents.Null[string](),
	}
}

func TestValidateGoBuilt(t *testing.T) {
	if err := goBuiltImpression().Validate(); err != nil {
		t.Fatalf("valid Go-built event: %v", err)
	}

	ev := goBuiltImpression()
	ev.ID = "not-a-uuid"
	ev.UserID = "also-not-a-uuid"
	// Guessed constraints are not checked: an initiator the partner page does not list, an
	// app_platform_id that is not a UUID.
	ev.Initiator = namievents.NewNullable(namievents.ImpressionInitiator("campaign"))
	ev.AppPlatformID = namievents.NewNullable("not-a-uuid-either")
	err := ev.Validate()
	var verr *namievents.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	want := []namievents.Violation{
		{InstanceLocation: "/id"},
		{InstanceLocation: "/user_id"},
	}
	if diff := cmp.Diff(want, verr.Violations, cmpopts.IgnoreFields(namievents.Violation{}, "KeywordLocation", "Message")); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}

	// Open enums (their values come from a partner page) accept any string; a documented
	// bound (billing_cycles >= 1) and a documented uuid stay enforced.
	tx := &namievents.DeviceTransactionEvent{
		CreatedDate:          time.Date(2024, 3, 14, 9, 27, 40, 0, time.UTC),
		Type:                 namievents.EventTypeDeviceTransaction,
		ID:                   "68e0b8d9-2bcf-4cb2-ad91-3440bda7f0a9",
		UserID:               "c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74",
		SubscriptionInterval: namievents.NewNullable(namievents.SubscriptionInterval("fortnight")),
		PurchaseEnv:          namievents.NewNullable(namievents.PurchaseEnv("staging")),
	}
	if err := tx.Validate(); err != nil {
		t.Errorf("values outside the partner page's lists: %v", err)
	}
	pu := &namievents.PurchaseUpdatedEvent{
		CreatedDate:       time.Date(2020, 5, 29, 0, 57, 11, 0, time.UTC),
		Type:              namievents.EventTypePurchaseUpdated,
		ID:                "00000000-0000-0000-0000-000000000001",
		UserID:            "not-a-uuid",
		BillingCycles:     ptr(int64(0)),
		DevicesWithAccess: []namievents.DeviceWithAccess{},
		Entitlements:      []namievents.PurchaseEntitlement{},
	}
	err = pu.Validate()
	if !errors.As(err, &verr) {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	want = []namievents.Violation{{InstanceLocation: "/billing_cycles"}, {InstanceLocation: "/user_id"}}
	if diff := cmp.Diff(want, verr.Violations, cmpopts.IgnoreFields(namievents.Violation{}, "KeywordLocation", "Message"), cmpopts.SortSlices(func(a, b namievents.Violation) bool { return a.InstanceLocation < b.InstanceLocation })); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}

	u := goBuiltRenewed()
	u.Devices[1].ID = "nope"
	err = u.Validate()
	if !errors.As(err, &verr) || len(verr.Violations) != 1 || verr.Violations[0].InstanceLocation != "/devices/1/id" {
		t.Errorf("Validate = %v, want one violation at /devices/1/id", err)
	}
}

func goBuiltRenewed() *namievents.UserSubscriptionRenewedEvent {
	return &namievents.UserSubscriptionRenewedEvent{
		CreatedDate:        time.Date(2020, 5, 29, 0, 57, 11, 0, time.UTC),
		Type:               namievents.EventTypeUserSubscriptionRenewed,
		ID:                 "00000000-0000-0000-0000-000000000001",
		UserID:             "00000000-0000-0000-0000-000000000002",
		ActiveEntitlements: []namievents.ActiveEntitlement{{EntitlementRefID: "premium"}},
		Devices: []namievents.Device{
			{ID: "00000000-0000-0000-0000-000000000003"},
			{ID: "00000000-0000-0000-0000-000000000004"},
		},
		ExternalIDs: []namievents.ExternalID{},
	}
}

func TestValidationErrorText(t *testing.T) {
	ev := goBuiltImpression()
	ev.UserID = "campaign"
	got := ev.Validate().Error()
	want := `invalid value: /user_id: "campaign" is not a valid uuid (events.schema.json#/$defs/DeviceImpressionEvent/properties/user_id/format)`
	if got != want {
		t.Errorf("one violation:\n got %s\nwant %s", got, want)
	}

	ev.ID = "not-a-uuid"
	got = ev.Validate().Error()
	want = `invalid value: 2 violations:
  /id: "not-a-uuid" is not a valid uuid (events.schema.json#/$defs/DeviceImpressionEvent/properties/id/format)
  /user_id: "campaign" is not a valid uuid (events.schema.json#/$defs/DeviceImpressionEvent/properties/user_id/format)`
	if got != want {
		t.Errorf("two violations:\n got %s\nwant %s", got, want)
	}

	_, err := namievents.Decode([]byte(`{"event_type":"user.subscription.purchased","id":"00000000-0000-0000-0000-000000000001","created_date":"2020-05-29T00:57:11Z","active_entitlements":[],"customer_journey_state":{},"devices":[],"external_ids":[]}`))
	want = `invalid value: (root): missing required property "user_id" (events.schema.json#/$defs/Envelope/required)`
	if err == nil || err.Error() != want {
		t.Errorf("missing property:\n got %v\nwant %s", err, want)
	}
}

// TestValidatedGoValuesEncodeValid checks that a Go-built event that Validate accepts encodes
// (json.Marshal) to a payload the input schema accepts: Validate must check everything the
// schema does that the Go type cannot rule out.
func TestValidatedGoValuesEncodeValid(t *testing.T) {
	s := loadInputSchema(t)
	for _, tc := range []struct {
		name string
		ev   namievents.Event
	}{
		{"impression", goBuiltImpression()},
		{"renewed", goBuiltRenewed()},
		{"impression with event_type of another event", func() namievents.Event {
			ev := goBuiltImpression()
			ev.Type = namievents.EventTypeDeviceSessionStart
			return ev
		}()},
		{"impression with zero event_type", func() namievents.Event {
			ev := goBuiltImpression()
			ev.Type = ""
			return ev
		}()},
		{"renewed with nil required arrays", func() namievents.Event {
			ev := goBuiltRenewed()
			ev.ActiveEntitlements, ev.Devices, ev.ExternalIDs = nil, nil, nil
			return ev
		}()},
		{"purchase.updated with nil required arrays", &namievents.PurchaseUpdatedEvent{
			CreatedDate: time.Date(2020, 5, 29, 0, 57, 11, 0, time.UTC),
			Type:        namievents.EventTypePurchaseUpdated,
			ID:          "00000000-0000-0000-0000-000000000001",
			UserID:      "00000000-0000-0000-0000-000000000002",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			verr := tc.ev.Validate()
			data, err := json.Marshal(tc.ev)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// Validate against the event's own definition, not the root oneOf (which would
			// accept an impression relabelled as another event whose keys are all optional).
			sch := compileInputSchemaAt(t, "#/$defs/"+s.eventDef(t, string(eventTypeOf(tc.ev))))
			refErr := sch.Validate(inst)
			if (verr == nil) != (refErr == nil) {
				t.Errorf("Validate valid=%v but the schema says valid=%v for its encoding\nValidate: %v\nschema: %s\nJSON: %s", verr == nil, refErr == nil, verr, linesAbout(refErr, ""), data)
			}
		})
	}
}

// eventTypeOf returns the event type of an event's Go type, whatever its Type field holds.
func eventTypeOf(ev namievents.Event) namievents.EventType {
	for et, typ := range eventGoTypes {
		if reflect.TypeOf(ev) == typ {
			return et
		}
	}
	return ev.EventType()
}
