package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// server is an httptest server whose routes can be changed between fetches.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	seen   []*http.Request
}

func newServer(t *testing.T) *server {
	s := &server{routes: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.Clone(context.Background()))
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) route(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

func (s *server) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.seen...)
}

// serve answers with a JSON document and an ETag, and 304 to a matching If-None-Match.
func serve(body, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/schema+json")
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		fmt.Fprint(w, body)
	}
}

// bundle is an event bundle: a root oneOf over one definition per event type.
func bundle(types ...string) string {
	var refs, defs []string
	for _, t := range types {
		name := strings.ReplaceAll(t, ".", "_")
		refs = append(refs, fmt.Sprintf(`{"$ref": "#/$defs/%s"}`, name))
		defs = append(defs, fmt.Sprintf(`"%s": {"type": "object", "properties": {"event_type": {"const": %q}}, "required": ["event_type"]}`, name, t))
	}
	return fmt.Sprintf("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"oneOf\": [%s],\n  \"$defs\": {%s}\n}\n",
		strings.Join(refs, ", "), strings.Join(defs, ", "))
}

// fastRetry records the waits instead of sleeping.
func fastRetry(waits *[]time.Duration) Retry {
	var mu sync.Mutex
	return Retry{
		Attempts: 3, Base: 10 * time.Millisecond, Max: 40 * time.Millisecond, MaxRetryAfter: 5 * time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			*waits = append(*waits, d)
			mu.Unlock()
			return ctx.Err()
		},
		Jitter: func(n time.Duration) time.Duration { return n }, // the longest wait: deterministic
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func TestFetchReferencedDocuments(t *testing.T) {
	main, other := newServer(t), newServer(t)
	// The root refs a document on the same server (relative), one on another origin (absolute),
	// and that one refs a third document relative to itself.
	main.route("/api/schema/", serve(`{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}],
  "$defs": {
    "A": {"type": "object", "properties": {"event_type": {"const": "a.created"}, "common": {"$ref": "defs/common.json#/$defs/Id"}}},
    "B": {"allOf": [{"$ref": "`+other.URL+`/v1/shared/common.json"}], "properties": {"event_type": {"const": "b.deleted"}}}
  }
}`, `"root-1"`))
	main.route("/api/schema/defs/common.json", serve(`{"$defs": {"Id": {"type": "string", "format": "uuid"}}}`, `"common-1"`))
	other.route("/v1/shared/common.json", serve(`{"type": "object", "properties": {"when": {"$ref": "time.json"}}}`, `"shared-1"`))
	other.route("/v1/shared/time.json", serve(`{"type": "string", "format": "date-time"}`, ""))

	dir := filepath.Join(t.TempDir(), "snap")
	var waits []time.Duration
	opts := Options{URL: main.URL + "/api/schema/", Dir: dir, Token: "tok-123456", Header: http.Header{"X-Api-Key": {"key-abcdef"}}, Retry: fastRetry(&waits)}
	res, err := Fetch(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Updated || res.Reason != "new snapshot" {
		t.Errorf("status %s (%s), want updated (new snapshot)", res.Status, res.Reason)
	}
	wantFiles := []string{"common-" + hash8(main.URL+"/api/schema/defs/common.json") + ".json", "common-" + hash8(other.URL+"/v1/shared/common.json") + ".json", MainFile, LockFile, "time.json"}
	got := readDir(t, dir)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	if diff := cmp.Diff(sorted(wantFiles), sorted(names)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a.created", "b.deleted"}, res.EventTypesAdded); diff != "" {
		t.Errorf("event types added (-want +got):\n%s", diff)
	}

	// Credentials go to the origin of -url only.
	for _, r := range main.requests() {
		if r.Header.Get("Authorization") != "Bearer tok-123456" || r.Header.Get("X-Api-Key") != "key-abcdef" {
			t.Errorf("%s: credentials missing on the -url origin", r.URL)
		}
	}
	for _, r := range other.requests() {
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-Api-Key") != "" {
			t.Errorf("%s: credentials sent to another origin", r.URL)
		}
	}

	// The lock file maps every URL to its file, with hashes and validators.
	lock, err := ParseLock([]byte(got[LockFile]))
	if err != nil {
		t.Fatal(err)
	}
	if len(lock.Documents) != 4 || lock.Root().File != MainFile {
		t.Fatalf("lock: %+v", lock)
	}
	for _, d := range lock.Documents {
		if sha([]byte(got[d.File])) != d.SHA256 {
			t.Errorf("%s: sha256 mismatch", d.File)
		}
	}
	if strings.Contains(got[LockFile], "tok-123456") || strings.Contains(got[LockFile], "key-abcdef") {
		t.Error("the lock file holds a credential")
	}

	// The snapshot is self-contained: compiled under the source URLs from the lock file, with
	// a loader that has no network.
	c := jsonschema.NewCompiler()
	c.UseLoader(loaderFunc(func(u string) (any, error) {
		file, ok := lock.File(u)
		if !ok {
			return nil, fmt.Errorf("%s is not in the snapshot", u)
		}
		return jsonschema.UnmarshalJSON(strings.NewReader(got[file]))
	}))
	if _, err := c.Compile(lock.URL); err != nil {
		t.Errorf("compiling the snapshot offline: %v", err)
	}

	// A second fetch sends the validators and leaves everything as it was.
	before := readDir(t, dir)
	n := len(main.requests())
	res, err = Fetch(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Unchanged || res.Reason != "identical content" {
		// time.json has no ETag, so it comes back with 200 and the same bytes.
		t.Errorf("second fetch: %s (%s), want unchanged (identical content)", res.Status, res.Reason)
	}
	if r := main.requests()[n]; r.Header.Get("If-None-Match") != `"root-1"` {
		t.Errorf("If-None-Match = %q", r.Header.Get("If-None-Match"))
	}
	if diff := cmp.Diff(before, readDir(t, dir)); diff != "" {
		t.Errorf("second fetch changed the snapshot:\n%s", diff)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestFetchFileNames(t *testing.T) {
	got := FileNames("https://h/api/schema/", []string{
		"https://h/api/schema/",
		"https://h/a/common.json",
		"https://h/b/common.json",
		"https://h/x/Money%20Types",
		"https://h/",
		"https://h/y/events.schema.json",
		"https://h/z/.hidden.json",
	})
	want := map[string]string{
		"https://h/api/schema/":          MainFile,
		"https://h/a/common.json":        "common-" + hash8("https://h/a/common.json") + ".json",
		"https://h/b/common.json":        "common-" + hash8("https://h/b/common.json") + ".json",
		"https://h/x/Money%20Types":      "Money-Types.json",
		"https://h/":                     "h.json",
		"https://h/y/events.schema.json": "events.schema-" + hash8("https://h/y/events.schema.json") + ".json",
		"https://h/z/.hidden.json":       "hidden.json",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FileNames (-want +got):\n%s", diff)
	}
	// Order does not matter.
	again := FileNames("https://h/api/schema/", []string{"https://h/b/common.json", "https://h/a/common.json"})
	if again["https://h/a/common.json"] != want["https://h/a/common.json"] {
		t.Error("names depend on the order of the URLs")
	}
}

func hash8(u string) string {
	return sha([]byte(u))[:8]
}

func TestFetchLockFormat(t *testing.T) {
	l := &Lock{URL: "https://h/s/", Version: 1, Documents: []LockedDocument{
		{URL: "https://h/s/", File: MainFile, SHA256: "ab", ETag: `"e&1"`},
	}}
	want := `{
  "documents": [
    {
      "etag": "\"e&1\"",
      "file": "events.schema.json",
      "sha256": "ab",
      "url": "https://h/s/"
    }
  ],
  "url": "https://h/s/",
  "version": 1
}
`
	if diff := cmp.Diff(want, string(l.Marshal())); diff != "" {
		t.Errorf("lock file (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"documents": [], "url": "https://h/s/", "version": 1}`,
		`{"documents": [{"file": "../x.json", "sha256": "", "url": "https://h/s/"}], "url": "https://h/s/", "version": 1}`,
		`{"documents": [{"file": "a.json", "sha256": "", "url": "https://h/s/"}], "url": "https://h/s/", "version": 2}`,
		`not json`,
	} {
		if _, err := ParseLock([]byte(bad)); err == nil {
			t.Errorf("ParseLock(%s) succeeded", bad)
		}
	}
}

func TestFetchRetries(t *testing.T) {
	s := newServer(t)
	var mu sync.Mutex
	calls := 0
	s.route("/s", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		switch n {
		case 1:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case 2:
			w.Header().Set("Retry-After", "2")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		default:
			serve(bundle("a.x"), "")(w, r)
		}
	})
	var waits []time.Duration
	res, err := Fetch(context.Background(), Options{URL: s.URL + "/s", Dir: filepath.Join(t.TempDir(), "d"), Retry: fastRetry(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Updated {
		t.Errorf("status %s", res.Status)
	}
	// 503: backoff (10ms with the longest jitter); 429: Retry-After wins over the 20ms backoff.
	if diff := cmp.Diff([]time.Duration{10 * time.Millisecond, 2 * time.Second}, waits); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestFetchErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    []string
	}{
		{"duplicate key", serve(`{"type": "object", "type": "string"}`, ""), []string{`/s: /type: invalid JSON at line 1, column 26: duplicate key "type"`}},
		{"syntax pointer", serve("{\"$defs\": {\"A\": {\"type\": \"object\",}}}", ""), []string{"/s: /$defs/A: invalid JSON at line 1, column 35"}},
		{"trailing data", serve(`{} {}`, ""), []string{"unexpected data after the top-level value"}},
		{"meta-schema", serve(`{"$defs": {"A": {"properties": {"x": {"minLength": "3"}}}}}`, ""), []string{"/s: /$defs/A/properties/x/minLength: not a valid schema (meta-schema check failed)"}},
		{"object of schemas", serve(`{"A": {"type": "object"}, "B": {"type": 7}}`, ""), []string{"/s: /B/type: not a valid schema"}},
		{"array of schemas", serve(`[{"type": "object"}, {"required": "x"}]`, ""), []string{"/s: /1/required: not a valid schema"}},
		{"bad pointer", serve(`{"$ref": "#/$defs/Missing"}`, ""), []string{"unresolvable $ref", "Missing"}},
		{"file ref", serve(`{"$ref": "file:///etc/passwd"}`, ""), []string{"file:///etc/passwd: cannot snapshot a reference that is not an http or https URL"}},
		{"304 without validators", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }, []string{"HTTP 304 Not Modified"}},
		{"404", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no such\nschema", http.StatusNotFound) }, []string{"/s: HTTP 404 Not Found: no such schema"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			s.route("/s", tc.handler)
			dir := filepath.Join(t.TempDir(), "d")
			var waits []time.Duration
			_, err := Fetch(context.Background(), Options{URL: s.URL + "/s", Dir: dir, Retry: fastRetry(&waits)})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if _, serr := os.Stat(dir); !errors.Is(serr, fs.ErrNotExist) {
				t.Errorf("the snapshot folder was created")
			}
		})
	}
}

func TestFetchMaxDocuments(t *testing.T) {
	s := newServer(t)
	s.route("/s", serve(`{"allOf": [{"$ref": "a.json"}, {"$ref": "b.json"}]}`, ""))
	s.route("/a.json", serve(`{"type": "object"}`, ""))
	s.route("/b.json", serve(`{"type": "object"}`, ""))
	var waits []time.Duration
	_, err := Fetch(context.Background(), Options{URL: s.URL + "/s", Dir: t.TempDir(), MaxDocuments: 2, Retry: fastRetry(&waits)})
	if err == nil || !strings.Contains(err.Error(), "more than 2 documents") {
		t.Errorf("err = %v, want the document limit", err)
	}
}

func TestFetchRedirectDropsCredentials(t *testing.T) {
	main, other := newServer(t), newServer(t)
	main.route("/s", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/moved", http.StatusFound)
	})
	other.route("/moved", serve(`{"type": "object"}`, ""))
	var waits []time.Duration
	_, err := Fetch(context.Background(), Options{URL: main.URL + "/s", Dir: t.TempDir(), Token: "tok-123456",
		Header: http.Header{"X-Api-Key": {"k-123456"}, "X-Trace": {"1"}}, Retry: fastRetry(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	r := other.requests()[0]
	if r.Header.Get("Authorization") != "" || r.Header.Get("X-Api-Key") != "" || r.Header.Get("X-Trace") != "" {
		t.Errorf("headers sent to another origin after a redirect: %v", r.Header)
	}
}

func TestFetchRedactsSecrets(t *testing.T) {
	s := newServer(t)
	s.route("/s", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "token %s refused; key %s", r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"))
	})
	var waits []time.Duration
	_, err := Fetch(context.Background(), Options{URL: s.URL + "/s", Dir: t.TempDir(), Token: "tok-123456",
		Header: http.Header{"X-Api-Key": {"k-abcdef"}}, Retry: fastRetry(&waits)})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "tok-123456") || strings.Contains(err.Error(), "k-abcdef") {
		t.Errorf("the error leaks a secret: %v", err)
	}
	if !strings.Contains(err.Error(), "HTTP 403 Forbidden: token Bearer [REDACTED] refused; key [REDACTED] (the server refused the credentials)") {
		t.Errorf("err = %v", err)
	}
}

// TestFetchEventTypes: the event types of a snapshot are those generation finds (events.Find
// on its load): the alternatives of an index, through $ref and allOf and across documents of
// the lock file; without an index, every definition with a const.
func TestFetchEventTypes(t *testing.T) {
	f := &fetcher{opts: &Options{EventKey: "event_type"}}
	if err := setDraft(f.opts); err != nil {
		t.Fatal(err)
	}
	lock := &Lock{URL: "https://h/s/", Version: 1, Documents: []LockedDocument{
		{URL: "https://h/s/", File: "events.schema.json"},
		{URL: "https://h/s/other.json", File: "other.json"},
	}}
	main := `{
  "$id": "https://h/s/",
  "anyOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}],
  "$defs": {
    "A": {"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"event_type": {"const": "a.x"}}}]},
    "B": {"allOf": [{"$ref": "other.json#/$defs/Envelope"}]},
    "Base": {}
  }
}`
	other := `{"$defs": {"Envelope": {"properties": {"event_type": {"const": "b.y"}}}}}`
	for i, d := range []string{main, other} {
		lock.Documents[i].SHA256 = sha([]byte(d))
	}
	fsys := fstest.MapFS{
		"events.schema.json": {Data: []byte(main)},
		"other.json":         {Data: []byte(other)},
		LockFile:             {Data: lock.Marshal()},
	}
	if got := f.snapshotTypes(fsys); !cmp.Equal(got, []string{"a.x", "b.y"}) {
		t.Errorf("event types of an index = %v", got)
	}
	fsys = fstest.MapFS{"x.json": {Data: []byte(`{"$defs": {"A": {"properties": {"event_type": {"const": "a"}}}, "N": {"type": "string"}}}`)}}
	if got := f.snapshotTypes(fsys); !cmp.Equal(got, []string{"a"}) {
		t.Errorf("event types of $defs = %v", got)
	}
	if got := f.snapshotTypes(fstest.MapFS{"x.json": {Data: []byte(`{`)}}); got != nil {
		t.Errorf("event types of a snapshot that does not load = %v", got)
	}
}

func TestFetchLockJSONKeysSorted(t *testing.T) {
	// The lock file's keys must be sorted for a stable diff: check the struct tags' order.
	data := (&Lock{URL: "u", Version: 1, Documents: []LockedDocument{{URL: "u", File: "f", SHA256: "s", ETag: "e", LastModified: "l"}}}).Marshal()
	var keys []string
	dec := json.NewDecoder(strings.NewReader(string(data)))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if s, ok := tok.(string); ok && (s == "documents" || s == "url" || s == "version" || s == "etag" || s == "file" || s == "last_modified" || s == "sha256") {
			keys = append(keys, s)
		}
	}
	want := []string{"documents", "etag", "file", "last_modified", "sha256", "url", "url", "version"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func TestFetchClient(t *testing.T) {
	s := newServer(t)
	s.route("/ok", serve(`{"type": "object"}`, ""))
	s.route("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "5000")
		fmt.Fprint(w, strings.Repeat(" ", 5000))
	})
	var waits []time.Duration
	c, err := NewClient(Options{URL: s.URL, Token: "tok-123456", MaxBytes: 100, Retry: fastRetry(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	body, err := c.Get(context.Background(), s.URL+"/ok")
	if err != nil || string(body) != `{"type": "object"}` {
		t.Errorf("Get = %q, %v", body, err)
	}
	if got := s.requests()[0].Header.Get("Authorization"); got != "Bearer tok-123456" {
		t.Errorf("Authorization = %q", got)
	}
	if _, err := c.Get(context.Background(), s.URL+"/big"); err == nil || !strings.Contains(err.Error(), "the body is 5000 bytes, over the 100-byte cap") {
		t.Errorf("err = %v, want the size cap from Content-Length", err)
	}
}

func setDraft(o *Options) error {
	o.DefaultDraft = jsonschema.Draft2020
	return nil
}
