package main

import "github.com/namigen/namigen/generator"

// The load result of a large input (decoded documents, key orders, compiled schemas: about
// 15 times the input's size) is alive until the model is built, together with the IR. With
// the collector's default (GOGC=100) the heap grows to twice that before a collection: 1.4 to
// 1.7 GB of peak RSS for a bundle of 10,000 events (37 MB). So generate sets a soft memory
// limit, and the heap is collected before it passes memoryLimit. When emit starts, the load
// result is garbage: generate collects it at once (else the pacing set by the last collection
// while it was alive would let the heap grow to twice its size again). The limit holds through
// emit, whose formatted files pile up until they are written.
//
// Under the limit, the collector need not run as often as GOGC=100 makes it: generate sets
// gcPercent, so that a heap far below the limit grows to five times what is alive before a
// collection. At 1,000 events (a live heap under 100 MB), interleaved runs took 4.4 to 4.8 s
// of user time and 2.9 to 3.2 s of wall time, against 5.6 to 6.1 s and 3.5 to 3.9 s with
// GOGC=100 and the old 850 MiB limit; at 10,000 events the limit decides, as before.
//
// The limit is soft: an input that needs more still succeeds, with the collector running more
// often (the runtime caps its share of the CPU). GOGC or GOMEMLIMIT in the environment leave
// the collector as the user set it.

// memoryLimit is the soft memory limit of a generation.
const memoryLimit = 800 << 20

// gcPercent is the collector's GOGC during a generation.
const gcPercent = 400

// memoryPhases returns the Config.Phase hook that sets the memory limit and gcPercent when
// load starts and collects when emit starts, and restore, which puts the previous limit and
// percent back (generate defers it, so a failure leaves them as they were too). Both do
// nothing when getenv finds GOGC or GOMEMLIMIT set. setLimit is debug.SetMemoryLimit,
// setPercent debug.SetGCPercent, collect runtime.GC.
func memoryPhases(getenv func(string) string, setLimit func(int64) int64, setPercent func(int) int, collect func()) (phase func(string), restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil, func() {}
	}
	prev := setLimit(-1) // a negative limit only reads the current one
	prevPercent, set := 0, false
	phase = func(name string) {
		switch name {
		case generator.PhaseLoad:
			setLimit(memoryLimit)
			if !set {
				prevPercent, set = setPercent(gcPercent), true
			}
		case generator.PhaseEmit:
			collect()
		}
	}
	return phase, func() {
		setLimit(prev)
		if set {
			setPercent(prevPercent)
			set = false
		}
	}
}
