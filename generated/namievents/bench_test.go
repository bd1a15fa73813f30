package namievents_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generated/namievents"
)

// The benchmarks decode the 20 valid fixtures (one per event type); one op is the whole set of
// 20 payloads. Compare with:
//
//	go test -run '^$' -bench . -benchmem -count 5 ./generated/namievents

// benchPayloads returns the 20 valid fixtures.
func benchPayloads(b *testing.B) [][]byte {
	b.Helper()
	var out [][]byte
	for _, s := range fuzzSeeds(b) {
		if strings.HasPrefix(s.name, "events-") {
			out = append(out, s.data)
		}
	}
	if len(out) != 20 {
		b.Fatalf("got %d valid fixtures, want 20", len(out))
	}
	return out
}

func benchSetBytes(b *testing.B, payloads [][]byte) {
	n := 0
	for _, p := range payloads {
		n += len(p)
	}
	b.SetBytes(int64(n))
}

// BenchmarkDecodeGenerated: namievents.Decode (decode + validate).
func BenchmarkDecodeGenerated(b *testing.B) {
	payloads := benchPayloads(b)
	benchSetBytes(b, payloads)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range payloads {
			if _, err := namievents.Decode(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkValidateGenerated: Validate on events decoded beforehand.
func BenchmarkValidateGenerated(b *testing.B) {
	payloads := benchPayloads(b)
	events := make([]namievents.Event, len(payloads))
	for i, p := range payloads {
		ev, err := namievents.Decode(p)
		if err != nil {
			b.Fatal(err)
		}
		events[i] = ev
	}
	benchSetBytes(b, payloads)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ev := range events {
			if err := ev.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkUnmarshalPlain: what a user writes without a generator, one flat struct with the
// union of every event's fields, decoded by encoding/json, nothing validated.
func BenchmarkUnmarshalPlain(b *testing.B) {
	payloads := benchPayloads(b)
	benchSetBytes(b, payloads)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range payloads {
			var ev plainEvent
			if err := json.Unmarshal(p, &ev); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSanthosh: santhosh-tekuri/jsonschema, parse to any and validate against the root
// schema (compiled once, formats asserted).
func BenchmarkSanthosh(b *testing.B) {
	payloads := benchPayloads(b)
	sch := compileRootSchema(b)
	benchSetBytes(b, payloads)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range payloads {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(p))
			if err != nil {
				b.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestPlainEventDecodesFixtures keeps the hand-written struct honest: every fixture decodes.
func TestPlainEventDecodesFixtures(t *testing.T) {
	for _, f := range readFixtures(t, "events") {
		var ev plainEvent
		if err := json.Unmarshal(f.data, &ev); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
		if ev.EventType != f.name {
			t.Errorf("%s: event_type %q", f.name, ev.EventType)
		}
	}
}

// plainEvent is the hand-written baseline: every property of every event type in one struct.
type plainEvent struct {
	// envelope
	ID            string    `json:"id"`
	CreatedDate   time.Time `json:"created_date"`
	EventType     string    `json:"event_type"`
	UserID        string    `json:"user_id"`
	EventPlatform *string   `json:"event_platform"`

	// user.* events
	ActiveEntitlements   []plainActiveEntitlement `json:"active_entitlements"`
	CustomerJourneyState *plainJourneyState       `json:"customer_journey_state"`
	Devices              []plainDevice            `json:"devices"`
	ExternalIDs          []plainExternalID        `json:"external_ids"`

	// device.* events
	AppEnv                    string            `json:"app_env"`
	AppPlatformID             *string           `json:"app_platform_id"`
	CallToAction              *string           `json:"call_to_action"`
	CTAType                   *string           `json:"cta_type"`
	DeveloperPaywallID        *string           `json:"developer_paywall_id"`
	Initiator                 string            `json:"initiator"`
	LaunchID                  *string           `json:"launch_id"`
	Locale                    *string           `json:"locale"`
	Name                      *string           `json:"name"`
	Segment                   *string           `json:"segment"`
	Session                   *string           `json:"session"`
	URLParams                 map[string]string `json:"url_params"`
	StartTime                 *time.Time        `json:"start_time"`
	EndTime                   *time.Time        `json:"end_time"`
	Amount                    *float64          `json:"amount"`
	Currency                  *string           `json:"currency"`
	ImpressionID              *string           `json:"impression_id"`
	LocalizedDescription      *string           `json:"localized_description"`
	OriginalPurchaseDate      *time.Time        `json:"original_purchase_date"`
	OriginalTransactionID     *string           `json:"original_transaction_id"`
	PurchaseDate              *time.Time        `json:"purchase_date"`
	PurchaseEnv               string            `json:"purchase_env"`
	Quantity                  *string           `json:"quantity"`
	SKU                       string            `json:"sku"`
	Source                    string            `json:"source"`
	SubscriptionInterval      *string           `json:"subscription_interval"`
	SubscriptionIntervalCount *int64            `json:"subscription_interval_count"`
	TransactionID             string            `json:"transaction_id"`

	// purchase.updated
	BillingCycles         *int64                     `json:"billing_cycles"`
	CanceledAt            *time.Time                 `json:"canceled_at"`
	CollapseKey           string                     `json:"collapse_key"`
	ControllerName        *string                    `json:"controller_name"`
	CurrentTermLength     *string                    `json:"current_term_length"`
	DevicesWithAccess     []plainDeviceWithAccess    `json:"devices_with_access"`
	Entitlements          []plainPurchaseEntitlement `json:"entitlements"`
	ExpiresAt             *time.Time                 `json:"expires_at"`
	IsActive              *bool                      `json:"is_active"`
	IsAutoRenewable       *bool                      `json:"is_auto_renewable"`
	IsFreeTrialConversion *bool                      `json:"is_free_trial_conversion"`
	PurchasePlatform      *string                    `json:"purchase_platform"`
}

type plainActiveEntitlement struct {
	EntitlementRefID string     `json:"entitlement_ref_id"`
	Name             *string    `json:"name"`
	Description      *string    `json:"description"`
	Expiration       *time.Time `json:"expiration"`
	LastVerified     *time.Time `json:"last_verified"`
	PurchasePlatform *string    `json:"purchase_platform"`
	SKURefID         *string    `json:"sku_ref_id"`
}

type plainJourneyState struct {
	FormerSubscriber   bool `json:"former_subscriber"`
	InAccountHold      bool `json:"in_account_hold"`
	InGracePeriod      bool `json:"in_grace_period"`
	InTrialPeriod      bool `json:"in_trial_period"`
	InIntroOfferPeriod bool `json:"in_intro_offer_period"`
	InPause            bool `json:"in_pause"`
	IsCancelled        bool `json:"is_cancelled"`
}

type plainDevice struct {
	ID       string `json:"id"`
	OSName   string `json:"os_name"`
	Platform *struct {
		ID               string  `json:"id"`
		Name             string  `json:"name"`
		PlatformType     string  `json:"platform_type"`
		MarketplaceAppID *string `json:"marketplace_app_id"`
	} `json:"platform"`
}

type plainExternalID struct {
	Key   string `json:"key"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

type plainDeviceWithAccess struct {
	ID string `json:"id"`
}

type plainPurchaseEntitlement struct {
	EntitlementRefID string  `json:"entitlement_ref_id"`
	Name             *string `json:"name"`
	Description      *string `json:"description"`
}
