package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

// Merging the parts of one value (allOf, $ref with siblings, sibling schemas of a property)
// must keep every part's assertion: a value is valid only when every part accepts it.
//
//   - enum and const: the allowed values are the intersection of every part's (JSON equality,
//     so 1 and 1.0 are the same value);
//   - multipleOf: a number is a multiple of a and of b exactly when it is a multiple of their
//     least common multiple (lcm(p/q, r/s) = lcm(p, r) / gcd(q, s) for reduced fractions);
//   - bounds, lengths and counts: the tightest of each (both by keyword.Values.Meet, from the
//     keyword table);
//   - patterns: all of them;
//   - format: two different formats cannot be one Checks.Format, so the type is checked by the
//     dynamic validator, which checks each part as written.
//
// A merge that no value can satisfy (an empty enum intersection, two different consts,
// minimum above maximum, ...) is reported as a generation warning, and the merged checks
// still reject every value.

// addEnum intersects the allowed values with one part's enum.
func (sh *shape) addEnum(vals []any) {
	if !sh.hasEnum {
		sh.enum, sh.hasEnum = append([]any(nil), vals...), true
		return
	}
	var keep []any
	for _, v := range sh.enum {
		for _, w := range vals {
			if jsonEqual(v, w) {
				keep = append(keep, v)
				break
			}
		}
	}
	if len(keep) == 0 && len(sh.enum) > 0 {
		sh.conflict = append(sh.conflict, fmt.Sprintf("the enums of the parts have no value in common (%s and %s)", jsonText(sh.enum), jsonText(vals)))
	}
	sh.enum = keep
}

// addConst intersects the allowed values with one part's const.
func (sh *shape) addConst(c *any) {
	if sh.konst == nil {
		sh.konst = c
		return
	}
	if !jsonEqual(*sh.konst, *c) {
		sh.conflict = append(sh.conflict, fmt.Sprintf("two parts require different constants (%s and %s)", jsonText(*sh.konst), jsonText(*c)))
	}
}

// settle checks, once every part is in, that the const is among the enum values and that the
// declared types leave a value.
func (sh *shape) settle(typed bool) {
	if sh.konst != nil && sh.hasEnum {
		in := false
		for _, v := range sh.enum {
			in = in || jsonEqual(v, *sh.konst)
		}
		if !in && len(sh.enum) > 0 {
			sh.conflict = append(sh.conflict, fmt.Sprintf("the const %s is not among the enum values %s", jsonText(*sh.konst), jsonText(sh.enum)))
		}
	}
	if typed && sh.types != nil && len(sh.types) == 0 && !sh.nullable {
		sh.conflict = append(sh.conflict, "the parts declare types that have no JSON type in common")
	}
}

// jsonEqual is JSON Schema equality: numbers by value, objects by members, arrays by items.
func jsonEqual(a, b any) bool {
	if an, ok := numberOf(a); ok {
		bn, ok := numberOf(b)
		return ok && an.Cmp(bn) == 0
	}
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], bs[i]) {
				return false
			}
		}
		return true
	}
	if _, ok := numberOf(b); ok {
		return false
	}
	return reflect.DeepEqual(a, b)
}

func numberOf(v any) (*big.Rat, bool) {
	switch v := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(string(v))
	case float64:
		r := new(big.Rat)
		if r.SetFloat64(v) == nil {
			return nil, false
		}
		return r, true
	case int:
		return new(big.Rat).SetInt64(int64(v)), true
	case int64:
		return new(big.Rat).SetInt64(v), true
	}
	return nil, false
}

// jsonTextEqual compares two JSON texts with jsonEqual.
func jsonTextEqual(a, b string) bool {
	if a == b {
		return true
	}
	va, errA := decodeJSONText(a)
	vb, errB := decodeJSONText(b)
	return errA == nil && errB == nil && jsonEqual(va, vb)
}

func decodeJSONText(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// mergeChecks merges the constraints of two schemas that hold for the same value. lossy says
// what the result could not keep (different formats): the caller then checks the value with
// the dynamic validator.
func mergeChecks(a, b *Checks) (out *Checks, lossy bool) {
	if b == nil {
		return a, false
	}
	if a == nil {
		cp := *b
		return &cp, false
	}
	m := *a
	m.Meet(&b.Values)
	m.Patterns = append(append([]string(nil), a.Patterns...), b.Patterns...)
	switch {
	case b.Format == "" || b.Format == a.Format:
	case a.Format == "":
		m.Format = b.Format
	default:
		lossy = true
	}
	switch {
	case len(b.Enum) == 0:
	case len(a.Enum) == 0:
		m.Enum, m.Const = b.Enum, b.Const
	default:
		var keep []string
		for _, v := range a.Enum {
			for _, w := range b.Enum {
				if jsonTextEqual(v, w) {
					keep = append(keep, v)
					break
				}
			}
		}
		m.Enum, m.Const = keep, a.Const && b.Const && len(keep) == 1
		if len(keep) == 0 {
			lossy = true // no value is allowed: an empty Enum would check nothing
		}
	}
	return &m, lossy
}

// unsatisfiable lists, per JSON type the checks apply to ("number", "string", "array",
// "object"), why no value of that type can meet the checks c.
func unsatisfiable(c *Checks) map[string][]string {
	if c == nil {
		return nil
	}
	out := map[string][]string{}
	for _, k := range keyword.Conflicts() {
		lo, hi := k.Lower.Rat(&c.Values), k.Upper.Rat(&c.Values)
		if lo != nil && hi != nil && (lo.Cmp(hi) > 0 || k.Strict && lo.Cmp(hi) == 0) {
			out[k.Lower.Instance] = append(out[k.Lower.Instance], fmt.Sprintf("%s %s is above %s", k.Lower.Name, lo.RatString(), hi.RatString()))
		}
	}
	return out
}

// rejectsAll says why no value of the shape's types meets c, or nil when some value may: a
// bound applies to its own JSON type only, so it rejects every value only when the schema
// allows no other type (nor null).
func rejectsAll(sh *shape, c *Checks) []string {
	why := unsatisfiable(c)
	if len(why) == 0 || sh.types == nil || len(sh.types) == 0 || sh.nullable {
		return nil
	}
	var out []string
	for _, t := range sortedTypes(sh.types) {
		kind := t
		if t == "integer" {
			kind = "number"
		}
		if len(why[kind]) == 0 {
			return nil // values of type t may pass
		}
		out = append(out, why[kind]...)
	}
	return out
}

// warn records a generation warning once per location and message.
func (b *builder) warn(loc, format string, args ...any) {
	msg := b.res.Display(loc) + ": " + fmt.Sprintf(format, args...)
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	b.warned[msg] = true
}

// warnings returns the recorded warnings, sorted, for Package.Warnings.
func (b *builder) warnings() []string {
	out := make([]string, 0, len(b.warned))
	for w := range b.warned {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// checkMerge reports a merge of the parts of s that no value can satisfy and makes the type
// being built dynamic when the merged checks cannot say what the parts say (the dynamic
// validator checks every part as written).
func (b *builder) checkMerge(loc string, sh *shape, c *Checks) {
	why := append(append([]string(nil), sh.conflict...), rejectsAll(sh, c)...)
	if len(sh.conflict) > 0 && b.cur != nil {
		b.cur.dynamic = true
	}
	if len(why) > 0 {
		b.warn(loc, "no value can satisfy this schema: %s; every value is rejected", strings.Join(why, "; "))
	}
}
