package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/sharedtest"
)

// synthTool writes synthetic event bundles (shared between the checkouts, not in this repository).
const synthTool = "../../shared/tools/synth-bundle.py"

// BenchmarkGenerateNami generates the package of the embedded Nami snapshot.
func BenchmarkGenerateNami(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.Generate(ctx, generator.Config{Package: "namievents"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateSynthetic generates bundles of 100, 1,000 and 10,000 events written by
// synth-bundle.py: the time per event must stay flat (generation is linear in the input).
func BenchmarkGenerateSynthetic(b *testing.B) {
	python, err := exec.LookPath("python3")
	if err == nil {
		_, err = os.Stat(synthTool)
	}
	if err != nil {
		msg := "synthetic bundles need python3 and " + synthTool + ": " + err.Error()
		if sharedtest.InCI() {
			b.Fatal(msg)
		}
		b.Skip(msg)
	}
	ctx := context.Background()
	for _, n := range []int{100, 1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			file := filepath.Join(b.TempDir(), "bundle.json")
			out, err := exec.Command(python, synthTool, strconv.Itoa(n)).Output()
			if err != nil {
				b.Fatalf("%s %d: %v", synthTool, n, err)
			}
			if err := os.WriteFile(file, out, 0o644); err != nil {
				b.Fatal(err)
			}
			cfg := generator.Config{Inputs: []string{file}, Package: "synth"}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				files, err := generator.Generate(ctx, cfg)
				if err != nil {
					b.Fatal(err)
				}
				if len(files) == 0 {
					b.Fatal("no file generated")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
		})
	}
}
