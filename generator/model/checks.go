package model

import (
	"github.com/namigen/namigen/generator/keyword"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// checks gathers the constraints of the parts that apply to a value of JSON type jt.
func (b *builder) checks(sh *shape, jt string) *Checks {
	c := &Checks{}
	for _, p := range sh.parts {
		v := keyword.Read(p)
		c.Meet(&v) // the tightest bounds, the lcm of multipleOf (merge.go)
		if p.Pattern != nil {
			c.Patterns = append(c.Patterns, p.Pattern.String())
		}
		if f := b.format(p); f != "" && !b.opts.NoFormatAssertion && !(jt == "string" && f == "date-time") {
			if c.Format != "" && c.Format != f && b.cur != nil {
				b.cur.dynamic = true // two formats: the dynamic validator checks each part's
			}
			c.Format = f
		}
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

// format reads a schema's format keyword (the compiler keeps only the formats it asserts).
func (b *builder) format(s *jsonschema.Schema) string {
	if raw := b.raw(s); raw != nil {
		if f, ok := raw["format"].(string); ok {
			return f
		}
	}
	return ""
}
