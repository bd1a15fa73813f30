package emit

import (
	"fmt"
	"math/bits"
	"sort"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Union dispatch: the decoder of a union with an inferred discriminator (model.Dispatch) reads
// the dispatch property once, computes the set of candidate branches as a bit mask, decodes
// the one candidate directly when there is one, and tries only the candidates otherwise.
//
//	func (x *Event) decodeJSON(data []byte, p *path, e *errs) {
//		*x = Event{}
//		try := uint64(0x7)
//		tag, st := objectTag(data, "action")
//		switch st {
//		case tagString:
//			switch tag {
//			case "opened":
//				try = 0x1
//			...
//		}
//		switch try {
//		case 0x1:
//			x.Opened = new(Opened)
//			(*Opened).decodeJSON(x.Opened, data, p, e)
//		...
//		default: // several candidates: decode and validate each, count the matches
//		}
//	}

// maxDispatchBranches is the number of branches a uint64 mask holds.
const maxDispatchBranches = 64

// dispatchable returns the union's inferred dispatch when the decoder uses it: a dynamic union
// keeps trying every branch (its schema function counts the matches).
func dispatchable(n *model.Named) *model.Dispatch {
	u := n.Union
	if u == nil || u.Dispatch == nil || n.Dyn != nil || len(u.Variants) > maxDispatchBranches || len(u.Dispatch.Branches) != len(u.Variants) {
		return nil
	}
	return u.Dispatch
}

// maskOf is the bit mask of the branch indexes.
func maskOf(idx []int) uint64 {
	var m uint64
	for _, i := range idx {
		m |= 1 << i
	}
	return m
}

func hexLit(m uint64) jen.Code { return jen.Id(fmt.Sprintf("%#x", m)) }

// dispatchDecode returns the body of the decoder of a union with an inferred dispatch, after
// its null check.
func (e *emitter) dispatchDecode(n *model.Named, d *model.Dispatch) []jen.Code {
	u := n.Union
	all := uint64(1)<<len(u.Variants) - 1
	if len(u.Variants) == maxDispatchBranches {
		all = ^uint64(0)
	}
	other := maskOf(d.Candidates("", true, false))
	absent := maskOf(d.Candidates("", false, false))
	// Group the named values by the mask they select, in the order of their first value.
	byMask := map[uint64][]string{}
	var masks []uint64
	for _, v := range d.Values() {
		m := maskOf(d.Candidates(v, true, true))
		if m == other {
			continue // the default case says it
		}
		if _, ok := byMask[m]; !ok {
			masks = append(masks, m)
		}
		byMask[m] = append(byMask[m], v)
	}
	reachable := []uint64{other, absent}
	reachable = append(reachable, masks...)
	if !d.ObjectOnly {
		reachable = append(reachable, all)
	}

	// try starts empty; each state of the property sets the candidates it leaves.
	body := []jen.Code{
		jen.Var().Id("try").Uint64(),
		jen.List(jen.Id("tag"), jen.Id("st")).Op(":=").Id("objectTag").Call(jen.Id("data"), jen.Lit(d.Prop)),
	}
	var valueCases []jen.Code
	for _, m := range masks {
		var lits []jen.Code
		for _, v := range byMask[m] {
			lits = append(lits, jen.Lit(v))
		}
		valueCases = append(valueCases, jen.Case(lits...).Block(jen.Id("try").Op("=").Add(hexLit(m))))
	}
	if other != 0 {
		valueCases = append(valueCases, jen.Default().Block(jen.Id("try").Op("=").Add(hexLit(other))))
	}
	var stCases []jen.Code
	if len(valueCases) > 0 {
		stCases = append(stCases, jen.Case(jen.Id("tagString")).Block(jen.Switch(jen.Id("tag")).Block(valueCases...)))
	}
	if other != 0 {
		stCases = append(stCases, jen.Case(jen.Id("tagOther")).Block(jen.Id("try").Op("=").Add(hexLit(other))))
	}
	if absent != 0 {
		stCases = append(stCases, jen.Case(jen.Id("tagAbsent")).Block(jen.Id("try").Op("=").Add(hexLit(absent))))
	}
	if d.ObjectOnly {
		// No branch accepts a value that is not an object (nor malformed JSON).
		stCases = append(stCases, jen.Case(jen.Id("tagNotObject")).Block(
			jen.Id("notObject").Call(jen.Id("data"), jen.Id("p"), jen.Id("e")),
			jen.Return(),
		))
	} else {
		stCases = append(stCases, jen.Case(jen.Id("tagNotObject")).Block(jen.Id("try").Op("=").Add(hexLit(all))))
	}
	body = append(body, jen.Switch(jen.Id("st")).Block(stCases...))

	// One case per branch for a single candidate: decoded in place, once.
	var cases []jen.Code
	zero := false
	multi := uint64(0) // branches that are tried among others
	for _, m := range reachable {
		switch bits.OnesCount64(m) {
		case 0:
			zero = true
		case 1:
		default:
			multi |= m
		}
	}
	if zero {
		cases = append(cases, jen.Case(jen.Lit(0)).Block(
			jen.Id("noBranch").Call(jen.Lit(d.Prop), jen.Id("tag"), jen.Id("st"), jen.Id("p"), jen.Id("e"), jen.Lit(n.Location)),
		))
	}
	for i, v := range u.Variants {
		cases = append(cases, jen.Case(hexLit(1<<i)).Block(
			jen.Id("x").Dot(v.Name).Op("=").New(e.goType(v.Type)),
			e.decoder(v.Type).Call(jen.Id("x").Dot(v.Name), jen.Id("data"), jen.Id("p"), jen.Id("e")),
		))
	}
	if multi != 0 {
		cases = append(cases, jen.Default().Block(e.tryBranches(n, multi)...))
	}
	body = append(body, jen.Switch(jen.Id("try")).Block(cases...))
	return body
}

// tryBranches decodes and validates each candidate branch (a bit of try) of those in mask on
// its own and counts the matches.
func (e *emitter) tryBranches(n *model.Named, mask uint64) []jen.Code {
	u := n.Union
	out := []jen.Code{jen.Id("matched").Op(":=").Lit(0)}
	for i, v := range u.Variants {
		if mask&(1<<i) == 0 {
			continue
		}
		out = append(out, jen.If(jen.Id("try").Op("&").Add(hexLit(1<<i)).Op("!=").Lit(0)).Block(
			jen.Var().Id("be").Id("errs"),
			jen.Id("v").Op(":=").New(e.goType(v.Type)),
			e.decoder(v.Type).Call(jen.Id("v"), jen.Id("data"), jen.Id("p"), jen.Op("&").Id("be")),
			jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(
				e.branchValidate(v.Type, jen.Id("v"), jen.Id("&be")),
			),
			jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(
				jen.Id("matched").Op("++"),
				jen.If(jen.Id("matched").Op("==").Lit(1).Op("||").Lit(!u.OneOf)).Block(jen.Id("x").Dot(v.Name).Op("=").Id("v")),
			),
		))
	}
	out = append(out, jen.If(jen.Id("matched").Op("==").Lit(0)).Block(
		jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("the value matches none of the branches")),
	))
	if u.OneOf {
		out = append(out, jen.If(jen.Id("matched").Op(">").Lit(1)).Block(
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/oneOf"), jen.Lit("the value matches %d branches; oneOf wants exactly one"), jen.Id("matched")),
		))
	}
	return out
}

// dispatchDocs documents a union with an inferred dispatch: the type's fallback doc and each
// branch's field doc ("" to keep the default).
func dispatchDocs(n *model.Named) (typeDoc string, fields []string) {
	d := dispatchable(n)
	if d == nil {
		return "", nil
	}
	fields = make([]string, len(n.Union.Variants))
	for i, br := range d.Branches {
		if br.Constrained && len(br.Values) > 0 {
			vals := append([]string(nil), br.Values...)
			sort.Strings(vals)
			fields[i] = fmt.Sprintf("%s may be set when %q is %s.", n.Union.Variants[i].Name, d.Prop, quoteAll(vals))
		}
	}
	kind := "tries only the branches that allow its value"
	if d.Exact {
		kind = "selects one branch by its value"
	}
	typeDoc = fmt.Sprintf("is a union; decoding reads %q and %s. Set one field.", d.Prop, kind)
	return typeDoc, fields
}
