package generator

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentGenerate runs Generate on the same input from many goroutines (as the
// conformance runner does) and wants the output of a single run every time. A package-level
// flag of the emitter once made the dynamic scope of $recursiveRef vanish from the branches
// of a package generated at the same time as another (run it with -race).
func TestConcurrentGenerate(t *testing.T) {
	cfg := Config{Inputs: []string{filepath.Join("testdata", "recursive-ref-nesting", "schema.json")}, Package: "p"}
	render := func() []byte {
		files, err := Generate(context.Background(), cfg)
		if err != nil {
			t.Error(err)
			return nil
		}
		var all bytes.Buffer
		for _, f := range files {
			all.Write(f.Data)
		}
		return all.Bytes()
	}
	want := render()
	other := Config{Inputs: []string{filepath.Join("testdata", "object-struct", "schema.json")}, Package: "q"}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if got := render(); !bytes.Equal(got, want) {
				t.Errorf("run %d: a concurrent run generated other code", i)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := Generate(context.Background(), other); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
