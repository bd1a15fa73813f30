package namievents_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/namigen/namigen/generated/namievents"
)

// The tests below check the status policy of Handler row by row (see the package doc).

// recorder counts the callbacks a Handler ran.
type recorder struct {
	mu     sync.Mutex
	events []namievents.Event
	bodies [][]byte
	errs   []error
}

func (r *recorder) add(ev namievents.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events) + len(r.bodies)
}

// handlerWithAll returns a Handler whose every callback records its event and returns err().
func handlerWithAll(rec *recorder, err func() error) *namievents.Handler {
	h := &namievents.Handler{}
	cb := func(ev namievents.Event) error { rec.add(ev); return err() }
	h.OnDeviceImpression = func(_ context.Context, ev *namievents.DeviceImpressionEvent) error { return cb(ev) }
	h.OnDeviceSessionStart = func(_ context.Context, ev *namievents.DeviceSessionStartEvent) error { return cb(ev) }
	h.OnDeviceSessionEnd = func(_ context.Context, ev *namievents.DeviceSessionEndEvent) error { return cb(ev) }
	h.OnDeviceTransaction = func(_ context.Context, ev *namievents.DeviceTransactionEvent) error { return cb(ev) }
	h.OnPurchaseUpdated = func(_ context.Context, ev *namievents.PurchaseUpdatedEvent) error { return cb(ev) }
	h.OnUserJourneyTrialStarted = func(_ context.Context, ev *namievents.UserJourneyTrialStartedEvent) error { return cb(ev) }
	h.OnUserJourneyTrialConverted = func(_ context.Context, ev *namievents.UserJourneyTrialConvertedEvent) error { return cb(ev) }
	h.OnUserJourneyTrialDidNotConvert = func(_ context.Context, ev *namievents.UserJourneyTrialDidNotConvertEvent) error { return cb(ev) }
	h.OnUserSubscriptionPurchased = func(_ context.Context, ev *namievents.UserSubscriptionPurchasedEvent) error { return cb(ev) }
	h.OnUserSubscriptionRenewed = func(_ context.Context, ev *namievents.UserSubscriptionRenewedEvent) error { return cb(ev) }
	h.OnUserSubscriptionCancelled = func(_ context.Context, ev *namievents.UserSubscriptionCancelledEvent) error { return cb(ev) }
	h.OnUserSubscriptionExpired = func(_ context.Context, ev *namievents.UserSubscriptionExpiredEvent) error { return cb(ev) }
	h.OnUserSubscriptionInGracePeriod = func(_ context.Context, ev *namievents.UserSubscriptionInGracePeriodEvent) error { return cb(ev) }
	h.OnUserSubscriptionRenewalInGracePeriod = func(_ context.Context, ev *namievents.UserSubscriptionRenewalInGracePeriodEvent) error {
		return cb(ev)
	}
	h.OnUserSubscriptionPaused = func(_ context.Context, ev *namievents.UserSubscriptionPausedEvent) error { return cb(ev) }
	h.OnUserSubscriptionResumed = func(_ context.Context, ev *namievents.UserSubscriptionResumedEvent) error { return cb(ev) }
	h.OnUserSubscriptionPendingSKUChange = func(_ context.Context, ev *namievents.UserSubscriptionPendingSKUChangeEvent) error {
		return cb(ev)
	}
	h.OnUserSubscriptionSKUChange = func(_ context.Context, ev *namievents.UserSubscriptionSKUChangeEvent) error { return cb(ev) }
	h.OnUserSubscriptionTransferredFrom = func(_ context.Context, ev *namievents.UserSubscriptionTransferredFromEvent) error {
		return cb(ev)
	}
	h.OnUserSubscriptionTransferredTo = func(_ context.Context, ev *namievents.UserSubscriptionTransferredToEvent) error {
		return cb(ev)
	}
	h.OnUnknown = func(_ context.Context, ev *namievents.UnknownEvent) error { return cb(ev) }
	h.OnInvalid = func(_ context.Context, body []byte, verr error) error {
		rec.mu.Lock()
		rec.bodies = append(rec.bodies, body)
		rec.errs = append(rec.errs, verr)
		rec.mu.Unlock()
		return err()
	}
	return h
}

func noErr() error { return nil }

