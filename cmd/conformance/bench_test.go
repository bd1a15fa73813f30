package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generator/sharedtest"
)

// The SchemaStore benchmarks decode every valid SchemaStore instance whose schema has a root Go
// type (one op = all of them), three ways: the generated code (json.Unmarshal into the root
// type, then Validate), encoding/json into any, and santhosh-tekuri UnmarshalJSON + Validate,
// formats asserted everywhere. The generated packages cannot be linked into this test binary,
// so BenchmarkSchemaStore/Decode builds them into a throwaway module and runs the benchmark
// there with the same -count, printing the child's result lines as its own (the outer
// sub-benchmark is then skipped, so its timing of the child process is not reported). Set
// NAMIGEN_STORE_BENCH_DIR to keep that module in a folder of your choice.

type storeBench struct {
	work      string
	instances [][]byte
	schemas   []*jsonschema.Schema // per instance
	err       error
}

func setupStoreBench(b *testing.B) *storeBench {
	b.Helper()
	if _, err := os.Stat(storeDir); err != nil {
		msg := "shared test data not found at " + storeDir
		if sharedtest.InCI() {
			b.Fatal(msg)
		}
		b.Skip(msg)
	}
	ctx := context.Background()
	groups, err := readSchemaStore(storeDir, true)
	if err != nil {
		b.Fatal(err)
	}
	sb := &storeBench{work: b.TempDir()}
	if dir := os.Getenv("NAMIGEN_STORE_BENCH_DIR"); dir != "" {
		sb.work = dir // kept, to profile the child: go test -bench . -cpuprofile cpu.out there
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(sb.work, "go.mod"), []byte("module conformance\n\ngo 1.24\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	tr := &offlineTransport{}
	client := &http.Client{Transport: tr}
	var imports, checks strings.Builder
	var insts []string
	for _, g := range groups {
		gen := generateGroup(ctx, g, options{SchemaStore: true, FormatAssertion: true}, tr, client, sb.work)
		if gen.Err != nil || gen.Root == "" {
			continue
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		sch, err := c.Compile(g.SchemaPath)
		if err != nil {
			continue
		}
		pkg := "g" + strconv.Itoa(g.ID)
		fmt.Fprintf(&imports, "\t%q\n", "conformance/"+pkg)
		for _, tc := range g.Tests {
			if !tc.Valid || tc.Skip != "" {
				continue
			}
			if v, err := jsonschema.UnmarshalJSON(bytes.NewReader(tc.Data)); err != nil || sch.Validate(v) != nil {
				continue // a documented reference-validator bug (TestReferenceBugs): not comparable
			}
			fmt.Fprintf(&checks, "\tfunc(data []byte) error {\n\t\tvar v %s.%s\n\t\tif err := json.Unmarshal(data, &v); err != nil {\n\t\t\treturn err\n\t\t}\n\t\treturn v.Validate()\n\t},\n", pkg, gen.Root)
			sb.instances = append(sb.instances, tc.Data)
			sb.schemas = append(sb.schemas, sch)
			insts = append(insts, string(tc.Data))
		}
	}
	if len(sb.instances) == 0 {
		b.Fatal("no SchemaStore instance to decode")
	}
	data, err := json.Marshal(insts)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sb.work, "instances.json"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	src := strings.NewReplacer("//IMPORTS\n", imports.String(), "//CHECKS\n", checks.String()).Replace(storeBenchSource)
	if err := os.WriteFile(filepath.Join(sb.work, "bench_test.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	return sb
}

const storeBenchSource = `package conformance

import (
	"encoding/json"
	"os"
	"testing"

//IMPORTS
)

var checks = []func([]byte) error{
//CHECKS
}

func BenchmarkSchemaStoreDecode(b *testing.B) {
	raw, err := os.ReadFile("instances.json")
	if err != nil {
		b.Fatal(err)
	}
	var insts []string
	if err := json.Unmarshal(raw, &insts); err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range insts {
		n += len(s)
	}
	data := make([][]byte, len(insts))
	for i, s := range insts {
		data[i] = []byte(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range data {
			if err := checks[j](d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
`

func (sb *storeBench) bytes() int64 {
	n := 0
	for _, d := range sb.instances {
		n += len(d)
	}
	return int64(n)
}

// BenchmarkSchemaStore: the valid SchemaStore instances, one op = all of them.
func BenchmarkSchemaStore(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and builds the SchemaStore packages; skipped in -short mode")
	}
	sb := setupStoreBench(b)
	b.Run("Decode", func(b *testing.B) {
		// A skipped sub-benchmark runs once whatever -count says: the child repeats instead.
		count := "1"
		if f := flag.Lookup("test.count"); f != nil {
			count = f.Value.String()
		}
		out, err := goCmd(context.Background(), sb.work, "test", "-run", "^$", "-bench", ".", "-benchmem", "-count", count)
		if err != nil {
			b.Fatalf("go test in %s: %v\n%s", sb.work, err, out)
		}
		fmt.Println("pkg: github.com/namigen/namigen/cmd/conformance") // for cmd/benchmedian
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "BenchmarkSchemaStoreDecode") {
				fmt.Println(line) // the child's figures, picked up by cmd/benchmedian
			}
		}
		b.Skip("reported by the child process above (BenchmarkSchemaStoreDecode)")
	})
	b.Run("StdlibAny", func(b *testing.B) {
		b.SetBytes(sb.bytes())
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, d := range sb.instances {
				var v any
				if err := json.Unmarshal(d, &v); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Santhosh", func(b *testing.B) {
		b.SetBytes(sb.bytes())
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for j, d := range sb.instances {
				v, err := jsonschema.UnmarshalJSON(bytes.NewReader(d))
				if err != nil {
					b.Fatal(err)
				}
				if err := sb.schemas[j].Validate(v); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
