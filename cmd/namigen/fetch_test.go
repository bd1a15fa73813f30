package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/fetch"
)

// fetchServer is an httptest server whose handler can be switched between fetches.
type fetchServer struct {
	*httptest.Server
	mu      sync.Mutex
	handler http.HandlerFunc
	seen    []http.Header
}

func newFetchServer(t *testing.T, h http.HandlerFunc) *fetchServer {
	s := &fetchServer{handler: h}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.handler
		s.seen = append(s.seen, r.Header.Clone())
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *fetchServer) set(h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handler = h
}

func (s *fetchServer) headers() []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]http.Header(nil), s.seen...)
}

// fetchServe answers with body and an ETag, or 304 to a matching If-None-Match. Other paths
// than "/schema/" are served by more (path → body), without validators.
func fetchServe(body, etag string, more ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(more); i += 2 {
			if r.URL.Path == more[i] {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, more[i+1])
				return
			}
		}
		if r.URL.Path != "/schema/" {
			http.NotFound(w, r)
			return
		}
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/schema+json; charset=utf-8")
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		fmt.Fprint(w, body)
	}
}

// fetchBundle is a small bundle in the shape of the Nami snapshot.
func fetchBundle(types ...string) string {
	var refs, defs []string
	for _, t := range types {
		name := strings.ReplaceAll(t, ".", "_")
		refs = append(refs, fmt.Sprintf(`{"$ref": "#/$defs/%s"}`, name))
		defs = append(defs, fmt.Sprintf("    %q: {\"type\": \"object\", \"properties\": {\"event_type\": {\"const\": %q}}, \"required\": [\"event_type\"]}", name, t))
	}
	return fmt.Sprintf("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"oneOf\": [%s],\n  \"$defs\": {\n%s\n  }\n}\n",
		strings.Join(refs, ", "), strings.Join(defs, ",\n"))
}

// fastFetchRetry makes retries instant and records the waits asked for.
func fastFetchRetry(t *testing.T) *[]time.Duration {
	t.Helper()
	var mu sync.Mutex
	waits := &[]time.Duration{}
	saved := testFetchHooks
	testFetchHooks.retry = fetch.Retry{
		Attempts: 3, Base: time.Millisecond, Max: 4 * time.Millisecond, MaxRetryAfter: 10 * time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			*waits = append(*waits, d)
			mu.Unlock()
			return ctx.Err()
		},
	}
	t.Cleanup(func() { testFetchHooks = saved })
	return waits
}

// fetchTree maps every path under dir to its mode and content, so that any change shows.
func fetchTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = fmt.Sprintf("%v %s", info.Mode(), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type fetchRun struct {
	code           int
	stdout, stderr string
}

func runFetchCmd(t *testing.T, args ...string) fetchRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runFetchWith(context.Background(), args, &stdout, &stderr, testFetchHooks)
	return fetchRun{code, stdout.String(), stderr.String()}
}

// testFetchHooks are the hooks runFetchCmd passes: fastFetchRetry and the tests of a failed
// rename change them for the duration of a test (the tests of this package are not parallel).
var testFetchHooks = defaultFetchHooks()

