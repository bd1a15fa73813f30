package diff

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/namigen/namigen/generator/events"
	"github.com/namigen/namigen/generator/load"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

type schema = jsonschema.Schema

// side is one version (OLD or NEW) of the schemas, compiled with format assertion so that
// validation behaves like generated code (which checks formats).
type side struct {
	name     string // "OLD" or "NEW"
	res      *load.Result
	events   map[string]*schema // event type → payload schema
	eventDef map[string]string  // event type → definition name
	defs     map[string]*schema // definition name → schema
	dispatch *schema            // anyOf over the events: what OLD code accepts as an event
	isEvent  map[*schema]bool

	reachMemo map[string]map[string]bool
	byDisplay map[string]*schema // by "document#pointer", the form of model.Named.Location
}

// subschemas lists the schemas directly below s.
func subschemas(s *schema) []*schema {
	var out []*schema
	add := func(xs ...*schema) {
		for _, x := range xs {
			if x != nil {
				out = append(out, x)
			}
		}
	}
	add(s.Ref, s.RecursiveRef, s.Not, s.If, s.Then, s.Else, s.PropertyNames, s.UnevaluatedProperties, s.Contains, s.Items2020, s.UnevaluatedItems, s.ContentSchema)
	if s.DynamicRef != nil {
		add(s.DynamicRef.Ref)
	}
	add(s.AllOf...)
	add(s.AnyOf...)
	add(s.OneOf...)
	add(s.PrefixItems...)
	for _, k := range sortedKeys(s.Properties) {
		add(s.Properties[k])
	}
	for _, p := range s.PatternProperties {
		add(p)
	}
	for _, p := range s.DependentSchemas {
		add(p)
	}
	if a, ok := s.AdditionalProperties.(*schema); ok {
		add(a)
	}
	switch v := s.Items.(type) {
	case *schema:
		add(v)
	case []*schema:
		add(v...)
	}
	if a, ok := s.AdditionalItems.(*schema); ok {
		add(a)
	}
	return out
}

// reach maps every schema location to the event types whose payload schema reaches it.
func (s *side) reach() map[string]map[string]bool {
	if s.reachMemo != nil {
		return s.reachMemo
	}
	s.reachMemo = map[string]map[string]bool{}
	s.byDisplay = map[string]*schema{}
	for _, et := range sortedKeys(s.events) {
		seen := map[*schema]bool{}
		var walk func(*schema)
		walk = func(x *schema) {
			if seen[x] {
				return
			}
			seen[x] = true
			if s.reachMemo[x.Location] == nil {
				s.reachMemo[x.Location] = map[string]bool{}
			}
			s.reachMemo[x.Location][et] = true
			for _, c := range subschemas(x) {
				walk(c)
			}
		}
		walk(s.events[et])
	}
	for _, d := range s.defs {
		seen := map[*schema]bool{}
		var walk func(*schema)
		walk = func(x *schema) {
			if seen[x] {
				return
			}
			seen[x] = true
			if key := s.res.Display(x.Location); s.byDisplay[key] == nil {
				s.byDisplay[key] = x
			}
			for _, c := range subschemas(x) {
				walk(c)
			}
		}
		walk(d)
	}
	return s.reachMemo
}

