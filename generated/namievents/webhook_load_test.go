package namievents_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/namigen/namigen/generated/namievents"
)

// loadResult is what runLoad measured.
type loadResult struct {
	requests   int
	elapsed    time.Duration
	p50, p99   time.Duration
	before     int // goroutines before the server started
	after      int // goroutines once server and client were closed
	callbacks  int64
	wrong      []string // answers that were not 200, or callbacks that did not run
	duplicates int64
}

// runLoad posts n webhook deliveries over conns concurrent keep-alive connections to a Handler
// on a loopback httptest server, each with a distinct event id (the 20 fixtures in turn), then
// posts every 10th body again as a retried duplicate. It checks that every answer is 200, that
// every distinct event ran its callback exactly once and no duplicate ran it, and counts
// goroutines before the server starts and after it and the client are closed.
func runLoad(tb testing.TB, fixtures []fixture, n, conns int) loadResult {
	tb.Helper()
	bodies := make([][]byte, n)
	for i := range bodies {
		f := fixtures[i%len(fixtures)]
		bodies[i] = withID(tb, f.data, fmt.Sprintf("00000000-0000-4000-8000-%012d", i))
	}
	res := loadResult{requests: n + n/10}
	runtime.GC()
	res.before = runtime.NumGoroutine()

	var calls atomic.Int64
	h := &namievents.Handler{Dedupe: namievents.NewMemoryDeduper(2*n, time.Hour)}
	count := func(context.Context) error { calls.Add(1); return nil }
	h.OnDeviceImpression = func(ctx context.Context, _ *namievents.DeviceImpressionEvent) error { return count(ctx) }
	h.OnDeviceSessionStart = func(ctx context.Context, _ *namievents.DeviceSessionStartEvent) error { return count(ctx) }
	h.OnDeviceSessionEnd = func(ctx context.Context, _ *namievents.DeviceSessionEndEvent) error { return count(ctx) }
	h.OnDeviceTransaction = func(ctx context.Context, _ *namievents.DeviceTransactionEvent) error { return count(ctx) }
	h.OnPurchaseUpdated = func(ctx context.Context, _ *namievents.PurchaseUpdatedEvent) error { return count(ctx) }
	h.OnUserJourneyTrialStarted = func(ctx context.Context, _ *namievents.UserJourneyTrialStartedEvent) error { return count(ctx) }
	h.OnUserJourneyTrialConverted = func(ctx context.Context, _ *namievents.UserJourneyTrialConvertedEvent) error { return count(ctx) }
	h.OnUserJourneyTrialDidNotConvert = func(ctx context.Context, _ *namievents.UserJourneyTrialDidNotConvertEvent) error {
		return count(ctx)
	}
	h.OnUserSubscriptionPurchased = func(ctx context.Context, _ *namievents.UserSubscriptionPurchasedEvent) error { return count(ctx) }
	h.OnUserSubscriptionRenewed = func(ctx context.Context, _ *namievents.UserSubscriptionRenewedEvent) error { return count(ctx) }
	h.OnUserSubscriptionCancelled = func(ctx context.Context, _ *namievents.UserSubscriptionCancelledEvent) error { return count(ctx) }
	h.OnUserSubscriptionExpired = func(ctx context.Context, _ *namievents.UserSubscriptionExpiredEvent) error { return count(ctx) }
	h.OnUserSubscriptionInGracePeriod = func(ctx context.Context, _ *namievents.UserSubscriptionInGracePeriodEvent) error {
		return count(ctx)
	}
	h.OnUserSubscriptionRenewalInGracePeriod = func(ctx context.Context, _ *namievents.UserSubscriptionRenewalInGracePeriodEvent) error {
		return count(ctx)
	}
	h.OnUserSubscriptionPaused = func(ctx context.Context, _ *namievents.UserSubscriptionPausedEvent) error { return count(ctx) }
	h.OnUserSubscriptionResumed = func(ctx context.Context, _ *namievents.UserSubscriptionResumedEvent) error { return count(ctx) }
	h.OnUserSubscriptionPendingSKUChange = func(ctx context.Context, _ *namievents.UserSubscriptionPendingSKUChangeEvent) error {
		return count(ctx)
	}
	h.OnUserSubscriptionSKUChange = func(ctx context.Context, _ *namievents.UserSubscriptionSKUChangeEvent) error { return count(ctx) }
	h.OnUserSubscriptionTransferredFrom = func(ctx context.Context, _ *namievents.UserSubscriptionTransferredFromEvent) error {
		return count(ctx)
	}
	h.OnUserSubscriptionTransferredTo = func(ctx context.Context, _ *namievents.UserSubscriptionTransferredToEvent) error {
		return count(ctx)
	}
	srv := httptest.NewServer(h)
	tr := &http.Transport{MaxConnsPerHost: conns, MaxIdleConnsPerHost: conns}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	// Jobs 0..n-1 are distinct events; jobs n.. repeat every 10th one.
	jobs := make(chan int)
	latencies := make([]time.Duration, res.requests)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				t0 := time.Now()
				resp, err := client.Post(srv.URL, "application/json", bytes.NewReader(bodies[j]))
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				latencies[j] = time.Since(t0)
				if err != nil || resp.StatusCode != http.StatusOK {
					mu.Lock()
					if err != nil {
						res.wrong = append(res.wrong, fmt.Sprintf("request %d: %v", j, err))
					} else {
						res.wrong = append(res.wrong, fmt.Sprintf("request %d: status %d", j, resp.StatusCode))
					}
					mu.Unlock()
				}
			}
		}()
	}
	for j := range n {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	// Duplicates go after every first delivery was answered, as a sender's retries do.
	dup := make(chan int)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range dup {
				t0 := time.Now()
				resp, err := client.Post(srv.URL, "application/json", bytes.NewReader(bodies[(j-n)*10]))
				latencies[j] = time.Since(t0)
				if err != nil || resp.StatusCode != http.StatusOK {
					mu.Lock()
					res.wrong = append(res.wrong, fmt.Sprintf("duplicate %d: %v %v", j, err, resp))
					mu.Unlock()
				}
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	for j := n; j < res.requests; j++ {
		dup <- j
	}
	close(dup)
	wg.Wait()
	res.elapsed = time.Since(start)

	res.callbacks = calls.Load()
	if res.callbacks != int64(n) {
		res.wrong = append(res.wrong, fmt.Sprintf("%d callbacks for %d distinct events (%d duplicates posted)", res.callbacks, n, n/10))
	}
	tr.CloseIdleConnections()
	srv.Close()
	// Let the closed connections' goroutines finish before counting.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if res.after = runtime.NumGoroutine(); res.after <= res.before {
			break
		}
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	res.p50 = latencies[len(latencies)/2]
	res.p99 = latencies[len(latencies)*99/100]
	return res
}

