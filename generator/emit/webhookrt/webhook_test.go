package webhookrt

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a settable time source for the deduper.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestDeduper(size int, ttl time.Duration) (*memoryDeduper, *clock) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := NewMemoryDeduper(size, ttl).(*memoryDeduper)
	d.now = c.now
	return d, c
}

func seen(t *testing.T, d Deduper, id string) bool {
	t.Helper()
	ok, err := d.Seen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestMemoryDeduperLRU(t *testing.T) {
	d, _ := newTestDeduper(2, time.Hour)
	ctx := context.Background()
	if seen(t, d, "a") {
		t.Fatal("a seen before it was marked")
	}
	_ = d.MarkSeen(ctx, "a")
	_ = d.MarkSeen(ctx, "b")
	_ = d.MarkSeen(ctx, "a") // a is now the most recently marked
	_ = d.MarkSeen(ctx, "c") // evicts b
	if !seen(t, d, "a") || seen(t, d, "b") || !seen(t, d, "c") {
		t.Fatalf("after a, b, a, c with size 2: want a and c kept, b evicted; have %v", keys(d))
	}
	if d.order.Len() != 2 || len(d.byID) != 2 {
		t.Fatalf("size %d/%d, want 2", d.order.Len(), len(d.byID))
	}
}

func TestMemoryDeduperTTL(t *testing.T) {
	d, c := newTestDeduper(10, time.Hour)
	ctx := context.Background()
	_ = d.MarkSeen(ctx, "a")
	c.t = c.t.Add(30 * time.Minute)
	_ = d.MarkSeen(ctx, "b")
	c.t = c.t.Add(30*time.Minute - time.Nanosecond)
	if !seen(t, d, "a") {
		t.Fatal("a forgotten before its ttl")
	}
	c.t = c.t.Add(time.Nanosecond)
	if seen(t, d, "a") {
		t.Fatal("a still seen at its ttl")
	}
	if !seen(t, d, "b") {
		t.Fatal("b forgotten before its ttl")
	}
	if len(d.byID) != 1 {
		t.Fatalf("expired entries kept: %v", keys(d))
	}
	// Marking again renews the expiry.
	_ = d.MarkSeen(ctx, "b")
	c.t = c.t.Add(59 * time.Minute)
	if !seen(t, d, "b") {
		t.Fatal("renewed b forgotten")
	}
}

func TestMemoryDeduperDefaults(t *testing.T) {
	d := NewMemoryDeduper(0, 0).(*memoryDeduper)
	if d.size != 100_000 || d.ttl != 25*time.Hour {
		t.Fatalf("defaults: size %d ttl %v", d.size, d.ttl)
	}
}

// TestMemoryDeduperConcurrent is meant for -race.
func TestMemoryDeduperConcurrent(t *testing.T) {
	d := NewMemoryDeduper(64, time.Hour)
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				id := fmt.Sprint((g*1000 + i) % 100)
				if _, err := d.Seen(ctx, id); err != nil {
					t.Error(err)
				}
				_ = d.MarkSeen(ctx, id)
			}
		}()
	}
	wg.Wait()
	if n := len(d.(*memoryDeduper).byID); n > 64 {
		t.Fatalf("%d ids kept, size is 64", n)
	}
}

func keys(d *memoryDeduper) []string {
	var out []string
	for el := d.order.Front(); el != nil; el = el.Next() {
		out = append(out, el.Value.(*dedupeEntry).id)
	}
	return out
}

// TestServeHTTPStubs checks the static policy against the stub decoder; the generated
// package's tests check every row of the table against real events.
func TestServeHTTPStubs(t *testing.T) {
	calls := 0
	fail := false
	h := &Handler{
		Dedupe: NewMemoryDeduper(10, time.Hour),
		OnThing: func(ctx context.Context, ev *ThingEvent) error {
			calls++
			if fail {
				return fmt.Errorf("boom")
			}
			return nil
		},
	}
	post := func(body string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
		return rec.Code
	}
	fail = true
	if code := post(`{"type":"thing","id":"1"}`); code != 500 || calls != 1 {
		t.Fatalf("failing callback: %d, %d calls", code, calls)
	}
	fail = false
	if code := post(`{"type":"thing","id":"1"}`); code != 200 || calls != 2 {
		t.Fatalf("retry after failure: %d, %d calls", code, calls)
	}
	if code := post(`{"type":"thing","id":"1"}`); code != 200 || calls != 2 {
		t.Fatalf("duplicate: %d, %d calls", code, calls)
	}
	if code := post(`{"type":"thing","id":""}`); code != 422 {
		t.Fatalf("invalid: %d", code)
	}
	if code := post(`nope`); code != 400 {
		t.Fatalf("malformed: %d", code)
	}
	h.OnThing = func(ctx context.Context, ev *ThingEvent) error { panic("boom") }
	if code := post(`{"type":"thing","id":"2"}`); code != 500 {
		t.Fatalf("panicking callback: %d", code)
	}
}
