package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/sharedtest"
)

// schemaStoreDir holds a dozen real-world schemas from SchemaStore (shared between the
// checkouts of the project, not part of this repository).
const schemaStoreDir = "../../shared/testdata/schemastore/schemas"

// schemaStoreExceptions lists the schemas that are known not to generate a package that builds,
// with the reason. It is empty: every schema must generate, build and vet. A schema added here
// is expected to fail; the test fails when it starts passing, so the table stays honest.
var schemaStoreExceptions = map[string]string{}

// ssPackageName turns a schema file name into a Go package name: lower-case letters and digits.
func ssPackageName(file string) string {
	base := strings.TrimSuffix(file, ".json")
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9' && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "schema"
	}
	return b.String()
}

// TestSchemaStore generates one package per SchemaStore schema into a single throwaway module and
// checks that the module builds and passes go vet.
func TestSchemaStore(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet of 12 generated packages; skipped in -short mode")
	}
	files, err := filepath.Glob(filepath.Join(schemaStoreDir, "*.json"))
	if err != nil || len(files) == 0 {
		msg := "SchemaStore corpus not found at " + schemaStoreDir + " (the shared test data folder beside the checkout)"
		if sharedtest.InCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/ss\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	generated := map[string]string{} // package dir → schema file
	failed := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		pkg := ssPackageName(name)
		out, err := generator.Generate(context.Background(), generator.Config{Inputs: []string{f}, Package: pkg})
		if err != nil {
			failed[name] = true
			if reason, ok := schemaStoreExceptions[name]; ok {
				t.Logf("%s: expected failure (%s): %v", name, reason, err)
				continue
			}
			t.Errorf("%s: generate: %v", name, err)
			continue
		}
		dir := filepath.Join(mod, pkg)
		for _, gf := range out {
			p := filepath.Join(dir, filepath.FromSlash(gf.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, gf.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		generated[pkg] = name
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	outb, err := cmd.CombinedOutput()
	if err != nil {
		// Attribute each error line to its package (lines start with "# example.com/ss/<pkg>" or
		// "<pkg>/file.go:").
		for pkg, name := range generated {
			if strings.Contains(string(outb), "example.com/ss/"+pkg+"\n") || strings.Contains(string(outb), pkg+"/") {
				failed[name] = true
			}
		}
		var unexpected []string
		for name := range failed {
			if _, ok := schemaStoreExceptions[name]; !ok {
				unexpected = append(unexpected, name)
			}
		}
		if len(unexpected) > 0 || len(failed) == 0 {
			t.Errorf("go vet ./... in the generated module failed (%v):\n%s", unexpected, outb)
		}
	}
	for name, reason := range schemaStoreExceptions {
		if !failed[name] {
			t.Errorf("%s is listed as an exception (%s) but now generates, builds and vets: remove it from the table", name, reason)
		}
	}
	t.Logf("SchemaStore: %d/%d schemas generate, build and vet", len(files)-len(failed), len(files))
}
