// Package fetch snapshots live JSON Schemas into a folder, so that generation reads files and
// needs no network (namigen fetch).
//
// A fetch downloads the document at Options.URL, then every document it references by URL
// ($ref, $dynamicRef, a custom $schema), within Options.MaxDocuments. Every document must be
// valid JSON (no duplicate keys) and compile as a schema with santhosh-tekuri/jsonschema,
// meta-schema checked, before anything is written. The snapshot folder is then replaced all or
// nothing through generator/write: files it does not own (a README) are kept as they are.
//
// The snapshot holds the documents byte for byte as served, plus a lock file, [LockFile], that
// maps each source URL to its file and records its ETag, Last-Modified and SHA-256. The
// document fetched from Options.URL is [MainFile]; the others are named after the last element
// of their URL path (see [FileNames]). Nothing in the snapshot depends on when it was fetched,
// so two fetches of the same content give the same bytes.
//
// References are not rewritten: a reader of the snapshot resolves a URL by looking it up in the
// lock file ([Lock.File]) and compiles each document under its source URL, which makes relative
// references resolve exactly as they did when fetched; only the document of [Lock.URL] is a root,
// the others only serve references. This package imports neither generator nor generator/load,
// so that the loader can use [ReadLock].
//
// The next fetch sends If-None-Match and If-Modified-Since from the lock file. When every
// document is answered with 304 Not Modified, or comes back with the same bytes, the folder is
// not touched at all.
//
// Requests are retried with exponential backoff and jitter on network errors, truncated bodies,
// 5xx and 429 (honouring Retry-After up to a cap). Other statuses fail at once, with the status
// and an excerpt of the body. The bearer token and the extra headers are only sent to the origin
// (scheme, host and port) of Options.URL, and no message, error or file written contains the
// token.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/namigen/namigen/generator/snapshot"
	"github.com/namigen/namigen/generator/write"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// DefaultURL is Nami ML's endpoint for its webhook event schemas.
const DefaultURL = "https://app.namiml.com/api/v1/events/schema/"

// Defaults of Options.
const (
	DefaultMaxBytes      = snapshot.DefaultMaxBytes
	DefaultMaxDocuments  = snapshot.DefaultMaxDocuments
	DefaultMaxRedirects  = snapshot.DefaultMaxRedirects
	DefaultAttempts      = snapshot.DefaultAttempts
	DefaultBackoffBase   = snapshot.DefaultBackoffBase
	DefaultBackoffMax    = snapshot.DefaultBackoffMax
	DefaultMaxRetryAfter = snapshot.DefaultMaxRetryAfter
	DefaultEventKey      = "event_type"
)

// Options configure Fetch. Only URL and Dir are required.
type Options struct {
	// URL is the document to snapshot (http or https).
	URL string
	// Dir is the snapshot folder; it is created if absent.
	Dir string
	// Header holds extra request headers. Like Token, they are sent only to the origin of URL
	// (never to other hosts that a $ref or a redirect points to).
	Header http.Header
	// Token is sent as "Authorization: Bearer <Token>" (unless Header sets Authorization).
	Token string
	// Timeout bounds the whole fetch, retries included (0: only ctx bounds it).
	Timeout time.Duration
	// MaxBytes caps the body of one document (default 32 MiB).
	MaxBytes int64
	// MaxDocuments caps how many documents a fetch may read, URL included (default 100).
	MaxDocuments int
	// MaxRedirects caps the redirects followed per request (default 10).
	MaxRedirects int
	// Retry is the retry policy.
	Retry Retry
	// DefaultDraft applies to documents without $schema (default: 2020-12).
	DefaultDraft *jsonschema.Draft
	// EventKey is the discriminator property whose const names an event type (default
	// "event_type"); it is only used to report the event types added and removed.
	EventKey string
	// Transport makes the HTTP requests (default: a clone of http.DefaultTransport).
	Transport http.RoundTripper
	// Rename makes the folder moves of the write (default os.Rename; see write.Options).
	Rename func(oldpath, newpath string) error
}

// Retry is the retry policy of each request.
type Retry = snapshot.Retry

// Status is the outcome of a successful fetch.
type Status string

const (
	// Updated: the snapshot folder was written.
	Updated Status = "updated"
	// Unchanged: the live schemas are those of the snapshot; the folder was not touched.
	Unchanged Status = "unchanged"
)

// Result describes a successful fetch.
type Result struct {
	URL    string
	Dir    string
	Status Status
	// Reason details Status: "not modified (HTTP 304)", "identical content", "new snapshot",
	// "content changed".
	Reason string
	// Documents are the fetched documents, by file name.
	Documents []LockedDocument
	// Files are the snapshot files the fetch owns (documents and lock file), sorted.
	Files []string
	// Written and Removed are the files written and removed (empty when Unchanged).
	Written, Removed []string
	// EventTypesAdded and EventTypesRemoved compare the event types of the new snapshot with
	// those of the previous one (all are added when there was none).
	EventTypesAdded, EventTypesRemoved []string
	// Warning, when not empty, reports a leftover of an update that succeeded (a temporary
	// copy of the old snapshot that could not be removed).
	Warning string
}

