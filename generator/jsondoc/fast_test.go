package jsondoc

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFastAgreesWithTokens decodes every JSON file of the repository and of ../shared/testdata
// (when it is there) both ways: where decodeFast takes a document, its value and key orders
// are the token path's; it must take every valid one, and leave every malformed one to it.
func TestFastAgreesWithTokens(t *testing.T) {
	roots := []string{"../.."}
	if _, err := os.Stat("../../../shared/testdata"); err == nil {
		roots = append(roots, "../../../shared/testdata")
	}
	files := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".json") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			checkFast(t, path, data, false)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d JSON files", files)
	if files < 50 {
		t.Fatalf("only %d JSON files found", files)
	}
	for _, doc := range []string{
		`{"a": "\u00e9\n\"", "b": -0.5e+3, "c": [true, false, null, {}, []], "d": "é", "": 0}`,
		`{"a": 1, "a": 2}`, `{"a": 01}`, `{"a": 1.}`, `{"a": -}`, `{"a": 1e}`, `[1,]`, `{"a" 1}`,
		`{"a": "x\q"}`, "{\"a\": \"\t\"}", `{"a": tru}`, `{} {}`, ` `, `"x`, `{"a":1`,
		strings.Repeat("[", maxFastDepth+1) + strings.Repeat("]", maxFastDepth+1),
	} {
		checkFast(t, doc[:min(len(doc), 40)], []byte(doc), false)
	}
	// Invalid UTF-8, which encoding/json replaces: left to it.
	checkFast(t, "invalid UTF-8", []byte("{\"a\": \"\xff\"}"), true)
	// Deeper than decodeFast goes: the token path decodes it.
	deep := []byte(strings.Repeat("[", maxFastDepth+2) + strings.Repeat("]", maxFastDepth+2))
	if _, _, ok := decodeFast(deep); ok {
		t.Error("decodeFast took a document nested past maxFastDepth")
	}
	if _, _, err := Decode(deep); err != nil {
		t.Errorf("Decode of a deep document: %v", err)
	}
}

// checkFast compares decodeFast with the token path on data; mayDecline: decodeFast may leave
// the valid document to the token path.
func checkFast(t *testing.T, name string, data []byte, mayDecline bool) {
	t.Helper()
	want, wantOrder, wantErr := decodeTokens(data)
	got, gotOrder, ok := decodeFast(data)
	switch {
	case !ok && wantErr == nil && !mayDecline:
		t.Errorf("%s: decodeFast leaves a valid document to the token path", name)
	case ok && wantErr != nil:
		t.Errorf("%s: decodeFast takes a document the token path rejects: %v", name, wantErr)
	case ok:
		// reflect first: go-cmp is slow on deep documents; it only explains a difference.
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: value (-tokens +fast):\n%s", name, cmp.Diff(want, got))
		}
		if !reflect.DeepEqual(wantOrder, gotOrder) {
			t.Errorf("%s: key order (-tokens +fast):\n%s", name, cmp.Diff(wantOrder, gotOrder))
		}
	}
}
