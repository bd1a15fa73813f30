// Package load is the first phase of namigen: it reads schema documents from files, folders,
// globs, URLs or an embedded snapshot, recognises the bundle shape of each document, and has
// santhosh-tekuri/jsonschema compile every entry (meta-schema check, $ref, $id, $anchor and
// $dynamicRef resolution, every draft from 4 to 2020-12 through $schema).
//
// Its output is a *Result: the documents with their key order (Go maps lose it, struct fields
// need it) and the compiled entry schemas, each with the name it was found under.
//
// Bundle shapes, per document:
//   - a schema with $defs or definitions: every definition is an entry, named by its key; the
//     root is an entry too when it says more than that (type, properties, ...);
//   - a schema whose oneOf/anyOf only lists $refs (an index of events): the branches' targets are
//     entries, and the index itself is not;
//   - an object mapping names to schemas (no keyword of its draft at its top level, or
//     Options.Root is RootBundle): each value;
//   - an array of schemas: each element, as a standalone schema;
//   - one file per schema (a folder): each file's root, named after the file.
package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/namigen/namigen/generator/jsondoc"
	"github.com/namigen/namigen/generator/snapshot"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Document is one JSON document that took part in the load.
type Document struct {
	URL     string // absolute URL the compiler knows it by
	Display string // how messages and file headers name it
	Data    []byte
	Value   any                 // decoded with numbers as json.Number
	Order   map[string][]string // JSON Pointer → object keys in document order

	items []*Document // for an array of schemas: one document per element
}

// Entry is a schema to generate a named type for.
type Entry struct {
	Name     string // the name it was found under ($defs key, map key, file name)
	Doc      *Document
	Pointer  string // JSON Pointer inside Doc
	Schema   *jsonschema.Schema
	Location string // absolute location (URL#pointer) for messages
}

// Result is the output of the load phase.
type Result struct {
	Docs    []*Document
	Entries []*Entry
	// Index lists the entries that a bundle root offered as its oneOf/anyOf alternatives (the
	// event list of a webhook bundle), in order.
	Index []*Entry

	// Notes are remarks for the user that are not errors (how an ambiguous document was read).
	Notes []string
	// ECMARegexp: patterns Go's regexp cannot compile were compiled as ECMA-262 (-regexp ecma).
	ECMARegexp bool

	resources map[string]resource
	compiled  []Resource
	compiler  *jsonschema.Compiler // answers Compile (resource.go)
	asserts   bool                 // compiled with Options.AssertFormat
}

// Resource is one document as the compiler was given it.
type Resource struct {
	URL   string
	Value any
}

// Resources lists what the load gave the compiler, so that another compiler (the diff's, with
// formats asserted) can compile the entries' locations the same way.
func (r *Result) Resources() []Resource { return r.compiled }

type resource struct {
	doc *Document
	ptr string
}

// Options configure Load.
type Options struct {
	// FS and FSRoot name the embedded snapshot used when Inputs is empty.
	FS     fs.FS
	FSRoot string
	// DefaultDraft applies to documents without $schema: "2020-12" (default), "2019-09", "7", "6", "4".
	DefaultDraft string
	// HTTPClient fetches URL inputs and remote $refs (only when an input is a URL). Only its
	// Transport and Timeout are used (default: 60 s per document, retries included): requests
	// go through a snapshot.Client, with fetch's retries, size cap, content type check, and
	// NAMI_API_TOKEN sent to the origin of the URL inputs only.
	HTTPClient *http.Client
	// MaxDocuments bounds how many documents a load may read (default 1000).
	MaxDocuments int
	// MaxBytes bounds one document (default 128 MiB: a bundle of 10,000 events is about 40 MB).
	MaxBytes int64
	// AssertFormat compiles the schemas with "format" asserted, so that validating instances
	// with them checks formats as generated code does (diff's witnesses). Generation does not
	// depend on it.
	AssertFormat bool
	// Root says how the top level of an input document is read (default RootAuto; see root.go).
	Root Root
	// Regexp is the dialect of patterns (default RegexpRE2; see regexp.go).
	Regexp Regexp
	// FetchRefs resolves http(s) $refs through a fetch client (retries, redirect rules, size
	// cap, HTTPClient's timeout), without credentials; by default only URL inputs allow it.
	FetchRefs bool
	// RefDirs are folders remote $refs are read from before any network: snapshots of
	// `namigen fetch` (by their lock file) or folders of schemas with absolute $ids (see remote.go).
	RefDirs []string
}

