package emit

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/schemas"
)

// TestPackagesRenderChunked: the packages of the golden cases and of the Nami snapshot render
// piece by piece. A chunk that does not end a blank line before the next one makes emit render
// the whole package again file by file (errWholeFile): the same bytes, but twice the time and
// the memory of the whole output at once, which a test of the output cannot see. (A package
// with -regexp ecma still renders whole: jennifer names the regexp2 import in its chunk.)
func TestPackagesRenderChunked(t *testing.T) {
	cases, err := filepath.Glob("../testdata/*/schema.json")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	cases = append(cases, "") // the Nami snapshot
	rendered := 0
	for _, in := range cases {
		name := filepath.Base(filepath.Dir(in))
		var opts load.Options
		var inputs []string
		if in == "" {
			name, opts.FS, opts.FSRoot = "nami", schemas.Nami, schemas.NamiRoot
		} else {
			inputs = []string{in}
		}
		res, err := load.Load(context.Background(), inputs, opts)
		var pkg *model.Package
		if err == nil {
			pkg, err = model.Build(res, model.Options{PackageName: "x"})
		}
		switch {
		case err != nil && in == "":
			t.Fatalf("the Nami snapshot: %v", err)
		case err != nil:
			continue // an error case (error.txt)
		}
		rendered++
		if _, err := emitFiles(pkg, Options{}, true); errors.Is(err, errWholeFile) {
			t.Errorf("%s: chunked rendering refused; every chunk must end with a blank line", name)
		} else if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if rendered < len(cases)/2 {
		t.Errorf("only %d of %d inputs loaded and rendered", rendered, len(cases))
	}
}
