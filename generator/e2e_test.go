package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGoGenerateEndToEnd uses namigen the way the README tells its users to: a throwaway consumer
// module adds it with `go get -tool` (the namigen module replaced by this checkout), runs
// `go tool namigen` from a //go:generate line, and builds and vets a program that decodes a
// payload with the generated package.
//
// It runs offline (GOPROXY=off) and never needs the checksum database: the consumer's go.sum
// starts as ours, and the tool directive keeps namigen's requirement and its dependencies' sums
// in the consumer's go.mod and go.sum. Every module it needs is one that this repository's own
// `go mod download` puts in the module cache; `go mod tidy` is not run, since it also wants the
// test dependencies of our dependencies, which a consumer's machine downloads from the proxy.
// It takes about 5 s with a warm build cache, so it also runs in -short mode.
func TestGoGenerateEndToEnd(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	payload, err := os.ReadFile(filepath.Join(repo, "generated", "namievents", "testdata", "events", "device.impression.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/consumer\n\ngo 1.24\n\nreplace github.com/namigen/namigen => "+filepath.ToSlash(repo)+"\n")
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write("go.sum", string(sum))
	// The second package shares its runtime types through github.com/namigen/namigen/runtime,
	// which the tool's requirement provides at the tool's version.
	write("gen.go", "package main\n\n//go:generate go tool namigen generate -out ./namievents\n//go:generate go tool namigen generate -runtime import -out ./shared\n")
	write("payload.json", string(payload))
	// GOSUMDB stays as the caller has it: with GOPROXY=off any lookup it needed would fail.
	env := append(os.Environ(), "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
	run := func(args ...string) string {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("go %s: %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
		return string(out)
	}
	// `go get -tool` writes the tool directive and the requirements; the version is pinned because
	// the replaced module has no other. main.go is written after go generate, since it imports
	// the generated package.
	run("get", "-tool", "github.com/namigen/namigen/cmd/namigen@v0.0.0")
	if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err != nil || !strings.Contains(string(mod), "tool github.com/namigen/namigen/cmd/namigen") {
		t.Fatalf("go get -tool left no tool directive in go.mod (%v):\n%s", err, mod)
	}
	run("generate", "./...")
	for _, f := range []string{"types.go", "events.go", "namigen_support.go"} {
		if _, err := os.Stat(filepath.Join(dir, "namievents", f)); err != nil {
			t.Errorf("go generate did not write namievents/%s: %v", f, err)
		}
	}
	write("main.go", `package main

import (
	_ "embed"
	"fmt"
	"os"

	"example.com/consumer/namievents"
)

//go:embed payload.json
var payload []byte

func main() {
	ev, err := namievents.Decode(payload)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	switch ev := ev.(type) {
	case *namievents.DeviceImpressionEvent:
		fmt.Println("impression", ev.EventType() == namievents.EventTypeDeviceImpression, ev.Validate() == nil)
	case *namievents.UnknownEvent:
		fmt.Println("unknown", ev.EventType())
	default:
		fmt.Printf("other %T\n", ev)
	}
}
`)
	if src, err := os.ReadFile(filepath.Join(dir, "shared", "namigen_support.go")); err != nil || !strings.Contains(string(src), `"github.com/namigen/namigen/runtime"`) {
		t.Errorf("go generate -runtime import wrote no shared/namigen_support.go importing the runtime package (%v)", err)
	}
	run("build", "./...")
	run("vet", "./...")
	if out := run("run", "."); strings.TrimSpace(out) != "impression true true" {
		t.Errorf("consumer printed %q, want %q", out, "impression true true")
	}
}
