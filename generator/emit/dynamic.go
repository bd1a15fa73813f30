package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/keyword"
	"github.com/namigen/namigen/generator/model"
)

// schemaFuncs emits one function per dynamic schema node, in location order:
//
//	// schema3 checks a decoded JSON value against schema.json#/$defs/A.
//	func schema3(v any, p *path, e *errs) (a ann) {
//		n0 := len(e.list)
//		checkType(v, []string{"object"}, p, e, "schema.json#/$defs/A/type")
//		...
//		if len(e.list) > n0 {
//			return ann{} // a failing schema's annotations are dropped
//		}
//		return a
//	}
func (e *emitter) schemaFuncs(f *jen.File) {
	for _, da := range e.pkg.Anchors {
		// dynamicAnchor1 resolves a $dynamicRef to "node": the outermost resource in the dynamic
		// scope that defines the anchor, else the static target f.
		var cases []jen.Code
		for _, t := range da.Targets {
			cases = append(cases, jen.Case(jen.Lit(t.Resource)).Block(jen.Id("f").Op("=").Id(t.Schema.Func)))
		}
		fn := jen.Func().Params(jen.Any(), jen.Op("*").Id("path"), jen.Op("*").Id("errs")).Id("ann")
		f.Comment(fmt.Sprintf("%s resolves a $dynamicRef to the anchor %q in the dynamic scope sc: the outermost resource that defines it, else f.", da.Func, da.Name))
		f.Func().Id(da.Func).Params(jen.Id("sc").Op("*").Id("scope"), jen.Id("f").Add(fn)).Add(fn.Clone()).Block(
			jen.For(jen.Id("s").Op(":=").Id("sc"), jen.Id("s").Op("!=").Nil(), jen.Id("s").Op("=").Id("s").Dot("up")).Block(
				jen.Switch(jen.Id("s").Dot("res")).Block(cases...),
			),
			jen.Return(jen.Id("f")),
		)
		f.Line()
	}
	for _, d := range e.pkg.Schemas {
		f.Comment(d.Func + " checks a decoded JSON value against " + d.Location + ".")
		body := []jen.Code{jen.Id("n0").Op(":=").Len(jen.Id("e").Dot("list"))}
		if d.Resource != 0 {
			body = append(body, jen.If(jen.Id("e").Dot("sc").Op("==").Nil().Op("||").Id("e").Dot("sc").Dot("res").Op("!=").Lit(d.Resource)).Block(
				jen.Defer().Id("e").Dot("enter").Call(jen.Lit(d.Resource)).Call(),
			))
		}
		body = append(body, e.schemaBody(d)...)
		body = append(body,
			jen.If(jen.Len(jen.Id("e").Dot("list")).Op(">").Id("n0")).Block(jen.Return(jen.Id("ann").Values())),
			jen.Return(jen.Id("a")),
		)
		v := jen.Id("v")
		if d.Bool != nil {
			v = jen.Id("_")
		}
		f.Func().Id(d.Func).Params(v.Any(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")).Params(jen.Id("a").Id("ann")).Block(body...)
		f.Line()
	}
}

// callExpr is the annotations of checking v against child: a call of its function, or for a
// boolean schema ann{} (true) or a violation (false).
func callExpr(child *model.Schema, v, p, errs jen.Code) *jen.Statement {
	if child.Bool != nil {
		if *child.Bool {
			return jen.Id("ann").Values()
		}
		return jen.Func().Params().Id("ann").Block(
			jen.Add(errs).Dot("add").Call(p, jen.Lit(child.Location), jen.Lit("no value is allowed here")),
			jen.Return(jen.Id("ann").Values()),
		).Call()
	}
	return jen.Id(child.Func).Call(v, p, errs)
}

// callStmt checks v against child, ignoring its annotations.
func callStmt(child *model.Schema, v, p, errs jen.Code) jen.Code {
	if child.Bool != nil {
		if *child.Bool {
			return jen.Null()
		}
		return jen.Add(errs).Dot("add").Call(p, jen.Lit(child.Location), jen.Lit("no value is allowed here"))
	}
	return jen.Id(child.Func).Call(v, p, errs)
}

// branch evaluates child into scratch errors and runs onPass with its annotations in r when
// the value passes: { var be errs; r := child(v, p, &be); if len(be.list) == 0 { ... } }.
func (e *emitter) branch(child *model.Schema, usesR bool, onPass func(r jen.Code) []jen.Code, onFail []jen.Code) jen.Code {
	if child.Bool != nil {
		if *child.Bool {
			return jen.Block(onPass(jen.Id("ann").Values())...)
		}
		return jen.Block(onFail...)
	}
	pass := onPass(jen.Id("r"))
	iff := jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(pass...)
	if len(onFail) > 0 {
		iff = iff.Else().Block(onFail...)
	}
	call := jen.Id(child.Func).Call(jen.Id("v"), jen.Id("p"), jen.Op("&").Id("be"))
	if usesR {
		call = jen.Id("r").Op(":=").Add(call)
	}
	return jen.Block(e.scratch(), call, iff)
}

// scratch declares the errors a branch is tried with, quiet since only their number counts:
// be := errs{quiet: true}, or, in a package whose $dynamicRefs are resolved in the dynamic scope
// (it has dynamic anchors), be := errs{sc: e.sc, quiet: true} so that scratch errors carry the
// scope.
func (e *emitter) scratch() jen.Code {
	if len(e.pkg.Anchors) > 0 {
		return jen.Id("be").Op(":=").Id("errs").Values(jen.Id("sc").Op(":").Id("e").Dot("sc"), jen.Id("quiet").Op(":").True())
	}
	return jen.Id("be").Op(":=").Id("errs").Values(jen.Id("quiet").Op(":").True())
}

func isFalseSchema(d *model.Schema) bool { return d != nil && d.Bool != nil && !*d.Bool }

func strLits(ss []string) *jen.Statement {
	var out []jen.Code
	for _, s := range ss {
		out = append(out, jen.Lit(s))
	}
	return jen.Index().String().Values(out...)
}

// schemaBody is the checks of one node, keyword by keyword; in-place applicators merge their
// annotations into a, and the unevaluated* keywords come last.
func (e *emitter) schemaBody(d *model.Schema) []jen.Code {
	V, P, E := jen.Id("v"), jen.Id("p"), jen.Id("e")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	var out []jen.Code
	if d.Bool != nil {
		if !*d.Bool {
			out = append(out, E.Clone().Dot("add").Call(P, jen.Lit(d.Location), jen.Lit("no value is allowed here")))
		}
		return out
	}
	if len(d.Types) > 0 {
		out = append(out, jen.Id("checkType").Call(V, strLits(d.Types), P, E, kw("type")))
	}
	if d.Enum != nil {
		out = append(out, jen.Id("checkEqual").Call(V, strLits(d.Enum), P, E, kw("enum")))
	}
	if d.Const != nil {
		out = append(out, jen.Id("checkEqual").Call(V, strLits([]string{*d.Const}), P, E, kw("const")))
	}
	out = append(out, anyNumberChecks(d)...)
	out = append(out, e.anyStringChecks(d)...)
	// Arrays.
	if arr := e.arrayChecks(d); len(arr) > 0 {
		out = append(out, jen.If(jen.List(jen.Id("arr"), jen.Id("ok")).Op(":=").Add(V).Assert(jen.Index().Any()), jen.Id("ok")).Block(arr...))
	}
	// Objects.
	if obj := e.objectChecks(d); len(obj) > 0 {
		out = append(out, jen.If(jen.List(jen.Id("obj"), jen.Id("ok")).Op(":=").Add(V).Assert(jen.Map(jen.String()).Any()), jen.Id("ok")).Block(obj...))
	}
	// In-place applicators.
	for _, c := range d.AllOf {
		out = append(out, jen.Id("a").Dot("merge").Call(callExpr(c, V, P, E)))
	}
	out = append(out, e.refChecks(d)...)
	out = append(out, e.anyOfCheck(d)...)
	out = append(out, e.oneOfCheck(d)...)
	if d.Not != nil {
		out = append(out, e.branch(d.Not, false, func(jen.Code) []jen.Code {
			return []jen.Code{E.Clone().Dot("add").Call(P, kw("not"), jen.Lit("the value must not match the schema at "+d.Location+"/not"))}
		}, nil))
	}
	if d.If != nil {
		var then, els []jen.Code
		if d.Then != nil {
			then = append(then, jen.Id("a").Dot("merge").Call(callExpr(d.Then, V, P, E)))
		}
		if d.Else != nil {
			els = append(els, jen.Id("a").Dot("merge").Call(callExpr(d.Else, V, P, E)))
		}
		out = append(out, e.branch(d.If, true, func(r jen.Code) []jen.Code {
			return append([]jen.Code{jen.Id("a").Dot("merge").Call(r)}, then...)
		}, els))
	}
	// Unevaluated properties and items, once every other keyword has had its say.
	return append(out, unevaluatedChecks(d)...)
}

// anyNumberChecks is the numeric keywords of d, checked on the decoded value v: none or one
// statement:
//
//	if n, ok := v.(json.Number); ok {
//		checkNumberJSON(n, "0", "minimum", p, e, "schema.json#/minimum")
//		checkMultipleOfJSON(n, "1/2", p, e, "schema.json#/multipleOf")
//	}
func anyNumberChecks(d *model.Schema) []jen.Code {
	P, E := jen.Id("p"), jen.Id("e")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	var num []jen.Code
	for _, b := range numberBounds(&d.Values, false) {
		if b.k.Kind == keyword.Multiple {
			num = append(num, jen.Id("checkMultipleOfJSON").Call(jen.Id("n"), jen.Lit(b.r.RatString()), P, E, kw(b.k.Name)))
		} else {
			num = append(num, jen.Id("checkNumberJSON").Call(jen.Id("n"), jen.Lit(b.r.RatString()), jen.Lit(b.k.Name), P, E, kw(b.k.Name)))
		}
	}
	if len(num) == 0 {
		return nil
	}
	return []jen.Code{jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Add(jen.Id("v")).Assert(jen.Qual("encoding/json", "Number")), jen.Id("ok")).Block(num...)}
}

// anyStringChecks is the string keywords of d, checked on the decoded value v: none or one
// statement:
//
//	if s, ok := v.(string); ok {
//		checkMinLength(s, 1, p, e, "schema.json#/minLength")
//		checkPattern(s, pattern1, p, e, "schema.json#/pattern")
//		checkFormat(s, "date-time", p, e, "schema.json#/format")
//	}
func (e *emitter) anyStringChecks(d *model.Schema) []jen.Code {
	P, E, S := jen.Id("p"), jen.Id("e"), jen.Id("s")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	str := lengthCalls(&d.Values, false, S, P, d.Location)
	if d.Pattern != "" {
		str = append(str, jen.Id(checkPatternFunc(d.Pattern)).Call(S, jen.Id(e.patternVar(d.Pattern)), P, E, kw("pattern")))
	}
	if d.Format != "" {
		str = append(str, jen.Id("checkFormat").Call(S, jen.Lit(d.Format), P, E, kw("format")))
	}
	if len(str) == 0 {
		return nil
	}
	return []jen.Code{jen.If(jen.List(S, jen.Id("ok")).Op(":=").Add(jen.Id("v")).Assert(jen.String()), jen.Id("ok")).Block(str...)}
}

// refChecks is $ref, $dynamicRef and $recursiveRef of d, in that order, each merging the
// annotations of its target: a.merge(schema4(v, p, e)), or for a reference resolved in the
// dynamic scope, a.merge(dynamicAnchor1(e.sc, schema4)(v, p, e)).
func (e *emitter) refChecks(d *model.Schema) []jen.Code {
	V, P, E := jen.Id("v"), jen.Id("p"), jen.Id("e")
	var out []jen.Code
	for _, c := range []*model.Schema{d.Ref, d.DynamicRef, d.RecurRef} {
		if c == nil {
			continue
		}
		if (c == d.DynamicRef && d.DynamicAnchor != "" || c == d.RecurRef && d.RecursiveAnchor) && c.Bool == nil {
			name := d.DynamicAnchor
			if c == d.RecurRef {
				name = "$recursiveAnchor"
			}
			var res string
			for _, da := range e.pkg.Anchors {
				if da.Name == name {
					res = da.Func
				}
			}
			out = append(out, jen.Id("a").Dot("merge").Call(jen.Id(res).Call(jen.Id("e").Dot("sc"), jen.Id(c.Func)).Call(V, P, E)))
			continue
		}
		out = append(out, jen.Id("a").Dot("merge").Call(callExpr(c, V, P, E)))
	}
	return out
}

// anyOfCheck is d's anyOf, none or one block that merges the annotations of every branch
// that passes:
//
//	{
//		matched := 0
//		{ be := errs{quiet: true}; r := schema5(v, p, &be); if len(be.list) == 0 { matched++; a.merge(r) } }
//		...
//		if matched == 0 { e.add(p, "schema.json#/anyOf", "the value matches none of the anyOf branches") }
//	}
func (e *emitter) anyOfCheck(d *model.Schema) []jen.Code {
	if len(d.AnyOf) == 0 {
		return nil
	}
	blk := []jen.Code{jen.Id("matched").Op(":=").Lit(0)}
	for _, c := range d.AnyOf {
		blk = append(blk, e.branch(c, true, func(r jen.Code) []jen.Code {
			return []jen.Code{jen.Id("matched").Op("++"), jen.Id("a").Dot("merge").Call(r)}
		}, nil))
	}
	blk = append(blk, jen.If(jen.Id("matched").Op("==").Lit(0)).Block(
		jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Lit(d.Location+"/anyOf"), jen.Lit("the value matches none of the anyOf branches"))))
	return []jen.Code{jen.Block(blk...)}
}

