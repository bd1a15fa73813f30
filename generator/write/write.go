// Package write puts a set of generated files into an output folder, all or nothing, or compares
// them with what the folder holds (namigen -check). namigen fetch uses it too, to replace a schema
// snapshot folder atomically.
//
// Write guarantees that, when it returns:
//
//   - on success, the folder holds exactly the new files plus the existing files that are not
//     owned (see [Options.Owned]): hand-written tests, READMEs, testdata and any other file not
//     produced by an earlier run are kept as they were, while owned files missing from the new set
//     are removed, as are the folders that only held them;
//   - files whose content did not change keep their inode and modification time, and when nothing
//     changes at all the folder is not touched in any way;
//   - on error, the folder is byte-for-byte as before (and still absent if it was), and no
//     staging or backup folder is left in its parent.
//
// To get there, the new state of the folder is built in a temporary folder next to it (same
// parent, hence same file system): kept and unchanged files are hard-linked into it (or copied
// with their mode and modification time when linking is impossible), the other files are written
// and synced. The folder is then renamed to a backup name, the staging folder renamed into its
// place, and the backup removed; if the second rename fails the backup is renamed back. Readers
// therefore see either the whole old folder or the whole new one, never a mix; only a crash
// between the two renames (a very short window) can leave the folder missing, with its old
// content in a sibling named ".<folder>.namigen-*/old".
//
// Limits: writers of the output folder are not coordinated, so do not run two Write calls on the
// same folder at once or edit it during a Write; the folder itself gets a new inode, so it should
// not be a mount point nor the process's working directory; symbolic links inside it are kept as
// links (but never followed nor written through) and other special files are refused. If the
// folder is a symbolic link, the folder it points to is replaced and the link is kept.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// File is one output file: Path is slash-separated and relative to the output folder (may contain
// sub-folders, e.g. "testdata/x.json"); Data is its full content.
type File struct {
	Path string
	Data []byte
}

// Options controls ownership of existing files.
type Options struct {
	// Owned reports whether an existing file in the folder (path relative, slash-separated) was
	// produced by an earlier run, so that it is removed when the new set no longer contains it.
	// Files not owned (hand-written tests, READMEs, testdata) are always kept untouched.
	// nil means GeneratedHeader: a file whose first lines contain a line matching
	// ^// Code generated .* DO NOT EDIT\.$ (Go convention; only files ending in .go).
	// Symbolic links are never owned.
	Owned func(path string, data []byte) bool
	// Rename makes the two folder moves of Write (nil: os.Rename): first the existing folder
	// to its backup (only if the folder exists), then the staging folder in its place;
	// restoring the backup after a failure of the second move always uses os.Rename. Tests
	// use it to simulate a failure.
	Rename func(oldpath, newpath string) error
}

// Result says what happened (paths relative, sorted).
type Result struct {
	Written   []string // new or changed files
	Removed   []string // owned files no longer produced
	Unchanged []string // files of the new set whose content was already right
}

// Changed reports whether anything was (or, for Check, would be) written or removed.
func (r Result) Changed() bool {
	return len(r.Written) > 0 || len(r.Removed) > 0
}

var generatedLine = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// GeneratedHeader is the default Owned. It reports whether path ends in ".go" and data has a
// line matching ^// Code generated .* DO NOT EDIT\.$ before its first non-blank, non-comment line
// (the Go convention, see https://go.dev/s/generatedcode).
func GeneratedHeader(path string, data []byte) bool {
	if !strings.HasSuffix(path, ".go") {
		return false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	inBlock := false
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if generatedLine.Match(line) {
			return true
		}
		trimmed := bytes.TrimSpace(line)
		switch {
		case inBlock:
			inBlock = !bytes.Contains(trimmed, []byte("*/"))
		case len(trimmed) == 0, bytes.HasPrefix(trimmed, []byte("//")):
		case bytes.HasPrefix(trimmed, []byte("/*")):
			inBlock = !bytes.Contains(trimmed[2:], []byte("*/"))
		default:
			return false // the header is over (package clause or code)
		}
	}
	return false
}