func post(t testing.TB, h http.Handler, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/nami", bytes.NewReader(body)))
	return rec
}

func fixtureBody(t *testing.T, name string) []byte {
	t.Helper()
	for _, f := range readFixtures(t, "events") {
		if f.name == name {
			return f.data
		}
	}
	t.Fatalf("no fixture %s", name)
	return nil
}

// withID returns a copy of a JSON object with its "id" replaced.
func withID(t testing.TB, body []byte, id string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	m["id"], _ = json.Marshal(id)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Row: method other than POST → 405, with an Allow header.
func TestHandlerMethodNotAllowed(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	body := fixtureBody(t, "user.subscription.renewed")
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(m, "/", bytes.NewReader(body)))
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != http.MethodPost {
			t.Errorf("%s: status %d, Allow %q; want 405, POST", m, w.Code, w.Header().Get("Allow"))
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d callbacks ran", rec.count())
	}
}

// Row: body over MaxBytes → 413 (declared by Content-Length, or found while reading a
// chunked body), for an explicit MaxBytes and for the 1 MiB default.
func TestHandlerBodyTooLarge(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	body := fixtureBody(t, "user.subscription.renewed")
	h.MaxBytes = int64(len(body)) - 1
	if w := post(t, h, body); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("Content-Length over MaxBytes: %d, want 413", w.Code)
	}
	req := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(bytes.NewReader(body))) // no length known
	req.ContentLength = -1
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked body over MaxBytes: %d, want 413", w.Code)
	}
	h.MaxBytes = int64(len(body))
	if w := post(t, h, body); w.Code != http.StatusOK {
		t.Errorf("body of exactly MaxBytes: %d, want 200", w.Code)
	}
	h.MaxBytes = 0
	huge := append(bytes.Repeat([]byte(" "), namievents.DefaultMaxBytes), body...)
	if w := post(t, h, huge); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("body over the 1 MiB default: %d, want 413", w.Code)
	}
	if namievents.DefaultMaxBytes != 1<<20 {
		t.Errorf("DefaultMaxBytes = %d, want 1 MiB", namievents.DefaultMaxBytes)
	}
	if rec.count() != 1 {
		t.Errorf("%d callbacks ran, want 1 (the body of exactly MaxBytes)", rec.count())
	}
}

// Row: Verify returns an error → 401, and no callback runs. Verify sees the request and the
// exact body.
func TestHandlerVerify(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	body := fixtureBody(t, "user.subscription.renewed")
	var gotBody []byte
	var gotSig string
	h.Verify = func(r *http.Request, b []byte) error {
		gotBody, gotSig = b, r.Header.Get(namievents.SignatureHeader)
		if gotSig != "good" {
			return errors.New("bad signature")
		}
		return nil
	}
	for _, sig := range []string{"", "bad"} {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("nami-signature", sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("signature %q: %d, want 401", sig, w.Code)
		}
	}
	if rec.count() != 0 {
		t.Fatalf("%d callbacks ran after a failed Verify", rec.count())
	}
	// Verify runs before decoding: an invalid body with a bad signature is 401, not 400.
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("not json"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusUnauthorized {
		t.Errorf("bad signature on a bad body: %d, want 401", w.Code)
	}
	req = httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Nami-Signature", "good")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK || rec.count() != 1 {
		t.Errorf("good signature: %d, %d callbacks; want 200, 1", w.Code, rec.count())
	}
	if !bytes.Equal(gotBody, body) || gotSig != "good" {
		t.Errorf("Verify saw body %q, signature %q", gotBody, gotSig)
	}
	if namievents.SignatureHeader != http.CanonicalHeaderKey("nami-signature") {
		t.Errorf("SignatureHeader = %q", namievents.SignatureHeader)
	}
}

