package emit

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// Union dispatch: the decoder of a union with an inferred discriminator (model.Dispatch) reads
// the dispatch property once and switches on its state and value; each case knows its
// candidate branches at generation time: none is a violation, one is decoded in place, several
// are tried by the union's tryBranches method.
//
//	func (x *Event) decodeJSON(data []byte, p *path, e *errs) {
//		*x = Event{}
//		tag, st := objectTag(data, "action")
//		switch st {
//		case tagString:
//			switch tag {
//			case "opened": // one candidate: decoded in place, once
//				x.Opened = new(Opened)
//				(*Opened).decodeJSON(x.Opened, data, p, e)
//			case "closed": // several: each decoded and validated on its own
//				x.tryBranches(data, p, e, []int{1, 2})
//			default:
//				noBranch("action", tag, st, p, e, "...")
//			}
//		...
//	}

// dispatchable returns the union's inferred dispatch when the decoder uses it: a dynamic union
// keeps trying every branch (its schema function counts the matches).
func dispatchable(n *model.Named) *model.Dispatch {
	u := n.Union
	if u == nil || u.Dispatch == nil || n.Dyn != nil || len(u.Dispatch.Branches) != len(u.Variants) {
		return nil
	}
	return u.Dispatch
}

// candidateSet is a sorted list of branch indexes.
type candidateSet []int

func (c candidateSet) key() string { return fmt.Sprint([]int(c)) }

// dispatchDecode returns the body of the decoder of a union with an inferred dispatch, after
// its null check, and emits the union's tryBranches method into f when some state of the
// property leaves several candidates.
func (e *emitter) dispatchDecode(f *jen.File, n *model.Named, d *model.Dispatch) []jen.Code {
	u := n.Union
	all := make(candidateSet, len(u.Variants))
	for i := range all {
		all[i] = i
	}
	other := candidateSet(d.Candidates("", true, false))
	absent := candidateSet(d.Candidates("", false, false))
	groups := groupValues(d, other)
	var valueCases []jen.Code
	for _, g := range groups {
		var lits []jen.Code
		for _, v := range g.values {
			lits = append(lits, jen.Lit(v))
		}
		valueCases = append(valueCases, jen.Case(lits...).Block(e.dispatchAction(n, d, g.cands)...))
	}
	valueCases = append(valueCases, jen.Default().Block(e.dispatchAction(n, d, other)...))
	stCases := []jen.Code{
		jen.Case(jen.Id("tagString")).Block(jen.Switch(jen.Id("tag")).Block(valueCases...)),
		jen.Case(jen.Id("tagOther")).Block(e.dispatchAction(n, d, other)...),
		jen.Case(jen.Id("tagAbsent")).Block(e.dispatchAction(n, d, absent)...),
	}
	if !d.ObjectOnly {
		stCases = append(stCases, jen.Default().Block(e.dispatchAction(n, d, all)...))
	}
	sets := []candidateSet{other, absent}
	if !d.ObjectOnly {
		sets = append(sets, all)
	}
	if multi := triedBranches(len(u.Variants), groups, sets); multi != nil {
		e.tryBranches(f, n, multi)
	}
	if d.ObjectOnly {
		// No branch accepts a value that is not an object: the decoder splits the object
		// (a violation when it is none) and finds the property among its members.
		size := 0
		for _, v := range u.Variants {
			if v.Type.Kind == model.TNamed && v.Type.Named.Kind == model.KindStruct {
				size = max(size, len(v.Type.Named.Struct.Fields))
			}
		}
		body := []jen.Code{
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
			jen.List(jen.Id("tag"), jen.Id("st")).Op(":=").Id("memberTag").Call(jen.Id("ms"), jen.Lit(d.Prop)),
			jen.Switch(jen.Id("st")).Block(stCases...),
		}
		membersMethod(f, n, body)
		return splitMembers(memberBuf(size))
	}
	return []jen.Code{
		jen.List(jen.Id("tag"), jen.Id("st")).Op(":=").Id("objectTag").Call(jen.Id("data"), jen.Lit(d.Prop)),
		jen.Switch(jen.Id("st")).Block(stCases...),
	}
}

// valueGroup is the named values of a dispatch property that leave the same candidates: one
// case of the decoder's switch on the value.
type valueGroup struct {
	values []string
	cands  candidateSet
}

// groupValues groups the named values of the dispatch property by the candidates they leave,
// in the order of their first value; values that leave the candidates of any other string
// (other) are left to the default case.
func groupValues(d *model.Dispatch, other candidateSet) []valueGroup {
	var groups []valueGroup
	index := map[string]int{}
	for _, v := range d.Values() {
		c := candidateSet(d.Candidates(v, true, true))
		k := c.key()
		if k == other.key() {
			continue // the default case says it
		}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, valueGroup{cands: c})
		}
		groups[i].values = append(groups[i].values, v)
	}
	return groups
}

