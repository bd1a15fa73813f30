package diff

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// InputError is a problem with OLD or NEW themselves: unreadable, not a schema, a bad git
// revision, or a package that cannot be generated from them. The command exits 2 for it.
type InputError struct {
	Input string // the argument as given
	Err   error
}

func (e *InputError) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// source is an input made ready for the loader: a file, folder or URL, and a cleanup.
type source struct {
	spec    string // as given
	input   string // what the loader reads
	cleanup func()
}

// GitPrefix starts an input read from a git revision: git:REV:PATH.
const GitPrefix = "git:"

// resolve turns an argument into something the loader reads. git:REV:PATH inputs are
// materialised into a temporary folder from `git ls-tree` and `git show`, without checking
// anything out; dir is where git runs ("" for the current folder).
func resolve(ctx context.Context, spec, dir string) (*source, error) {
	if !strings.HasPrefix(spec, GitPrefix) {
		if spec == "" {
			return nil, &InputError{Input: spec, Err: fmt.Errorf("empty input")}
		}
		return &source{spec: spec, input: spec, cleanup: func() {}}, nil
	}
	rest := strings.TrimPrefix(spec, GitPrefix)
	rev, p, ok := strings.Cut(rest, ":")
	if !ok || rev == "" {
		return nil, &InputError{Input: spec, Err: fmt.Errorf("want git:REV:PATH")}
	}
	p = strings.Trim(path.Clean("/"+filepath.ToSlash(p)), "/")
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &InputError{Input: spec, Err: err}
	}
	top = strings.TrimSpace(top)
	if strings.HasPrefix(rev, "-") {
		return nil, &InputError{Input: spec, Err: fmt.Errorf("bad revision %q", rev)}
	}
	args := []string{"ls-tree", "-r", "--name-only", rev, "--"}
	if p != "" {
		args = append(args, p)
	}
	list, err := git(ctx, top, args...)
	if err != nil {
		return nil, &InputError{Input: spec, Err: err}
	}
	var files []string
	for _, f := range strings.Split(strings.TrimSpace(list), "\n") {
		if f != "" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil, &InputError{Input: spec, Err: fmt.Errorf("%q does not exist at revision %s", p, rev)}
	}
	tmp, err := os.MkdirTemp("", "namigen-diff-")
	if err != nil {
		return nil, &InputError{Input: spec, Err: err}
	}
	cleanup := func() { os.RemoveAll(tmp) }
	single := len(files) == 1 && files[0] == p
	for _, f := range files {
		rel := f
		if !single && p != "" {
			rel = strings.TrimPrefix(f, p+"/")
		} else if single {
			rel = path.Base(f)
		}
		data, err := gitBytes(ctx, top, "show", rev+":"+f)
		if err != nil {
			cleanup()
			return nil, &InputError{Input: spec, Err: err}
		}
		dst := filepath.Join(tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return nil, &InputError{Input: spec, Err: err}
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			cleanup()
			return nil, &InputError{Input: spec, Err: err}
		}
	}
	input := tmp
	if single {
		input = filepath.Join(tmp, path.Base(files[0]))
	}
	return &source{spec: spec, input: input, cleanup: cleanup}, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	b, err := gitBytes(ctx, dir, args...)
	return string(b), err
}

func gitBytes(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return stdout.Bytes(), nil
}
