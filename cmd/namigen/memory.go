package main

import "github.com/namigen/namigen/generator"

// The load result of a large input (decoded documents, key orders, compiled schemas: about
// 15 times the input's size) is alive until the model is built, together with the IR. With
// the collector's default (GOGC=100) the heap grows to twice that before a collection: 1.4 to
// 1.7 GB of peak RSS for a bundle of 10,000 events (37 MB). So generate sets a soft memory
// limit, and the heap is collected before it passes memoryLimit. When emit starts, the load
// result is garbage: generate collects it at once (else the pacing set by the last collection
// while it was alive would let the heap grow to twice its size again). The limit holds through
// emit, whose formatted files pile up until they are written: at 10,000 events it keeps the
// peak under 1 GB (1.14 GB without it during emit) for about 6 % more CPU.
//
// The limit is soft: an input that needs more still succeeds, with the collector running more
// often (the runtime caps its share of the CPU). GOGC or GOMEMLIMIT in the environment leave
// the collector as the user set it.

// memoryLimit is the soft memory limit of a generation.
const memoryLimit = 850 << 20

// memoryPhases returns the Config.Phase hook that sets the memory limit when load starts and
// collects when emit starts, and restore, which puts the previous limit back (generate defers
// it, so a failure leaves no limit behind either). Both do nothing when
// getenv finds GOGC or GOMEMLIMIT set. setLimit is debug.SetMemoryLimit, collect runtime.GC.
func memoryPhases(getenv func(string) string, setLimit func(int64) int64, collect func()) (phase func(string), restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil, func() {}
	}
	prev := setLimit(-1) // a negative limit only reads the current one
	phase = func(name string) {
		switch name {
		case generator.PhaseLoad:
			setLimit(memoryLimit)
		case generator.PhaseEmit:
			collect()
		}
	}
	return phase, func() { setLimit(prev) }
}
