package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateRoot: -root chooses how an input's top level is read; in auto mode a document
// read as a bundle is reported, and an error about a bundle member says how to read it the
// other way.
func TestGenerateRoot(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	keywordOnly := write("even.json", `{"multipleOf": 2}`)
	bundle := write("bundle.json", `{"Tag": {"type": "string"}, "Size": {"type": "integer"}}`)
	mixed := write("mixed.json", `{"Tag": {"type": "string"}, "maxCount": 3}`)
	out := filepath.Join(dir, "out")

	code, _, stderr := runCmd("generate", "-in", keywordOnly, "-out", out)
	if code != exitOK || strings.Contains(stderr, "note:") {
		t.Fatalf("keyword-only schema: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", bundle, "-out", out)
	if code != exitOK || !strings.Contains(stderr, "note: bundle.json: read as a bundle") || !strings.Contains(stderr, "-root schema") {
		t.Fatalf("bundle: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", bundle, "-out", out, "-root", "bundle")
	if code != exitOK || stderr != "" {
		t.Fatalf("-root bundle: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", mixed, "-out", out)
	if code != exitFailure || !strings.Contains(stderr, "/maxCount: a bundle maps names to schemas") || !strings.Contains(stderr, "-root schema reads it as one schema") {
		t.Fatalf("mixed: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", mixed, "-out", out, "-root", "schema")
	if code != exitOK {
		t.Fatalf("mixed, -root schema: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", mixed, "-out", out, "-root", "both")
	if code != exitUsage || !strings.Contains(stderr, "-root") {
		t.Fatalf("bad -root: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("diff", "-root", "both", mixed, mixed)
	if code != exitUsage || !strings.Contains(stderr, "-root") {
		t.Fatalf("diff, bad -root: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("diff", "-no-go-api", "-root", "bundle", bundle, bundle)
	if code != exitOK {
		t.Fatalf("diff -root bundle: exit %d, stderr %q", code, stderr)
	}
}
