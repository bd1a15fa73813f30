package naming

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are the words that are upper-cased whole, keyed by their lower
// case spelling.
//
// Adding or removing an entry renames identifiers in every user's generated
// code.
var initialisms = map[string]bool{
	"id": true, "url": true, "uri": true, "uuid": true, "sku": true,
	"api": true, "http": true, "https": true, "json": true, "ip": true,
	"sdk": true, "html": true, "xml": true, "cpu": true, "dns": true,
	"tls": true, "ssl": true, "ttl": true, "ui": true, "utc": true,
	"os": true, "sql": true, "css": true, "ascii": true, "eof": true,
	"tcp": true, "udp": true, "rpc": true, "ssh": true, "jwt": true,
	"ml": true, "cta": true, "sha": true,
}

// keywords are the Go keywords (The Go Programming Language Specification,
// "Keywords").
var keywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true,
	"default": true, "defer": true, "else": true, "fallthrough": true, "for": true,
	"func": true, "go": true, "goto": true, "if": true, "import": true,
	"interface": true, "map": true, "package": true, "range": true, "return": true,
	"select": true, "struct": true, "switch": true, "type": true, "var": true,
}

// predeclared are the identifiers of the universe block (The Go Programming
// Language Specification, "Predeclared identifiers"). A local variable with
// one of these names would shadow it, so [Unexported] avoids them.
var predeclared = map[string]bool{
	// Types.
	"any": true, "bool": true, "byte": true, "comparable": true,
	"complex64": true, "complex128": true, "error": true, "float32": true,
	"float64": true, "int": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	// Constants and zero value.
	"true": true, "false": true, "iota": true, "nil": true,
	// Functions.
	"append": true, "cap": true, "clear": true, "close": true, "complex": true,
	"copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true,
}

// IsKeyword reports whether s is a Go keyword.
func IsKeyword(s string) bool {
	return keywords[s]
}

// Exported turns a JSON name (property key, $defs key, title, enum value)
// into an exported Go identifier, following the rules in the package
// documentation: "user_id" → "UserID", "event-type" → "EventType",
// "ids" → "IDs", "HTTPServer" → "HTTPServer", "2fa" → "X2fa", "-1" → "Minus1".
//
// It returns "" when name has no letters or digits; the caller supplies a
// fallback.
//
// Changing this function renames identifiers in every user's generated code.
func Exported(name string) string {
	return exportedFromWords(words(name))
}

// Unexported is [Exported] with the first word lower-cased ("UserID" →
// "userID", "URL" → "url", "IDs" → "ids", "HTTPServer" → "httpServer"). A
// result that is a Go keyword or predeclared identifier gets a trailing
// underscore ("type" → "type_", "string" → "string_", "nil" → "nil_"). It is
// used for local variables and parameters in generated code.
//
// It returns "" when name has no letters or digits.
//
// Changing this function renames identifiers in every user's generated code.
func Unexported(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return ""
	}
	if !startsUpper(ws[0]) {
		// The "X" that Exported would add is a word of its own.
		ws = append([]string{"X"}, ws...)
	}
	ws[0] = strings.ToLower(ws[0])
	s := strings.Join(ws, "")
	if keywords[s] || predeclared[s] {
		s += "_"
	}
	return s
}

