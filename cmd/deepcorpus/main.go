// Command deepcorpus writes the deep benchmark corpus's schema (package corpus): a synthetic
// draft-07 webhook catalogue of 66 event types, from which namigen generates
// generated/deepevents. The payloads are not written: the benchmarks and the differential test
// build them in memory from the same package, deterministically.
//
//	go run ./cmd/deepcorpus -out schemas/deepevents/webhooks.schema.json
//	go run ./cmd/deepcorpus -payloads DIR   # also write the payloads, to look at them
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/namigen/namigen/cmd/deepcorpus/corpus"
)

func main() {
	out := flag.String("out", "schemas/deepevents/webhooks.schema.json", "where to write the schema")
	payloads := flag.String("payloads", "", "a folder to write the payloads to (optional)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: deepcorpus [-out FILE] [-payloads DIR]")
		os.Exit(2)
	}
	if err := run(*out, *payloads); err != nil {
		fmt.Fprintln(os.Stderr, "deepcorpus:", err)
		os.Exit(1)
	}
}

func run(out, dir string) error {
	if err := writeFile(out, corpus.Schema()); err != nil {
		return err
	}
	if dir == "" {
		return nil
	}
	for _, p := range corpus.Payloads(corpus.PerLeaf) {
		name := strings.NewReplacer("$", "-", "#", "-").Replace(p.Name) + ".json"
		if err := writeFile(filepath.Join(dir, name), p.Data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes data to a temporary file beside path and renames it: all or nothing.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".deepcorpus-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
