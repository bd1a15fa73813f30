package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/namigen/namigen/generator/sharedtest"
)

// The shared test data lives beside the checkout, not in the repository.
const (
	suiteDir   = "../../../shared/testdata/json-schema-test-suite/tests/draft2020-12"
	remotesDir = "../../../shared/testdata/json-schema-test-suite/remotes"
	storeDir   = "../../../shared/testdata/schemastore"
)

// baseline is testdata/baseline.json: the pass counts the conformance figures may not fall below.
type baseline struct {
	Note               string         `json:"note"`
	Draft202012Require baselineFigure `json:"draft2020-12-required"`
	SchemaStore        baselineFigure `json:"schemastore"`
}

type baselineFigure struct {
	Passed int `json:"passed"`
	Total  int `json:"total"`
}

func readBaseline(t *testing.T) baseline {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	var b baseline
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("testdata/baseline.json: %v", err)
	}
	return b
}

func needShared(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		msg := "shared test data not found at " + dir + " (the shared/testdata folder beside the checkout)"
		if sharedtest.InCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if testing.Short() {
		t.Skip("generates and compiles hundreds of packages; skipped in -short mode")
	}
}

// compare fails when the measured pass count is below the baseline and says so when it is above,
// so that the baseline can be raised (the figure can only go up).
func compare(t *testing.T, name string, got counts, want baselineFigure) {
	t.Helper()
	t.Logf("%s", headline(name, got))
	if got.Passed < want.Passed {
		t.Errorf("%s: %d tests pass, below the %d recorded in testdata/baseline.json (of %d then, %d now); see the failures above",
			name, got.Passed, want.Passed, want.Total, got.Total)
		return
	}
	if got.Passed > want.Passed {
		t.Logf("%s: %d tests pass, above the %d recorded: raise testdata/baseline.json to {\"passed\": %d, \"total\": %d}",
			name, got.Passed, want.Passed, got.Passed, got.Total)
	}
}

func logFailures(t *testing.T, fs []failure, ss []skip) {
	t.Helper()
	var b bytes.Buffer
	writeFailures(&b, fs, ss)
	if b.Len() > 0 {
		t.Log(b.String())
	}
}

// TestConformanceSuite runs the required tests of the JSON-Schema-Test-Suite, draft 2020-12.
func TestConformanceSuite(t *testing.T) {
	needShared(t, suiteDir)
	start := time.Now()
	groups, err := run(context.Background(), options{Dir: suiteDir, Draft: "2020-12", Remotes: remotesDir, RequiredOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := buildSuiteReport("2020-12", groups)
	t.Logf("ran in %s", time.Since(start).Round(time.Millisecond))
	b := readBaseline(t)
	compare(t, "draft2020-12 required", rep.Required.counts, b.Draft202012Require)
	if t.Failed() || testing.Verbose() {
		logFailures(t, rep.Required.Failures, rep.Required.Skips)
	}
}

// TestConformanceSchemaStore runs the SchemaStore development set: every valid instance must be
// accepted and every invalid one rejected.
func TestConformanceSchemaStore(t *testing.T) {
	needShared(t, storeDir)
	start := time.Now()
	groups, err := run(context.Background(), options{Dir: storeDir, SchemaStore: true, FormatAssertion: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := buildStoreReport(groups)
	t.Logf("ran in %s", time.Since(start).Round(time.Millisecond))
	b := readBaseline(t)
	compare(t, "schemastore", rep.counts, b.SchemaStore)
	if t.Failed() || testing.Verbose() {
		logFailures(t, rep.Failures, rep.Skips)
	}
}

// TestRunnerMini checks the runner's machinery on a tiny suite and store in testdata: optional
// tests apart, format asserted only under optional/format, remote refs served offline, YAML
// instances read, unknown instance formats skipped with a reason, -json keys.
func TestRunnerMini(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped in -short mode")
	}
	var out, errb bytes.Buffer
	if code := realMain([]string{"-json", "testdata/minisuite/tests/draft2020-12"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep suiteReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Required.Total != 6 || rep.Optional.Total != 2 || len(rep.Required.Files) != 1 || len(rep.Optional.Files) != 1 {
		t.Fatalf("required %+v optional %+v", rep.Required.counts, rep.Optional.counts)
	}
	for _, f := range append(rep.Required.Failures, rep.Optional.Failures...) {
		if strings.Contains(f.Message, "network") || strings.Contains(f.Message, "fetch failed") {
			t.Errorf("remote ref not served offline: %+v", f)
		}
		if f.Group == "object with a required property" || strings.Contains(f.Group, "format") {
			t.Errorf("unexpected failure: %+v", f)
		}
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, sec := range []string{"required", "optional"} {
		var keys map[string]any
		if err := json.Unmarshal(raw[sec], &keys); err != nil {
			t.Fatalf("-json: %s: %v", sec, err)
		}
		for _, k := range []string{"total", "passed", "failed", "skipped", "files"} {
			if _, ok := keys[k]; !ok {
				t.Errorf("-json: %s has no %q", sec, k)
			}
		}
	}

	out.Reset()
	if code := realMain([]string{"-schemastore", "-json", "testdata/ministore"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var sr storeReport
	if err := json.Unmarshal(out.Bytes(), &sr); err != nil {
		t.Fatal(err)
	}
	want := counts{Total: 5, Passed: 4, Failed: 0, Skipped: 1}
	if sr.counts != want || len(sr.Schemas) != 1 || len(sr.Skips) != 1 || !strings.Contains(sr.Skips[0].Reason, ".toml") {
		t.Fatalf("schemastore: %+v, skips %+v, failures %+v", sr.counts, sr.Skips, sr.Failures)
	}
}

func TestCompileFailures(t *testing.T) {
	out := "# conformance/g12\ng12/types.go:3:1: undefined: x\ng12/types.go:4:1: undefined: y\n# conformance/g7\n./g7/types.go:1:1: bad\n"
	got := compileFailures(out)
	if len(got) != 2 || !strings.Contains(got[12], "undefined: y") || !strings.Contains(got[7], "bad") {
		t.Fatalf("%q", got)
	}
}
