package emit

import (
	"regexp"
	"testing"
)

func TestECMAMeaning(t *testing.T) {
	cases := []struct {
		pat          string
		match, not   []string
		sameAsSource bool // the pattern needs no rewriting, or cannot be rewritten exactly
	}{
		{pat: `^\s$`, match: []string{" ", "\t", "\v", "\u00a0", "\ufeff", "\u2029", "\u2003"}, not: []string{"x", ""}},
		{pat: `^\S$`, match: []string{"x", "é"}, not: []string{" ", "\v", "\u00a0", "\ufeff", "\u2029", "\u2003"}},
		{pat: `^[\s,]+$`, match: []string{", \u00a0"}, not: []string{"a"}},
		{pat: `^[^\s]+$`, match: []string{"ab"}, not: []string{"a\u3000b"}},
		{pat: `^a.c$`, match: []string{"abc", "a\tc", "aéc"}, not: []string{"a\nc", "a\rc", "a\u2028c", "a\u2029c"}},
		{pat: `^[.]$`, match: []string{"."}, not: []string{"a"}, sameAsSource: true},
		{pat: `^\.\\s$`, match: []string{`.\s`}, not: []string{". "}, sameAsSource: true},
		{pat: `^[\S]$`, sameAsSource: true},
		{pat: `^[]a]$`, sameAsSource: true},
		{pat: `^[[:alpha:]\s]$`, sameAsSource: true},
		{pat: `^[a-z]+$`, match: []string{"abc"}, sameAsSource: true},
	}
	for _, c := range cases {
		got := ecmaMeaning(c.pat)
		if (got == c.pat) != c.sameAsSource {
			t.Errorf("ecmaMeaning(%q) = %q", c.pat, got)
			continue
		}
		re := regexp.MustCompile(got)
		for _, s := range c.match {
			if !re.MatchString(s) {
				t.Errorf("%q (as %q) does not match %q", c.pat, got, s)
			}
		}
		for _, s := range c.not {
			if re.MatchString(s) {
				t.Errorf("%q (as %q) matches %q", c.pat, got, s)
			}
		}
	}
}
