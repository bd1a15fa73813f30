package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGoGenerateEndToEnd uses namigen the way its users do: a throwaway consumer module requires
// github.com/namigen/namigen (replaced by this checkout) as a tool (go get -tool), runs it
// from a //go:generate go tool line,
// and builds and vets a program that decodes a payload with the generated package.
//
// It runs offline (GOPROXY=off): every dependency must already be in the module cache, which it
// is wherever this repository's own tests build. It takes about 5 s with a warm build cache (go
// run compiles namigen, then the consumer builds), so it also runs in -short mode.
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
	write("go.mod", "module example.com/consumer\n\ngo 1.24\n\nrequire github.com/namigen/namigen v0.0.0\n\ntool github.com/namigen/namigen/cmd/namigen\n\nreplace github.com/namigen/namigen => "+filepath.ToSlash(repo)+"\n")
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write("go.sum", string(sum))
	write("gen.go", "package main\n\n//go:generate go tool namigen generate -out ./namievents\n")
	write("payload.json", string(payload))
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
	// tidy works offline from the warm module cache and completes go.mod and go.sum; the tool
	// directive keeps the namigen requirement. main.go is written after go generate, since it
	// imports the generated package.
	run("mod", "tidy")
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
	run("build", "./...")
	run("vet", "./...")
	if out := run("run", "."); strings.TrimSpace(out) != "impression true true" {
		t.Errorf("consumer printed %q, want %q", out, "impression true true")
	}
}
