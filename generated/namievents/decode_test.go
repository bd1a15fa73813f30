package namievents_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/namigen/namigen/generated/namievents"
)

// eventGoTypes maps each known event type to the Go type Decode must return for it.
var eventGoTypes = map[namievents.EventType]reflect.Type{
	namievents.EventTypeDeviceImpression:                     reflect.TypeOf(&namievents.DeviceImpressionEvent{}),
	namievents.EventTypeDeviceSessionStart:                   reflect.TypeOf(&namievents.DeviceSessionStartEvent{}),
	namievents.EventTypeDeviceSessionEnd:                     reflect.TypeOf(&namievents.DeviceSessionEndEvent{}),
	namievents.EventTypeDeviceTransaction:                    reflect.TypeOf(&namievents.DeviceTransactionEvent{}),
	namievents.EventTypePurchaseUpdated:                      reflect.TypeOf(&namievents.PurchaseUpdatedEvent{}),
	namievents.EventTypeUserJourneyTrialStarted:              reflect.TypeOf(&namievents.UserJourneyTrialStartedEvent{}),
	namievents.EventTypeUserJourneyTrialConverted:            reflect.TypeOf(&namievents.UserJourneyTrialConvertedEvent{}),
	namievents.EventTypeUserJourneyTrialDidNotConvert:        reflect.TypeOf(&namievents.UserJourneyTrialDidNotConvertEvent{}),
	namievents.EventTypeUserSubscriptionPurchased:            reflect.TypeOf(&namievents.UserSubscriptionPurchasedEvent{}),
	namievents.EventTypeUserSubscriptionRenewed:              reflect.TypeOf(&namievents.UserSubscriptionRenewedEvent{}),
	namievents.EventTypeUserSubscriptionCancelled:            reflect.TypeOf(&namievents.UserSubscriptionCancelledEvent{}),
	namievents.EventTypeUserSubscriptionExpired:              reflect.TypeOf(&namievents.UserSubscriptionExpiredEvent{}),
	namievents.EventTypeUserSubscriptionInGracePeriod:        reflect.TypeOf(&namievents.UserSubscriptionInGracePeriodEvent{}),
	namievents.EventTypeUserSubscriptionRenewalInGracePeriod: reflect.TypeOf(&namievents.UserSubscriptionRenewalInGracePeriodEvent{}),
	namievents.EventTypeUserSubscriptionPaused:               reflect.TypeOf(&namievents.UserSubscriptionPausedEvent{}),
	namievents.EventTypeUserSubscriptionResumed:              reflect.TypeOf(&namievents.UserSubscriptionResumedEvent{}),
	namievents.EventTypeUserSubscriptionPendingSKUChange:     reflect.TypeOf(&namievents.UserSubscriptionPendingSKUChangeEvent{}),
	namievents.EventTypeUserSubscriptionSKUChange:            reflect.TypeOf(&namievents.UserSubscriptionSKUChangeEvent{}),
	namievents.EventTypeUserSubscriptionTransferredFrom:      reflect.TypeOf(&namievents.UserSubscriptionTransferredFromEvent{}),
	namievents.EventTypeUserSubscriptionTransferredTo:        reflect.TypeOf(&namievents.UserSubscriptionTransferredToEvent{}),
}

func TestDecodeValidFixtures(t *testing.T) {
	fixtures := readFixtures(t, "events")
	if len(fixtures) != 20 {
		t.Errorf("got %d valid fixtures, want 20 (one per event type)", len(fixtures))
	}
	seen := map[namievents.EventType]bool{}
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			ev, err := namievents.Decode(f.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got := string(ev.EventType()); got != f.name {
				t.Errorf("EventType() = %q, want %q (the file name)", got, f.name)
			}
			want, ok := eventGoTypes[namievents.EventType(f.name)]
			if !ok {
				t.Fatalf("file name %q is not a known event type", f.name)
			}
			if got := reflect.TypeOf(ev); got != want {
				t.Errorf("Decode returned %v, want %v", got, want)
			}
			if err := ev.Validate(); err != nil {
				t.Errorf("Validate after a clean Decode: %v", err)
			}
			seen[ev.EventType()] = true
		})
	}
	for _, et := range namievents.AllEventTypes() {
		if !seen[et] {
			t.Errorf("no valid fixture decodes to %s", et)
		}
	}
}

