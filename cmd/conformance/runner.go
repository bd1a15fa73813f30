package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/namigen/namigen/generator"
	"github.com/namigen/namigen/generator/events"
	"github.com/namigen/namigen/generator/model"
)

// options configure one run.
type options struct {
	Dir          string
	Draft        string // -draft: assumed where a schema has no $schema
	Remotes      string // folder served as http://localhost:1234/
	SchemaStore  bool
	RequiredOnly bool // test suite: leave optional/ out
	// Mutations adds mutants of every valid instance (mutate.go), for the differential test.
	Mutations bool
	// FormatAssertion applies to SchemaStore schemas (the suite decides per folder).
	FormatAssertion bool
	// Regexp and Root are generate's -regexp and -root ("": their defaults).
	Regexp, Root string
	// Timeout bounds one instance's decode+validate.
	Timeout time.Duration
	// Log receives progress lines (nil: none).
	Log func(format string, args ...any)
}

// generated is what generation produced for one group.
type generated struct {
	Root   string // the Go type of the root schema, "" when none was generated
	NoRoot string // why there is no root type
	// Events: the root lists event schemas (an event bundle), whose Go form is Decode: an
	// instance is valid when Decode returns no error (an unknown event type is one).
	Events bool
	Err    error // generation failed
}

// run executes the whole pipeline and returns the groups with their outcomes.
func run(ctx context.Context, o options) ([]*group, error) {
	logf := o.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	var groups []*group
	var err error
	if o.SchemaStore {
		groups, err = readSchemaStore(o.Dir, o.FormatAssertion)
	} else {
		groups, err = readSuite(o.Dir, o.RequiredOnly)
	}
	if err != nil {
		return nil, err
	}
	if o.Mutations {
		addMutants(groups)
	}
	work, err := os.MkdirTemp("", "namigen-conformance-")
	if err != nil {
		return nil, err
	}
	if os.Getenv("CONFORMANCE_KEEP") == "" {
		defer os.RemoveAll(work)
	} else {
		logf("work folder kept: %s", work)
	}
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte(workGoMod()), 0o644); err != nil {
		return nil, err
	}

	start := time.Now()
	tr := &offlineTransport{remotes: o.Remotes}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	gens := make([]generated, len(groups))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, g := range groups {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			gens[i] = generateGroup(ctx, g, o, tr, client, work)
		}()
	}
	wg.Wait()
	nGen := 0
	for _, g := range gens {
		if g.Err == nil {
			nGen++
		}
	}
	logf("generated %d of %d schemas in %s", nGen, len(groups), time.Since(start).Round(time.Millisecond))

	// Build one program with every generated package; packages that do not compile are dropped
	// (their tests fail with the compiler's message) and the build is retried.
	start = time.Now()
	prog := filepath.Join(work, "conformance.bin")
	for attempt := 0; ; attempt++ {
		if err := writeMain(work, groups, gens); err != nil {
			return nil, err
		}
		// -trimpath makes the build cache work across temporary folders; -N -l (no optimisation)
		// cuts the cold compile of hundreds of small packages by a fifth.
		out, err := goCmd(ctx, work, "build", "-trimpath", "-gcflags=conformance/...=-N -l", "-o", prog, ".")
		if err == nil {
			break
		}
		bad := compileFailures(out)
		dropped := 0
		for id, msg := range bad {
			if id >= 0 && id < len(gens) && gens[id].Err == nil {
				gens[id].Err = fmt.Errorf("generated code does not compile:\n%s", msg)
				dropped++
			}
		}
		if dropped == 0 || attempt > 20 {
			return nil, fmt.Errorf("building the conformance program: %v\n%s", err, out)
		}
		logf("dropped %d package(s) that do not compile; rebuilding", dropped)
	}
	logf("built the program in %s", time.Since(start).Round(time.Millisecond))

	start = time.Now()
	if err := execute(ctx, prog, work, groups, gens, o.Timeout); err != nil {
		return nil, err
	}
	logf("ran the instances in %s", time.Since(start).Round(time.Millisecond))
	return groups, nil
}

// generateGroup generates package g<N> for one group into work/g<N>.
func generateGroup(ctx context.Context, g *group, o options, tr *offlineTransport, client *http.Client, work string) (res generated) {
	defer func() {
		if r := recover(); r != nil {
			res = generated{Err: fmt.Errorf("the generator panicked: %v", r)}
		}
	}()
	pkgName := "g" + strconv.Itoa(g.ID)
	input := g.SchemaPath
	if input == "" {
		if bytes.Contains(g.Schema, []byte(remoteHost)) {
			input = tr.serveGroup("/"+pkgName+"/root.json", g.Schema)
		} else {
			dir := filepath.Join(work, "schemas", pkgName)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return generated{Err: err}
			}
			input = filepath.Join(dir, "root.json")
			if err := os.WriteFile(input, g.Schema, 0o644); err != nil {
				return generated{Err: err}
			}
		}
	}
	cfg := generator.Config{
		Inputs:            []string{input},
		Package:           pkgName,
		DefaultDraft:      o.Draft,
		NoFormatAssertion: !g.FormatAssertion,
		HTTPClient:        client,
		Regexp:            o.Regexp,
		Root:              o.Root,
	}
	files, err := generator.Generate(ctx, cfg)
	if err != nil {
		return generated{Err: err}
	}
	root, why, evs := rootType(ctx, cfg)
	dir := filepath.Join(work, pkgName)
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return generated{Err: err}
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return generated{Err: err}
		}
	}
	return generated{Root: root, NoRoot: why, Events: evs}
}

