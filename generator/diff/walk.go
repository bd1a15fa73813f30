package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/load"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

type schema = jsonschema.Schema

// side is one version (OLD or NEW) of the schemas, compiled again with format assertion so
// that validation behaves like generated code (which checks formats).
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

func compileSide(name string, res *load.Result, eventKey, draft string) (*side, error) {
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
	if res.ECMARegexp {
		c.UseRegexpEngine(load.ECMARegexpEngine)
	}
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
	s := &side{name: name, res: res, events: map[string]*schema{}, eventDef: map[string]string{}, defs: map[string]*schema{}, isEvent: map[*schema]bool{}}
	compiled := map[*load.Entry]*schema{}
	roots := 0
	for _, e := range res.Entries {
		if e.Pointer == "" {
			roots++
		}
	}
	for _, e := range res.Entries {
		sch, err := c.Compile(e.Location)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", res.Display(e.Location), err)
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
	cands := res.Index
	if len(cands) == 0 {
		cands = res.Entries
	}
	var refs []any
	for _, e := range cands {
		sch := compiled[e]
		if sch == nil {
			continue
		}
		v, ok := eventConst(sch, eventKey, 0)
		if !ok {
			continue
		}
		if _, dup := s.events[v]; dup {
			continue
		}
		s.events[v] = sch
		s.eventDef[v] = e.Name
		s.isEvent[sch] = true
		refs = append(refs, map[string]any{"$ref": e.Location})
	}
	if len(refs) > 0 {
		u := "urn:namigen:diff:dispatch:" + strings.ToLower(name)
		doc := map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "anyOf": refs}
		if err := c.AddResource(u, doc); err != nil {
			return nil, err
		}
		sch, err := c.Compile(u)
		if err != nil {
			return nil, err
		}
		s.dispatch = sch
	}
	return s, nil
}

// RootName names the root schema of a single-document input (whose entry would otherwise be
// named after its file, which differs between OLD and NEW).
const RootName = "(root)"

type loaderFunc func(string) (any, error)

func (f loaderFunc) Load(u string) (any, error) { return f(u) }

// eventConst finds the const string of the discriminator property of an event schema, through
// $ref and allOf.
func eventConst(s *schema, key string, depth int) (string, bool) {
	if s == nil || depth > 8 {
		return "", false
	}
	if p := s.Properties[key]; p != nil && p.Const != nil {
		if v, ok := (*p.Const).(string); ok {
			return v, true
		}
	}
	if v, ok := eventConst(s.Ref, key, depth+1); ok {
		return v, true
	}
	for _, a := range s.AllOf {
		if v, ok := eventConst(a, key, depth+1); ok {
			return v, true
		}
	}
	return "", false
}

// ptr returns the document display name and the JSON Pointer of a schema location.
func (s *side) ptr(loc string) (string, string) {
	if d, p, ok := s.res.Locate(loc); ok {
		return d.Display, p
	}
	return "", loc
}

func (s *side) raw(sch *schema) map[string]any { return s.res.Raw(sch.Location) }

// stepKind says how an instance moves from a schema to a subschema's value.
type stepKind int

const (
	stepSame    stepKind = iota // $ref, allOf: the same value
	stepBranch                  // anyOf/oneOf branch: the same value, which must match the branch
	stepProp                    // the value of property name
	stepItem                    // item number index
	stepAddl                    // the value of an undeclared key
	stepPattern                 // the value of a key matching a pattern
)

type step struct {
	kind  stepKind
	name  string
	index int
}

type pairEdge struct {
	to   *pairNode
	step step
}

// pairNode is one pair of schemas (OLD, NEW) that the walk compared.
type pairNode struct {
	o, n    *schema
	changes []*Change
	edges   []pairEdge
	events  map[string]bool
	// The first path found from a root, for witnesses.
	root *rootPair
	from *pairNode
	via  step
}

type rootPair struct {
	event string // event type, or "" for a definition
	def   string
	node  *pairNode
}

type differ struct {
	old, new *side
	nodes    map[[2]*schema]*pairNode
	changes  []*Change
	roots    []*rootPair
	rootOf   map[*pairNode]*rootPair // definition and event roots by node
	// budget bounds the validations of the witness search.
	gen *generator
}

func newDiffer(o, n *side) *differ {
	return &differ{old: o, new: n, nodes: map[[2]*schema]*pairNode{}, gen: &generator{}, rootOf: map[*pairNode]*rootPair{}}
}

