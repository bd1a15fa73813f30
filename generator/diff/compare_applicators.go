package diff

import (
	"fmt"
	"sort"
	"strings"
)

// branchSig is how union branches are matched between OLD and NEW.
func (d *differ) branchSig(sd *side, s *schema) string {
	if onlyRef(s) {
		_, p := sd.ptr(s.Ref.Location)
		return "ref:" + p
	}
	if s.Const != nil {
		return "const:" + canon(*s.Const)
	}
	for name, p := range s.Properties {
		if p.Const != nil && contains(s.Required, name) {
			return "disc:" + name + "=" + canon(*p.Const)
		}
	}
	sig := "type:" + strings.Join(sortTypes(typeList(s)), ",")
	if s.Enum != nil {
		sig += ":enum"
	}
	if s.Format != nil {
		sig += ":format"
	}
	return sig
}

func (d *differ) describe(sd *side, s *schema) any {
	if onlyRef(s) {
		return d.refName(sd, s.Ref)
	}
	if s.Const != nil {
		return map[string]any{"const": *s.Const}
	}
	if ts := typeList(s); ts != nil {
		out := map[string]any{"type": listAny(sortTypes(ts))}
		if s.Enum != nil {
			out["enum"] = s.Enum.Values
		}
		return out
	}
	_, p := sd.ptr(s.Location)
	return "#" + p
}

// matchBranches pairs OLD and NEW branches: equal signatures first, then the rest in order
// when both lists keep the same length.
func (d *differ) matchBranches(ol, nl []*schema) (pairs [][2]int, added, removed []int) {
	usedO := make([]bool, len(ol))
	usedN := make([]bool, len(nl))
	osig := make([]string, len(ol))
	for i, s := range ol {
		osig[i] = d.branchSig(d.old, s)
	}
	for j, s := range nl {
		sig := d.branchSig(d.new, s)
		for i := range ol {
			if !usedO[i] && osig[i] == sig {
				usedO[i], usedN[j] = true, true
				pairs = append(pairs, [2]int{i, j})
				break
			}
		}
	}
	var ro, rn []int
	for i := range ol {
		if !usedO[i] {
			ro = append(ro, i)
		}
	}
	for j := range nl {
		if !usedN[j] {
			rn = append(rn, j)
		}
	}
	if len(ro) == len(rn) {
		for k := range ro {
			// Refs to different definitions are a change of branch, not of its content.
			if strings.HasPrefix(osig[ro[k]], "ref:") && strings.HasPrefix(d.branchSig(d.new, nl[rn[k]]), "ref:") {
				removed = append(removed, ro[k])
				added = append(added, rn[k])
				continue
			}
			pairs = append(pairs, [2]int{ro[k], rn[k]})
		}
	} else {
		removed, added = ro, rn
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	return pairs, added, removed
}

func (d *differ) compareUnion(nd *pairNode, kw string, ol, nl []*schema) {
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	if len(ol) == 0 {
		d.add(nd, ConstraintAdded, false, "/"+kw, nil, len(nl), fmt.Sprintf("%s with %d branches added", kw, len(nl))).extra = kw
		return
	}
	if len(nl) == 0 {
		d.add(nd, ConstraintRemoved, false, "/"+kw, len(ol), nil, fmt.Sprintf("%s removed", kw)).extra = kw
		return
	}
	pairs, added, removed := d.matchBranches(ol, nl)
	for _, p := range pairs {
		d.edge(nd, ol[p[0]], nl[p[1]], step{kind: stepBranch, index: p[1], name: kw})
	}
	for _, j := range added {
		c := d.add(nd, UnionBranchAdded, false, fmt.Sprintf("/%s/%d", kw, j), nil, d.describe(d.new, nl[j]), fmt.Sprintf("%s branch %s added", kw, canon(d.describe(d.new, nl[j]))))
		c.extra = kw
		c.value, c.hasValue = j, true
	}
	for _, i := range removed {
		d.add(nd, UnionBranchRemoved, true, fmt.Sprintf("/%s/%d", kw, i), d.describe(d.old, ol[i]), nil, fmt.Sprintf("%s branch %s removed", kw, canon(d.describe(d.old, ol[i]))))
	}
}

func (d *differ) compareAllOf(nd *pairNode) {
	ol, nl := nd.o.AllOf, nd.n.AllOf
	if len(ol) == 0 && len(nl) == 0 {
		return
	}
	pairs, added, removed := d.matchBranches(ol, nl)
	for _, p := range pairs {
		d.edge(nd, ol[p[0]], nl[p[1]], step{kind: stepSame})
	}
	for _, j := range added {
		d.add(nd, AllOfBranchAdded, false, fmt.Sprintf("/allOf/%d", j), nil, d.describe(d.new, nl[j]), fmt.Sprintf("allOf part %s added", canon(d.describe(d.new, nl[j]))))
	}
	for _, i := range removed {
		d.add(nd, AllOfBranchRemoved, true, fmt.Sprintf("/allOf/%d", i), d.describe(d.old, ol[i]), nil, fmt.Sprintf("allOf part %s removed", canon(d.describe(d.old, ol[i]))))
	}
}

// compareOpaque compares the keywords the walk does not descend into by their raw JSON:
// a change below "not" or "if" cannot be classified by the same rules.
func (d *differ) compareOpaque(nd *pairNode) {
	ro, rn := d.old.raw(nd.o), d.new.raw(nd.n)
	if ro == nil || rn == nil {
		return
	}
	for _, kw := range []string{"not", "if", "then", "else", "contains", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies", "unevaluatedProperties", "unevaluatedItems"} {
		ov, oin := ro[kw]
		nv, nin := rn[kw]
		switch {
		case !oin && !nin:
		case !oin:
			d.add(nd, ConstraintAdded, false, "/"+kw, nil, nv, kw+" added").extra = kw
		case !nin:
			d.add(nd, ConstraintRemoved, false, "/"+kw, ov, nil, kw+" removed").extra = kw
		case canon(ov) != canon(nv):
			d.add(nd, ConstraintChanged, false, "/"+kw, ov, nv, kw+" changed").extra = kw
		}
	}
}
