package write

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change.
const diffContext = 3

// diffCostLimit bounds the edit distance explored by a single middle-snake search. Beyond it the
// search settles for the furthest-reaching path found so far (as GNU diff does), so the output is
// still a correct diff, only perhaps not a minimal one. Inputs with fewer than about twice this
// many differing lines always get a minimal diff.
const diffCostLimit = 4096

// Diff returns a unified diff (as `diff -u` prints it, without timestamps) turning old into new,
// with "--- oldName" / "+++ newName" headers and hunks with 3 lines of context. A last line without
// a newline is followed by "\ No newline at end of file". Diff returns "" when old and new are
// equal.
//
// Lines are compared with Myers' O(ND) algorithm in its linear-space form; lines present in only
// one of the inputs are set aside first, so even inputs with nothing in common are fast.
func Diff(oldName, newName string, old, new []byte) string {
	return diffLimited(oldName, newName, old, new, diffCostLimit)
}

// diffLimited is Diff with the cost limit of one middle-snake search as a parameter (tests
// lower it to exercise the heuristic).
func diffLimited(oldName, newName string, old, new []byte, costLimit int) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	delA, insB := diffMarks(a, b, costLimit)

	var sb strings.Builder
	sb.WriteString("--- " + oldName + "\n")
	sb.WriteString("+++ " + newName + "\n")
	writeHunks(&sb, editScript(a, b, delA, insB))
	return sb.String()
}

// splitLines splits data into lines, each keeping its "\n"; only the last may lack it.
func splitLines(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data))
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

// diffMarks computes a shortest edit script from a to b: delA[i] reports that a[i] is deleted,
// insB[j] that b[j] is inserted; the remaining lines of a and b pair up in order.
func diffMarks(a, b []string, costLimit int) (delA, insB []bool) {
	ids := make(map[string]int, len(a)+len(b))
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, s := range lines {
			id, ok := ids[s]
			if !ok {
				id = len(ids)
				ids[s] = id
			}
			out[i] = id
		}
		return out
	}
	ia, ib := intern(a), intern(b)
	inA, inB := make([]bool, len(ids)), make([]bool, len(ids))
	for _, id := range ia {
		inA[id] = true
	}
	for _, id := range ib {
		inB[id] = true
	}

	// A line that does not occur on the other side can never be matched: mark it now and run the
	// O(ND) search only on the rest. This keeps D (and the time) small when a file is rewritten.
	delA, insB = make([]bool, len(a)), make([]bool, len(b))
	m := myers{costLimit: costLimit}
	for i, id := range ia {
		if inB[id] {
			m.a = append(m.a, id)
			m.aIdx = append(m.aIdx, i)
		} else {
			delA[i] = true
		}
	}
	for j, id := range ib {
		if inA[id] {
			m.b = append(m.b, id)
			m.bIdx = append(m.bIdx, j)
		} else {
			insB[j] = true
		}
	}
	m.delA, m.insB = delA, insB
	m.compare(0, len(m.a), 0, len(m.b))
	return delA, insB
}

// myers is the linear-space variant of Myers' O(ND) difference algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986, section 4b): find the middle snake of a shortest edit path,
// then solve the two halves on either side of it.
type myers struct {
	a, b       []int  // interned lines being compared
	aIdx, bIdx []int  // position of a[i] / b[j] in the original input
	delA, insB []bool // results, indexed by original position
	vf, vb     []int  // furthest-reaching x per diagonal, forward and backward (reused)
	costLimit  int    // diffCostLimit, or less in tests
}

// compare marks the differences between a[aLo:aHi] and b[bLo:bHi].
func (m *myers) compare(aLo, aHi, bLo, bHi int) {
	for {
		for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
			aLo++
			bLo++
		}
		for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
			aHi--
			bHi--
		}
		if aLo == aHi || bLo == bHi {
			m.markAll(aLo, aHi, bLo, bHi)
			return
		}
		x, y, ok := m.split(aLo, aHi, bLo, bHi)
		if !ok || (x == aLo && y == bLo) || (x == aHi && y == bHi) {
			m.markAll(aLo, aHi, bLo, bHi)
			return
		}
		m.compare(aLo, x, bLo, y)
		aLo, bLo = x, y // iterate instead of recursing on the second half
	}
}

func (m *myers) markAll(aLo, aHi, bLo, bHi int) {
	for i := aLo; i < aHi; i++ {
		m.delA[m.aIdx[i]] = true
	}
	for j := bLo; j < bHi; j++ {
		m.insB[m.bIdx[j]] = true
	}
}

