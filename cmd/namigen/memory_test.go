package main

import (
	"slices"
	"testing"

	"github.com/namigen/namigen/generator"
)

// The memory limit holds from load to the end, with a collection when emit starts, and the
// previous one is back afterwards (restore), on success and on failure; GOGC or GOMEMLIMIT
// leave the collector alone.
func TestMemoryPhases(t *testing.T) {
	const prev = int64(3 << 30)
	all := []string{generator.PhaseLoad, generator.PhaseModel, generator.PhaseEmit}
	for _, tc := range []struct {
		name   string
		env    map[string]string
		phases []string
		want   []int64 // the arguments of setLimit (-1 reads the previous limit), 0 for a collection
	}{
		{"success", nil, all, []int64{-1, memoryLimit, 0, prev}},
		{"failed load", nil, all[:1], []int64{-1, memoryLimit, prev}},
		{"GOGC", map[string]string{"GOGC": "200"}, all, nil},
		{"GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "2GiB"}, all, nil},
	} {
		limit := prev
		var calls []int64
		set := func(l int64) int64 {
			calls = append(calls, l)
			old := limit
			if l >= 0 {
				limit = l
			}
			return old
		}
		collect := func() { calls = append(calls, 0) }
		phase, restore := memoryPhases(func(k string) string { return tc.env[k] }, set, collect)
		if phase != nil {
			for _, p := range tc.phases {
				phase(p)
			}
		} else if tc.want != nil {
			t.Errorf("%s: no phase hook", tc.name)
		}
		restore()
		if !slices.Equal(calls, tc.want) {
			t.Errorf("%s: setLimit calls %v, want %v", tc.name, calls, tc.want)
		}
		if limit != prev {
			t.Errorf("%s: the limit is %d at the end, want the previous %d", tc.name, limit, prev)
		}
	}
}