// Write makes dir hold exactly the new files plus the existing files that are not owned.
//   - Files whose content is unchanged are not rewritten (same inode and mtime afterwards).
//   - Owned files that are not in the new set are removed (stale output of earlier runs), and so
//     are the sub-folders left empty by that; folders that were already empty are kept.
//   - All or nothing: the new state is staged in a temporary sibling folder (same parent, so
//     rename is atomic): unchanged and unowned existing files are hard-linked into it (falling
//     back to a copy that preserves mode and mtime), changed/new files written there (mode 0644,
//     folders 0755; existing folders keep their mode) and fsynced; then dir is renamed to a
//     backup name, the staging folder renamed to dir, and the backup removed. If the second
//     rename fails, the backup is renamed back. On any error before or during this, dir is
//     byte-for-byte as before and no staging/backup folder is left behind.
//   - If nothing would change, nothing is touched at all (no rename); in particular an absent dir
//     is not created for an empty set of files.
//   - dir may not exist yet (it is created, parents too, still via staging + rename; parents
//     created are removed again on error).
//   - A file path that is absolute, contains "..", or is duplicated is an error naming it; so is
//     a path that is empty, not clean ("a//b", "./a"), uses backslashes, or needs a folder where a
//     kept file is (or the reverse).
//   - Errors name the path concerned.
//
// On error the Result is empty, except if only the final removal of the backup failed: then the
// new state is in place, the Result says so, and the error names the leftover folder.
func Write(dir string, files []File, opts Options) (Result, error) {
	p, err := makePlan(dir, files, opts)
	if err != nil {
		return Result{}, err
	}
	if !p.result.Changed() {
		return p.result, nil
	}
	rename := opts.Rename
	if rename == nil {
		rename = os.Rename
	}
	if err := p.apply(rename); err != nil {
		var left *leftoverError
		if errors.As(err, &left) {
			return p.result, err
		}
		return Result{}, err
	}
	return p.result, nil
}

// Check compares without writing. It returns the would-be Result and a unified diff (like
// `diff -u`, with "--- a/<path>" / "+++ b/<path>" headers and @@ hunks with 3 lines of context) of
// every file that would be written or removed, in path order. An absent dir counts as empty.
// A file created or removed empty, or replacing a symbolic link, shows as its two header lines
// (and its content, if any, as added).
func Check(dir string, files []File, opts Options) (Result, string, error) {
	p, err := makePlan(dir, files, opts)
	if err != nil {
		return Result{}, "", err
	}
	changed := append(slices.Clone(p.result.Written), p.result.Removed...)
	slices.Sort(changed)
	var sb strings.Builder
	for _, rel := range changed {
		var old, new []byte
		if e := p.existing[rel]; e != nil && !e.symlink {
			if old, err = p.read(rel); err != nil {
				return Result{}, "", err
			}
		}
		if data, ok := p.files[rel]; ok {
			new = data
		}
		d := Diff("a/"+rel, "b/"+rel, old, new)
		if d == "" {
			d = "--- a/" + rel + "\n+++ b/" + rel + "\n"
		}
		sb.WriteString(d)
	}
	return p.result, sb.String(), nil
}

// entry is an existing file or symbolic link in the output folder. The content of a regular
// file is not kept (plan.read): the output of a large bundle is hundreds of megabytes, and
// holding the old copy beside the new one doubled the memory of a regeneration.
type entry struct {
	info    fs.FileInfo
	symlink bool
	target  string // of a symbolic link
}

// plan is what Write would do.
type plan struct {
	dir      string            // absolute, symbolic links of dir itself resolved
	exists   bool              // dir exists
	rootMode fs.FileMode       // permissions of dir
	files    map[string][]byte // new set
	existing map[string]*entry // existing files and links, by relative path
	dirs     map[string]fs.FileMode
	keep     []string // existing paths to carry over: unchanged or not owned
	result   Result
}

func makePlan(dir string, files []File, opts Options) (*plan, error) {
	owned := opts.Owned
	if owned == nil {
		owned = GeneratedHeader
	}
	p := &plan{
		files:    make(map[string][]byte, len(files)),
		existing: map[string]*entry{},
		dirs:     map[string]fs.FileMode{},
		rootMode: 0o755,
	}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		if _, dup := p.files[f.Path]; dup {
			return nil, fmt.Errorf("write %s: duplicate file path %q", dir, f.Path)
		}
		p.files[f.Path] = f.Data
	}
	if err := p.scan(dir); err != nil {
		return nil, err
	}

	final, err := p.classify(owned)
	if err != nil {
		return nil, err
	}
	for rel := range p.files {
		final[rel] = true
		if p.existing[rel] == nil {
			p.result.Written = append(p.result.Written, rel)
		}
	}
	slices.Sort(p.result.Written)
	slices.Sort(p.result.Removed)
	slices.Sort(p.result.Unchanged)
	slices.Sort(p.keep)

	// Folders of the new state: those holding something, and those that were empty already
	// (only the folders emptied by removals go away).
	hadFiles := map[string]bool{}
	for rel := range p.existing {
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			hadFiles[d] = true
		}
	}
	needed := map[string]string{} // folder → a file needing it
	for rel := range final {
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			needed[d] = rel
		}
	}
	for d := range p.dirs {
		if _, ok := needed[d]; !ok && hadFiles[d] {
			delete(p.dirs, d)
		}
	}
	for d := range p.dirs {
		for a := path.Dir(d); a != "."; a = path.Dir(a) {
			if _, ok := needed[a]; !ok {
				needed[a] = d
			}
		}
	}
	for d, by := range needed {
		if final[d] {
			return nil, fmt.Errorf("write %s: %s needs a folder %s, but %s is a file", p.dir, by, d, d)
		}
		if _, ok := p.dirs[d]; !ok {
			p.dirs[d] = 0o755
		}
	}
	for rel := range final {
		if _, ok := p.dirs[rel]; ok {
			return nil, fmt.Errorf("write %s: %s is a file of the new set, but the folder %s is kept", p.dir, rel, rel)
		}
	}
	return p, nil
}

