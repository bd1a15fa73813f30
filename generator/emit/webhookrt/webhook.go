// Package webhookrt is the static half of the webhook.go that namigen writes for an event
// bundle: the status policy of Handler.ServeHTTP, the Deduper interface and its in-memory LRU,
// and the test-request helper. The emitter copies this file's declarations (everything after
// its imports) into webhook.go, next to the generated half: the Handler struct with one
// callback per event type, its dispatch switch and the envelope access. stubs.go stands in for
// the generated half so that this package compiles and its tests run; it is not copied.
package webhookrt

import (
	"bytes"
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// DefaultMaxBytes is the body limit of a Handler whose MaxBytes is 0: 1 MiB.
const DefaultMaxBytes = 1 << 20

// ServeHTTP receives one webhook delivery and answers with the status of the package's status
// policy (see the package documentation): 2xx only when the event was handled or is a known
// duplicate, so that the sender retries everything else and no event is lost.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed: webhooks are delivered with POST", http.StatusMethodNotAllowed)
		return
	}
	limit := h.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if r.ContentLength > limit {
		http.Error(w, fmt.Sprintf("request body over %d bytes", limit), http.StatusRequestEntityTooLarge)
		return
	}
	// A declared length sizes the buffer at once (io.ReadAll would grow it step by step).
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	body := buf.Bytes()
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, fmt.Sprintf("request body over %d bytes", limit), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "reading the request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	if h.Verify != nil {
		if err := h.Verify(r, body); err != nil {
			http.Error(w, "signature check failed", http.StatusUnauthorized)
			return
		}
	}
	ctx := r.Context()
	ev, decodeErr := Decode(body)
	var invalid *ValidationError
	switch {
	case errors.Is(decodeErr, ErrUnknownEventType) && ev != nil && ev.EventType() == "":
		// An empty event type can be neither dispatched nor ever become known.
		http.Error(w, "decode event: empty event type", http.StatusBadRequest)
		return
	case decodeErr == nil, errors.Is(decodeErr, ErrUnknownEventType):
		// A known, valid event, or an *UnknownEvent whose payload is kept.
	case errors.As(decodeErr, &invalid):
		// A known event type whose payload breaks the schema.
	default:
		// Not JSON, not an object, or no usable event type: nothing to hand to a callback.
		http.Error(w, decodeErr.Error(), http.StatusBadRequest)
		return
	}
	dedupe := h.deduper()
	id := ""
	if dedupe != nil && ev != nil {
		id = webhookEventID(ev)
	}
	if id != "" {
		seen, err := dedupe.Seen(ctx, id)
		if err != nil {
			http.Error(w, "deduplication store unavailable", http.StatusServiceUnavailable)
			return
		}
		if seen {
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	if invalid != nil {
		if h.OnInvalid == nil {
			http.Error(w, decodeErr.Error(), http.StatusUnprocessableEntity)
			return
		}
		if cerr := webhookCall(func() error { return h.OnInvalid(ctx, body, decodeErr) }); cerr != nil {
			http.Error(w, "the OnInvalid callback failed", http.StatusInternalServerError)
			return
		}
	} else if cerr := webhookCall(func() error { return h.dispatch(ctx, ev) }); cerr != nil {
		http.Error(w, "the event callback failed", http.StatusInternalServerError)
		return
	}
	if id != "" {
		// The event was handled: an error here only means a later duplicate runs the callback
		// again, which is no reason to make the sender retry this delivery.
		_ = dedupe.MarkSeen(ctx, id)
	}
	w.WriteHeader(http.StatusOK)
}

// webhookCall runs a callback, turning a panic into an error (so the sender retries) except
// http.ErrAbortHandler, which keeps its meaning.
func webhookCall(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			err = fmt.Errorf("webhook callback panicked: %v", p)
		}
	}()
	return f()
}

