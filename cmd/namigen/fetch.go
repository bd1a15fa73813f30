package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/namigen/namigen/generator/fetch"
)

// fetchHooks are the parts of namigen fetch that tests replace: the timing of retries and the
// folder moves of the write.
type fetchHooks struct {
	retry  fetch.Retry
	rename func(oldpath, newpath string) error // nil: os.Rename
}

// defaultFetchHooks is the retry policy of namigen fetch, with real waits and renames.
func defaultFetchHooks() fetchHooks {
	return fetchHooks{retry: fetch.Retry{
		Attempts:      fetch.DefaultAttempts,
		Base:          fetch.DefaultBackoffBase,
		Max:           fetch.DefaultBackoffMax,
		MaxRetryAfter: fetch.DefaultMaxRetryAfter,
	}}
}

// fetchHeaders is the repeatable -header flag. Values are checked after parsing, and never
// shown: the flag package would echo a bad value, which may hold a secret.
type fetchHeaders []string

func (h *fetchHeaders) String() string     { return "" }
func (h *fetchHeaders) Set(v string) error { *h = append(*h, v); return nil }

// fetchByteSize is a flag holding a number of bytes: 1048576, 512KiB, 32MiB, 1GiB (or KB, MB, GB).
type fetchByteSize int64

func (b *fetchByteSize) String() string { return strconv.FormatInt(int64(*b), 10) }
func (b *fetchByteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return errors.New("want a positive number of bytes, e.g. 1048576 or 32MiB")
	}
	*b = fetchByteSize(n * mult)
	return nil
}

// fetchSummary is the -json output.
type fetchSummary struct {
	URL               string   `json:"url"`
	Out               string   `json:"out"`
	Status            string   `json:"status"`
	Reason            string   `json:"reason,omitempty"`
	Error             string   `json:"error,omitempty"`
	Files             []string `json:"files"`
	Written           []string `json:"written"`
	Removed           []string `json:"removed"`
	EventTypesAdded   []string `json:"event_types_added"`
	EventTypesRemoved []string `json:"event_types_removed"`
}

func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runFetchWith(ctx, args, stdout, stderr, defaultFetchHooks())
}

func runFetchWith(ctx context.Context, args []string, stdout, stderr io.Writer, hooks fetchHooks) int {
	fa, code := parseFetchArgs(args, stderr)
	if code >= 0 {
		return code
	}
	res, err := fetch.Fetch(ctx, fetch.Options{
		URL:      fa.src,
		Dir:      fa.out,
		Header:   fa.header,
		Token:    os.Getenv("NAMI_API_TOKEN"),
		Timeout:  fa.timeout,
		MaxBytes: fa.maxBytes,
		Retry:    hooks.retry,
		Rename:   hooks.rename,
	})
	if err != nil {
		// Messages never hold the token: the fetch package redacts it.
		fmt.Fprintf(stderr, "namigen fetch: %v\n", err)
		fmt.Fprintf(stderr, "namigen fetch: %s was not changed\n", fa.out)
		if fa.json {
			writeFetchJSON(stdout, fetchSummary{URL: fa.src, Out: fa.out, Status: "failed", Error: err.Error(),
				Files: []string{}, Written: []string{}, Removed: []string{}, EventTypesAdded: []string{}, EventTypesRemoved: []string{}})
		}
		return exitFailure
	}
	if res.Warning != "" {
		fmt.Fprintf(stderr, "namigen fetch: warning: %s\n", res.Warning)
	}
	if fa.json {
		writeFetchJSON(stdout, fetchSummary{
			URL: res.URL, Out: fa.out, Status: string(res.Status), Reason: res.Reason,
			Files: res.Files, Written: res.Written, Removed: res.Removed,
			EventTypesAdded: res.EventTypesAdded, EventTypesRemoved: res.EventTypesRemoved,
		})
		return exitOK
	}
	printFetchResult(stdout, fa.out, res)
	return exitOK
}

