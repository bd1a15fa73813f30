package emit

import (
	"fmt"
	"regexp"
	"strings"

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
			defs = append(defs, v.Qual("regexp", "MustCompile").Call(jen.Lit(ecmaMeaning(pat))))
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
	f.Line()
	matches := false
	for _, pat := range e.patOrder {
		// The match functions that the tables' pattern checks name.
		if v := e.patterns[pat]; e.patMatch[v] {
			f.Func().Id("match" + strings.ToUpper(v[:1]) + v[1:]).Params(jen.Id("s").String()).Bool().Add(oneLine(
				jen.Return(jen.Id(v).Dot("MatchString").Call(jen.Id("s")))))
			matches = true
		}
	}
	if matches {
		f.Line() // chunks are joined a blank line apart (render.go)
	}
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
		f.Line()
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

// ECMA-262 classes whose RE2 spelling means something else: \s (RE2: [\t\n\f\r ] only) and
// . (RE2: anything but \n).
const (
	ecmaSpace   = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`
	ecmaNotLine = `[^\n\r\x{2028}\x{2029}]`
)

// ecmaMeaning rewrites a pattern Go's regexp compiles so that it matches what the ECMA-262
// regular expression means (JSON Schema patterns are ECMA-262): \s and \S are ECMA's white
// space and line terminators (they include \v, U+00A0, U+FEFF, the Unicode spaces and U+2028),
// and . excludes \r, U+2028 and U+2029 besides \n. Other syntax means the same in both. A
// pattern whose meaning it cannot render exactly in RE2 (\S inside a class, a class that
// starts with ], POSIX classes) is returned as it is.
func ecmaMeaning(pat string) string {
	var b strings.Builder
	inClass, changed := false, false
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\' && i+1 < len(pat):
			n := pat[i+1]
			i++
			switch {
			case n == 's' && inClass:
				b.WriteString(ecmaSpace)
				changed = true
			case n == 's':
				b.WriteString("[" + ecmaSpace + "]")
				changed = true
			case n == 'S' && inClass:
				return pat
			case n == 'S':
				b.WriteString("[^" + ecmaSpace + "]")
				changed = true
			default:
				b.WriteByte(c)
				b.WriteByte(n)
			}
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			if i+1 < len(pat) && pat[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(pat) && pat[i+1] == ']' {
				return pat // [] and [^] are ECMA's empty and full classes; RE2 reads ] as a member
			}
		case c == '[' && inClass && i+1 < len(pat) && pat[i+1] == ':':
			return pat // [:alpha:] is a POSIX class in RE2, plain characters in ECMA-262
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		case c == '.' && !inClass:
			b.WriteString(ecmaNotLine)
			changed = true
		default:
			b.WriteByte(c)
		}
	}
	if !changed {
		return pat
	}
	if _, err := regexp.Compile(b.String()); err != nil {
		return pat
	}
	return b.String()
}
