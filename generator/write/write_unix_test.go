//go:build unix

package write

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteUnsupportedFile(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	writeTree(t, dir, map[string]string{"a.go": string(gen("// a\n")), "hand.txt": "x\n"})
	before := snapshot(t, dir)
	// A special file is refused, naming it, before anything is staged.
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Skip("no fifo:", err)
	}
	noRename(t)
	_, err := Write(dir, []File{{"a.go", gen("// a2\n")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "fifo") {
		t.Fatalf("error = %v, want one naming fifo", err)
	}
	after := snapshot(t, dir)
	delete(after, "fifo")
	eq(t, "tree", after, before)
	eq(t, "parent", entries(t, parent), []string{"out"})
}
