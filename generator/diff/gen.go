package diff

import (
	"encoding/json"
	"math/big"
	"regexp/syntax"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

// generator synthesises small instances that a compiled schema accepts. It is a heuristic
// search: every candidate is checked with the schema's own validator, so what it returns is
// valid, and when it finds nothing it says so.
type generator struct {
	// checks counts validations, to bound the search.
	checks int
}

const (
	maxDepth  = 14
	maxChecks = 20000
)

func (g *generator) valid(s *schema, v any) bool {
	if g.checks >= maxChecks {
		return false
	}
	g.checks++
	return s.Validate(v) == nil
}

// value returns an instance s accepts, preferring the smallest.
func (g *generator) value(s *schema) (any, bool) {
	return g.valueDepth(s, 0)
}

func (g *generator) valueDepth(s *schema, depth int) (any, bool) {
	if s == nil {
		return "x", true
	}
	if depth > maxDepth || g.checks >= maxChecks {
		return nil, false
	}
	for _, c := range g.candidates(s, depth) {
		if g.valid(s, c) {
			return c, true
		}
	}
	return nil, false
}

// conjuncts flattens s, its $ref chain and its allOf parts: the schemas a value must satisfy.
func conjuncts(s *schema) []*schema {
	var out []*schema
	seen := map[*schema]bool{}
	var walk func(*schema)
	walk = func(s *schema) {
		if s == nil || seen[s] || len(out) > 64 {
			return
		}
		seen[s] = true
		out = append(out, s)
		walk(s.Ref)
		if s.DynamicRef != nil {
			walk(s.DynamicRef.Ref)
		}
		walk(s.RecursiveRef)
		for _, a := range s.AllOf {
			walk(a)
		}
	}
	walk(s)
	return out
}

// allowedTypes intersects the declared types of the conjuncts (nil: no declaration).
func allowedTypes(cs []*schema) []string {
	var set []string
	declared := false
	for _, c := range cs {
		ts := typeList(c)
		if ts == nil {
			continue
		}
		if !declared {
			set, declared = append([]string(nil), ts...), true
			if contains(set, "number") && !contains(set, "integer") {
				set = append(set, "integer")
			}
			continue
		}
		var keep []string
		for _, t := range set {
			if covers(ts, t) {
				keep = append(keep, t)
			}
		}
		set = keep
	}
	if !declared {
		return nil
	}
	if set == nil {
		set = []string{}
	}
	return set
}

// inferTypes guesses the types from the keywords when none is declared.
func inferTypes(cs []*schema) []string {
	var out []string
	for _, c := range cs {
		bounded := boundedTypes(c)
		if len(c.Properties) > 0 || len(c.Required) > 0 || c.AdditionalProperties != nil || bounded["object"] {
			out = append(out, "object")
		}
		if c.Items2020 != nil || c.Items != nil || len(c.PrefixItems) > 0 || c.Contains != nil || bounded["array"] {
			out = append(out, "array")
		}
		if c.Pattern != nil || c.Format != nil || bounded["string"] {
			out = append(out, "string")
		}
		if bounded["number"] {
			out = append(out, "number")
		}
	}
	return append(out, "string", "object", "integer", "boolean", "array", "null")
}

// boundedTypes are the instance types of the bound keywords that c sets (keyword.Bounds).
func boundedTypes(c *schema) map[string]bool {
	v := keyword.Read(c)
	out := map[string]bool{}
	for _, k := range keyword.Bounds() {
		if k.IsSet(&v) {
			out[k.Instance] = true
		}
	}
	return out
}

// bounds are the bounds of the conjuncts cs together (keyword.Values.Meet).
func bounds(cs []*schema) *keyword.Values {
	v := &keyword.Values{}
	for _, c := range cs {
		r := keyword.Read(c)
		v.Meet(&r)
	}
	return v
}

// count is a count or length bound as an int (def when unbounded; at most 1<<30, which no
// example is built for: the users of a count skip lengths past their own caps).
func count(r *big.Rat, def int) int {
	if r == nil {
		return def
	}
	if !r.Num().IsInt64() || r.Num().Int64() > 1<<30 {
		return 1 << 30
	}
	return int(r.Num().Int64())
}

var genTypeOrder = []string{"object", "array", "string", "integer", "number", "boolean", "null"}

func (g *generator) candidates(s *schema, depth int) []any {
	if s.Bool != nil {
		if *s.Bool {
			return []any{"x"}
		}
		return nil
	}
	cs := conjuncts(s)
	var out []any
	for _, c := range cs {
		if c.Const != nil {
			return []any{*c.Const}
		}
	}
	for _, c := range cs {
		if c.Enum != nil {
			var nulls []any
			for _, v := range c.Enum.Values {
				if v == nil {
					nulls = append(nulls, v)
					continue
				}
				out = append(out, v)
			}
			return append(out, nulls...)
		}
	}
	types := allowedTypes(cs)
	order := []string{}
	if types == nil {
		order = inferTypes(cs)
	} else {
		for _, t := range genTypeOrder {
			if contains(types, t) {
				order = append(order, t)
			}
		}
	}
	// Unions first when no type says otherwise: each branch's value is a candidate.
	for _, c := range cs {
		for _, list := range [][]*schema{c.AnyOf, c.OneOf} {
			for _, b := range list {
				if v, ok := g.valueDepth(b, depth+1); ok {
					if m, isObj := v.(map[string]any); isObj && contains(order, "object") {
						base := g.object(cs, depth)
						for k, x := range m {
							if _, has := base[k]; !has {
								base[k] = x
							}
						}
						out = append(out, base)
					}
					out = append(out, v)
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, t := range order {
		if seen[t] {
			continue
		}
		seen[t] = true
		switch t {
		case "object":
			out = append(out, g.object(cs, depth))
		case "array":
			out = append(out, g.array(cs, depth)...)
		case "string":
			out = append(out, g.strings(cs)...)
		case "integer":
			out = append(out, g.numbers(cs, true)...)
		case "number":
			out = append(out, g.numbers(cs, false)...)
		case "boolean":
			out = append(out, false, true)
		case "null":
			out = append(out, nil)
		}
	}
	for _, c := range cs {
		out = append(out, c.Examples...)
		if c.Default != nil {
			out = append(out, *c.Default)
		}
	}
	return out
}

// object builds an object with every required property of the conjuncts.
func (g *generator) object(cs []*schema, depth int) map[string]any {
	obj := map[string]any{}
	for _, c := range cs {
		for _, name := range c.Required {
			if _, ok := obj[name]; ok {
				continue
			}
			if v, ok := g.property(cs, name, depth); ok {
				obj[name] = v
			}
		}
	}
	v := bounds(cs)
	minProps := count(v.Interval("object").Lo, 0)
	if len(obj) < minProps {
		for _, c := range cs {
			for _, name := range sortedKeys(c.Properties) {
				if len(obj) >= minProps {
					break
				}
				if _, ok := obj[name]; !ok {
					if v, ok := g.property(cs, name, depth); ok {
						obj[name] = v
					}
				}
			}
		}
	}
	return obj
}

// property generates a value for property name that every conjunct declaring it accepts.
func (g *generator) property(cs []*schema, name string, depth int) (any, bool) {
	var decl []*schema
	for _, c := range cs {
		if p := c.Properties[name]; p != nil {
			decl = append(decl, p)
		}
	}
	if len(decl) == 0 {
		for _, c := range cs {
			for re, p := range c.PatternProperties {
				if re.MatchString(name) {
					decl = append(decl, p)
				}
			}
			if _, ap := apState(c); ap != nil {
				decl = append(decl, ap)
			}
		}
	}
	if len(decl) == 0 {
		return "x", true
	}
	for _, first := range decl {
		for _, v := range g.candidates(first, depth+1) {
			ok := true
			for _, p := range decl {
				if !g.valid(p, v) {
					ok = false
					break
				}
			}
			if ok {
				return v, true
			}
		}
	}
	return nil, false
}

func (g *generator) array(cs []*schema, depth int) []any {
	v := bounds(cs)
	minItems := count(v.Interval("array").Lo, 0)
	unique := v.UniqueItems
	var prefix []*schema
	var rest, contains *schema
	for _, c := range cs {
		p, r, _ := itemsOf(c)
		if len(p) > len(prefix) {
			prefix = p
		}
		if r != nil && rest == nil {
			rest = r
		}
		if c.Contains != nil && contains == nil {
			contains = c.Contains
		}
	}
	arr := []any{}
	for i := 0; i < minItems && i < 64; i++ {
		var sch *schema
		if i < len(prefix) {
			sch = prefix[i]
		} else {
			sch = rest
		}
		v, ok := g.valueDepth(sch, depth+1)
		if !ok {
			return nil
		}
		if unique {
			v = uniquify(v, i)
		}
		arr = append(arr, v)
	}
	out := []any{arr}
	if contains != nil {
		if v, ok := g.valueDepth(contains, depth+1); ok {
			out = append([]any{append(append([]any{}, arr...), v)}, out...)
			out = append(out, []any{v})
		}
	}
	return out
}

func uniquify(v any, i int) any {
	switch x := v.(type) {
	case string:
		return x + strings.Repeat("a", i)
	case json.Number:
		return json.Number(big.NewInt(int64(i)).String())
	}
	return v
}

// strings returns string candidates: format samples, pattern matches, lengths.
func (g *generator) strings(cs []*schema) []any {
	length := bounds(cs).Interval("string")
	minLen, maxLen := count(length.Lo, 0), count(length.Hi, -1)
	var pats []string
	format := ""
	for _, c := range cs {
		if c.Pattern != nil {
			pats = append(pats, c.Pattern.String())
		}
		if c.Format != nil && format == "" {
			format = c.Format.Name
		}
	}
	var out []any
	if format != "" {
		for _, s := range formatSamples[format] {
			out = append(out, s)
		}
	}
	// Lengths past maxExampleLength are not tried: a maxLength of 2147483647 asks for no 2 GB
	// string (lengthProbes has the same cap).
	for _, p := range pats {
		for _, s := range regexStrings(p, 24) {
			out = append(out, s)
			if len(s) < minLen && minLen <= maxExampleLength {
				out = append(out, s+strings.Repeat("a", minLen-len(s)))
			}
		}
	}
	if minLen <= maxExampleLength {
		out = append(out, strings.Repeat("a", max(minLen, 1)), strings.Repeat("a", minLen))
	}
	out = append(out, "x", "0", "A")
	if maxLen > 0 && maxLen <= maxExampleLength {
		out = append(out, strings.Repeat("a", maxLen))
	}
	return out
}

// maxExampleLength bounds the strings the generator builds from a length bound.
const maxExampleLength = 100000

// numbers returns numeric candidates that respect the bounds where it can.
func (g *generator) numbers(cs []*schema, integer bool) []any {
	in := bounds(cs).Interval("number")
	lo, hi, mult := in.Lo, in.Hi, in.Mult
	var rats []*big.Rat
	one := big.NewRat(1, 1)
	half := big.NewRat(1, 2)
	rats = append(rats, big.NewRat(0, 1), big.NewRat(1, 1))
	if lo != nil {
		rats = append(rats, lo, new(big.Rat).Add(lo, one), new(big.Rat).Add(lo, half))
		if mult != nil {
			rats = append(rats, ceilMultiple(lo, mult), new(big.Rat).Add(ceilMultiple(lo, mult), mult))
		}
		if integer {
			rats = append(rats, ceilRat(lo))
		}
	}
	if hi != nil {
		rats = append(rats, hi, new(big.Rat).Sub(hi, one), new(big.Rat).Sub(hi, half))
		if mult != nil {
			rats = append(rats, floorMultiple(hi, mult))
		}
	}
	if mult != nil {
		rats = append(rats, mult)
	}
	var out []any
	seen := map[string]bool{}
	for _, r := range rats {
		if integer && !r.IsInt() {
			continue
		}
		j := ratJSON(r).(json.Number)
		if !seen[string(j)] {
			seen[string(j)] = true
			out = append(out, j)
		}
	}
	return out
}

func ceilRat(r *big.Rat) *big.Rat {
	q := new(big.Int).Quo(r.Num(), r.Denom())
	res := new(big.Rat).SetInt(q)
	if res.Cmp(r) < 0 {
		res.Add(res, big.NewRat(1, 1))
	}
	return res
}

func ceilMultiple(lo, m *big.Rat) *big.Rat {
	k := ceilRat(new(big.Rat).Quo(lo, m))
	return new(big.Rat).Mul(k, m)
}

func floorMultiple(hi, m *big.Rat) *big.Rat {
	k := ceilRat(new(big.Rat).Quo(hi, m))
	r := new(big.Rat).Mul(k, m)
	if r.Cmp(hi) > 0 {
		r.Sub(r, m)
	}
	return r
}

// formatSamples are values valid for each format asserted by santhosh-tekuri/jsonschema, two
// per format where the second is of another shape (for format-changed witnesses).
var formatSamples = map[string][]string{
	"date-time":             {"2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123+02:00"},
	"date":                  {"2024-01-02"},
	"time":                  {"03:04:05Z", "03:04:05+02:00"},
	"duration":              {"P1D", "PT1H"},
	"period":                {"2024-01-02T03:04:05Z/P1D"},
	"uuid":                  {"00000000-0000-0000-0000-000000000000", "123e4567-e89b-12d3-a456-426614174000"},
	"email":                 {"a@example.com"},
	"idn-email":             {"a@example.com"},
	"hostname":              {"example.com"},
	"idn-hostname":          {"example.com"},
	"ipv4":                  {"192.0.2.1"},
	"ipv6":                  {"2001:db8::1"},
	"uri":                   {"https://example.com/a"},
	"iri":                   {"https://example.com/a"},
	"uri-reference":         {"/a", "https://example.com/a"},
	"iri-reference":         {"/a"},
	"uri-template":          {"https://example.com/{id}"},
	"json-pointer":          {"/a/b", ""},
	"relative-json-pointer": {"0/a"},
	"regex":                 {"^a+$"},
	"semver":                {"1.2.3"},
}

// genericValues are tried when a change gives no specific value: one of each JSON type and a
// few shapes.
func genericValues() []any {
	return []any{nil, true, false, json.Number("0"), json.Number("1"), json.Number("-1"), json.Number("0.5"),
		json.Number("1000000"), "", "a", "not-a-valid-value", "0", strings.Repeat("a", 300), []any{}, []any{"a"},
		[]any{json.Number("1"), json.Number("1")}, map[string]any{}, map[string]any{"namigen_unknown": "x"}}
}

// regexStrings returns up to limit strings that the pattern matches (a search, not a proof:
// each one is still validated).
func regexStrings(pattern string, limit int) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	out := regexGen(re, limit)
	seen := map[string]bool{}
	var uniq []string
	for _, s := range out {
		if !seen[s] {
			seen[s] = true
			uniq = append(uniq, s)
		}
	}
	sort.SliceStable(uniq, func(i, j int) bool { return len(uniq[i]) < len(uniq[j]) })
	return uniq
}

func regexGen(re *syntax.Regexp, limit int) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune) && len(out) < 3; i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo < 0x20 && hi >= 'a' {
				lo = 'a'
			}
			out = append(out, string(lo))
			if hi != lo && hi < 0x10000 && len(out) < 3 {
				out = append(out, string(hi))
			}
		}
		return out
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return []string{"a", "Z"}
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return []string{""}
	case syntax.OpCapture:
		return regexGen(re.Sub[0], limit)
	case syntax.OpStar:
		return append([]string{""}, regexGen(re.Sub[0], limit)...)
	case syntax.OpPlus:
		sub := regexGen(re.Sub[0], limit)
		out := append([]string{}, sub...)
		for _, s := range sub {
			out = append(out, s+s)
		}
		return out
	case syntax.OpQuest:
		return append([]string{""}, regexGen(re.Sub[0], limit)...)
	case syntax.OpRepeat:
		sub := regexGen(re.Sub[0], limit)
		n := re.Min
		if n > 64 {
			n = 64
		}
		var out []string
		for _, s := range sub {
			out = append(out, strings.Repeat(s, n))
			if re.Max == -1 || re.Max > n {
				out = append(out, strings.Repeat(s, n+1))
			}
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			parts := regexGen(sub, limit)
			if len(parts) == 0 {
				return nil
			}
			var next []string
			for _, a := range out {
				for _, b := range parts {
					next = append(next, a+b)
					if len(next) >= limit {
						break
					}
				}
				if len(next) >= limit {
					break
				}
			}
			out = next
		}
		return out
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			out = append(out, regexGen(sub, limit)...)
		}
		if len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	return nil
}

// clone deep-copies a JSON value.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = clone(e)
		}
		return a
	}
	return v
}