// classify sorts the existing files and links into unchanged, written, removed and kept, and
// returns the existing ones that stay in the new state (not replaced nor removed).
func (p *plan) classify(owned func(string, []byte) bool) (map[string]bool, error) {
	final := map[string]bool{}
	for rel, e := range p.existing {
		if data, ok := p.files[rel]; ok {
			same, err := p.same(rel, e, data)
			if err != nil {
				return nil, err
			}
			if same {
				p.result.Unchanged = append(p.result.Unchanged, rel)
				p.keep = append(p.keep, rel)
			} else {
				p.result.Written = append(p.result.Written, rel)
			}
			continue
		}
		if !e.symlink {
			old, err := p.read(rel)
			if err != nil {
				return nil, err
			}
			if owned(rel, old) {
				p.result.Removed = append(p.result.Removed, rel)
				continue
			}
		}
		p.keep = append(p.keep, rel)
		final[rel] = true
	}
	return final, nil
}

// read returns the content of the existing regular file rel.
func (p *plan) read(rel string) ([]byte, error) {
	full := filepath.Join(p.dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, fmt.Errorf("write: reading %s: %w", full, err)
	}
	return data, nil
}

// same reports whether the existing entry rel is a regular file holding data (read only when
// the sizes agree).
func (p *plan) same(rel string, e *entry, data []byte) (bool, error) {
	if e.symlink || e.info.Size() != int64(len(data)) {
		return false, nil
	}
	old, err := p.read(rel)
	if err != nil {
		return false, err
	}
	return bytes.Equal(old, data), nil
}

