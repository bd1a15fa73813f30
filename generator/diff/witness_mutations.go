package diff

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

// mutations lists the values to try at the node's position for a change.
func (d *differ) mutations(c *Change, nd *pairNode) []mutation {
	o, n := nd.o, nd.n
	switch c.Kind {
	case EnumValueAdded, ConstChanged:
		return []mutation{setTo(c.value, true)}
	case NullableAdded:
		return []mutation{setTo(nil, true)}
	case TypeWidened, TypeChanged:
		var out []mutation
		for _, t := range c.types {
			for _, v := range d.valuesOfType(n, t) {
				out = append(out, setTo(v, false))
			}
		}
		return append(out, d.genericMutations(n)...)
	case RequiredRemoved, PropertyRemoved:
		name := c.prop
		return []mutation{objectMutation(func(m map[string]any) bool { delete(m, name); return true }, true)}
	case PropertyAdded:
		return d.propertyAddedMutations(c, n)
	case AdditionalPropertiesOpened:
		return unknownKeyMutations()
	case UnionBranchAdded:
		return append(d.branchAddedMutations(c, n), d.genericMutations(n)...)
	case NumericLoosened:
		return setAll(numberProbes(o, n))
	case LengthLoosened:
		return setAll(lengthProbes(o, n))
	case CountLoosened:
		return d.countProbes(o, n)
	case PatternRemoved, PatternChanged:
		return patternMutations(n)
	case FormatRemoved, FormatChanged:
		return formatMutations(c)
	case ItemsRemoved:
		return itemMutations(c)
	case EnumRemoved, ConstRemoved, AllOfBranchRemoved, ConstraintRemoved, ConstraintChanged:
		return append(d.mentionedMutations(c, n), d.genericMutations(n)...)
	default:
		return d.genericMutations(n)
	}
}

// setAll sets the value to each of vs in turn.
func setAll(vs []any) []mutation {
	var out []mutation
	for _, v := range vs {
		out = append(out, setTo(v, false))
	}
	return out
}

// genericMutations are values of every JSON type, then one that NEW accepts.
func (d *differ) genericMutations(n *schema) []mutation {
	out := setAll(genericValues())
	if v, ok := d.gen.value(n); ok {
		out = append(out, setTo(v, false))
	}
	return out
}

// objectMutation changes a copy of the object at the position with f (no value when the
// position holds no object or f declines).
func objectMutation(f func(m map[string]any) bool, primary bool) mutation {
	return mutation{primary: primary, set: func(cur any) (any, bool) {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		m = clone(m).(map[string]any)
		if !f(m) {
			return nil, false
		}
		return m, true
	}}
}

// propertyAddedMutations add the new property (or a key matching the new pattern) with each
// value its NEW schema accepts.
func (d *differ) propertyAddedMutations(c *Change, n *schema) []mutation {
	name := c.prop
	ps := n.Properties[name]
	if c.extra != "" {
		for re, s := range n.PatternProperties {
			if re.String() == c.extra {
				ps = s
				keys := regexStrings(c.extra, 8)
				if len(keys) > 0 {
					name = keys[len(keys)-1]
				}
			}
		}
	}
	if ps == nil {
		return nil
	}
	var out []mutation
	for _, v := range d.gen.candidates(ps, 1) {
		if d.gen.valid(ps, v) {
			v := v
			out = append(out, objectMutation(func(m map[string]any) bool { m[name] = clone(v); return true }, false))
		}
	}
	return out
}

// unknownKeyMutations add an undeclared key with a value of each JSON type.
func unknownKeyMutations() []mutation {
	var out []mutation
	for _, v := range genericValues() {
		v := v
		out = append(out, objectMutation(func(m map[string]any) bool {
			if _, has := m["namigen_unknown"]; has {
				return false
			}
			m["namigen_unknown"] = clone(v)
			return true
		}, false))
	}
	return out
}

// branchAddedMutations are the values the added anyOf/oneOf branch accepts.
func (d *differ) branchAddedMutations(c *Change, n *schema) []mutation {
	list := n.AnyOf
	if c.extra == "oneOf" {
		list = n.OneOf
	}
	j, ok := c.value.(int)
	if !ok || j >= len(list) {
		return nil
	}
	var out []mutation
	b := list[j]
	for _, v := range d.gen.candidates(b, 1) {
		if d.gen.valid(b, v) {
			out = append(out, setTo(v, false))
		}
	}
	return out
}