// invalidFirstLocation is the JSON Pointer of the first violation Decode must report for
// each file in testdata/invalid ("" is the document root, for a missing required property).
var invalidFirstLocation = map[string]string{
	"bad-date-time-created_date-space-separator": "/created_date",
	"bad-date-time-expiration":                   "/active_entitlements/0/expiration",
	"bad-uuid-id":                                "/id",
	"missing-active_entitlements":                "",
	"missing-device-id":                          "/devices/0",
	"missing-is_active-required-nullable":        "",
	"missing-user_id":                            "",
	"null-devices":                               "/devices",
	"null-in_grace_period":                       "/customer_journey_state/in_grace_period",
	"wrong-type-billing_cycles-string":           "/billing_cycles",
	"wrong-type-external_ids-object":             "/external_ids",
}

func TestDecodeInvalidFixtures(t *testing.T) {
	fixtures := readFixtures(t, "invalid")
	names := map[string]bool{}
	for _, f := range fixtures {
		names[f.name] = true
		t.Run(f.name, func(t *testing.T) {
			want, ok := invalidFirstLocation[f.name]
			if !ok {
				t.Fatalf("no expected location for %s: add it to invalidFirstLocation", f.name)
			}
			ev, err := namievents.Decode(f.data)
			if err == nil {
				t.Fatalf("Decode accepted an invalid payload (%T)", ev)
			}
			var verr *namievents.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Decode error is %T (%v), want a *ValidationError", err, err)
			}
			if len(verr.Violations) == 0 {
				t.Fatal("ValidationError with no violations")
			}
			if got := verr.Violations[0].InstanceLocation; got != want {
				t.Errorf("first violation at %q, want %q\nerror: %v", got, want, err)
			}
			if ev == nil {
				t.Error("Decode returned a nil event with the ValidationError; want the payload decoded as far as possible")
			}
		})
	}
	for name := range invalidFirstLocation {
		if !names[name] {
			t.Errorf("invalidFirstLocation names %s, which is not in testdata/invalid", name)
		}
	}
}

func decodeAs[T any](t *testing.T, data string) T {
	t.Helper()
	ev, err := namievents.Decode([]byte(data))
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	x, ok := ev.(T)
	if !ok {
		t.Fatalf("Decode returned %T", ev)
	}
	return x
}

const envelope = `"id":"00000000-0000-0000-0000-000000000001","created_date":"2020-05-29T00:57:11.227760+00:00","user_id":"00000000-0000-0000-0000-000000000002"`

func purchaseUpdated(extra string) string {
	fields := map[string]string{
		"billing_cycles":           `1`,
		"canceled_at":              `null`,
		"current_term_length":      `"P1M"`,
		"devices_with_access":      `[]`,
		"entitlements":             `[]`,
		"expires_at":               `"2020-10-10T23:58:51Z"`,
		"is_active":                `true`,
		"is_auto_renewable":        `true`,
		"is_free_trial_conversion": `null`,
	}
	var b strings.Builder
	b.WriteString(`{` + envelope + `,"event_type":"purchase.updated"`)
	for _, kv := range strings.Split(extra, ";") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		fields[k] = v
	}
	for k, v := range fields {
		b.WriteString(`,"` + k + `":` + v)
	}
	b.WriteString(`}`)
	return b.String()
}

