package model

import (
	"sort"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Inferred discriminators. For every oneOf/anyOf the builder computes, for each property and
// each branch, the string values the branch allows that property to hold when the instance is
// an object, following const and enum through $ref, allOf and nested oneOf/anyOf (a nested
// union allows the union of its branches' sets). The property whose sets narrow the branches
// most becomes the union's Dispatch: the decoder reads it and tries only the branches whose set
// holds the value.
//
// The sets over-approximate: a keyword the inference does not follow (if/then, not, a
// non-string const, ...) leaves the property unconstrained, which only makes a branch a
// candidate more often. So a branch that is not a candidate is invalid for the instance, and
// dispatch never changes a oneOf or anyOf verdict; it only skips work.

// Dispatch narrows the branches of a union by the value of one object property.
type Dispatch struct {
	Prop string
	// Branches holds, in the order of Union.Variants, what each branch allows for Prop.
	Branches []*DispatchBranch
	// Exact: every branch requires Prop and fixes it to string values no other branch allows,
	// so each value selects at most one branch.
	Exact bool
	// ObjectOnly: no branch accepts a value that is not an object, so such a value is
	// invalid without trying any branch.
	ObjectOnly bool

	// byValue maps each value to the constrained branches naming it, and loose lists the
	// unconstrained branches, so that Candidates of a string costs the size of its answer
	// rather than a scan of every branch (an event union has thousands). Set by index;
	// Candidates scans Branches when byValue is nil (a Dispatch built by hand).
	byValue map[string][]int
	loose   []int
}

// DispatchBranch is what one branch allows for the dispatch property.
type DispatchBranch struct {
	// Values are the strings the property may hold (sorted); nil when the branch does not
	// restrict the property to strings it names (any value may do).
	Values []string
	// Constrained: Values is the complete set (a value outside it, or one that is not a
	// string, makes the branch invalid).
	Constrained bool
	// Required: an object without the property is invalid for the branch.
	Required bool
}

// Candidates returns the branch indexes an object is tried against: tag is the property's
// value when present is true and isString is true.
func (d *Dispatch) Candidates(tag string, present, isString bool) []int {
	if present && isString && d.byValue != nil {
		return mergeSorted(d.loose, d.byValue[tag])
	}
	var out []int
	for i, br := range d.Branches {
		switch {
		case !present:
			if !br.Required {
				out = append(out, i)
			}
		case !br.Constrained:
			out = append(out, i)
		case isString && contains(br.Values, tag):
			out = append(out, i)
		}
	}
	return out
}

// Values lists every string some branch names for the property, sorted.
func (d *Dispatch) Values() []string {
	seen := map[string]bool{}
	var out []string
	for _, br := range d.Branches {
		for _, v := range br.Values {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}

// index fills byValue and loose from Branches (see Candidates).
func (d *Dispatch) index() {
	d.byValue, d.loose = map[string][]int{}, nil
	for i, br := range d.Branches {
		if !br.Constrained {
			d.loose = append(d.loose, i)
			continue
		}
		for _, v := range br.Values {
			d.byValue[v] = append(d.byValue[v], i)
		}
	}
}

// mergeSorted merges two increasing lists of distinct indexes into a new one.
func mergeSorted(a, b []int) []int {
	if len(a)+len(b) == 0 {
		return nil
	}
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// score is how well d narrows its branches: the most candidates a present value leaves
// (a string no branch names, or one that some branch names), their total over the named
// values, and how many values are named. Linear in the branches' values: the candidates of a
// named value are the unconstrained branches and the constrained ones naming it.
func (d *Dispatch) score() (worst, sum, values int) {
	loose := 0
	named := map[string]int{} // value → constrained branches naming it
	for _, br := range d.Branches {
		if !br.Constrained {
			loose++
		}
		for _, v := range br.Values {
			if br.Constrained {
				named[v]++
			} else if _, ok := named[v]; !ok {
				named[v] = 0
			}
		}
	}
	worst = loose
	for _, n := range named {
		sum += loose + n
		worst = max(worst, loose+n)
	}
	return worst, sum, len(named)
}

// tagFacts is what a schema says of one property of an object instance.
type tagFacts struct {
	vals     map[string]bool // nil: unconstrained
	required bool
}

// objectTags maps property names to what schema s says of them, for an object instance.
type objectTags map[string]*tagFacts

// inferDispatch picks the dispatch property of a union with the given branches (nil when no
// property narrows them).
func inferDispatch(brs []*jsonschema.Schema) *Dispatch {
	if len(brs) < 2 {
		return nil
	}
	tags := make([]objectTags, len(brs))
	props := map[string]bool{}
	for i, br := range brs {
		tags[i] = tagsOf(br, map[*jsonschema.Schema]bool{})
		for p, f := range tags[i] {
			if f.vals != nil {
				props[p] = true
			}
		}
	}
	names := make([]string, 0, len(props))
	for p := range props {
		names = append(names, p)
	}
	sort.Strings(names)
	var best *Dispatch
	bestWorst, bestSum := len(brs), 0
	for _, p := range names {
		d := &Dispatch{Prop: p}
		for i := range brs {
			db := &DispatchBranch{}
			if f := tags[i][p]; f != nil {
				db.Required = f.required
				if f.vals != nil {
					db.Constrained = true
					db.Values = make([]string, 0, len(f.vals))
					for v := range f.vals {
						db.Values = append(db.Values, v)
					}
					sort.Strings(db.Values)
				}
			}
			d.Branches = append(d.Branches, db)
		}
		// Score by the candidates a present string value leaves: the worst case, then the total.
		worst, sum, vals := d.score()
		if sum >= len(brs)*vals {
			continue // no value narrows the branches
		}
		if best == nil || worst < bestWorst || worst == bestWorst && sum < bestSum {
			best, bestWorst, bestSum = d, worst, sum
		}
	}
	if best != nil {
		best.index()
		best.ObjectOnly = true
		for _, br := range brs {
			if !onlyObjects(br, map[*jsonschema.Schema]bool{}) {
				best.ObjectOnly = false
			}
		}
		best.Exact = true
		seen := map[string]bool{}
		for _, br := range best.Branches {
			if !br.Required || !br.Constrained {
				best.Exact = false
			}
			for _, v := range br.Values {
				if seen[v] {
					best.Exact = false
				}
				seen[v] = true
			}
		}
	}
	return best
}

// tagsOf collects what s says of the properties of an object instance. seen guards against
// reference cycles (a schema met again says nothing more).
func tagsOf(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool) objectTags {
	out := objectTags{}
	if s == nil || seen[s] || s.Bool != nil {
		return out
	}
	seen[s] = true
	defer delete(seen, s)
	for name, ps := range s.Properties {
		if vals := valuesOf(ps, map[*jsonschema.Schema]bool{}); vals != nil {
			out.fact(name).meet(vals)
		}
	}
	for _, r := range s.Required {
		out.fact(r).required = true
	}
	var parts []*jsonschema.Schema
	parts = append(parts, s.AllOf...)
	if s.Ref != nil {
		parts = append(parts, s.Ref)
	}
	for _, p := range parts {
		out.and(tagsOf(p, seen))
	}
	for _, brs := range [][]*jsonschema.Schema{s.OneOf, s.AnyOf} {
		if len(brs) == 0 {
			continue
		}
		var alts []objectTags
		for _, br := range brs {
			if !acceptsObject(br) {
				continue // never valid for an object: it says nothing of one
			}
			alts = append(alts, tagsOf(br, seen))
		}
		out.and(or(alts))
	}
	return out
}

func (t objectTags) fact(name string) *tagFacts {
	f := t[name]
	if f == nil {
		f = &tagFacts{}
		t[name] = f
	}
	return f
}

// meet restricts f to the values in vals.
func (f *tagFacts) meet(vals map[string]bool) {
	if f.vals == nil {
		f.vals = vals
		return
	}
	both := map[string]bool{}
	for v := range f.vals {
		if vals[v] {
			both[v] = true
		}
	}
	f.vals = both
}

// and adds the facts of a schema that must hold too (allOf, $ref).
func (t objectTags) and(o objectTags) {
	for name, f := range o {
		g := t.fact(name)
		if f.vals != nil {
			g.meet(f.vals)
		}
		g.required = g.required || f.required
	}
}

// or is what holds when one of the alternatives does: a property is constrained to the union
// of the sets when every alternative constrains it, and required when every one requires it.
// With no alternative (none accepts an object) nothing is known.
func or(alts []objectTags) objectTags {
	out := objectTags{}
	if len(alts) == 0 {
		return out
	}
	for name := range alts[0] {
		f := &tagFacts{vals: map[string]bool{}, required: true}
		for _, a := range alts {
			g := a[name]
			if g == nil {
				f.vals, f.required = nil, false
				break
			}
			f.required = f.required && g.required
			if g.vals == nil {
				f.vals = nil
			} else if f.vals != nil {
				for v := range g.vals {
					f.vals[v] = true
				}
			}
		}
		if f.vals != nil || f.required {
			out[name] = f
		}
	}
	return out
}

// acceptsObject reports whether some JSON object may be valid for s, as far as its own type,
// const and enum (and those of its $ref and allOf parts) say.
func acceptsObject(s *jsonschema.Schema) bool {
	for _, p := range flatten(s) {
		if p.Bool != nil && !*p.Bool {
			return false
		}
		if t := typesOf(p); t != nil && !t["object"] {
			return false
		}
		if p.Const != nil {
			if _, ok := (*p.Const).(map[string]any); !ok {
				return false
			}
		}
		if p.Enum != nil {
			obj := false
			for _, v := range p.Enum.Values {
				if _, ok := v.(map[string]any); ok {
					obj = true
				}
			}
			if !obj {
				return false
			}
		}
	}
	return true
}

// valuesOf returns the strings a value valid for s may be, or nil when s allows other values
// too (or the inference cannot tell): const and enum of strings, met through $ref and allOf,
// joined through oneOf and anyOf.
func valuesOf(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool) map[string]bool {
	if s == nil || seen[s] {
		return nil
	}
	if s.Bool != nil {
		if !*s.Bool {
			return map[string]bool{} // no value at all
		}
		return nil
	}
	seen[s] = true
	defer delete(seen, s)
	var out map[string]bool
	meet := func(vals map[string]bool) {
		if vals == nil {
			return
		}
		if out == nil {
			out = vals
			return
		}
		both := map[string]bool{}
		for v := range out {
			if vals[v] {
				both[v] = true
			}
		}
		out = both
	}
	if s.Const != nil {
		meet(stringSet([]any{*s.Const}))
	}
	if s.Enum != nil {
		meet(stringSet(s.Enum.Values))
	}
	if s.Ref != nil {
		meet(valuesOf(s.Ref, seen))
	}
	for _, p := range s.AllOf {
		meet(valuesOf(p, seen))
	}
	for _, brs := range [][]*jsonschema.Schema{s.OneOf, s.AnyOf} {
		if len(brs) == 0 {
			continue
		}
		join := map[string]bool{}
		for _, br := range brs {
			vals := valuesOf(br, seen)
			if vals == nil {
				join = nil
				break
			}
			for v := range vals {
				join[v] = true
			}
		}
		meet(join)
	}
	return out
}

// stringSet is the set of vals when every one is a string, else nil (unconstrained: a value of
// another JSON type may be allowed, which the string set cannot say).
func stringSet(vals []any) map[string]bool {
	out := map[string]bool{}
	for _, v := range vals {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		out[s] = true
	}
	return out
}

// onlyObjects reports whether every value valid for s is an object: a part declares "type":
// "object", or every branch of a part's oneOf/anyOf only accepts objects.
func onlyObjects(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	defer delete(seen, s)
	for _, p := range flatten(s) {
		if t := typesOf(p); t != nil && len(t) == 1 && t["object"] {
			return true
		}
		for _, brs := range [][]*jsonschema.Schema{p.OneOf, p.AnyOf} {
			if len(brs) == 0 {
				continue
			}
			all := true
			for _, br := range brs {
				if !onlyObjects(br, seen) {
					all = false
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}
