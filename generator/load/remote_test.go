package load

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const commonSchema = `{"$defs": {"Name": {"type": "string", "minLength": 1}, "Tag": {"$ref": "tag.json"}}}`

// refServer serves common.json (which refers to tag.json), a redirect to it, a redirect loop,
// an HTML page, a big document and a slow one, on loopback.
func refServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/common.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write([]byte(commonSchema))
	})
	mux.HandleFunc("/tag.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type": "string", "pattern": "^[a-z]+$"}`))
	})
	mux.HandleFunc("/moved.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/common.json", http.StatusFound)
	})
	mux.HandleFunc("/loop.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop.json", http.StatusFound)
	})
	mux.HandleFunc("/page.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html></html>"))
	})
	mux.HandleFunc("/big.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"description": "` + strings.Repeat("x", 4096) + `"}`))
	})
	mux.HandleFunc("/slow.json", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// refering writes a schema whose definition refers to target, and returns its path.
func referring(t *testing.T, dir, target string) string {
	t.Helper()
	p := filepath.Join(dir, "user.json")
	doc := `{"$defs": {"User": {"type": "object", "properties": {"name": {"$ref": "` + target + `"}}}}}`
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRemoteRefs: remote $refs are refused by default with a message naming both ways to
// resolve them, and fetched under -fetch-refs with the fetch client's rules.
func TestRemoteRefs(t *testing.T) {
	srv := refServer(t)
	ctx := context.Background()
	dir := t.TempDir()
	hc := &http.Client{Timeout: 2 * time.Second}

	in := referring(t, dir, srv.URL+"/common.json#/$defs/Name")
	_, err := Load(ctx, []string{in}, Options{HTTPClient: hc})
	if err == nil || !strings.Contains(err.Error(), "-fetch-refs") || !strings.Contains(err.Error(), "-refs DIR") {
		t.Fatalf("default: %v", err)
	}

	res, err := Load(ctx, []string{in}, Options{HTTPClient: hc, FetchRefs: true})
	if err != nil {
		t.Fatalf("-fetch-refs: %v", err)
	}
	found := false
	for _, r := range res.Resources() {
		found = found || r.URL == srv.URL+"/common.json"
	}
	if !found {
		t.Errorf("Resources lacks the fetched document: %+v", res.Resources())
	}

	// A reference that leads through common.json to tag.json, relative to the server.
	in = referring(t, dir, srv.URL+"/moved.json#/$defs/Tag")
	if _, err := Load(ctx, []string{in}, Options{HTTPClient: hc, FetchRefs: true}); err != nil {
		t.Fatalf("redirect: %v", err)
	}

	for _, c := range []struct {
		target, want string
		opts         Options
	}{
		{"/loop.json", "redirect", Options{}},
		{"/page.json", "text/html", Options{}},
		{"/big.json", "1024-byte cap", Options{MaxBytes: 1024}},
		{"/slow.json", "timed out", Options{HTTPClient: &http.Client{Timeout: 300 * time.Millisecond}}},
		{"/absent.json", "404", Options{}},
	} {
		in := referring(t, dir, srv.URL+c.target)
		opts := c.opts
		opts.FetchRefs = true
		if opts.HTTPClient == nil {
			opts.HTTPClient = hc
		}
		_, err := Load(ctx, []string{in}, opts)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.target, err, c.want)
		}
	}
}

// TestRefDirs: remote $refs are read from a folder of schemas with $ids, without the network.
// (A snapshot of `namigen fetch` as a reference folder: TestRefDirsFetchSnapshot.)
func TestRefDirs(t *testing.T) {
	ctx := context.Background()
	offline := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("network request for %s", r.URL)
		return nil, errors.New("offline")
	})}
	dir := t.TempDir()

	// A folder of schemas named by their $id.
	ids := t.TempDir()
	if err := os.WriteFile(filepath.Join(ids, "money.json"), []byte(`{"$id": "https://schemas.example.com/money.json", "type": "integer"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ids, "notes.txt.json"), []byte(`not json`), 0o644); err != nil {
		t.Fatal(err)
	}
	in := referring(t, dir, "https://schemas.example.com/money.json")
	if _, err := Load(ctx, []string{in}, Options{HTTPClient: offline, RefDirs: []string{ids}}); err != nil {
		t.Fatalf("folder of $ids: %v", err)
	}
	in = referring(t, dir, "https://schemas.example.com/other.json")
	_, err := Load(ctx, []string{in}, Options{HTTPClient: offline, RefDirs: []string{ids}})
	if err == nil || !strings.Contains(err.Error(), "in no reference folder") {
		t.Fatalf("missing document: %v", err)
	}
	if _, err := Load(ctx, []string{in}, Options{RefDirs: []string{filepath.Join(ids, "nope")}}); err == nil || !strings.Contains(err.Error(), "reference folder") {
		t.Fatalf("missing folder: %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
