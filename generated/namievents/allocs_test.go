package namievents_test

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/namigen/namigen/generated/namievents"
)

// TestValidateAllocatesNothing: Validate on a decoded valid event allocates nothing, for every
// event type (the promise the README makes; the benchmark shows the figure, this test holds it).
func TestValidateAllocatesNothing(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("coverage and race instrumentation change allocation counts")
	}
	n := 0
	for _, s := range fuzzSeeds(t) {
		if !strings.HasPrefix(s.name, "events-") {
			continue
		}
		ev, err := namievents.Decode(s.data)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		n++
		if allocs := testing.AllocsPerRun(100, func() {
			if err := ev.Validate(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}); allocs != 0 {
			t.Errorf("%s (%T): Validate allocates %.1f times per call, want 0", s.name, ev, allocs)
		}
	}
	if n != len(namievents.AllEventTypes()) {
		t.Errorf("checked %d valid fixtures, want one per event type (%d)", n, len(namievents.AllEventTypes()))
	}
}

// TestDecodeAllocatesLessThanPlain holds issue 11's memory target as a test: Decode (decode and
// validate) of each valid fixture allocates no more often, and no more bytes, than
// encoding/json decoding the same payload into the hand-written plainEvent. An allocation
// count is deterministic, so this catches a buffer or a path that starts escaping to the heap
// (it did once: a cut of the scanner into mutually recursive functions moved a buffer).
func TestDecodeAllocatesLessThanPlain(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("coverage and race instrumentation change allocation counts")
	}
	var decAllocs, plainAllocs float64
	var decBytes, plainBytes uint64
	for _, s := range fuzzSeeds(t) {
		if !strings.HasPrefix(s.name, "events-") {
			continue
		}
		decAllocs += testing.AllocsPerRun(20, func() {
			if _, err := namievents.Decode(s.data); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		})
		plainAllocs += testing.AllocsPerRun(20, func() {
			var ev plainEvent
			if err := json.Unmarshal(s.data, &ev); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		})
		decBytes += bytesPerRun(func() { _, _ = namievents.Decode(s.data) })
		plainBytes += bytesPerRun(func() {
			var ev plainEvent
			_ = json.Unmarshal(s.data, &ev)
		})
	}
	t.Logf("20 fixtures: Decode %.0f allocs, %d B; plain encoding/json %.0f allocs, %d B", decAllocs, decBytes, plainAllocs, plainBytes)
	if decAllocs > plainAllocs || decBytes > plainBytes {
		t.Errorf("Decode allocates %.0f times and %d bytes for the 20 fixtures, plain encoding/json %.0f and %d: want no more", decAllocs, decBytes, plainAllocs, plainBytes)
	}
}

// bytesPerRun is the bytes f allocates per call, averaged over 20 calls after a warm-up.
func bytesPerRun(f func()) uint64 {
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 20; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / 20
}