// Error is a load failure: the file (or URL) concerned, the JSON Pointer in it, and what is wrong.
type Error struct {
	File    string
	Pointer string
	Msg     string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pointer != "" || e.File != "" {
		b.WriteString(": ")
	}
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// LockFile is the name of the lock file `namigen fetch` writes into a snapshot folder. A folder
// that holds one is read as a snapshot (see readSnapshot).
const LockFile = snapshot.LockFile

// Drafts maps the accepted -draft names to the compiler's drafts.
var Drafts = map[string]*jsonschema.Draft{
	"2020-12": jsonschema.Draft2020,
	"2019-09": jsonschema.Draft2019,
	"7":       jsonschema.Draft7,
	"6":       jsonschema.Draft6,
	"4":       jsonschema.Draft4,
}

type loader struct {
	ctx         context.Context
	opts        Options
	res         *Result
	byURL       map[string]*Document
	allowRemote bool
	// byLocation indexes the entries by Location (refEntry).
	byLocation map[string]*Entry
	// why says why a root document was read as a bundle (for messages).
	why map[*Document]string
	// refFiles maps URLs to the files of the reference folders; remoteDocs counts the
	// documents fetched for remote $refs (remote.go).
	refFiles   map[string]refFile
	remoteDocs int
	// clients fetch URLs, one per origin of a URL input (the token goes to that origin only).
	clients []*originClient
}

// originClient is the fetch client of one URL input's origin.
type originClient struct {
	origin string
	c      *snapshot.Client
}

// Load reads the inputs, recognises bundle shapes and compiles every entry.
func Load(ctx context.Context, inputs []string, opts Options) (*Result, error) {
	if opts.DefaultDraft == "" {
		opts.DefaultDraft = "2020-12"
	}
	draft, ok := Drafts[opts.DefaultDraft]
	if !ok {
		return nil, fmt.Errorf("unknown draft %q (want 2020-12, 2019-09, 7, 6 or 4)", opts.DefaultDraft)
	}
	if _, err := ParseRoot(string(opts.Root)); err != nil {
		return nil, err
	}
	if _, err := ParseRegexp(string(opts.Regexp)); err != nil {
		return nil, err
	}
	if opts.MaxDocuments == 0 {
		opts.MaxDocuments = 1000
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 128 << 20
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	l := &loader{ctx: ctx, opts: opts, res: &Result{resources: map[string]resource{}}, byURL: map[string]*Document{}, byLocation: map[string]*Entry{}, why: map[*Document]string{}}
	if err := l.readRefDirs(); err != nil {
		return nil, err
	}
	var roots []*Document
	if len(inputs) == 0 {
		if opts.FS == nil {
			return nil, errors.New("no input given")
		}
		docs, err := l.readFS(opts.FS, opts.FSRoot)
		if err != nil {
			return nil, err
		}
		roots = docs
	}
	for _, in := range inputs {
		docs, err := l.readInput(in)
		if err != nil {
			return nil, err
		}
		roots = append(roots, docs...)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(draft)
	if opts.AssertFormat {
		c.AssertFormat()
	}
	c.UseLoader(loaderFunc(l.loadURL))
	l.res.compiler, l.res.asserts = c, opts.AssertFormat
	if opts.Regexp == RegexpECMA {
		c.UseRegexpEngine(ECMARegexpEngine)
		l.res.ECMARegexp = true
	}
	isRoot := map[*Document]bool{}
	for _, d := range roots {
		isRoot[d] = true
	}
	// Entries are found in the root documents; documents pulled in by $ref only contribute the
	// definitions that are actually referenced (named by the model from their location).
	for _, d := range roots {
		if err := l.entries(d); err != nil {
			return nil, err
		}
	}
	split := map[*Document]string{} // bundle → URL of its root's own content
	for _, d := range l.res.Docs {
		value := d.Value
		if isRoot[d] {
			if stripped, own, ok := splitBundle(d.Value, d.URL); ok {
				value = stripped
				if own != nil {
					u := d.URL + "?root"
					if err := c.AddResource(u, own); err != nil {
						return nil, l.compileError(err, d.Display)
					}
					l.res.compiled = append(l.res.compiled, Resource{URL: u, Value: own})
					l.res.resources[u] = resource{doc: d, ptr: ""}
					split[d] = u
				}
			}
		}
		if err := c.AddResource(d.URL, value); err != nil {
			return nil, l.compileError(err, d.Display)
		}
		l.res.compiled = append(l.res.compiled, Resource{URL: d.URL, Value: value})
	}
	for _, e := range l.res.Entries {
		if u, ok := split[e.Doc]; ok && e.Pointer == "" {
			e.Location = u + "#"
		}
	}
	for _, e := range l.res.Entries {
		s, err := c.Compile(e.Location)
		if err != nil {
			return nil, l.compileError(err, e.Doc.Display)
		}
		e.Schema = s
	}
	if len(l.res.Entries) == 0 {
		return nil, errors.New("no schema found in the input")
	}
	l.recordLoaded()
	return l.res, nil
}

type loaderFunc func(string) (any, error)

func (f loaderFunc) Load(u string) (any, error) { return f(u) }

// loadURL serves the compiler's requests for documents it was not given.
func (l *loader) loadURL(u string) (any, error) {
	if d, ok := l.byURL[u]; ok {
		return d.Value, nil
	}
	pu, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	switch pu.Scheme {
	case "file":
		p := filepath.FromSlash(pu.Path)
		d, err := l.readFile(p, p)
		if err != nil {
			return nil, err
		}
		return d.Value, nil
	case "http", "https":
		return l.loadRemote(u)
	}
	return nil, fmt.Errorf("unsupported URL scheme in %s", u)
}

func (l *loader) readInput(in string) ([]*Document, error) {
	if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
		l.allowRemote = true
		if err := l.addClient(in); err != nil {
			return nil, err
		}
		d, err := l.readURL(in)
		if err != nil {
			return nil, err
		}
		return []*Document{d}, nil
	}
	if strings.ContainsAny(in, "*?[") {
		matches, err := filepath.Glob(in)
		if err != nil {
			return nil, &Error{File: in, Msg: "bad glob: " + err.Error()}
		}
		if len(matches) == 0 {
			return nil, &Error{File: in, Msg: "the glob matches no file"}
		}
		sort.Strings(matches)
		var docs []*Document
		for _, m := range matches {
			d, err := l.readFile(m, filepath.Base(m))
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
		return docs, nil
	}
	st, err := os.Stat(in)
	if err != nil {
		return nil, &Error{File: in, Msg: "cannot read input: " + errText(err), Err: err}
	}
	if !st.IsDir() {
		d, err := l.readFile(in, filepath.Base(in))
		if err != nil {
			return nil, err
		}
		return []*Document{d}, nil
	}
	return l.readFS(os.DirFS(in), ".", in)
}

// readFS reads every .json file below root, in path order. prefix, when given, is the folder's
// name on disk (files are then compiled under their real file URLs). A folder with a lock file
// is a snapshot of `namigen fetch`, read by readSnapshot instead.
func (l *loader) readFS(fsys fs.FS, root string, prefix ...string) ([]*Document, error) {
	if docs, ok, err := l.readSnapshot(fsys, root, prefix...); ok || err != nil {
		return docs, err
	}
	var docs []*Document
	err := fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() || !strings.HasSuffix(p, ".json") || strings.HasPrefix(de.Name(), ".") || de.Name() == LockFile {
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if len(prefix) > 0 {
			full := filepath.Join(prefix[0], filepath.FromSlash(p))
			d, err := l.readFile(full, rel)
			if err != nil {
				return err
			}
			docs = append(docs, d)
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		d, err := l.addDoc("file:///namigen-embedded/"+p, rel, data)
		if err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		var le *Error
		if errors.As(err, &le) {
			return nil, le
		}
		name := root
		if len(prefix) > 0 {
			name = prefix[0]
		}
		return nil, &Error{File: name, Msg: "cannot read folder: " + errText(err), Err: err}
	}
	if len(docs) == 0 {
		name := root
		if len(prefix) > 0 {
			name = prefix[0]
		}
		return nil, &Error{File: name, Msg: "the folder holds no .json schema file"}
	}
	return docs, nil
}

// readSnapshot reads a snapshot folder of `namigen fetch` (ok is false when root holds no lock
// file). Every document the lock lists is compiled under its source URL, so that the references
// between them, left as served, resolve as they did when fetched; only the document fetched
// from the lock's URL is a root, the others only serve references. Files the lock does not list
// are not read.
func (l *loader) readSnapshot(fsys fs.FS, root string, prefix ...string) (docs []*Document, ok bool, err error) {
	name := func(file string) string { // how messages name a file of the folder
		if len(prefix) > 0 {
			return filepath.Join(prefix[0], file)
		}
		return path.Join(root, file)
	}
	lock, err := snapshot.ReadLock(fsys, root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		msg := strings.TrimPrefix(errText(err), LockFile+": ")
		return nil, true, &Error{File: name(LockFile), Msg: "invalid lock file: " + msg + "; run `namigen fetch` again", Err: err}
	}
	var rootDoc *Document
	for _, ld := range lock.Documents {
		p := path.Join(root, ld.File)
		st, err := fs.Stat(fsys, p)
		if err == nil && st.Size() > l.opts.MaxBytes {
			return nil, true, &Error{File: name(ld.File), Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit", st.Size(), l.opts.MaxBytes)}
		}
		var data []byte
		if err == nil {
			data, err = fs.ReadFile(fsys, p)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, true, &Error{File: name(ld.File), Msg: fmt.Sprintf("missing from the snapshot, whose %s lists it for %s; run `namigen fetch` again", LockFile, ld.URL), Err: err}
		}
		if err != nil {
			return nil, true, &Error{File: name(ld.File), Msg: "cannot read: " + errText(err), Err: err}
		}
		d, err := l.addDoc(ld.URL, ld.File, data)
		if err != nil {
			return nil, true, err
		}
		if ld.URL == lock.URL {
			rootDoc = d
		}
	}
	return []*Document{rootDoc}, true, nil
}

func (l *loader) readFile(p, display string) (*Document, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, &Error{File: display, Msg: err.Error(), Err: err}
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	if d, ok := l.byURL[u]; ok {
		return d, nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, &Error{File: display, Msg: "cannot read: " + errText(err), Err: err}
	}
	if st.Size() > l.opts.MaxBytes {
		return nil, &Error{File: display, Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit", st.Size(), l.opts.MaxBytes)}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, &Error{File: display, Msg: "cannot read: " + errText(err), Err: err}
	}
	return l.addDoc(u, display, data)
}

func (l *loader) readURL(u string) (*Document, error) {
	if d, ok := l.byURL[u]; ok {
		return d, nil
	}
	c := l.client(u)
	if c == nil {
		return nil, &Error{File: u, Msg: "fetch failed: no URL input to fetch it for"}
	}
	data, err := c.Get(l.ctx, u)
	if err != nil {
		msg := err.Error()
		var fe *snapshot.Error
		if errors.As(err, &fe) && fe.URL == u && fe.Pointer == "" {
			msg = fe.Msg
		}
		return nil, &Error{File: u, Msg: "fetch failed: " + redact(msg), Err: err}
	}
	return l.addDoc(u, u, data)
}

// addClient makes the fetch client of a URL input's origin, unless one exists: NAMI_API_TOKEN
// is sent to that origin only (not to other hosts a $ref or a redirect leads to).
func (l *loader) addClient(in string) error {
	pu, err := url.Parse(in)
	if err != nil {
		return &Error{File: in, Msg: "bad URL: " + err.Error(), Err: err}
	}
	o := urlOrigin(pu)
	for _, oc := range l.clients {
		if oc.origin == o {
			return nil
		}
	}
	opts := snapshot.ClientOptions{URL: in, Token: os.Getenv("NAMI_API_TOKEN"), MaxBytes: l.opts.MaxBytes}
	if hc := l.opts.HTTPClient; hc != nil {
		opts.Transport, opts.Timeout = hc.Transport, hc.Timeout
	}
	c, err := snapshot.NewClient(opts)
	if err != nil {
		return &Error{File: in, Msg: strings.TrimPrefix(err.Error(), "fetch: "), Err: err}
	}
	l.clients = append(l.clients, &originClient{origin: o, c: c})
	return nil
}

// client returns the client for u: that of its origin when a URL input has it, else the first
// one (which sends no credentials to another origin).
func (l *loader) client(u string) *snapshot.Client {
	if len(l.clients) == 0 {
		return nil
	}
	if pu, err := url.Parse(u); err == nil {
		o := urlOrigin(pu)
		for _, oc := range l.clients {
			if oc.origin == o {
				return oc.c
			}
		}
	}
	return l.clients[0].c
}

// urlOrigin is scheme://host[:port], lower case, without a default port (as fetch compares).
func urlOrigin(u *url.URL) string {
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		host = strings.TrimSuffix(host, ":"+p)
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

func redact(s string) string {
	if tok := os.Getenv("NAMI_API_TOKEN"); tok != "" {
		s = strings.ReplaceAll(s, tok, "REDACTED")
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

// addDoc parses data and registers it, with the resources ($id) it declares.
func (l *loader) addDoc(u, display string, data []byte) (*Document, error) {
	if len(l.res.Docs) >= l.opts.MaxDocuments {
		return nil, &Error{File: display, Msg: fmt.Sprintf("more than %d documents; raise the limit or split the input", l.opts.MaxDocuments)}
	}
	order, err := jsondoc.Scan(data)
	if err != nil {
		var se *jsondoc.SyntaxError
		if errors.As(err, &se) {
			return nil, &Error{File: display, Pointer: se.Pointer, Msg: fmt.Sprintf("line %d, column %d: malformed JSON: %s", se.Line, se.Column, se.Msg), Err: err}
		}
		return nil, &Error{File: display, Msg: err.Error(), Err: err}
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
	if err != nil {
		return nil, &Error{File: display, Msg: "malformed JSON: " + err.Error(), Err: err}
	}
	d := &Document{URL: u, Display: display, Data: data, Value: v, Order: order}
	if arr, ok := v.([]any); ok {
		// An array of schemas: each element is a standalone schema document of its own.
		d.Value = map[string]any{}
		l.res.Docs = append(l.res.Docs, d)
		l.byURL[u] = d
		for i, el := range arr {
			eu := itemURL(u, i)
			ed := &Document{URL: eu, Display: display + "#/" + strconv.Itoa(i), Data: data, Value: el, Order: subOrder(order, "/"+strconv.Itoa(i))}
			d.items = append(d.items, ed)
			l.res.Docs = append(l.res.Docs, ed)
			l.byURL[eu] = ed
			l.indexIDs(ed, eu, "", el, false)
		}
		return d, nil
	}
	l.res.Docs = append(l.res.Docs, d)
	l.byURL[u] = d
	l.indexIDs(d, u, "", v, isDraft4(v, l.opts.DefaultDraft))
	return d, nil
}

func subOrder(order map[string][]string, prefix string) map[string][]string {
	out := map[string][]string{}
	for p, keys := range order {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			out[strings.TrimPrefix(p, prefix)] = keys
		}
	}
	return out
}

func isDraft4(v any, def string) bool {
	if m, ok := v.(map[string]any); ok {
		if s, ok := m["$schema"].(string); ok {
			return strings.Contains(s, "draft-04")
		}
	}
	return def == "4"
}

// indexIDs records where every schema resource ($id) of a document lives, so that a compiled
// schema's location can be traced back to the document and pointer it came from.
func (l *loader) indexIDs(d *Document, base, ptr string, v any, draft4 bool) {
	l.res.resources[strings.TrimSuffix(base, "#")] = resource{doc: d, ptr: ptr}
	var walk func(base, ptr string, v any)
	walk = func(base, ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			key := "$id"
			if draft4 {
				key = "id"
			}
			if id, ok := v[key].(string); ok && ptr != "" {
				if bu, err := url.Parse(base); err == nil {
					if ru, err := bu.Parse(id); err == nil {
						ru.Fragment = ""
						base = ru.String()
						if _, seen := l.res.resources[base]; !seen {
							l.res.resources[base] = resource{doc: d, ptr: ptr}
						}
					}
				}
			} else if ok && ptr == "" {
				if bu, err := url.Parse(base); err == nil {
					if ru, err := bu.Parse(id); err == nil {
						ru.Fragment = ""
						base = ru.String()
						l.res.resources[base] = resource{doc: d, ptr: ""}
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				walk(base, ptr+"/"+jsondoc.Escape(k), c)
			}
		case []any:
			for i, c := range v {
				walk(base, ptr+"/"+strconv.Itoa(i), c)
			}
		}
	}
	walk(base, ptr, v)
}

// Locate maps a compiled schema location (URL#pointer) to its document and pointer there.
func (r *Result) Locate(loc string) (*Document, string, bool) {
	base, frag, _ := strings.Cut(loc, "#")
	res, ok := r.resources[base]
	if !ok {
		return nil, "", false
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	return res.doc, res.ptr + frag, true
}

// Display names a location for messages: the document's display name and the pointer in it.
func (r *Result) Display(loc string) string {
	if d, p, ok := r.Locate(loc); ok {
		if p == "" {
			return d.Display
		}
		return d.Display + "#" + p
	}
	return loc
}

// Raw returns the raw JSON value at a location, or nil.
func (r *Result) Raw(loc string) map[string]any {
	d, p, ok := r.Locate(loc)
	if !ok {
		return nil
	}
	v := d.Value
	if p != "" {
		for _, tok := range strings.Split(p[1:], "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch c := v.(type) {
			case map[string]any:
				v = c[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(c) {
					return nil
				}
				v = c[i]
			default:
				return nil
			}
		}
	}
	m, _ := v.(map[string]any)
	return m
}

// KeyOrder returns the keys of the object at loc in document order (nil when unknown).
func (r *Result) KeyOrder(loc string) []string {
	d, p, ok := r.Locate(loc)
	if !ok {
		return nil
	}
	return d.Order[p]
}

// entries finds the entries of one root document according to its bundle shape.
func (l *loader) entries(d *Document) error {
	if d.items != nil {
		for i, ed := range d.items {
			name := baseName(d.Display) + strconv.Itoa(i)
			if m, ok := ed.Value.(map[string]any); ok {
				if t, ok := m["title"].(string); ok && t != "" {
					name = t
				}
			}
			l.add(name, ed, "")
		}
		return nil
	}
	m, ok := d.Value.(map[string]any)
	if !ok {
		if _, isBool := d.Value.(bool); isBool {
			l.add(baseName(d.Display), d, "")
			return nil
		}
		return &Error{File: d.Display, Msg: "the document is neither a schema, an object of schemas nor an array of schemas"}
	}
	if !l.rootReading(d, m) {
		// An object mapping names to schemas.
		for _, k := range d.Order[""] {
			switch m[k].(type) {
			case map[string]any, bool:
			default:
				return l.bundleMemberError(d, k)
			}
		}
		if l.splitMembers(d, m) {
			return nil
		}
		for _, k := range d.Order[""] {
			l.add(k, d, "/"+jsondoc.Escape(k))
		}
		return nil
	}
	defsKey := ""
	for _, k := range []string{"$defs", "definitions"} {
		if _, ok := m[k].(map[string]any); ok {
			defsKey = k
			for _, name := range d.Order["/"+k] {
				l.add(name, d, "/"+k+"/"+jsondoc.Escape(name))
			}
		}
	}
	index := isIndex(m)
	if index != "" {
		for i := range m[index].([]any) {
			ref := m[index].([]any)[i].(map[string]any)["$ref"].(string)
			e := l.refEntry(d, ref)
			if e == nil {
				return &Error{File: d.Display, Pointer: "/" + index + "/" + strconv.Itoa(i), Msg: fmt.Sprintf("the bundle lists %q, which names no definition of this document", ref)}
			}
			l.res.Index = append(l.res.Index, e)
		}
		return nil
	}
	if hasOwnContent(m, defsKey) || defsKey == "" {
		name := baseName(d.Display)
		l.add(name, d, "")
	}
	return nil
}

// refEntry finds the entry a local "#/$defs/x" reference of an index names.
func (l *loader) refEntry(d *Document, ref string) *Entry {
	return l.byLocation[d.URL+ref]
}

// isIndex reports the keyword ("oneOf" or "anyOf") of a root that only lists local $refs.
func isIndex(m map[string]any) string {
	for _, k := range []string{"oneOf", "anyOf"} {
		arr, ok := m[k].([]any)
		if !ok || len(arr) == 0 {
			continue
		}
		all := true
		for _, b := range arr {
			bm, ok := b.(map[string]any)
			if !ok || len(bm) != 1 {
				all = false
				break
			}
			ref, ok := bm["$ref"].(string)
			if !ok || !strings.HasPrefix(ref, "#/") {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for key := range m {
			switch key {
			case "$schema", "$id", "$defs", "definitions", "title", "description", "$comment", k, "examples":
			default:
				return ""
			}
		}
		return k
	}
	return ""
}

// hasOwnContent reports whether a root with definitions also describes a value itself.
func hasOwnContent(m map[string]any, defsKey string) bool {
	for k := range m {
		switch k {
		case "$schema", "$id", "id", "title", "description", "$comment", "$defs", "definitions", "examples":
		default:
			return true
		}
	}
	return false
}

func (l *loader) add(name string, d *Document, ptr string) {
	// The pointer is a URL fragment in the location: "%" and other characters are escaped.
	frag := (&url.URL{Fragment: ptr}).EscapedFragment()
	e := &Entry{Name: name, Doc: d, Pointer: ptr, Location: d.URL + "#" + frag}
	l.res.Entries = append(l.res.Entries, e)
	if _, dup := l.byLocation[e.Location]; !dup {
		l.byLocation[e.Location] = e
	}
}

// baseName is a file's name without folders and without .json / .schema.json.
func baseName(display string) string {
	b := path.Base(filepath.ToSlash(display))
	if i := strings.IndexByte(b, '?'); i >= 0 {
		b = b[:i]
	}
	b = strings.TrimSuffix(b, ".json")
	b = strings.TrimSuffix(b, ".schema")
	return b
}

// compileError turns a compiler error into an *Error naming the file and the pointer.
func (l *loader) compileError(err error, display string) error {
	var sve *jsonschema.SchemaValidationError
	if errors.As(err, &sve) {
		file := l.res.Display(strings.TrimSuffix(sve.URL, "#") + "#")
		var ve *jsonschema.ValidationError
		if errors.As(sve.Err, &ve) {
			ptr, leafMsg := jsondoc.MetaFailure(ve)
			if d, p, ok := l.res.Locate(strings.TrimSuffix(sve.URL, "#") + "#"); ok {
				file = d.Display
				ptr = p + ptr
			}
			msg := "not a valid schema (meta-schema check failed): " + leafMsg
			if strings.Contains(msg, "is not valid regex") {
				msg += l.patternHint()
			}
			return &Error{File: file, Pointer: ptr, Msg: msg, Err: err}
		}
		return &Error{File: file, Msg: "not a valid schema: " + sve.Err.Error(), Err: err}
	}
	var nf *jsonschema.JSONPointerNotFoundError
	if errors.As(err, &nf) {
		file, ptr := display, ""
		if d, p, ok := l.refSite(nf.URL); ok {
			file, ptr = d.Display, p
		}
		return &Error{File: file, Pointer: ptr, Msg: fmt.Sprintf("unresolvable $ref: %s does not exist", l.res.Display(nf.URL)), Err: err}
	}
	var le *jsonschema.LoadURLError
	if errors.As(err, &le) {
		file, ptr := display, ""
		if d, p, ok := l.remoteRefSite(le.URL); ok {
			file, ptr = d.Display, p
		}
		return &Error{File: file, Pointer: ptr, Msg: fmt.Sprintf("unresolvable $ref: cannot load %s: %s", le.URL, redact(errText(le.Err))), Err: err}
	}
	var ae *jsonschema.AnchorNotFoundError
	if errors.As(err, &ae) {
		return &Error{File: display, Msg: fmt.Sprintf("unresolvable $ref: %s", ae.Error()), Err: err}
	}
	return &Error{File: display, Msg: redact(err.Error()), Err: err}
}

// refSite finds the "$ref" that names target, for the error message (first in document order
// of the walk; "" when none is found).
func (l *loader) refSite(target string) (*Document, string, bool) {
	for _, d := range l.res.Docs {
		base, err := url.Parse(d.URL)
		if err != nil {
			continue
		}
		var found string
		var walk func(ptr string, v any) bool
		walk = func(ptr string, v any) bool {
			switch v := v.(type) {
			case map[string]any:
				if ref, ok := v["$ref"].(string); ok {
					if u, err := base.Parse(ref); err == nil && (u.String() == target || strings.TrimSuffix(u.String(), "#") == strings.TrimSuffix(target, "#")) {
						found = ptr + "/$ref"
						return true
					}
				}
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					if walk(ptr+"/"+jsondoc.Escape(k), v[k]) {
						return true
					}
				}
			case []any:
				for i, c := range v {
					if walk(ptr+"/"+strconv.Itoa(i), c) {
						return true
					}
				}
			}
			return false
		}
		if walk("", d.Value) {
			return d, found, true
		}
	}
	return nil, "", false
}

// splitBundle prepares a bundle (a root with $defs or definitions) for a compilation in linear
// time. The compiler compiles everything reachable from a schema resource in one work queue that
// it searches linearly, so a root that reaches all its definitions (an index of 10,000 events)
// costs quadratic time. The compiler is therefore given the document without the root's own
// keywords (stripped: $schema, $id and the definitions only), so that each definition compiles
// on its own, and, when the root has content of its own, that content as a separate resource
// (own, compiled under URL?root, which Result.Locate maps back to the document's root) whose
// local references to definitions are made absolute.
//
// ok is false, and the document is compiled as it is, when the split could change a reference's
// meaning: a reference to the root or to anything else than a definition ("#", "#/properties/x",
// "#anchor"), dynamic references, or an embedded $id in the root's own content.
func splitBundle(v any, docURL string) (stripped, own map[string]any, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, nil, false
	}
	defsKey := ""
	for _, k := range []string{"$defs", "definitions"} {
		if _, has := m[k].(map[string]any); has {
			if defsKey != "" {
				return nil, nil, false
			}
			defsKey = k
		}
	}
	if defsKey == "" {
		return nil, nil, false
	}
	safe := true
	var check func(v any, inDefs, names bool)
	check = func(v any, inDefs, names bool) {
		if !safe {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			if names {
				for _, c := range v {
					check(c, inDefs, false)
				}
				return
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
					check(c, inDefs, true)
					continue
				case "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor":
					safe = false
					return
				case "$ref":
					if r, isStr := c.(string); isStr && strings.HasPrefix(r, "#") && !strings.HasPrefix(r, "#/$defs/") && !strings.HasPrefix(r, "#/definitions/") {
						safe = false
						return
					}
				case "$id", "id":
					if _, isStr := c.(string); isStr && !inDefs {
						safe = false
						return
					}
				}
				check(c, inDefs, false)
			}
		case []any:
			for _, c := range v {
				check(c, inDefs, false)
			}
		}
	}
	stripped = map[string]any{}
	rest := map[string]any{} // the root's keywords without $id and the definitions
	ownKeys := false
	for k, c := range m {
		switch k {
		case "$schema", "$id", "id", "$vocabulary", "$comment", "title", "description":
			stripped[k] = c
		case defsKey:
			stripped[k] = c
			check(c, true, true)
		default:
			ownKeys = true
		}
		switch k {
		case "$id", "id", defsKey:
		default:
			rest[k] = c
		}
	}
	check(rest, false, false)
	if !safe || !ownKeys {
		return nil, nil, false
	}
	// The root's own content moves to another URL, so its references are made absolute against
	// the base they had: the root's $id, or the document's URL.
	base, err := url.Parse(docURL)
	if err != nil {
		return nil, nil, false
	}
	if id, isStr := m["$id"].(string); isStr {
		if b, err := base.Parse(id); err == nil {
			b.Fragment = ""
			base = b
		}
	} else if id, isStr := m["id"].(string); isStr {
		if b, err := base.Parse(id); err == nil {
			b.Fragment = ""
			base = b
		}
	}
	// A reference from the root's own content to an $id declared inside the definitions only
	// resolves within one compiled document: keep such a bundle whole.
	ids := map[string]bool{}
	var collectIDs func(v any, base *url.URL)
	collectIDs = func(v any, base *url.URL) {
		switch v := v.(type) {
		case map[string]any:
			for _, key := range []string{"$id", "id"} {
				if id, isStr := v[key].(string); isStr {
					if u, err := base.Parse(id); err == nil {
						u.Fragment, u.RawFragment = "", ""
						ids[u.String()] = true
						base = u
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				collectIDs(c, base)
			}
		case []any:
			for _, c := range v {
				collectIDs(c, base)
			}
		}
	}
	collectIDs(m[defsKey], base)
	refersToID := false
	var findRefs func(v any)
	findRefs = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, isStr := v["$ref"].(string); isStr {
				if u, err := base.Parse(r); err == nil {
					u.Fragment, u.RawFragment = "", ""
					if ids[u.String()] {
						refersToID = true
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				findRefs(c)
			}
		case []any:
			for _, c := range v {
				findRefs(c)
			}
		}
	}
	if len(ids) > 0 {
		findRefs(rest)
		if refersToID {
			return nil, nil, false
		}
	}
	var rewrite func(v any, names bool) any
	rewrite = func(v any, names bool) any {
		switch v := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(v))
			if names {
				for k, c := range v {
					out[k] = rewrite(c, false)
				}
				return out
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					out[k] = c
					continue
				case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
					out[k] = rewrite(c, true)
					continue
				case "$ref":
					if r, isStr := c.(string); isStr {
						if u, err := base.Parse(r); err == nil {
							frag := u.EscapedFragment()
							whole := u.String()
							u.Fragment, u.RawFragment = "", ""
							if u.String() == base.String() {
								// The document itself: name it by the URL it was given under, which
								// the compiler knows before it has read the document's $id.
								out[k] = docURL + "#" + frag
							} else {
								out[k] = whole
							}
							continue
						}
					}
				}
				out[k] = rewrite(c, false)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, c := range v {
				out[i] = rewrite(c, false)
			}
			return out
		}
		return v
	}
	return stripped, rewrite(rest, false).(map[string]any), true
}
