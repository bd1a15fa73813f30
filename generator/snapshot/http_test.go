package snapshot

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fastRetry records the waits instead of sleeping.
func fastRetry(waits *[]time.Duration) Retry {
	return Retry{
		Sleep: func(_ context.Context, d time.Duration) error {
			*waits = append(*waits, d)
			return nil
		},
		Jitter: func(n time.Duration) time.Duration { return n },
	}
}

func TestBackoff(t *testing.T) {
	var waits []time.Duration
	o := ClientOptions{URL: "http://h/", Retry: fastRetry(&waits)}
	o.Retry.Attempts, o.Retry.Base, o.Retry.Max = 6, 100*time.Millisecond, time.Second
	if err := o.setDefaults(); err != nil {
		t.Fatal(err)
	}
	c := newClient(&o)
	var got []time.Duration
	for n := 1; n <= 5; n++ {
		got = append(got, c.backoff(n))
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, time.Second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("backoff with the longest jitter (-want +got):\n%s", diff)
	}
	o.Retry.Jitter = func(time.Duration) time.Duration { return 0 }
	if d := c.backoff(3); d != 200*time.Millisecond {
		t.Errorf("backoff with no jitter = %v, want half of 400ms", d)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2", 2 * time.Second, true},
		{" 0 ", 0, true},
		{"Fri, 02 Jan 2026 15:04:35 GMT", 30 * time.Second, true},
		{"Fri, 02 Jan 2026 15:00:00 GMT", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
	} {
		got, ok := retryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
