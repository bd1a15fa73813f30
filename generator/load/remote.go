package load

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
	"github.com/namigen/namigen/generator/snapshot"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// MaxRemoteDocuments caps how many documents a load fetches for remote $refs: the cap of a
// `namigen fetch` (snapshot.DefaultMaxDocuments).
const MaxRemoteDocuments = snapshot.DefaultMaxDocuments

// refFile is a document of a reference folder: the file that holds the document of a URL.
type refFile struct {
	path    string // on disk
	display string // for messages
}

// readRefDirs indexes the reference folders (Options.RefDirs) by the URL of each document:
// a snapshot folder of `namigen fetch` by its lock file, any other folder by the absolute $id
// (draft 4: id) at the top level of each of its .json files. The files are read when a $ref
// needs them.
func (l *loader) readRefDirs() error {
	l.refFiles = map[string]refFile{}
	for _, dir := range l.opts.RefDirs {
		st, err := os.Stat(dir)
		if err != nil {
			return &Error{File: dir, Msg: "cannot read the reference folder: " + errText(err), Err: err}
		}
		if !st.IsDir() {
			return &Error{File: dir, Msg: "not a folder: a reference folder is a snapshot of `namigen fetch` or a folder of schemas with absolute $ids"}
		}
		lock, err := snapshot.ReadLock(os.DirFS(dir), ".")
		switch {
		case err == nil:
			for _, d := range lock.Documents {
				l.addRefFile(d.URL, filepath.Join(dir, d.File))
			}
			continue
		case !errors.Is(err, fs.ErrNotExist):
			return &Error{File: filepath.Join(dir, LockFile), Msg: "invalid lock file: " + strings.TrimPrefix(errText(err), LockFile+": ") + "; run `namigen fetch` again", Err: err}
		}
		var files []string
		err = filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !de.IsDir() && strings.HasSuffix(p, ".json") && !strings.HasPrefix(de.Name(), ".") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return &Error{File: dir, Msg: "cannot read the reference folder: " + errText(err), Err: err}
		}
		sort.Strings(files)
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				return &Error{File: p, Msg: "cannot read: " + errText(err), Err: err}
			}
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
			if err != nil {
				continue // not JSON: not a document a $ref can name; reported if it is one
			}
			m, _ := v.(map[string]any)
			key := "$id"
			if isDraft4(v, l.opts.DefaultDraft) {
				key = "id"
			}
			id, _ := m[key].(string)
			if u, err := url.Parse(id); err == nil && u.IsAbs() {
				u.Fragment, u.RawFragment = "", ""
				l.addRefFile(u.String(), p)
			}
		}
	}
	return nil
}

func (l *loader) addRefFile(u, p string) {
	if _, dup := l.refFiles[u]; !dup { // the first folder given wins
		l.refFiles[u] = refFile{path: p, display: p}
	}
}

// loadRemote serves an http(s) document the compiler asks for: from a reference folder, else
// through a fetch client (URL inputs, or Options.FetchRefs), else it is an error that says how
// to resolve it.
func (l *loader) loadRemote(u string) (any, error) {
	key := u
	if pu, err := url.Parse(u); err == nil {
		pu.Fragment, pu.RawFragment = "", ""
		key = pu.String()
	}
	if f, ok := l.refFiles[key]; ok {
		st, err := os.Stat(f.path)
		if err != nil {
			return nil, fmt.Errorf("%s: listed for %s but cannot be read: %s", f.display, u, errText(err))
		}
		if st.Size() > l.opts.MaxBytes {
			return nil, fmt.Errorf("%s: file is %d bytes, over the %d-byte limit", f.display, st.Size(), l.opts.MaxBytes)
		}
		data, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %s", f.display, errText(err))
		}
		// Named by its URL, as when it is fetched: the generated code is the same either way.
		d, err := l.addDoc(key, key, data)
		if err != nil {
			return nil, err
		}
		return d.Value, nil
	}
	if !l.allowRemote && !l.opts.FetchRefs {
		msg := "generation reads no network unless an input is a URL: -fetch-refs fetches remote $refs (with namigen fetch's retries, redirect rules, size cap and timeout), -refs DIR reads them from a folder (`namigen fetch -url URL -out DIR` makes one)"
		if len(l.opts.RefDirs) > 0 {
			msg = "it is in no reference folder (-refs), and " + msg
		}
		return nil, errors.New(msg)
	}
	if l.remoteDocs >= MaxRemoteDocuments {
		return nil, fmt.Errorf("more than %d remote documents (the cap of namigen fetch)", MaxRemoteDocuments)
	}
	if len(l.clients) == 0 {
		// No URL input: a client without credentials (no token, no header).
		opts := snapshot.ClientOptions{URL: key, MaxBytes: l.opts.MaxBytes}
		if hc := l.opts.HTTPClient; hc != nil {
			opts.Transport, opts.Timeout = hc.Transport, hc.Timeout
		}
		c, err := snapshot.NewClient(opts)
		if err != nil {
			return nil, errors.New(strings.TrimPrefix(err.Error(), "fetch: "))
		}
		l.clients = append(l.clients, &originClient{origin: "", c: c})
	}
	l.remoteDocs++
	d, err := l.readURL(key)
	if err != nil {
		return nil, err
	}
	return d.Value, nil
}

// recordLoaded adds the documents the compiler loaded on demand (relative files, remote
// $refs) to Resources, so that another compiler can compile the entries the same way.
func (l *loader) recordLoaded() {
	given := map[string]bool{}
	for _, r := range l.res.compiled {
		given[r.URL] = true
	}
	for _, d := range l.res.Docs {
		if !given[d.URL] {
			l.res.compiled = append(l.res.compiled, Resource{URL: d.URL, Value: d.Value})
		}
	}
}

// remoteRefSite finds the first "$ref" (in document order of the walk) whose target, without
// its fragment, is the document docURL: where a document that cannot be loaded is named.
func (l *loader) remoteRefSite(docURL string) (*Document, string, bool) {
	for _, d := range l.res.Docs {
		base, err := url.Parse(d.URL)
		if err != nil {
			continue
		}
		var found string
		var walk func(base *url.URL, ptr string, v any) bool
		walk = func(base *url.URL, ptr string, v any) bool {
			switch v := v.(type) {
			case map[string]any:
				if id, ok := v["$id"].(string); ok {
					if b, err := base.Parse(id); err == nil {
						base = b
					}
				}
				if ref, ok := v["$ref"].(string); ok {
					if u, err := base.Parse(ref); err == nil {
						u.Fragment, u.RawFragment = "", ""
						if u.String() == docURL {
							found = ptr + "/$ref"
							return true
						}
					}
				}
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					switch k {
					case "enum", "const", "examples", "default":
						continue
					}
					if walk(base, ptr+"/"+jsondoc.Escape(k), v[k]) {
						return true
					}
				}
			case []any:
				for i, c := range v {
					if walk(base, ptr+"/"+strconv.Itoa(i), c) {
						return true
					}
				}
			}
			return false
		}
		if walk(base, "", d.Value) {
			return d, found, true
		}
	}
	return nil, "", false
}
