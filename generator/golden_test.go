package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// update rewrites the golden files: go test ./generator/... -update
var update = flag.Bool("update", false, "rewrite golden files")

// caseOptions is the optional case.json of a golden case (its inputs then live in in/).
type caseOptions struct {
	Package           string `json:"package"`
	Draft             string `json:"draft"`
	EventKey          string `json:"eventKey"`
	NoFormatAssertion bool   `json:"noFormatAssertion"`
	NoWebhook         bool   `json:"noWebhook"`
	SignatureHeader   string `json:"signatureHeader"`
	Runtime           string `json:"runtime"`
	Root              string `json:"root"`
	Regexp            string `json:"regexp"`
	// Refs are reference folders (-refs), relative to the case folder.
	Refs []string `json:"refs"`
}

type goldenCase struct {
	name string
	dir  string
	cfg  Config
}

// loadCases lists the case folders of testdata/ with their Config.
func loadCases(t *testing.T) []goldenCase {
	t.Helper()
	ents, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join("testdata", e.Name())
		var opts caseOptions
		if data, err := os.ReadFile(filepath.Join(dir, "case.json")); err == nil {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&opts); err != nil {
				t.Fatalf("%s/case.json: %v", dir, err)
			}
		} else if !os.IsNotExist(err) {
			t.Fatal(err)
		}
		var inputs []string
		if st, err := os.Stat(filepath.Join(dir, "in")); err == nil && st.IsDir() {
			inputs = []string{filepath.Join(dir, "in")}
		} else {
			files, err := filepath.Glob(filepath.Join(dir, "*.json"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if filepath.Base(f) == "case.json" {
					t.Fatalf("%s: a case with case.json must keep its inputs in in/", dir)
				}
				inputs = append(inputs, f)
			}
			sort.Strings(inputs)
		}
		if len(inputs) == 0 {
			t.Fatalf("%s: no input (*.json or in/)", dir)
		}
		var refs []string
		for _, r := range opts.Refs {
			refs = append(refs, filepath.Join(dir, filepath.FromSlash(r)))
		}
		pkg := opts.Package
		if pkg == "" {
			pkg = packageName(e.Name())
		}
		cases = append(cases, goldenCase{name: e.Name(), dir: dir, cfg: Config{
			Inputs:            inputs,
			Package:           pkg,
			DefaultDraft:      opts.Draft,
			EventKey:          opts.EventKey,
			NoFormatAssertion: opts.NoFormatAssertion,
			NoWebhook:         opts.NoWebhook,
			SignatureHeader:   opts.SignatureHeader,
			Runtime:           opts.Runtime,
			Root:              opts.Root,
			Regexp:            opts.Regexp,
			RefDirs:           refs,
		}})
	}
	return cases
}

// packageName turns a case folder name into a Go package name: "bundle-defs" → "bundledefs".
func packageName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" || unicode.IsDigit(rune(name[0])) {
		name = "p" + name
	}
	return name
}