// fetchArgs are the checked arguments of namigen fetch.
type fetchArgs struct {
	src, out string
	header   http.Header
	timeout  time.Duration
	maxBytes int64
	json     bool
}

// parseFetchArgs reads the flags of namigen fetch; code is the exit code when the command
// ends here (help, usage error), -1 otherwise.
func parseFetchArgs(args []string, stderr io.Writer) (fa fetchArgs, code int) {
	fs := flag.NewFlagSet("namigen fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: namigen fetch [-url URL] [-out DIR] [-header 'Name: value']... [-timeout D] [-max-bytes N] [-json]

Snapshot the live schemas (and every document they $ref by URL) into DIR, atomically, with a
lock file (`+fetch.LockFile+`). The bearer token is read from NAMI_API_TOKEN.
Exit codes: 0 updated or unchanged, 1 failure (DIR untouched), 2 usage.

`)
		fs.PrintDefaults()
	}
	src := fs.String("url", fetch.DefaultURL, "`URL` of the schema document")
	out := fs.String("out", filepath.Join("schemas", "nami"), "snapshot `DIR`")
	var headers fetchHeaders
	fs.Var(&headers, "header", "extra request header `'Name: value'` (repeatable; sent to the -url host only)")
	timeout := fs.Duration("timeout", 2*time.Minute, "overall time `limit`, retries included")
	maxBytes := fetchByteSize(fetch.DefaultMaxBytes)
	fs.Var(&maxBytes, "max-bytes", "cap on the body of one document, in `bytes` (suffixes KiB, MiB, GiB)")
	jsonOut := fs.Bool("json", false, "print a JSON summary on stdout")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fa, exitOK
		}
		return fa, exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "namigen fetch: unexpected argument %q\n", fs.Arg(0))
		return fa, exitUsage
	}
	if u, err := url.Parse(*src); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(stderr, "namigen fetch: -url %q is not an http or https URL\n", *src)
		return fa, exitUsage
	}
	if *out == "" {
		fmt.Fprintln(stderr, "namigen fetch: -out is empty")
		return fa, exitUsage
	}
	if *timeout <= 0 {
		fmt.Fprintf(stderr, "namigen fetch: -timeout must be positive, not %v\n", *timeout)
		return fa, exitUsage
	}
	hdr := http.Header{}
	for i, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || !validFetchHeader(name) {
			fmt.Fprintf(stderr, "namigen fetch: -header #%d is not of the form 'Name: value'\n", i+1)
			return fa, exitUsage
		}
		hdr.Add(name, strings.TrimSpace(value))
	}
	return fetchArgs{src: *src, out: *out, header: hdr, timeout: *timeout, maxBytes: int64(maxBytes), json: *jsonOut}, -1
}

// printFetchResult says what a fetch changed in out.
func printFetchResult(stdout io.Writer, out string, res *fetch.Result) {
	switch res.Status {
	case fetch.Unchanged:
		fmt.Fprintf(stdout, "%s: unchanged from %s: %s\n", out, res.URL, res.Reason)
	default:
		fmt.Fprintf(stdout, "%s: updated from %s: %d written (%s), %d removed%s\n", out, res.URL,
			len(res.Written), strings.Join(res.Written, ", "), len(res.Removed), fetchList(res.Removed))
		if len(res.EventTypesAdded) > 0 {
			fmt.Fprintf(stdout, "event types added: %s\n", strings.Join(res.EventTypesAdded, ", "))
		}
		if len(res.EventTypesRemoved) > 0 {
			fmt.Fprintf(stdout, "event types removed: %s\n", strings.Join(res.EventTypesRemoved, ", "))
		}
	}
}

// validFetchHeader reports whether name is an HTTP field name (an RFC 9110 token).
func validFetchHeader(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

func fetchList(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, ", ") + ")"
}

func writeFetchJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
