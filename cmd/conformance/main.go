// Command conformance measures how much of JSON Schema the code namigen generates enforces. It
// generates Go for every schema of a JSON-Schema-Test-Suite folder (or a SchemaStore-style
// folder), compiles all of them into one program, runs every instance through decode+validate,
// and reports passes and failures per file (per schema) and in total.
//
//	go run ./cmd/conformance -draft 2020-12 [-json] [-remotes DIR] [-regexp ecma|re2] [-root auto|schema|bundle] SUITE_DIR
//	go run ./cmd/conformance -schemastore [-json] [-format-assertion=false] SCHEMASTORE_DIR
//
// In the test suite, "format" is an annotation except in optional/format/, where it is an
// assertion. SchemaStore's tests assert formats (its CI validates with ajv and ajv-formats; two
// negative tests of github-funding are bad uri-references), so -schemastore does too unless
// -format-assertion=false. Remote $refs (http://localhost:1234/...) are answered from the suite's remotes/
// folder (by default DIR/../../remotes) without the network. Patterns are ECMA-262 regular
// expressions, so -regexp defaults to ecma; -root (default auto) is generate's. A skipped test counts as a failure
// in the headline figure. Exit status: 0 when the run completed (whatever the figures), 1 when
// it could not, 2 on a usage error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/namigen/namigen/generator/load"
)

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

func realMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	draft := fs.String("draft", "2020-12", "draft assumed where a schema has no $schema: 2020-12, 2019-09, 7, 6, 4")
	asJSON := fs.Bool("json", false, "print one JSON object instead of the text report")
	remotes := fs.String("remotes", "", "folder served as http://localhost:1234/ (default DIR/../../remotes)")
	store := fs.Bool("schemastore", false, "DIR is a SchemaStore-style folder (schemas/, test/, negative_test/)")
	requiredOnly := fs.Bool("required-only", false, "test suite: leave optional/ out")
	formatAssertion := fs.Bool("format-assertion", true, "SchemaStore: check \"format\", as SchemaStore's own tests (ajv with ajv-formats) do; -format-assertion=false makes it an annotation")
	re := fs.String("regexp", "ecma", "generate -regexp: ecma (JSON Schema patterns are ECMA-262: those RE2 cannot compile use github.com/dlclark/regexp2) or re2")
	root := fs.String("root", "auto", "generate -root: how each schema's top level is read (schema, bundle or auto)")
	verbose := fs.Bool("v", false, "log progress to stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: conformance [-draft D] [-json] [-remotes DIR] SUITE_DIR\n       conformance -schemastore [-json] DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if _, ok := load.Drafts[*draft]; !ok {
		fmt.Fprintf(stderr, "conformance: unknown draft %q (want 2020-12, 2019-09, 7, 6 or 4)\n", *draft)
		return 2
	}
	if _, err := load.ParseRegexp(*re); err != nil {
		fmt.Fprintf(stderr, "conformance: -regexp: %v\n", err)
		return 2
	}
	if _, err := load.ParseRoot(*root); err != nil {
		fmt.Fprintf(stderr, "conformance: -root: %v\n", err)
		return 2
	}
	dir := fs.Arg(0)
	o := options{Dir: dir, Draft: *draft, Remotes: *remotes, SchemaStore: *store, RequiredOnly: *requiredOnly, FormatAssertion: *formatAssertion, Regexp: *re, Root: *root}
	if o.Remotes == "" && !o.SchemaStore {
		o.Remotes = filepath.Join(dir, "..", "..", "remotes")
	}
	if *verbose {
		o.Log = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	groups, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}
	secs := time.Since(start).Seconds()
	var rep interface{ writeText(io.Writer) }
	if o.SchemaStore {
		r := buildStoreReport(groups)
		r.Seconds = secs
		rep = r
	} else {
		r := buildSuiteReport(*draft, groups)
		r.Seconds = secs
		rep = r
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "conformance:", err)
			return 1
		}
		return 0
	}
	rep.writeText(stdout)
	writeRoundTrip(stdout, groups) // roundtrip.go
	return 0
}