// rootType finds the Go type generated for the input document's root schema: the named type
// whose location is the root's; events reports an event bundle whose root lists its events
// (checked with Decode). It repeats the load and model phases (Generate does not return the IR).
func rootType(ctx context.Context, cfg generator.Config) (root, why string, isEvents bool) {
	res, err := generator.Load(ctx, cfg)
	if err != nil {
		return "", "load: " + err.Error(), false
	}
	pkg, err := model.Build(res, model.Options{PackageName: cfg.Package, EventKey: cfg.EventKey, NoFormatAssertion: cfg.NoFormatAssertion})
	if err != nil {
		return "", "model: " + err.Error(), false
	}
	if len(res.Docs) == 0 {
		return "", "no document", false
	}
	doc := res.Docs[0]
	for _, e := range events.Entries(res, cfg.EventKey) {
		if e.Doc != doc || e.Pointer != "" || e.Schema == nil {
			continue
		}
		loc := res.Display(e.Schema.Location)
		for _, n := range pkg.Types {
			if n.Location == loc {
				return n.Name, "", false
			}
		}
		return "", "the root schema generated no Go type (it maps to any), so decode+validate checks nothing", false
	}
	for _, e := range res.IndexRoots {
		if e.Doc == doc && pkg.Events != nil {
			return "", "", true
		}
	}
	return "", "the root schema is no entry of the load (a document with only definitions), so no Go type checks it", false
}