// walk compares events and definitions and returns every change found, merged by place.
func (d *differ) walk() {
	for _, et := range sortedKeys(d.new.events) {
		ns := d.new.events[et]
		os, ok := d.old.events[et]
		if !ok {
			doc, p := d.new.ptr(ns.Location)
			c := &Change{Kind: EventTypeAdded, Path: p, Document: doc, New: et, EventTypes: []string{et},
				Message: fmt.Sprintf("event type %q added (%s)", et, d.new.eventDef[et]), witness: true}
			c.value, c.hasValue = et, true
			d.changes = append(d.changes, c)
			continue
		}
		d.roots = append(d.roots, &rootPair{event: et, def: d.new.eventDef[et], node: d.visit(os, ns)})
	}
	for _, et := range sortedKeys(d.old.events) {
		if _, ok := d.new.events[et]; !ok {
			doc, p := d.old.ptr(d.old.events[et].Location)
			d.changes = append(d.changes, &Change{Kind: EventTypeRemoved, Path: p, Document: doc, Old: et, EventTypes: []string{et},
				Message: fmt.Sprintf("event type %q removed (%s)", et, d.old.eventDef[et])})
		}
	}
	for _, name := range sortedKeys(d.new.defs) {
		ns := d.new.defs[name]
		os, ok := d.old.defs[name]
		if !ok {
			if !d.new.isEvent[ns] {
				doc, p := d.new.ptr(ns.Location)
				d.changes = append(d.changes, &Change{Kind: DefinitionAdded, Path: p, Document: doc, New: name, Message: fmt.Sprintf("definition %s added", name)})
			}
			continue
		}
		d.roots = append(d.roots, &rootPair{def: name, node: d.visit(os, ns)})
	}
	for _, name := range sortedKeys(d.old.defs) {
		os := d.old.defs[name]
		if _, ok := d.new.defs[name]; !ok && !d.old.isEvent[os] {
			doc, p := d.old.ptr(os.Location)
			d.changes = append(d.changes, &Change{Kind: DefinitionRemoved, Path: p, Document: doc, Old: name, Message: fmt.Sprintf("definition %s removed", name)})
		}
	}
	// Event types reach nodes; each node remembers the first path from a root (events first).
	for _, r := range d.roots {
		if d.rootOf[r.node] == nil {
			d.rootOf[r.node] = r
		}
	}
	for _, r := range d.roots {
		seen := map[*pairNode]bool{r.node: true}
		queue := []*pairNode{r.node}
		if r.node.root == nil {
			r.node.root = r
		}
		for len(queue) > 0 {
			nd := queue[0]
			queue = queue[1:]
			if r.event != "" {
				if nd.events == nil {
					nd.events = map[string]bool{}
				}
				nd.events[r.event] = true
			}
			for _, e := range nd.edges {
				if seen[e.to] {
					continue
				}
				seen[e.to] = true
				if e.to.root == nil {
					e.to.root, e.to.from, e.to.via = r, nd, e.step
				}
				queue = append(queue, e.to)
			}
		}
	}
	// Collect node changes in a deterministic order and merge duplicates.
	var nodes []*pairNode
	for _, nd := range d.nodes {
		nodes = append(nodes, nd)
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.n.Location != b.n.Location {
			return a.n.Location < b.n.Location
		}
		return a.o.Location < b.o.Location
	})
	merged := map[string]*Change{}
	for _, nd := range nodes {
		for _, c := range nd.changes {
			k := string(c.Kind) + "\x00" + c.Document + "\x00" + c.Path + "\x00" + canon(c.Old) + "\x00" + canon(c.New)
			m, ok := merged[k]
			if !ok {
				merged[k] = c
				c.nodes = []*pairNode{nd}
				d.changes = append(d.changes, c)
				m = c
			} else {
				m.nodes = append(m.nodes, nd)
			}
			for et := range nd.events {
				if !contains(m.EventTypes, et) {
					m.EventTypes = append(m.EventTypes, et)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// canon is the canonical JSON text of a value (object keys sorted), or "" for nil.
func canon(v any) string {
	if v == nil {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(b.String())
}

// onlyRef reports whether s is a $ref with nothing else that asserts.
func onlyRef(s *schema) bool {
	return s.Ref != nil && !hasAssertions(s)
}

func hasAssertions(s *schema) bool {
	return s.Bool != nil || s.Types != nil || s.Enum != nil || s.Const != nil || s.Not != nil ||
		len(s.AllOf) > 0 || len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.If != nil || s.Format != nil ||
		s.MaxProperties != nil || s.MinProperties != nil || len(s.Required) > 0 || s.PropertyNames != nil ||
		len(s.Properties) > 0 || len(s.PatternProperties) > 0 || s.AdditionalProperties != nil ||
		len(s.Dependencies) > 0 || len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 ||
		s.UnevaluatedProperties != nil || s.MinItems != nil || s.MaxItems != nil || s.UniqueItems ||
		s.Contains != nil || s.Items != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 ||
		s.Items2020 != nil || s.UnevaluatedItems != nil || s.MinLength != nil || s.MaxLength != nil ||
		s.Pattern != nil || s.Maximum != nil || s.Minimum != nil || s.ExclusiveMaximum != nil ||
		s.ExclusiveMinimum != nil || s.MultipleOf != nil || s.DynamicRef != nil || s.RecursiveRef != nil
}

// visit returns the node of a pair, comparing it the first time.
func (d *differ) visit(o, n *schema) *pairNode {
	k := [2]*schema{o, n}
	if nd, ok := d.nodes[k]; ok {
		return nd
	}
	nd := &pairNode{o: o, n: n}
	d.nodes[k] = nd
	d.compare(nd)
	return nd
}

func (d *differ) edge(nd *pairNode, o, n *schema, st step) {
	if o == nil || n == nil {
		return
	}
	to := d.visit(o, n)
	nd.edges = append(nd.edges, pairEdge{to: to, step: st})
}

// add records a change at a node. Paths are in NEW's document unless fromOld.
func (d *differ) add(nd *pairNode, kind Kind, fromOld bool, suffix string, old, new any, msg string) *Change {
	sd, sch := d.new, nd.n
	if fromOld {
		sd, sch = d.old, nd.o
	}
	doc, p := sd.ptr(sch.Location)
	r := RuleFor(kind)
	c := &Change{Kind: kind, Severity: r.Severity, Category: r.Category, Path: p + suffix, Document: doc, Old: old, New: new, Message: msg}
	c.witness = r.Witnessed
	nd.changes = append(nd.changes, c)
	return c
}

func (d *differ) refName(sd *side, s *schema) string {
	_, p := sd.ptr(s.Location)
	return "#" + p
}

// compare finds the changes of one pair and its edges to the pairs below it.
func (d *differ) compare(nd *pairNode) {
	o, n := nd.o, nd.n
	d.annotations(nd)
	if onlyRef(o) || onlyRef(n) {
		ot, nt := o, n
		if onlyRef(o) {
			ot = o.Ref
		}
		if onlyRef(n) {
			nt = n.Ref
		}
		or, nr := "", ""
		if onlyRef(o) {
			or = d.refName(d.old, ot)
		}
		if onlyRef(n) {
			nr = d.refName(d.new, nt)
		}
		if or != nr && !(or != "" && nr != "" && sameTail(or, nr)) {
			c := d.add(nd, RefChanged, false, "/$ref", nilIfEmpty(or), nilIfEmpty(nr), fmt.Sprintf("$ref changed from %s to %s", orInline(or), orInline(nr)))
			_ = c
		}
		d.edge(nd, ot, nt, step{kind: stepSame})
		return
	}
	if o.Ref != nil && n.Ref != nil {
		or, nr := d.refName(d.old, o.Ref), d.refName(d.new, n.Ref)
		if or != nr {
			d.add(nd, RefChanged, false, "/$ref", or, nr, fmt.Sprintf("$ref changed from %s to %s", or, nr))
		}
		d.edge(nd, o.Ref, n.Ref, step{kind: stepSame})
	} else if o.Ref != nil || n.Ref != nil {
		var or, nr any
		if o.Ref != nil {
			or = d.refName(d.old, o.Ref)
		}
		if n.Ref != nil {
			nr = d.refName(d.new, n.Ref)
		}
		kind := ConstraintAdded
		if n.Ref == nil {
			kind = ConstraintRemoved
		}
		d.add(nd, kind, false, "/$ref", or, nr, fmt.Sprintf("$ref %s", map[bool]string{true: "added", false: "removed"}[n.Ref != nil]))
	}
	if o.Bool != nil || n.Bool != nil {
		d.compareBool(nd)
		return
	}
	nullDone := d.compareTypes(nd)
	d.compareEnum(nd, nullDone)
	d.compareConst(nd)
	d.compareNumbers(nd)
	d.compareCounts(nd)
	d.compareStrings(nd)
	d.compareObject(nd)
	d.compareArray(nd)
	d.compareUnion(nd, "anyOf", o.AnyOf, n.AnyOf)
	d.compareUnion(nd, "oneOf", o.OneOf, n.OneOf)
	d.compareAllOf(nd)
	d.compareOpaque(nd)
}

func sameTail(a, b string) bool { return a == b }

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orInline(s string) string {
	if s == "" {
		return "an inline schema"
	}
	return s
}

func (d *differ) annotations(nd *pairNode) {
	o, n := nd.o, nd.n
	if o.Title != n.Title {
		d.add(nd, TitleChanged, false, "/title", nilIfEmpty(o.Title), nilIfEmpty(n.Title), "title changed")
	}
	if o.Description != n.Description {
		d.add(nd, DescriptionChanged, false, "/description", nilIfEmpty(o.Description), nilIfEmpty(n.Description), "description changed")
	}
	var od, ndf any
	if o.Default != nil {
		od = *o.Default
	}
	if n.Default != nil {
		ndf = *n.Default
	}
	if (o.Default == nil) != (n.Default == nil) || canon(od) != canon(ndf) {
		msg := "default changed"
		switch {
		case o.Default == nil:
			msg = "default added"
		case n.Default == nil:
			msg = "default removed"
		}
		d.add(nd, DefaultChanged, false, "/default", od, ndf, msg)
	}
	if o.Deprecated != n.Deprecated {
		if n.Deprecated {
			d.add(nd, DeprecatedAdded, false, "/deprecated", false, true, "marked deprecated")
		} else {
			d.add(nd, DeprecatedRemoved, false, "/deprecated", true, false, "no longer deprecated")
		}
	}
}

func (d *differ) compareBool(nd *pairNode) {
	o, n := nd.o, nd.n
	ov, nv := boolOf(o), boolOf(n)
	if ov != nil && nv != nil {
		if *ov == *nv {
			return
		}
		if *nv {
			c := d.add(nd, TypeWidened, false, "", false, true, "the schema false became true: any value is accepted")
			c.types = []string{"any"}
		} else {
			d.add(nd, TypeNarrowed, false, "", true, false, "the schema true became false: no value is accepted")
		}
		return
	}
	if ov != nil && !*ov {
		c := d.add(nd, TypeWidened, false, "", false, nil, "the schema false became a schema that accepts values")
		c.types = []string{"any"}
	} else if ov != nil {
		d.add(nd, TypeNarrowed, false, "", true, nil, "the schema true became a schema with constraints")
	} else if nv != nil && *nv {
		c := d.add(nd, TypeWidened, false, "", nil, true, "the schema became true: any value is accepted")
		c.types = []string{"any"}
	} else {
		d.add(nd, TypeNarrowed, false, "", nil, false, "the schema became false: no value is accepted")
	}
}

func boolOf(s *schema) *bool {
	if s.Bool != nil {
		return s.Bool
	}
	return nil
}

var typeOrder = []string{"null", "boolean", "object", "array", "number", "integer", "string"}

func typeList(s *schema) []string {
	if s.Types == nil {
		return nil
	}
	return s.Types.ToStrings()
}

func sortTypes(ts []string) []string {
	out := []string{}
	for _, t := range typeOrder {
		if contains(ts, t) {
			out = append(out, t)
		}
	}
	return out
}

// covers reports whether the type set accepts values of type t (number covers integer).
func covers(set []string, t string) bool {
	return contains(set, t) || (t == "integer" && contains(set, "number"))
}

func listAny(ts []string) any {
	if len(ts) == 1 {
		return ts[0]
	}
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

// compareTypes reports type and nullability changes; it returns true when nullability was
// reported (so that a null in an enum is not reported twice).
func (d *differ) compareTypes(nd *pairNode) bool {
	ot, nt := typeList(nd.o), typeList(nd.n)
	if ot == nil && nt == nil {
		return false
	}
	if ot == nil {
		d.add(nd, TypeNarrowed, false, "/type", nil, listAny(sortTypes(nt)), fmt.Sprintf("type %s added (any type was accepted)", strings.Join(sortTypes(nt), ", ")))
		return false
	}
	if nt == nil {
		c := d.add(nd, TypeWidened, false, "/type", listAny(sortTypes(ot)), nil, fmt.Sprintf("type %s removed: any type is accepted", strings.Join(sortTypes(ot), ", ")))
		for _, t := range []string{"null", "boolean", "object", "array", "number", "string"} {
			if !covers(ot, t) {
				c.types = append(c.types, t)
			}
		}
		return false
	}
	nullDone := false
	on, nn := contains(ot, "null"), contains(nt, "null")
	if !on && nn {
		d.add(nd, NullableAdded, false, "/type", listAny(sortTypes(ot)), listAny(sortTypes(nt)), "null is now allowed")
		nullDone = true
	} else if on && !nn {
		d.add(nd, NullableRemoved, false, "/type", listAny(sortTypes(ot)), listAny(sortTypes(nt)), "null is no longer allowed")
		nullDone = true
	}
	var added, removed []string
	for _, t := range nt {
		if t != "null" && !covers(ot, t) {
			added = append(added, t)
		}
	}
	for _, t := range ot {
		if t != "null" && !covers(nt, t) {
			removed = append(removed, t)
		}
	}
	// integer → number is a widening even though "integer" is not in the new list.
	if len(added) == 0 && len(removed) == 0 {
		return nullDone
	}
	ov, nv := listAny(sortTypes(ot)), listAny(sortTypes(nt))
	switch {
	case len(removed) == 0:
		c := d.add(nd, TypeWidened, false, "/type", ov, nv, fmt.Sprintf("type widened: %s now accepted", strings.Join(sortTypes(added), ", ")))
		c.types = sortTypes(added)
	case len(added) == 0:
		d.add(nd, TypeNarrowed, false, "/type", ov, nv, fmt.Sprintf("type narrowed: %s no longer accepted", strings.Join(sortTypes(removed), ", ")))
	default:
		c := d.add(nd, TypeChanged, false, "/type", ov, nv, fmt.Sprintf("type changed from %s to %s", strings.Join(sortTypes(without(ot, "null")), ", "), strings.Join(sortTypes(without(nt, "null")), ", ")))
		c.types = sortTypes(added)
	}
	return nullDone
}

func without(list []string, x string) []string {
	var out []string
	for _, s := range list {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

func (d *differ) compareEnum(nd *pairNode, nullDone bool) {
	o, n := nd.o, nd.n
	switch {
	case o.Enum == nil && n.Enum == nil:
		return
	case o.Enum == nil:
		d.add(nd, EnumAdded, false, "/enum", nil, n.Enum.Values, "values restricted to an enum")
		return
	case n.Enum == nil:
		d.add(nd, EnumRemoved, false, "/enum", o.Enum.Values, nil, "the enum restriction was removed")
		return
	}
	has := func(list []any, v any) bool {
		cv := canon(v)
		for _, x := range list {
			if canon(x) == cv {
				return true
			}
		}
		return false
	}
	for i, v := range n.Enum.Values {
		if has(o.Enum.Values, v) {
			continue
		}
		if v == nil {
			if !nullDone && !covers(typeList(o), "null") {
				c := d.add(nd, NullableAdded, false, "/enum/"+strconv.Itoa(i), nil, nil, "null added to the enum")
				c.value, c.hasValue = nil, true
			}
			continue
		}
		c := d.add(nd, EnumValueAdded, false, "/enum/"+strconv.Itoa(i), nil, v, fmt.Sprintf("enum value %s added", canon(v)))
		c.value, c.hasValue = v, true
	}
	for i, v := range o.Enum.Values {
		if has(n.Enum.Values, v) {
			continue
		}
		if v == nil {
			if !nullDone {
				d.add(nd, NullableRemoved, true, "/enum/"+strconv.Itoa(i), nil, nil, "null removed from the enum")
			}
			continue
		}
		c := d.add(nd, EnumValueRemoved, true, "/enum/"+strconv.Itoa(i), v, nil, fmt.Sprintf("enum value %s removed", canon(v)))
		c.value, c.hasValue = v, true
	}
}

func (d *differ) compareConst(nd *pairNode) {
	o, n := nd.o, nd.n
	switch {
	case o.Const == nil && n.Const == nil:
	case o.Const == nil:
		d.add(nd, ConstAdded, false, "/const", nil, *n.Const, fmt.Sprintf("const %s added", canon(*n.Const)))
	case n.Const == nil:
		d.add(nd, ConstRemoved, false, "/const", *o.Const, nil, fmt.Sprintf("const %s removed", canon(*o.Const)))
	case canon(*o.Const) != canon(*n.Const):
		c := d.add(nd, ConstChanged, false, "/const", *o.Const, *n.Const, fmt.Sprintf("const changed from %s to %s", canon(*o.Const), canon(*n.Const)))
		c.value, c.hasValue = *n.Const, true
	}
}

// ratJSON turns a number into a JSON number.
func ratJSON(r *big.Rat) any {
	if r == nil {
		return nil
	}
	if r.IsInt() {
		return json.Number(r.Num().String())
	}
	s := strings.TrimRight(r.FloatString(20), "0")
	return json.Number(s)
}

func (d *differ) bound(nd *pairNode, keyword string, lower bool, o, n *big.Rat, tight, loose Kind) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add(nd, tight, false, "/"+keyword, nil, ratJSON(n), fmt.Sprintf("%s %s added", keyword, ratJSON(n))).extra = keyword
	case n == nil:
		d.add(nd, loose, false, "/"+keyword, ratJSON(o), nil, fmt.Sprintf("%s %s removed", keyword, ratJSON(o))).extra = keyword
	default:
		cmp := n.Cmp(o)
		if cmp == 0 {
			return
		}
		k := tight
		if (cmp < 0) == lower {
			k = loose
		}
		word := map[Kind]string{tight: "tightened", loose: "loosened"}[k]
		d.add(nd, k, false, "/"+keyword, ratJSON(o), ratJSON(n), fmt.Sprintf("%s %s from %s to %s", keyword, word, ratJSON(o), ratJSON(n))).extra = keyword
	}
}

func intRat(p *int) *big.Rat {
	if p == nil {
		return nil
	}
	return big.NewRat(int64(*p), 1)
}

func (d *differ) compareNumbers(nd *pairNode) {
	o, n := nd.o, nd.n
	d.bound(nd, "minimum", true, o.Minimum, n.Minimum, NumericTightened, NumericLoosened)
	d.bound(nd, "exclusiveMinimum", true, o.ExclusiveMinimum, n.ExclusiveMinimum, NumericTightened, NumericLoosened)
	d.bound(nd, "maximum", false, o.Maximum, n.Maximum, NumericTightened, NumericLoosened)
	d.bound(nd, "exclusiveMaximum", false, o.ExclusiveMaximum, n.ExclusiveMaximum, NumericTightened, NumericLoosened)
	om, nm := o.MultipleOf, n.MultipleOf
	switch {
	case om == nil && nm == nil:
	case om == nil:
		d.add(nd, NumericTightened, false, "/multipleOf", nil, ratJSON(nm), fmt.Sprintf("multipleOf %s added", ratJSON(nm))).extra = "multipleOf"
	case nm == nil:
		d.add(nd, NumericLoosened, false, "/multipleOf", ratJSON(om), nil, fmt.Sprintf("multipleOf %s removed", ratJSON(om))).extra = "multipleOf"
	case om.Cmp(nm) != 0:
		q := new(big.Rat).Quo(nm, om)
		if q.IsInt() {
			d.add(nd, NumericTightened, false, "/multipleOf", ratJSON(om), ratJSON(nm), fmt.Sprintf("multipleOf tightened from %s to %s", ratJSON(om), ratJSON(nm))).extra = "multipleOf"
		} else {
			d.add(nd, NumericLoosened, false, "/multipleOf", ratJSON(om), ratJSON(nm), fmt.Sprintf("multipleOf loosened from %s to %s", ratJSON(om), ratJSON(nm))).extra = "multipleOf"
		}
	}
}

func (d *differ) compareCounts(nd *pairNode) {
	o, n := nd.o, nd.n
	d.bound(nd, "minItems", true, intRat(o.MinItems), intRat(n.MinItems), CountTightened, CountLoosened)
	d.bound(nd, "maxItems", false, intRat(o.MaxItems), intRat(n.MaxItems), CountTightened, CountLoosened)
	d.bound(nd, "minContains", true, intRat(o.MinContains), intRat(n.MinContains), CountTightened, CountLoosened)
	d.bound(nd, "maxContains", false, intRat(o.MaxContains), intRat(n.MaxContains), CountTightened, CountLoosened)
	d.bound(nd, "minProperties", true, intRat(o.MinProperties), intRat(n.MinProperties), CountTightened, CountLoosened)
	d.bound(nd, "maxProperties", false, intRat(o.MaxProperties), intRat(n.MaxProperties), CountTightened, CountLoosened)
	if o.UniqueItems != n.UniqueItems {
		if n.UniqueItems {
			d.add(nd, CountTightened, false, "/uniqueItems", false, true, "uniqueItems added").extra = "uniqueItems"
		} else {
			d.add(nd, CountLoosened, false, "/uniqueItems", true, false, "uniqueItems removed").extra = "uniqueItems"
		}
	}
}

func (d *differ) formatOf(sd *side, s *schema) string {
	if raw := sd.raw(s); raw != nil {
		if f, ok := raw["format"].(string); ok {
			return f
		}
	}
	if s.Format != nil {
		return s.Format.Name
	}
	return ""
}

func (d *differ) compareStrings(nd *pairNode) {
	o, n := nd.o, nd.n
	d.bound(nd, "minLength", true, intRat(o.MinLength), intRat(n.MinLength), LengthTightened, LengthLoosened)
	d.bound(nd, "maxLength", false, intRat(o.MaxLength), intRat(n.MaxLength), LengthTightened, LengthLoosened)
	op, np := "", ""
	if o.Pattern != nil {
		op = o.Pattern.String()
	}
	if n.Pattern != nil {
		np = n.Pattern.String()
	}
	switch {
	case op == np:
	case op == "":
		d.add(nd, PatternAdded, false, "/pattern", nil, np, fmt.Sprintf("pattern %s added", np))
	case np == "":
		d.add(nd, PatternRemoved, false, "/pattern", op, nil, fmt.Sprintf("pattern %s removed", op))
	default:
		d.add(nd, PatternChanged, false, "/pattern", op, np, fmt.Sprintf("pattern changed from %s to %s", op, np))
	}
	of, nf := d.formatOf(d.old, o), d.formatOf(d.new, n)
	switch {
	case of == nf:
	case of == "":
		d.add(nd, FormatAdded, false, "/format", nil, nf, fmt.Sprintf("format %s added", nf))
	case nf == "":
		d.add(nd, FormatRemoved, false, "/format", of, nil, fmt.Sprintf("format %s removed", of))
	default:
		d.add(nd, FormatChanged, false, "/format", of, nf, fmt.Sprintf("format changed from %s to %s", of, nf))
	}
}

// apState classifies additionalProperties: 0 open (absent or true), 1 false, 2 a schema.
func apState(s *schema) (int, *schema) {
	switch v := s.AdditionalProperties.(type) {
	case nil:
		return 0, nil
	case bool:
		if v {
			return 0, nil
		}
		return 1, nil
	case *schema:
		if v.Bool != nil {
			if *v.Bool {
				return 0, nil
			}
			return 1, nil
		}
		return 2, v
	}
	return 0, nil
}

// rejectsUnknownKey reports whether an object schema restricts an undeclared key name.
func rejectsUnknownKey(s *schema, name string) bool {
	if _, ok := s.Properties[name]; ok {
		return false
	}
	for re := range s.PatternProperties {
		if re.MatchString(name) {
			return true
		}
	}
	st, _ := apState(s)
	if st != 0 {
		return true
	}
	if s.UnevaluatedProperties != nil {
		if b := s.UnevaluatedProperties.Bool; b == nil || !*b {
			return true
		}
	}
	if s.PropertyNames != nil {
		return true
	}
	return false
}

func (d *differ) orderedProps(o, n *schema) []string {
	var names []string
	seen := map[string]bool{}
	for _, sd := range []struct {
		side *side
		s    *schema
	}{{d.new, n}, {d.old, o}} {
		order := sd.side.res.KeyOrder(sd.s.Location + "/properties")
		for _, k := range order {
			if _, ok := sd.s.Properties[k]; ok && !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
		var rest []string
		for k := range sd.s.Properties {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range rest {
			seen[k] = true
			names = append(names, k)
		}
	}
	return names
}

func (d *differ) compareObject(nd *pairNode) {
	o, n := nd.o, nd.n
	removedProps, addedProps := map[string]bool{}, map[string]bool{}
	for _, name := range d.orderedProps(o, n) {
		op, np := o.Properties[name], n.Properties[name]
		esc := escapeToken(name)
		switch {
		case op != nil && np != nil:
			d.edge(nd, op, np, step{kind: stepProp, name: name})
		case np != nil:
			addedProps[name] = true
			c := d.add(nd, PropertyAdded, false, "/properties/"+esc, nil, name, fmt.Sprintf("property %q added", name))
			c.prop = name
			if contains(n.Required, name) && !contains(o.Required, name) {
				c.Message += " (required)"
			}
			if !rejectsUnknownKey(o, name) {
				c.witness = false
				c.Severity = Info
			}
		default:
			removedProps[name] = true
			wasReq, isReq := contains(o.Required, name), contains(n.Required, name)
			c := d.add(nd, PropertyRemoved, true, "/properties/"+esc, name, nil, fmt.Sprintf("property %q removed", name))
			c.prop = name
			if wasReq && !isReq {
				c.Severity = Breaking
				c.Message += " (it was required: NEW payloads may omit it)"
			} else {
				c.witness = false
			}
		}
	}
	for _, name := range n.Required {
		if !contains(o.Required, name) && !addedProps[name] {
			c := d.add(nd, RequiredAdded, false, "/required", nil, name, fmt.Sprintf("property %q became required", name))
			c.prop = name
		}
	}
	for _, name := range o.Required {
		if !contains(n.Required, name) && !removedProps[name] {
			c := d.add(nd, RequiredRemoved, false, "/required", name, nil, fmt.Sprintf("property %q became optional", name))
			c.prop = name
		}
	}
	// patternProperties, matched by pattern text.
	opp, npp := map[string]*schema{}, map[string]*schema{}
	for re, s := range o.PatternProperties {
		opp[re.String()] = s
	}
	for re, s := range n.PatternProperties {
		npp[re.String()] = s
	}
	for _, pat := range sortedKeys(npp) {
		if os, ok := opp[pat]; ok {
			d.edge(nd, os, npp[pat], step{kind: stepPattern, name: pat})
			continue
		}
		c := d.add(nd, PropertyAdded, false, "/patternProperties/"+escapeToken(pat), nil, pat, fmt.Sprintf("pattern property %s added", pat))
		c.extra = pat
		if st, _ := apState(o); st == 0 {
			c.witness = false
			c.Severity = Info
		}
	}
	for _, pat := range sortedKeys(opp) {
		if _, ok := npp[pat]; !ok {
			c := d.add(nd, PropertyRemoved, true, "/patternProperties/"+escapeToken(pat), pat, nil, fmt.Sprintf("pattern property %s removed", pat))
			c.extra = pat
			c.witness = false
		}
	}
	ost, oap := apState(o)
	nst, nap := apState(n)
	switch {
	case ost == nst && ost == 2:
		d.edge(nd, oap, nap, step{kind: stepAddl})
	case ost == nst:
	case nst == 0:
		d.add(nd, AdditionalPropertiesOpened, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties opened: undeclared keys are accepted")
	case ost == 1:
		d.add(nd, AdditionalPropertiesOpened, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties opened: undeclared keys are accepted if they match a schema")
	case nst == 1:
		d.add(nd, AdditionalPropertiesClosed, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties closed: undeclared keys are rejected")
	default:
		d.add(nd, AdditionalPropertiesClosed, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties restricted to a schema")
	}
}

func apValue(s *schema) any {
	switch st, _ := apState(s); st {
	case 1:
		return false
	case 2:
		return "schema"
	}
	if s.AdditionalProperties == nil {
		return nil
	}
	return true
}

func escapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// itemsOf normalises the array keywords of every draft: prefix schemas and the schema of the
// remaining items (nil: any).
func itemsOf(s *schema) (prefix []*schema, rest *schema, restKw string) {
	prefix = s.PrefixItems
	if s.Items2020 != nil {
		return prefix, s.Items2020, "items"
	}
	switch v := s.Items.(type) {
	case *schema:
		return prefix, v, "items"
	case []*schema:
		prefix = v
		if a, ok := s.AdditionalItems.(*schema); ok {
			return prefix, a, "additionalItems"
		}
		if b, ok := s.AdditionalItems.(bool); ok && !b {
			f := false
			return prefix, &schema{Bool: &f}, "additionalItems"
		}
		return prefix, nil, "additionalItems"
	}
	return prefix, nil, "items"
}

func (d *differ) compareArray(nd *pairNode) {
	o, n := nd.o, nd.n
	op, or, _ := itemsOf(o)
	np, nr, kw := itemsOf(n)
	pkw := "prefixItems"
	if n.PrefixItems == nil && len(np) > 0 {
		pkw = "items"
	}
	for i := 0; i < len(op) || i < len(np); i++ {
		switch {
		case i < len(op) && i < len(np):
			d.edge(nd, op[i], np[i], step{kind: stepItem, index: i})
		case i < len(np):
			d.add(nd, ItemsAdded, false, fmt.Sprintf("/%s/%d", pkw, i), nil, "schema", fmt.Sprintf("item %d is now constrained by a schema", i))
		default:
			c := d.add(nd, ItemsRemoved, true, fmt.Sprintf("/%s/%d", pkw, i), "schema", nil, fmt.Sprintf("the schema of item %d was removed", i))
			c.extra = strconv.Itoa(i)
		}
	}
	idx := max(len(np), len(op))
	switch {
	case or != nil && nr != nil:
		if or.Bool != nil || nr.Bool != nil {
			if boolOf(or) != nil && boolOf(nr) != nil && *or.Bool == *nr.Bool {
				return
			}
		}
		d.edge(nd, or, nr, step{kind: stepItem, index: idx})
	case nr != nil:
		d.add(nd, ItemsAdded, false, "/"+kw, nil, "schema", "array items are now constrained by a schema")
	case or != nil:
		c := d.add(nd, ItemsRemoved, false, "/"+kw, "schema", nil, "the items schema was removed: any item is accepted")
		c.extra = strconv.Itoa(idx)
	}
}

// branchSig is how union branches are matched between OLD and NEW.
func (d *differ) branchSig(sd *side, s *schema) string {
	if onlyRef(s) {
		_, p := sd.ptr(s.Ref.Location)
		return "ref:" + p
	}
	if s.Const != nil {
		return "const:" + canon(*s.Const)
	}
	for name, p := range s.Properties {
		if p.Const != nil && contains(s.Required, name) {
			return "disc:" + name + "=" + canon(*p.Const)
		}
	}
	sig := "type:" + strings.Join(sortTypes(typeList(s)), ",")
	if s.Enum != nil {
		sig += ":enum"
	}
	if s.Format != nil {
		sig += ":format"
	}
	return sig
}

func (d *differ) describe(sd *side, s *schema) any {
	if onlyRef(s) {
		return d.refName(sd, s.Ref)
	}
	if s.Const != nil {
		return map[string]any{"const": *s.Const}
	}
	if ts := typeList(s); ts != nil {
		out := map[string]any{"type": listAny(sortTypes(ts))}
		if s.Enum != nil {
			out["enum"] = s.Enum.Values
		}
		return out
	}
	_, p := sd.ptr(s.Location)
	return "#" + p
}

// matchBranches pairs OLD and NEW branches: equal signatures first, then the rest in order
// when both lists keep the same length.
func (d *differ) matchBranches(ol, nl []*schema) (pairs [][2]int, added, removed []int) {
	usedO := make([]bool, len(ol))
	usedN := make([]bool, len(nl))
	osig := make([]string, len(ol))
	for i, s := range ol {
		osig[i] = d.branchSig(d.old, s)
	}
	for j, s := range nl {
		sig := d.branchSig(d.new, s)
		for i := range ol {
			if !usedO[i] && osig[i] == sig {
				usedO[i], usedN[j] = true, true
				pairs = append(pairs, [2]int{i, j})
				break
			}
		}
	}
	var ro, rn []int
	for i := range ol {
		if !usedO[i] {
			ro = append(ro, i)
		}
	}
	for j := range nl {
		if !usedN[j] {
			rn = append(rn, j)
		}
	}
	if len(ro) == len(rn) {
		for k := range ro {
			// Refs to different definitions are a change of branch, not of its content.
			if strings.HasPrefix(osig[ro[k]], "ref:") && strings.HasPrefix(d.branchSig(d.new, nl[rn[k]]), "ref:") {
				removed = append(removed, ro[k])
				added = append(added, rn[k])
				continue
			}
			pairs = append(pairs, [2]int{ro[k], rn[k]})
		}
	} else {
		removed, added = ro, rn
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	return pairs, added, removed
}

func (d *differ) compareUnion(nd *pairNode, kw string, ol, nl []*schema) {
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	if len(ol) == 0 {
		d.add(nd, ConstraintAdded, false, "/"+kw, nil, len(nl), fmt.Sprintf("%s with %d branches added", kw, len(nl))).extra = kw
		return
	}
	if len(nl) == 0 {
		d.add(nd, ConstraintRemoved, false, "/"+kw, len(ol), nil, fmt.Sprintf("%s removed", kw)).extra = kw
		return
	}
	pairs, added, removed := d.matchBranches(ol, nl)
	for _, p := range pairs {
		d.edge(nd, ol[p[0]], nl[p[1]], step{kind: stepBranch, index: p[1], name: kw})
	}
	for _, j := range added {
		c := d.add(nd, UnionBranchAdded, false, fmt.Sprintf("/%s/%d", kw, j), nil, d.describe(d.new, nl[j]), fmt.Sprintf("%s branch %s added", kw, canon(d.describe(d.new, nl[j]))))
		c.extra = kw
		c.value, c.hasValue = j, true
	}
	for _, i := range removed {
		d.add(nd, UnionBranchRemoved, true, fmt.Sprintf("/%s/%d", kw, i), d.describe(d.old, ol[i]), nil, fmt.Sprintf("%s branch %s removed", kw, canon(d.describe(d.old, ol[i]))))
	}
}

func (d *differ) compareAllOf(nd *pairNode) {
	ol, nl := nd.o.AllOf, nd.n.AllOf
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	pairs, added, removed := d.matchBranches(ol, nl)
	for _, p := range pairs {
		d.edge(nd, ol[p[0]], nl[p[1]], step{kind: stepSame})
	}
	for _, j := range added {
		d.add(nd, AllOfBranchAdded, false, fmt.Sprintf("/allOf/%d", j), nil, d.describe(d.new, nl[j]), fmt.Sprintf("allOf part %s added", canon(d.describe(d.new, nl[j]))))
	}
	for _, i := range removed {
		d.add(nd, AllOfBranchRemoved, true, fmt.Sprintf("/allOf/%d", i), d.describe(d.old, ol[i]), nil, fmt.Sprintf("allOf part %s removed", canon(d.describe(d.old, ol[i]))))
	}
}

// compareOpaque compares the keywords the walk does not descend into by their raw JSON:
// a change below "not" or "if" cannot be classified by the same rules.
func (d *differ) compareOpaque(nd *pairNode) {
	ro, rn := d.old.raw(nd.o), d.new.raw(nd.n)
	if ro == nil || rn == nil {
		return
	}
	for _, kw := range []string{"not", "if", "then", "else", "contains", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies", "unevaluatedProperties", "unevaluatedItems"} {
		ov, oin := ro[kw]
		nv, nin := rn[kw]
		switch {
		case !oin && !nin:
		case !oin:
			d.add(nd, ConstraintAdded, false, "/"+kw, nil, nv, kw+" added").extra = kw
		case !nin:
			d.add(nd, ConstraintRemoved, false, "/"+kw, ov, nil, kw+" removed").extra = kw
		case canon(ov) != canon(nv):
			d.add(nd, ConstraintChanged, false, "/"+kw, ov, nv, kw+" changed").extra = kw
		}
	}
}