// Row: not JSON, not an object, or no usable event type → 400.
func TestHandlerBadRequest(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	h.Dedupe = namievents.NewMemoryDeduper(10, time.Hour)
	full := fixtureBody(t, "user.subscription.renewed")
	for name, body := range map[string]string{
		"empty":                     "",
		"not JSON":                  "hello",
		"truncated":                 string(full[:len(full)/2]),
		"trailing garbage":          string(full) + "x",
		"array":                     "[]",
		"string":                    `"user.subscription.renewed"`,
		"null":                      "null",
		"no event_type":             `{"id":"04dbd4db-4fa1-43b4-a585-8ab2d0733cb1"}`,
		"event_type number":         `{"event_type":1}`,
		"event_type null":           `{"event_type":null}`,
		"event_type empty":          `{"event_type":"","id":"04dbd4db-4fa1-43b4-a585-8ab2d0733cb1"}`,
		"non-UTF-8 outside strings": "{\"event_type\":\"device.impression\"\xff}",
	} {
		if w := post(t, h, []byte(body)); w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", name, w.Code)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d callbacks ran", rec.count())
	}
}

// Row: known type, valid, callback returns nil (or is not set) → 2xx; each callback gets the
// event of its type.
func TestHandlerDispatch(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	fixtures := readFixtures(t, "events")
	for _, f := range fixtures {
		if w := post(t, h, f.data); w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", f.name, w.Code, w.Body)
		}
	}
	if len(rec.events) != len(fixtures) {
		t.Fatalf("%d callbacks for %d events", len(rec.events), len(fixtures))
	}
	for i, f := range fixtures {
		ev := rec.events[i]
		if string(ev.EventType()) != f.name {
			t.Errorf("%s: callback got a %s event (%T)", f.name, ev.EventType(), ev)
		}
		want, err := namievents.Decode(f.data)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, ev, timeEqual); d != "" {
			t.Errorf("%s: callback got (-want +got):\n%s", f.name, d)
		}
	}
	// No callbacks at all: every known, valid event is accepted.
	empty := &namievents.Handler{}
	for _, f := range fixtures {
		if w := post(t, empty, f.data); w.Code != http.StatusOK {
			t.Errorf("no callback, %s: %d", f.name, w.Code)
		}
	}
}

// Row: callback returns an error → 5xx; the id is not marked seen, so the retry runs the
// callback again. Row: an event id seen before, whose earlier delivery succeeded → 2xx, and no
// callback runs.
func TestHandlerRetryAndDuplicate(t *testing.T) {
	rec := &recorder{}
	fail := true
	h := handlerWithAll(rec, func() error {
		if fail {
			return errors.New("database down")
		}
		return nil
	})
	h.Dedupe = namievents.NewMemoryDeduper(100, time.Hour)
	body := fixtureBody(t, "user.subscription.renewed")
	for i := range 2 {
		w := post(t, h, body)
		if w.Code != http.StatusInternalServerError {
			t.Fatalf("failing callback, try %d: %d, want 500", i, w.Code)
		}
		if strings.Contains(w.Body.String(), "database down") {
			t.Fatal("the callback's error leaked into the answer")
		}
	}
	if rec.count() != 2 {
		t.Fatalf("failing callback ran %d times, want 2", rec.count())
	}
	fail = false
	if w := post(t, h, body); w.Code != http.StatusOK || rec.count() != 3 {
		t.Fatalf("retry after failures: %d, %d callbacks; want 200, 3", w.Code, rec.count())
	}
	for range 3 {
		if w := post(t, h, body); w.Code != http.StatusOK {
			t.Fatalf("duplicate: %d, want 200", w.Code)
		}
	}
	if rec.count() != 3 {
		t.Fatalf("duplicates ran the callback: %d calls, want 3", rec.count())
	}
	// Another id of the same type is not a duplicate; neither is the same id without Dedupe.
	if w := post(t, h, withID(t, body, "11111111-1111-4111-8111-111111111111")); w.Code != http.StatusOK || rec.count() != 4 {
		t.Fatalf("new id: %d, %d callbacks", w.Code, rec.count())
	}
	h.Dedupe = nil
	if w := post(t, h, body); w.Code != http.StatusOK || rec.count() != 5 {
		t.Fatalf("without Dedupe: %d, %d callbacks", w.Code, rec.count())
	}
}

