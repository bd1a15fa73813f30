package load

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/snapshot"
)

// loadURL serves the compiler's requests for documents it was not given. A document it loads
// is marked as referenced (Document.ref): the compiler asks in an order that depends on map
// iteration, so Sources sorts such documents by name.
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
		d, err := l.readFile(p, refDisplay(p))
		if err != nil {
			return nil, err
		}
		d.ref = true
		return d.Value, nil
	case "http", "https":
		v, err := l.loadRemote(u)
		pu.Fragment, pu.RawFragment = "", ""
		if d := l.byURL[pu.String()]; err == nil && d != nil {
			d.ref = true
		}
		return v, err
	}
	return nil, fmt.Errorf("unsupported URL scheme in %s", u)
}

// refDisplay names a file that a $ref pulled in: relative to the working directory, as the
// inputs given on the command line are, so that the generated headers, docs and keyword
// locations do not depend on where the checkout is (an absolute path when none can be made).
func refDisplay(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
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
