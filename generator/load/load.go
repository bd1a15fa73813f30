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
//   - a schema whose oneOf/anyOf only lists $refs (an index, such as the event list of a webhook
//     bundle): the branches' targets are entries (Index), and the root is kept apart
//     (IndexRoots) for the model to declare when the bundle has no events (events.Entries);
//     under Options.Root RootSchema it is an ordinary root;
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
	"strings"
	"time"

	"github.com/namigen/namigen/generator/snapshot"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Document is one JSON document that took part in the load.
type Document struct {
	URL     string              // absolute URL the compiler knows it by
	Display string              // how messages and file headers name it
	Value   any                 // decoded with numbers as json.Number
	Order   map[string][]string // JSON Pointer → object keys in document order

	items []*Document // for an array of schemas: one document per element
	ref   bool        // loaded because a $ref named it (not an input)
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
	// IndexRoots are the roots that listed an Index: each is also a schema, the union of what it
	// lists, but not an entry, since an event bundle's root is what its Decode does.
	// events.Entries adds them to the entries when the bundle has no events.
	IndexRoots []*Entry

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
	opts, draft, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	l := &loader{ctx: ctx, opts: opts, res: &Result{resources: map[string]resource{}}, byURL: map[string]*Document{}, byLocation: map[string]*Entry{}, why: map[*Document]string{}}
	if err := l.readRefDirs(); err != nil {
		return nil, err
	}
	roots, err := l.readRoots(inputs)
	if err != nil {
		return nil, err
	}
	c := l.newCompiler(draft)
	// Entries are found in the root documents; documents pulled in by $ref only contribute the
	// definitions that are actually referenced (named by the model from their location).
	for _, d := range roots {
		if err := l.entries(d); err != nil {
			return nil, err
		}
	}
	if err := l.addResources(c, roots); err != nil {
		return nil, err
	}
	for _, e := range l.res.compiledEntries() {
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

// compiledEntries are the entries and the index roots: the schemas load compiles.
func (r *Result) compiledEntries() []*Entry {
	return append(r.Entries[:len(r.Entries):len(r.Entries)], r.IndexRoots...)
}

// withDefaults checks the options and fills in the defaults; draft is the default draft's.
func (opts Options) withDefaults() (Options, *jsonschema.Draft, error) {
	if opts.DefaultDraft == "" {
		opts.DefaultDraft = "2020-12"
	}
	draft, ok := Drafts[opts.DefaultDraft]
	if !ok {
		return opts, nil, fmt.Errorf("unknown draft %q (want 2020-12, 2019-09, 7, 6 or 4)", opts.DefaultDraft)
	}
	if _, err := ParseRoot(string(opts.Root)); err != nil {
		return opts, nil, err
	}
	if _, err := ParseRegexp(string(opts.Regexp)); err != nil {
		return opts, nil, err
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
	return opts, draft, nil
}

// readRoots reads the input documents (opts.FS when there is no input).
func (l *loader) readRoots(inputs []string) ([]*Document, error) {
	var roots []*Document
	if len(inputs) == 0 {
		if l.opts.FS == nil {
			return nil, errors.New("no input given")
		}
		docs, err := l.readFS(l.opts.FS, l.opts.FSRoot)
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
	return roots, nil
}

// newCompiler is the compiler of this load, recorded in the result.
func (l *loader) newCompiler(draft *jsonschema.Draft) *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(draft)
	if l.opts.AssertFormat {
		c.AssertFormat()
	}
	c.UseLoader(loaderFunc(l.loadURL))
	l.res.compiler, l.res.asserts = c, l.opts.AssertFormat
	if l.opts.Regexp == RegexpECMA {
		c.UseRegexpEngine(ECMARegexpEngine)
		l.res.ECMARegexp = true
	}
	return c
}

// addResources gives the compiler every document read, a root bundle split (bundle.go), and
// points the entries of a split root at its own content's URL.
func (l *loader) addResources(c *jsonschema.Compiler, roots []*Document) error {
	isRoot := map[*Document]bool{}
	for _, d := range roots {
		isRoot[d] = true
	}
	split := map[*Document]string{} // bundle → URL of its root's own content
	targets := rootTargets(roots)
	for _, d := range l.res.Docs {
		value := d.Value
		if isRoot[d] && !targets[d.URL] {
			if stripped, own, ok := splitBundle(d.Value, d.URL); ok {
				value = stripped
				if own != nil {
					u := d.URL + "?root"
					if err := c.AddResource(u, own); err != nil {
						return l.compileError(err, d.Display)
					}
					l.res.compiled = append(l.res.compiled, Resource{URL: u, Value: own})
					l.res.resources[u] = resource{doc: d, ptr: ""}
					split[d] = u
				}
			}
		}
		if err := c.AddResource(d.URL, value); err != nil {
			return l.compileError(err, d.Display)
		}
		l.res.compiled = append(l.res.compiled, Resource{URL: d.URL, Value: value})
	}
	for _, e := range l.res.compiledEntries() {
		if u, ok := split[e.Doc]; ok && e.Pointer == "" {
			e.Location = u + "#"
		}
	}
	return nil
}

type loaderFunc func(string) (any, error)

func (f loaderFunc) Load(u string) (any, error) { return f(u) }
