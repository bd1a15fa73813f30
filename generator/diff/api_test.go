package diff

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
)

const apiOld = `package p

// Event is a payload.
type Event interface{ isEvent() }

type Handler interface {
	Handle(e Event) error
}

type Platform string

const (
	PlatformApple  Platform = "apple"
	PlatformGoogle Platform = "google"
	PlatformRoku   Platform = "roku"
)

type State struct {
	InTrial *bool ` + "`json:\"in_trial,omitempty\"`" + `
	InPause *bool ` + "`json:\"in_pause,omitempty\"`" + `
	Count   int
}

type Gone struct{ A int }

func (s State) Validate() error { return nil }
func (s *State) Reset()         {}

func Decode(data []byte) (Event, error) { return nil, nil }

var ErrUnknown = error(nil)

type Kind int
`

const apiNew = `package p

// Event is a payload.
type Event interface{ isEvent() }

type Handler interface {
	Handle(e Event) error
	Close() error
}

type Platform string

const (
	PlatformApple   Platform = "apple"
	PlatformGoogle  Platform = "android"
	PlatformSamsung Platform = "samsung"
)

type State struct {
	InTrial bool ` + "`json:\"in_trial\"`" + `
	Count   int
	Extra   map[string]any
}

type New struct{}

func (s *State) Validate() error    { return nil }
func (s *State) Reset(hard bool)   {}

func Decode(data []byte, strict bool) (Event, error) { return nil, nil }

var ErrUnknown error

type Kind string
`

