package model

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
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
}

// Build turns the compiled schemas of a load into the IR of one Go package.
func Build(res *load.Result, opts Options) (*Package, error) {
	if opts.EventKey == "" {
		opts.EventKey = "event_type"
	}
	b := &builder{res: res, opts: opts, named: map[*jsonschema.Schema]*Named{}, byKey: map[string]*Named{},
		dyns: map[*jsonschema.Schema]*Schema{}, schemaOf: map[*Named]*jsonschema.Schema{}}
	entryNamed := map[*load.Entry]*Named{}
	for _, e := range res.Entries {
		n := b.declare(e.Schema, e.Name, prioEntry)
		entryNamed[e] = n
	}
	for _, e := range res.Entries {
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
	// A type in a resource that defines dynamic anchors and holds a dynamic type must enter its
	// resource into the dynamic scope before that type's $dynamicRef is resolved: it is dynamic
	// too.
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
	anchors := b.dynamicScope()
	pkg := &Package{Name: opts.PackageName, Anchors: anchors, Schemas: b.nameSchemas(), Doc: rootDoc(res)}
	for _, n := range b.order {
		if n.Dyn != nil {
			n.Unchecked = append(n.Unchecked, scopedRefs(n.Dyn)...) // what dynamicScope could not resolve
		}
	}
	pkg.Sources = res.Sources()
	// Events: the event schemas (generator/events) that are structs.
	var evs []*Event
	seen := map[string]string{}
	for _, ev := range events.Find(res, opts.EventKey) {
		n := entryNamed[ev.Entry]
		if n == nil || n.Kind != KindStruct {
			continue
		}
		if prev, dup := seen[ev.Type]; dup {
			return nil, &Error{Location: res.Display(ev.Entry.Location), Msg: fmt.Sprintf("event type %q is also the event type of %s", ev.Type, prev)}
		}
		seen[ev.Type] = res.Display(ev.Entry.Location)
		evs = append(evs, &Event{Value: ev.Type, Type: n})
	}
	reserved := []string{"ValidationError", "Violation", "Nullable", "NewNullable", "Null"}
	var created *Named
	if len(evs) > 0 {
		reserved = append(reserved, "Event", "Decode", "UnknownEvent", "ErrUnknownEventType")
		// A string enum the schemas call EventType becomes the event enum; otherwise one is made.
		var en *Named
		for _, e := range res.Entries {
			if n := entryNamed[e]; n != nil && naming.Exported(e.Name) == "EventType" && n.Kind == KindEnum && n.Enum.Base == TString {
				en = n
			}
		}
		if en == nil {
			en = &Named{Name: "EventType", Kind: KindEnum, Doc: fmt.Sprintf("EventType is the %s of an event: which payload it carries.", opts.EventKey),
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
		pkg.Events = &Events{Key: opts.EventKey, Enum: en, Events: evs}
		reserved = append(reserved, "AllEventTypes", "ParseEventType",
			// webhook.go (reserved with or without it, so names do not depend on the flag)
			"Handler", "Deduper", "NewMemoryDeduper", "NewTestRequest", "SignatureHeader", "DefaultMaxBytes")
	}
	if err := b.resolveNames(reserved); err != nil {
		return nil, err
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
	if b.err != nil {
		return nil, b.err
	}
	if pkg.Events != nil {
		byValue := map[string]string{}
		for _, v := range pkg.Events.Enum.Enum.Values {
			byValue[v.Value] = v.Name
		}
		for _, ev := range pkg.Events.Events {
			ev.Constant = byValue[ev.Value]
			// The payload's discriminator field is typed EventType and named Type, since the
			// EventType method of the Event interface takes the natural name.
			taken := map[string]bool{}
			for _, f := range ev.Type.Struct.Fields {
				taken[f.Name] = true
			}
			for _, f := range ev.Type.Struct.Fields {
				if f.JSONName == opts.EventKey {
					if f.Type.Kind == TString {
						f.Type = &Type{Kind: TNamed, Named: pkg.Events.Enum, Checks: f.Type.Checks}
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
	pkg.Warnings = b.warnings()
	pkg.Types = append(pkg.Types, b.order...)
	sort.SliceStable(pkg.Types, func(i, j int) bool { return pkg.Types[i].Name < pkg.Types[j].Name })
	return pkg, nil
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

// view is a schema with its allOf parts and $ref-with-siblings flattened: the list of schemas
// that together describe one value.
func flatten(s *jsonschema.Schema) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	seen := map[*jsonschema.Schema]bool{}
	var walk func(*jsonschema.Schema)
	walk = func(s *jsonschema.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, p := range s.AllOf {
			walk(p)
		}
		if s.Ref != nil {
			walk(s.Ref)
		}
		if s.DynamicRef != nil && s.DynamicRef.Ref != nil {
			walk(s.DynamicRef.Ref)
		}
		if s.RecursiveRef != nil {
			walk(s.RecursiveRef)
		}
		out = append(out, s)
	}
	walk(s)
	return out
}

// pureRef reports the target of a schema that is only a reference (annotations aside).
func pureRef(s *jsonschema.Schema) *jsonschema.Schema {
	var target *jsonschema.Schema
	switch {
	case s.Ref != nil:
		target = s.Ref
	case s.DynamicRef != nil && s.DynamicRef.Ref != nil:
		target = s.DynamicRef.Ref
	case s.RecursiveRef != nil:
		target = s.RecursiveRef
	default:
		return nil
	}
	if s.Types != nil || s.Enum != nil || s.Const != nil || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 ||
		s.Properties != nil || s.Items != nil || s.Items2020 != nil || s.PrefixItems != nil ||
		s.AdditionalProperties != nil || len(s.Required) > 0 || s.Not != nil || s.If != nil ||
		s.Format != nil || s.Pattern != nil || s.MinLength != nil || s.MaxLength != nil ||
		s.Minimum != nil || s.Maximum != nil || s.ExclusiveMinimum != nil || s.ExclusiveMaximum != nil ||
		s.MultipleOf != nil || s.MinItems != nil || s.MaxItems != nil || s.MinProperties != nil ||
		s.MaxProperties != nil || s.PatternProperties != nil || s.Ref != nil && (s.DynamicRef != nil || s.RecursiveRef != nil) ||
		s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil || s.Contains != nil || s.PropertyNames != nil ||
		s.DependentRequired != nil || s.DependentSchemas != nil || s.Dependencies != nil || s.AdditionalItems != nil || s.UniqueItems {
		return nil
	}
	return target
}

// shape is what a flattened schema describes.
type shape struct {
	parts    []*jsonschema.Schema
	types    map[string]bool // declared JSON types (intersection over parts), nil: unrestricted
	nullable bool
	enum     []any
	hasEnum  bool
	konst    *any
	// conflict says why the parts can never hold together (merge.go), nil when they can.
	conflict []string
}

func typesOf(s *jsonschema.Schema) map[string]bool {
	if s.Types == nil || s.Types.IsEmpty() {
		return nil
	}
	m := map[string]bool{}
	for _, t := range s.Types.ToStrings() {
		m[t] = true
	}
	return m
}

func shapeOf(s *jsonschema.Schema) *shape {
	sh := &shape{parts: flatten(s)}
	for _, p := range sh.parts {
		if t := typesOf(p); t != nil {
			if sh.types == nil {
				sh.types = t
			} else {
				for k := range sh.types {
					if !t[k] && !(k == "integer" && t["number"]) {
						delete(sh.types, k)
					}
				}
				if t["integer"] && sh.types["number"] {
					delete(sh.types, "number")
					sh.types["integer"] = true
				}
			}
		}
		if p.Enum != nil {
			sh.addEnum(p.Enum.Values) // merge.go: the intersection of every part's enum
		}
		if p.Const != nil {
			sh.addConst(p.Const)
		}
	}
	typed := sh.types != nil
	if sh.types != nil && sh.types["null"] {
		sh.nullable = true
		delete(sh.types, "null")
	}
	sh.settle(typed)
	if sh.hasEnum {
		var vals []any
		for _, v := range sh.enum {
			if v == nil {
				sh.nullable = sh.types == nil || sh.nullable
				continue
			}
			vals = append(vals, v)
		}
		sh.enum = vals
	}
	return sh
}

func jsonTypeOf(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		if r, ok := new(big.Rat).SetString(string(v)); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case float64, int, int64:
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case nil:
		return "null"
	}
	return "unknown"
}

func jsonText(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// isObjectish reports whether the parts describe an object.
func (sh *shape) isObjectish() bool {
	if sh.types != nil {
		return len(sh.types) == 1 && sh.types["object"]
	}
	for _, p := range sh.parts {
		if p.Properties != nil || p.AdditionalProperties != nil || p.PatternProperties != nil || len(p.Required) > 0 {
			return true
		}
	}
	return false
}

func (sh *shape) isArrayish() bool {
	if sh.types != nil {
		return len(sh.types) == 1 && sh.types["array"]
	}
	for _, p := range sh.parts {
		if p.Items != nil || p.Items2020 != nil || p.PrefixItems != nil {
			return true
		}
	}
	return false
}

// nullBranch splits off a {"type":"null"} branch of a oneOf/anyOf.
func nullBranch(branches []*jsonschema.Schema) (rest []*jsonschema.Schema, hadNull bool) {
	for _, br := range branches {
		t := br
		if r := pureRef(br); r != nil {
			t = r
		}
		if tt := typesOf(t); len(tt) == 1 && tt["null"] && t.Properties == nil {
			hadNull = true
			continue
		}
		rest = append(rest, br)
	}
	return rest, hadNull
}

// openEnum recognises anyOf: [{enum: [...]}, {type: T}] with the same scalar T.
func openEnum(s *jsonschema.Schema) (enum []any, base string, ok bool) {
	if len(s.AnyOf) != 2 || s.Properties != nil {
		return nil, "", false
	}
	var e *jsonschema.Schema
	var plain string
	for _, br := range s.AnyOf {
		if br.Enum != nil {
			e = br
		} else if t := typesOf(br); len(t) == 1 && br.Pattern == nil && br.Const == nil {
			for k := range t {
				plain = k
			}
		}
	}
	if e == nil || plain == "" {
		return nil, "", false
	}
	for _, v := range e.Enum.Values {
		if jsonTypeOf(v) != plain && !(plain == "number" && jsonTypeOf(v) == "integer") {
			return nil, "", false
		}
	}
	return e.Enum.Values, plain, true
}

// needsName reports whether s becomes a named type of its own when used inline.
func (b *builder) typeFor(s *jsonschema.Schema, hint string) (t *Type, nullable bool) {
	if s == nil {
		return &Type{Kind: TAny}, false
	}
	if n, ok := b.named[s]; ok {
		return &Type{Kind: TNamed, Named: n}, b.isNullableSchema(s)
	}
	if r := pureRef(s); r != nil {
		if (scopedDynamicRef(s) != "" || (s.RecursiveRef != nil && s.RecursiveRef.RecursiveAnchor)) && b.cur != nil {
			b.cur.dynamic = true // its target depends on the dynamic scope
		}
		if b.scopeDependent(s) {
			if b.cur != nil {
				b.cur.scoped = true
			}
			return &Type{Kind: TAny}, false // dynref.go: the dynamic validator checks it
		}
		if _, ok := b.named[r]; !ok && b.wantsNamed(r) {
			n := b.declare(r, b.refName(r, hint), prioRef)
			b.fill(r, n)
		}
		t, null := b.typeFor(r, hint)
		if b.foreignScoped(r, t) {
			return &Type{Kind: TAny}, null // dynref.go
		}
		return t, null
	}
	if s.Bool != nil {
		if !*s.Bool && b.cur != nil {
			b.cur.dynamic = true
		}
		return &Type{Kind: TAny}, false
	}
	if raw := b.raw(s); raw != nil {
		if gt, ok := raw["x-go-type"].(string); ok && gt != "" {
			imp, name := "", gt
			if i := strings.LastIndex(gt, "."); i >= 0 {
				imp, name = gt[:i], gt[i+1:]
			}
			if imp != "" && !strings.ContainsAny(imp, "./") && !isStdPackage(imp) {
				msg := fmt.Sprintf("x-go-type %q: %q is not a standard-library import path; give the full import path", gt, imp)
				if full := stdPackageNamed(imp); full != "" {
					msg += fmt.Sprintf(", e.g. %q", full+"."+name)
				} else {
					msg += ", e.g. \"example.com/mod/pkg." + name + "\""
				}
				b.fail(s.Location+"/x-go-type", "%s", msg)
				return &Type{Kind: TAny}, false
			}
			return &Type{Kind: TExtern, ImportPath: imp, Name: name}, b.isNullableSchema(s)
		}
	}
	if b.wantsNamed(s) {
		n := b.declare(s, hint, prioInline)
		b.fill(s, n)
		return &Type{Kind: TNamed, Named: n}, b.isNullableSchema(s)
	}
	sh := shapeOf(s)
	// oneOf/anyOf with a single non-null branch: that branch, nullable.
	for _, branches := range [][]*jsonschema.Schema{s.OneOf, s.AnyOf} {
		if len(branches) == 0 {
			continue
		}
		rest, hadNull := nullBranch(branches)
		if len(rest) == 1 && sh.types == nil && s.Properties == nil {
			t, n := b.typeFor(rest[0], hint)
			return t, n || hadNull
		}
	}
	t = b.scalarOrContainer(s, sh, hint)
	if b.cur != nil && (len(b.dynamicKeywords(nil, sh.parts)) > 0 || (t.Kind == TAny && !t.Checks.Empty())) {
		b.cur.dynamic = true
	}
	return t, sh.nullable
}

// isNullableSchema reports whether null is among the values a schema accepts, as far as the
// type goes (type lists, enum with null, a null branch).
func (b *builder) isNullableSchema(s *jsonschema.Schema) bool {
	for hops := 0; hops < 64; hops++ {
		r := pureRef(s)
		if r == nil {
			break
		}
		s = r
	}
	sh := shapeOf(s)
	if sh.nullable {
		return true
	}
	for _, br := range [][]*jsonschema.Schema{s.OneOf, s.AnyOf} {
		if _, had := nullBranch(br); had && len(br) > 0 {
			return true
		}
	}
	return false
}

// wantsNamed: objects, enums and unions are declared types; arrays, maps and scalars are not
// (unless they are entries or $ref targets with constraints).
func (b *builder) wantsNamed(s *jsonschema.Schema) bool {
	if s.Bool != nil {
		return false
	}
	if r := pureRef(s); r != nil {
		return b.wantsNamed(r)
	}
	sh := shapeOf(s)
	if sh.hasEnum && len(sh.enum) > 0 && enumBase(sh.enum) != "" {
		return true
	}
	if _, _, ok := openEnum(s); ok {
		return true
	}
	if sh.isObjectish() && !isPlainMap(s, sh) {
		return true
	}
	if b.unionBranches(s) != nil {
		return true
	}
	if sh.types != nil && len(sh.types) > 1 {
		return true
	}
	return false
}

// isPlainMap: an object with no declared properties and an additionalProperties schema.
func isPlainMap(s *jsonschema.Schema, sh *shape) bool {
	if declaresNothing(sh) {
		return true
	}
	for _, p := range sh.parts {
		if len(p.Properties) > 0 || len(p.Required) > 0 || len(p.OneOf)+len(p.AnyOf) > 0 {
			return false
		}
	}
	for _, p := range sh.parts {
		if _, ok := p.AdditionalProperties.(*jsonschema.Schema); ok {
			return true
		}
		if ap, ok := p.AdditionalProperties.(bool); ok && ap {
			return true // {"type": "object", "additionalProperties": true}: map[string]any
		}
		if len(p.PatternProperties) > 0 {
			return true
		}
	}
	return false
}

func enumBase(vals []any) string {
	base := ""
	for _, v := range vals {
		t := jsonTypeOf(v)
		if t == "integer" && base == "number" {
			continue
		}
		if t == "number" && base == "integer" {
			base = "number"
			continue
		}
		if base == "" {
			base = t
		} else if base != t {
			return ""
		}
	}
	switch base {
	case "string", "integer", "number", "boolean":
		return base
	}
	return ""
}

// unionBranches returns the oneOf/anyOf branches (without a null branch) when they make s a
// union: two or more branches, and s itself declares no properties of its own.
func (b *builder) unionBranches(s *jsonschema.Schema) []*jsonschema.Schema {
	if len(s.Properties) > 0 {
		return nil
	}
	if _, _, ok := openEnum(s); ok {
		return nil
	}
	for _, branches := range [][]*jsonschema.Schema{s.OneOf, s.AnyOf} {
		rest, _ := nullBranch(branches)
		if len(rest) < 2 {
			continue
		}
		// Branches that only add constraints (no type, no properties, no ref) do not make a union.
		typed := 0
		for _, br := range rest {
			bs := shapeOf(br)
			if bs.types != nil || bs.isObjectish() || bs.isArrayish() || pureRef(br) != nil || bs.hasEnum || bs.konst != nil {
				typed++
			}
		}
		if typed == len(rest) {
			return rest
		}
	}
	return nil
}

// refName names the target of a $ref from its location: a definition's key, a file's name.
func (b *builder) refName(s *jsonschema.Schema, hint string) string {
	if d, ptr, ok := b.res.Locate(s.Location); ok {
		toks := strings.Split(ptr, "/")
		if n := len(toks); n >= 3 && (toks[n-2] == "$defs" || toks[n-2] == "definitions") {
			return unescape(toks[n-1])
		}
		if ptr == "" {
			if s.Title != "" && len(s.Title) < 40 {
				return s.Title
			}
			name := d.Display
			if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
				name = name[i+1:]
			}
			return strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".schema")
		}
	}
	return hint
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// fill builds the body of a declared named type, and marks it dynamic when its schema has
// keywords the typed Validate cannot check.
func (b *builder) fill(s *jsonschema.Schema, n *Named) {
	if n.Struct != nil || n.Enum != nil || n.Union != nil || n.Alias != nil {
		return
	}
	prev := b.cur
	b.cur = n
	defer func() { b.cur = prev }()
	b.fillBody(s, n)
	if n.Kind == KindAlias && n.Alias != nil && n.Alias.Kind == TNamed && pureRef(s) != nil {
		return // a defined type over another: the target checks itself
	}
	sh := shapeOf(s)
	for _, p := range sh.parts {
		// The typed path follows a $dynamicRef to its static target (flatten).
		if scopedDynamicRef(p) != "" {
			n.dynamic = true // the dynamic validator resolves it in the dynamic scope
		}
		if p.RecursiveRef != nil && p.RecursiveRef.RecursiveAnchor {
			n.dynamic = true // the dynamic validator resolves it in the dynamic scope
		}
	}
	if kws := b.dynamicKeywords(n, sh.parts); len(kws) > 0 || multiTypeLosesObject(sh) {
		n.dynamic = true
	}
	if n.Kind == KindStruct && n.Struct.NonObject {
		n.dynamic = true // the dynamic validator checks the values that are not objects
	}
	if n.Kind == KindAlias && n.Alias != nil && n.Alias.Kind == TAny && (!n.Alias.Checks.Empty() || sh.hasEnum || sh.konst != nil || sh.nullable) {
		n.dynamic = true // constraints on a value of any JSON type
	}
}

func (b *builder) fillBody(s *jsonschema.Schema, n *Named) {
	if r := pureRef(s); r != nil {
		// An entry that is only a reference: a defined type over the target.
		t, _ := b.typeFor(r, n.want+"Target")
		n.Kind, n.Alias = KindAlias, t
		return
	}
	sh := shapeOf(s)
	switch {
	case sh.hasEnum && len(sh.enum) > 0 && enumBase(sh.enum) != "":
		n.Kind = KindEnum
		n.Enum = &Enum{Base: baseKind(enumBase(sh.enum))}
		for _, v := range sh.enum {
			n.Enum.Values = append(n.Enum.Values, &EnumValue{Value: enumLiteral(v)})
		}
		return
	}
	if vals, base, ok := openEnum(s); ok {
		n.Kind = KindEnum
		n.Enum = &Enum{Base: baseKind(base), Open: true}
		for _, v := range vals {
			n.Enum.Values = append(n.Enum.Values, &EnumValue{Value: enumLiteral(v)})
		}
		return
	}
	if sh.isObjectish() && !isPlainMap(s, sh) {
		n.Kind = KindStruct
		// No declared type: the object shape is inferred and other JSON values are valid too.
		n.Struct = &Struct{NonObject: sh.types == nil}
		b.buildStruct(s, sh, n)
		return
	}
	if brs := b.unionBranches(s); brs != nil {
		n.Kind = KindUnion
		b.buildUnion(s, brs, n)
		return
	}
	if sh.types != nil && len(sh.types) > 1 {
		n.Kind = KindUnion
		n.Union = &Union{OneOf: true, Nullable: sh.nullable}
		if sh.types["object"] && declaresMembers(sh) {
			n.dynamic = true // open.go: the object branch is a map
		}
		for _, t := range b.declaredTypes(s, sh) {
			tt := b.scalarOrContainerOfType(s, sh, t, n.want+naming.Exported(t))
			n.Union.Variants = append(n.Union.Variants, &Variant{Type: tt})
		}
		return
	}
	n.Kind = KindAlias
	n.Alias = b.scalarOrContainer(s, sh, n.Name)
}

// declaredTypes lists the types of a multi-type schema in the order the schema declares them.
func (b *builder) declaredTypes(s *jsonschema.Schema, sh *shape) []string {
	raw := b.raw(s)
	arr, _ := raw["type"].([]any)
	var out []string
	seen := map[string]bool{}
	for _, v := range arr {
		if t, ok := v.(string); ok && sh.types[t] && !seen[t] {
			out = append(out, t)
			seen[t] = true
		}
	}
	for _, t := range sortedTypes(sh.types) {
		if !seen[t] {
			out = append(out, t)
		}
	}
	return out
}

func sortedTypes(m map[string]bool) []string {
	order := []string{"boolean", "integer", "number", "string", "array", "object"}
	var out []string
	for _, t := range order {
		if m[t] {
			out = append(out, t)
		}
	}
	return out
}

func baseKind(t string) TypeKind {
	switch t {
	case "integer":
		return TInt
	case "number":
		return TFloat
	case "boolean":
		return TBool
	}
	return TString
}

// enumLiteral is the text of an enum value: a string's content, or a number's JSON text.
func enumLiteral(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return jsonText(v)
}

// scalarOrContainer types a schema that is not a declared type.
func (b *builder) scalarOrContainer(s *jsonschema.Schema, sh *shape, hint string) *Type {
	if sh.types == nil {
		switch {
		case sh.isArrayish() || sh.isObjectish():
			// items, patternProperties, ... without a type: they apply to arrays or objects
			// only, and every other JSON value is valid too (open.go).
			return b.untypedContainer(sh)
		case sh.konst != nil:
			return b.scalarOrContainerOfType(s, sh, jsonTypeOf(*sh.konst), hint)
		case sh.hasEnum && enumBase(sh.enum) != "":
			return b.scalarOrContainerOfType(s, sh, enumBase(sh.enum), hint)
		}
		t := &Type{Kind: TAny}
		t.Checks = b.checks(sh, "")
		return t
	}
	for _, t := range sortedTypes(sh.types) {
		return b.scalarOrContainerOfType(s, sh, t, hint)
	}
	// Only null: a value that is always null, any in Go; the dynamic validator checks that it is.
	if b.cur != nil {
		b.cur.dynamic = true
	}
	return &Type{Kind: TAny, Checks: b.checks(sh, "")}
}

func (b *builder) scalarOrContainerOfType(s *jsonschema.Schema, sh *shape, jt, hint string) *Type {
	t := &Type{}
	switch jt {
	case "boolean":
		t.Kind = TBool
	case "integer":
		t.Kind = TInt
	case "number":
		t.Kind = TFloat
	case "string":
		t.Kind = TString
		for _, p := range sh.parts {
			if b.format(p) == "date-time" && !b.opts.NoFormatAssertion {
				t.Kind = TTime
			}
		}
	case "array":
		t.Kind = TSlice
		var items *jsonschema.Schema
		for _, p := range sh.parts {
			if p.Items2020 != nil {
				items = p.Items2020
			} else if is, ok := p.Items.(*jsonschema.Schema); ok {
				items = is
			}
			if p.PrefixItems != nil || isTupleItems(p) {
				items = nil
				break
			}
		}
		if items != nil {
			et, null := b.typeFor(items, hint+"Item")
			t.Elem = b.nullableElem(et, null)
		} else {
			t.Elem = &Type{Kind: TAny}
		}
	case "object":
		t.Kind = TMap
		var ap *jsonschema.Schema
		for _, p := range sh.parts {
			if a, ok := p.AdditionalProperties.(*jsonschema.Schema); ok {
				ap = a
			}
		}
		if ap != nil {
			et, null := b.typeFor(ap, hint+"Value")
			t.Elem = b.nullableElem(et, null)
		} else {
			t.Elem = b.patternElem(sh, hint)
		}
	default:
		t.Kind = TAny
	}
	t.Checks = b.checks(sh, jt)
	return t
}

// patternElem types the values of a map whose keys are constrained by patternProperties: the
// pattern schemas' type when they all agree (closed maps, or maps where other keys may not
// exist), and any otherwise.
func (b *builder) patternElem(sh *shape, hint string) *Type {
	var elem *Type
	closed := false
	for _, p := range sh.parts {
		if ap, ok := p.AdditionalProperties.(bool); ok && !ap {
			closed = true
		}
		if ap, ok := p.AdditionalProperties.(*jsonschema.Schema); ok && ap.Bool != nil && !*ap.Bool {
			closed = true
		}
	}
	for _, p := range sh.parts {
		var pats []string
		m := map[string]*jsonschema.Schema{}
		for re, ps := range p.PatternProperties {
			pats = append(pats, re.String())
			m[re.String()] = ps
		}
		sort.Strings(pats)
		for _, pat := range pats {
			et, null := b.typeFor(m[pat], hint+"Value")
			et = b.nullableElem(et, null)
			if elem == nil {
				elem = et
			} else if !sameKind(elem, et) {
				return &Type{Kind: TAny}
			}
		}
	}
	if elem == nil || !closed {
		return &Type{Kind: TAny}
	}
	return elem
}

func sameKind(a, b *Type) bool {
	if a.Kind != b.Kind {
		return false
	}
	if a.Kind == TNamed {
		return a.Named == b.Named
	}
	if a.Kind == TSlice || a.Kind == TMap {
		return sameKind(a.Elem, b.Elem)
	}
	return true
}

// nullableElem types the items of an array or the values of a map: items or values that may
// be null are typed any, their type and constraints left to the dynamic validator (a slice or
// map element has no pointer to tell null apart).
func (b *builder) nullableElem(et *Type, null bool) *Type {
	if !null || et.Kind == TAny || et.Kind == TRaw {
		return et
	}
	switch et.Kind {
	case TBool, TInt, TFloat, TString, TTime, TNamed, TExtern:
		// A pointer tells null (nil) from every value; the element keeps its checks.
		return &Type{Kind: TPtr, Elem: et}
	}
	if b.cur != nil {
		b.cur.dynamic = true
	}
	return &Type{Kind: TAny}
}

func isTupleItems(p *jsonschema.Schema) bool {
	_, ok := p.Items.([]*jsonschema.Schema)
	return ok
}

// checks gathers the constraints of the parts that apply to a value of JSON type jt.
func (b *builder) checks(sh *shape, jt string) *Checks {
	c := &Checks{}
	for _, p := range sh.parts {
		c.Minimum = maxRat(c.Minimum, p.Minimum)
		c.ExclusiveMinimum = maxRat(c.ExclusiveMinimum, p.ExclusiveMinimum)
		c.Maximum = minRat(c.Maximum, p.Maximum)
		c.ExclusiveMaximum = minRat(c.ExclusiveMaximum, p.ExclusiveMaximum)
		c.MultipleOf = lcmRat(c.MultipleOf, p.MultipleOf) // merge.go: a multiple of every part's
		c.MinLength = maxInt(c.MinLength, p.MinLength)
		c.MaxLength = minInt(c.MaxLength, p.MaxLength)
		if p.Pattern != nil {
			c.Patterns = append(c.Patterns, p.Pattern.String())
		}
		if f := b.format(p); f != "" && !b.opts.NoFormatAssertion && !(jt == "string" && f == "date-time") {
			if c.Format != "" && c.Format != f && b.cur != nil {
				b.cur.dynamic = true // two formats: the dynamic validator checks each part's
			}
			c.Format = f
		}
		c.MinItems = maxInt(c.MinItems, p.MinItems)
		c.MaxItems = minInt(c.MaxItems, p.MaxItems)
		c.UniqueItems = c.UniqueItems || p.UniqueItems
		c.MinProperties = maxInt(c.MinProperties, p.MinProperties)
		c.MaxProperties = minInt(c.MaxProperties, p.MaxProperties)
	}
	if sh.hasEnum && len(c.Enum) == 0 {
		for _, v := range sh.enum {
			c.Enum = append(c.Enum, jsonText(v))
		}
		if sh.nullable {
			c.Enum = append(c.Enum, "null")
		}
	}
	if sh.konst != nil {
		c.Enum = []string{jsonText(*sh.konst)}
		c.Const = true
	}
	if len(sh.parts) > 0 {
		b.checkMerge(sh.parts[len(sh.parts)-1].Location, sh, c) // merge.go
	}
	if c.Empty() {
		return nil
	}
	return c
}

func maxRat(a, b *big.Rat) *big.Rat {
	if b == nil {
		return a
	}
	if a == nil || b.Cmp(a) > 0 {
		return b
	}
	return a
}

func minRat(a, b *big.Rat) *big.Rat {
	if b == nil {
		return a
	}
	if a == nil || b.Cmp(a) < 0 {
		return b
	}
	return a
}

func maxInt(a, b *int) *int {
	if b == nil {
		return a
	}
	if a == nil || *b > *a {
		return b
	}
	return a
}

func minInt(a, b *int) *int {
	if b == nil {
		return a
	}
	if a == nil || *b < *a {
		return b
	}
	return a
}

// buildStruct merges the object parts into struct fields, in declaration order.
func (b *builder) buildStruct(s *jsonschema.Schema, sh *shape, n *Named) {
	st := n.Struct
	type prop struct {
		name    string
		schemas []*jsonschema.Schema
	}
	var props []*prop
	byName := map[string]*prop{}
	required := map[string]bool{}
	requiredAt := map[string]string{}
	for _, p := range sh.parts {
		for _, r := range p.Required {
			if !required[r] {
				requiredAt[r] = b.res.Display(p.Location)
			}
			required[r] = true
		}
		keys := b.res.KeyOrder(p.Location + "/properties")
		if len(keys) != len(p.Properties) {
			keys = keys[:0:0]
			for k := range p.Properties {
				keys = append(keys, k)
			}
			sort.Strings(keys)
		}
		for _, k := range keys {
			ps, ok := p.Properties[k]
			if !ok {
				continue
			}
			pr := byName[k]
			if pr == nil {
				pr = &prop{name: k}
				byName[k] = pr
				props = append(props, pr)
			}
			pr.schemas = append(pr.schemas, ps)
		}
		switch ap := p.AdditionalProperties.(type) {
		case bool:
			if !ap {
				st.Closed = true
			} else if st.Extra == nil {
				st.Extra = &Type{Kind: TRaw}
			}
		case *jsonschema.Schema:
			if ap.Bool != nil && !*ap.Bool {
				st.Closed = true
			} else {
				et, _ := b.typeFor(ap, n.want+"Value")
				st.Extra = et
			}
		}
		if len(p.PatternProperties) > 0 {
			var pats []string
			m := map[string]*jsonschema.Schema{}
			for re, ps := range p.PatternProperties {
				pats = append(pats, re.String())
				m[re.String()] = ps
			}
			sort.Strings(pats)
			for _, pat := range pats {
				et, _ := b.typeFor(m[pat], n.want+"Pattern")
				st.Patterns = append(st.Patterns, &PatternProp{Pattern: pat, Type: et})
			}
			if st.Extra == nil {
				st.Extra = &Type{Kind: TRaw}
			}
		}
	}
	// One map holds every undeclared key, those of patternProperties too: it is raw JSON unless
	// all of them share the type of additionalProperties.
	if st.Extra != nil && st.Extra.Kind != TRaw {
		for _, pp := range st.Patterns {
			if !sameKind(pp.Type, st.Extra) {
				st.Extra = &Type{Kind: TRaw}
				break
			}
		}
	}
	// additionalProperties applies to the names its own schema object does not declare, even
	// when another allOf part declares them: the typed struct cannot tell, the dynamic one can.
	for _, p := range sh.parts {
		if ap, ok := p.AdditionalProperties.(bool); p.AdditionalProperties == nil || (ok && ap) {
			continue
		}
		for name := range byName {
			if _, own := p.Properties[name]; own {
				continue
			}
			matched := false
			for re := range p.PatternProperties {
				if re.MatchString(name) {
					matched = true
				}
			}
			if !matched {
				n.dynamic = true
			}
		}
	}
	for r := range required {
		if byName[r] != nil {
			continue
		}
		for _, p := range sh.parts {
			if ap, ok := p.AdditionalProperties.(bool); ok && !ap {
				n.dynamic = true // a required name that additionalProperties: false rejects
			}
			if _, ok := p.AdditionalProperties.(*jsonschema.Schema); ok {
				n.dynamic = true
			}
		}
	}
	// Required names that no part declares still must be present: they become fields of type any.
	var reqOnly []string
	for r := range required {
		if byName[r] == nil {
			reqOnly = append(reqOnly, r)
		}
	}
	sort.Strings(reqOnly)
	for _, r := range reqOnly {
		pr := &prop{name: r}
		byName[r] = pr
		props = append(props, pr)
	}
	var reqs []naming.Request
	fields := map[string]*Field{}
	for _, pr := range props {
		f := &Field{JSONName: pr.name, Required: required[pr.name], RequiredAt: requiredAt[pr.name]}
		want := pr.name
		prio := 1
		forced := false
		var main *jsonschema.Schema
		for _, ps := range pr.schemas {
			if ps.Description != "" && f.Doc == "" {
				f.Doc = strings.TrimSpace(ps.Description)
			}
			if ps.Deprecated {
				f.Deprecated = true
			}
			if raw := b.raw(ps); raw != nil {
				if x, ok := raw["x-go-name"].(string); ok && x != "" {
					want, prio, forced = x, 0, true
				}
			}
			if ps.Const != nil {
				f.Const = jsonText(*ps.Const)
			}
			if main == nil || (shapeOf(main).types == nil && pureRef(main) == nil && shapeOf(ps).types != nil) || (main.Const == nil && ps.Const == nil && pureRef(ps) != nil) {
				main = ps
			}
		}
		fieldName := naming.Exported(want)
		if fieldName == "" {
			fieldName = "Field"
		}
		if main == nil {
			f.Type = &Type{Kind: TAny}
		} else {
			var null bool
			f.Type, null = b.typeFor(main, n.want+fieldName)
			for _, ps := range pr.schemas {
				if ps != main {
					if b.isNullableSchema(ps) != null && shapeOf(ps).types != nil {
						null = null && b.isNullableSchema(ps)
					}
					extra := b.checks(shapeOf(ps), "")
					var lossy bool
					f.Type.Checks, lossy = mergeChecks(f.Type.Checks, extra)
					if lossy {
						n.dynamic = true // the dynamic validator checks each sibling schema
					}
				}
			}
			f.Nullable = null || (f.Type.Kind == TAny && anyAdmitsNull(main)) // open.go
		}
		f.Presence = presence(f)
		if f.Type.Kind == TAny && !f.Type.Checks.Empty() {
			n.dynamic = true // constraints on an untyped value
		}
		for _, ps := range pr.schemas {
			if ps != main && (len(b.dynamicKeywords(nil, flatten(ps))) > 0 || (f.Type.Kind == TNamed && !namedExtraChecked(b.checks(shapeOf(ps), ""), ps))) {
				n.dynamic = true // a sibling schema of the property adds what the typed path misses
			}
		}
		w := naming.Exported(want)
		if w == "" {
			w = "Field"
		}
		reqs = append(reqs, naming.Request{Key: pr.name, Want: w, Priority: prio, Forced: forced})
		fields[pr.name] = f
		st.Fields = append(st.Fields, f)
	}
	reserved := []string{"AdditionalProperties", "Validate", "MarshalJSON", "UnmarshalJSON", "String"}
	names, err := naming.Resolve(reqs, reserved)
	if err != nil {
		b.fail(s.Location, "field names: %v", err)
		return
	}
	for k, f := range fields {
		f.Name = names[k]
	}
	n.Checks = b.checks(sh, "object")
	if n.Checks != nil {
		n.Checks.Enum = nil
		if n.Checks.Empty() {
			n.Checks = nil
		}
	}
}

// refsDynamic reports whether a type holds a dynamic named type, directly or through other
// named types.
func refsDynamic(n *Named) bool {
	seen := map[*Named]bool{n: true}
	var in func(t *Type) bool
	in = func(t *Type) bool {
		if t == nil {
			return false
		}
		if t.Kind == TNamed {
			if t.Named.dynamic {
				return true
			}
			if seen[t.Named] {
				return false
			}
			seen[t.Named] = true
			return namedRefs(t.Named, in)
		}
		return in(t.Elem)
	}
	return namedRefs(n, in)
}

// namedRefs reports whether in holds for a type n uses.
func namedRefs(n *Named, in func(*Type) bool) bool {
	if n.Struct != nil {
		for _, f := range n.Struct.Fields {
			if in(f.Type) {
				return true
			}
		}
		if in(n.Struct.Extra) {
			return true
		}
		for _, p := range n.Struct.Patterns {
			if in(p.Type) {
				return true
			}
		}
	}
	if n.Union != nil {
		for _, v := range n.Union.Variants {
			if in(v.Type) {
				return true
			}
		}
	}
	return in(n.Alias)
}

// namedExtraChecked reports whether the constraints c of a sibling schema ps of a property of
// a named type are checked by the typed path: only a const is (through Field.Const).
func namedExtraChecked(c *Checks, ps *jsonschema.Schema) bool {
	if c == nil {
		return true
	}
	cp := *c
	if ps.Const != nil {
		cp.Enum, cp.Const = nil, false
	}
	return cp.Empty()
}

func presence(f *Field) Presence {
	nilable := f.Type.Kind == TSlice || f.Type.Kind == TMap || f.Type.Kind == TAny || f.Type.Kind == TRaw
	switch {
	case f.Required && !f.Nullable:
		return PresValue
	case f.Required && f.Nullable, !f.Required && !f.Nullable:
		if nilable {
			return PresNil
		}
		return PresPointer
	default:
		// Raw JSON keeps null as the text "null"; any needs Nullable to tell null from absent.
		if f.Type.Kind == TRaw {
			return PresNil
		}
		return PresNullable
	}
}

// buildUnion types each branch and looks for a discriminator.
func (b *builder) buildUnion(s *jsonschema.Schema, brs []*jsonschema.Schema, n *Named) {
	_, hadNull := nullBranch(append(append([]*jsonschema.Schema{}, s.OneOf...), s.AnyOf...))
	u := &Union{OneOf: len(s.OneOf) > 0, Nullable: hadNull}
	if len(s.OneOf) == 0 {
		u.OneOf = false
	}
	n.Union = u
	for i, br := range brs {
		hint := n.want + "Option" + strconv.Itoa(i+1)
		t, _ := b.typeFor(br, hint)
		u.Variants = append(u.Variants, &Variant{Type: t})
	}
	u.Discriminator = discriminator(u)
	u.Dispatch = inferDispatch(brs)
	if u.Discriminator != "" {
		for _, v := range u.Variants {
			for _, f := range v.Type.Named.Struct.Fields {
				if f.JSONName == u.Discriminator {
					v.Values = constValues(f)
				}
			}
		}
	}
}

// nameVariants names the fields of a union wrapper once type names are final: a branch of a
// named type is called after it, others after their JSON type.
func (b *builder) nameVariants(n *Named) {
	var reqs []naming.Request
	for i, v := range n.Union.Variants {
		reqs = append(reqs, naming.Request{Key: strconv.Itoa(i), Want: variantName(v.Type, i), Priority: 1})
	}
	reserved := []string{"Validate", "MarshalJSON", "UnmarshalJSON"}
	if n.Union.Nullable {
		reserved = append(reserved, "Null")
	}
	names, err := naming.Resolve(reqs, reserved)
	if err != nil {
		b.fail(n.Location, "union branch names: %v", err)
		return
	}
	for i, v := range n.Union.Variants {
		v.Name = names[strconv.Itoa(i)]
	}
}

func variantName(t *Type, i int) string {
	switch t.Kind {
	case TNamed:
		return t.Named.Name
	case TString:
		return "String"
	case TInt:
		return "Integer"
	case TFloat:
		return "Number"
	case TBool:
		return "Boolean"
	case TTime:
		return "Time"
	case TSlice:
		return "Array"
	case TMap:
		return "Object"
	}
	return "Value" + strconv.Itoa(i+1)
}

func constValues(f *Field) []string {
	if f.Const != "" {
		var v string
		if json.Unmarshal([]byte(f.Const), &v) == nil {
			return []string{v}
		}
	}
	if f.Type.Kind == TNamed && f.Type.Named.Kind == KindEnum && !f.Type.Named.Enum.Open && f.Type.Named.Enum.Base == TString {
		var out []string
		for _, v := range f.Type.Named.Enum.Values {
			out = append(out, v.Value)
		}
		return out
	}
	if f.Type.Checks != nil && len(f.Type.Checks.Enum) > 0 {
		var out []string
		for _, e := range f.Type.Checks.Enum {
			var v string
			if json.Unmarshal([]byte(e), &v) != nil {
				return nil
			}
			out = append(out, v)
		}
		return out
	}
	return nil
}

// discriminator finds a required property that every branch (a struct) fixes to distinct
// string values.
func discriminator(u *Union) string {
	var cands []string
	for i, v := range u.Variants {
		if v.Type.Kind != TNamed || v.Type.Named.Kind != KindStruct || v.Type.Named.Struct == nil {
			return ""
		}
		var here []string
		for _, f := range v.Type.Named.Struct.Fields {
			if f.Required && len(constValues(f)) > 0 {
				here = append(here, f.JSONName)
			}
		}
		if i == 0 {
			cands = here
			continue
		}
		var keep []string
		for _, c := range cands {
			for _, h := range here {
				if c == h {
					keep = append(keep, c)
				}
			}
		}
		cands = keep
	}
	for _, c := range cands {
		seen := map[string]bool{}
		ok := true
		for _, v := range u.Variants {
			for _, f := range v.Type.Named.Struct.Fields {
				if f.JSONName != c {
					continue
				}
				for _, val := range constValues(f) {
					if seen[val] {
						ok = false
					}
					seen[val] = true
				}
			}
		}
		if ok {
			return c
		}
	}
	return ""
}

// dynamicKeywords lists the keywords of the parts that the typed Validate cannot check (n is
// the named type they describe, nil for an inline schema): a type with any is validated by its
// dynamic node instead.
func (b *builder) dynamicKeywords(n *Named, parts []*jsonschema.Schema) []string {
	var out []string
	for _, p := range parts {
		loc := b.res.Display(p.Location)
		add := func(kw string) { out = append(out, kw+" at "+loc) }
		if p.Not != nil {
			add("not")
		}
		if p.If != nil {
			add("if/then/else")
		}
		if len(p.DependentSchemas) > 0 || len(p.Dependencies) > 0 {
			add("dependencies")
		}
		if len(p.DependentRequired) > 0 {
			add("dependentRequired")
		}
		if p.PropertyNames != nil {
			add("propertyNames")
		}
		if p.Contains != nil {
			add("contains")
		}
		if p.UnevaluatedProperties != nil {
			add("unevaluatedProperties")
		}
		if p.UnevaluatedItems != nil {
			add("unevaluatedItems")
		}
		if p.PrefixItems != nil || isTupleItems(p) {
			add("prefixItems")
		}
		if isFalse(p.Items2020) || isFalse(p.Items) {
			add("items: false")
		}
		if (len(p.OneOf) > 0 || len(p.AnyOf) > 0) && (n == nil || (n.Kind != KindUnion && !(n.Kind == KindEnum && n.Enum.Open))) {
			if _, _, ok := openEnum(p); !ok {
				if rest, _ := nullBranch(append(append([]*jsonschema.Schema{}, p.OneOf...), p.AnyOf...)); !(n == nil && len(rest) <= 1) {
					add("oneOf/anyOf")
				}
			}
		}
		if p.Bool != nil && !*p.Bool {
			add("false schema")
		}
		if len(p.PatternProperties) > 0 {
			add("patternProperties")
		}
	}
	return out
}

func isFalse(s any) bool {
	switch s := s.(type) {
	case *jsonschema.Schema:
		return s != nil && s.Bool != nil && !*s.Bool
	case bool:
		return !s
	}
	return false
}

// checkAliasCycles rejects $ref chains that lead back to themselves without an object, array
// or union in between ({"$ref": "#/$defs/B"} in A and {"$ref": "#/$defs/A"} in B): no Go type
// can express them.
func (b *builder) checkAliasCycles() error {
	state := map[*Named]int{} // 1: on the current chain, 2: done
	for _, n := range b.order {
		var chain []*Named
		cur := n
		for cur != nil && cur.Kind == KindAlias && state[cur] == 0 {
			state[cur] = 1
			chain = append(chain, cur)
			if cur.Alias == nil || cur.Alias.Kind != TNamed {
				break
			}
			next := cur.Alias.Named
			if state[next] == 1 {
				var locs []string
				for _, c := range chain {
					locs = append(locs, c.Location)
				}
				return &Error{Location: next.Location, Msg: "cyclic $ref that cannot be typed: " + strings.Join(locs, " -> ") + " -> " + next.Location}
			}
			cur = next
		}
		for _, c := range chain {
			state[c] = 2
		}
	}
	return nil
}

// format reads a schema's format keyword (the compiler keeps only the formats it asserts).
func (b *builder) format(s *jsonschema.Schema) string {
	if raw := b.raw(s); raw != nil {
		if f, ok := raw["format"].(string); ok {
			return f
		}
	}
	return ""
}

// nameEnumValues names the constants of an enum, resolving clashes within it.
func (b *builder) nameEnumValues(n *Named) {
	var reqs []naming.Request
	for i, v := range n.Enum.Values {
		reqs = append(reqs, naming.Request{Key: strconv.Itoa(i), Want: naming.EnumValue(n.Name, v.Value), Priority: 1})
	}
	names, err := naming.Resolve(reqs, nil)
	if err != nil {
		b.fail(n.Location, "enum constant names: %v", err)
		return
	}
	for i, v := range n.Enum.Values {
		v.Name = names[strconv.Itoa(i)]
		v.Doc = fmt.Sprintf("%s is the value %q.", v.Name, v.Value)
	}
}

// inlineAnyAliases replaces the defined types over any (a definition that accepts every JSON
// value, such as {} or an anyOf with an untyped branch) by any at every use: Go allows no
// methods on a named interface type, so `type X any` could not carry decodeJSON and Validate.
// The alias's own constraints move to the places it is used.
func (b *builder) inlineAnyAliases() {
	for {
		anyAlias := map[*Named]bool{}
		for _, n := range b.order {
			if n.Kind == KindAlias && n.Alias != nil && n.Alias.Kind == TAny {
				anyAlias[n] = true
			}
		}
		if len(anyAlias) == 0 {
			return
		}
		seen := map[*Type]bool{}
		var owner *Named
		var fix func(t *Type)
		fix = func(t *Type) {
			if t == nil || seen[t] {
				return
			}
			seen[t] = true
			if t.Kind == TNamed && anyAlias[t.Named] {
				if t.Named.dynamic || !t.Named.Alias.Checks.Empty() {
					owner.dynamic = true // the constraints of the any go with it
				}
				a := t.Named.Alias
				merged, lossy := mergeChecks(a.Checks, t.Checks)
				if lossy {
					owner.dynamic = true
				}
				*t = Type{Kind: TAny, Checks: merged}
				if t.Checks.Empty() {
					t.Checks = nil
				}
				return
			}
			fix(t.Elem)
		}
		var keep []*Named
		for _, n := range b.order {
			if anyAlias[n] {
				if n.dynamic {
					// Uses are any (checked by the type that holds them), but the definition
					// itself stays a type, a wrapper around the value, so it can be validated.
					n.Kind = KindAnyValue
					keep = append(keep, n)
				}
				continue
			}
			keep = append(keep, n)
			owner = n
			if n.Struct != nil {
				for _, f := range n.Struct.Fields {
					if f.Type.Kind == TNamed && anyAlias[f.Type.Named] && anyAdmitsNull(b.schemaOf[f.Type.Named]) {
						f.Nullable = true // open.go: an optional any that may be null is Nullable[any]
					}
					fix(f.Type)
					f.Presence = presence(f)
				}
				fix(n.Struct.Extra)
				for _, p := range n.Struct.Patterns {
					fix(p.Type)
				}
			}
			if n.Union != nil {
				for _, v := range n.Union.Variants {
					fix(v.Type)
				}
			}
			fix(n.Alias)
		}
		b.order = keep
	}
}
