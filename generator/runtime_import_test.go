package generator

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// writePackage generates a package into root/<pkg>.
func writePackage(t *testing.T, root string, cfg Config) {
	t.Helper()
	files, err := Generate(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(root, cfg.Package, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goCommand(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	return cmd
}

// sharingProgram uses two packages generated with -runtime import as one: a ValidationError
// of hooks is a *profiles.ValidationError, and a Nullable of one is a Nullable of the other.
const sharingProgram = `package main

import (
	"errors"
	"fmt"
	"os"

	"example.com/x/hooks"
	"example.com/x/profiles"
	"github.com/namigen/namigen/runtime"
)

// report takes the other package's error type.
func report(err *profiles.ValidationError) string { return err.Violations[0].InstanceLocation }

func main() {
	_, err := hooks.Decode([]byte(` + "`" + `{"event_type": "ticket.closed", "ticket": ""}` + "`" + `))
	var verr *hooks.ValidationError
	if !errors.As(err, &verr) {
		fmt.Println("want a validation error, got", err)
		os.Exit(1)
	}
	var shared *runtime.ValidationError = verr
	fmt.Println(report(verr), len(shared.Violations))

	var p profiles.Profile
	p.Bio = hooks.NewNullable("bio")
	var n hooks.Nullable[string] = p.Bio
	if v, ok := n.Get(); !ok || v != "bio" {
		os.Exit(1)
	}
}
`

// TestRuntimeImportShares builds and runs a program that passes the types of one package
// generated with -runtime import to another's API.
func TestRuntimeImportShares(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped in -short mode")
	}
	root := t.TempDir()
	writeConsumerModule(t, root)
	writePackage(t, root, Config{Inputs: []string{filepath.Join("testdata", "runtime-import", "in")}, Package: "hooks", Runtime: "import"})
	writePackage(t, root, Config{Inputs: []string{filepath.Join("testdata", "nullable-optional", "schema.json")}, Package: "profiles", Runtime: "import"})
	if err := os.MkdirAll(filepath.Join(root, "cmd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "cmd", "main.go"), []byte(sharingProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := goCommand(t, root, "run", "./cmd").CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "/ticket 1" {
		t.Errorf("program printed %q, want %q", got, "/ticket 1")
	}

	// The embedded default keeps each package's types its own: the same program must not build.
	embedded := t.TempDir()
	writeConsumerModule(t, embedded)
	writePackage(t, embedded, Config{Inputs: []string{filepath.Join("testdata", "runtime-import", "in")}, Package: "hooks"})
	writePackage(t, embedded, Config{Inputs: []string{filepath.Join("testdata", "nullable-optional", "schema.json")}, Package: "profiles"})
	if err := os.MkdirAll(filepath.Join(embedded, "cmd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(embedded, "cmd", "main.go"), []byte(sharingProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = goCommand(t, embedded, "build", "-o", os.DevNull, "./cmd").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "cannot use") {
		t.Errorf("with -runtime embed the program built (or failed otherwise): %v\n%s", err, out)
	}
}

// TestRuntimeImportVersionGuard builds a package generated with -runtime import against a
// runtime package of another version: the build fails and names the version it needs.
func TestRuntimeImportVersionGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a package; skipped in -short mode")
	}
	src, err := os.ReadFile(filepath.Join("..", "runtime", "runtime.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The newest version, which generated packages refer to.
	newest := 0
	for _, m := range regexp.MustCompile(`const SupportPackageIsVersion(\d+) = true`).FindAllStringSubmatch(string(src), -1) {
		newest = max(newest, atoi(t, m[1]))
	}
	if newest == 0 {
		t.Fatal("runtime/runtime.go declares no SupportPackageIsVersionN")
	}
	want := fmt.Sprintf("SupportPackageIsVersion%d", newest)
	// A future runtime that dropped that version.
	future := t.TempDir()
	if err := os.MkdirAll(filepath.Join(future, "runtime"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(future, "go.mod"), []byte("module github.com/namigen/namigen\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(src), want+" ", fmt.Sprintf("SupportPackageIsVersion%d ", newest+1), -1)
	if err := os.WriteFile(filepath.Join(future, "runtime", "runtime.go"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	mod := "module example.com/x\n\ngo 1.24\n\nrequire github.com/namigen/namigen v0.0.0\n\nreplace github.com/namigen/namigen => " + future + "\n"
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	writePackage(t, root, Config{Inputs: []string{filepath.Join("testdata", "runtime-import", "in")}, Package: "hooks", Runtime: "import"})
	out, err := goCommand(t, root, "build", "./hooks").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "undefined: runtime."+want) {
		t.Errorf("build against another runtime version: %v, want an error naming runtime.%s:\n%s", err, want, out)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
