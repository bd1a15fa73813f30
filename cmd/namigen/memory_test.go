package main

import (
	"slices"
	"testing"

	"github.com/namigen/namigen/generator"
)

// The memory limit and gcPercent hold from load to the end, with a collection when emit
// starts, and the previous ones are back afterwards (restore, which generate calls twice), on
// success and on failure; GOGC or GOMEMLIMIT leave the collector alone.
func TestMemoryPhases(t *testing.T) {
	const prev, prevPercent = int64(3 << 30), 100
	all := []string{generator.PhaseLoad, generator.PhaseModel, generator.PhaseEmit}
	for _, tc := range []struct {
		name     string
		env      map[string]string
		phases   []string
		want     []int64 // the arguments of setLimit (-1 reads the previous limit), 0 for a collection
		percents []int   // the arguments of setPercent
	}{
		{"success", nil, all, []int64{-1, memoryLimit, 0, prev, prev}, []int{gcPercent, prevPercent}},
		{"failed load", nil, all[:1], []int64{-1, memoryLimit, prev, prev}, []int{gcPercent, prevPercent}},
		{"GOGC", map[string]string{"GOGC": "200"}, all, nil, nil},
		{"GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "2GiB"}, all, nil, nil},
	} {
		limit, percent := prev, prevPercent
		var calls []int64
		var percents []int
		set := func(l int64) int64 {
			calls = append(calls, l)
			old := limit
			if l >= 0 {
				limit = l
			}
			return old
		}
		setPercent := func(p int) int {
			percents = append(percents, p)
			old := percent
			percent = p
			return old
		}
		collect := func() { calls = append(calls, 0) }
		phase, restore := memoryPhases(func(k string) string { return tc.env[k] }, set, setPercent, collect)
		if phase != nil {
			for _, p := range tc.phases {
				phase(p)
			}
		} else if tc.want != nil {
			t.Errorf("%s: no phase hook", tc.name)
		}
		restore()
		restore()
		if !slices.Equal(calls, tc.want) {
			t.Errorf("%s: setLimit calls %v, want %v", tc.name, calls, tc.want)
		}
		if !slices.Equal(percents, tc.percents) {
			t.Errorf("%s: setPercent calls %v, want %v", tc.name, percents, tc.percents)
		}
		if limit != prev || percent != prevPercent {
			t.Errorf("%s: the limit and percent are %d and %d at the end, want the previous %d and %d", tc.name, limit, percent, prev, prevPercent)
		}
	}
}