// patternMutations are strings NEW's pattern matches, then a few of every kind.
func patternMutations(n *schema) []mutation {
	var out []mutation
	if n.Pattern != nil {
		for _, s := range regexStrings(n.Pattern.String(), 32) {
			out = append(out, setTo(s, false))
		}
	}
	for _, s := range []string{"", "a", "A", "0", "9", "-", "_", " ", "a b", "x-y", "ZZZ", "a.b", "0a", "a0", "é"} {
		out = append(out, setTo(s, false))
	}
	return out
}

// formatMutations are samples of NEW's format, of every format, and a string of none.
func formatMutations(c *Change) []mutation {
	var out []mutation
	if nf, isStr := c.New.(string); isStr {
		for _, s := range formatSamples[nf] {
			out = append(out, setTo(s, false))
		}
	}
	for _, name := range sortedKeys(formatSamples) {
		for _, s := range formatSamples[name] {
			out = append(out, setTo(s, false))
		}
	}
	return append(out, setTo("not a "+fmt.Sprint(c.Old), false))
}

// itemMutations set the item whose schema was removed to a value of each JSON type.
func itemMutations(c *Change) []mutation {
	idx, _ := strconv.Atoi(c.extra)
	var out []mutation
	for _, v := range genericValues() {
		v := v
		out = append(out, mutation{set: func(cur any) (any, bool) {
			a, ok := cur.([]any)
			if !ok {
				return nil, false
			}
			a = clone(a).([]any)
			for len(a) < idx {
				a = append(a, clone(v))
			}
			if idx < len(a) {
				a[idx] = clone(v)
			} else {
				a = append(a, clone(v))
			}
			return a, true
		}})
	}
	return out
}

// mentionedMutations are the values the removed or changed keyword mentions, which are likely
// to tell OLD and NEW apart, and for a removed enum or const a string next to NEW's value.
func (d *differ) mentionedMutations(c *Change, n *schema) []mutation {
	out := setAll(mentioned(c.Old, nil))
	out = append(out, setAll(mentioned(c.New, nil))...)
	if c.Kind == EnumRemoved || c.Kind == ConstRemoved {
		if v, ok := d.gen.value(n); ok {
			if s, isStr := v.(string); isStr {
				out = append(out, setTo(s+"_namigen", false))
			}
		}
	}
	return out
}

func (d *differ) valuesOfType(n *schema, t string) []any {
	var out []any
	cs := conjuncts(n)
	switch t {
	case "string":
		out = d.gen.strings(cs)
	case "integer":
		out = d.gen.numbers(cs, true)
	case "number":
		out = append(d.gen.numbers(cs, false), json.Number("0.5"), json.Number("1.5"))
	case "boolean":
		out = []any{false, true}
	case "null":
		out = []any{nil}
	case "object":
		out = []any{d.gen.object(cs, 1), map[string]any{}}
	case "array":
		out = append(d.gen.array(cs, 1), []any{})
	case "any":
		out = genericValues()
	}
	return out
}

// boundProbes are values of the measure of the instance types (a number, a string's length,
// an item or property count), for each bound keyword of those types that sets one
// (keyword.Bounds, in table order): first just outside OLD's lower bounds, then outside its
// upper ones, then on NEW's. Numbers are probed closer: on OLD's bound too (exclusive bounds),
// a half beyond it, and one beside NEW's. mult is NEW's multipleOf, nil when none.
func boundProbes(o, n *schema, instances []string, number bool) (probes []*big.Rat, mult *big.Rat) {
	ov, nv := keyword.Read(o), keyword.Read(n)
	of := func(k *keyword.Keyword) bool { return slices.Contains(instances, k.Instance) }
	for _, kind := range []keyword.Kind{keyword.Lower, keyword.Upper} {
		step := big.NewRat(-1, 1) // below a lower bound, above an upper one
		if kind == keyword.Upper {
			step = big.NewRat(1, 1)
		}
		for _, k := range keyword.Bounds() {
			r := k.Rat(&ov)
			if !of(k) || k.Kind != kind || r == nil {
				continue
			}
			if number {
				probes = append(probes, r, new(big.Rat).Add(r, step), new(big.Rat).Add(r, new(big.Rat).Mul(step, big.NewRat(1, 2))))
			} else if out := new(big.Rat).Add(r, step); out.Sign() >= 0 {
				probes = append(probes, out)
			}
		}
	}
	for _, k := range keyword.Bounds() {
		r := k.Rat(&nv)
		if !of(k) || r == nil {
			continue
		}
		switch {
		case k.Kind == keyword.Multiple:
			mult = keyword.LCM(mult, r)
		case k.Kind != keyword.Lower && k.Kind != keyword.Upper:
		case number:
			probes = append(probes, r, new(big.Rat).Add(r, big.NewRat(1, 1)), new(big.Rat).Sub(r, big.NewRat(1, 1)))
		default:
			probes = append(probes, r)
		}
	}
	return probes, mult
}

