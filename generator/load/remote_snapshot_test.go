package load_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/namigen/namigen/generator/fetch"
	"github.com/namigen/namigen/generator/load"
)

type offlineTransport struct{ t *testing.T }

func (o offlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	o.t.Errorf("network request for %s", r.URL)
	return nil, errors.New("offline")
}

// TestRefDirsFetchSnapshot: a snapshot that `namigen fetch` wrote is a reference folder (-refs):
// remote $refs are read from it by its lock file with the server gone, and its documents are
// named by their URL, as when fetched, so that the generated code is the same either way. (An
// external test: fetch imports load.)
func TestRefDirsFetchSnapshot(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/common.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write([]byte(`{"$defs": {"Name": {"type": "string", "minLength": 1}, "Tag": {"$ref": "tag.json"}}}`))
	})
	mux.HandleFunc("/tag.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type": "string", "pattern": "^[a-z]+$"}`))
	})
	srv := httptest.NewServer(mux)
	ctx := context.Background()
	snap := t.TempDir()
	if _, err := fetch.Fetch(ctx, fetch.Options{URL: srv.URL + "/common.json", Dir: snap}); err != nil {
		t.Fatal(err)
	}
	base := srv.URL
	srv.Close()
	dir := t.TempDir()
	in := filepath.Join(dir, "user.json")
	doc := `{"$defs": {"User": {"type": "object", "properties": {"name": {"$ref": "` + base + `/common.json#/$defs/Tag"}}}}}`
	if err := os.WriteFile(in, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := load.Load(ctx, []string{in}, load.Options{HTTPClient: &http.Client{Transport: offlineTransport{t}}, RefDirs: []string{snap}})
	if err != nil {
		t.Fatalf("snapshot folder: %v", err)
	}
	if got := res.Display(base + "/tag.json#"); got != base+"/tag.json" {
		t.Errorf("tag.json is displayed as %q", got)
	}
}
