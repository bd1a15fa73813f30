package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// updateBaseline rewrites the sections of testdata/baseline.json that the tests ran:
//
//	go test ./cmd/conformance -run 'TestConformance' -update-baseline
var updateBaseline = flag.Bool("update-baseline", false, "rewrite testdata/baseline.json with the measured figures")

const baselinePath = "testdata/baseline.json"

// baselineFile is testdata/baseline.json: per section ("draft2020-12/required",
// "draft7/optional", "schemastore", ...) the number of tests and the exact list of those that
// fail. A test is named "file | group | test"; a skip counts as a failure.
type baselineFile struct {
	Note     string                     `json:"note"`
	Sections map[string]baselineSection `json:"sections"`
}

type baselineSection struct {
	Total   int      `json:"total"`
	Passed  int      `json:"passed"`
	Failing []string `json:"failing"`
}

// baselineMu serialises the read-modify-write of -update-baseline.
var baselineMu sync.Mutex

const baselineNote = "Conformance baseline: for each section, the number of tests and the exact set of failing ones (\"file | group | test\"; a skipped test fails). TestConformanceSuite and TestConformanceSchemaStore fail when a total changes, a test fails that is not listed, or a listed test passes. Rewrite it with: go test ./cmd/conformance -run TestConformance -update-baseline (and review the diff)."

func readBaselineFile(t *testing.T) baselineFile {
	t.Helper()
	data, err := os.ReadFile(baselinePath)
	if err != nil {
		t.Fatal(err)
	}
	var b baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("%s: %v", baselinePath, err)
	}
	return b
}

// testKey names a test in the baseline.
func testKey(file, group, test string) string {
	return file + " | " + group + " | " + test
}

// failingKeys lists the failing and skipped tests, sorted; a name that occurs more than once
// (the suite repeats some descriptions) gets " #2", " #3", ...
func failingKeys(fs []failure, ss []skip) []string {
	var keys []string
	for _, f := range fs {
		keys = append(keys, testKey(f.File, f.Group, f.Test))
	}
	for _, s := range ss {
		keys = append(keys, testKey(s.File, s.Group, s.Test))
	}
	sort.Strings(keys)
	seen := map[string]int{}
	for i, k := range keys {
		seen[k]++
		if n := seen[k]; n > 1 {
			keys[i] = fmt.Sprintf("%s #%d", k, n)
		}
	}
	return keys
}

// checkBaseline compares a section's figures with the baseline: same total, same failing set.
// With -update-baseline it records them instead.
func checkBaseline(t *testing.T, name string, c counts, fs []failure, ss []skip) {
	t.Helper()
	t.Logf("%s", headline(name, c))
	got := failingKeys(fs, ss)
	if *updateBaseline {
		baselineMu.Lock()
		defer baselineMu.Unlock()
		b := readBaselineFile(t)
		if b.Sections == nil {
			b.Sections = map[string]baselineSection{}
		}
		b.Note = baselineNote
		b.Sections[name] = baselineSection{Total: c.Total, Passed: c.Passed, Failing: append([]string{}, got...)}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.FromSlash(baselinePath), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: baseline updated: %d/%d, %d failing", name, c.Passed, c.Total, len(got))
		return
	}
	want, ok := readBaselineFile(t).Sections[name]
	if !ok {
		t.Fatalf("%s: no section in %s; record it with -update-baseline", name, baselinePath)
	}
	messages := map[string]string{}
	for _, f := range fs {
		messages[testKey(f.File, f.Group, f.Test)] = fmt.Sprintf("expected %s, got %s: %s", f.Expected, f.Got, oneLine(f.Message, 300))
	}
	for _, s := range ss {
		messages[testKey(s.File, s.Group, s.Test)] = "skipped: " + s.Reason
	}
	newFail, newPass := compareFailing(want.Failing, got)
	if c.Total != want.Total {
		t.Errorf("%s: %d tests, but %s records %d", name, c.Total, baselinePath, want.Total)
	}
	for _, k := range newFail {
		t.Errorf("%s: new failure: %s: %s", name, k, messages[strings.SplitN(k, " #", 2)[0]])
	}
	for _, k := range newPass {
		t.Errorf("%s: passes now, but %s lists it as failing: %s", name, baselinePath, k)
	}
	if t.Failed() {
		t.Logf("%s: %d passed of %d (baseline %d of %d); once the change is intended, run: go test ./cmd/conformance -run TestConformance -update-baseline",
			name, c.Passed, c.Total, want.Passed, want.Total)
	}
}

// setDiff returns the elements of a that are not in b.
func setDiff(a, b []string) []string {
	in := map[string]bool{}
	for _, k := range b {
		in[k] = true
	}
	var out []string
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	return out
}

// compareFailing returns the tests failing now that the baseline does not list, and those it
// lists that pass now.
func compareFailing(recorded, now []string) (newFail, newPass []string) {
	return setDiff(now, recorded), setDiff(recorded, now)
}

// TestBaselineCheck: a new failure is reported even when another test got fixed at the same
// time (the pass count is unchanged), the recorded set is accepted, and repeated names stay
// apart.
func TestBaselineCheck(t *testing.T) {
	fs := []failure{{File: "a.json", Group: "g", Test: "t1"}, {File: "a.json", Group: "g", Test: "t1"}}
	keys := failingKeys(fs, []skip{{File: "b.json", Group: "g", Test: "s"}})
	if strings.Join(keys, ";") != "a.json | g | t1;a.json | g | t1 #2;b.json | g | s" {
		t.Fatalf("failingKeys: %q", keys)
	}
	recorded := []string{"a.json | g | t1", "a.json | g | t2"}
	newFail, newPass := compareFailing(recorded, []string{"a.json | g | t1", "a.json | g | t3"})
	if len(newFail) != 1 || newFail[0] != "a.json | g | t3" || len(newPass) != 1 || newPass[0] != "a.json | g | t2" {
		t.Fatalf("swap: new failures %q, new passes %q", newFail, newPass)
	}
	if newFail, newPass := compareFailing(recorded, recorded); len(newFail)+len(newPass) != 0 {
		t.Fatalf("same set: %q %q", newFail, newPass)
	}
}