func TestCompareAPI(t *testing.T) {
	o, err := ExtractAPI([]write.File{{Path: "p.go", Data: []byte(apiOld)}, {Path: "p_test.go", Data: []byte("package p\nfunc TestX() {}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := ExtractAPI([]write.File{{Path: "p.go", Data: []byte(apiNew)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range CompareAPI(o, n) {
		got = append(got, string(c.Severity)+" "+string(c.Kind)+" "+c.Go+": "+c.Message)
	}
	want := []string{
		"breaking go-signature-changed Decode: signature of Decode changed from func([]byte) (Event, error) to func([]byte, bool) (Event, error)",
		"breaking go-var-type-changed ErrUnknown: type of var ErrUnknown changed from = error(nil) to error",
		"breaking go-type-removed Gone: type Gone removed",
		"breaking go-method-added Handler.Close: method Handler.Close added to an interface: its implementations outside the package no longer satisfy it",
		"breaking go-type-changed Kind: type Kind changed from int to string",
		"info go-type-added New: type New added",
		"warning go-const-value-changed PlatformGoogle: value of const PlatformGoogle changed from \"google\" to \"android\"",
		"breaking go-const-removed PlatformRoku: const PlatformRoku removed",
		"info go-const-added PlatformSamsung: const PlatformSamsung added",
		"info go-field-added State.Extra: field State.Extra added",
		"breaking go-field-removed State.InPause: field State.InPause removed",
		"breaking go-field-type-changed State.InTrial: type of field State.InTrial changed from *bool to bool",
		"breaking go-signature-changed State.Reset: signature of State.Reset changed from (*State) func() to (*State) func(bool)",
		"breaking go-signature-changed State.Validate: signature of State.Validate changed from (State) func() error to (*State) func() error",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CompareAPI (-want +got):\n%s", d)
	}
	if cs := CompareAPI(o, o); len(cs) != 0 {
		t.Errorf("CompareAPI(A, A) = %d changes", len(cs))
	}
}

func TestExtractAPIBadSource(t *testing.T) {
	if _, err := ExtractAPI([]write.File{{Path: "p.go", Data: []byte("package p\nfunc (")}}); err == nil {
		t.Fatal("no error for Go that does not parse")
	}
}

// TestRunGoAPI runs the go-api comparison through Options.Generate with hand-written packages.
func TestRunGoAPI(t *testing.T) {
	gen := func(_ context.Context, res *load.Result) (*model.Package, []write.File, error) {
		if strings.Contains(res.Docs[0].URL, "old") {
			return nil, []write.File{{Path: "p.go", Data: []byte(apiOld)}}, nil
		}
		return nil, []write.File{{Path: "p.go", Data: []byte(apiNew)}}, nil
	}
	rep, err := Run(context.Background(), "testdata/no-change/old.json", "testdata/no-change/new.json", Options{Generate: gen})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Breaking == 0 || len(rep.Notes) != 0 {
		t.Errorf("summary %+v, notes %v: want go-api breaking changes and no note", rep.Summary, rep.Notes)
	}
	for _, c := range rep.Changes {
		if c.Category != GoAPI {
			t.Errorf("unexpected wire change %s", c.Kind)
		}
	}
}

func TestRenderFormats(t *testing.T) {
	rep := runCase(t, "nami-realistic", false)
	for _, f := range []string{"text", "markdown"} {
		var b bytes.Buffer
		if err := Render(&b, rep, f); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{"event-type-added", "user.subscription.account_hold", "in_pause", "1 breaking"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s output lacks %q:\n%s", f, want, out)
			}
		}
	}
	if err := Render(&bytes.Buffer{}, rep, "yaml"); err == nil {
		t.Error("no error for an unknown format")
	}
	md := RulesMarkdown()
	for _, r := range Rules {
		if !strings.Contains(md, "`"+string(r.Kind)+"`") {
			t.Errorf("RulesMarkdown lacks %s", r.Kind)
		}
	}
}

func TestThresholds(t *testing.T) {
	rep := &Report{Changes: []*Change{{Kind: PropertyRemoved, Severity: Warning}}}
	for s, want := range map[string]bool{"breaking": false, "warning": true, "info": true, "never": false} {
		th, err := ParseThreshold(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Fails(th); got != want {
			t.Errorf("Fails(%s) = %v, want %v", s, got, want)
		}
	}
	if _, err := ParseThreshold("fatal"); err == nil {
		t.Error("no error for an unknown threshold")
	}
}

func TestURLInput(t *testing.T) {
	old, err := os.ReadFile("testdata/enum-value-added/old.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/schema.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(old)
	}))
	defer srv.Close()
	rep, err := Run(context.Background(), srv.URL+"/schema.json", "testdata/enum-value-added/new.json", Options{HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Breaking != 1 {
		t.Errorf("summary %+v, want 1 breaking", rep.Summary)
	}
	_, err = Run(context.Background(), srv.URL+"/missing.json", "testdata/enum-value-added/new.json", Options{HTTPClient: srv.Client()})
	var ie *InputError
	if !errorsAs(err, &ie) {
		t.Errorf("error %v is not an *InputError", err)
	}
}

func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestGitInput(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitRun(t, dir, "init", "-q")
	copyCase := func(name string) {
		data, err := os.ReadFile(filepath.Join("testdata", "required-removed", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "schemas", "things"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "schemas", "things", "things.schema.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyCase("old.json")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "v1")
	copyCase("new.json")
	gitRun(t, dir, "commit", "-q", "-am", "v2")
	for _, tc := range []struct{ old, new string }{
		{"git:HEAD~1:schemas/things", "git:HEAD:schemas/things"},
		{"git:HEAD~1:schemas/things/things.schema.json", "git:HEAD:schemas/things/things.schema.json"},
	} {
		rep, err := Run(context.Background(), tc.old, tc.new, Options{GitDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Summary.Breaking != 1 || rep.Changes[0].Kind != RequiredRemoved {
			t.Errorf("%s %s: %+v", tc.old, tc.new, rep.Summary)
		}
	}
	for _, bad := range []string{"git:nosuchrev:schemas/things", "git:HEAD:schemas/nothing", "git:HEAD", "git:-x:schemas"} {
		_, err := Run(context.Background(), bad, "git:HEAD:schemas/things", Options{GitDir: dir})
		var ie *InputError
		if !errorsAs(err, &ie) {
			t.Errorf("%s: error %v is not an *InputError", bad, err)
		}
	}
}

func errorsAs(err error, target **InputError) bool {
	if err == nil {
		return false
	}
	ie, ok := err.(*InputError)
	if ok {
		*target = ie
	}
	return ok
}
