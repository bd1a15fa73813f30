package namievents_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/namigen/namigen/generated/namievents"
)

// A webhook body: the user.subscription.renewed example of Nami's Event Types page.
const renewedWebhookBody = `{
  "active_entitlements": [
    {
      "description": "Radio Nami Premium",
      "entitlement_ref_id": "premium",
      "expiration": "2020-10-10T23:58:51Z",
      "last_verified": "2020-09-10T00:00:00.356795Z",
      "name": "Radio Nami Premium",
      "purchase_platform": "apple",
      "sku_ref_id": "radio_nami_monthly_subscription"
    }
  ],
  "customer_journey_state": {
    "former_subscriber": false,
    "in_account_hold": false,
    "in_grace_period": false,
    "in_trial_period": false,
    "in_intro_offer_period": false,
    "in_pause": false,
    "is_cancelled": false
  },
  "devices": [
    {
      "id": "00000000-0000-0000-0000-000000000000",
      "platform": {
        "id": "00000000-0000-0000-0000-000000000000",
        "name": "App Store",
        "platform_type": "apple",
        "marketplace_app_id": "com.namiml.RadioNami"
      }
    }
  ],
  "event_type": "user.subscription.renewed",
  "event_platform": "apple",
  "external_ids": [
    {
      "key": "original_transaction_id",
      "type": "original_transaction_id",
      "value": "1000000500000000"
    },
    {
      "key": "external_id",
      "type": "uuid",
      "value": "00000000-0000-0000-0000-000000000000"
    }
  ],
  "user_id": "00000000-0000-0000-0000-000000000000",
  "id": "00000000-0000-0000-0000-000000000000",
  "created_date": "2020-05-29T00:57:11.227760+00:00"
}`

func ExampleDecode() {
	ev, err := namievents.Decode([]byte(renewedWebhookBody))
	if err != nil && !errors.Is(err, namievents.ErrUnknownEventType) {
		fmt.Println("rejected:", err)
		return
	}
	switch ev := ev.(type) {
	case *namievents.UserSubscriptionRenewedEvent:
		fmt.Println("renewed:", ev.UserID)
		fmt.Println("created:", ev.CreatedDate.UTC().Format("2006-01-02 15:04:05.000000"))
		for _, ent := range ev.ActiveEntitlements {
			exp, ok := ent.Expiration.Get()
			fmt.Println("entitlement:", ent.EntitlementRefID, "expires", exp.Format("2006-01-02"), ok)
		}
		if ev.EventPlatform != nil {
			fmt.Println("platform:", *ev.EventPlatform)
		}
	case *namievents.UnknownEvent:
		fmt.Println("unknown event type", ev.Type)
	default:
		fmt.Println("other event:", ev.EventType())
	}
	// Output:
	// renewed: 00000000-0000-0000-0000-000000000000
	// created: 2020-05-29 00:57:11.227760
	// entitlement: premium expires 2020-10-10 true
	// platform: apple
}

func ExampleDecode_unknownEventType() {
	body := []byte(`{"event_type":"user.subscription.refunded","id":"5b5800d6-3b29-4b2f-a60a-1c66c07af5ef","created_date":"2025-01-02T03:04:05Z","user_id":"c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74","refund_amount":4.99}`)
	ev, err := namievents.Decode(body)
	fmt.Println(errors.Is(err, namievents.ErrUnknownEventType))
	if u, ok := ev.(*namievents.UnknownEvent); ok {
		fmt.Println(u.Type, u.Type.IsKnown())
		fmt.Println(u.ID)
		fmt.Println(string(u.Raw) == string(body))
	}
	fmt.Println(err)
	// Output:
	// true
	// user.subscription.refunded false
	// 5b5800d6-3b29-4b2f-a60a-1c66c07af5ef
	// true
	// unknown event type "user.subscription.refunded"
}

func ExampleValidationError() {
	body := []byte(`{"event_type":"device.impression","id":"not-a-uuid","created_date":"2025-01-02T03:04:05Z","user_id":"nope","initiator":"campaign"}`)
	_, err := namievents.Decode(body)
	var verr *namievents.ValidationError
	if errors.As(err, &verr) {
		for _, v := range verr.Violations {
			fmt.Printf("%s: %s\n", v.InstanceLocation, v.Message)
		}
	}
	// Output:
	// /id: "not-a-uuid" is not a valid uuid
	// /user_id: "nope" is not a valid uuid
}

func ExampleParseEventType() {
	t, err := namievents.ParseEventType("user.subscription.pending_sku_change")
	fmt.Println(t == namievents.EventTypeUserSubscriptionPendingSKUChange, err)
	_, err = namievents.ParseEventType("user.subscription.refunded")
	fmt.Println(errors.Is(err, namievents.ErrUnknownEventType), err)
	// Output:
	// true <nil>
	// true unknown event type: "user.subscription.refunded"
}

func ExampleAllEventTypes() {
	all := namievents.AllEventTypes()
	fmt.Println(len(all), all[0], all[len(all)-1])
	// Output:
	// 20 device.impression user.subscription.transferred.to
}

func ExampleHandler() {
	h := &namievents.Handler{
		OnUserSubscriptionRenewed: func(ctx context.Context, ev *namievents.UserSubscriptionRenewedEvent) error {
			fmt.Println("renewed:", ev.ActiveEntitlements[0].EntitlementRefID)
			return nil // an error would answer 500, and Nami would retry
		},
		Dedupe: namievents.NewMemoryDeduper(100_000, 25*time.Hour),
	}
	for range 2 { // the second delivery is a retry of the first
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/nami", strings.NewReader(renewedWebhookBody)))
		fmt.Println(rec.Code)
	}
	// Output:
	// renewed: premium
	// 200
	// 200
}

func ExampleNewTestRequest() {
	var got namievents.Envelope
	h := &namievents.Handler{
		OnDeviceSessionStart: func(ctx context.Context, ev *namievents.DeviceSessionStartEvent) error {
			got = ev.Envelope()
			return nil
		},
	}
	req, err := namievents.NewTestRequest(&namievents.DeviceSessionStartEvent{
		ID:          "04dbd4db-4fa1-43b4-a585-8ab2d0733cb1",
		UserID:      "c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74",
		CreatedDate: time.Date(2024, 3, 14, 9, 26, 53, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code, got.EventType, got.UserID)
	// Output:
	// 200 device.session.start c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74
}
