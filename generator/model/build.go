package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/events"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/naming"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Options configure Build.
type Options struct {
	PackageName string
	// EventKey is the discriminator property of an event bundle (default "event_type").
	EventKey string
	// NoFormatAssertion turns format checks off (format stays an annotation).
	NoFormatAssertion bool
}

// Error is a model failure, naming the schema location.
type Error struct {
	Location string // file#pointer
	Msg      string
}

func (e *Error) Error() string { return e.Location + ": " + e.Msg }

// Name priorities for clash resolution: an explicit override beats a definition's key, which
// beats a name derived from the place an inline schema is used.
const (
	prioOverride = 0
	prioEntry    = 1
	prioRef      = 2
	prioInline   = 3
)

type builder struct {
	res   *load.Result
	opts  Options
	named map[*jsonschema.Schema]*Named
	reqs  []naming.Request
	// wants keeps each named type's requested name until names are resolved.
	byKey map[string]*Named
	order []*Named
	err   error
	// dyns are the dynamic validator nodes built so far; cur is the named type being filled
	// (inline schemas that the typed Validate cannot check make it dynamic); schemaOf maps a
	// named type back to its schema.
	dyns     map[*jsonschema.Schema]*Schema
	cur      *Named
	schemaOf map[*Named]*jsonschema.Schema
	// warned holds the generation warnings (merge.go), each once.
	warned map[string]bool
	// anchorDefs counts the schemas defining each dynamic anchor (dynref.go).
	anchorDefs map[string]int
	// entries are the load's schemas that become named types (events.Entries).
	entries []*load.Entry
}

// Build turns the compiled schemas of a load into the IR of one Go package.
func Build(res *load.Result, opts Options) (*Package, error) {
	if opts.EventKey == "" {
		opts.EventKey = "event_type"
	}
	b := &builder{res: res, opts: opts, named: map[*jsonschema.Schema]*Named{}, byKey: map[string]*Named{},
		dyns: map[*jsonschema.Schema]*Schema{}, schemaOf: map[*Named]*jsonschema.Schema{}}
	b.entries = events.Entries(res, opts.EventKey)
	entryNamed := map[*load.Entry]*Named{}
	for _, e := range b.entries {
		n := b.declare(e.Schema, e.Name, prioEntry)
		entryNamed[e] = n
	}
	for _, e := range b.entries {
		b.fill(e.Schema, entryNamed[e])
		if b.err != nil {
			return nil, b.err
		}
	}
	b.wrapNullableRoots() // nullroot.go
	if err := b.checkAliasCycles(); err != nil {
		return nil, err
	}
	b.inlineAnyAliases()
	b.buildDynamic()
	anchors := b.dynamicScope()
	pkg := &Package{Name: opts.PackageName, Anchors: anchors, Schemas: b.nameSchemas(), Doc: rootDoc(res)}
	for _, n := range b.order {
		if n.Dyn != nil {
			n.Unchecked = append(n.Unchecked, scopedRefs(n.Dyn)...) // what dynamicScope could not resolve
		}
	}
	pkg.Sources = res.Sources()
	evs, err := b.findEvents(entryNamed)
	if err != nil {
		return nil, err
	}
	reserved := []string{"ValidationError", "Violation", "Nullable", "NewNullable", "Null"}
	var created *Named
	if len(evs) > 0 {
		created, reserved = b.eventSet(pkg, evs, entryNamed, reserved)
	}
	if err := b.nameAll(reserved, pkg, created); err != nil {
		return nil, err
	}
	if pkg.Events != nil {
		linkEvents(pkg.Events, opts.EventKey)
	}
	pkg.Warnings = b.warnings()
	pkg.Types = append(pkg.Types, b.order...)
	sort.SliceStable(pkg.Types, func(i, j int) bool { return pkg.Types[i].Name < pkg.Types[j].Name })
	return pkg, nil
}

// buildDynamic gives every dynamic named type its node in the dynamic validator. A type in a
// resource that defines dynamic anchors and holds a dynamic type must enter its resource into
// the dynamic scope before that type's $dynamicRef is resolved: it is dynamic too.
func (b *builder) buildDynamic() {
	for changed := true; changed; {
		changed = false
		for _, n := range b.order {
			if n.dynamic || !refsDynamic(n) {
				continue
			}
			if r := b.resourceOf(b.schemaOf[n]); r != nil && (len(b.dynamicAnchorsOf(r)) > 0 || r.RecursiveAnchor) {
				n.dynamic, changed = true, true
			}
		}
	}
	for _, n := range b.order {
		if n.dynamic {
			n.Dyn = b.dyn(b.schemaOf[n])
			n.Dyn.keep = true
		}
		if n.Kind == KindStruct {
			keepUndeclared(n.Struct) // open.go
		}
	}
}

// findEvents lists the events: the event schemas (generator/events) that are structs. Two
// events of one event type are an error.
func (b *builder) findEvents(entryNamed map[*load.Entry]*Named) ([]*Event, error) {
	var evs []*Event
	seen := map[string]string{}
	for _, ev := range events.Find(b.res, b.opts.EventKey) {
		n := entryNamed[ev.Entry]
		if n == nil || n.Kind != KindStruct {
			continue
		}
		if prev, dup := seen[ev.Type]; dup {
			return nil, &Error{Location: b.res.Display(ev.Entry.Location), Msg: fmt.Sprintf("event type %q is also the event type of %s", ev.Type, prev)}
		}
		seen[ev.Type] = b.res.Display(ev.Entry.Location)
		evs = append(evs, &Event{Value: ev.Type, Type: n})
	}
	return evs, nil
}