func TestAbsentNullValueAreDistinct(t *testing.T) {
	base := `{` + envelope + `,"event_type":"device.session.end"`

	// Nullable field (end_time): absent, null, value.
	absent := decodeAs[*namievents.DeviceSessionEndEvent](t, base+`}`)
	if absent.EndTime.Set || absent.EndTime.Null {
		t.Errorf("absent end_time: got %+v, want Set=false Null=false", absent.EndTime)
	}
	if _, ok := absent.EndTime.Get(); ok {
		t.Error("absent end_time: Get ok = true")
	}
	null := decodeAs[*namievents.DeviceSessionEndEvent](t, base+`,"end_time":null}`)
	if !null.EndTime.Set || !null.EndTime.Null {
		t.Errorf("null end_time: got %+v, want Set=true Null=true", null.EndTime)
	}
	if _, ok := null.EndTime.Get(); ok {
		t.Error("null end_time: Get ok = true")
	}
	val := decodeAs[*namievents.DeviceSessionEndEvent](t, base+`,"end_time":"2020-10-10T23:58:51Z"}`)
	got, ok := val.EndTime.Get()
	if !ok || !got.Equal(time.Date(2020, 10, 10, 23, 58, 51, 0, time.UTC)) {
		t.Errorf("end_time value: Get = %v, %v", got, ok)
	}

	// Optional non-null pointer (event_platform): absent → nil, present → non-nil. Optional
	// and nullable (start_time, app_env: their non-null was a guess): absent → Set false.
	if absent.StartTime.Set || absent.AppEnv.Set || absent.EventPlatform != nil {
		t.Errorf("absent optional fields: start_time=%v app_env=%v event_platform=%v, want unset", absent.StartTime, absent.AppEnv, absent.EventPlatform)
	}
	present := decodeAs[*namievents.DeviceSessionEndEvent](t, base+`,"start_time":"0001-01-01T00:00:00Z","event_platform":""}`)
	if st, ok := present.StartTime.Get(); !ok || !st.IsZero() {
		t.Errorf("start_time = zero instant: got %v, want a set zero time", present.StartTime)
	}
	if present.EventPlatform == nil || *present.EventPlatform != "" {
		t.Errorf(`event_platform = "": got %v, want non-nil empty`, present.EventPlatform)
	}

	// Optional pointer with a zero value that is not a time: a CustomerJourneyState flag.
	cjs := `{` + envelope + `,"event_type":"user.subscription.renewed","active_entitlements":[],"devices":[],"external_ids":[],"customer_journey_state":{"in_pause":false}}`
	u := decodeAs[*namievents.UserSubscriptionRenewedEvent](t, cjs)
	if u.CustomerJourneyState.InPause == nil || *u.CustomerJourneyState.InPause {
		t.Errorf("in_pause=false: got %v, want non-nil false", u.CustomerJourneyState.InPause)
	}
	if u.CustomerJourneyState.IsCancelled != nil {
		t.Errorf("is_cancelled absent: got %v, want nil", u.CustomerJourneyState.IsCancelled)
	}

	// Required and nullable (purchase.updated billing_cycles, canceled_at): null → nil, value → non-nil.
	p := decodeAs[*namievents.PurchaseUpdatedEvent](t, purchaseUpdated("billing_cycles=null"))
	if p.BillingCycles != nil || p.CanceledAt != nil {
		t.Errorf("billing_cycles/canceled_at null: got %v/%v, want nil", p.BillingCycles, p.CanceledAt)
	}
	if p.IsActive == nil || !*p.IsActive {
		t.Errorf("is_active=true: got %v", p.IsActive)
	}
}

func TestIntegerAcceptsIntegralNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{{"1", 1}, {"1.0", 1}, {"2e0", 2}, {"12.000", 12}} {
		p := decodeAs[*namievents.PurchaseUpdatedEvent](t, purchaseUpdated("billing_cycles="+tc.in))
		if p.BillingCycles == nil || *p.BillingCycles != tc.want {
			t.Errorf("billing_cycles %s: got %v, want %d", tc.in, p.BillingCycles, tc.want)
		}
	}
	_, err := namievents.Decode([]byte(purchaseUpdated("billing_cycles=1.5")))
	var verr *namievents.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("billing_cycles 1.5: err = %v, want a *ValidationError", err)
	}
	if got := verr.Violations[0].InstanceLocation; got != "/billing_cycles" {
		t.Errorf("billing_cycles 1.5: violation at %q, want /billing_cycles", got)
	}
	// minimum 1
	if _, err := namievents.Decode([]byte(purchaseUpdated("billing_cycles=0"))); !errors.As(err, &verr) || verr.Violations[0].InstanceLocation != "/billing_cycles" {
		t.Errorf("billing_cycles 0 (below minimum 1): err = %v", err)
	}
}

func TestDateTimeForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2020-05-29T00:57:11.227760+00:00", time.Date(2020, 5, 29, 0, 57, 11, 227760000, time.UTC)},
		{"2020-10-10T23:58:51Z", time.Date(2020, 10, 10, 23, 58, 51, 0, time.UTC)},
		{"2020-09-10T00:00:00.356795Z", time.Date(2020, 9, 10, 0, 0, 0, 356795000, time.UTC)},
		{"2020-09-10T02:00:00.356795+02:00", time.Date(2020, 9, 10, 0, 0, 0, 356795000, time.UTC)},
	} {
		data := `{"id":"00000000-0000-0000-0000-000000000001","user_id":"00000000-0000-0000-0000-000000000002","event_type":"device.session.start","created_date":"` + tc.in + `"}`
		ev := decodeAs[*namievents.DeviceSessionStartEvent](t, data)
		if !ev.CreatedDate.Equal(tc.want) {
			t.Errorf("%s parsed to %v, want %v", tc.in, ev.CreatedDate, tc.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, wantSub string
	}{
		{"malformed", `{"event_type": "device.impression",`, "malformed JSON"},
		{"malformed-trailing", `{"event_type": "device.impression"} x`, "malformed JSON"},
		{"missing-event_type", `{"id":"00000000-0000-0000-0000-000000000001"}`, "missing event_type"},
		{"array", `[{"event_type": "device.impression"}]`, "expected a JSON object, got array"},
		{"string", `"device.impression"`, "expected a JSON object, got string"},
		{"null", `null`, "expected a JSON object, got null"},
		{"event_type-number", `{"event_type": 3}`, "event_type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := namievents.Decode([]byte(tc.in))
			if err == nil {
				t.Fatalf("Decode accepted %s (%T)", tc.in, ev)
			}
			if !strings.Contains(err.Error(), tc.wantSub) {
				t.Errorf("error %q does not mention %q", err, tc.wantSub)
			}
			if errors.Is(err, namievents.ErrUnknownEventType) {
				t.Errorf("error %q matches ErrUnknownEventType", err)
			}
		})
	}
}

func TestDecodeUnknownEventType(t *testing.T) {
	in := []byte(`{"event_type": "user.subscription.refunded",  "id":"00000000-0000-0000-0000-000000000001",
 "created_date":"2020-05-29T00:57:11.227760+00:00","user_id":"00000000-0000-0000-0000-000000000002",
 "event_platform":"roku","refund":{"amount":1.5}}`)
	ev, err := namievents.Decode(in)
	if !errors.Is(err, namievents.ErrUnknownEventType) {
		t.Fatalf("err = %v, want ErrUnknownEventType", err)
	}
	var verr *namievents.ValidationError
	if errors.As(err, &verr) {
		t.Errorf("err %v carries a ValidationError for a clean envelope", err)
	}
	u, ok := ev.(*namievents.UnknownEvent)
	if !ok {
		t.Fatalf("Decode returned %T, want *UnknownEvent", ev)
	}
	want := &namievents.UnknownEvent{
		Type:          "user.subscription.refunded",
		ID:            "00000000-0000-0000-0000-000000000001",
		CreatedDate:   time.Date(2020, 5, 29, 0, 57, 11, 227760000, time.UTC),
		UserID:        "00000000-0000-0000-0000-000000000002",
		EventPlatform: ptr(namievents.Platform("roku")),
		Raw:           in,
	}
	if diff := cmp.Diff(want, u, timeEqual); diff != "" {
		t.Errorf("UnknownEvent mismatch (-want +got):\n%s", diff)
	}
	if !bytes.Equal(u.Raw, in) {
		t.Errorf("Raw is not byte-identical:\n got %s\nwant %s", u.Raw, in)
	}
	in[0] = ' ' // Raw must be a copy, not an alias of the input.
	if u.Raw[0] != '{' {
		t.Error("Raw aliases the input slice")
	}
	// MarshalJSON returns Raw as is; json.Marshal compacts it, as it does every Marshaler's output.
	if out, err := u.MarshalJSON(); err != nil || !bytes.Equal(out, u.Raw) {
		t.Errorf("UnknownEvent.MarshalJSON() = %s, %v; want Raw", out, err)
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, u.Raw)
	if out, err := json.Marshal(u); err != nil || !bytes.Equal(out, compact.Bytes()) {
		t.Errorf("json.Marshal(UnknownEvent) = %s, %v; want compacted Raw", out, err)
	}
	if u.EventType() != "user.subscription.refunded" || u.EventType().IsKnown() {
		t.Errorf("EventType() = %q (known %v)", u.EventType(), u.EventType().IsKnown())
	}
	if u.Validate() != nil {
		t.Error("UnknownEvent.Validate() != nil")
	}
}

func ptr[T any](v T) *T { return &v }

