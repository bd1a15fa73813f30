package diff

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/namigen/namigen/generator/sharedtest"
)

// schemastore is the shared real-world schema set, beside the repository.
const schemastore = "../../../shared/testdata/schemastore/schemas"

// TestSelfDiffEmpty: diff(A, A) finds nothing, for every schema of schemas/ and of the shared
// SchemaStore set.
func TestSelfDiffEmpty(t *testing.T) {
	var inputs []string
	ents, err := os.ReadDir("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() {
			inputs = append(inputs, filepath.Join("../../schemas", e.Name()))
		}
	}
	if len(inputs) == 0 {
		t.Fatal("no schema folder under schemas/")
	}
	files, err := filepath.Glob(filepath.Join(schemastore, "*.json"))
	switch {
	case err != nil || len(files) == 0:
		if sharedtest.InCI() {
			t.Fatalf("%s is missing or empty; CI must have the shared test data", schemastore)
		}
		t.Logf("skipping the SchemaStore schemas: %s is missing (it is beside the repository in shared/testdata)", schemastore)
	default:
		inputs = append(inputs, files...)
	}
	for _, in := range inputs {
		t.Run(strings.TrimPrefix(filepath.ToSlash(in), "../"), func(t *testing.T) {
			rep, err := Run(context.Background(), in, in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range rep.Changes {
				t.Errorf("diff(A, A) reports %s at %s: %s", c.Kind, c.Path, c.Message)
			}
		})
	}
}

// TestSchemastoreSkip makes the skip visible when the shared set is missing outside CI.
func TestSchemastorePresent(t *testing.T) {
	if _, err := os.Stat(schemastore); err != nil {
		if sharedtest.InCI() {
			t.Fatalf("CI=true but %s is missing: %v", schemastore, err)
		}
		t.Skipf("shared SchemaStore schemas not found at %s (relative to generator/diff); diff(A, A) ran on schemas/ only", schemastore)
	}
}
