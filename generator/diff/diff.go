// Package diff compares two versions of a set of JSON Schemas and says whom the changes break.
//
// A webhook consumer upgrades after the sender does, so its code generated from OLD reads
// payloads written against NEW. Each change is classified in one of two categories:
//
//   - wire: can a payload valid under NEW be rejected or misread by code generated from OLD?
//     Changes are found by walking the two compiled schema graphs in parallel, per event type
//     (matched through the discriminator const) and per definition, and reported with the JSON
//     Pointer of the place that changed. A wire change is breaking only with evidence: a small
//     payload that NEW accepts and OLD rejects, both checked with santhosh-tekuri/jsonschema
//     (formats asserted, as generated code does). When the payload that exercises the change is
//     accepted by OLD too (a value added to an open enum), the change is info; when no payload
//     can be built, the report says so.
//   - go-api: does code compiled against the package generated from OLD compile against the
//     package generated from NEW? Both packages are generated, their exported API is extracted
//     with go/parser, and removed or changed identifiers are breaking.
//
// Rules holds the classification of every change kind; RulesMarkdown prints it as the table
// of the README.
package diff

import (
	"context"
	"fmt"
	"net/http"

	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
)

// LoadFunc loads the schemas of one input (a file, folder or URL).
type LoadFunc func(ctx context.Context, input string) (*load.Result, error)

// GenerateFunc generates the Go package of one side from its load result (so that an input is
// read and compiled once), in memory, and returns the IR the files were emitted from (nil when
// unknown: the go-api changes are then not placed in the schemas).
type GenerateFunc func(ctx context.Context, res *load.Result) (*model.Package, []write.File, error)

// Options configure Run.
type Options struct {
	// EventKey is the discriminator property of an event bundle (default "event_type").
	EventKey string
	// DefaultDraft applies to schemas without $schema (default "2020-12").
	DefaultDraft string
	// HTTPClient is used for URL inputs by the default loader.
	HTTPClient *http.Client
	// GitDir is where git runs for git:REV:PATH inputs (default: the current folder).
	GitDir string
	// Load loads one input (default: load.Load with DefaultDraft and HTTPClient). A result
	// compiled with load.Options.AssertFormat is compared as it is; another is compiled again.
	Load LoadFunc
	// Generate generates one input's Go package for the go-api comparison; nil skips it (the
	// report says so in its notes).
	Generate GenerateFunc
}

func (o *Options) defaults() {
	if o.EventKey == "" {
		o.EventKey = "event_type"
	}
	if o.DefaultDraft == "" {
		o.DefaultDraft = "2020-12"
	}
	if o.Load == nil {
		draft, client := o.DefaultDraft, o.HTTPClient
		o.Load = func(ctx context.Context, input string) (*load.Result, error) {
			return load.Load(ctx, []string{input}, load.Options{DefaultDraft: draft, HTTPClient: client, AssertFormat: true})
		}
	}
}

// Run reads OLD and NEW (file, folder, URL or git:REV:PATH), compares them and returns the
// report. Problems with the inputs are *InputError.
func Run(ctx context.Context, oldSpec, newSpec string, opts Options) (*Report, error) {
	opts.defaults()
	var srcs [2]*source
	for i, spec := range []string{oldSpec, newSpec} {
		s, err := resolve(ctx, spec, opts.GitDir)
		if err != nil {
			for _, prev := range srcs[:i] {
				prev.cleanup()
			}
			return nil, err
		}
		srcs[i] = s
	}
	defer srcs[0].cleanup()
	defer srcs[1].cleanup()
	var results [2]*load.Result
	for i, s := range srcs {
		res, err := opts.Load(ctx, s.input)
		if err != nil {
			return nil, &InputError{Input: s.spec, Err: err}
		}
		results[i] = res
	}
	d, err := compare(results[0], results[1], opts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Changes: d.changes, allEvents: d.allEvents(), oldEvents: sortedKeys(d.old.events), newEvents: sortedKeys(d.new.events)}
	rep.Old, rep.New = oldSpec, newSpec
	if opts.Generate == nil {
		rep.Notes = append(rep.Notes, "the Go API was not compared (no generator)")
		rep.finish()
		return rep, nil
	}
	var files [2][]write.File
	var pkgs [2]*model.Package
	for i, s := range srcs {
		pkg, f, err := opts.Generate(ctx, results[i])
		if err != nil {
			return nil, &InputError{Input: s.spec, Err: fmt.Errorf("generating the Go package: %w", err)}
		}
		pkgs[i], files[i] = pkg, f
	}
	oapi, err := ExtractAPI(files[0])
	if err != nil {
		return nil, &InputError{Input: oldSpec, Err: err}
	}
	napi, err := ExtractAPI(files[1])
	if err != nil {
		return nil, &InputError{Input: newSpec, Err: err}
	}
	locate := newGoLocator(d, pkgs[0], pkgs[1])
	rep.Changes = append(rep.Changes, compareAPI(oapi, napi, locate)...)
	rep.finish()
	return rep, nil
}