// triedBranches marks, among a union's variants, the branches that some case of the decoder
// (a group of values, or one of the other sets) tries among others: the ones tryBranches
// handles. It is nil when no case has more than one candidate.
func triedBranches(variants int, groups []valueGroup, sets []candidateSet) []bool {
	multi := make([]bool, variants)
	useTry := false
	note := func(c candidateSet) {
		if len(c) > 1 {
			useTry = true
			for _, i := range c {
				multi[i] = true
			}
		}
	}
	for _, g := range groups {
		note(g.cands)
	}
	for _, c := range sets {
		note(c)
	}
	if !useTry {
		return nil
	}
	return multi
}

// dispatchAction is one case of the decoder of a union with an inferred dispatch, which
// decodes the value for the candidate branches c: none is a violation, one is decoded in place
// (from the members already split, for a struct with decodeMembers), several are tried.
//
//	noBranch("action", tag, st, p, e, "schema.json#/$defs/Event")
//	x.Opened = new(Opened); (*Opened).decodeJSON(x.Opened, data, p, e)
//	x.tryBranches(data, p, e, []int{1, 2})
func (e *emitter) dispatchAction(n *model.Named, d *model.Dispatch, c candidateSet) []jen.Code {
	u := n.Union
	switch len(c) {
	case 0:
		return []jen.Code{jen.Id("noBranch").Call(jen.Lit(d.Prop), jen.Id("tag"), jen.Id("st"), jen.Id("p"), jen.Id("e"), jen.Lit(n.Location))}
	case 1:
		v := u.Variants[c[0]]
		var dec jen.Code
		if d.ObjectOnly && e.membersDecoder(v.Type) {
			// The members split here go on to the branch: the object is scanned once.
			if n := v.Type.Named; e.tp.dec[n] && n.Kind == model.KindStruct {
				// A new struct is zero: the runtime decodes the members into it.
				dec = jen.Id("decodeTable").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("x").Dot(v.Name)), jen.Id("ms"), jen.Op("&").Id(tableName(n)), jen.Id("p"), jen.Id("e"))
			} else {
				e.useMembers(n)
				dec = jen.Id("x").Dot(v.Name).Dot("decodeMembers").Call(jen.Id("data"), jen.Id("ms"), jen.Id("p"), jen.Id("e"))
			}
		} else {
			dec = e.decoder(v.Type).Call(jen.Id("x").Dot(v.Name), jen.Id("data"), jen.Id("p"), jen.Id("e"))
		}
		return []jen.Code{jen.Id("x").Dot(v.Name).Op("=").New(e.goType(v.Type)), dec}
	}
	var lits []jen.Code
	for _, i := range c {
		lits = append(lits, jen.Lit(i))
	}
	return []jen.Code{jen.Id("x").Dot("tryBranches").Call(jen.Id("data"), jen.Id("p"), jen.Id("e"), jen.Index().Int().Values(lits...))}
}

// tryBranches emits the method that decodes and validates each candidate branch on its own
// and counts the matches (only the branches marked in multi can be candidates).
//
//	func (x *U) tryBranches(data []byte, p *path, e *errs, which []int)
func (e *emitter) tryBranches(f *jen.File, n *model.Named, multi []bool) {
	u := n.Union
	var cases []jen.Code
	for i, v := range u.Variants {
		if !multi[i] {
			continue
		}
		cases = append(cases, jen.Case(jen.Lit(i)).Block(e.branchTry(v, !u.OneOf)))
	}
	body := []jen.Code{
		jen.Id("matched").Op(":=").Lit(0),
		jen.For(jen.List(jen.Id("_"), jen.Id("i")).Op(":=").Range().Id("which")).Block(
			jen.Switch(jen.Id("i")).Block(cases...),
		),
		jen.If(jen.Id("matched").Op("==").Lit(0)).Block(
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location), jen.Lit("the value matches none of the branches")),
		),
	}
	if u.OneOf {
		body = append(body, jen.If(jen.Id("matched").Op(">").Lit(1)).Block(
			jen.Op("*").Id("x").Op("=").Id(n.Name).Values(),
			jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(n.Location+"/oneOf"), jen.Lit("the value matches %d branches; oneOf wants exactly one"), jen.Id("matched")),
		))
	}
	f.Comment("tryBranches decodes and validates the value as each branch in which, and keeps the match.")
	f.Func().Params(jen.Id("x").Op("*").Id(n.Name)).Id("tryBranches").Params(
		jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs"), jen.Id("which").Index().Int(),
	).Block(body...)
	f.Line()
}

// dispatchDocs documents a union with an inferred dispatch: the type's fallback doc and each
// branch's field note ("" to keep the default).
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
			fields[i] = fmt.Sprintf("May be set when %q is %s.", d.Prop, quoteAll(vals))
		}
	}
	kind := "tries only the branches that allow its value"
	if d.Exact {
		kind = "selects one branch by its value"
	}
	typeDoc = fmt.Sprintf("is a union; decoding reads %q and %s. Set one field.", d.Prop, kind)
	return typeDoc, fields
}
