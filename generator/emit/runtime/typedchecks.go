package runtime

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Checks. Each records a violation and returns nothing: validation goes on to find them all.

func checkMinLength(v string, n int, p *path, e *errs, kw string) {
	if c := utf8.RuneCountInString(v); c < n {
		e.add(p, kw, "length %d is below the minimum %d", c, n)
	}
}

func checkMaxLength(v string, n int, p *path, e *errs, kw string) {
	if c := utf8.RuneCountInString(v); c > n {
		e.add(p, kw, "length %d is above the maximum %d", c, n)
	}
}

func checkPattern(v string, re *regexp.Regexp, p *path, e *errs, kw string) {
	if !re.MatchString(v) {
		e.add(p, kw, "%q does not match the pattern %q", v, re.String())
	}
}

// ratOf converts a finite float to the exact value of its shortest decimal form, which is the
// number the JSON text said (0.3 is 3/10, not the binary float nearest to it).
func ratOf(f float64) *big.Rat {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		return new(big.Rat).SetFloat64(f)
	}
	return r
}

func checkNumber(v float64, bound string, op string, p *path, e *errs, kw string) {
	r := ratOf(v)
	b, _ := new(big.Rat).SetString(bound)
	if r == nil || b == nil {
		return
	}
	c := r.Cmp(b)
	ok := true
	switch op {
	case "minimum":
		ok = c >= 0
	case "maximum":
		ok = c <= 0
	case "exclusiveMinimum":
		ok = c > 0
	case "exclusiveMaximum":
		ok = c < 0
	}
	if !ok {
		e.add(p, kw, "%s is not allowed by %s %s", strconv.FormatFloat(v, 'g', -1, 64), op, bound)
	}
}

// checkIntBound is checkNumber for an int64 and an integer bound, without big numbers.
func checkIntBound(v, b int64, op string, p *path, e *errs, kw string) {
	ok := true
	switch op {
	case "minimum":
		ok = v >= b
	case "maximum":
		ok = v <= b
	case "exclusiveMinimum":
		ok = v > b
	case "exclusiveMaximum":
		ok = v < b
	}
	if !ok {
		e.add(p, kw, "%d is not allowed by %s %d", v, op, b)
	}
}

// checkFloatBound is checkNumber for an integer bound within ±2^53: a float64 compares with
// it exactly, as the shortest decimal of v does.
func checkFloatBound(v, b float64, op string, p *path, e *errs, kw string) {
	ok := true
	switch op {
	case "minimum":
		ok = v >= b
	case "maximum":
		ok = v <= b
	case "exclusiveMinimum":
		ok = v > b
	case "exclusiveMaximum":
		ok = v < b
	}
	if !ok {
		e.add(p, kw, "%s is not allowed by %s %s", strconv.FormatFloat(v, 'g', -1, 64), op, strconv.FormatFloat(b, 'g', -1, 64))
	}
}

func checkIntMultipleOf(v, m int64, p *path, e *errs, kw string) {
	if m > 0 && v%m != 0 {
		e.add(p, kw, "%d is not a multiple of %d", v, m)
	}
}

func checkMultipleOf(v float64, m string, p *path, e *errs, kw string) {
	r := ratOf(v)
	mr, _ := new(big.Rat).SetString(m)
	if r == nil || mr == nil || mr.Sign() == 0 {
		return
	}
	if !new(big.Rat).Quo(r, mr).IsInt() {
		e.add(p, kw, "%s is not a multiple of %s", strconv.FormatFloat(v, 'g', -1, 64), m)
	}
}

func checkCount(n, min, max int, what string, p *path, e *errs, kw string) {
	if min >= 0 && n < min {
		e.add(p, kw, "%d %s, fewer than the minimum %d", n, what, min)
	}
	if max >= 0 && n > max {
		e.add(p, kw, "%d %s, more than the maximum %d", n, what, max)
	}
}