// newFetchSnapshot makes a snapshot folder with a hand-written README and a first fetch of v1.
func newFetchSnapshot(t *testing.T, srv *fetchServer) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "nami")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# hand-written\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.set(fetchServe(fetchBundle("a.created", "b.deleted"), `"v1"`))
	if r := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir); r.code != 0 {
		t.Fatalf("first fetch: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return dir
}

func TestFetchUpdateThenNotModifiedThenChanged(t *testing.T) {
	fastFetchRetry(t)
	srv := newFetchServer(t, nil)
	dir := filepath.Join(t.TempDir(), "nami")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("# hand-written\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	url := srv.URL + "/schema/"
	v1 := fetchBundle("a.created", "b.deleted")

	// 1. A normal fetch writes the document and the lock file, and keeps the README.
	srv.set(fetchServe(v1, `"v1"`))
	r := runFetchCmd(t, "-url", url, "-out", dir, "-json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var sum fetchSummary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("-json output: %v\n%s", err, r.stdout)
	}
	want := fetchSummary{URL: url, Out: dir, Status: "updated", Reason: "new snapshot",
		Files: []string{"events.schema.json", "namigen.lock.json"}, Written: []string{"events.schema.json", "namigen.lock.json"},
		Removed: []string{}, EventTypesAdded: []string{"a.created", "b.deleted"}, EventTypesRemoved: []string{}}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "events.schema.json")); string(data) != v1 {
		t.Errorf("the document is not stored as served")
	}
	if data, _ := os.ReadFile(readme); string(data) != "# hand-written\n" {
		t.Errorf("README.md changed")
	}
	lock, _ := os.ReadFile(filepath.Join(dir, fetch.LockFile))
	wantLock := fmt.Sprintf(`{
  "documents": [
    {
      "etag": "\"v1\"",
      "file": "events.schema.json",
      "sha256": "%s",
      "url": "%s"
    }
  ],
  "url": "%s",
  "version": 1
}
`, fetchSHA256(v1), url, url)
	if diff := cmp.Diff(wantLock, string(lock)); diff != "" {
		t.Errorf("lock file (-want +got):\n%s", diff)
	}

	// 2. A 304 leaves the folder untouched, modification times included.
	before := fetchTree(t, dir)
	stBefore, _ := os.Stat(filepath.Join(dir, "events.schema.json"))
	r = runFetchCmd(t, "-url", url, "-out", dir)
	if r.code != 0 || !strings.Contains(r.stdout, ": unchanged from "+url+": not modified (HTTP 304)") {
		t.Errorf("304: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if h := srv.headers(); h[len(h)-1].Get("If-None-Match") != `"v1"` {
		t.Errorf("no conditional request: %v", h[len(h)-1])
	}
	if diff := cmp.Diff(before, fetchTree(t, dir)); diff != "" {
		t.Errorf("304 changed the snapshot:\n%s", diff)
	}
	if st, _ := os.Stat(filepath.Join(dir, "events.schema.json")); !st.ModTime().Equal(stBefore.ModTime()) {
		t.Errorf("304 touched the document")
	}

	// 3. The same content under a new ETag is unchanged too, and the lock file is kept.
	srv.set(fetchServe(v1, `"v1-again"`))
	r = runFetchCmd(t, "-url", url, "-out", dir)
	if r.code != 0 || !strings.Contains(r.stdout, ": unchanged from "+url+": identical content") {
		t.Errorf("identical: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if diff := cmp.Diff(before, fetchTree(t, dir)); diff != "" {
		t.Errorf("identical content changed the snapshot:\n%s", diff)
	}

	// 4. Changed content replaces the document and reports the event types.
	v2 := fetchBundle("a.created", "c.updated")
	srv.set(fetchServe(v2, `"v2"`))
	r = runFetchCmd(t, "-url", url, "-out", dir, "-json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	sum = fetchSummary{}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	want.Reason, want.EventTypesAdded, want.EventTypesRemoved = "content changed", []string{"c.updated"}, []string{"b.deleted"}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "events.schema.json")); string(data) != v2 {
		t.Errorf("the document was not replaced")
	}
	if data, _ := os.ReadFile(readme); string(data) != "# hand-written\n" {
		t.Errorf("README.md changed")
	}
	r = runFetchCmd(t, "-url", url, "-out", dir)
	if !strings.Contains(r.stdout, "unchanged") {
		t.Errorf("after the update: %q", r.stdout)
	}
}

func fetchSHA256(s string) string {
	return fmt.Sprintf("%x", sha256.Sum256([]byte(s)))
}

func TestFetchRetriesThenSucceeds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault func(w http.ResponseWriter)
		waits []time.Duration
	}{
		{"500 then success", func(w http.ResponseWriter) { http.Error(w, "oops", http.StatusInternalServerError) }, nil},
		{"429 with Retry-After then success", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}, []time.Duration{3 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			waits := fastFetchRetry(t)
			srv := newFetchServer(t, nil)
			dir := newFetchSnapshot(t, srv)
			var mu sync.Mutex
			calls := 0
			good := fetchServe(fetchBundle("a.created", "c.updated"), `"v2"`)
			srv.set(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				calls++
				n := calls
				mu.Unlock()
				if n == 1 {
					tc.fault(w)
					return
				}
				good(w, r)
			})
			*waits = nil
			r := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir)
			if r.code != 0 || !strings.Contains(r.stdout, "updated") || !strings.Contains(r.stdout, "event types added: c.updated") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if calls != 2 || len(*waits) != 1 {
				t.Errorf("%d requests, waits %v; want 2 requests and 1 wait", calls, *waits)
			}
			if tc.waits != nil && !cmp.Equal(tc.waits, *waits) {
				t.Errorf("waits %v, want %v (Retry-After)", *waits, tc.waits)
			}
			t.Logf("%s: exit %d: %s", tc.name, r.code, strings.TrimSpace(r.stdout))
		})
	}
}

