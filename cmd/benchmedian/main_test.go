package main

import (
	"strings"
	"testing"
)

func TestMedians(t *testing.T) {
	in := `goos: linux
pkg: example.com/a
BenchmarkX-2   	     100	      300 ns/op	      10 B/op	       1 allocs/op
BenchmarkY-2   	      10	     1000 ns/op	  2.50 MB/s
BenchmarkX-2   	     100	      100 ns/op	      30 B/op	       1 allocs/op
BenchmarkX-2   	     100	      200 ns/op	      20 B/op	       1 allocs/op
BenchmarkY-2   	      10	     3000 ns/op	  3.50 MB/s
PASS
ok  	example.com/a	1.0s
`
	var out strings.Builder
	if err := run(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	want := "example.com/a BenchmarkX-2  200 ns/op  20 B/op  1 allocs/op  (runs: 3)\n" +
		"example.com/a BenchmarkY-2  2000 ns/op  3 MB/s  (runs: 2)\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestNoBenchmarks(t *testing.T) {
	if err := run(strings.NewReader("PASS\n"), &strings.Builder{}); err == nil {
		t.Error("no error for input without benchmark lines")
	}
}
