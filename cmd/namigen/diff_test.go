package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// The realistic Nami change: "samsung" added to Platform (purchase_platform, an open enum),
// in_pause removed from CustomerJourneyState, and a new event type
// user.subscription.account_hold.
const (
	namiOld = "../../generator/diff/testdata/nami-realistic/old.json"
	namiNew = "../../generator/diff/testdata/nami-realistic/new.json"
)

func runDiffCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"diff"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

type diffJSON struct {
	Changes []struct {
		Kind       string          `json:"kind"`
		Severity   string          `json:"severity"`
		Category   string          `json:"category"`
		EventTypes []string        `json:"event_types"`
		Path       string          `json:"path"`
		Old        json.RawMessage `json:"old"`
		New        json.RawMessage `json:"new"`
		Message    string          `json:"message"`
		Go         string          `json:"go"`
		Example    *struct {
			Payload  json.RawMessage `json:"payload"`
			OldError string          `json:"old_error"`
		} `json:"example"`
	} `json:"changes"`
	Summary struct {
		Breaking, Warning, Info, Total int
	} `json:"summary"`
}

func decodeDiff(t *testing.T, out string) diffJSON {
	t.Helper()
	var d diffJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("-format json output is not JSON: %v\n%s", err, out)
	}
	// Every documented key is present on every change.
	var raw struct {
		Changes []map[string]json.RawMessage `json:"changes"`
		Summary map[string]int               `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, c := range raw.Changes {
		for _, k := range []string{"kind", "severity", "category", "event_types", "path", "old", "new", "message"} {
			if _, ok := c[k]; !ok {
				t.Errorf("a change lacks %q: %v", k, c)
			}
		}
	}
	for _, k := range []string{"breaking", "warning", "info", "total"} {
		if _, ok := raw.Summary[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	return d
}

func has(d diffJSON, kind, category string) bool {
	for _, c := range d.Changes {
		if c.Kind == kind && c.Category == category {
			return true
		}
	}
	return false
}

func TestDiffNamiRealistic(t *testing.T) {
	code, out, errOut := runDiffCmd(t, "-format", "json", namiOld, namiNew)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1 (breaking changes); stderr:\n%s", code, errOut)
	}
	d := decodeDiff(t, out)
	for _, want := range []struct{ kind, cat string }{
		{"event-type-added", "wire"}, {"property-removed", "wire"}, {"enum-value-added", "wire"},
		{"go-field-removed", "go-api"}, {"go-const-added", "go-api"}, {"go-type-added", "go-api"},
	} {
		if !has(d, want.kind, want.cat) {
			t.Errorf("no %s (%s) change in:\n%s", want.kind, want.cat, out)
		}
	}
	for _, c := range d.Changes {
		if c.Kind == "event-type-added" && (c.Example == nil || !strings.Contains(string(c.Example.Payload), "user.subscription.account_hold")) {
			t.Errorf("event-type-added has no witness payload: %+v", c)
		}
		if c.Kind == "enum-value-added" && c.Severity != "info" {
			t.Errorf("a value added to an open enum is %s, want info", c.Severity)
		}
	}
	if d.Summary.Breaking != 2 || d.Summary.Total != len(d.Changes) {
		t.Errorf("summary %+v", d.Summary)
	}
}

func TestDiffExitCodes(t *testing.T) {
	warnOld := "../../generator/diff/testdata/property-removed/old.json"
	warnNew := "../../generator/diff/testdata/property-removed/new.json"
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"breaking by default", []string{namiOld, namiNew}, exitFailure},
		{"never", []string{"-fail-on", "never", namiOld, namiNew}, exitOK},
		{"same file", []string{namiOld, namiOld}, exitOK},
		{"same file, info", []string{"-fail-on", "info", namiOld, namiOld}, exitOK},
		{"warning below breaking", []string{"-no-go-api", warnOld, warnNew}, exitOK},
		{"warning at warning", []string{"-no-go-api", "-fail-on", "warning", warnOld, warnNew}, exitFailure},
		{"flags after the inputs", []string{warnOld, warnNew, "-no-go-api", "-fail-on", "warning"}, exitFailure},
		{"go-api breaking", []string{warnOld, warnNew}, exitFailure},
		{"markdown", []string{"-format", "markdown", "-fail-on", "never", namiOld, namiNew}, exitOK},
		{"one input", []string{namiOld}, exitUsage},
		{"three inputs", []string{namiOld, namiNew, namiNew}, exitUsage},
		{"bad format", []string{"-format", "yaml", namiOld, namiNew}, exitUsage},
		{"bad threshold", []string{"-fail-on", "fatal", namiOld, namiNew}, exitUsage},
		{"bad flag", []string{"-nope", namiOld, namiNew}, exitUsage},
		{"missing input", []string{"does/not/exist.json", namiNew}, exitUsage},
		{"not a schema", []string{"diff_test.go", namiNew}, exitUsage},
		{"help", []string{"-h"}, exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runDiffCmd(t, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.want, out, errOut)
			}
			if code == exitUsage && tc.name != "help" && errOut == "" {
				t.Error("exit 2 without a message")
			}
		})
	}
}

func TestDiffTextFormat(t *testing.T) {
	code, out, _ := runDiffCmd(t, namiOld, namiNew)
	if code != exitFailure {
		t.Fatalf("exit %d", code)
	}
	// Grouped by event type, breaking first.
	iHold := strings.Index(out, "Event type user.subscription.account_hold")
	iWarn := strings.Index(out, "WARNING")
	if iHold < 0 || iWarn < 0 || !strings.Contains(out, "BREAKING wire   event-type-added") {
		t.Fatalf("unexpected text output:\n%s", out)
	}
}

func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestDiffGitRevisions: a repository with two commits of schemas/nami, diffed through git:
// revisions without checking anything out.
func TestDiffGitRevisions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitCmd(t, dir, "init", "-q")
	put := func(src string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "schemas", "nami"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "schemas", "nami", "events.schema.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put(namiOld)
	gitCmd(t, dir, "add", ".")
	gitCmd(t, dir, "commit", "-q", "-m", "nami v1")
	put(namiNew)
	gitCmd(t, dir, "commit", "-q", "-am", "nami v2")
	// The work tree differs from both commits: git: inputs must not read it.
	if err := os.WriteFile(filepath.Join(dir, "schemas", "nami", "events.schema.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	code, out, errOut := runDiffCmd(t, "-format", "json", "git:HEAD~1:schemas/nami", "git:HEAD:schemas/nami")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	d := decodeDiff(t, out)
	if !has(d, "event-type-added", "wire") || !has(d, "go-field-removed", "go-api") {
		t.Errorf("missing changes:\n%s", out)
	}
	code, out, errOut = runDiffCmd(t, "git:HEAD:schemas/nami", "git:HEAD:schemas/nami")
	if code != exitOK || !strings.Contains(out, "No changes") {
		t.Errorf("same revision: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runDiffCmd(t, "git:no-such-rev:schemas/nami", "git:HEAD:schemas/nami")
	if code != exitUsage || !strings.Contains(errOut, "no-such-rev") || !strings.Contains(errOut, "fatal:") {
		t.Errorf("bad revision: exit %d, stderr %q (want 2 and git's message)", code, errOut)
	}
	code, _, errOut = runDiffCmd(t, "git:HEAD:schemas/none", "git:HEAD:schemas/nami")
	if code != exitUsage || !strings.Contains(errOut, "does not exist") {
		t.Errorf("missing path: exit %d, stderr %q", code, errOut)
	}
}

// TestDiffURLInput reads OLD from an httptest server on loopback.
func TestDiffURLInput(t *testing.T) {
	data, err := os.ReadFile(namiOld)
	if err != nil {
		t.Fatal(err)
	}
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/events/schema/" {
			http.NotFound(w, r)
			return
		}
		gets.Add(1)
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write(data)
	}))
	defer srv.Close()
	code, out, errOut := runDiffCmd(t, "-format", "json", srv.URL+"/api/v1/events/schema/", namiNew)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	// The go-api comparison generates from the same load: the URL is read once.
	if n := gets.Load(); n != 1 {
		t.Errorf("the URL was read %d times, want 1", n)
	}
	if d := decodeDiff(t, out); !has(d, "event-type-added", "wire") {
		t.Errorf("no event-type-added:\n%s", out)
	}
	code, _, errOut = runDiffCmd(t, srv.URL+"/missing", namiNew)
	if code != exitUsage || !strings.Contains(errOut, "404") {
		t.Errorf("unreadable URL: exit %d, stderr %q", code, errOut)
	}
}
