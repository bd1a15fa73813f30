package generator_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/fetch"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/write"
)

// snapshotRoot $refs a definition of defs/common.json by a relative URL.
const snapshotRoot = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "price": {"$ref": "defs/common.json#/$defs/Money"}
  },
  "required": ["id", "price"]
}`

// snapshotCommon has a referenced definition (Money) and one nothing references (Unused).
const snapshotCommon = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$defs": {
    "Money": {
      "type": "object",
      "properties": {"amount": {"type": "integer"}, "currency": {"type": "string"}},
      "required": ["amount", "currency"]
    },
    "Unused": {
      "type": "object",
      "properties": {"nothing": {"type": "string"}}
    }
  }
}`

func jsonHandler(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/schema+json")
		fmt.Fprint(w, body)
	}
}

// fetchSnapshot serves the two documents, snapshots them with fetch.Fetch into a temporary
// folder, and closes the server: what follows is offline.
func fetchSnapshot(t *testing.T) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/schemas/order.json", jsonHandler(snapshotRoot))
	mux.HandleFunc("/schemas/defs/common.json", jsonHandler(snapshotCommon))
	srv := httptest.NewServer(mux)
	dir := t.TempDir()
	res, err := fetch.Fetch(context.Background(), fetch.Options{URL: srv.URL + "/schemas/order.json", Dir: dir})
	srv.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("fetched %d documents, want 2: %+v", len(res.Documents), res.Documents)
	}
	for _, f := range []string{fetch.LockFile, fetch.MainFile, "common.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func generatedSource(files []write.File) string {
	var b strings.Builder
	for _, f := range files {
		b.Write(f.Data)
	}
	return b.String()
}

// TestGenerateFromFetchedSnapshot generates offline from a snapshot of `namigen fetch` whose
// root $refs another document by a relative URL: the lock file maps the URL to its file, the
// root is the only entry document, and common.json only contributes what is referenced.
func TestGenerateFromFetchedSnapshot(t *testing.T) {
	dir := fetchSnapshot(t)
	files, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{dir}, Package: "orders"})
	if err != nil {
		t.Fatalf("generate from the snapshot: %v", err)
	}
	src := generatedSource(files)
	// The root is named after its snapshot file, events.schema.json.
	for _, want := range []string{"type Events struct", "type Money struct", `json:"currency"`} {
		if !strings.Contains(src, want) {
			t.Errorf("generated code lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(src, "Unused") || strings.Contains(src, `json:"nothing`) {
		t.Errorf("generated code has the unreferenced definition Unused of common.json:\n%s", src)
	}

	// The same snapshot read as an fs.FS (the way the embedded snapshot is read).
	res, err := load.Load(context.Background(), nil, load.Options{FS: os.DirFS(dir), FSRoot: "."})
	if err != nil {
		t.Fatalf("load from the snapshot as an fs.FS: %v", err)
	}
	var names []string
	for _, e := range res.Entries {
		names = append(names, e.Name)
	}
	if len(names) != 1 || names[0] != "events" {
		t.Errorf("entries %q, want only the root [events]", names)
	}
	if load.LockFile != fetch.LockFile {
		t.Errorf("load.LockFile = %q, want %q", load.LockFile, fetch.LockFile)
	}
}

// TestSnapshotLockErrors: a file the lock lists is missing, or the lock file does not parse.
func TestSnapshotLockErrors(t *testing.T) {
	t.Run("missing file", func(t *testing.T) {
		dir := fetchSnapshot(t)
		if err := os.Remove(filepath.Join(dir, "common.json")); err != nil {
			t.Fatal(err)
		}
		for name, fsys := range map[string]load.Options{"folder": {}, "fs": {FS: os.DirFS(dir), FSRoot: "."}} {
			var err error
			if fsys.FS != nil {
				_, err = load.Load(context.Background(), nil, fsys)
			} else {
				_, err = generator.Generate(context.Background(), generator.Config{Inputs: []string{dir}, Package: "orders"})
			}
			if err == nil {
				t.Fatalf("%s: no error for a missing snapshot file", name)
			}
			msg := err.Error()
			for _, want := range []string{"common.json", "missing", "namigen fetch"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%s: error %q does not say %q", name, msg, want)
				}
			}
		}
	})
	t.Run("bad lock", func(t *testing.T) {
		dir := fetchSnapshot(t)
		if err := os.WriteFile(filepath.Join(dir, fetch.LockFile), []byte(`{"version": 1, "documents": [`), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{dir}, Package: "orders"})
		if err == nil {
			t.Fatal("no error for a lock file that does not parse")
		}
		if want := filepath.Join(dir, fetch.LockFile); !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	})
}

// TestURLInputTokenOnlyToItsOrigin: NAMI_API_TOKEN goes to the URL input's origin, not to the
// other origin a $ref of it leads to.
func TestURLInputTokenOnlyToItsOrigin(t *testing.T) {
	t.Setenv("NAMI_API_TOKEN", "s3cret-token")
	var mu sync.Mutex
	auth := map[string]string{}
	record := func(name, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			auth[name] = r.Header.Get("Authorization")
			mu.Unlock()
			jsonHandler(body)(w, r)
		}
	}
	other := httptest.NewServer(record("other", snapshotCommon))
	defer other.Close()
	root := strings.Replace(snapshotRoot, `"defs/common.json#/$defs/Money"`, fmt.Sprintf("%q", other.URL+"/common.json#/$defs/Money"), 1)
	input := httptest.NewServer(record("input", root))
	defer input.Close()

	files, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{input.URL + "/order.json"}, Package: "orders"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(generatedSource(files), "type Money struct") {
		t.Error("the $ref to the other origin was not followed")
	}
	mu.Lock()
	defer mu.Unlock()
	if got := auth["input"]; got != "Bearer s3cret-token" {
		t.Errorf("input origin got Authorization %q, want the token", got)
	}
	if got, ok := auth["other"]; !ok || got != "" {
		t.Errorf("other origin: requested %v, Authorization %q; want a request without credentials", ok, got)
	}
}

// TestURLInputRetriesAndChecksContentType: URL inputs are read with fetch's policy: a 503 is
// retried, a non-JSON content type is refused, and errors name the URL.
func TestURLInputRetriesAndChecksContentType(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/flaky.json":
			if calls.Add(1) == 1 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			jsonHandler(snapshotCommon)(w, r)
		case "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, snapshotCommon)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	if _, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{srv.URL + "/flaky.json"}, Package: "common"}); err != nil {
		t.Fatalf("a 503 then 200 was not retried: %v", err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	u := srv.URL + "/page.html"
	_, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{u}, Package: "common"})
	if err == nil || !strings.Contains(err.Error(), u) || !strings.Contains(err.Error(), "content type") {
		t.Errorf("error %v, want one naming %s and its content type", err, u)
	}
}
