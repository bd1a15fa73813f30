package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

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
	d.pairEvents()
	d.pairDefinitions()
	d.spreadRoots()
	d.collectChanges()
}

// pairEvents compares the event types both sides have and reports those only one has.
func (d *differ) pairEvents() {
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
}

// pairDefinitions compares the definitions both sides have and reports those only one has
// (event schemas are reported as event types).
func (d *differ) pairDefinitions() {
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
}

// spreadRoots marks every node with the event types that reach it, and remembers the first
// path from a root to it (events first), for witnesses.
func (d *differ) spreadRoots() {
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
}

// collectChanges gathers the node changes in a deterministic order and merges duplicates.
func (d *differ) collectChanges() {
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
	if v := keyword.Read(s); v.Asserts() { // the bounds and uniqueItems
		return true
	}
	return s.Bool != nil || s.Types != nil || s.Enum != nil || s.Const != nil || s.Not != nil ||
		len(s.AllOf) > 0 || len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.If != nil || s.Format != nil ||
		len(s.Required) > 0 || s.PropertyNames != nil ||
		len(s.Properties) > 0 || len(s.PatternProperties) > 0 || s.AdditionalProperties != nil ||
		len(s.Dependencies) > 0 || len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 ||
		s.UnevaluatedProperties != nil ||
		s.Contains != nil || s.Items != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 ||
		s.Items2020 != nil || s.UnevaluatedItems != nil ||
		s.Pattern != nil || s.DynamicRef != nil || s.RecursiveRef != nil
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
	d.compareBounds(nd)
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