// oneOfCheck is d's oneOf, none or one block that merges the annotations of the one branch
// that passes:
//
//	{
//		matched := 0
//		var oa ann
//		{ be := errs{quiet: true}; r := schema5(v, p, &be); if len(be.list) == 0 { matched++; oa = r } }
//		...
//		switch matched {
//		case 0: e.add(p, "schema.json#/oneOf", "the value matches none of the oneOf branches")
//		case 1: a.merge(oa)
//		default: e.add(p, "schema.json#/oneOf", "the value matches %d branches; oneOf wants exactly one", matched)
//		}
//	}
func (e *emitter) oneOfCheck(d *model.Schema) []jen.Code {
	if len(d.OneOf) == 0 {
		return nil
	}
	P, E, kw := jen.Id("p"), jen.Id("e"), jen.Lit(d.Location+"/oneOf")
	blk := []jen.Code{jen.Id("matched").Op(":=").Lit(0), jen.Var().Id("oa").Id("ann")}
	for _, c := range d.OneOf {
		blk = append(blk, e.branch(c, true, func(r jen.Code) []jen.Code {
			return []jen.Code{jen.Id("matched").Op("++"), jen.Id("oa").Op("=").Add(r)}
		}, nil))
	}
	blk = append(blk, jen.Switch(jen.Id("matched")).Block(
		jen.Case(jen.Lit(0)).Block(E.Clone().Dot("add").Call(P, kw, jen.Lit("the value matches none of the oneOf branches"))),
		jen.Case(jen.Lit(1)).Block(jen.Id("a").Dot("merge").Call(jen.Id("oa"))),
		jen.Default().Block(E.Clone().Dot("add").Call(P, kw, jen.Lit("the value matches %d branches; oneOf wants exactly one"), jen.Id("matched"))),
	))
	return []jen.Code{jen.Block(blk...)}
}