// Deduper remembers the ids of events whose delivery succeeded, so that a delivery the sender
// repeats (it resends anything it did not see a 2xx for, and may resend a success whose answer
// it lost) runs its callback once. Handler calls Seen before a callback and MarkSeen only after
// the callback returned nil; an id whose callback failed is never marked, so the retry runs the
// callback again.
//
// Deduplication is best effort: two deliveries of the same id that arrive at the same time may
// both run the callback, and a store that forgets (expiry, eviction, a restart of the in-memory
// one) lets a late duplicate through. Callbacks that must run exactly once should also be
// idempotent. An implementation backed by a shared store (Redis SETNX with expiry, a SQL table
// with a unique key) lets several receivers share what they have seen.
type Deduper interface {
	// Seen reports whether the delivery of the event id succeeded before. An error makes
	// ServeHTTP answer 503, so that the sender retries.
	Seen(ctx context.Context, id string) (bool, error)
	// MarkSeen records that the event id was handled.
	MarkSeen(ctx context.Context, id string) error
}

// NewMemoryDeduper returns a Deduper that keeps at most size ids in memory, each for ttl after
// it was marked; past size, the least recently marked id is forgotten first. size <= 0 means
// 100,000 and ttl <= 0 means 25 hours (longer than a sender that retries for a day, as Nami
// does). It is safe for concurrent use; its memory is lost when the process ends.
func NewMemoryDeduper(size int, ttl time.Duration) Deduper {
	if size <= 0 {
		size = 100_000
	}
	if ttl <= 0 {
		ttl = 25 * time.Hour
	}
	return &memoryDeduper{size: size, ttl: ttl, now: time.Now, byID: map[string]*list.Element{}, order: list.New()}
}

// memoryDeduper is an LRU of marked ids with expiry. order runs from the most recently marked
// id (front) to the least recently marked (back); all entries share one ttl, so it is also
// the order of expiry and expired entries are dropped from the back.
type memoryDeduper struct {
	size  int
	ttl   time.Duration
	now   func() time.Time
	mu    sync.Mutex
	byID  map[string]*list.Element // of *dedupeEntry
	order *list.List
}

type dedupeEntry struct {
	id      string
	expires time.Time
}

// Seen reports whether id was marked and has not expired.
func (d *memoryDeduper) Seen(_ context.Context, id string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	_, ok := d.byID[id]
	return ok, nil
}

// MarkSeen records id for the deduper's ttl, evicting the least recently marked id when full.
func (d *memoryDeduper) MarkSeen(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire()
	expires := d.now().Add(d.ttl)
	if el, ok := d.byID[id]; ok {
		el.Value.(*dedupeEntry).expires = expires
		d.order.MoveToFront(el)
		return nil
	}
	d.byID[id] = d.order.PushFront(&dedupeEntry{id: id, expires: expires})
	for d.order.Len() > d.size {
		d.remove(d.order.Back())
	}
	return nil
}

// expire drops the entries whose time is up (d.mu held).
func (d *memoryDeduper) expire() {
	now := d.now()
	for el := d.order.Back(); el != nil && !now.Before(el.Value.(*dedupeEntry).expires); el = d.order.Back() {
		d.remove(el)
	}
}

func (d *memoryDeduper) remove(el *list.Element) {
	d.order.Remove(el)
	delete(d.byID, el.Value.(*dedupeEntry).id)
}

// NewTestRequest returns a POST request whose body is ev encoded as JSON, with its event type
// property set from ev.EventType(), ready to be passed to a Handler's ServeHTTP in a test (in
// the spirit of net/http/httptest.NewRequest), for example:
//
//	req, err := NewTestRequest(ev)
//	rec := httptest.NewRecorder()
//	h.ServeHTTP(rec, req)
//
// Set the signature header on it yourself when your Handler has a Verify.
func NewTestRequest(ev Event) (*http.Request, error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("encode %s event: %w", ev.EventType(), err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("encode %s event: not a JSON object: %w", ev.EventType(), err)
	}
	if t, err := json.Marshal(string(ev.EventType())); err == nil {
		m[webhookEventKey] = t
	}
	if data, err = json.Marshal(m); err != nil {
		return nil, fmt.Errorf("encode %s event: %w", ev.EventType(), err)
	}
	req, err := http.NewRequest(http.MethodPost, "http://webhook.test/", bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