// goldenFiles lists the *.golden files under want/, relative to want/ and without the suffix.
func goldenFiles(t *testing.T, want string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	err := filepath.WalkDir(want, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == want {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".golden") {
			rel, err := filepath.Rel(want, p)
			if err != nil {
				return err
			}
			got[filepath.ToSlash(strings.TrimSuffix(rel, ".golden"))] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// machineIndependent replaces the absolute testdata path (and the working folder) in an error.
func machineIndependent(t *testing.T, msg string) string {
	t.Helper()
	abs, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	msg = strings.ReplaceAll(msg, filepath.ToSlash(abs), "$TESTDATA")
	msg = strings.ReplaceAll(msg, abs, "$TESTDATA")
	msg = strings.ReplaceAll(msg, "file://$TESTDATA", "$TESTDATA")
	return msg
}

func TestGolden(t *testing.T) {
	cases := loadCases(t)
	if len(cases) < 30 {
		t.Errorf("only %d golden cases; the suite wants at least 30", len(cases))
	}
	// compiled collects the successful cases' files for one go vet run.
	compiled := map[string][]fileData{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// warnings.txt holds the generation warnings of a case; a case without it has none.
			var warnings strings.Builder
			c.cfg.Warn = func(msg string) { warnings.WriteString(machineIndependent(t, msg) + "\n") }
			files, err := Generate(context.Background(), c.cfg)
			errPath := filepath.Join(c.dir, "error.txt")
			warnPath := filepath.Join(c.dir, "warnings.txt")
			if *update {
				if err := os.Remove(warnPath); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				if warnings.Len() > 0 {
					if err := os.WriteFile(warnPath, []byte(warnings.String()), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			wantWarn, rerr := os.ReadFile(warnPath)
			if rerr != nil && !os.IsNotExist(rerr) {
				t.Fatal(rerr)
			}
			if d := cmp.Diff(string(wantWarn), warnings.String()); d != "" {
				t.Errorf("generation warnings differ from warnings.txt (-want +got):\n%s", d)
			}
			want := filepath.Join(c.dir, "want")
			if *update {
				if err := os.RemoveAll(want); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(errPath); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				if err != nil {
					if err := os.WriteFile(errPath, []byte(machineIndependent(t, err.Error())+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				for _, f := range files {
					p := filepath.Join(want, filepath.FromSlash(f.Path)+".golden")
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if wantErr, rerr := os.ReadFile(errPath); rerr == nil {
				if err == nil {
					t.Fatalf("Generate succeeded; want error %q", strings.TrimSpace(string(wantErr)))
				}
				if d := cmp.Diff(strings.TrimSpace(string(wantErr)), machineIndependent(t, err.Error())); d != "" {
					t.Errorf("error mismatch (-want +got):\n%s", d)
				}
				return
			} else if !os.IsNotExist(rerr) {
				t.Fatal(rerr)
			}
			if err != nil {
				t.Fatalf("Generate: %v (run go test ./generator/... -update if this case must fail)", err)
			}
			left := goldenFiles(t, want)
			var fds []fileData
			for _, f := range files {
				fds = append(fds, fileData{f.Path, f.Data})
				p := filepath.Join(want, filepath.FromSlash(f.Path)+".golden")
				delete(left, f.Path)
				golden, rerr := os.ReadFile(p)
				if os.IsNotExist(rerr) {
					t.Errorf("%s: golden file missing; run go test ./generator/... -update", p)
					continue
				} else if rerr != nil {
					t.Fatal(rerr)
				}
				if d := cmp.Diff(string(golden), string(f.Data)); d != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", p, d)
				}
			}
			for p := range left {
				t.Errorf("want/%s.golden was not produced", p)
			}
			compiled[c.name] = fds
		})
	}
	if len(compiled) == 0 {
		return
	}
	t.Run("vet", func(t *testing.T) { vetGenerated(t, compiled) })
}

type fileData struct {
	path string
	data []byte
}

// vetGenerated writes every case's package into one temporary module and runs go vet on it.
func vetGenerated(t *testing.T, pkgs map[string][]fileData) {
	if testing.Short() {
		t.Skip("go vet of the generated code is skipped in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	writeConsumerModule(t, root)
	for name, files := range pkgs {
		for _, f := range files {
			p := filepath.Join(root, name, filepath.FromSlash(f.path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet of the generated packages: %v\n%s", err, out)
	}
}

// writeConsumerModule writes the go.mod (and go.sum) of a module example.com/x in root that
// requires this module from its working copy, for packages generated with -runtime import.
func writeConsumerModule(t *testing.T, root string) {
	t.Helper()
	self, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	// regexp2 is the one other module a generated package may import (-regexp ecma).
	req := ""
	own, err := os.ReadFile(filepath.Join(self, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(own), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "github.com/dlclark/regexp2" {
			req = "require github.com/dlclark/regexp2 " + f[1] + "\n\n"
		}
	}
	if req == "" {
		t.Fatal("go.mod does not require github.com/dlclark/regexp2")
	}
	mod := "module example.com/x\n\ngo 1.24\n\nrequire github.com/namigen/namigen v0.0.0\n\n" + req + "replace github.com/namigen/namigen => " + self + "\n"
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(self, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDeterminism generates the Nami snapshot several times and wants identical bytes.
func TestDeterminism(t *testing.T) {
	var first map[string][]byte
	for i := 0; i < 5; i++ {
		files, err := Generate(context.Background(), Config{Package: "namievents"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		for _, f := range files {
			got[f.Path] = f.Data
		}
		if first == nil {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Fatalf("run %d produced %d files, run 0 produced %d", i, len(got), len(first))
		}
		for p, d := range first {
			if !bytes.Equal(d, got[p]) {
				t.Fatalf("run %d: %s differs:\n%s", i, p, cmp.Diff(string(d), string(got[p])))
			}
		}
	}
}
