package write

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Existing files are compared without being kept: a file of another size is changed without
// being read, one of the same size is read and compared, and Check reads the old content of
// a changed file for its diff.
func TestCompareExisting(t *testing.T) {
	dir := t.TempDir()
	old := map[string][]byte{"same.go": gen("var A = 1\n"), "size.go": gen("var B = 1\n"), "bytes.go": gen("var C = 1\n")}
	for name, data := range old {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := []File{{Path: "same.go", Data: gen("var A = 1\n")}, {Path: "size.go", Data: gen("var B = 12\n")}, {Path: "bytes.go", Data: gen("var C = 2\n")}}
	res, diff, err := Check(dir, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"bytes.go", "size.go"}; !slices.Equal(res.Written, want) || !slices.Equal(res.Unchanged, []string{"same.go"}) {
		t.Errorf("Check: written %v unchanged %v; want written %v unchanged [same.go]", res.Written, res.Unchanged, want)
	}
	for _, line := range []string{"-var C = 1", "+var C = 2", "-var B = 1", "+var B = 12"} {
		if !strings.Contains(diff, line+"\n") {
			t.Errorf("Check diff lacks %q:\n%s", line, diff)
		}
	}
	if _, err := Write(dir, files, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, f.Path)); string(got) != string(f.Data) {
			t.Errorf("%s = %q; want %q", f.Path, got, f.Data)
		}
	}
}