// eventSet sets pkg.Events: a string enum the schemas call EventType becomes the event enum;
// otherwise one is made (created). It returns reserved with the names the event code takes.
func (b *builder) eventSet(pkg *Package, evs []*Event, entryNamed map[*load.Entry]*Named, reserved []string) (created *Named, _ []string) {
	reserved = append(reserved, "Event", "Decode", "UnknownEvent", "ErrUnknownEventType")
	var en *Named
	for _, e := range b.res.Entries {
		if n := entryNamed[e]; n != nil && naming.Exported(e.Name) == "EventType" && n.Kind == KindEnum && n.Enum.Base == TString {
			en = n
		}
	}
	if en == nil {
		en = &Named{Name: "EventType", Kind: KindEnum, Doc: fmt.Sprintf("EventType is the %s of an event: which payload it carries.", b.opts.EventKey),
			Enum: &Enum{Base: TString, Open: true}}
		created = en
		reserved = append(reserved, "EventType")
	}
	known := map[string]bool{}
	for _, v := range en.Enum.Values {
		known[v.Value] = true
	}
	for _, ev := range evs {
		if !known[ev.Value] {
			en.Enum.Values = append(en.Enum.Values, &EnumValue{Value: ev.Value})
		}
	}
	pkg.Events = &Events{Key: b.opts.EventKey, Enum: en, Events: evs}
	reserved = append(reserved, "AllEventTypes", "ParseEventType",
		// webhook.go (reserved with or without it, so names do not depend on the flag)
		"Handler", "Deduper", "NewMemoryDeduper", "NewTestRequest", "SignatureHeader", "DefaultMaxBytes")
	return created, reserved
}

// nameAll resolves the names of the types, then of enum values and union variants; a created
// event enum goes first in pkg.Types.
func (b *builder) nameAll(reserved []string, pkg *Package, created *Named) error {
	if err := b.resolveNames(reserved); err != nil {
		return err
	}
	for _, n := range b.order {
		// A title that only repeats the type name says nothing: "Circle: Circle".
		if n.title != "" && naming.Exported(n.title) == n.Name {
			n.Doc = n.description
		}
	}
	if created != nil {
		b.nameEnumValues(created)
		pkg.Types = append(pkg.Types, created)
	}
	for _, n := range b.order {
		switch n.Kind {
		case KindEnum:
			b.nameEnumValues(n)
		case KindUnion:
			b.nameVariants(n)
		}
	}
	return b.err
}

// linkEvents gives each event its constant and types each payload's discriminator field
// EventType.
func linkEvents(evs *Events, key string) {
	byValue := map[string]string{}
	for _, v := range evs.Enum.Enum.Values {
		byValue[v.Value] = v.Name
	}
	for _, ev := range evs.Events {
		ev.Constant = byValue[ev.Value]
		// The payload's discriminator field is typed EventType and named Type, since the
		// EventType method of the Event interface takes the natural name.
		taken := map[string]bool{}
		for _, f := range ev.Type.Struct.Fields {
			taken[f.Name] = true
		}
		for _, f := range ev.Type.Struct.Fields {
			if f.JSONName == key {
				if f.Type.Kind == TString {
					f.Type = &Type{Kind: TNamed, Named: evs.Enum, Checks: f.Type.Checks}
				}
				if f.Name == "EventType" {
					f.Name = "Type"
					if taken["Type"] {
						f.Name = "EventTypeValue"
					}
				}
			}
		}
	}
}

func (b *builder) fail(loc, format string, args ...any) {
	if b.err == nil {
		b.err = &Error{Location: b.res.Display(loc), Msg: fmt.Sprintf(format, args...)}
	}
}

// raw returns the raw keyword object of a schema (for x-go-name, x-go-type and key order).
func (b *builder) raw(s *jsonschema.Schema) map[string]any { return b.res.Raw(s.Location) }

// declare registers a named type for s before its body is built (create first, link second).
func (b *builder) declare(s *jsonschema.Schema, want string, prio int) *Named {
	if n, ok := b.named[s]; ok {
		return n
	}
	n := &Named{Location: b.res.Display(s.Location), Deprecated: s.Deprecated}
	n.Doc = docOf(s)
	n.title, n.description = strings.TrimSpace(s.Title), strings.TrimSpace(s.Description)
	b.named[s] = n
	b.schemaOf[n] = s
	forced := false
	if raw := b.raw(s); raw != nil {
		if x, ok := raw["x-go-name"].(string); ok && x != "" {
			want, prio, forced = x, prioOverride, true
		}
	}
	w := naming.Exported(want)
	if w == "" {
		w = "Type"
	}
	n.want = w
	b.reqs = append(b.reqs, naming.Request{Key: s.Location, Want: w, Priority: prio, Forced: forced})
	b.byKey[s.Location] = n
	b.order = append(b.order, n)
	return n
}

func (b *builder) resolveNames(reserved []string) error {
	names, err := naming.Resolve(b.reqs, reserved)
	if err != nil {
		return &Error{Location: "x-go-name", Msg: b.displayKeys(err.Error())}
	}
	for key, n := range b.byKey {
		n.Name = names[key]
	}
	return nil
}

// displayKeys rewrites absolute locations in a naming error into display form.
func (b *builder) displayKeys(msg string) string {
	for key := range b.byKey {
		if strings.Contains(msg, key) {
			msg = strings.ReplaceAll(msg, key, b.res.Display(key))
		}
	}
	return msg
}

func docOf(s *jsonschema.Schema) string {
	t, d := strings.TrimSpace(s.Title), strings.TrimSpace(s.Description)
	switch {
	case t != "" && d != "" && !strings.HasPrefix(d, t):
		return t + ".\n\n" + d
	case d != "":
		return d
	default:
		return t
	}
}