// TestFetchFaults: every fault leaves the previous snapshot byte for byte as it was, exits 1
// and names the problem. Run with -v to see what each case prints.
func TestFetchFaults(t *testing.T) {
	withRef := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"id": {"$ref": "common.json#/$defs/Id"}}}`
	cases := []struct {
		name    string
		handler func(srvURL string) http.HandlerFunc
		args    []string
		setup   func(t *testing.T)
		want    []string
	}{
		{
			name: "500 on every attempt",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					http.Error(w, "internal error", http.StatusInternalServerError)
				}
			},
			want: []string{"HTTP 500 Internal Server Error: internal error (gave up after 3 attempts)"},
		},
		{
			name: "429 with a Retry-After over the cap",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Retry-After", "3600")
					http.Error(w, "quota exceeded", http.StatusTooManyRequests)
				}
			},
			want: []string{"HTTP 429 Too Many Requests: quota exceeded; the server asks to retry after 1h0m0s, longer than the 10s this command waits"},
		},
		{
			name: "server slower than the timeout",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-r.Context().Done():
					case <-time.After(10 * time.Second):
					}
				}
			},
			args: []string{"-timeout", "200ms"},
			want: []string{"timed out: the fetch did not finish within 200ms"},
		},
		{
			name: "truncated body",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					w.Header().Set("Content-Length", "1000")
					fmt.Fprint(w, `{"type": "obj`)
				}
			},
			want: []string{"truncated body: the connection closed after 13 of the 1000 bytes announced (gave up after 3 attempts)"},
		},
		{
			name: "invalid JSON",
			handler: func(string) http.HandlerFunc {
				return fetchServe("{\n  \"$defs\": {\n    \"A\": {\"type\": \"object\",}\n  }\n}\n", `"bad"`)
			},
			want: []string{"/schema/: /$defs/A: invalid JSON at line 3, column 28: invalid character '}' looking for beginning of object key string"},
		},
		{
			name: "valid JSON, not a valid schema",
			handler: func(string) http.HandlerFunc {
				return fetchServe(`{"$defs": {"A": {"type": "object", "required": "id"}}}`, `"bad"`)
			},
			want: []string{"/schema/: /$defs/A/required: not a valid schema (meta-schema check failed): got string, want array"},
		},
		{
			name: "body over the size cap",
			handler: func(string) http.HandlerFunc {
				return fetchServe(`{"description": "`+strings.Repeat("x", 4096)+`"}`, `"big"`)
			},
			args: []string{"-max-bytes", "1KiB"},
			want: []string{"the body is over the 1024-byte cap (-max-bytes)"},
		},
		{
			name: "redirect loop",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/schema/" {
						http.Redirect(w, r, "/elsewhere", http.StatusFound)
						return
					}
					http.Redirect(w, r, "/schema/", http.StatusMovedPermanently)
				}
			},
			want: []string{"too many redirects: stopped after 10 (a redirect loop?)"},
		},
		{
			name: "wrong content type",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					fmt.Fprint(w, "<html><body>Please log in</body></html>")
				}
			},
			want: []string{`the server answered with content type "text/html; charset=utf-8", not JSON (want application/json or application/schema+json)`},
		},
		{
			name: "401 without a token",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if r.Header.Get("Authorization") == "" {
						w.Header().Set("Content-Type", "application/json")
						w.WriteHeader(http.StatusUnauthorized)
						fmt.Fprint(w, `{"detail": "Authentication credentials were not provided."}`)
						return
					}
					fetchServe(fetchBundle("a.created"), "")(w, r)
				}
			},
			setup: func(t *testing.T) { t.Setenv("NAMI_API_TOKEN", "") },
			want:  []string{`HTTP 401 Unauthorized: {"detail": "Authentication credentials were not provided."} (NAMI_API_TOKEN is not set)`},
		},
		{
			name: "$ref to a second URL that fails",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/schema/common.json" {
						http.Error(w, "gone", http.StatusGone)
						return
					}
					fetchServe(withRef, `"ref"`)(w, r)
				}
			},
			want: []string{"/schema/common.json: HTTP 410 Gone: gone (referenced from http://127.0.0.1:"},
		},
		{
			name: "connection dropped by the server",
			handler: func(string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					// Hijack and close: the client sees the connection drop.
					conn, _, err := w.(http.Hijacker).Hijack()
					if err == nil {
						conn.Close()
					}
				}
			},
			want: []string{"request failed: EOF (gave up after 3 attempts)"},
		},
		{
			name: "interrupted write (the rename fails)",
			handler: func(string) http.HandlerFunc {
				return fetchServe(fetchBundle("a.created", "c.updated"), `"v2"`)
			},
			setup: func(t *testing.T) {
				saved := testFetchHooks
				testFetchHooks.rename = func(oldpath, newpath string) error {
					if filepath.Base(oldpath) == "new" { // the staging folder moving into place
						return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: errors.New("simulated crash")}
					}
					return os.Rename(oldpath, newpath)
				}
				t.Cleanup(func() { testFetchHooks = saved })
			},
			want: []string{"writing the snapshot failed: write ", "moving the new folder in place", "simulated crash"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fastFetchRetry(t)
			srv := newFetchServer(t, nil)
			dir := newFetchSnapshot(t, srv)
			before := fetchTree(t, dir)
			parentBefore := fetchTree(t, filepath.Dir(dir))
			if tc.setup != nil {
				tc.setup(t)
			}
			srv.set(tc.handler(srv.URL))
			r := runFetchCmd(t, append([]string{"-url", srv.URL + "/schema/", "-out", dir}, tc.args...)...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			for _, w := range append(tc.want, dir+" was not changed") {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
				}
			}
			if diff := cmp.Diff(before, fetchTree(t, dir)); diff != "" {
				t.Errorf("the snapshot changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(parentBefore, fetchTree(t, filepath.Dir(dir))); diff != "" {
				t.Errorf("something was left next to the snapshot (-before +after):\n%s", diff)
			}
			t.Logf("%s: exit %d: %s", tc.name, r.code, strings.SplitN(r.stderr, "\n", 2)[0])
		})
	}
}

