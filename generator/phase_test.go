package generator_test

import (
	"context"
	"slices"
	"testing"

	"github.com/namigen/namigen/generator"
)

// Config.Phase sees the phases in order, and a failed load stops after the first.
func TestConfigPhase(t *testing.T) {
	var got []string
	cfg := generator.Config{Package: "namievents", Phase: func(name string) { got = append(got, name) }}
	if _, err := generator.Generate(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if want := []string{generator.PhaseLoad, generator.PhaseModel, generator.PhaseEmit}; !slices.Equal(got, want) {
		t.Errorf("phases %v, want %v", got, want)
	}
	got = nil
	cfg.Inputs = []string{"testdata/no-such-file.json"}
	if _, err := generator.Generate(context.Background(), cfg); err == nil {
		t.Fatal("no error for a missing input")
	}
	if want := []string{generator.PhaseLoad}; !slices.Equal(got, want) {
		t.Errorf("phases of a failed load %v, want %v", got, want)
	}
}