func (r loadResult) check(tb testing.TB) {
	tb.Helper()
	for i, w := range r.wrong {
		if i == 10 {
			tb.Errorf("... and %d more", len(r.wrong)-10)
			break
		}
		tb.Error(w)
	}
	if r.after > r.before {
		tb.Errorf("goroutine leak: %d before the load, %d after", r.before, r.after)
	}
}

// TestHandlerLoad is the small version of BenchmarkWebhookLoad, meant for -race: 1,000
// deliveries and 100 duplicates over 8 connections.
func TestHandlerLoad(t *testing.T) {
	n, conns := 1000, 8
	if testing.Short() {
		n = 200
	}
	res := runLoad(t, readFixtures(t, "events"), n, conns)
	res.check(t)
	t.Logf("%d requests in %v; p50 %v, p99 %v; goroutines %d before, %d after", res.requests, res.elapsed, res.p50, res.p99, res.before, res.after)
}

// BenchmarkWebhookLoad posts 10,000 webhook deliveries (and 1,000 retried duplicates) over 32
// concurrent keep-alive connections to a Handler on loopback, and reports the throughput
// (req/s), the median and 99th-percentile latency, and the goroutines left over. One op is the
// whole run: use -benchtime 1x.
//
//	go test -run '^$' -bench WebhookLoad -benchtime 1x ./generated/namievents
func BenchmarkWebhookLoad(b *testing.B) {
	fixtures := readFixtures(b, "events")
	var last loadResult
	for b.Loop() {
		last = runLoad(b, fixtures, 10_000, 32)
		last.check(b)
	}
	b.ReportMetric(float64(last.requests)/last.elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(last.p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(last.p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(last.after-last.before), "goroutines-leaked")
}

// BenchmarkHandlerServeHTTP is the handler's own cost without the network: one op is the 20
// fixtures served in turn through httptest (read, decode, validate, dispatch to a callback),
// beside Decode alone on the same bodies.
func BenchmarkHandlerServeHTTP(b *testing.B) {
	fixtures := readFixtures(b, "events")
	b.Run("ServeHTTP", func(b *testing.B) {
		h := &namievents.Handler{OnUserSubscriptionRenewed: func(context.Context, *namievents.UserSubscriptionRenewedEvent) error { return nil }}
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range fixtures {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(f.data)))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", f.name, rec.Code)
				}
			}
		}
	})
	b.Run("Decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range fixtures {
				if _, err := namievents.Decode(f.data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