// Error is a fetch failure: the URL (or file) concerned, the JSON Pointer in it, what is wrong.
type Error = snapshot.Error

// Fetch snapshots the schemas at opts.URL into opts.Dir. On error, opts.Dir is as it was.
func Fetch(ctx context.Context, opts Options) (*Result, error) {
	if err := opts.setDefaults(); err != nil {
		return nil, err
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, opts.Timeout, snapshot.ErrTimeout)
		defer cancel()
	}
	old, err := readSnapshot(opts.Dir)
	if err != nil {
		return nil, err
	}
	client, err := snapshot.NewClient(opts.clientOptions())
	if err != nil {
		return nil, err
	}
	f := &fetcher{ctx: ctx, opts: &opts, client: client, old: old, byURL: map[string]*document{}}
	if err := f.fetchAll(); err != nil {
		return nil, err
	}
	return f.save()
}

func (o *Options) setDefaults() error {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("fetch: %q is not an http or https URL", o.URL)
	}
	if o.Dir == "" {
		return errors.New("fetch: no snapshot folder given")
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDocuments <= 0 {
		o.MaxDocuments = DefaultMaxDocuments
	}
	if o.DefaultDraft == nil {
		o.DefaultDraft = jsonschema.Draft2020
	}
	if o.EventKey == "" {
		o.EventKey = DefaultEventKey
	}
	return nil
}

// clientOptions are the options of the fetch's HTTP client; its defaults fill the zero fields.
func (o *Options) clientOptions() snapshot.ClientOptions {
	return snapshot.ClientOptions{URL: o.URL, Header: o.Header, Token: o.Token, Timeout: o.Timeout,
		MaxBytes: o.MaxBytes, MaxRedirects: o.MaxRedirects, Retry: o.Retry, Transport: o.Transport}
}

// document is one fetched document.
type document struct {
	url          string
	data         []byte
	value        any
	etag         string
	lastModified string
	notModified  bool // answered 304: data comes from the snapshot
}

// snapshot is what the snapshot folder held before the fetch.
type oldSnapshot struct {
	dir    string
	exists bool
	lock   *Lock             // nil without a (valid) lock file
	files  map[string][]byte // top-level regular files by name
}

func readSnapshot(dir string) (*oldSnapshot, error) {
	s := &oldSnapshot{dir: dir, files: map[string][]byte{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, &Error{URL: dir, Msg: "cannot read the snapshot folder: " + errText(err), Err: err}
	}
	s.exists = true
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, &Error{URL: filepath.Join(dir, e.Name()), Msg: "cannot read: " + errText(err), Err: err}
		}
		s.files[e.Name()] = data
	}
	if data, ok := s.files[LockFile]; ok {
		// A lock file that cannot be read only costs the conditional requests: the fetch
		// replaces it.
		if l, err := ParseLock(data); err == nil {
			s.lock = l
		}
	}
	return s, nil
}

// validators returns the ETag and Last-Modified to send for u, when the snapshot holds the
// document the lock file describes (same bytes).
func (s *oldSnapshot) validators(u string) (*LockedDocument, []byte) {
	if s.lock == nil {
		return nil, nil
	}
	ld, ok := s.lock.Lookup(u)
	if !ok || (ld.ETag == "" && ld.LastModified == "") {
		return nil, nil
	}
	data, ok := s.files[ld.File]
	if !ok || sha(data) != ld.SHA256 {
		return nil, nil
	}
	return ld, data
}

type fetcher struct {
	ctx    context.Context
	opts   *Options
	client *snapshot.Client
	old    *oldSnapshot
	docs   []*document // in fetch order; docs[0] is opts.URL
	byURL  map[string]*document
	names  map[string]string // URL → file, once chosen
}

// fetchAll fetches opts.URL and everything it references, and compiles every document.
func (f *fetcher) fetchAll() error {
	root, err := f.fetchDoc(f.opts.URL)
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(f.opts.DefaultDraft)
	c.UseLoader(loaderFunc(f.loadRef))
	if err := addResources(c, root); err != nil {
		return err
	}
	// Compiling a document makes the compiler ask loadRef for the documents it references,
	// which appends them to f.docs: the loop ends when no compilation needs a new document.
	for i := 0; i < len(f.docs); i++ {
		d := f.docs[i]
		for _, loc := range compileTargets(d, i == 0, draftName(f.opts)) {
			if _, err := c.Compile(loc); err != nil {
				return f.compileError(err, d)
			}
		}
	}
	return nil
}

type loaderFunc func(string) (any, error)

func (l loaderFunc) Load(u string) (any, error) { return l(u) }

// loadRef serves the compiler's requests for documents it was not given.
func (f *fetcher) loadRef(u string) (any, error) {
	if d, ok := f.byURL[u]; ok {
		return d.value, nil
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return nil, &Error{URL: u, Msg: "cannot snapshot a reference that is not an http or https URL"}
	}
	d, err := f.fetchDoc(u)
	if err != nil {
		return nil, err
	}
	return d.value, nil
}

