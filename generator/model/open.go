package model

import "github.com/santhosh-tekuri/jsonschema/v6"

// Open objects keep every member. An object schema that does not close itself
// (additionalProperties: false) accepts members it does not declare; dropping them would make
// decode → encode lose data and make minProperties, maxProperties, propertyNames and the
// dependent* keywords count the wrong members. So:
//
//   - an object that declares nothing (no properties, required, oneOf/anyOf) is a map:
//     map[string]any, or map[string]T under additionalProperties/patternProperties;
//   - a struct of an open object holds the undeclared members in AdditionalProperties
//     (raw JSON unless additionalProperties gives them a type).

// declaresNothing reports whether an object schema with a declared "object" type names no
// member of its own in any part: it is a map of its members, not a struct. A closed one
// (additionalProperties: false, without patternProperties) stays a struct: it admits only {}.
func declaresNothing(sh *shape) bool {
	if sh.types == nil || len(sh.types) != 1 || !sh.types["object"] {
		return false
	}
	for _, p := range sh.parts {
		if len(p.Properties) > 0 || len(p.Required) > 0 || len(p.OneOf)+len(p.AnyOf) > 0 {
			return false
		}
		if isFalse(p.AdditionalProperties) && len(p.PatternProperties) == 0 {
			return false
		}
	}
	return true
}

// keepUndeclared gives an open struct the AdditionalProperties field that holds the members
// it does not declare, raw, unless additionalProperties already typed it.
func keepUndeclared(st *Struct) {
	if st != nil && !st.Closed && st.Extra == nil {
		st.Extra = &Type{Kind: TRaw}
	}
}

// untypedContainer types a schema that uses array or object keywords (items, prefixItems,
// additionalProperties, patternProperties) but declares no type. Those keywords apply only to
// values of their own type, so a string, a number or null is valid too: the value is any,
// and the dynamic validator of the type that holds it checks it with every keyword.
func (b *builder) untypedContainer(sh *shape) *Type {
	if b.cur != nil {
		b.cur.dynamic = true
	}
	return &Type{Kind: TAny, Checks: b.checks(sh, "")}
}

// anyAdmitsNull reports whether a property typed any may be null: its schema restricts
// neither the type nor the values away from null. Optional, it is then Nullable[any], so that
// a present null and an absent property stay apart and re-encode as they came.
func anyAdmitsNull(s *jsonschema.Schema) bool {
	for hops := 0; hops < 64; hops++ {
		r := pureRef(s)
		if r == nil {
			break
		}
		s = r
	}
	if s.Bool != nil {
		return *s.Bool
	}
	sh := shapeOf(s)
	if sh.types != nil && !sh.nullable {
		return false
	}
	if sh.hasEnum && !sh.nullable {
		return false
	}
	return sh.konst == nil || *sh.konst == nil
}

// declaresMembers reports whether a part names object members (properties, required). In a
// union of JSON types the object branch is a map of its members, which checks neither: the
// type is then checked by the dynamic validator (the draft meta-schemas are
// {"type": ["object", "boolean"]} with their properties in allOf parts).
func declaresMembers(sh *shape) bool {
	for _, p := range sh.parts {
		if len(p.Properties) > 0 || len(p.Required) > 0 {
			return true
		}
	}
	return false
}