// unevaluatedChecks is d's unevaluatedProperties and unevaluatedItems, which come after
// every other keyword since they check what none of those evaluated:
//
//	if obj, ok := v.(map[string]any); ok {
//		for _, k := range sortedKeys(obj) {
//			if !a.hasProp(k) {
//				schema6(obj[k], &path{parent: p, key: k}, e)
//			}
//		}
//		a.allProps = true
//	}
//	if arr, ok := v.([]any); ok {
//		for i := range arr {
//			if !a.hasItem(i) {
//				e.add(p, "schema.json#/unevaluatedItems", "item %d is not allowed (unevaluated)", i)
//			}
//		}
//		a.allItems = true
//	}
func unevaluatedChecks(d *model.Schema) []jen.Code {
	V, P, E := jen.Id("v"), jen.Id("p"), jen.Id("e")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	var out []jen.Code
	if u := d.UnevaluatedProperties; u != nil {
		var chk jen.Code
		child := childPath(P, jen.Id("k"))
		if isFalseSchema(u) {
			chk = E.Clone().Dot("add").Call(P, kw("unevaluatedProperties"), jen.Lit("property %q is not allowed (unevaluated)"), jen.Id("k"))
		} else {
			chk = callStmt(u, jen.Id("obj").Index(jen.Id("k")), child, E)
		}
		out = append(out, jen.If(jen.List(jen.Id("obj"), jen.Id("ok")).Op(":=").Add(V).Assert(jen.Map(jen.String()).Any()), jen.Id("ok")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("obj"))).Block(
				jen.If(jen.Op("!").Id("a").Dot("hasProp").Call(jen.Id("k"))).Block(chk),
			),
			jen.Id("a").Dot("allProps").Op("=").True(),
		))
	}
	if u := d.UnevaluatedItems; u != nil {
		var chk jen.Code
		if isFalseSchema(u) {
			chk = E.Clone().Dot("add").Call(P, kw("unevaluatedItems"), jen.Lit("item %d is not allowed (unevaluated)"), jen.Id("i"))
		} else {
			chk = callStmt(u, jen.Id("arr").Index(jen.Id("i")), indexPath(P, jen.Id("i")), E)
		}
		out = append(out, jen.If(jen.List(jen.Id("arr"), jen.Id("ok")).Op(":=").Add(V).Assert(jen.Index().Any()), jen.Id("ok")).Block(
			jen.For(jen.Id("i").Op(":=").Range().Id("arr")).Block(
				jen.If(jen.Op("!").Id("a").Dot("hasItem").Call(jen.Id("i"))).Block(chk),
			),
			jen.Id("a").Dot("allItems").Op("=").True(),
		))
	}
	return out
}

