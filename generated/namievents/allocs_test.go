package namievents_test

import (
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
