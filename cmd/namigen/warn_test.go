package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateWarnsUnsatisfiable: a schema whose allOf parts no value can satisfy still
// generates (exit 0, the code rejects every value), and stderr names the location and why.
func TestGenerateWarnsUnsatisfiable(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.json")
	schema := `{"$defs": {"Mode": {"allOf": [{"enum": ["a", "b"]}, {"enum": ["c"]}]}, "Ok": {"allOf": [{"enum": ["a", "b"]}, {"enum": ["b"]}]}}}`
	if err := os.WriteFile(in, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("generate", "-in", in, "-out", filepath.Join(dir, "out"), "-package", "p")
	if code != 0 {
		t.Fatalf("exit %d, want 0: %s", code, stderr)
	}
	want := `namigen generate: warning: s.json#/$defs/Mode: no value can satisfy this schema: the enums of the parts have no value in common (["a","b"] and ["c"]); every value is rejected`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks the warning\n got: %s\nwant: %s", stderr, want)
	}
	if strings.Contains(stderr, "Ok") {
		t.Errorf("a satisfiable merge warned: %s", stderr)
	}
}
