package diff

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

func (d *differ) compareBool(nd *pairNode) {
	o, n := nd.o, nd.n
	ov, nv := boolOf(o), boolOf(n)
	if ov != nil && nv != nil {
		if *ov == *nv {
			return
		}
		if *nv {
			c := d.add(nd, TypeWidened, false, "", false, true, "the schema false became true: any value is accepted")
			c.types = []string{"any"}
		} else {
			d.add(nd, TypeNarrowed, false, "", true, false, "the schema true became false: no value is accepted")
		}
		return
	}
	if ov != nil && !*ov {
		c := d.add(nd, TypeWidened, false, "", false, nil, "the schema false became a schema that accepts values")
		c.types = []string{"any"}
	} else if ov != nil {
		d.add(nd, TypeNarrowed, false, "", true, nil, "the schema true became a schema with constraints")
	} else if nv != nil && *nv {
		c := d.add(nd, TypeWidened, false, "", nil, true, "the schema became true: any value is accepted")
		c.types = []string{"any"}
	} else {
		d.add(nd, TypeNarrowed, false, "", nil, false, "the schema became false: no value is accepted")
	}
}

func boolOf(s *schema) *bool {
	if s.Bool != nil {
		return s.Bool
	}
	return nil
}

var typeOrder = []string{"null", "boolean", "object", "array", "number", "integer", "string"}

func typeList(s *schema) []string {
	if s.Types == nil {
		return nil
	}
	return s.Types.ToStrings()
}

func sortTypes(ts []string) []string {
	out := []string{}
	for _, t := range typeOrder {
		if contains(ts, t) {
			out = append(out, t)
		}
	}
	return out
}

// covers reports whether the type set accepts values of type t (number covers integer).
func covers(set []string, t string) bool {
	return contains(set, t) || (t == "integer" && contains(set, "number"))
}

