package model

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/namigen/namigen/generator/naming"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

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
		if !b.checks(sh, "").Empty() || len(s.OneOf) > 0 && len(s.AnyOf) > 0 {
			// Keywords beside the oneOf/anyOf (int-or-string with a pattern, a union with a
			// format or a maxLength), or a oneOf and an anyOf that must both hold: the
			// branches of one are typed, but the rest holds for the whole value, so the
			// dynamic validator checks it.
			n.dynamic = true
		}
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
		if c := b.checks(sh, jt); t.Kind == TTime && c != nil && (len(c.Patterns) > 0 || c.MinLength != nil || c.MaxLength != nil || len(c.Enum) > 0) {
			// A date-time with a pattern, a length or a const: a time.Time cannot be checked
			// against them, so it stays a string, and the format is one of its checks.
			t.Kind, jt = TString, ""
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
