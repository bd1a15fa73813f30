// Package generator runs namigen's phases: load → model (IR) → emit, and returns the files of
// one Go package. Writing them is the caller's business (see generator/write), so tests run in
// memory.
//
//	files, err := generator.Generate(ctx, generator.Config{Inputs: []string{"schemas/nami"}, Package: "namievents"})
package generator

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"net/http"

	"github.com/namigen/namigen/generator/emit"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
	"github.com/namigen/namigen/schemas"
)

// Config is everything a generation depends on.
type Config struct {
	// Inputs are files, folders, globs or URLs; empty means the embedded Nami snapshot.
	Inputs []string
	// Package is the Go package name (required).
	Package string
	// DefaultDraft applies to schemas without $schema (default "2020-12").
	DefaultDraft string
	// EventKey is the discriminator property of an event bundle (default "event_type").
	EventKey string
	// NoFormatAssertion makes "format" an annotation only.
	NoFormatAssertion bool
	// HTTPClient is used for URL inputs (default: a client with a 60 s timeout).
	HTTPClient *http.Client
	// NoWebhook leaves out webhook.go, the http.Handler written for an event bundle.
	NoWebhook bool
	// SignatureHeader names the signature header in webhook.go (default "Nami-Signature").
	SignatureHeader string
	// Warn, when set, receives each generation warning (a schema no value can satisfy, ...),
	// in a stable order. Warnings do not stop generation.
	Warn func(msg string)
	// CompileAssertsFormat compiles the schemas with "format" asserted (load.Options.AssertFormat),
	// for callers that validate instances with the load result (namigen diff). The generated
	// code does not depend on it.
	CompileAssertsFormat bool
	// Runtime is where the support code comes from: "embed" (the default: the package carries
	// what it uses and needs only the standard library) or "import" (Nullable, Violation and
	// ValidationError are those of github.com/namigen/namigen/runtime, shared between packages).
	Runtime string
	// Root says how the top level of an input document is read: "auto" (default), "schema" or
	// "bundle" (see load.Root).
	Root string
	// Regexp is the dialect of patterns Go's regexp cannot compile: "re2" (default: they are
	// an error) or "ecma" (compiled with github.com/dlclark/regexp2; see load.Regexp).
	Regexp string
	// FetchRefs resolves remote $refs over HTTP(S) with the fetch client's policy; RefDirs are
	// folders (snapshots of `namigen fetch`) they are read from first (see load.Options).
	FetchRefs bool
	RefDirs   []string
	// Notify, when set, receives remarks that are not errors (how an ambiguous input was read).
	Notify func(msg string)
	// Phase, when set, is called as each phase starts, with its name: PhaseLoad, PhaseModel,
	// PhaseEmit (cmd/namigen tunes the garbage collector by phase).
	Phase func(name string)
}

// Phase names passed to Config.Phase. The load result is alive from PhaseLoad to PhaseEmit,
// where it becomes garbage; the IR is alive from PhaseModel to the end.
const (
	PhaseLoad  = "load"
	PhaseModel = "model"
	PhaseEmit  = "emit"
)

// phase calls cfg.Phase, when set.
func (cfg Config) phase(name string) {
	if cfg.Phase != nil {
		cfg.Phase(name)
	}
}

// Generate runs load, model and emit, and returns the generated files (paths relative to the
// output folder).
func Generate(ctx context.Context, cfg Config) ([]write.File, error) {
	if !token.IsIdentifier(cfg.Package) {
		return nil, fmt.Errorf("package name %q is not a Go identifier", cfg.Package)
	}
	if _, err := RuntimeMode(cfg.Runtime); err != nil {
		return nil, err
	}
	res, err := Load(ctx, cfg)
	if err != nil {
		return nil, err
	}
	_, files, err := GenerateLoaded(res, cfg)
	return files, err
}

// GenerateLoaded runs model and emit on a load result (cfg.Inputs and cfg.HTTPClient are not
// used) and returns the IR with the files, for callers that load once and use both (diff).
func GenerateLoaded(res *load.Result, cfg Config) (*model.Package, []write.File, error) {
	if !token.IsIdentifier(cfg.Package) {
		return nil, nil, fmt.Errorf("package name %q is not a Go identifier", cfg.Package)
	}
	rt, err := RuntimeMode(cfg.Runtime)
	if err != nil {
		return nil, nil, err
	}
	cfg.phase(PhaseModel)
	pkg, err := model.Build(res, model.Options{PackageName: cfg.Package, EventKey: cfg.EventKey, NoFormatAssertion: cfg.NoFormatAssertion})
	if err != nil {
		return nil, nil, err
	}
	if cfg.Warn != nil {
		for _, w := range pkg.Warnings {
			cfg.Warn(w)
		}
	}
	cfg.phase(PhaseEmit)
	files, err := emit.EmitWith(pkg, emit.Options{NoWebhook: cfg.NoWebhook, SignatureHeader: cfg.SignatureHeader, Runtime: rt})
	if err != nil {
		return nil, nil, err
	}
	return pkg, files, nil
}

// RuntimeMode parses a Config.Runtime value: "" or "embed", or "import".
func RuntimeMode(s string) (emit.Runtime, error) {
	switch s {
	case "", "embed":
		return emit.RuntimeEmbed, nil
	case "import":
		return emit.RuntimeImport, nil
	}
	return 0, fmt.Errorf("unknown runtime mode %q (want embed or import)", s)
}

// Load runs only the load phase (used by the diff and fetch commands as well).
func Load(ctx context.Context, cfg Config) (*load.Result, error) {
	opts := load.Options{DefaultDraft: cfg.DefaultDraft, HTTPClient: cfg.HTTPClient, AssertFormat: cfg.CompileAssertsFormat,
		Root: load.Root(cfg.Root), Regexp: load.Regexp(cfg.Regexp), FetchRefs: cfg.FetchRefs, RefDirs: cfg.RefDirs}
	if len(cfg.Inputs) == 0 {
		opts.FS, opts.FSRoot = schemas.Nami, schemas.NamiRoot
	}
	cfg.phase(PhaseLoad)
	res, err := load.Load(ctx, cfg.Inputs, opts)
	if err != nil {
		var le *load.Error
		if errors.As(err, &le) {
			return nil, le
		}
		return nil, err
	}
	if cfg.Notify != nil {
		for _, n := range res.Notes {
			cfg.Notify(n)
		}
	}
	return res, nil
}
