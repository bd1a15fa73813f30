package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/diff"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
)

const diffUsage = `usage: namigen diff [flags] OLD NEW

OLD and NEW are each a schema file, a folder, an http(s) URL, or git:REV:PATH (the schemas as
committed at a git revision, read with git ls-tree and git show, nothing checked out).

Exit codes: 0 nothing at or above -fail-on, 1 something at or above it, 2 usage or input error.

flags:
`

// runDiff is `namigen diff`: flags and printing; the comparison is generator/diff.
func runDiff(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("namigen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), diffUsage)
		fs.PrintDefaults()
	}
	format := fs.String("format", "text", "output `FORMAT`: text, json or markdown")
	failOn := fs.String("fail-on", "breaking", "exit 1 when a change of this `SEVERITY` or worse is found: breaking, warning, info or never")
	draft := fs.String("draft", "2020-12", "`DRAFT` assumed where a schema has no $schema: 2020-12, 2019-09, 7, 6 or 4")
	eventKey := fs.String("event-key", "event_type", "discriminator `PROPERTY` of an event bundle")
	pkg := fs.String("package", "namievents", "Go package `NAME` both sides are generated as for the go-api comparison")
	re := fs.String("regexp", "re2", "`DIALECT` of patterns Go's regexp cannot compile: re2 or ecma (as for generate)")
	fetchRefs := fs.Bool("fetch-refs", false, "fetch remote $refs over HTTP(S) (as for generate)")
	var refDirs stringList
	fs.Var(&refDirs, "refs", "`DIR` remote $refs are read from before any network (as for generate; repeatable)")
	root := fs.String("root", "auto", "how an input's top level is read: `schema`, bundle or auto (as for generate)")
	noGoAPI := fs.Bool("no-go-api", false, "compare the schemas only; do not generate both packages to compare their Go API")
	// Flags may come before or after OLD and NEW.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "namigen diff: want OLD and NEW, got %d argument(s)\n", len(pos))
		fs.Usage()
		return exitUsage
	}
	threshold, err := diff.ParseThreshold(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "namigen diff: -fail-on: %v\n", err)
		return exitUsage
	}
	switch *format {
	case "text", "json", "markdown":
	default:
		fmt.Fprintf(stderr, "namigen diff: -format: unknown format %q (want text, json or markdown)\n", *format)
		return exitUsage
	}
	if _, ok := load.Drafts[*draft]; !ok {
		fmt.Fprintf(stderr, "namigen diff: -draft: unknown draft %q (want 2020-12, 2019-09, 7, 6 or 4)\n", *draft)
		return exitUsage
	}
	if _, err := load.ParseRoot(*root); err != nil {
		fmt.Fprintf(stderr, "namigen diff: -root: %v\n", err)
		return exitUsage
	}
	if _, err := load.ParseRegexp(*re); err != nil {
		fmt.Fprintf(stderr, "namigen diff: -regexp: %v\n", err)
		return exitUsage
	}
	cfg := func(input string) generator.Config {
		return generator.Config{Inputs: []string{input}, Package: *pkg, DefaultDraft: *draft, EventKey: *eventKey, CompileAssertsFormat: true,
			Root: *root, Regexp: *re, FetchRefs: *fetchRefs, RefDirs: refDirs}
	}
	opts := diff.Options{
		EventKey:     *eventKey,
		DefaultDraft: *draft,
		Load: func(ctx context.Context, input string) (*load.Result, error) {
			return generator.Load(ctx, cfg(input))
		},
	}
	if !*noGoAPI {
		opts.Generate = func(_ context.Context, res *load.Result) (*model.Package, []write.File, error) {
			return generator.GenerateLoaded(res, cfg(""))
		}
	}
	rep, err := diff.Run(ctx, pos[0], pos[1], opts)
	if err != nil {
		fmt.Fprintf(stderr, "namigen diff: %v\n", err)
		return exitUsage
	}
	if err := diff.Render(stdout, rep, *format); err != nil {
		fmt.Fprintf(stderr, "namigen diff: %v\n", err)
		return exitUsage
	}
	if rep.Fails(threshold) {
		return exitFailure
	}
	return exitOK
}
