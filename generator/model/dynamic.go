package model

import (
	"fmt"
	"github.com/namigen/namigen/generator/keyword"
	"sort"
	"strconv"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema is one schema node of the dynamic validator: a function over a decoded JSON value
// (any, numbers as json.Number) that implements every keyword of the node with its 2020-12
// semantics, including the annotations unevaluatedProperties and unevaluatedItems depend on.
// Named types whose schema uses keywords the typed Validate cannot check (not, if/then/else,
// contains, unevaluated*, ...) are validated by their node's function.
type Schema struct {
	// Location is the display location; keyword locations are Location + "/" + keyword.
	Location string
	// Func is the name of the generated function, given in location order by Build.
	Func string
	Bool *bool // a boolean schema

	Types []string // JSON types, "integer" included in "number" as JSON Schema says
	Enum  []string // JSON texts
	Const *string  // JSON text

	// Values are the bounds and uniqueItems (generator/keyword).
	keyword.Values
	Pattern string
	Format  string // asserted format, "" when none

	// PrefixItems apply to the leading items (keyword PrefixKeyword: "prefixItems", or "items"
	// as an array before 2020-12); Items to every item after them (ItemsKeyword: "items" or
	// "additionalItems").
	PrefixItems               []*Schema
	PrefixKeyword             string
	Items                     *Schema
	ItemsKeyword              string
	Contains                  *Schema
	UnevaluatedItems          *Schema
	Required                  []string
	Properties                []*PropSchema
	PatternProperties         []*PatternSchema
	AdditionalProperties      *Schema
	PropertyNames             *Schema
	DependentRequired         []*DepRequired
	DependentSchemas          []*PropSchema
	DependentSchemasKeyword   string // "dependentSchemas" or "dependencies"
	UnevaluatedProperties     *Schema
	AllOf, AnyOf, OneOf       []*Schema
	Not, If, Then, Else       *Schema
	Ref, DynamicRef, RecurRef *Schema
	// keep: a boolean schema that still gets a function (it is a named type's Dyn).
	keep bool
	// scoped, when set, says that the $recursiveRef of this node names a recursive anchor,
	// whose target depends on the dynamic scope; it is resolved statically.
	scoped string
	// Resource numbers the schema resource of the node when the package resolves $dynamicRef
	// in the dynamic scope (0 otherwise); a function entering another resource records it.
	Resource int
	// DynamicAnchor is the anchor of a $dynamicRef resolved in the dynamic scope: the
	// outermost resource in scope with that $dynamicAnchor wins, DynamicRef is the fallback.
	DynamicAnchor string
	// RecursiveAnchor: the $recursiveRef is resolved in the dynamic scope (anchor
	// "$recursiveAnchor"), RecurRef is the fallback.
	RecursiveAnchor bool
}

// recursiveAnchor is the anchor name of $recursiveRef, which no $dynamicAnchor can take.
const recursiveAnchor = "$recursiveAnchor"

// DynamicAnchor lists, for one $dynamicAnchor name, the resources that define it.
type DynamicAnchor struct {
	Name    string
	Func    string // name of the generated resolver
	Targets []*AnchorTarget
}

// AnchorTarget is the schema a resource's $dynamicAnchor names.
type AnchorTarget struct {
	Resource int
	Schema   *Schema
}

// resourceOf is the schema resource (the schema with the nearest $id, or the document) of s,
// as load computes it from the documents the compiler was given; nil when unknown.
func (b *builder) resourceOf(s *jsonschema.Schema) *jsonschema.Schema {
	loc, ok := b.res.ResourceOf(s.Location)
	if !ok {
		return nil
	}
	r, err := b.res.Compile(loc)
	if err != nil {
		return nil
	}
	return r
}

// dynamicAnchorsOf lists the $dynamicAnchor schemas of a resource, by name.
func (b *builder) dynamicAnchorsOf(res *jsonschema.Schema) map[string]*jsonschema.Schema {
	out := map[string]*jsonschema.Schema{}
	for name, loc := range b.res.DynamicAnchors(res.Location) {
		if s, err := b.res.Compile(loc); err == nil {
			out[name] = s
		}
	}
	return out
}

// scopedDynamicRef reports the anchor of a $dynamicRef that the dynamic scope resolves: its
// static target has a $dynamicAnchor of the same name.
func scopedDynamicRef(s *jsonschema.Schema) string {
	if s.DynamicRef != nil && s.DynamicRef.Anchor != "" && s.DynamicRef.Ref != nil && s.DynamicRef.Ref.DynamicAnchor == s.DynamicRef.Anchor {
		return s.DynamicRef.Anchor
	}
	return ""
}

// dynamicScope prepares the dynamic resolution of $dynamicRef: every resource in reach gets a
// number, every $dynamicAnchor of those resources that some $dynamicRef names gets a node.
//
// A $recursiveRef (2019-09) to a schema with "$recursiveAnchor": true is the same mechanism
// under the reserved name "$recursiveAnchor": every resource whose root has it defines it.
func (b *builder) dynamicScope() []*DynamicAnchor {
	names := map[string]bool{}
	for s, d := range b.dyns {
		if a := scopedDynamicRef(s); a != "" {
			names[a] = true
			d.DynamicAnchor = a
		}
		if s.RecursiveRef != nil && s.RecursiveRef.RecursiveAnchor {
			names[recursiveAnchor] = true
			d.RecursiveAnchor = true
			d.scoped = ""
		}
	}
	if len(names) == 0 {
		return nil
	}
	byRes := map[*jsonschema.Schema]map[string]*jsonschema.Schema{}
	for changed := true; changed; {
		changed = false
		var all []*jsonschema.Schema
		for s := range b.dyns {
			all = append(all, s)
		}
		for _, s := range all {
			r := b.resourceOf(s)
			if r == nil || byRes[r] != nil {
				continue
			}
			byRes[r] = b.dynamicAnchorsOf(r)
			if r.RecursiveAnchor {
				byRes[r][recursiveAnchor] = r
			}
			for name, t := range byRes[r] {
				if names[name] && b.dyns[t] == nil {
					b.dyn(t)
					changed = true
				}
			}
		}
	}
	var locs []string
	resByLoc := map[string]*jsonschema.Schema{}
	for r := range byRes {
		locs = append(locs, r.Location)
		resByLoc[r.Location] = r
	}
	sort.Strings(locs)
	ids := map[*jsonschema.Schema]int{}
	for i, l := range locs {
		ids[resByLoc[l]] = i + 1
	}
	for s, d := range b.dyns {
		if r := b.resourceOf(s); r != nil {
			d.Resource = ids[r]
		}
	}
	var out []*DynamicAnchor
	for _, name := range sortedKeysOf(names) {
		da := &DynamicAnchor{Name: name, Func: "dynamicAnchor" + strconv.Itoa(len(out)+1)}
		for _, l := range locs {
			r := resByLoc[l]
			if t, ok := byRes[r][name]; ok {
				da.Targets = append(da.Targets, &AnchorTarget{Resource: ids[r], Schema: b.dyns[t]})
			}
		}
		out = append(out, da)
	}
	return out
}

// children lists the subschemas of d, for walks.
func (d *Schema) children() []*Schema {
	out := append([]*Schema{}, d.PrefixItems...)
	out = append(out, d.Items, d.Contains, d.UnevaluatedItems, d.AdditionalProperties, d.PropertyNames,
		d.UnevaluatedProperties, d.Not, d.If, d.Then, d.Else, d.Ref, d.DynamicRef, d.RecurRef)
	for _, p := range d.Properties {
		out = append(out, p.Schema)
	}
	for _, p := range d.PatternProperties {
		out = append(out, p.Schema)
	}
	for _, p := range d.DependentSchemas {
		out = append(out, p.Schema)
	}
	out = append(out, d.AllOf...)
	out = append(out, d.AnyOf...)
	return append(out, d.OneOf...)
}

// scopedRefs lists the dynamic references reachable from d that the generated code resolves
// statically, for the type's doc comment.
func scopedRefs(d *Schema) []string {
	seen := map[*Schema]bool{}
	var out []string
	var walk func(*Schema)
	walk = func(d *Schema) {
		if d == nil || seen[d] {
			return
		}
		seen[d] = true
		if d.scoped != "" {
			out = append(out, d.scoped)
		}
		for _, c := range d.children() {
			walk(c)
		}
	}
	walk(d)
	sort.Strings(out)
	return out
}

// PropSchema is a property name with its schema (properties, dependentSchemas).
type PropSchema struct {
	Name   string
	Schema *Schema
}

// PatternSchema is one patternProperties entry.
type PatternSchema struct {
	Pattern string
	Schema  *Schema
}

// DepRequired is one dependentRequired entry (or a dependencies entry with a name list).
type DepRequired struct {
	Name     string
	Required []string
	Keyword  string // "dependentRequired" or "dependencies"
}

// dyn returns the dynamic node of s, building it (and every node it reaches) on first use.
func (b *builder) dyn(s *jsonschema.Schema) *Schema {
	if s == nil {
		return nil
	}
	if d, ok := b.dyns[s]; ok {
		return d
	}
	d := &Schema{Location: b.res.Display(s.Location)}
	b.dyns[s] = d
	if s.Bool != nil {
		v := *s.Bool
		d.Bool = &v
		return d
	}
	if s.Types != nil && !s.Types.IsEmpty() {
		d.Types = s.Types.ToStrings()
	}
	if s.Enum != nil {
		d.Enum = []string{} // an empty enum accepts nothing
		for _, v := range s.Enum.Values {
			d.Enum = append(d.Enum, jsonText(v))
		}
	}
	if s.Const != nil {
		t := jsonText(*s.Const)
		d.Const = &t
	}
	d.Values = keyword.Read(s)
	if s.Pattern != nil {
		d.Pattern = s.Pattern.String()
	}
	if f := b.format(s); f != "" && !b.opts.NoFormatAssertion {
		d.Format = f
	}
	b.dynItems(s, d)
	b.dynObject(s, d)
	b.dynApplicators(s, d)
	return d
}

// dynItems fills the array applicators of a node.
func (b *builder) dynItems(s *jsonschema.Schema, d *Schema) {
	switch it := s.Items.(type) {
	case []*jsonschema.Schema:
		d.PrefixKeyword = "items"
		for _, p := range it {
			d.PrefixItems = append(d.PrefixItems, b.dyn(p))
		}
		switch ai := s.AdditionalItems.(type) {
		case bool:
			d.Items, d.ItemsKeyword = &Schema{Location: d.Location + "/additionalItems", Bool: &ai}, "additionalItems"
		case *jsonschema.Schema:
			d.Items, d.ItemsKeyword = b.dyn(ai), "additionalItems"
		}
	case *jsonschema.Schema:
		d.Items, d.ItemsKeyword = b.dyn(it), "items"
	}
	if s.PrefixItems != nil {
		d.PrefixKeyword = "prefixItems"
		for _, p := range s.PrefixItems {
			d.PrefixItems = append(d.PrefixItems, b.dyn(p))
		}
	}
	if s.Items2020 != nil {
		d.Items, d.ItemsKeyword = b.dyn(s.Items2020), "items"
	}
	d.Contains = b.dyn(s.Contains)
	d.UnevaluatedItems = b.dyn(s.UnevaluatedItems)
}

// dynObject fills the object keywords of a node but the bounds.
func (b *builder) dynObject(s *jsonschema.Schema, d *Schema) {
	d.Required = s.Required
	keys := b.res.KeyOrder(s.Location + "/properties")
	if len(keys) != len(s.Properties) {
		keys = sortedKeysOf(s.Properties)
	}
	for _, k := range keys {
		if ps, ok := s.Properties[k]; ok {
			d.Properties = append(d.Properties, &PropSchema{Name: k, Schema: b.dyn(ps)})
		}
	}
	var pats []string
	byPat := map[string]*jsonschema.Schema{}
	for re, ps := range s.PatternProperties {
		pats = append(pats, re.String())
		byPat[re.String()] = ps
	}
	sort.Strings(pats)
	for _, pat := range pats {
		d.PatternProperties = append(d.PatternProperties, &PatternSchema{Pattern: pat, Schema: b.dyn(byPat[pat])})
	}
	switch ap := s.AdditionalProperties.(type) {
	case bool:
		d.AdditionalProperties = &Schema{Location: d.Location + "/additionalProperties", Bool: &ap}
	case *jsonschema.Schema:
		d.AdditionalProperties = b.dyn(ap)
	}
	d.PropertyNames = b.dyn(s.PropertyNames)
	for _, k := range sortedKeysOf(s.DependentRequired) {
		d.DependentRequired = append(d.DependentRequired, &DepRequired{Name: k, Required: s.DependentRequired[k], Keyword: "dependentRequired"})
	}
	d.DependentSchemasKeyword = "dependentSchemas"
	for _, k := range sortedKeysOf(s.DependentSchemas) {
		d.DependentSchemas = append(d.DependentSchemas, &PropSchema{Name: k, Schema: b.dyn(s.DependentSchemas[k])})
	}
	for _, k := range sortedKeysOf(s.Dependencies) {
		switch dep := s.Dependencies[k].(type) {
		case []string:
			d.DependentRequired = append(d.DependentRequired, &DepRequired{Name: k, Required: dep, Keyword: "dependencies"})
		case *jsonschema.Schema:
			d.DependentSchemasKeyword = "dependencies"
			d.DependentSchemas = append(d.DependentSchemas, &PropSchema{Name: k, Schema: b.dyn(dep)})
		}
	}
}

// dynApplicators fills the in-place applicators and references of a node.
func (b *builder) dynApplicators(s *jsonschema.Schema, d *Schema) {
	d.UnevaluatedProperties = b.dyn(s.UnevaluatedProperties)
	for _, p := range s.AllOf {
		d.AllOf = append(d.AllOf, b.dyn(p))
	}
	for _, p := range s.AnyOf {
		d.AnyOf = append(d.AnyOf, b.dyn(p))
	}
	for _, p := range s.OneOf {
		d.OneOf = append(d.OneOf, b.dyn(p))
	}
	d.Not, d.If, d.Then, d.Else = b.dyn(s.Not), b.dyn(s.If), b.dyn(s.Then), b.dyn(s.Else)
	d.Ref = b.dyn(s.Ref)
	if s.DynamicRef != nil {
		d.DynamicRef = b.dyn(s.DynamicRef.Ref)
	}
	d.RecurRef = b.dyn(s.RecursiveRef)
	if s.RecursiveRef != nil && s.RecursiveRef.RecursiveAnchor {
		d.scoped = fmt.Sprintf("the dynamic scope of $recursiveRef at %s (resolved statically to %s)", d.Location, d.RecurRef.Location)
	}
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// nameSchemas gives every dynamic node its function name, in location order, so the output
// does not depend on the order the nodes were reached in.
func (b *builder) nameSchemas() []*Schema {
	var out []*Schema
	for _, d := range b.dyns {
		if d.Bool == nil || d.keep { // boolean schemas are checked in place
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Location < out[j].Location })
	for i, d := range out {
		d.Func = "schema" + strconv.Itoa(i+1)
	}
	return out
}