// fetchDoc gets one document (conditionally when the snapshot has it) and parses it.
func (f *fetcher) fetchDoc(u string) (*document, error) {
	if len(f.docs) >= f.opts.MaxDocuments {
		return nil, &Error{URL: u, Msg: fmt.Sprintf("more than %d documents referenced; the limit is %d", f.opts.MaxDocuments, f.opts.MaxDocuments)}
	}
	ld, oldData := f.old.validators(u)
	resp, err := f.client.GetConditional(f.ctx, u, ld)
	if err != nil {
		return nil, err
	}
	d := &document{url: u, etag: resp.ETag, lastModified: resp.LastModified}
	if resp.NotModified {
		d.data, d.notModified = oldData, true
		d.etag, d.lastModified = ld.ETag, ld.LastModified
	} else {
		d.data = resp.Body
	}
	v, err := parseJSON(u, d.data)
	if err != nil {
		return nil, err
	}
	d.value = v
	f.docs = append(f.docs, d)
	f.byURL[u] = d
	return d, nil
}

// save writes the snapshot, unless it would not change.
func (f *fetcher) save() (*Result, error) {
	urls := make([]string, len(f.docs))
	for i, d := range f.docs {
		urls[i] = d.url
	}
	names := FileNames(f.opts.URL, urls)
	f.names = names
	lock := &Lock{URL: f.opts.URL, Version: snapshot.LockVersion}
	files := make([]write.File, 0, len(f.docs)+1)
	for _, d := range f.docs {
		ld := LockedDocument{URL: d.url, File: names[d.url], SHA256: sha(d.data)}
		// A validator is an opaque server string; one that would leak the token is dropped.
		if !f.client.Secret(d.etag) {
			ld.ETag = d.etag
		}
		if !f.client.Secret(d.lastModified) {
			ld.LastModified = d.lastModified
		}
		lock.Documents = append(lock.Documents, ld)
		files = append(files, write.File{Path: ld.File, Data: d.data})
	}
	lock.Sort()
	files = append(files, write.File{Path: LockFile, Data: lock.Marshal()})
	slices.SortFunc(files, func(a, b write.File) int { return strings.Compare(a.Path, b.Path) })

	res := &Result{URL: f.opts.URL, Dir: f.opts.Dir, Documents: lock.Documents, Written: []string{}, Removed: []string{}}
	for _, fl := range files {
		res.Files = append(res.Files, fl.Path)
	}
	res.EventTypesAdded, res.EventTypesRemoved = f.eventTypeChanges(files)

	if f.sameAsSnapshot(lock) {
		res.Status, res.Reason = Unchanged, "identical content"
		if f.allNotModified() {
			res.Status, res.Reason = Unchanged, "not modified (HTTP 304)"
		}
		return res, nil
	}
	owned := map[string]bool{LockFile: true}
	if f.old.lock != nil {
		for _, ld := range f.old.lock.Documents {
			owned[ld.File] = true
		}
	}
	wres, err := write.Write(f.opts.Dir, files, write.Options{Owned: func(p string, _ []byte) bool { return owned[p] }, Rename: f.opts.Rename})
	if err != nil && !wres.Changed() {
		return nil, &Error{Msg: "writing the snapshot failed: " + err.Error(), Err: err}
	}
	if err != nil {
		// Only the removal of the old copy failed: the new snapshot is in place.
		res.Warning = err.Error()
	}
	if !wres.Changed() {
		res.Status, res.Reason = Unchanged, "identical content"
		return res, nil
	}
	res.Status, res.Reason = Updated, f.updateReason(wres)
	res.Written, res.Removed = nonNil(wres.Written), nonNil(wres.Removed)
	return res, nil
}

// sameAsSnapshot reports whether the snapshot already holds these documents under these
// names, with a lock file for the same URL (validators may differ: they are not content).
func (f *fetcher) sameAsSnapshot(lock *Lock) bool {
	old := f.old.lock
	if old == nil || old.URL != lock.URL || old.Version != lock.Version || len(old.Documents) != len(lock.Documents) {
		return false
	}
	for i, ld := range lock.Documents {
		o := old.Documents[i]
		if o.URL != ld.URL || o.File != ld.File || o.SHA256 != ld.SHA256 {
			return false
		}
		if data, ok := f.old.files[ld.File]; !ok || sha(data) != ld.SHA256 {
			return false
		}
	}
	return true
}

// updateReason says why the snapshot was written.
func (f *fetcher) updateReason(w write.Result) string {
	if f.old.lock == nil {
		existed := false
		for _, d := range f.docs {
			if _, ok := f.old.files[f.names[d.url]]; ok {
				existed = true
			}
		}
		if !existed {
			return "new snapshot"
		}
	}
	if len(w.Written) == 1 && w.Written[0] == LockFile && len(w.Removed) == 0 {
		if f.old.lock == nil {
			return "lock file created"
		}
		return "lock file updated"
	}
	return "content changed"
}

func (f *fetcher) allNotModified() bool {
	for _, d := range f.docs {
		if !d.notModified {
			return false
		}
	}
	return true
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// bytesReader avoids a strings copy of a document for the JSON decoder.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
