package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/write"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("namigen generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var inputs stringList
	fs.Var(&inputs, "in", "schema `PATH`: file, folder, glob or http(s) URL (repeatable; default: the embedded Nami snapshot)")
	out := fs.String("out", filepath.Join("generated", "namievents"), "output `DIR`")
	pkg := fs.String("package", "", "Go package `NAME` (default: the last element of -out)")
	check := fs.Bool("check", false, "write nothing; exit 1 with a diff when the output would change")
	draft := fs.String("draft", "2020-12", "`DRAFT` assumed where a schema has no $schema: 2020-12, 2019-09, 7, 6 or 4")
	eventKey := fs.String("event-key", "event_type", "discriminator `PROPERTY` of an event bundle")
	noFormat := fs.Bool("no-format-assertion", false, "treat format as an annotation: generated Validate does not check formats")
	webhook := fs.Bool("webhook", true, "write webhook.go (an http.Handler with typed callbacks) for an event bundle; -webhook=false leaves it out")
	sigHeader := fs.String("signature-header", "Nami-Signature", "`HEADER` that carries the webhook signature (the SignatureHeader constant of webhook.go)")
	rt := fs.String("runtime", "embed", "`MODE` of the support code: embed (self-contained, standard library only) or import (share Nullable and ValidationError through github.com/namigen/namigen/runtime)")
	re := fs.String("regexp", "re2", "`DIALECT` of patterns Go's regexp cannot compile: re2 (they are an error) or ecma (ECMA-262, compiled with github.com/dlclark/regexp2, which the generated package then imports)")
	fetchRefs := fs.Bool("fetch-refs", false, "fetch remote $refs over HTTP(S), with namigen fetch's retries, redirect rules, size cap and timeout (no credentials)")
	var refDirs stringList
	fs.Var(&refDirs, "refs", "`DIR` remote $refs are read from before any network: a snapshot of namigen fetch, or a folder of schemas with absolute $ids (repeatable)")
	root := fs.String("root", "auto", "how an input's top level is read: `schema` (one schema), bundle (an object mapping names to schemas) or auto (a schema when its top level uses a keyword of its draft)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "namigen generate: unexpected argument %q (inputs are given with -in)\n", fs.Arg(0))
		return exitUsage
	}
	if _, ok := load.Drafts[*draft]; !ok {
		fmt.Fprintf(stderr, "namigen generate: -draft: unknown draft %q (want 2020-12, 2019-09, 7, 6 or 4)\n", *draft)
		return exitUsage
	}
	if _, err := generator.RuntimeMode(*rt); err != nil || *rt == "" {
		fmt.Fprintf(stderr, "namigen generate: -runtime: unknown mode %q (want embed or import)\n", *rt)
		return exitUsage
	}
	if _, err := load.ParseRoot(*root); err != nil {
		fmt.Fprintf(stderr, "namigen generate: -root: %v\n", err)
		return exitUsage
	}
	if _, err := load.ParseRegexp(*re); err != nil {
		fmt.Fprintf(stderr, "namigen generate: -regexp: %v\n", err)
		return exitUsage
	}
	name := *pkg
	if name == "" {
		name = filepath.Base(filepath.Clean(*out))
	}
	if !token.IsIdentifier(name) {
		if *pkg == "" {
			fmt.Fprintf(stderr, "namigen generate: the package name %q (the last element of -out) is not a Go identifier; name the package with -package\n", name)
		} else {
			fmt.Fprintf(stderr, "namigen generate: -package: %q is not a Go identifier\n", name)
		}
		return exitUsage
	}
	phase, restore := memoryPhases(os.Getenv, debug.SetMemoryLimit, debug.SetGCPercent, runtime.GC)
	defer restore()
	files, err := generator.Generate(ctx, generator.Config{
		Inputs: inputs, Package: name, DefaultDraft: *draft, EventKey: *eventKey, NoFormatAssertion: *noFormat,
		NoWebhook: !*webhook, SignatureHeader: *sigHeader,
		Warn:    func(msg string) { fmt.Fprintf(stderr, "namigen generate: warning: %s\n", msg) },
		Runtime: *rt,
		Root:    *root, Regexp: *re, FetchRefs: *fetchRefs, RefDirs: refDirs, Notify: func(msg string) { fmt.Fprintf(stderr, "namigen generate: note: %s\n", msg) },
		Phase: phase,
	})
	restore() // the files are written with the collector as it was
	if err != nil {
		fmt.Fprintf(stderr, "namigen generate: %v\n", err)
		return exitFailure
	}
	if *check {
		res, diff, err := write.Check(*out, files, write.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "namigen generate: %v\n", err)
			return exitFailure
		}
		if res.Changed() {
			fmt.Fprintf(stderr, "namigen generate -check: %s is not current; run 'namigen generate' (or 'make generate'):\n%s", *out, diff)
			return exitFailure
		}
		fmt.Fprintf(stdout, "%s is current (%d files)\n", *out, len(files))
		return exitOK
	}
	res, err := write.Write(*out, files, write.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "namigen generate: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: %d written, %d removed, %d unchanged\n", *out, len(res.Written), len(res.Removed), len(res.Unchanged))
	return exitOK
}
