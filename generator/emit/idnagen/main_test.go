package main

import (
	"os"
	"strings"
	"testing"
)

// TestTableCurrent fails when the IDNA tables in valididnatables.go are not what idnagen derives.
func TestTableCurrent(t *testing.T) {
	src, err := os.ReadFile("../runtime/valididnatables.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("valididnatables.go has no idna table markers")
	}
	got := strings.Join(strings.Fields(s[i+len(begin):j]), " ")
	want := strings.Join(strings.Fields(table()), " ")
	if got != want {
		t.Error("the IDNA tables in valididnatables.go are stale: go run ./generator/emit/idnagen generator/emit/runtime/valididnatables.go")
	}
}