// EnumValue names the constant for one enum value of the named type typeName:
// typeName followed by the words of value as [Exported] forms them, e.g.
// ("Platform", "apple") → "PlatformApple", ("Code", "404") → "Code404" (no
// "X": the type name already makes the identifier valid), ("Sign", "-1") →
// "SignMinus1". For booleans and null pass "true", "false" and "null".
//
// The empty string gives typeName+"Empty". A value without letters or digits
// ("!!", " ") gives typeName+"Value"+ the first 6 hex digits of the SHA-1 of
// the value, so distinct unnamed values get distinct, stable names.
//
// The result can clash with another value's ("" and "empty", "-1" and
// "minus1"); pass the results through [Resolve].
//
// If typeName is "", the result is made a valid exported identifier the way
// [Exported] does it ("404" → "X404").
//
// Changing this function renames identifiers in every user's generated code.
func EnumValue(typeName, value string) string {
	var s string
	switch ws := words(value); {
	case value == "":
		s = "Empty"
	case len(ws) == 0:
		sum := sha1.Sum([]byte(value))
		s = "Value" + hex.EncodeToString(sum[:])[:6]
	default:
		s = strings.Join(ws, "")
	}
	if typeName == "" {
		return exportedFromWords([]string{s})
	}
	return typeName + s
}

// exportedFromWords joins ws and prefixes "X" when the result would not start
// with an upper-case letter.
func exportedFromWords(ws []string) string {
	s := strings.Join(ws, "")
	if s == "" || startsUpper(s) {
		return s
	}
	return "X" + s
}

// startsUpper reports whether s starts with an upper-case letter, that is
// whether an identifier starting with s is exported.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isWordRune reports whether r may appear in a Go identifier (other than
// '_', which separates words here).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// words splits name into words, each already cased (see the package
// documentation). The first word may start with a digit or a letter that has
// no upper case; the caller decides whether to prefix it.
func words(name string) []string {
	rs := []rune(name)
	var out []string

	// A leading sign directly followed by a digit is a word: "-1" → "Minus1".
	if len(rs) >= 2 && unicode.IsDigit(rs[1]) {
		switch rs[0] {
		case '+':
			out = append(out, "Plus")
			rs = rs[1:]
		case '-':
			out = append(out, "Minus")
			rs = rs[1:]
		}
	}

	// SCREAMING_SNAKE_CASE and other inputs without a lower-case letter are
	// read as lower case.
	screaming := true
	for _, r := range rs {
		if unicode.IsLower(r) {
			screaming = false
			break
		}
	}
	if screaming {
		for i, r := range rs {
			rs[i] = unicode.ToLower(r)
		}
	}

	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		for _, w := range splitCase(rs[i:j]) {
			out = append(out, caseWord(string(w)))
		}
		i = j
	}
	return out
}

// splitCase splits a run of letters and digits at case transitions.
func splitCase(rs []rune) [][]rune {
	var out [][]rune
	start := 0
	for i := 1; i < len(rs); i++ {
		if isBoundary(rs, i) {
			out = append(out, rs[start:i])
			start = i
		}
	}
	return append(out, rs[start:])
}

// isBoundary reports whether a new word starts at rs[i], i > 0.
func isBoundary(rs []rune, i int) bool {
	if !unicode.IsUpper(rs[i]) {
		// Letter→digit, digit→letter and lower→lower are not boundaries.
		return false
	}
	if !unicode.IsUpper(rs[i-1]) {
		// lower→Upper, digit→Upper, caseless→Upper: "fooBar", "v2Api".
		return true
	}
	// Inside a run of upper case: the last upper-case letter before a
	// lower-case one starts the next word ("HTTPServer")…
	if i+1 >= len(rs) || !unicode.IsLower(rs[i+1]) {
		return false
	}
	// …unless the lower-case letter is a lone plural "s" ("URLs", "IDsFoo").
	if rs[i+1] == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2])) {
		return false
	}
	return true
}

// caseWord applies the initialism table, or else upper-cases the first rune.
func caseWord(w string) string {
	lw := strings.ToLower(w)
	if initialisms[lw] {
		return strings.ToUpper(lw)
	}
	if stem, ok := strings.CutSuffix(lw, "s"); ok && initialisms[stem] && !strings.HasSuffix(stem, "s") {
		return strings.ToUpper(stem) + "s"
	}
	if stem := strings.TrimRightFunc(lw, unicode.IsDigit); stem != lw && initialisms[stem] {
		return strings.ToUpper(stem) + lw[len(stem):]
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}