func TestFetchTokenNeverShown(t *testing.T) {
	const token = "nami-secret-7f3a9c"
	t.Setenv("NAMI_API_TOKEN", token)
	fastFetchRetry(t)
	other := newFetchServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"$defs": {"Id": {"type": "string"}}}`)
	})
	srv := newFetchServer(t, nil)
	doc := `{"properties": {"id": {"$ref": "` + other.URL + `/common.json#/$defs/Id"}}}`
	srv.set(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"t1"`)
		fmt.Fprint(w, doc)
	})
	dir := filepath.Join(t.TempDir(), "nami")
	r := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir, "-json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, h := range other.headers() {
		if h.Get("Authorization") != "" {
			t.Errorf("the token was sent to another origin (a $ref)")
		}
	}
	// A server that echoes the credentials in an error body.
	srv.set(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "token %q is revoked", r.Header.Get("Authorization"))
	})
	r2 := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir, "-json")
	if r2.code != 1 || !strings.Contains(r2.stderr, "HTTP 403 Forbidden") || !strings.Contains(r2.stderr, "[REDACTED]") {
		t.Errorf("exit %d: %s", r2.code, r2.stderr)
	}
	files := fetchTree(t, dir)
	for _, out := range []string{r.stdout, r.stderr, r2.stdout, r2.stderr, fmt.Sprint(files)} {
		if strings.Contains(out, token) {
			t.Errorf("the token appears in:\n%s", out)
		}
	}
	t.Logf("403 echoing the token: exit %d: %s", r2.code, strings.SplitN(r2.stderr, "\n", 2)[0])
}

func TestFetchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-nope"},
		{"extra"},
		{"-url", "ftp://example.com/x"},
		{"-url", "not a url"},
		{"-header", "no colon"},
		{"-max-bytes", "0"},
		{"-max-bytes", "lots"},
		{"-timeout", "0s"},
		{"-out", ""},
		{"-header", "Authorization Bearer sekrit-value"},
		{"-header", "X-Ok: 1", "-header", "Bad Name: sekrit-value"},
	} {
		r := runFetchCmd(t, args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "sekrit") {
			t.Errorf("%q: a -header value is echoed: %s", args, r.stderr)
		}
	}
	if r := runFetchCmd(t, "-h"); r.code != 0 || !strings.Contains(r.stderr, "-max-bytes") {
		t.Errorf("-h: exit %d\n%s", r.code, r.stderr)
	}
}

func TestFetchUnreachable(t *testing.T) {
	fastFetchRetry(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dir := filepath.Join(t.TempDir(), "nami")
	r := runFetchCmd(t, "-url", "http://"+addr+"/schema/", "-out", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "connection refused") || !strings.Contains(r.stderr, "gave up after 3 attempts") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the snapshot folder was created")
	}
}

// TestFetchCommittedSnapshot: the first fetch of a snapshot made by hand (no lock file) with
// the same document only adds the lock file, and keeps the README.
func TestFetchCommittedSnapshot(t *testing.T) {
	fastFetchRetry(t)
	dir := filepath.Join(t.TempDir(), "nami")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var src []byte
	for _, name := range []string{"events.schema.json", "README.md"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "schemas", "nami", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if name == "events.schema.json" {
			src = data
		}
	}
	before := fetchTree(t, dir)
	srv := newFetchServer(t, fetchServe(string(src), `"committed"`))
	r := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir, "-json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var sum fetchSummary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Status != "updated" || sum.Reason != "lock file created" || !cmp.Equal(sum.Written, []string{fetch.LockFile}) ||
		len(sum.EventTypesAdded)+len(sum.EventTypesRemoved) != 0 {
		t.Errorf("summary: %+v", sum)
	}
	after := fetchTree(t, dir)
	delete(after, fetch.LockFile)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("files other than the lock file changed:\n%s", diff)
	}
}

// TestFetchRoundTrip serves the committed snapshot, fetches it into a temporary folder and
// generates from there: the output must be generated/namievents byte for byte.
func TestFetchRoundTrip(t *testing.T) {
	fastFetchRetry(t)
	src, err := os.ReadFile(filepath.Join("..", "..", "schemas", "nami", "events.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	srv := newFetchServer(t, fetchServe(string(src), `"committed"`))
	dir := filepath.Join(t.TempDir(), "nami")
	r := runFetchCmd(t, "-url", srv.URL+"/schema/", "-out", dir)
	if r.code != 0 {
		t.Fatalf("fetch: exit %d: %s", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "events.schema.json")); !bytes.Equal(got, src) {
		t.Fatal("the fetched document differs from the served one")
	}
	files, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{dir}, Package: "namievents"})
	if err != nil {
		t.Fatalf("generate from the fetched snapshot: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("nothing generated")
	}
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join("..", "..", "generated", "namievents", filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		if diff := cmp.Diff(string(want), string(f.Data)); diff != "" {
			t.Errorf("%s differs from generated/namievents (-want +got):\n%s", f.Path, diff)
		}
	}
}