// checkUnique reports duplicate items by JSON equality (1 equals 1.0, key order ignored).
func checkUnique[T any](items []T, p *path, e *errs, kw string) {
	seen := make(map[string]int, len(items))
	for i, it := range items {
		data, err := json.Marshal(it)
		if err != nil {
			continue
		}
		k := canonicalJSON(data)
		if j, dup := seen[k]; dup {
			e.add(p, kw, "items %d and %d are equal", j, i)
			return
		}
		seen[k] = i
	}
}

// canonicalJSON renders a value with sorted keys and exact numbers, for equality.
func canonicalJSON(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return string(data)
	}
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any) {
	switch v := v.(type) {
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			writeCanonical(b, v[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, x)
		}
		b.WriteByte(']')
	case json.Number:
		if r, ok := new(big.Rat).SetString(string(v)); ok {
			b.WriteString(r.RatString())
			return
		}
		b.WriteString(string(v))
	default:
		data, _ := json.Marshal(v)
		b.Write(data)
	}
}

// checkEnumJSON checks a value against allowed values given as JSON texts.
func checkEnumJSON(v any, allowed []string, p *path, e *errs, kw string) {
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	c := canonicalJSON(data)
	for _, a := range allowed {
		if canonicalJSON([]byte(a)) == c {
			return
		}
	}
	if len(allowed) == 1 {
		e.add(p, kw, "%s is not the required value %s", data, allowed[0])
		return
	}
	e.add(p, kw, "%s is not one of %s", data, strings.Join(allowed, ", "))
}

// checkFormat asserts a string format. Unknown formats are annotations and pass.
func checkFormat(v, format string, p *path, e *errs, kw string) {
	if !validFormat(v, format) {
		e.add(p, kw, "%q is not a valid %s", v, format)
	}
}

func validFormat(v, format string) bool {
	switch format {
	case "date-time":
		return validDateTime(v)
	case "date":
		return validDate(v)
	case "time":
		return validFullTime(v)
	case "duration":
		return validDuration(v)
	case "uuid":
		return validUUID(v)
	case "email":
		return formatEmail(v)
	case "idn-email":
		return formatIDNEmail(v)
	case "hostname":
		return validHostname(v)
	case "idn-hostname":
		return validIDNHostname(v)
	case "ipv4":
		return formatIPv4(v)
	case "ipv6":
		return formatIPv6(v)
	case "uri":
		return formatURI(v)
	case "uri-reference":
		return formatURIReference(v)
	case "iri":
		return formatIRI(v)
	case "iri-reference":
		return formatIRIReference(v)
	case "uri-template":
		return validURITemplate(v)
	case "regex":
		return formatRegex(v)
	case "json-pointer":
		return validJSONPointer(v)
	case "relative-json-pointer":
		return validRelJSONPointer(v)
	}
	return true
}

// The validators of the formats that take one string and nothing else, which a table's
// cFormat check names (the others are valid* functions of their own), so that a package
// carries only the formats it checks.

func formatEmail(v string) bool    { return validEmail(v, false) }
func formatIDNEmail(v string) bool { return validEmail(v, true) }

func formatIPv4(v string) bool {
	a, err := netip.ParseAddr(v)
	return err == nil && a.Is4()
}

func formatIPv6(v string) bool {
	a, err := netip.ParseAddr(v)
	return err == nil && a.Is6() && a.Zone() == ""
}

func formatURI(v string) bool {
	if plainURI(v) {
		return true // the common shape, checked without the full grammar
	}
	return validURI(v, false, true)
}

func formatURIReference(v string) bool { return validURI(v, false, false) }
func formatIRI(v string) bool          { return validURI(v, true, true) }
func formatIRIReference(v string) bool { return validURI(v, true, false) }

func formatRegex(v string) bool {
	_, err := regexp.Compile(v)
	return err == nil
}

// jsonKind names the JSON type of a decoded value, telling integers from other numbers.
func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		if r, ok := new(big.Rat).SetString(string(v)); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}
