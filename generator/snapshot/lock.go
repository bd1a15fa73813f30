package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
)

// LockFile is the name of the lock file in a snapshot folder.
const LockFile = "namigen.lock.json"

// MainFile is the file name of the document fetched from Options.URL.
const MainFile = "events.schema.json"

// LockVersion is the version of the lock file format.
const LockVersion = 1

// Lock is the content of a lock file. Its JSON has sorted keys and no timestamp of the fetch,
// so that it only changes when the documents do.
type Lock struct {
	// Documents are the snapshot's documents, sorted by file name.
	Documents []LockedDocument `json:"documents"`
	// URL is the URL that was fetched (its document is [MainFile]).
	URL string `json:"url"`
	// Version is the format version (1).
	Version int `json:"version"`
}

// LockedDocument is one document of a snapshot. Fields are in JSON key order.
type LockedDocument struct {
	// ETag and LastModified are the validators the server sent (may be empty).
	ETag string `json:"etag,omitempty"`
	// File is the document's file name in the snapshot folder (no folder part).
	File         string `json:"file"`
	LastModified string `json:"last_modified,omitempty"`
	// SHA256 is the hex SHA-256 of the file.
	SHA256 string `json:"sha256"`
	// URL is the document's source URL: the URL a reader of the snapshot must compile it under
	// for its references to resolve as they did when fetched.
	URL string `json:"url"`
}

// Marshal returns the lock file's bytes: indented JSON, sorted keys, a final newline.
func (l *Lock) Marshal() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		panic(err) // strings and ints only
	}
	return buf.Bytes()
}

// Sort orders the documents by file name, as the lock file lists them.
func (l *Lock) Sort() {
	slices.SortFunc(l.Documents, func(a, b LockedDocument) int { return strings.Compare(a.File, b.File) })
}

// ParseLock reads a lock file and checks it: version 1, file names without folders, each file
// and URL listed once, and the fetched URL among them.
func ParseLock(data []byte) (*Lock, error) {
	var l Lock
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: %v", LockFile, err)
	}
	if l.Version != LockVersion {
		return nil, fmt.Errorf("%s: unsupported version %d (want %d)", LockFile, l.Version, LockVersion)
	}
	files, urls := map[string]bool{}, map[string]bool{}
	for _, d := range l.Documents {
		if !validFileName(d.File) {
			return nil, fmt.Errorf("%s: invalid file name %q", LockFile, d.File)
		}
		if files[d.File] || urls[d.URL] {
			return nil, fmt.Errorf("%s: %s listed twice", LockFile, d.File)
		}
		files[d.File], urls[d.URL] = true, true
	}
	if !urls[l.URL] {
		return nil, fmt.Errorf("%s: the fetched URL %s has no document", LockFile, l.URL)
	}
	return &l, nil
}

// ReadLock reads and checks the lock file of the snapshot folder dir of fsys. The error wraps
// fs.ErrNotExist when there is none.
func ReadLock(fsys fs.FS, dir string) (*Lock, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, LockFile))
	if err != nil {
		return nil, err
	}
	return ParseLock(data)
}

// File returns the file holding the document of a source URL (fragment ignored).
func (l *Lock) File(u string) (string, bool) {
	d, ok := l.Lookup(u)
	if !ok {
		return "", false
	}
	return d.File, true
}

// Root returns the document fetched from l.URL.
func (l *Lock) Root() LockedDocument {
	d, _ := l.Lookup(l.URL)
	return *d
}

// Lookup finds the document of a URL (its fragment ignored).
func (l *Lock) Lookup(u string) (*LockedDocument, bool) {
	u, _, _ = strings.Cut(u, "#")
	for i := range l.Documents {
		if l.Documents[i].URL == u {
			return &l.Documents[i], true
		}
	}
	return nil, false
}

func validFileName(name string) bool {
	return name != "" && fs.ValidPath(name) && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}

// FileNames chooses the snapshot file of each URL: [MainFile] for root, and for the others the
// last non-empty element of the URL path, reduced to letters, digits, '.', '-' and '_', with
// ".json" appended when missing. Names that would clash (with each other, MainFile or LockFile)
// get "-" and 8 hex digits of the URL's SHA-256 before ".json". The choice depends only on the
// set of URLs, not on their order.
func FileNames(root string, urls []string) map[string]string {
	names := map[string]string{root: MainFile}
	byCandidate := map[string][]string{}
	for _, u := range urls {
		if u == root {
			continue
		}
		c := candidateName(u)
		if !slices.Contains(byCandidate[c], u) {
			byCandidate[c] = append(byCandidate[c], u)
		}
	}
	used := map[string]bool{MainFile: true, LockFile: true}
	var clashing []string
	for c, us := range byCandidate {
		if len(us) == 1 && !used[c] && c != MainFile && c != LockFile {
			names[us[0]] = c
			used[c] = true
			continue
		}
		clashing = append(clashing, us...)
	}
	slices.Sort(clashing)
	for _, u := range clashing {
		c := strings.TrimSuffix(candidateName(u), ".json")
		h := sha256.Sum256([]byte(u))
		hx := hex.EncodeToString(h[:])
		name := c + "-" + hx[:8] + ".json"
		if used[name] {
			name = c + "-" + hx + ".json"
		}
		names[u] = name
		used[name] = true
	}
	return names
}

func candidateName(u string) string {
	base := ""
	if pu, err := url.Parse(u); err == nil {
		for _, seg := range slices.Backward(strings.Split(pu.Path, "/")) {
			if seg != "" {
				base = seg
				break
			}
		}
		if base == "" {
			base = pu.Hostname()
		}
	}
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.TrimLeft(b.String(), ".-_")
	if name == "" {
		name = "schema"
	}
	if !strings.HasSuffix(name, ".json") {
		name += ".json"
	}
	return name
}
