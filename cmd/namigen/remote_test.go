package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRemoteRefFlags: generate and diff refuse a remote $ref by default, naming -fetch-refs
// and -refs; -fetch-refs fetches it from the (loopback) server, and -refs reads it from the
// snapshot `namigen fetch` made, after the server is gone.
func TestRemoteRefFlags(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/common.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write([]byte(`{"$defs": {"Name": {"type": "string", "minLength": 1}}}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ref := srv.URL + "/common.json#/$defs/Name"
	oldIn := write("old.json", `{"$defs": {"User": {"type": "object", "properties": {"name": {"$ref": "`+ref+`"}}}}}`)
	newIn := write("new.json", `{"$defs": {"User": {"type": "object", "properties": {"name": {"$ref": "`+ref+`"}, "age": {"type": "integer"}}}}}`)
	out := filepath.Join(dir, "out")

	code, _, stderr := runCmd("generate", "-in", oldIn, "-out", out)
	if code != exitFailure || !strings.Contains(stderr, "old.json: /$defs/User/properties/name/$ref: unresolvable $ref") || !strings.Contains(stderr, "-fetch-refs") || !strings.Contains(stderr, "-refs DIR") {
		t.Fatalf("default: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("diff", "-no-go-api", oldIn, newIn)
	if code != exitUsage || !strings.Contains(stderr, "-fetch-refs") {
		t.Fatalf("diff default: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCmd("generate", "-in", oldIn, "-out", out, "-package", "users", "-fetch-refs")
	if code != exitOK {
		t.Fatalf("-fetch-refs: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := runCmd("diff", "-fetch-refs", "-fail-on", "never", oldIn, newIn)
	if code != exitOK || !strings.Contains(stdout, "age") {
		t.Fatalf("diff -fetch-refs: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	snap := filepath.Join(dir, "refs")
	if code, _, stderr := runCmd("fetch", "-url", srv.URL+"/common.json", "-out", snap); code != exitOK {
		t.Fatalf("fetch: exit %d, stderr %q", code, stderr)
	}
	srv.Close()
	out2 := filepath.Join(dir, "out2")
	code, _, stderr = runCmd("generate", "-in", oldIn, "-out", out2, "-package", "users", "-refs", snap)
	if code != exitOK {
		t.Fatalf("-refs: exit %d, stderr %q", code, stderr)
	}
	// The same code whether the reference was fetched or read from the snapshot.
	fetched, snapped := tree(t, out), tree(t, out2)
	if len(fetched) != len(snapped) || fetched["types.go"] != snapped["types.go"] {
		t.Errorf("-fetch-refs and -refs generate different code:\n%s\n---\n%s", fetched["types.go"], snapped["types.go"])
	}
	code, stdout, stderr = runCmd("diff", "-refs", snap, "-fail-on", "never", oldIn, newIn)
	if code != exitOK || !strings.Contains(stdout, "age") {
		t.Fatalf("diff -refs: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