// split finds a point (x, y) on a shortest edit path through a[aLo:aHi] × b[bLo:bHi] that lies
// strictly between its two corners (both ranges are non-empty and differ at both ends). ok is
// false if the ranges have no line in common, so that everything is changed.
func (m *myers) split(aLo, aHi, bLo, bHi int) (x, y int, ok bool) {
	a, b := m.a[aLo:aHi], m.b[bLo:bHi]
	n, mm := len(a), len(b)
	maxD := (n + mm + 1) / 2
	off := maxD
	size := 2*maxD + 2
	if cap(m.vf) < size {
		m.vf, m.vb = make([]int, size), make([]int, size)
	}
	vf, vb := m.vf[:size], m.vb[:size]
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	vf[off+1], vb[off+1] = 0, 0
	delta := n - mm
	odd := delta%2 != 0
	// Diagonals running off the grid are dropped from the scan by narrowing its range.
	kfStart, kfEnd, kbStart, kbEnd := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		// Forward: vf[off+k] is the furthest x reached on diagonal k = x - y from (0, 0).
		for k := -d + kfStart; k <= d-kfEnd; k += 2 {
			var x int
			if k == -d || (k != d && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			for x < n && y < mm && a[x] == b[y] {
				x++
				y++
			}
			vf[off+k] = x
			switch {
			case x > n:
				kfEnd += 2
			case y > mm:
				kfStart += 2
			case odd:
				// The backward path on the same diagonal, if any, ends at (n-xb, mm-yb).
				kb := delta - k
				if kb >= -maxD && kb <= maxD {
					if xb := vb[off+kb]; xb >= 0 && xb <= n && xb-kb >= 0 && xb-kb <= mm && x >= n-xb {
						return aLo + x, bLo + y, true
					}
				}
			}
		}
		// Backward: vb[off+k] is the furthest distance walked back from (n, mm) on diagonal
		// k = (n-x) - (mm-y).
		for k := -d + kbStart; k <= d-kbEnd; k += 2 {
			var xb int
			if k == -d || (k != d && vb[off+k-1] < vb[off+k+1]) {
				xb = vb[off+k+1]
			} else {
				xb = vb[off+k-1] + 1
			}
			yb := xb - k
			for xb < n && yb < mm && a[n-xb-1] == b[mm-yb-1] {
				xb++
				yb++
			}
			vb[off+k] = xb
			switch {
			case xb > n:
				kbEnd += 2
			case yb > mm:
				kbStart += 2
			case !odd:
				kf := delta - k
				if kf >= -maxD && kf <= maxD {
					if x := vf[off+kf]; x >= 0 && x <= n && x-kf >= 0 && x-kf <= mm && x >= n-xb {
						return aLo + x, bLo + x - kf, true
					}
				}
			}
		}
		if d >= m.costLimit {
			// Too expensive: split at the forward point that got furthest.
			best, bx, by := -1, 0, 0
			for k := -d + kfStart; k <= d-kfEnd; k += 2 {
				x := vf[off+k]
				y := x - k
				if x < 0 || x > n || y < 0 || y > mm || (x == n && y == mm) {
					continue
				}
				if x+y > best {
					best, bx, by = x+y, x, y
				}
			}
			if best > 0 {
				return aLo + bx, bLo + by, true
			}
		}
	}
	return 0, 0, false
}

// edit is one line of an edit script: kind is ' ', '-' or '+'; ai and bi are the 0-based positions
// in the old and new text before the line.
type edit struct {
	kind   byte
	line   string
	ai, bi int
}

func editScript(a, b []string, delA, insB []bool) []edit {
	script := make([]edit, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && delA[i]:
			script = append(script, edit{'-', a[i], i, j})
			i++
		case j < len(b) && insB[j]:
			script = append(script, edit{'+', b[j], i, j})
			j++
		default:
			script = append(script, edit{' ', a[i], i, j})
			i++
			j++
		}
	}
	return script
}

// writeHunks writes the hunks of script: changes closer than 2*diffContext unchanged lines share
// a hunk, as in GNU diff.
func writeHunks(sb *strings.Builder, script []edit) {
	var changes []int
	for i, e := range script {
		if e.kind != ' ' {
			changes = append(changes, i)
		}
	}
	if len(changes) == 0 {
		return
	}
	first, last := changes[0], changes[0]
	for _, c := range changes[1:] {
		if c-last-1 > 2*diffContext {
			writeHunk(sb, script, first, last)
			first = c
		}
		last = c
	}
	writeHunk(sb, script, first, last)
}

func writeHunk(sb *strings.Builder, script []edit, first, last int) {
	lo := max(0, first-diffContext)
	hi := min(len(script), last+diffContext+1)
	oldCount, newCount := 0, 0
	for _, e := range script[lo:hi] {
		if e.kind != '+' {
			oldCount++
		}
		if e.kind != '-' {
			newCount++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n",
		hunkRange(script[lo].ai+1, oldCount), hunkRange(script[lo].bi+1, newCount))
	for _, e := range script[lo:hi] {
		sb.WriteByte(e.kind)
		sb.WriteString(e.line)
		if !strings.HasSuffix(e.line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk range as diff -u does: "start,count", "start" when count is 1, and
// "start-1,0" (the line before the empty range) when count is 0.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
