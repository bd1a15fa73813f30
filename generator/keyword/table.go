package keyword

import (
	"math/big"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Values are the bound assertions of one schema, or of several merged (Meet). Every pointer is
// nil when no schema says it, so "maxLength: 0" and "no maxLength" stay apart. Numbers are
// exact. model.Checks and model.Schema embed it.
type Values struct {
	// Numbers.
	Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf *big.Rat
	// Strings, counted in code points.
	MinLength, MaxLength *int
	// Arrays.
	MinItems, MaxItems *int
	UniqueItems        bool
	MinContains        *int
	MaxContains        *int
	// Objects and maps.
	MinProperties, MaxProperties *int
}

// The table. To add a bound keyword: one row here (a Values field above, the compiled
// schema's field it is read from and, for a string bound, the support function that checks
// it), that function and its table op (generator/emit/runtime) unless an existing one checks
// it, and a golden case; model, diff and the emitters read the row. Another assertion needs
// its own emitter code too. See generator/README.md, "One keyword table".
var table = []*Keyword{
	// Core.
	{Name: "$schema", Drafts: All, Class: Core},
	{Name: "id", Drafts: Draft4, Class: Core},
	{Name: "$id", Drafts: From6, Class: Core},
	{Name: "$ref", Drafts: All, Class: Core},
	{Name: "$comment", Drafts: From7, Class: Core},
	{Name: "$anchor", Drafts: From2019, Class: Core},
	// $recursiveRef and $recursiveAnchor: the 2020-12 meta-schema still describes them, but
	// 2020-12 replaced them by $dynamicRef and $dynamicAnchor.
	{Name: "$recursiveRef", Drafts: Draft2019, Class: Core},
	{Name: "$recursiveAnchor", Drafts: Draft2019, Class: Core},
	{Name: "$dynamicRef", Drafts: Draft2020, Class: Core},
	{Name: "$dynamicAnchor", Drafts: Draft2020, Class: Core},
	{Name: "$vocabulary", Drafts: From2019, Class: Core},
	{Name: "$defs", Drafts: From2019, Class: Core},
	{Name: "definitions", Drafts: All, Class: Core},

	// Applicators.
	{Name: "additionalItems", Drafts: All &^ Draft2020, Class: Applicator},
	{Name: "items", Drafts: All, Class: Applicator},
	{Name: "prefixItems", Drafts: Draft2020, Class: Applicator},
	{Name: "contains", Drafts: From6, Class: Applicator},
	{Name: "properties", Drafts: All, Class: Applicator},
	{Name: "patternProperties", Drafts: All, Class: Applicator},
	{Name: "additionalProperties", Drafts: All, Class: Applicator},
	{Name: "dependencies", Drafts: All, Class: Applicator}, // schemas or name lists; deprecated in 2019-09
	{Name: "dependentSchemas", Drafts: From2019, Class: Applicator},
	{Name: "propertyNames", Drafts: From6, Class: Applicator},
	{Name: "if", Drafts: From7, Class: Applicator},
	{Name: "then", Drafts: From7, Class: Applicator},
	{Name: "else", Drafts: From7, Class: Applicator},
	{Name: "allOf", Drafts: All, Class: Applicator},
	{Name: "anyOf", Drafts: All, Class: Applicator},
	{Name: "oneOf", Drafts: All, Class: Applicator},
	{Name: "not", Drafts: All, Class: Applicator},
	{Name: "unevaluatedItems", Drafts: From2019, Class: Applicator},
	{Name: "unevaluatedProperties", Drafts: From2019, Class: Applicator},

	// Assertions carried by Values, in the order diff reports their changes.
	ratBound("minimum", All, "number", Lower, false, func(v *Values) **big.Rat { return &v.Minimum }, func(s *jsonschema.Schema) *big.Rat { return s.Minimum }),
	ratBound("exclusiveMinimum", All, "number", Lower, true, func(v *Values) **big.Rat { return &v.ExclusiveMinimum }, func(s *jsonschema.Schema) *big.Rat { return s.ExclusiveMinimum }),
	ratBound("maximum", All, "number", Upper, false, func(v *Values) **big.Rat { return &v.Maximum }, func(s *jsonschema.Schema) *big.Rat { return s.Maximum }),
	ratBound("exclusiveMaximum", All, "number", Upper, true, func(v *Values) **big.Rat { return &v.ExclusiveMaximum }, func(s *jsonschema.Schema) *big.Rat { return s.ExclusiveMaximum }),
	ratBound("multipleOf", All, "number", Multiple, false, func(v *Values) **big.Rat { return &v.MultipleOf }, func(s *jsonschema.Schema) *big.Rat { return s.MultipleOf }),
	intBound("minItems", All, "array", Lower, func(v *Values) **int { return &v.MinItems }, func(s *jsonschema.Schema) *int { return s.MinItems }),
	intBound("maxItems", All, "array", Upper, func(v *Values) **int { return &v.MaxItems }, func(s *jsonschema.Schema) *int { return s.MaxItems }),
	needs("contains", intBound("minContains", From2019, "array", Lower, func(v *Values) **int { return &v.MinContains }, func(s *jsonschema.Schema) *int { return s.MinContains })),
	needs("contains", intBound("maxContains", From2019, "array", Upper, func(v *Values) **int { return &v.MaxContains }, func(s *jsonschema.Schema) *int { return s.MaxContains })),
	intBound("minProperties", All, "object", Lower, func(v *Values) **int { return &v.MinProperties }, func(s *jsonschema.Schema) *int { return s.MinProperties }),
	intBound("maxProperties", All, "object", Upper, func(v *Values) **int { return &v.MaxProperties }, func(s *jsonschema.Schema) *int { return s.MaxProperties }),
	{Name: "uniqueItems", Drafts: All, Class: Assertion, Instance: "array", Kind: Flag, Typed: true,
		flag: func(v *Values) *bool { return &v.UniqueItems },
		read: func(s *jsonschema.Schema, v *Values) { v.UniqueItems = s.UniqueItems }},
	checkedBy("checkMinLength", intBound("minLength", All, "string", Lower, func(v *Values) **int { return &v.MinLength }, func(s *jsonschema.Schema) *int { return s.MinLength })),
	checkedBy("checkMaxLength", intBound("maxLength", All, "string", Upper, func(v *Values) **int { return &v.MaxLength }, func(s *jsonschema.Schema) *int { return s.MaxLength })),

	// Assertions read on their own.
	{Name: "type", Drafts: All, Class: Assertion},
	{Name: "enum", Drafts: All, Class: Assertion},
	{Name: "const", Drafts: From6, Class: Assertion},
	{Name: "pattern", Drafts: All, Class: Assertion, Instance: "string", Typed: true},
	// format asserts in namigen by default (generate -no-format-assertion makes it an
	// annotation, as 2019-09 and 2020-12 do without the format-assertion vocabulary).
	{Name: "format", Drafts: All, Class: Assertion, Instance: "string", Typed: true},
	{Name: "required", Drafts: All, Class: Assertion, Instance: "object", Typed: true},
	{Name: "dependentRequired", Drafts: From2019, Class: Assertion, Instance: "object"},

	// Annotations.
	{Name: "title", Drafts: All, Class: Annotation},
	{Name: "description", Drafts: All, Class: Annotation},
	{Name: "default", Drafts: All, Class: Annotation},
	// examples is a draft 6 keyword (validation spec, section 7.4) that its meta-schema omits.
	{Name: "examples", Drafts: From6, Class: Annotation},
	{Name: "readOnly", Drafts: From7, Class: Annotation},
	{Name: "writeOnly", Drafts: From7, Class: Annotation},
	{Name: "deprecated", Drafts: From2019, Class: Annotation},
	{Name: "contentMediaType", Drafts: From7, Class: Annotation},
	{Name: "contentEncoding", Drafts: From7, Class: Annotation},
	{Name: "contentSchema", Drafts: From2019, Class: Annotation},
}

func ratBound(name string, drafts Draft, instance string, kind Kind, exclusive bool, field func(*Values) **big.Rat, get func(*jsonschema.Schema) *big.Rat) *Keyword {
	return &Keyword{Name: name, Drafts: drafts, Class: Assertion, Instance: instance, Kind: kind, Exclusive: exclusive, Typed: true,
		rat: field, read: func(s *jsonschema.Schema, v *Values) { *field(v) = get(s) }}
}

func intBound(name string, drafts Draft, instance string, kind Kind, field func(*Values) **int, get func(*jsonschema.Schema) *int) *Keyword {
	return &Keyword{Name: name, Drafts: drafts, Class: Assertion, Instance: instance, Kind: kind, Typed: true,
		num: field, read: func(s *jsonschema.Schema, v *Values) { *field(v) = get(s) }}
}

// checkedBy names the support function that checks a string bound (Keyword.Check).
func checkedBy(check string, k *Keyword) *Keyword {
	k.Check = check
	return k
}

// needs marks a keyword that asserts only beside another (and that the typed Validate leaves
// to the dynamic validator, which checks it with that keyword).
func needs(other string, k *Keyword) *Keyword {
	k.Needs, k.Typed = other, false
	return k
}

// The indexes of the table, computed once from it and never changed.
var (
	byName    = index()
	bounds    = boundsOf()
	conflicts = conflictsOf()
)

func index() map[string]*Keyword {
	m := make(map[string]*Keyword, len(table))
	for _, k := range table {
		m[k.Name] = k
	}
	return m
}

func boundsOf() []*Keyword {
	var out []*Keyword
	for _, k := range table {
		if k.Bound() {
			out = append(out, k)
		}
	}
	return out
}

func conflictsOf() []Conflict {
	var out []Conflict
	for _, up := range bounds {
		if up.Kind != Upper || !up.Typed {
			continue
		}
		for _, lo := range bounds {
			if lo.Kind == Lower && lo.Typed && lo.Instance == up.Instance {
				out = append(out, Conflict{Lower: lo, Upper: up, Strict: lo.Exclusive || up.Exclusive})
			}
		}
	}
	return out
}