func (e *emitter) arrayChecks(d *model.Schema) []jen.Code {
	P, E, ARR := jen.Id("p"), jen.Id("e"), jen.Id("arr")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	var out []jen.Code
	out = append(out, countCalls(&d.Values, "array", false, jen.Len(ARR), P, d.Location)...)
	if hasFlag(&d.Values, "array", false) {
		out = append(out, jen.Id("checkUniqueAny").Call(ARR, P, E, kw("uniqueItems")))
	}
	for i, c := range d.PrefixItems {
		out = append(out, jen.If(jen.Len(ARR).Op(">").Lit(i)).Block(
			callStmt(c, ARR.Clone().Index(jen.Lit(i)), indexPath(P, jen.Lit(i)), E),
		))
	}
	if len(d.PrefixItems) > 0 {
		out = append(out, jen.Id("a").Dot("leading").Call(jen.Min(jen.Len(ARR), jen.Lit(len(d.PrefixItems)))))
	}
	if it := d.Items; it != nil {
		var chk jen.Code
		if isFalseSchema(it) {
			chk = E.Clone().Dot("add").Call(P, kw(d.ItemsKeyword), jen.Lit("item %d is not allowed"), jen.Id("i"))
		} else {
			chk = callStmt(it, ARR.Clone().Index(jen.Id("i")), indexPath(P, jen.Id("i")), E)
		}
		out = append(out,
			jen.For(jen.Id("i").Op(":=").Lit(len(d.PrefixItems)), jen.Id("i").Op("<").Len(ARR), jen.Id("i").Op("++")).Block(chk),
			jen.Id("a").Dot("allItems").Op("=").True(),
		)
	}
	if c := d.Contains; c != nil {
		min, minKw := 1, "contains"
		if d.MinContains != nil {
			min, minKw = *d.MinContains, "minContains"
		}
		blk := []jen.Code{jen.Id("count").Op(":=").Lit(0)}
		var loop []jen.Code
		if c.Bool != nil {
			if *c.Bool {
				loop = []jen.Code{jen.Id("count").Op("++"), jen.Id("a").Dot("item").Call(jen.Id("i"))}
			} else {
				blk = append(blk, jen.Id("_").Op("=").Add(ARR)) // contains: false matches nothing
			}
		} else {
			loop = []jen.Code{
				e.scratch(),
				jen.Id(c.Func).Call(jen.Id("it"), indexPath(P, jen.Id("i")), jen.Op("&").Id("be")),
				jen.If(jen.Len(jen.Id("be").Dot("list")).Op("==").Lit(0)).Block(jen.Id("count").Op("++"), jen.Id("a").Dot("item").Call(jen.Id("i"))),
			}
		}
		itVar := jen.Id("it")
		if c.Bool != nil {
			itVar = jen.Id("_")
		}
		if len(loop) > 0 {
			blk = append(blk, jen.For(jen.List(jen.Id("i"), itVar).Op(":=").Range().Add(ARR)).Block(loop...))
		}
		if min > 0 {
			blk = append(blk, jen.If(jen.Id("count").Op("<").Lit(min)).Block(
				E.Clone().Dot("add").Call(P, kw(minKw), jen.Lit("%d items match contains, fewer than the minimum %d"), jen.Id("count"), jen.Lit(min))))
		}
		if d.MaxContains != nil {
			blk = append(blk, jen.If(jen.Id("count").Op(">").Lit(*d.MaxContains)).Block(
				E.Clone().Dot("add").Call(P, kw("maxContains"), jen.Lit("%d items match contains, more than the maximum %d"), jen.Id("count"), jen.Lit(*d.MaxContains))))
		}
		out = append(out, jen.Block(blk...))
	}
	return out
}

