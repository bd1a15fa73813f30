package load

import (
	"fmt"
	"regexp"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Regexp names the regular expression dialect patterns are compiled in.
type Regexp string

const (
	// RegexpRE2 compiles every pattern with Go's regexp (RE2); a pattern it cannot compile
	// (ECMA-262 look-around, backreferences) is an error. The generated code then needs the
	// standard library only.
	RegexpRE2 Regexp = "re2"
	// RegexpECMA compiles the patterns Go's regexp cannot with github.com/dlclark/regexp2 in its
	// ECMAScript and Unicode modes (JSON Schema patterns are ECMA-262 regular expressions); the
	// generated package imports it for those patterns only.
	RegexpECMA Regexp = "ecma"
)

// ParseRegexp checks a -regexp value ("" is re2).
func ParseRegexp(s string) (Regexp, error) {
	switch Regexp(s) {
	case "", RegexpRE2:
		return RegexpRE2, nil
	case RegexpECMA:
		return RegexpECMA, nil
	}
	return "", fmt.Errorf("unknown regexp dialect %q (want re2 or ecma)", s)
}

// ECMAOptions are the regexp2 options an ECMA-262 pattern is compiled with (the generated code
// uses the same).
const ECMAOptions = regexp2.ECMAScript | regexp2.Unicode

// CompileECMA compiles a pattern Go's regexp cannot compile as an ECMA-262 regular expression.
func CompileECMA(pattern string) (*regexp2.Regexp, error) {
	return regexp2.Compile(pattern, ECMAOptions)
}

// ECMARegexpEngine is the compiler's regexp engine under -regexp ecma: Go's regexp when it
// compiles the pattern, as the generated code does, else regexp2.
func ECMARegexpEngine(pattern string) (jsonschema.Regexp, error) {
	if re, err := regexp.Compile(pattern); err == nil {
		return re, nil
	}
	re, err := CompileECMA(pattern)
	if err != nil {
		return nil, err
	}
	return ecmaRegexp{re}, nil
}

// ecmaRegexp adapts a regexp2 expression to jsonschema.Regexp.
type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return err == nil && ok
}

func (r ecmaRegexp) String() string { return r.re.String() }

// patternHint completes the message of a pattern Go's regexp rejects.
func (l *loader) patternHint() string {
	if l.opts.Regexp == RegexpECMA {
		return "; neither Go's regexp (RE2) nor an ECMA-262 engine (github.com/dlclark/regexp2) compiles it"
	}
	return "; Go's regexp (RE2) cannot compile it (look-around and backreferences are ECMA-262 only): -regexp ecma compiles such patterns with github.com/dlclark/regexp2, which the generated package then imports"
}