// A callback that panics is answered 500 (the sender retries) and is not marked seen.
func TestHandlerCallbackPanics(t *testing.T) {
	h := &namievents.Handler{Dedupe: namievents.NewMemoryDeduper(10, time.Hour)}
	calls := 0
	h.OnUserSubscriptionRenewed = func(context.Context, *namievents.UserSubscriptionRenewedEvent) error {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return nil
	}
	body := fixtureBody(t, "user.subscription.renewed")
	if w := post(t, h, body); w.Code != http.StatusInternalServerError {
		t.Fatalf("panicking callback: %d, want 500", w.Code)
	}
	if w := post(t, h, body); w.Code != http.StatusOK || calls != 2 {
		t.Fatalf("retry: %d, %d calls", w.Code, calls)
	}
}

// Row: unknown event type → OnUnknown if set (an error gives 5xx), else 2xx.
func TestHandlerUnknown(t *testing.T) {
	body := bytes.Replace(fixtureBody(t, "user.subscription.renewed"), []byte(`"user.subscription.renewed"`), []byte(`"user.subscription.account_hold"`), 1)
	if w := post(t, &namievents.Handler{}, body); w.Code != http.StatusOK {
		t.Errorf("unknown type without OnUnknown: %d, want 200", w.Code)
	}
	rec := &recorder{}
	fail := false
	h := handlerWithAll(rec, func() error {
		if fail {
			return errors.New("no")
		}
		return nil
	})
	h.Dedupe = namievents.NewMemoryDeduper(10, time.Hour)
	fail = true
	if w := post(t, h, body); w.Code != http.StatusInternalServerError {
		t.Errorf("OnUnknown fails: %d, want 500", w.Code)
	}
	fail = false
	if w := post(t, h, body); w.Code != http.StatusOK {
		t.Errorf("OnUnknown succeeds: %d, want 200", w.Code)
	}
	if w := post(t, h, body); w.Code != http.StatusOK || rec.count() != 2 {
		t.Errorf("unknown duplicate: %d, %d callbacks; want 200, 2", w.Code, rec.count())
	}
	u, ok := rec.events[1].(*namievents.UnknownEvent)
	if !ok {
		t.Fatalf("OnUnknown got %T", rec.events[1])
	}
	if u.Type != "user.subscription.account_hold" || !bytes.Equal(u.Raw, body) || u.Envelope().ID == "" {
		t.Errorf("UnknownEvent: type %q, raw kept %v, id %q", u.Type, bytes.Equal(u.Raw, body), u.Envelope().ID)
	}
}

// Row: schema-invalid payload → OnInvalid with the raw body if set (nil gives 2xx, an error
// 5xx); without it 422, so the event is retried rather than lost.
func TestHandlerInvalid(t *testing.T) {
	invalid := readFixtures(t, "invalid")
	for _, f := range invalid {
		if _, err := namievents.Decode(f.data); !errors.As(err, new(*namievents.ValidationError)) {
			t.Fatalf("%s: Decode: %v; the invalid fixtures must fail validation", f.name, err)
		}
		if w := post(t, &namievents.Handler{}, f.data); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s without OnInvalid: %d, want 422", f.name, w.Code)
		}
	}
	rec := &recorder{}
	fail := false
	h := handlerWithAll(rec, func() error {
		if fail {
			return errors.New("no")
		}
		return nil
	})
	for _, f := range invalid {
		if w := post(t, h, f.data); w.Code != http.StatusOK {
			t.Errorf("%s, OnInvalid returns nil: %d, want 200", f.name, w.Code)
		}
	}
	if len(rec.events) != 0 || len(rec.bodies) != len(invalid) {
		t.Fatalf("%d typed callbacks and %d OnInvalid calls for %d invalid payloads", len(rec.events), len(rec.bodies), len(invalid))
	}
	for i, f := range invalid {
		var verr *namievents.ValidationError
		if !bytes.Equal(rec.bodies[i], f.data) || !errors.As(rec.errs[i], &verr) || len(verr.Violations) == 0 {
			t.Errorf("%s: OnInvalid got the body %v, err %v", f.name, bytes.Equal(rec.bodies[i], f.data), rec.errs[i])
		}
	}
	fail = true
	if w := post(t, h, invalid[0].data); w.Code != http.StatusInternalServerError {
		t.Errorf("OnInvalid fails: %d, want 500", w.Code)
	}
}

// failingDeduper's store is down.
type failingDeduper struct{}

func (failingDeduper) Seen(context.Context, string) (bool, error) {
	return false, errors.New("store down")
}
func (failingDeduper) MarkSeen(context.Context, string) error { return errors.New("store down") }

