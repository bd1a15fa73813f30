package model

import (
	"encoding/json"
	"math/big"
	"strconv"

	"github.com/namigen/namigen/generator/keyword"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

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
	if v := keyword.Read(s); v.Asserts() { // the bounds and uniqueItems
		return nil
	}
	if s.Types != nil || s.Enum != nil || s.Const != nil || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 ||
		s.Properties != nil || s.Items != nil || s.Items2020 != nil || s.PrefixItems != nil ||
		s.AdditionalProperties != nil || len(s.Required) > 0 || s.Not != nil || s.If != nil ||
		s.Format != nil || s.Pattern != nil ||
		s.PatternProperties != nil || s.Ref != nil && (s.DynamicRef != nil || s.RecursiveRef != nil) ||
		s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil || s.Contains != nil || s.PropertyNames != nil ||
		s.DependentRequired != nil || s.DependentSchemas != nil || s.Dependencies != nil || s.AdditionalItems != nil {
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

// meetTypes is what two type sets allow together: the types in both, and integer where one
// allows integer and the other number.
func meetTypes(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		switch {
		case b[k], k == "integer" && b["number"]:
			out[k] = true
		case k == "number" && b["integer"]:
			out["integer"] = true
		}
	}
	return out
}

func shapeOf(s *jsonschema.Schema) *shape {
	sh := &shape{parts: flatten(s)}
	for _, p := range sh.parts {
		if t := typesOf(p); t != nil {
			if sh.types == nil {
				sh.types = t
			} else {
				sh.types = meetTypes(sh.types, t)
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
	if sh.types["integer"] && sh.types["number"] {
		// Every integer is a number: ["integer", "number"] is "number", one branch and not two
		// that an integer would both match.
		delete(sh.types, "integer")
	}
	if sh.types != nil && sh.types["null"] {
		sh.nullable = true
		delete(sh.types, "null")
	}
	sh.settle(typed)
	// An enum or a const says which values pass, null among them or not: {"type": ["string",
	// "null"], "enum": ["a", "b"]} does not admit null (a common slip of schemas converted from
	// OpenAPI's nullable), and {"enum": ["a", null]} admits it where the type does.
	if sh.hasEnum {
		var vals []any
		null := false
		for _, v := range sh.enum {
			if v == nil {
				null = true
				continue
			}
			vals = append(vals, v)
		}
		sh.enum = vals
		sh.nullable = null && (sh.types == nil || sh.nullable)
	}
	if sh.konst != nil {
		sh.nullable = *sh.konst == nil && (sh.types == nil || sh.nullable)
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
