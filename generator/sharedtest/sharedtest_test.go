package sharedtest

import (
	"path/filepath"
	"testing"
)

func TestCIValue(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, "false": false, "FALSE": false, "0": false, " false ": false,
		"true": true, "1": true, "yes": true, "TRUE": true, "github": true,
	} {
		if got := ciValue(v); got != want {
			t.Errorf("ciValue(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestRootIsBesideModule(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	// This package is generator/sharedtest: the module root is two levels up.
	want, err := filepath.Abs("../../../shared")
	if err != nil {
		t.Fatal(err)
	}
	if root != want {
		t.Errorf("Root() = %s, want %s", root, want)
	}
}
