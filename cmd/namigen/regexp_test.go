package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateRegexp: a look-ahead pattern fails by default with a message naming -regexp
// ecma; with it the package is generated and imports regexp2 for that pattern only.
func TestGenerateRegexp(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.json")
	schema := `{"$defs": {"Name": {"type": "string", "pattern": "^(?!default$).*$"}, "Code": {"type": "string", "pattern": "^[A-Z]+$"}}}`
	if err := os.WriteFile(in, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd("generate", "-in", in, "-out", out)
	if code != exitFailure || !strings.Contains(stderr, "/$defs/Name/pattern") || !strings.Contains(stderr, "-regexp ecma") {
		t.Fatalf("default: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a failed generation wrote %s", out)
	}
	code, _, stderr = runCmd("generate", "-in", in, "-out", out, "-regexp", "ecma")
	if code != exitOK {
		t.Fatalf("-regexp ecma: exit %d, stderr %q", code, stderr)
	}
	src, err := os.ReadFile(filepath.Join(out, "types.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"github.com/dlclark/regexp2"`, `ecmaPattern{regexp2.MustCompile("^(?!default$).*$"`, `regexp.MustCompile("^[A-Z]+$")`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("types.go lacks %s", want)
		}
	}
	code, _, stderr = runCmd("generate", "-in", in, "-out", out, "-regexp", "pcre")
	if code != exitUsage || !strings.Contains(stderr, "-regexp") {
		t.Fatalf("bad -regexp: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("diff", "-no-go-api", in, in)
	if code != exitUsage || !strings.Contains(stderr, "-regexp ecma") {
		t.Fatalf("diff default: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("diff", "-regexp", "ecma", in, in)
	if code != exitOK {
		t.Fatalf("diff -regexp ecma: exit %d, stderr %q", code, stderr)
	}
}
