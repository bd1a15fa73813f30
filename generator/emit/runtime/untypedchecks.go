package runtime

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
)

// The dynamic validator. Types whose schema uses keywords the typed checks cannot express
// (not, if/then/else, contains, unevaluatedProperties, ...) are checked by generated functions
// func(v any, p *path, e *errs) ann over the decoded JSON value (numbers as json.Number).

// ann is what a schema evaluated of an object or an array, for unevaluatedProperties and
// unevaluatedItems: property names, a count of leading items, and single items (contains).
type ann struct {
	props    map[string]bool
	allProps bool
	items    int
	allItems bool
	idx      map[int]bool
}

// merge adds the annotations of a subschema that the value passed.
func (a *ann) merge(b ann) {
	if b.allProps {
		a.allProps = true
	}
	for k := range b.props {
		a.prop(k)
	}
	if b.items > a.items {
		a.items = b.items
	}
	if b.allItems {
		a.allItems = true
	}
	for i := range b.idx {
		a.item(i)
	}
}

func (a *ann) prop(k string) {
	if a.props == nil {
		a.props = map[string]bool{}
	}
	a.props[k] = true
}

func (a *ann) item(i int) {
	if a.idx == nil {
		a.idx = map[int]bool{}
	}
	a.idx[i] = true
}

func (a *ann) leading(n int) {
	if n > a.items {
		a.items = n
	}
}

func (a *ann) hasProp(k string) bool { return a.allProps || a.props[k] }

func (a *ann) hasItem(i int) bool { return a.allItems || i < a.items || a.idx[i] }

// hasType reports whether v is of the JSON type t ("number" includes the integers, and an
// integer is any number with an integral value, 1.0 included).
func hasType(v any, t string) bool {
	k := jsonKind(v)
	return k == t || (t == "number" && k == "integer")
}

func checkType(v any, types []string, p *path, e *errs, kw string) {
	for _, t := range types {
		if hasType(v, t) {
			return
		}
	}
	e.add(p, kw, "expected %s, got %s", strings.Join(types, " or "), jsonKind(v))
}

// checkEqual checks a decoded value against allowed values given as JSON texts (enum, const).
func checkEqual(v any, allowed []string, p *path, e *errs, kw string) {
	if plainStrings(allowed) {
		// The usual enum of strings without escapes: compared as strings, without canonical JSON.
		if s, ok := v.(string); ok && equalsPlainString(s, allowed) {
			return
		}
	} else {
		var b strings.Builder
		writeCanonical(&b, v)
		c := b.String()
		for _, a := range allowed {
			if canonicalJSON([]byte(a)) == c {
				return
			}
		}
	}
	data, _ := json.Marshal(v)
	if len(allowed) == 1 {
		e.add(p, kw, "%s is not the required value %s", data, allowed[0])
		return
	}
	e.add(p, kw, "%s is not one of %s", data, strings.Join(allowed, ", "))
}

// plainStrings reports whether every allowed JSON text is a string without escapes.
func plainStrings(allowed []string) bool {
	for _, a := range allowed {
		if len(a) < 2 || a[0] != '"' || strings.IndexByte(a, '\\') >= 0 {
			return false
		}
	}
	return true
}

// equalsPlainString reports whether one of the allowed plain JSON strings has the text s.
func equalsPlainString(s string, allowed []string) bool {
	for _, a := range allowed {
		if len(a) == len(s)+2 && a[1:len(a)-1] == s {
			return true
		}
	}
	return false
}

// checkNumberJSON compares a JSON number with a bound, exactly.
func checkNumberJSON(v json.Number, bound, op string, p *path, e *errs, kw string) {
	r, ok1 := new(big.Rat).SetString(string(v))
	b, ok2 := new(big.Rat).SetString(bound)
	if !ok1 || !ok2 {
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
		e.add(p, kw, "%s is not allowed by %s %s", v, op, bound)
	}
}

func checkMultipleOfJSON(v json.Number, m string, p *path, e *errs, kw string) {
	r, ok1 := new(big.Rat).SetString(string(v))
	mr, ok2 := new(big.Rat).SetString(m)
	if !ok1 || !ok2 || mr.Sign() == 0 {
		return
	}
	if !new(big.Rat).Quo(r, mr).IsInt() {
		e.add(p, kw, "%s is not a multiple of %s", v, m)
	}
}

// checkUniqueAny reports the first two equal items of a decoded array.
func checkUniqueAny(items []any, p *path, e *errs, kw string) {
	seen := make(map[string]int, len(items))
	for i, it := range items {
		var b strings.Builder
		writeCanonical(&b, it)
		k := b.String()
		if j, dup := seen[k]; dup {
			e.add(p, kw, "items %d and %d are equal", j, i)
			return
		}
		seen[k] = i
	}
}

// decodeDynamic decodes a value of a dynamic type: the typed decoder fills the Go value, and
// the schema's function checks the JSON. The typed decoder's findings are kept only when the
// schema has none, and only those that say the JSON does not fit the Go type (keyword "type",
// "format" or none: an integer beyond 64 bits, an array where the type is a struct), so
// nothing is reported twice; its schema checks (required, unions) are the function's job.
func decodeDynamic(data []byte, p *path, e *errs, typed func([]byte, *path, *errs), check func(any, *path, *errs) ann) {
	te := errs{valid: e.valid}
	q, m := te.hold(p)
	typed(data, q, &te)
	te.release(m)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		e.list = append(e.list, te.list...)
		return
	}
	n0 := len(e.list)
	q, m = e.hold(p)
	check(v, q, e)
	e.release(m)
	if len(e.list) == n0 {
		for _, x := range te.list {
			if x.KeywordLocation == "" || x.KeywordLocation == "type" || x.KeywordLocation == "format" {
				e.list = append(e.list, x)
			}
		}
	}
}

// validateDynamic checks a Go value of a dynamic type: it is encoded to JSON and decoded back
// to any for the schema's function, so this path allocates.
func validateDynamic(x any, p *path, e *errs, check func(any, *path, *errs) ann) {
	data, err := json.Marshal(x)
	if err != nil {
		e.add(p, "", "cannot encode the value to validate it: %v", err)
		return
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		e.add(p, "", "cannot decode the encoded value: %v", err)
		return
	}
	q, m := e.hold(p)
	check(v, q, e)
	e.release(m)
}