// goCmd runs the go command offline in dir.
func goCmd(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	// GONOSUMDB: the one module outside the standard library that generated code may import
	// (regexp2, -regexp ecma) is taken from the module cache, where this program's own build
	// verified it against namigen's go.sum.
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off", "CGO_ENABLED=0", "GONOSUMDB="+regexp2Module)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

var (
	pkgHeader = regexp.MustCompile(`^# conformance/g(\d+)\s*$`)
	fileLine  = regexp.MustCompile(`^(?:\./)?g(\d+)/`)
)

// compileFailures maps package numbers to the compiler's messages about them.
func compileFailures(out string) map[int]string {
	bad := map[int]string{}
	cur := -1
	for _, line := range strings.Split(out, "\n") {
		if m := pkgHeader.FindStringSubmatch(line); m != nil {
			cur, _ = strconv.Atoi(m[1])
			continue
		}
		if strings.HasPrefix(line, "# ") {
			cur = -1
			continue
		}
		id := cur
		if m := fileLine.FindStringSubmatch(line); m != nil {
			id, _ = strconv.Atoi(m[1])
		}
		if id >= 0 && strings.TrimSpace(line) != "" {
			bad[id] += line + "\n"
		}
	}
	return bad
}

// writeMain writes the program: one check function per generated group.
func writeMain(work string, groups []*group, gens []generated) error {
	var imports, checks, trips strings.Builder
	for i, g := range groups {
		gen := gens[i]
		if gen.Err != nil {
			continue
		}
		pkg := "g" + strconv.Itoa(g.ID)
		if gen.Events {
			fmt.Fprintf(&imports, "\t%s \"conformance/%s\"\n", pkg, pkg)
			fmt.Fprintf(&checks, "\t%d: func(data []byte) error {\n\t\t_, err := %s.Decode(data)\n\t\treturn err\n\t},\n", g.ID, pkg)
			continue
		}
		if gen.Root == "" {
			// A blank import still compiles the package (its support code holds only what it
			// uses, so it may declare nothing to refer to).
			fmt.Fprintf(&imports, "\t_ \"conformance/%s\"\n", pkg)
			fmt.Fprintf(&checks, "\t%d: noType,\n", g.ID)
			continue
		}
		fmt.Fprintf(&imports, "\t%s \"conformance/%s\"\n", pkg, pkg)
		fmt.Fprintf(&checks, "\t%d: func(data []byte) error {\n\t\tvar v %s.%s\n\t\tif err := json.Unmarshal(data, &v); err != nil {\n\t\t\treturn err\n\t\t}\n\t\treturn v.Validate()\n\t},\n", g.ID, pkg, gen.Root)
		fmt.Fprintf(&trips, "\t%d: roundTrip[%s.%s],\n", g.ID, pkg, gen.Root)
	}
	src := strings.Replace(mainHead, "//IMPORTS\n", imports.String(), 1)
	src = strings.Replace(src, "//CHECKS\n", checks.String(), 1)
	src = strings.Replace(src, "//TRIPS\n", trips.String(), 1)
	src += roundTripSource // roundtrip.go
	return os.WriteFile(filepath.Join(work, "main.go"), []byte(src), 0o644)
}

const mainHead = `// Code generated by cmd/conformance. DO NOT EDIT.

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"strconv"
	"time"

//IMPORTS
)

func noType(data []byte) error {
	var v any
	return json.Unmarshal(data, &v)
}

var checks = map[int]func([]byte) error{
//CHECKS
}

// trips run the round trip of an accepted instance (roundTripSource).
var trips = map[int]func([]byte) string{
//TRIPS
}

type instance struct {
	Group int             ` + "`json:\"g\"`" + `
	Data  json.RawMessage ` + "`json:\"data\"`" + `
}

type result struct {
	I     int    ` + "`json:\"i\"`" + `
	OK    bool   ` + "`json:\"ok\"`" + `
	Err   string ` + "`json:\"err,omitempty\"`" + `
	Crash string ` + "`json:\"crash,omitempty\"`" + `
	RT    string ` + "`json:\"rt,omitempty\"`" + `
}

func check(f func([]byte) error, data []byte) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{Crash: fmt.Sprintf("panic: %v", r)}
		}
	}()
	if err := f(data); err != nil {
		return result{Err: err.Error()}
	}
	return result{OK: true}
}

func trip(f func([]byte) string, data []byte) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v", r)
		}
	}()
	return f(data)
}

// Usage: prog CASES.json FROM TIMEOUT. One JSON line per instance from FROM on; an instance
// that runs longer than TIMEOUT ends the program after its line.
func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	from, _ := strconv.Atoi(os.Args[2])
	timeout, _ := time.ParseDuration(os.Args[3])
	var in []instance
	if err := json.Unmarshal(raw, &in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	for i := from; i < len(in); i++ {
		f := checks[in[i].Group]
		if f == nil {
			continue
		}
		done := make(chan result, 1)
		go func() {
			r := check(f, in[i].Data)
			if t := trips[in[i].Group]; r.OK && t != nil {
				r.RT = trip(t, in[i].Data)
			}
			done <- r
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(timeout):
			r = result{Crash: "timed out after " + timeout.String()}
			r.I = i
			enc.Encode(r)
			w.Flush()
			os.Exit(3)
		}
		r.I = i
		enc.Encode(r)
		w.Flush()
	}
}
`

// execute runs the program over every instance, restarting it after a crash (a stack
// overflow or a timeout ends a Go program).
func execute(ctx context.Context, prog, work string, groups []*group, gens []generated, timeout time.Duration) error {
	type inst struct {
		Group int             `json:"g"`
		Data  json.RawMessage `json:"data"`
	}
	var ins []inst
	var tcs []*testCase
	for i, g := range groups {
		for _, tc := range g.Tests {
			switch {
			case tc.Skip != "":
				continue
			case gens[i].Err != nil:
				tc.Ran = true
				tc.Got = false
				tc.Message = "generation failed: " + gens[i].Err.Error()
				continue
			}
			tc.Note = gens[i].NoRoot
			ins = append(ins, inst{Group: g.ID, Data: tc.Data})
			tcs = append(tcs, tc)
		}
	}
	casesPath := filepath.Join(work, "cases.json")
	data, err := json.Marshal(ins)
	if err != nil {
		return err
	}
	if err := os.WriteFile(casesPath, data, 0o644); err != nil {
		return err
	}
	next := 0
	for next < len(ins) {
		cmd := exec.CommandContext(ctx, prog, casesPath, strconv.Itoa(next), timeout.String())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var r struct {
				I     int    `json:"i"`
				OK    bool   `json:"ok"`
				Err   string `json:"err"`
				Crash string `json:"crash"`
				RT    string `json:"rt"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.I < next || r.I >= len(ins) {
				continue
			}
			tc := tcs[r.I]
			tc.Ran, tc.Got = true, r.OK
			tc.Message = r.Err
			tc.RoundTrip = r.RT
			if r.Crash != "" {
				tc.Got = false
				tc.Message = r.Crash
			}
			next = r.I + 1
		}
		werr := cmd.Wait()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if next < len(ins) {
			// The instance after the last reported one crashed the program.
			tc := tcs[next]
			tc.Ran, tc.Got = true, false
			msg := strings.TrimSpace(stderr.String())
			if len(msg) > 2000 {
				msg = msg[:2000] + "..."
			}
			var ee *exec.ExitError
			if werr != nil && !errors.As(werr, &ee) {
				return werr
			}
			tc.Message = "the program crashed: " + firstLines(msg, 3)
			next++
		}
	}
	return nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

// passed reports whether a test met its expectation.
func (tc *testCase) passed() bool { return tc.Skip == "" && tc.Ran && tc.Got == tc.Valid }
