package namievents_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/namigen/namigen/generated/namievents"
)

// FuzzServeHTTP posts mutated bodies to a Handler and checks that it never panics and that its
// answer is the one the status policy gives for what Decode says of the body: 200 for a known
// valid event (callback ran) or an unknown type, 422 for a schema-invalid payload (no
// OnInvalid), 400 for anything else, and 413 past MaxBytes.
//
// Seeds: every fixture in testdata/events and testdata/invalid, and bodies that are cut short,
// not objects, huge, or not UTF-8.
//
//	go test -fuzz FuzzServeHTTP ./generated/namievents
func FuzzServeHTTP(f *testing.F) {
	for _, dir := range []string{"events", "invalid"} {
		for _, fx := range readFixtures(f, dir) {
			f.Add(fx.data)
			f.Add(fx.data[:len(fx.data)/2])
		}
	}
	for _, s := range []string{"", "{}", "[]", "null", `{"event_type":"x.y"}`, `{"event_type":1}`, "{\"event_type\":\"device.impression\"\xff}",
		"{\"event_type\":\"device.impression\",\"id\":\"\xff\xfe\"}", `{"event_type":"user.subscription.renewed","event_type":"device.impression"}`} {
		f.Add([]byte(s))
	}
	f.Add(bytes.Repeat([]byte("["), 5000))
	const maxBytes = 64 << 10
	f.Fuzz(func(t *testing.T, body []byte) {
		called := 0
		h := &namievents.Handler{MaxBytes: maxBytes, Dedupe: namievents.NewMemoryDeduper(16, time.Hour)}
		cb := func() error { called++; return nil }
		h.OnUserSubscriptionRenewed = func(context.Context, *namievents.UserSubscriptionRenewedEvent) error { return cb() }
		h.OnDeviceImpression = func(context.Context, *namievents.DeviceImpressionEvent) error { return cb() }
		h.OnPurchaseUpdated = func(context.Context, *namievents.PurchaseUpdatedEvent) error { return cb() }
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body)))

		want := http.StatusOK
		ev, err := namievents.Decode(body)
		switch {
		case len(body) > maxBytes:
			want = http.StatusRequestEntityTooLarge
		case errors.Is(err, namievents.ErrUnknownEventType) && ev.EventType() == "":
			want = http.StatusBadRequest
		case err == nil, errors.Is(err, namievents.ErrUnknownEventType):
		case errors.As(err, new(*namievents.ValidationError)):
			want = http.StatusUnprocessableEntity
		default:
			want = http.StatusBadRequest
		}
		if rec.Code != want {
			t.Fatalf("status %d, want %d (Decode: %v) for %q", rec.Code, want, err, body)
		}
		if want != http.StatusOK || err != nil {
			if called != 0 {
				t.Fatalf("a callback ran for a %d answer", want)
			}
			return
		}
		switch ev.(type) {
		case *namievents.UserSubscriptionRenewedEvent, *namievents.DeviceImpressionEvent, *namievents.PurchaseUpdatedEvent:
			if called != 1 {
				t.Fatalf("%s: callback ran %d times", ev.EventType(), called)
			}
		}
	})
}

// NewMemoryDeduper forgets the least recently marked id past its size, and an id after its ttl.
func TestMemoryDeduper(t *testing.T) {
	ctx := context.Background()
	d := namievents.NewMemoryDeduper(2, time.Hour)
	for _, id := range []string{"a", "b", "a", "c"} {
		if err := d.MarkSeen(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[string]bool{"a": true, "b": false, "c": true, "d": false} {
		if got, err := d.Seen(ctx, id); err != nil || got != want {
			t.Errorf("Seen(%s) = %v, %v; want %v", id, got, err, want)
		}
	}
	d = namievents.NewMemoryDeduper(10, time.Millisecond)
	_ = d.MarkSeen(ctx, "a")
	time.Sleep(5 * time.Millisecond)
	if got, _ := d.Seen(ctx, "a"); got {
		t.Error("an id is still seen after its ttl")
	}
}