// An unreachable deduplication store gives 503 (retry later) and runs no callback.
func TestHandlerDeduperFails(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	h.Dedupe = failingDeduper{}
	if w := post(t, h, fixtureBody(t, "user.subscription.renewed")); w.Code != http.StatusServiceUnavailable || rec.count() != 0 {
		t.Errorf("%d, %d callbacks; want 503, 0", w.Code, rec.count())
	}
}

// Invalid UTF-8 inside a JSON string is decoded as U+FFFD, as encoding/json does: the event is
// not lost over one bad byte in a display name.
func TestHandlerNonUTF8InString(t *testing.T) {
	rec := &recorder{}
	h := handlerWithAll(rec, noErr)
	body := bytes.Replace(fixtureBody(t, "user.subscription.renewed"), []byte("Radio Nami Premium"), []byte("Radio \xff\xfe Premium"), 1)
	if w := post(t, h, body); w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	ev := rec.events[0].(*namievents.UserSubscriptionRenewedEvent)
	if got := ev.ActiveEntitlements[0].Description.Value; got != "Radio \uFFFD\uFFFD Premium" {
		t.Errorf("description %q", got)
	}
}

// A body cut short (the client declares more than it sends, then closes) is 400, over a real
// connection.
func TestHandlerBodyCutShort(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(handlerWithAll(rec, noErr))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := fixtureBody(t, "user.subscription.renewed")
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	conn.Write(body[:len(body)/2])
	conn.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || rec.count() != 0 {
		t.Errorf("cut-short body: %d, %d callbacks; want 400, 0", resp.StatusCode, rec.count())
	}
}

// NewTestRequest builds a request from a typed event that the Handler decodes back to the same
// event, even when the event's Type field was left empty.
func TestNewTestRequest(t *testing.T) {
	for _, f := range readFixtures(t, "events") {
		ev, err := namievents.Decode(f.data)
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		h := handlerWithAll(rec, noErr)
		req, err := namievents.NewTestRequest(ev)
		if err != nil {
			t.Fatal(err)
		}
		if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: %s, Content-Type %q", f.name, req.Method, req.Header.Get("Content-Type"))
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK || len(rec.events) != 1 {
			t.Fatalf("%s: %d %s, %d callbacks", f.name, w.Code, w.Body, len(rec.events))
		}
		if d := cmp.Diff(ev, rec.events[0], timeEqual); d != "" {
			t.Errorf("%s: round trip (-sent +received):\n%s", f.name, d)
		}
	}
	ev := &namievents.DeviceSessionStartEvent{ // Type left empty
		ID: "04dbd4db-4fa1-43b4-a585-8ab2d0733cb1", UserID: "c50bce0e-f9cc-4ff0-b0e0-61bfa6e89b74",
		CreatedDate: time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC),
	}
	req, err := namievents.NewTestRequest(ev)
	if err != nil {
		t.Fatal(err)
	}
	var got *namievents.DeviceSessionStartEvent
	h := &namievents.Handler{OnDeviceSessionStart: func(_ context.Context, e *namievents.DeviceSessionStartEvent) error {
		got = e
		return nil
	}}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK || got == nil || got.ID != ev.ID || got.Type != namievents.EventTypeDeviceSessionStart {
		t.Fatalf("%d %s, got %+v", w.Code, w.Body, got)
	}
}

// Envelope gives the shared properties of every event without a type switch.
func TestEnvelope(t *testing.T) {
	for _, f := range readFixtures(t, "events") {
		ev, err := namievents.Decode(f.data)
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			ID          string    `json:"id"`
			UserID      string    `json:"user_id"`
			CreatedDate time.Time `json:"created_date"`
			EventType   string    `json:"event_type"`
		}
		if err := json.Unmarshal(f.data, &raw); err != nil {
			t.Fatal(err)
		}
		env := ev.Envelope()
		if env.ID != raw.ID || env.UserID != raw.UserID || !env.CreatedDate.Equal(raw.CreatedDate) || string(env.EventType) != raw.EventType {
			t.Errorf("%s: Envelope() = %+v, payload has %+v", f.name, env, raw)
		}
	}
}