// Compare diffs two loaded schema sets at the schema level (category wire).
func Compare(oldRes, newRes *load.Result, opts Options) (*Report, error) {
	d, err := compare(oldRes, newRes, opts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Changes: d.changes, allEvents: d.allEvents(), oldEvents: sortedKeys(d.old.events), newEvents: sortedKeys(d.new.events)}
	rep.finish()
	return rep, nil
}

func compare(oldRes, newRes *load.Result, opts Options) (*differ, error) {
	opts.defaults()
	os, err := compileSide("OLD", oldRes, opts.EventKey, opts.DefaultDraft)
	if err != nil {
		return nil, &InputError{Input: "OLD", Err: err}
	}
	ns, err := compileSide("NEW", newRes, opts.EventKey, opts.DefaultDraft)
	if err != nil {
		return nil, &InputError{Input: "NEW", Err: err}
	}
	d := newDiffer(os, ns)
	d.walk()
	for _, c := range d.changes {
		r := RuleFor(c.Kind)
		if c.Severity == "" {
			c.Severity = r.Severity
			c.witness = r.Witnessed
		}
		if c.Category == "" {
			c.Category = r.Category
		}
		if c.Instance == "" && len(c.nodes) > 0 {
			c.Instance = instancePath(c.nodes[0])
			if c.prop != "" {
				c.Instance += "/" + escapeToken(c.prop)
			}
		}
	}
	d.witnesses()
	return d, nil
}

// goLocator maps Go type names of the generated packages to schema places and event types.
type goLocator struct {
	types map[string]goPlace // Go type name → place (NEW first, OLD for removed ones)
}

type goPlace struct {
	document, path string
	events         []string             // event types reaching it in NEW (or in OLD when NEW lacks it)
	oldEvents      []string             // in OLD
	props          map[string][2]string // JSON property → document and pointer of its declaration
}

// newGoLocator places the named types of the packages generated from each side.
func newGoLocator(d *differ, oldPkg, newPkg *model.Package) *goLocator {
	gl := &goLocator{types: map[string]goPlace{}}
	for _, sp := range []struct {
		sd  *side
		pkg *model.Package
	}{{d.new, newPkg}, {d.old, oldPkg}} {
		sd, pkg := sp.sd, sp.pkg
		if pkg == nil {
			continue
		}
		sd.reach()
		for _, n := range pkg.Types {
			sch := sd.byDisplay[n.Location]
			if sch == nil {
				continue
			}
			pl, seen := gl.types[n.Name]
			if !seen {
				doc, p := sd.ptr(sch.Location)
				pl = goPlace{document: doc, path: p, events: sortedKeys(sd.reachMemo[sch.Location]), props: map[string][2]string{}}
			}
			if sd == d.old {
				pl.oldEvents = sortedKeys(sd.reachMemo[sch.Location])
			}
			// Properties of both sides: a removed field is placed where its property was.
			for _, cj := range conjuncts(sch) {
				for k, ps := range cj.Properties {
					if _, dup := pl.props[k]; !dup {
						doc, pp := sd.ptr(ps.Location)
						pl.props[k] = [2]string{doc, pp}
					}
				}
			}
			gl.types[n.Name] = pl
		}
	}
	return gl
}

func (d *differ) allEvents() []string {
	m := map[string]bool{}
	for et := range d.old.events {
		m[et] = true
	}
	for et := range d.new.events {
		m[et] = true
	}
	return sortedKeys(m)
}
