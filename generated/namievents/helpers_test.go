package namievents_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixture is one JSON file under testdata.
type fixture struct {
	name string // file name without .json
	data []byte
}

// readFixtures returns every .json file in testdata/<dir>, sorted by name.
func readFixtures(t *testing.T, dir string) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/%s", dir)
	}
	var out []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{name: strings.TrimSuffix(filepath.Base(p), ".json"), data: data})
	}
	return out
}

// timeEqual compares time.Time values by instant, ignoring location and monotonic clock.
var timeEqual = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