// checkPath validates a File.Path.
func checkPath(p string) error {
	bad := func(why string) error { return fmt.Errorf("write: invalid file path %q: %s", p, why) }
	switch {
	case p == "":
		return bad("empty")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(filepath.FromSlash(p)) != "":
		return bad("absolute")
	case strings.Contains(p, `\`):
		return bad("contains a backslash (paths are slash-separated)")
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." {
			return bad(`contains ".."`)
		}
	}
	if path.Clean(p) != p {
		return bad("not clean (empty or \".\" element, or trailing slash)")
	}
	return nil
}

// scan reads the existing content of dir.
func (p *plan) scan(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	p.dir = abs
	fi, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(abs)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: dangling symbolic link", dir)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		p.dir = resolved
		if fi, err = os.Stat(resolved); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	if !fi.IsDir() {
		return fmt.Errorf("write %s: not a folder", dir)
	}
	p.exists = true
	p.rootMode = fi.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
	return filepath.WalkDir(p.dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("write: reading %s: %w", full, err)
		}
		if full == p.dir {
			return nil
		}
		rel, err := filepath.Rel(p.dir, full)
		if err != nil {
			return fmt.Errorf("write: %s: %w", full, err)
		}
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return fmt.Errorf("write: reading %s: %w", full, err)
		}
		switch mode := info.Mode(); {
		case mode.IsDir():
			p.dirs[rel] = mode & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
		case mode&fs.ModeSymlink != 0:
			target, err := os.Readlink(full)
			if err != nil {
				return fmt.Errorf("write: reading %s: %w", full, err)
			}
			p.existing[rel] = &entry{info: info, symlink: true, target: target}
		case mode.IsRegular():
			p.existing[rel] = &entry{info: info}
		default:
			return fmt.Errorf("write: %s: unsupported file type %v", full, mode.Type())
		}
		return nil
	})
}

// leftoverError reports that the new state is in place but a temporary folder could not be
// removed.
type leftoverError struct{ err error }

func (e *leftoverError) Error() string { return e.err.Error() }
func (e *leftoverError) Unwrap() error { return e.err }

// apply stages the new state next to p.dir and swaps it in.
func (p *plan) apply(rename func(oldpath, newpath string) error) (err error) {
	parent, base := filepath.Dir(p.dir), filepath.Base(p.dir)

	var createdParents []string // deepest first
	if !p.exists {
		for d := parent; ; d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
				break
			}
			createdParents = append(createdParents, d)
		}
		if err := os.MkdirAll(parent, 0o755); err != nil {
			removeEmpty(createdParents)
			return fmt.Errorf("write %s: creating parent folder: %w", p.dir, err)
		}
	}

	tmp, err := os.MkdirTemp(parent, "."+base+".namigen-*")
	if err != nil {
		removeEmpty(createdParents)
		return fmt.Errorf("write %s: creating staging folder: %w", p.dir, err)
	}
	keepTmp := false // set when tmp holds the only copy of the old folder
	defer func() {
		if err != nil && !keepTmp {
			_ = removeAll(tmp)
			removeEmpty(createdParents)
		}
	}()

	staging, backup := filepath.Join(tmp, "new"), filepath.Join(tmp, "old")
	if err := p.stage(staging); err != nil {
		return err
	}

	if p.exists {
		if err := rename(p.dir, backup); err != nil {
			return fmt.Errorf("write %s: moving the old folder aside: %w", p.dir, err)
		}
	}
	if err := rename(staging, p.dir); err != nil {
		err = fmt.Errorf("write %s: moving the new folder in place: %w", p.dir, err)
		if p.exists {
			if rerr := os.Rename(backup, p.dir); rerr != nil {
				keepTmp = true
				return fmt.Errorf("%w; restoring the old folder also failed, it is in %s: %v", err, backup, rerr)
			}
		}
		return err
	}
	syncDir(parent)
	if err := removeAll(tmp); err != nil {
		return &leftoverError{fmt.Errorf("write %s: written, but removing the old copy %s failed: %w", p.dir, tmp, err)}
	}
	return nil
}

// stage builds the new state of the folder in staging, which must not exist.
func (p *plan) stage(staging string) error {
	dirs := slices.Sorted(maps.Keys(p.dirs))
	if err := os.Mkdir(staging, 0o755); err != nil {
		return fmt.Errorf("write %s: creating staging folder: %w", p.dir, err)
	}
	for _, d := range dirs { // parents sort before their children
		if err := os.Mkdir(filepath.Join(staging, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("write %s: staging folder %s: %w", p.dir, d, err)
		}
	}
	for _, rel := range p.keep {
		if err := p.carryOver(staging, rel); err != nil {
			return err
		}
	}
	for _, rel := range p.result.Written {
		dst := filepath.Join(staging, filepath.FromSlash(rel))
		if err := writeFile(dst, p.files[rel]); err != nil {
			return fmt.Errorf("write %s: staging %s: %w", p.dir, rel, err)
		}
	}
	// Make the entries durable, then give the folders their final modes, deepest first (a
	// read-only folder can no longer be filled).
	for i := len(dirs) - 1; i >= 0; i-- {
		full := filepath.Join(staging, filepath.FromSlash(dirs[i]))
		syncDir(full)
		if err := os.Chmod(full, p.dirs[dirs[i]]); err != nil {
			return fmt.Errorf("write %s: staging folder %s: %w", p.dir, dirs[i], err)
		}
	}
	syncDir(staging)
	if err := os.Chmod(staging, p.rootMode); err != nil {
		return fmt.Errorf("write %s: staging folder: %w", p.dir, err)
	}
	return nil
}

// carryOver puts the existing file rel into staging: a hard link, else a copy keeping mode and
// modification time. Symbolic links are recreated.
func (p *plan) carryOver(staging, rel string) error {
	src := filepath.Join(p.dir, filepath.FromSlash(rel))
	dst := filepath.Join(staging, filepath.FromSlash(rel))
	e := p.existing[rel]
	if e.symlink {
		if err := os.Symlink(e.target, dst); err != nil {
			return fmt.Errorf("write %s: staging link %s: %w", p.dir, rel, err)
		}
		return nil
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	if err := copyFile(src, dst, e); err != nil {
		return fmt.Errorf("write %s: staging %s: %w", p.dir, rel, err)
	}
	return nil
}

func copyFile(src, dst string, e *entry) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Chmod(e.info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky))
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chtimes(dst, e.info.ModTime(), e.info.ModTime())
	}
	return err
}

func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // whatever the umask
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes the entries of a folder durable, as far as the platform allows (best effort: not
// every system can sync a folder).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

// removeAll removes a folder tree, making its folders writable first if needed (staged or old
// folders may be read-only).
func removeAll(dir string) error {
	if err := os.RemoveAll(dir); err == nil {
		return nil
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o700)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// removeEmpty removes the given folders (deepest first) that Write created, if still empty.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}
