package model

import (
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

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
	return unionAdmitsNull(s)
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
