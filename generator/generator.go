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
}

// Generate runs load, model and emit, and returns the generated files (paths relative to the
// output folder).
func Generate(ctx context.Context, cfg Config) ([]write.File, error) {
	if !token.IsIdentifier(cfg.Package) {
		return nil, fmt.Errorf("package name %q is not a Go identifier", cfg.Package)
	}
	res, err := Load(ctx, cfg)
	if err != nil {
		return nil, err
	}
	pkg, err := model.Build(res, model.Options{PackageName: cfg.Package, EventKey: cfg.EventKey, NoFormatAssertion: cfg.NoFormatAssertion})
	if err != nil {
		return nil, err
	}
	return emit.Emit(pkg)
}

// Load runs only the load phase (used by the diff and fetch commands as well).
func Load(ctx context.Context, cfg Config) (*load.Result, error) {
	opts := load.Options{DefaultDraft: cfg.DefaultDraft, HTTPClient: cfg.HTTPClient, Root: load.Root(cfg.Root), Regexp: load.Regexp(cfg.Regexp),
		FetchRefs: cfg.FetchRefs, RefDirs: cfg.RefDirs}
	if len(cfg.Inputs) == 0 {
		opts.FS, opts.FSRoot = schemas.Nami, schemas.NamiRoot
	}
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
