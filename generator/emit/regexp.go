package emit

import (
	"fmt"
	"regexp"

	"github.com/dave/jennifer/jen"
	"github.com/dlclark/regexp2"
)

// regexp2Path is the only import outside the standard library that generated code may have:
// for the ECMA-262 patterns Go's regexp cannot compile, when generated with -regexp ecma (the
// load phase refuses them otherwise).
const regexp2Path = "github.com/dlclark/regexp2"

// ecmaOptions are the regexp2 options of an ECMA-262 pattern (as load.ECMAOptions).
const ecmaOptions = regexp2.ECMAScript | regexp2.Unicode

// patternVars emits the compiled patterns, with Go's regexp wherever it compiles them:
//
//	var pattern1 = regexp.MustCompile("^[a-z]+$")
//	var pattern2 = ecmaPattern{regexp2.MustCompile("^(?!x$).*$", regexp2.ECMAScript|regexp2.Unicode)}
func (e *emitter) patternVars(f *jen.File) error {
	if len(e.patOrder) == 0 {
		return nil
	}
	var defs []jen.Code
	ecma := false
	for _, pat := range e.patOrder {
		v := jen.Id(e.patterns[pat]).Op("=")
		if _, err := regexp.Compile(pat); err == nil {
			defs = append(defs, v.Qual("regexp", "MustCompile").Call(jen.Lit(pat)))
			continue
		}
		if _, err := regexp2.Compile(pat, ecmaOptions); err != nil {
			return fmt.Errorf("pattern %q: neither Go's regexp nor regexp2 compiles it: %v", pat, err)
		}
		ecma = true
		defs = append(defs, v.Id("ecmaPattern").Values(jen.Qual(regexp2Path, "MustCompile").Call(jen.Lit(pat),
			jen.Qual(regexp2Path, "ECMAScript").Op("|").Qual(regexp2Path, "Unicode"))))
	}
	f.Comment("Patterns of the schemas, compiled once.")
	f.Var().Defs(defs...)
	if ecma {
		f.Line()
		f.Comment("ecmaPattern is an ECMA-262 pattern that Go's regexp (RE2) cannot compile, such as a look-around,")
		f.Comment("matched by github.com/dlclark/regexp2 in its ECMAScript mode.")
		f.Type().Id("ecmaPattern").Struct(jen.Id("re").Op("*").Qual(regexp2Path, "Regexp"))
		f.Line()
		f.Comment("MatchString reports whether s contains a match of the pattern.")
		f.Func().Params(jen.Id("p").Id("ecmaPattern")).Id("MatchString").Params(jen.Id("s").String()).Bool().Block(
			jen.List(jen.Id("ok"), jen.Err()).Op(":=").Id("p").Dot("re").Dot("MatchString").Call(jen.Id("s")),
			jen.Return(jen.Id("ok").Op("&&").Err().Op("==").Nil()),
		)
		f.Line()
		f.Comment("checkECMAPattern is checkPattern for an ECMA-262 pattern.")
		f.Func().Id("checkECMAPattern").Params(jen.Id("v").String(), jen.Id("re").Id("ecmaPattern"), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs"), jen.Id("kw").String()).Block(
			jen.If(jen.Op("!").Id("re").Dot("MatchString").Call(jen.Id("v"))).Block(
				jen.Id("e").Dot("add").Call(jen.Id("p"), jen.Id("kw"), jen.Lit("%q does not match the pattern %q"), jen.Id("v"), jen.Id("re").Dot("re").Dot("String").Call()),
			),
		)
	}
	return nil
}

// checkPatternFunc names the support function that checks a string against pat:
// checkPattern (runtime, *regexp.Regexp) or checkECMAPattern (emitted beside ecmaPattern).
func checkPatternFunc(pat string) string {
	if _, err := regexp.Compile(pat); err == nil {
		return "checkPattern"
	}
	return "checkECMAPattern"
}
