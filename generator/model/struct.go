package model

import (
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
	"github.com/namigen/namigen/generator/naming"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// structProp is one property name with the schemas the object parts give it.
type structProp struct {
	name    string
	schemas []*jsonschema.Schema
}

// structProps is what the object parts of a struct declare: the properties in declaration
// order, and the required names with the location of the first part that requires each.
type structProps struct {
	props      []*structProp
	byName     map[string]*structProp
	required   map[string]bool
	requiredAt map[string]string
}

// buildStruct merges the object parts into struct fields, in declaration order.
func (b *builder) buildStruct(s *jsonschema.Schema, sh *shape, n *Named) {
	st := n.Struct
	sp := &structProps{byName: map[string]*structProp{}, required: map[string]bool{}, requiredAt: map[string]string{}}
	for _, p := range sh.parts {
		b.gatherPart(sp, p)
		b.undeclared(st, p, n)
	}
	settleExtra(st)
	if undeclaredNeedsDynamic(sh, sp) {
		n.dynamic = true
	}
	sp.addRequiredOnly()
	var reqs []naming.Request
	fields := map[string]*Field{}
	for _, pr := range sp.props {
		f, req := b.structField(pr, sp, n)
		reqs = append(reqs, req)
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

// gatherPart adds the required names and the properties of one object part, in the order of
// its document.
func (b *builder) gatherPart(sp *structProps, p *jsonschema.Schema) {
	for _, r := range p.Required {
		if !sp.required[r] {
			sp.requiredAt[r] = b.res.Display(p.Location)
		}
		sp.required[r] = true
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
		pr := sp.byName[k]
		if pr == nil {
			pr = &structProp{name: k}
			sp.byName[k] = pr
			sp.props = append(sp.props, pr)
		}
		pr.schemas = append(pr.schemas, ps)
	}
}

// undeclared applies one part's additionalProperties and patternProperties to the struct: a
// closed struct, or the map of undeclared members (Extra) and its patterns.
func (b *builder) undeclared(st *Struct, p *jsonschema.Schema, n *Named) {
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

// settleExtra: one map holds every undeclared key, those of patternProperties too: it is raw
// JSON unless all of them share the type of additionalProperties.
func settleExtra(st *Struct) {
	if st.Extra != nil && st.Extra.Kind != TRaw {
		for _, pp := range st.Patterns {
			if !sameKind(pp.Type, st.Extra) {
				st.Extra = &Type{Kind: TRaw}
				break
			}
		}
	}
}

// undeclaredNeedsDynamic reports whether additionalProperties needs the dynamic validator.
// additionalProperties applies to the names its own schema object does not declare, even when
// another allOf part declares them: the typed struct cannot tell, the dynamic one can. A
// required name that no part declares is rejected by additionalProperties: false and checked
// by an additionalProperties schema.
func undeclaredNeedsDynamic(sh *shape, sp *structProps) bool {
	dynamic := false
	for _, p := range sh.parts {
		if ap, ok := p.AdditionalProperties.(bool); p.AdditionalProperties == nil || (ok && ap) {
			continue
		}
		for name := range sp.byName {
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
				dynamic = true
			}
		}
	}
	for r := range sp.required {
		if sp.byName[r] != nil {
			continue
		}
		for _, p := range sh.parts {
			if ap, ok := p.AdditionalProperties.(bool); ok && !ap {
				dynamic = true // a required name that additionalProperties: false rejects
			}
			if _, ok := p.AdditionalProperties.(*jsonschema.Schema); ok {
				dynamic = true
			}
		}
	}
	return dynamic
}

// addRequiredOnly: required names that no part declares still must be present: they become
// fields of type any, after the declared ones, in name order.
func (sp *structProps) addRequiredOnly() {
	var reqOnly []string
	for r := range sp.required {
		if sp.byName[r] == nil {
			reqOnly = append(reqOnly, r)
		}
	}
	sort.Strings(reqOnly)
	for _, r := range reqOnly {
		pr := &structProp{name: r}
		sp.byName[r] = pr
		sp.props = append(sp.props, pr)
	}
}

// structField builds the field of one property and the request for its Go name.
func (b *builder) structField(pr *structProp, sp *structProps, n *Named) (*Field, naming.Request) {
	f := &Field{JSONName: pr.name, Required: sp.required[pr.name], RequiredAt: sp.requiredAt[pr.name]}
	want, prio, forced, main := b.fieldSchemas(f, pr)
	fieldName := naming.Exported(want)
	if fieldName == "" {
		fieldName = "Field"
	}
	b.fieldType(f, pr, main, n, fieldName)
	f.Presence = presence(f)
	if f.Type.Kind == TAny && !f.Type.Checks.Empty() {
		n.dynamic = true // constraints on an untyped value
	}
	for _, ps := range pr.schemas {
		if ps != main && (len(b.dynamicKeywords(nil, flatten(ps))) > 0 || (f.Type.Kind == TNamed && !namedExtraChecked(b.checks(shapeOf(ps), ""), ps)) ||
			!siblingTyped(main, ps, b.raw(ps))) {
			n.dynamic = true // a sibling schema of the property adds what the typed path misses
		}
	}
	return f, naming.Request{Key: pr.name, Want: fieldName, Priority: prio, Forced: forced}
}

// fieldSchemas reads the annotations of a property's schemas into f (doc, deprecated, const)
// and chooses the schema its type comes from (main); want is the wanted Go name, from
// x-go-name (forced, priority 0) or the JSON name.
func (b *builder) fieldSchemas(f *Field, pr *structProp) (want string, prio int, forced bool, main *jsonschema.Schema) {
	want, prio = pr.name, 1
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
	return want, prio, forced, main
}

// fieldType sets the type and nullability of a field from its main schema, with the
// constraints of the property's other schemas merged in.
func (b *builder) fieldType(f *Field, pr *structProp, main *jsonschema.Schema, n *Named, fieldName string) {
	switch {
	case main == nil:
		f.Type = &Type{Kind: TAny}
	case len(pr.schemas) == 1 && onlyNull(b.raw(main)):
		// {"type": "null"}: checked by the typed Validate, not the dynamic validator.
		f.Type, f.Nullable, f.OnlyNull = &Type{Kind: TAny}, true, true
	default:
		var null bool
		f.Type, null = b.typeFor(main, n.want+fieldName)
		for _, ps := range pr.schemas {
			if ps != main {
				if sh := shapeOf(ps); sh.types != nil || sh.hasEnum || sh.konst != nil {
					null = null && b.isNullableSchema(ps) // a sibling's type, enum or const may exclude null
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

// siblingTyped reports whether the typed path checks all that a sibling schema ps of a
// property asserts beside the schema its type comes from (main): ps may only say what the
// field's Checks take in (bounds, pattern, format, enum, const), annotations, and a type that
// allows every type main allows. Anything else (properties, required, items, a $ref, a type
// that narrows number to integer, ...) is checked by the dynamic validator: allOf [{"properties":
// {"d": {"type": "object"}}}, {"properties": {"d": {"required": ["s"]}}}] must still require s.
func siblingTyped(main, ps *jsonschema.Schema, raw map[string]any) bool {
	if raw == nil {
		return false // a boolean schema, or one the load cannot show: let the validator decide
	}
	for k := range raw {
		switch k {
		case "type":
			if !typesAllow(shapeOf(ps).types, shapeOf(main).types) {
				return false
			}
		case "title", "description", "$comment", "deprecated", "examples", "default", "readOnly", "writeOnly",
			"enum", "const", "pattern", "format", "contentEncoding", "contentMediaType":
		default:
			if kw := keyword.Lookup(k); kw != nil && !(kw.Bound() && kw.Typed) {
				return false // asserts what Checks cannot hold (unknown keywords are annotations)
			}
		}
	}
	return true
}

// typesAllow reports whether a type set allows every type of another (nil allows all; integer
// is a number).
func typesAllow(allow, types map[string]bool) bool {
	if allow == nil {
		return true
	}
	if types == nil {
		return false
	}
	for t := range types {
		if !allow[t] && !(t == "integer" && allow["number"]) {
			return false
		}
	}
	return true
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

// onlyNull reports whether a schema (its raw JSON object) says only "type": "null" beside
// annotations, which do not constrain the value.
func onlyNull(raw map[string]any) bool {
	if raw == nil {
		return false
	}
	for k, v := range raw {
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				if t != "null" {
					return false
				}
			case []any:
				if len(t) != 1 || t[0] != "null" {
					return false
				}
			default:
				return false
			}
		case "description", "title", "$comment", "deprecated", "examples", "default", "readOnly", "writeOnly":
		default:
			return false
		}
	}
	_, typed := raw["type"]
	return typed
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
