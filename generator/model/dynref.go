package model

import "github.com/santhosh-tekuri/jsonschema/v6"

// A $dynamicRef (or a 2019-09 $recursiveRef) whose target the dynamic scope decides may reach
// a schema other than its static target: the recursiveRef test "$recursiveRef with nesting"
// has an outer schema accepting integers where the inner one accepts only strings and objects.
// A Go type built from the static target would then reject, or fail to re-encode, values the
// schema accepts. So when more than one schema of the loaded documents defines the anchor, the
// reference is typed any and the dynamic validator, which resolves it in the dynamic scope,
// checks it. With a single definition the static target is the only target and keeps its type.

// scopeDependent reports whether the target of s, a reference, depends on the dynamic scope
// and may differ from its static target.
func (b *builder) scopeDependent(s *jsonschema.Schema) bool {
	name := scopedDynamicRef(s)
	if name == "" && s.RecursiveRef != nil && s.RecursiveRef.RecursiveAnchor {
		name = recursiveAnchor
	}
	if name == "" {
		return false
	}
	if b.anchorDefs == nil {
		b.anchorDefs = map[string]int{}
		for _, d := range b.res.Docs {
			countAnchors(d.Value, b.anchorDefs)
		}
	}
	return b.anchorDefs[name] > 1
}

// countAnchors counts the schemas of a raw document that define each dynamic anchor name
// ($recursiveAnchor: true under the name recursiveAnchor).
func countAnchors(v any, into map[string]int) {
	switch v := v.(type) {
	case map[string]any:
		if a, ok := v["$dynamicAnchor"].(string); ok {
			into[a]++
		}
		if r, ok := v["$recursiveAnchor"].(bool); ok && r {
			into[recursiveAnchor]++
		}
		for _, c := range v {
			countAnchors(c, into)
		}
	case []any:
		for _, c := range v {
			countAnchors(c, into)
		}
	}
}

// foreignScoped reports whether t, the type of the static target r of a reference, holds a
// scope-dependent reference and is used from another schema resource than its own: the
// dynamic scope there differs, so the values it accepts do too, and the reference is typed
// any (checked by the dynamic validator of the type that holds it).
func (b *builder) foreignScoped(r *jsonschema.Schema, t *Type) bool {
	if t == nil || t.Kind != TNamed || !t.Named.scoped || b.cur == nil {
		return false
	}
	from := b.schemaOf[b.cur]
	if from == nil {
		return false
	}
	// A resource load cannot place (a meta-schema the compiler brought in itself) counts as
	// another one: the dynamic validator is right in either case.
	if rf := b.resourceOf(from); rf != nil && rf == b.resourceOf(r) {
		return false
	}
	b.cur.dynamic = true
	return true
}
