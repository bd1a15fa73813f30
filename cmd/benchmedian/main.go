// Command benchmedian reads `go test -bench` output (run with -count N) on standard input and
// prints, for every benchmark, the median of each metric over its runs, in first-seen order.
// `make bench` pipes its -count 5 run through it; the README's figures are these medians.
//
//	go test -run '^$' -bench . -benchmem -count 5 ./... | go run ./cmd/benchmedian
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchmedian:", err)
		os.Exit(1)
	}
}

// bench is one benchmark's values, by unit, in the order the units first appear.
type bench struct {
	units  []string
	values map[string][]float64
}

func run(in io.Reader, out io.Writer) error {
	var names []string
	byName := map[string]*bench{}
	pkg := ""
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = p
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := pkg + " " + f[0]
		b := byName[name]
		if b == nil {
			b = &bench{values: map[string][]float64{}}
			byName[name] = b
			names = append(names, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return fmt.Errorf("%q: %v", line, err)
			}
			unit := f[i+1]
			if _, seen := b.values[unit]; !seen {
				b.units = append(b.units, unit)
			}
			b.values[unit] = append(b.values[unit], v)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no benchmark lines on standard input")
	}
	w := bufio.NewWriter(out)
	for _, name := range names {
		b := byName[name]
		fmt.Fprintf(w, "%s", name)
		for _, u := range b.units {
			vs := b.values[u]
			fmt.Fprintf(w, "  %s %s", format(median(vs)), u)
		}
		fmt.Fprintf(w, "  (runs: %d)\n", len(b.values[b.units[0]]))
	}
	return w.Flush()
}

// median of vs (the mean of the middle two for an even count); vs is reordered.
func median(vs []float64) float64 {
	sort.Float64s(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2]
	}
	return (vs[n/2-1] + vs[n/2]) / 2
}

func format(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