// compileSide compiles the entries of one side with formats asserted, and finds its
// definitions and event types.
//
// A load compiled with format assertion (load.Options.AssertFormat, which Run's loads ask for)
// is used as it is; otherwise the side's documents are compiled again with formats asserted.
func compileSide(name string, res *load.Result, eventKey, draft string) (*side, error) {
	var c compiler = res
	if !res.AssertsFormat() {
		var err error
		if c, err = sideCompiler(res, draft); err != nil {
			return nil, err
		}
	}
	s := &side{name: name, res: res, events: map[string]*schema{}, eventDef: map[string]string{}, defs: map[string]*schema{}, isEvent: map[*schema]bool{}}
	compiled, err := s.compileDefinitions(c, eventKey)
	if err != nil {
		return nil, err
	}
	refs := s.findEvents(compiled, eventKey)
	if len(refs) > 0 {
		if s.dispatch, err = compileDispatch(c, name, eventKey, refs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// compiler compiles schema locations: a load result (its compiler) or a compiler of its own.
type compiler interface {
	AddResource(url string, doc any) error
	Compile(loc string) (*schema, error)
}

// sideCompiler is a compiler that asserts formats and knows exactly the documents of the load.
func sideCompiler(res *load.Result, draft string) (*jsonschema.Compiler, error) {
	if draft == "" {
		draft = "2020-12"
	}
	d, ok := load.Drafts[draft]
	if !ok {
		return nil, fmt.Errorf("unknown draft %q", draft)
	}
	byURL := map[string]any{}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(d)
	c.AssertFormat()
	for _, r := range res.Resources() {
		byURL[r.URL] = r.Value
		if err := c.AddResource(r.URL, r.Value); err != nil {
			return nil, fmt.Errorf("%s: %v", res.Display(r.URL+"#"), err)
		}
	}
	c.UseLoader(loaderFunc(func(u string) (any, error) {
		if v, ok := byURL[u]; ok {
			return v, nil
		}
		return nil, fmt.Errorf("%s was not part of the load", u)
	}))
	return c, nil
}

// compileDefinitions compiles every entry into s.defs, keyed by its name (RootName for a lone
// root schema, the document added on a clash).
func (s *side) compileDefinitions(c compiler, eventKey string) (map[*load.Entry]*schema, error) {
	compiled := map[*load.Entry]*schema{}
	entries := events.Entries(s.res, eventKey) // the types the model declares
	roots := 0
	for _, e := range entries {
		if e.Pointer == "" {
			roots++
		}
	}
	for _, e := range entries {
		sch, err := c.Compile(e.Location)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", s.res.Display(e.Location), err)
		}
		compiled[e] = sch
		key := e.Name
		if e.Pointer == "" && roots == 1 {
			// A lone root schema is the same definition whatever its file is called.
			key = RootName
		}
		if _, dup := s.defs[key]; dup {
			key = e.Name + " (" + e.Doc.Display + ")"
		}
		s.defs[key] = sch
	}
	return compiled, nil
}

// findEvents records the event types of the side (events.Find: the bundle's index, else every
// entry), the first of each type. It returns a $ref to each, for the dispatch schema.
func (s *side) findEvents(compiled map[*load.Entry]*schema, eventKey string) []any {
	var refs []any
	for _, ev := range events.Find(s.res, eventKey) {
		sch := compiled[ev.Entry]
		if sch == nil {
			continue
		}
		if _, dup := s.events[ev.Type]; dup {
			continue
		}
		s.events[ev.Type] = sch
		s.eventDef[ev.Type] = ev.Entry.Name
		s.isEvent[sch] = true
		refs = append(refs, map[string]any{"$ref": ev.Entry.Location})
	}
	return refs
}

// compileDispatch compiles the schema that accepts a payload of any of the side's event types.
func compileDispatch(c compiler, name, eventKey string, refs []any) (*schema, error) {
	u := "urn:namigen:diff:dispatch:" + strings.ToLower(name) + ":" + url.PathEscape(eventKey)
	doc := map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "anyOf": refs}
	if err := c.AddResource(u, doc); err != nil {
		// A load result compared before with the same key already has it (the same refs).
		if sch, cerr := c.Compile(u); cerr == nil {
			return sch, nil
		}
		return nil, err
	}
	return c.Compile(u)
}

// RootName names the root schema of a single-document input (whose entry would otherwise be
// named after its file, which differs between OLD and NEW).
const RootName = "(root)"

type loaderFunc func(string) (any, error)

func (f loaderFunc) Load(u string) (any, error) { return f(u) }

// ptr returns the document display name and the JSON Pointer of a schema location.
func (s *side) ptr(loc string) (string, string) {
	if d, p, ok := s.res.Locate(loc); ok {
		return d.Display, p
	}
	return "", loc
}

func (s *side) raw(sch *schema) map[string]any { return s.res.Raw(sch.Location) }
