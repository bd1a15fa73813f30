package main

import "github.com/namigen/namigen/generator"

// The load result of a large input (decoded documents, key orders, compiled schemas: about
// 15 times the input's size) is alive until the model is built, together with the IR. With
// the collector's default (GOGC=100) the heap grows to twice that before a collection: 1.4 to
// 1.7 GB of peak RSS for a bundle of 10,000 events (37 MB). While the load result is alive,
// generate sets a soft memory limit instead, so that the heap is collected before it passes
// loadMemoryLimit. Emit allocates much more and holds much less: when it starts, the load
// result is garbage, so generate collects it at once (else the default pacing, set by the
// last collection while it was alive, would let the heap grow to twice its size again) and
// lifts the limit, where the default pacing costs the least CPU.
//
// The limit is soft: an input whose load result alone needs more than the limit still
// succeeds, with the collector running more often until emit starts (the runtime caps its
// share of the CPU). GOGC or GOMEMLIMIT in the environment leave the collector as the user
// set it.

// loadMemoryLimit is the soft memory limit of the load and model phases.
const loadMemoryLimit = 900 << 20

// memoryPhases returns the Config.Phase hook that sets the memory limit for load and model,
// and for emit collects and restores the previous one, and restore, which puts the previous
// one back (generate defers it: a failed load leaves no limit behind). Both do nothing when
// getenv finds GOGC or GOMEMLIMIT set. setLimit is debug.SetMemoryLimit, collect runtime.GC.
func memoryPhases(getenv func(string) string, setLimit func(int64) int64, collect func()) (phase func(string), restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil, func() {}
	}
	prev := setLimit(-1) // a negative limit only reads the current one
	phase = func(name string) {
		switch name {
		case generator.PhaseLoad, generator.PhaseModel:
			setLimit(loadMemoryLimit)
		case generator.PhaseEmit:
			collect()
			setLimit(prev)
		}
	}
	return phase, func() { setLimit(prev) }
}