func (e *emitter) objectChecks(d *model.Schema) []jen.Code {
	P, E, OBJ := jen.Id("p"), jen.Id("e"), jen.Id("obj")
	kw := func(k string) *jen.Statement { return jen.Lit(d.Location + "/" + k) }
	var out []jen.Code
	out = append(out, countCalls(&d.Values, "object", false, jen.Len(OBJ), P, d.Location)...)
	for _, r := range d.Required {
		out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(OBJ.Clone().Index(jen.Lit(r))), jen.Op("!").Id("ok")).Block(
			E.Clone().Dot("add").Call(P, kw("required"), jen.Lit("missing required property %q"), jen.Lit(r))))
	}
	for _, ps := range d.Properties {
		x := "x"
		if ps.Schema.Bool != nil {
			x = "_"
		}
		out = append(out, jen.If(jen.List(jen.Id(x), jen.Id("ok")).Op(":=").Add(OBJ.Clone().Index(jen.Lit(ps.Name))), jen.Id("ok")).Block(
			callStmtUsing(ps.Schema, jen.Id("x"), childPath(P, jen.Lit(ps.Name)), E),
			jen.Id("a").Dot("prop").Call(jen.Lit(ps.Name)),
		))
	}
	if len(d.PatternProperties) > 0 || d.AdditionalProperties != nil || (d.PropertyNames != nil && !(d.PropertyNames.Bool != nil && *d.PropertyNames.Bool)) {
		var loop []jen.Code
		child := childPath(P, jen.Id("k"))
		usesX := false
		if pn := d.PropertyNames; pn != nil && !(pn.Bool != nil && *pn.Bool) {
			if isFalseSchema(pn) {
				loop = append(loop, E.Clone().Dot("add").Call(child, kw("propertyNames"), jen.Lit("no property name is allowed")))
			} else {
				loop = append(loop, callStmt(pn, jen.Id("k"), child, E))
			}
		}
		track := d.AdditionalProperties != nil && len(d.PatternProperties) > 0
		if track {
			loop = append(loop, jen.Id("matched").Op(":=").False())
		}
		for _, pp := range d.PatternProperties {
			body := []jen.Code{callStmtUsing(pp.Schema, jen.Id("x"), child, E), jen.Id("a").Dot("prop").Call(jen.Id("k"))}
			usesX = usesX || pp.Schema.Bool == nil
			if track {
				body = append(body, jen.Id("matched").Op("=").True())
			}
			loop = append(loop, jen.If(jen.Id(e.patternVar(pp.Pattern)).Dot("MatchString").Call(jen.Id("k"))).Block(body...))
		}
		if ap := d.AdditionalProperties; ap != nil {
			var chk jen.Code
			if isFalseSchema(ap) {
				chk = E.Clone().Dot("add").Call(P, kw("additionalProperties"), jen.Lit("property %q is not allowed"), jen.Id("k"))
			} else {
				chk = callStmtUsing(ap, jen.Id("x"), child, E)
				usesX = usesX || ap.Bool == nil
			}
			var cond jen.Code = jen.True()
			if track {
				cond = jen.Op("!").Id("matched")
			}
			add := jen.If(cond).Block(chk, jen.Id("a").Dot("prop").Call(jen.Id("k")))
			if len(d.Properties) > 0 {
				var names []jen.Code
				for _, ps := range d.Properties {
					names = append(names, jen.Lit(ps.Name))
				}
				loop = append(loop, jen.Switch(jen.Id("k")).Block(jen.Case(names...), jen.Default().Block(add)))
			} else {
				loop = append(loop, add)
			}
		}
		if usesX {
			loop = append([]jen.Code{jen.Id("x").Op(":=").Add(OBJ.Clone().Index(jen.Id("k")))}, loop...)
		}
		out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(OBJ)).Block(loop...))
	}
	for _, dr := range d.DependentRequired {
		var blk []jen.Code
		for _, r := range dr.Required {
			blk = append(blk, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(OBJ.Clone().Index(jen.Lit(r))), jen.Op("!").Id("ok")).Block(
				E.Clone().Dot("add").Call(P, jen.Lit(d.Location+"/"+dr.Keyword+"/"+escapePtr(dr.Name)), jen.Lit("property %q is required when %q is present"), jen.Lit(r), jen.Lit(dr.Name))))
		}
		if len(blk) > 0 {
			out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(OBJ.Clone().Index(jen.Lit(dr.Name))), jen.Id("ok")).Block(blk...))
		}
	}
	for _, ds := range d.DependentSchemas {
		out = append(out, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(OBJ.Clone().Index(jen.Lit(ds.Name))), jen.Id("ok")).Block(
			jen.Id("a").Dot("merge").Call(callExpr(ds.Schema, jen.Id("v"), P, E))))
	}
	return out
}

// callStmtUsing is callStmt for a member value x (a false schema names the member's path).
func callStmtUsing(child *model.Schema, x, p, errs jen.Code) jen.Code {
	if child.Bool != nil && *child.Bool {
		return jen.Null()
	}
	return callStmt(child, x, p, errs)
}