func listAny(ts []string) any {
	if len(ts) == 1 {
		return ts[0]
	}
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

// compareTypes reports type and nullability changes; it returns true when nullability was
// reported (so that a null in an enum is not reported twice).
func (d *differ) compareTypes(nd *pairNode) bool {
	ot, nt := typeList(nd.o), typeList(nd.n)
	if ot == nil && nt == nil {
		return false
	}
	if ot == nil {
		d.add(nd, TypeNarrowed, false, "/type", nil, listAny(sortTypes(nt)), fmt.Sprintf("type %s added (any type was accepted)", strings.Join(sortTypes(nt), ", ")))
		return false
	}
	if nt == nil {
		c := d.add(nd, TypeWidened, false, "/type", listAny(sortTypes(ot)), nil, fmt.Sprintf("type %s removed: any type is accepted", strings.Join(sortTypes(ot), ", ")))
		for _, t := range []string{"null", "boolean", "object", "array", "number", "string"} {
			if !covers(ot, t) {
				c.types = append(c.types, t)
			}
		}
		return false
	}
	nullDone := false
	on, nn := contains(ot, "null"), contains(nt, "null")
	if !on && nn {
		d.add(nd, NullableAdded, false, "/type", listAny(sortTypes(ot)), listAny(sortTypes(nt)), "null is now allowed")
		nullDone = true
	} else if on && !nn {
		d.add(nd, NullableRemoved, false, "/type", listAny(sortTypes(ot)), listAny(sortTypes(nt)), "null is no longer allowed")
		nullDone = true
	}
	var added, removed []string
	for _, t := range nt {
		if t != "null" && !covers(ot, t) {
			added = append(added, t)
		}
	}
	for _, t := range ot {
		if t != "null" && !covers(nt, t) {
			removed = append(removed, t)
		}
	}
	// integer → number is a widening even though "integer" is not in the new list.
	if len(added) == 0 && len(removed) == 0 {
		return nullDone
	}
	ov, nv := listAny(sortTypes(ot)), listAny(sortTypes(nt))
	switch {
	case len(removed) == 0:
		c := d.add(nd, TypeWidened, false, "/type", ov, nv, fmt.Sprintf("type widened: %s now accepted", strings.Join(sortTypes(added), ", ")))
		c.types = sortTypes(added)
	case len(added) == 0:
		d.add(nd, TypeNarrowed, false, "/type", ov, nv, fmt.Sprintf("type narrowed: %s no longer accepted", strings.Join(sortTypes(removed), ", ")))
	default:
		c := d.add(nd, TypeChanged, false, "/type", ov, nv, fmt.Sprintf("type changed from %s to %s", strings.Join(sortTypes(without(ot, "null")), ", "), strings.Join(sortTypes(without(nt, "null")), ", ")))
		c.types = sortTypes(added)
	}
	return nullDone
}

func without(list []string, x string) []string {
	var out []string
	for _, s := range list {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

func (d *differ) compareEnum(nd *pairNode, nullDone bool) {
	o, n := nd.o, nd.n
	switch {
	case o.Enum == nil && n.Enum == nil:
		return
	case o.Enum == nil:
		d.add(nd, EnumAdded, false, "/enum", nil, n.Enum.Values, "values restricted to an enum")
		return
	case n.Enum == nil:
		d.add(nd, EnumRemoved, false, "/enum", o.Enum.Values, nil, "the enum restriction was removed")
		return
	}
	has := func(list []any, v any) bool {
		cv := canon(v)
		for _, x := range list {
			if canon(x) == cv {
				return true
			}
		}
		return false
	}
	for i, v := range n.Enum.Values {
		if has(o.Enum.Values, v) {
			continue
		}
		if v == nil {
			if !nullDone && !covers(typeList(o), "null") {
				c := d.add(nd, NullableAdded, false, "/enum/"+strconv.Itoa(i), nil, nil, "null added to the enum")
				c.value, c.hasValue = nil, true
			}
			continue
		}
		c := d.add(nd, EnumValueAdded, false, "/enum/"+strconv.Itoa(i), nil, v, fmt.Sprintf("enum value %s added", canon(v)))
		c.value, c.hasValue = v, true
	}
	for i, v := range o.Enum.Values {
		if has(n.Enum.Values, v) {
			continue
		}
		if v == nil {
			if !nullDone {
				d.add(nd, NullableRemoved, true, "/enum/"+strconv.Itoa(i), nil, nil, "null removed from the enum")
			}
			continue
		}
		c := d.add(nd, EnumValueRemoved, true, "/enum/"+strconv.Itoa(i), v, nil, fmt.Sprintf("enum value %s removed", canon(v)))
		c.value, c.hasValue = v, true
	}
}

func (d *differ) compareConst(nd *pairNode) {
	o, n := nd.o, nd.n
	switch {
	case o.Const == nil && n.Const == nil:
	case o.Const == nil:
		d.add(nd, ConstAdded, false, "/const", nil, *n.Const, fmt.Sprintf("const %s added", canon(*n.Const)))
	case n.Const == nil:
		d.add(nd, ConstRemoved, false, "/const", *o.Const, nil, fmt.Sprintf("const %s removed", canon(*o.Const)))
	case canon(*o.Const) != canon(*n.Const):
		c := d.add(nd, ConstChanged, false, "/const", *o.Const, *n.Const, fmt.Sprintf("const changed from %s to %s", canon(*o.Const), canon(*n.Const)))
		c.value, c.hasValue = *n.Const, true
	}
}

// ratJSON turns a number into a JSON number.
func ratJSON(r *big.Rat) any {
	if r == nil {
		return nil
	}
	if r.IsInt() {
		return json.Number(r.Num().String())
	}
	s := strings.TrimRight(r.FloatString(20), "0")
	return json.Number(s)
}

func (d *differ) bound(nd *pairNode, keyword string, lower bool, o, n *big.Rat, tight, loose Kind) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add(nd, tight, false, "/"+keyword, nil, ratJSON(n), fmt.Sprintf("%s %s added", keyword, ratJSON(n))).extra = keyword
	case n == nil:
		d.add(nd, loose, false, "/"+keyword, ratJSON(o), nil, fmt.Sprintf("%s %s removed", keyword, ratJSON(o))).extra = keyword
	default:
		cmp := n.Cmp(o)
		if cmp == 0 {
			return
		}
		k := tight
		if (cmp < 0) == lower {
			k = loose
		}
		word := map[Kind]string{tight: "tightened", loose: "loosened"}[k]
		d.add(nd, k, false, "/"+keyword, ratJSON(o), ratJSON(n), fmt.Sprintf("%s %s from %s to %s", keyword, word, ratJSON(o), ratJSON(n))).extra = keyword
	}
}

// compareBounds reports the changes of the bound assertions of the keyword table
// (generator/keyword), in its order: numbers, counts, lengths.
func (d *differ) compareBounds(nd *pairNode) {
	ov, nv := keyword.Read(nd.o), keyword.Read(nd.n)
	for _, k := range keyword.Bounds() {
		tight, loose := boundKinds(k.Instance)
		o, n := k.Rat(&ov), k.Rat(&nv)
		switch k.Kind {
		case keyword.Lower, keyword.Upper:
			d.bound(nd, k.Name, k.Kind == keyword.Lower, o, n, tight, loose)
		case keyword.Multiple:
			d.multiple(nd, k.Name, o, n, tight, loose)
		case keyword.Flag:
			switch {
			case o == nil && n != nil:
				d.add(nd, tight, false, "/"+k.Name, false, true, k.Name+" added").extra = k.Name
			case o != nil && n == nil:
				d.add(nd, loose, false, "/"+k.Name, true, false, k.Name+" removed").extra = k.Name
			}
		}
	}
}

// boundKinds are the change kinds of a bound on a value of a JSON type.
func boundKinds(instance string) (tight, loose Kind) {
	switch instance {
	case "number":
		return NumericTightened, NumericLoosened
	case "string":
		return LengthTightened, LengthLoosened
	}
	return CountTightened, CountLoosened
}

// multiple reports a change of multipleOf: a new value that is a multiple of the old one
// allows fewer numbers, any other change allows some numbers the old one rejected.
func (d *differ) multiple(nd *pairNode, keyword string, o, n *big.Rat, tight, loose Kind) {
	switch {
	case o == nil && n == nil:
	case o == nil:
		d.add(nd, tight, false, "/"+keyword, nil, ratJSON(n), fmt.Sprintf("%s %s added", keyword, ratJSON(n))).extra = keyword
	case n == nil:
		d.add(nd, loose, false, "/"+keyword, ratJSON(o), nil, fmt.Sprintf("%s %s removed", keyword, ratJSON(o))).extra = keyword
	case o.Cmp(n) != 0:
		k, word := loose, "loosened"
		if new(big.Rat).Quo(n, o).IsInt() {
			k, word = tight, "tightened"
		}
		d.add(nd, k, false, "/"+keyword, ratJSON(o), ratJSON(n), fmt.Sprintf("%s %s from %s to %s", keyword, word, ratJSON(o), ratJSON(n))).extra = keyword
	}
}

func (d *differ) formatOf(sd *side, s *schema) string {
	if raw := sd.raw(s); raw != nil {
		if f, ok := raw["format"].(string); ok {
			return f
		}
	}
	if s.Format != nil {
		return s.Format.Name
	}
	return ""
}

// compareStrings reports changes of pattern and format (the lengths are bounds).
func (d *differ) compareStrings(nd *pairNode) {
	o, n := nd.o, nd.n
	op, np := "", ""
	if o.Pattern != nil {
		op = o.Pattern.String()
	}
	if n.Pattern != nil {
		np = n.Pattern.String()
	}
	switch {
	case op == np:
	case op == "":
		d.add(nd, PatternAdded, false, "/pattern", nil, np, fmt.Sprintf("pattern %s added", np))
	case np == "":
		d.add(nd, PatternRemoved, false, "/pattern", op, nil, fmt.Sprintf("pattern %s removed", op))
	default:
		d.add(nd, PatternChanged, false, "/pattern", op, np, fmt.Sprintf("pattern changed from %s to %s", op, np))
	}
	of, nf := d.formatOf(d.old, o), d.formatOf(d.new, n)
	switch {
	case of == nf:
	case of == "":
		d.add(nd, FormatAdded, false, "/format", nil, nf, fmt.Sprintf("format %s added", nf))
	case nf == "":
		d.add(nd, FormatRemoved, false, "/format", of, nil, fmt.Sprintf("format %s removed", of))
	default:
		d.add(nd, FormatChanged, false, "/format", of, nf, fmt.Sprintf("format changed from %s to %s", of, nf))
	}
}