func TestEventTypes(t *testing.T) {
	all := namievents.AllEventTypes()
	if len(all) != 20 {
		t.Errorf("AllEventTypes() has %d values, want 20", len(all))
	}
	seen := map[namievents.EventType]bool{}
	for _, et := range all {
		if seen[et] {
			t.Errorf("duplicate %q", et)
		}
		seen[et] = true
		if !et.IsKnown() {
			t.Errorf("%q.IsKnown() = false", et)
		}
		got, err := namievents.ParseEventType(et.String())
		if err != nil || got != et {
			t.Errorf("ParseEventType(%q) = %q, %v", et, got, err)
		}
		if _, ok := eventGoTypes[et]; !ok {
			t.Errorf("%q has no Go type in this test", et)
		}
	}
	for _, s := range []string{"", "user.subscription.refunded", "DEVICE.IMPRESSION", " device.impression"} {
		got, err := namievents.ParseEventType(s)
		if !errors.Is(err, namievents.ErrUnknownEventType) {
			t.Errorf("ParseEventType(%q) err = %v, want ErrUnknownEventType", s, err)
		}
		if got != "" {
			t.Errorf("ParseEventType(%q) = %q, want empty", s, got)
		}
		if namievents.EventType(s).IsKnown() {
			t.Errorf("%q.IsKnown() = true", s)
		}
	}
}

func TestEventTypeText(t *testing.T) {
	et := namievents.EventTypeUserSubscriptionPendingSKUChange
	text, err := et.MarshalText()
	if err != nil || string(text) != "user.subscription.pending_sku_change" {
		t.Errorf("MarshalText = %q, %v", text, err)
	}
	var back namievents.EventType
	if err := back.UnmarshalText(text); err != nil || back != et {
		t.Errorf("UnmarshalText = %q, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("some.new.type")); err != nil || back != "some.new.type" {
		t.Errorf("UnmarshalText of an unknown type = %q, %v; want it kept", back, err)
	}

	// As a JSON value and as a map key.
	m := map[namievents.EventType]int{et: 1, "some.new.type": 2}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"some.new.type":2,"user.subscription.pending_sku_change":1}`; string(data) != want {
		t.Errorf("map marshal = %s, want %s", data, want)
	}
	var m2 map[namievents.EventType]int
	if err := json.Unmarshal(data, &m2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, m2); diff != "" {
		t.Errorf("map round trip (-want +got):\n%s", diff)
	}
	s := struct {
		T namievents.EventType `json:"t"`
	}{et}
	data, _ = json.Marshal(s)
	if string(data) != `{"t":"user.subscription.pending_sku_change"}` {
		t.Errorf("struct marshal = %s", data)
	}
	var s2 struct {
		T namievents.EventType `json:"t"`
	}
	if err := json.Unmarshal([]byte(`{"t":"x.y"}`), &s2); err != nil || s2.T != "x.y" {
		t.Errorf("struct unmarshal = %q, %v", s2.T, err)
	}
	if err := json.Unmarshal([]byte(`{"t":3}`), &s2); err == nil {
		t.Error("unmarshal of a number into EventType succeeded")
	}
}

// TestLoosenedGuessesAccepted decodes testdata/loosened: payloads that break a constraint the
// schema used to guess (a closed enum from a partner page, a guessed format) and that a real
// Nami event may well carry. Decode must accept them, keeping the value (IsKnown is false for
// an enum value outside the known constants).
func TestLoosenedGuessesAccepted(t *testing.T) {
	for _, f := range readFixtures(t, "loosened") {
		ev, err := namievents.Decode(f.data)
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		switch ev := ev.(type) {
		case *namievents.DeviceImpressionEvent:
			if v, ok := ev.Initiator.Get(); !ok || v != "campaign" || v.IsKnown() {
				t.Errorf("%s: initiator %+v, want unknown value campaign", f.name, ev.Initiator)
			}
		case *namievents.DeviceTransactionEvent:
			if v, ok := ev.SubscriptionInterval.Get(); !ok || v != "fortnight" || v.IsKnown() {
				t.Errorf("%s: subscription_interval %+v, want unknown value fortnight", f.name, ev.SubscriptionInterval)
			}
		case *namievents.PurchaseUpdatedEvent:
			if ev.CurrentTermLength == nil || *ev.CurrentTermLength == "" {
				t.Errorf("%s: current_term_length not kept", f.name)
			}
		default:
			t.Errorf("%s: unexpected %T", f.name, ev)
		}
	}
}