// numberProbes: boundProbes of numbers, then multiples of NEW's multipleOf (from OLD's lower
// bound, or NEW's), then 0, 1, -1 and 1/2.
func numberProbes(o, n *schema) []any {
	rats, mult := boundProbes(o, n, []string{"number"}, true)
	if mult != nil {
		for k := int64(1); k <= 7; k++ {
			rats = append(rats, new(big.Rat).Mul(mult, big.NewRat(k, 1)))
		}
		ov, nv := keyword.Read(o), keyword.Read(n)
		lo := ov.Interval("number").Lo
		if lo == nil {
			lo = nv.Interval("number").Lo
		}
		if lo != nil {
			rats = append(rats, ceilMultiple(lo, mult), new(big.Rat).Add(ceilMultiple(lo, mult), mult))
		}
	}
	rats = append(rats, big.NewRat(0, 1), big.NewRat(1, 1), big.NewRat(-1, 1), big.NewRat(1, 2))
	var out []any
	for _, r := range rats {
		out = append(out, ratJSON(r))
	}
	return out
}

// probeCounts are boundProbes of counts, as ints, then extra.
func probeCounts(o, n *schema, instances []string, extra ...int) []int {
	var out []int
	rats, _ := boundProbes(o, n, instances, false)
	for _, r := range rats {
		out = append(out, count(r, 0))
	}
	return append(out, extra...)
}

func lengthProbes(o, n *schema) []any {
	lens := probeCounts(o, n, []string{"string"})
	lens = append(lens, 0)
	var out []any
	for _, l := range lens {
		if l > maxExampleLength {
			continue
		}
		out = append(out, strings.Repeat("a", l))
		if n.Pattern != nil {
			for _, s := range regexStrings(n.Pattern.String(), 8) {
				if len(s) < l {
					out = append(out, s+strings.Repeat(s[len(s)-min(1, len(s)):], l-len(s)))
				}
			}
		}
	}
	return out
}

func (d *differ) countProbes(o, n *schema) []mutation {
	var out []mutation
	lens := probeCounts(o, n, []string{"array", "object"}, 0, 2)
	_, rest, _ := itemsOf(n)
	item, ok := d.gen.value(rest)
	if !ok {
		item = "a"
	}
	for _, l := range lens {
		if l > 10000 {
			continue
		}
		l := l
		out = append(out, mutation{set: func(cur any) (any, bool) {
			switch x := cur.(type) {
			case []any:
				a := []any{}
				for i := 0; i < l; i++ {
					if i < len(x) {
						a = append(a, clone(x[i]))
					} else if len(x) > 0 && !n.UniqueItems {
						a = append(a, clone(x[0]))
					} else if n.UniqueItems {
						a = append(a, uniquify(clone(item), i))
					} else {
						a = append(a, clone(item))
					}
				}
				return a, true
			case map[string]any:
				m := map[string]any{}
				keys := sortedKeys(x)
				for _, k := range keys {
					if len(m) < l {
						m[k] = clone(x[k])
					}
				}
				for i := 0; len(m) < l; i++ {
					m["namigen_"+strconv.Itoa(i)] = "x"
				}
				return m, true
			}
			return nil, false
		}})
	}
	if !n.UniqueItems && o.UniqueItems {
		out = append(out, mutation{set: func(any) (any, bool) { return []any{clone(item), clone(item)}, true }})
	}
	return out
}
