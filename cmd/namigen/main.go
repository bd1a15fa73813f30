// Command namigen turns JSON Schema into idiomatic Go: types that keep absent, null and zero
// apart, tagged unions, typed enums, Validate methods and, for webhook bundles, an EventType enum
// with a Decode that dispatches on it. Its first users receive Nami ML webhooks, whose schemas
// ship embedded in the binary.
//
// Use it from go generate:
//
//	//go:generate go tool namigen generate -out ./namievents
//
// after `go get -tool github.com/namigen/namigen/cmd/namigen`, or without the tool line:
//
//	//go:generate go run github.com/namigen/namigen/cmd/namigen generate -out ./namievents
//
// Subcommands:
//
//	namigen generate [-in PATH]... [-out DIR] [-package NAME] [-check] [-draft D] [-event-key K] [-no-format-assertion] [-webhook=false] [-signature-header H] [-runtime embed|import] [-root schema|bundle|auto] [-regexp re2|ecma] [-fetch-refs] [-refs DIR]...
//	    Generate one Go package from schemas. -in (repeatable) takes a file, a folder, a glob or an
//	    http(s) URL; without it the embedded Nami snapshot is used. -out defaults to
//	    generated/namievents, -package to the last element of -out. -check writes nothing and
//	    exits 1 with a diff when the output would change.
//	    -draft (default 2020-12) applies to schemas without $schema, -event-key (default
//	    event_type) names the discriminator of an event bundle, -no-format-assertion makes format
//	    an annotation. For an event bundle it also writes webhook.go, an http.Handler with one
//	    typed callback per event type, deduplication and a status policy under which no event is
//	    lost; -webhook=false leaves it out, -signature-header (default Nami-Signature) names the
//	    header its Verify hook checks.
//	    -runtime embed (the default) copies the support code the package uses into
//	    it; -runtime import shares Nullable and ValidationError through
//	    github.com/namigen/namigen/runtime.
//	    -root says how an input's top level is read: one schema, a map of named
//	    schemas (bundle), or auto (a schema when its top level uses a keyword of its draft).
//	    -regexp ecma compiles the patterns Go's regexp cannot (look-around, backreferences) as
//	    ECMA-262 with github.com/dlclark/regexp2, which the generated package then imports.
//	    -fetch-refs fetches remote $refs with fetch's rules; -refs DIR reads them from a snapshot
//	    folder first. The heap is kept under a soft limit of 800 MiB (GOGC=400 below it);
//	    GOGC or GOMEMLIMIT in the environment override both.
//	namigen fetch [-url URL] [-out DIR] [-header 'Name: value']... [-timeout D] [-max-bytes N] [-json]
//	    Snapshot the live schemas (default https://app.namiml.com/api/v1/events/schema/) into a
//	    folder (default schemas/nami), atomically, with a lock file; NAMI_API_TOKEN, when set, is
//	    sent as a bearer token to the -url origin only. -timeout defaults to 2m, -max-bytes to
//	    32MiB; -json prints a summary.
//	namigen diff [-format text|json|markdown] [-fail-on breaking|warning|info|never] [-no-go-api] [-package NAME] [-draft D] [-event-key K] [-root R] [-regexp X] [-fetch-refs] [-refs DIR]... OLD NEW
//	    Report the changes between two schema versions (file, folder, URL or git:REV:PATH) and
//	    whom they break: wire (old code rejects new payloads) and go-api (code stops compiling).
//
// Exit codes: 0 success, 1 failure (nothing written), 2 usage error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `usage: namigen <command> [flags]

commands:
  generate   generate a Go package from JSON Schemas (default input: the embedded Nami snapshot)
  fetch      snapshot the live schemas into a folder
  diff       report the changes between two schema versions

Run 'namigen <command> -h' for the flags of a command.
`

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return runGenerate(ctx, args[1:], stdout, stderr)
	case "fetch":
		return runFetch(ctx, args[1:], stdout, stderr)
	case "diff":
		return runDiff(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "namigen: unknown command %q\n%s", args[0], usage)
	return exitUsage
}
