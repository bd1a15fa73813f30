package model

import (
	"encoding/json"
	"strconv"

	"github.com/namigen/namigen/generator/naming"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

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

// buildUnion types each branch and looks for a discriminator.
func (b *builder) buildUnion(s *jsonschema.Schema, brs []*jsonschema.Schema, n *Named) {
	u := &Union{OneOf: len(s.OneOf) > 0, Nullable: unionAdmitsNull(s)}
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

// unionAdmitsNull reports whether null is a value of the union s: under its oneOf exactly
// one branch, and under its anyOf at least one, admits null (branchesAdmitNull); both when s
// has both.
func unionAdmitsNull(s *jsonschema.Schema) bool {
	if len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		return false
	}
	return (len(s.OneOf) == 0 || branchesAdmitNull(s.OneOf, true, 0)) &&
		(len(s.AnyOf) == 0 || branchesAdmitNull(s.AnyOf, false, 0))
}

// branchesAdmitNull reports whether null passes the oneOf (or anyOf) of branches: a branch
// admits null when its type, enum or const does ({"type": "null"}, {"type": ["string",
// "null"]}, {"const": null}) or,
// without a type, when it is itself a union that admits null (package.json's exports: a oneOf
// of a oneOf whose path branch is ["string", "null"]).
func branchesAdmitNull(branches []*jsonschema.Schema, oneOf bool, depth int) bool {
	if depth > 8 {
		return false // a union of itself: nothing more to learn
	}
	n := 0
	for _, br := range branches {
		t := br
		if r := pureRef(br); r != nil {
			t = r
		}
		sh := shapeOf(t)
		if sh.nullable || sh.types == nil && (branchesAdmitNull(t.OneOf, true, depth+1) || branchesAdmitNull(t.AnyOf, false, depth+1)) {
			n++
		}
	}
	return n == 1 || n > 1 && !oneOf
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
