// Package runtime is the support code that every generated package carries in its
// namigen_support.go: the Nullable type, the validation error, JSON Pointer paths and the
// decoding and checking helpers the generated methods call. It is plain Go, compiled and tested
// here, and copied into each generated package (package clause replaced, header added), so the
// generated code needs nothing beyond the standard library. Nothing in it is computed from a
// schema: that part is built with jennifer by the emit package.
package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Nullable holds an optional property that may also be null: Set is false when the property
// is absent, Null is true when it was null, and Value holds it otherwise.
type Nullable[T any] struct {
	Value T
	Set   bool
	Null  bool
}

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Set: true} }

// Null returns a Nullable that is present and null.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }

// Get returns the value and whether there is one (present and not null).
func (n Nullable[T]) Get() (T, bool) { return n.Value, n.Set && !n.Null }

// IsZero reports whether the property is absent, so that `omitzero` leaves it out.
func (n Nullable[T]) IsZero() bool { return !n.Set }

// MarshalJSON encodes the value, or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Set || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON decodes null or a value; either way the property is present.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{Set: true}
	if isNull(data) {
		n.Null = true
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}

// Violation is one way a value breaks its schema.
type Violation struct {
	// InstanceLocation is the JSON Pointer of the offending value ("" is the whole document).
	InstanceLocation string
	// KeywordLocation names the schema keyword that failed (file#pointer).
	KeywordLocation string
	// Message says what is wrong.
	Message string
}

// ValidationError lists every violation found in a value. Reach it with errors.As.
type ValidationError struct {
	Violations []Violation
}

// Error lists the violations, one per line after the first.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if len(e.Violations) == 1 {
		b.WriteString("invalid value: ")
	} else {
		fmt.Fprintf(&b, "invalid value: %d violations:", len(e.Violations))
	}
	for _, v := range e.Violations {
		if len(e.Violations) > 1 {
			b.WriteString("\n  ")
		}
		loc := v.InstanceLocation
		if loc == "" {
			loc = "(root)"
		}
		b.WriteString(loc)
		b.WriteString(": ")
		b.WriteString(v.Message)
		if v.KeywordLocation != "" {
			b.WriteString(" (")
			b.WriteString(v.KeywordLocation)
			b.WriteString(")")
		}
	}
	return b.String()
}

// path is a JSON Pointer under construction, built on the stack as the walk descends and only
// turned into a string when a violation is recorded.
type path struct {
	parent  *path
	key     string
	index   int
	isIndex bool
}

func (p *path) String() string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	p.write(&b)
	return b.String()
}

// write appends the pointer of p to b, root first. It copies the keys instead of keeping
// them, so a path does not escape and the checks build it on the stack.
func (p *path) write(b *strings.Builder) {
	if p.parent != nil {
		p.parent.write(b)
	}
	b.WriteByte('/')
	if p.isIndex {
		b.WriteString(strconv.Itoa(p.index))
		return
	}
	for i := 0; i < len(p.key); i++ {
		switch c := p.key[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
}

// errs collects violations. sc is the dynamic scope of the dynamic validator (the schema
// resources being evaluated, innermost first), for $dynamicRef.
type errs struct {
	list []Violation
	sc   *scope
	// valid: the value being decoded was found well-formed by a scan of the whole of it, so
	// the scans of its parts only look for their ends (skimObject).
	valid bool
	// quiet: only the number of violations matters (a branch being tried), so add records
	// them without formatting a message or a path.
	quiet bool
}

// scope is one schema resource of the dynamic scope.
type scope struct {
	res int
	up  *scope
}

// enter makes resource res the innermost of the dynamic scope; the returned function leaves it.
func (e *errs) enter(res int) func() {
	old := e.sc
	e.sc = &scope{res: res, up: old}
	return func() { e.sc = old }
}

func (e *errs) add(p *path, kw, format string, args ...any) {
	if e.quiet {
		e.list = append(e.list, Violation{})
		return
	}
	e.list = append(e.list, Violation{InstanceLocation: p.String(), KeywordLocation: kw, Message: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: e.list}
}

func isNull(data []byte) bool {
	return string(bytes.TrimSpace(data)) == "null"
}

// kindOf names the JSON type of a raw value, for messages.
func kindOf(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// decodeObject splits a JSON object into its members; of a key given twice the last wins.
func decodeObject(data []byte, p *path, e *errs) (map[string]json.RawMessage, bool) {
	data = trimJSON(data)
	if len(data) == 0 || data[0] != '{' {
		e.add(p, "type", "expected an object, got %s", kindOf(data))
		return nil, false
	}
	var buf [16]member
	ms, ok := scanObject(data, buf[:0])
	if !ok {
		return decodeObjectSlow(data, p, e)
	}
	m := make(map[string]json.RawMessage, len(ms))
	for _, x := range ms {
		m[x.key] = x.raw
	}
	return m, true
}

// decodeObjectSlow is decodeObject by encoding/json, for its message about malformed JSON.
func decodeObjectSlow(data []byte, p *path, e *errs) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		e.add(p, "", "malformed JSON: %v", err)
		return nil, false
	}
	return m, true
}

// stringOf decodes a JSON string, trimmed; ok is false when data is not exactly one string.
func stringOf(data []byte) (s string, ok bool) {
	if len(data) == 0 || data[0] != '"' {
		return "", false
	}
	end, plain := scanString(data, 0)
	if end != len(data) {
		return "", false
	}
	return stringBody(data[1:end-1], plain), true
}

func decodeString(dst *string, data []byte, p *path, e *errs) {
	data = trimJSON(data)
	if len(data) == 0 || data[0] != '"' {
		e.add(p, "type", "expected a string, got %s", kindOf(data))
		return
	}
	if e.valid { // a part of a value already checked: data is one well-formed string
		body := data[1 : len(data)-1]
		*dst = stringBody(body, bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body))
		return
	}
	s, ok := stringOf(data)
	if !ok {
		if err := json.Unmarshal(data, dst); err != nil {
			e.add(p, "", "malformed string: %v", err)
		}
		return
	}
	*dst = s
}

func decodeBool(dst *bool, data []byte, p *path, e *errs) {
	data = trimJSON(data)
	switch string(data) {
	case "true":
		*dst = true
	case "false":
		*dst = false
	default:
		if kindOf(data) != "boolean" {
			e.add(p, "type", "expected a boolean, got %s", kindOf(data))
			return
		}
		// Malformed (tru, falsey): the first byte decides, as before.
		*dst = data[0] == 't'
	}
}

// parseSmallInt parses an integer of at most 18 digits without a fraction or an exponent.
func parseSmallInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg = true
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var v int64
	for _, c := range s {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// decodeInt accepts any JSON number with an integral value (1, 1.0, 1e2) that fits in int64.
func decodeInt(dst *int64, data []byte, p *path, e *errs) {
	data = trimJSON(data)
	if v, ok := parseSmallInt(data); ok {
		*dst = v
		return
	}
	if kindOf(data) != "number" {
		e.add(p, "type", "expected an integer, got %s", kindOf(data))
		return
	}
	s := string(data)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil && scanNumber(data, 0) == len(data) {
		*dst = v
		return
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || scanNumber(data, 0) != len(data) {
		e.add(p, "", "malformed number %s", s)
		return
	}
	if !r.IsInt() {
		e.add(p, "type", "expected an integer, got %s", s)
		return
	}
	if !r.Num().IsInt64() {
		e.add(p, "type", "integer %s does not fit in 64 bits", s)
		return
	}
	*dst = r.Num().Int64()
}

func decodeFloat(dst *float64, data []byte, p *path, e *errs) {
	data = trimJSON(data)
	if v, ok := parseSmallInt(data); ok && v > -1<<53 && v < 1<<53 {
		*dst = float64(v)
		return
	}
	if kindOf(data) != "number" {
		e.add(p, "type", "expected a number, got %s", kindOf(data))
		return
	}
	v, err := strconv.ParseFloat(string(data), 64)
	if err == nil && scanNumber(data, 0) != len(data) {
		err = strconv.ErrSyntax
	}
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		e.add(p, "", "malformed number: %v", err)
		return
	}
	*dst = v
}

// decodeTime accepts RFC 3339 date-times: Z or ±hh:mm offsets, any fraction, t/z in lower case.
func decodeTime(dst *time.Time, data []byte, p *path, e *errs) {
	data = trimJSON(data)
	if len(data) == 0 || data[0] != '"' {
		e.add(p, "type", "expected a date-time string, got %s", kindOf(data))
		return
	}
	s, ok := stringOf(data)
	if !ok {
		if err := json.Unmarshal(data, &s); err != nil {
			e.add(p, "", "malformed string: %v", err)
			return
		}
	}
	t, err := parseDateTime(s)
	if err != nil {
		e.add(p, "format", "%q is not an RFC 3339 date-time", s)
		return
	}
	*dst = t
}

func parseDateTime(s string) (time.Time, error) {
	if !rfc3339Shape(s) || !validFullTime(s[11:]) {
		return time.Time{}, errors.New("not an RFC 3339 date-time")
	}
	if len(s) > 10 && (s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		// Leap seconds (23:59:60) are valid RFC 3339 but rejected by time.Parse.
		if len(s) > 19 && s[17:19] == "60" {
			if t2, err2 := time.Parse(time.RFC3339Nano, s[:17]+"59"+s[19:]); err2 == nil {
				return t2.Add(time.Second), nil
			}
		}
		return time.Time{}, err
	}
	return t, nil
}

// rfc3339Shape checks the grammar time.Parse is lenient about: two digits for every field, a
// '.' before the fraction, and Z or a ±hh:mm offset.
func rfc3339Shape(s string) bool {
	if len(s) < 20 {
		return false
	}
	digits := func(from, to int) bool {
		for i := from; i < to; i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if !digits(0, 4) || s[4] != '-' || !digits(5, 7) || s[7] != '-' || !digits(8, 10) ||
		(s[10] != 'T' && s[10] != 't') || !digits(11, 13) || s[13] != ':' || !digits(14, 16) ||
		s[16] != ':' || !digits(17, 19) {
		return false
	}
	i := 19
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	rest := s[i:]
	if rest == "Z" || rest == "z" {
		return true
	}
	return len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
		rest[1] >= '0' && rest[1] <= '9' && rest[2] >= '0' && rest[2] <= '9' &&
		rest[4] >= '0' && rest[4] <= '9' && rest[5] >= '0' && rest[5] <= '9'
}

// decodeAny decodes any JSON value, keeping numbers exact as json.Number.
func decodeAny(dst *any, data []byte, p *path, e *errs) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		e.add(p, "", "malformed JSON: %v", err)
	}
}

func decodeRaw(dst *json.RawMessage, data []byte, p *path, e *errs) {
	*dst = append((*dst)[:0], data...)
}

// decodePtr decodes into a new value; null is nil when nullable and a violation otherwise.
func decodePtr[T any](dst **T, data []byte, nullable bool, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	if isNull(data) {
		if !nullable {
			e.add(p, "type", "null is not allowed here")
		}
		*dst = nil
		return
	}
	v := new(T)
	dec(v, data, p, e)
	*dst = v
}

func decodeNullable[T any](dst *Nullable[T], data []byte, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	*dst = Nullable[T]{Set: true}
	if isNull(data) {
		dst.Null = true
		return
	}
	dec(&dst.Value, data, p, e)
}

func decodeSlice[T any](dst *[]T, data []byte, nullable bool, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	data = trimJSON(data)
	if isNull(data) {
		if !nullable {
			e.add(p, "type", "expected an array, got null")
		}
		*dst = nil
		return
	}
	if len(data) == 0 || data[0] != '[' {
		e.add(p, "type", "expected an array, got %s", kindOf(data))
		return
	}
	var buf [16]json.RawMessage
	var raws []json.RawMessage
	ok := true
	if e.valid {
		raws = skimArray(data, buf[:0])
	} else {
		raws, ok = scanArray(data, buf[:0])
	}
	if !ok {
		raws = nil
		if err := json.Unmarshal(data, &raws); err != nil {
			e.add(p, "", "malformed JSON: %v", err)
			return
		}
	}
	out := make([]T, len(raws))
	for i, r := range raws {
		dec(&out[i], r, &path{parent: p, index: i, isIndex: true}, e)
	}
	*dst = out
}

func decodeMap[T any](dst *map[string]T, data []byte, nullable bool, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	if isNull(data) {
		if !nullable {
			e.add(p, "type", "expected an object, got null")
		}
		*dst = nil
		return
	}
	m, ok := decodeObject(data, p, e)
	if !ok {
		return
	}
	out := make(map[string]T, len(m))
	for _, k := range sortedKeys(m) {
		var v T
		dec(&v, m[k], &path{parent: p, key: k}, e)
		out[k] = v
	}
	*dst = out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The decoders below read JSON with a small hand-written scanner instead of encoding/json's
// reflection: an object is split into its members in one pass (values are skipped by a byte
// scan that checks their syntax), strings without escapes are copied once, numbers are parsed
// without an intermediate string. When the scanner finds the JSON malformed, the decoder falls
// back to encoding/json, so that the message (and the verdict) are those of encoding/json.

// maxDepth is the deepest nesting the scanner accepts, as encoding/json.
const maxDepth = 10000

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimJSON removes the JSON whitespace around data.
func trimJSON(data []byte) []byte {
	for len(data) > 0 && isSpace(data[0]) {
		data = data[1:]
	}
	for len(data) > 0 && isSpace(data[len(data)-1]) {
		data = data[:len(data)-1]
	}
	return data
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// scanString checks the string starting at data[i] (a quote) and returns the index just past
// its closing quote, or -1 when it is malformed. plain reports that the bytes between the
// quotes are the string: no escapes, and valid UTF-8.
func scanString(data []byte, i int) (end int, plain bool) {
	i++
	plain = true
	ascii := true
	start := i
	for {
		// Eight bytes at a time while none is a quote, a backslash, a control or non-ASCII.
		for i+8 <= len(data) {
			w := binary.LittleEndian.Uint64(data[i:])
			if ((w-0x2020202020202020)&^w|w|hasZero(w^0x2222222222222222)|hasZero(w^0x5c5c5c5c5c5c5c5c))&0x8080808080808080 != 0 {
				break
			}
			i += 8
		}
		for i < len(data) && plainByte[data[i]] {
			i++
		}
		if i >= len(data) {
			return -1, false
		}
		switch c := data[i]; {
		case c == '"':
			if !ascii && plain {
				plain = utf8.Valid(data[start:i])
			}
			return i + 1, plain
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				return -1, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) {
					return -1, false
				}
				for _, h := range data[i+2 : i+6] {
					if !isHex(h) {
						return -1, false
					}
				}
				i += 6
			default:
				return -1, false
			}
		case c < 0x20:
			return -1, false
		default: // c >= utf8.RuneSelf
			ascii = false
			i++
		}
	}
}

// hasZero has the high bit of each byte of x that is zero set (and maybe others above a zero
// byte: the callers only test for any).
func hasZero(x uint64) uint64 { return (x - 0x0101010101010101) &^ x & 0x8080808080808080 }

// plainByte tells the bytes a string holds as they are: printable ASCII but quote and backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanNumber checks the number starting at data[i] and returns the index just past it, or -1.
func scanNumber(data []byte, i int) int {
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) {
		return -1
	}
	switch {
	case data[i] == '0':
		i++
	case isDigit(data[i]):
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		return -1
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !isDigit(data[i]) {
			return -1
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			return -1
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	return i
}

// scanValue checks the value starting at data[i] (not at a space) and returns the index just
// past it, or -1 when it is malformed.
func scanValue(data []byte, i, depth int) int {
	if i >= len(data) {
		return -1
	}
	switch c := data[i]; c {
	case '"':
		end, _ := scanString(data, i)
		return end
	case '{':
		if depth >= maxDepth {
			return -1
		}
		i = skipSpace(data, i+1)
		if i < len(data) && data[i] == '}' {
			return i + 1
		}
		for {
			if i >= len(data) || data[i] != '"' {
				return -1
			}
			if i, _ = scanString(data, i); i < 0 {
				return -1
			}
			i = skipSpace(data, i)
			if i >= len(data) || data[i] != ':' {
				return -1
			}
			if i = scanValue(data, skipSpace(data, i+1), depth+1); i < 0 {
				return -1
			}
			i = skipSpace(data, i)
			if i >= len(data) {
				return -1
			}
			switch data[i] {
			case ',':
				i = skipSpace(data, i+1)
			case '}':
				return i + 1
			default:
				return -1
			}
		}
	case '[':
		if depth >= maxDepth {
			return -1
		}
		i = skipSpace(data, i+1)
		if i < len(data) && data[i] == ']' {
			return i + 1
		}
		for {
			if i = scanValue(data, i, depth+1); i < 0 {
				return -1
			}
			i = skipSpace(data, i)
			if i >= len(data) {
				return -1
			}
			switch data[i] {
			case ',':
				i = skipSpace(data, i+1)
			case ']':
				return i + 1
			default:
				return -1
			}
		}
	case 't':
		return scanLiteral(data, i, "true")
	case 'f':
		return scanLiteral(data, i, "false")
	case 'n':
		return scanLiteral(data, i, "null")
	default:
		if c == '-' || isDigit(c) {
			return scanNumber(data, i)
		}
		return -1
	}
}

func scanLiteral(data []byte, i int, lit string) int {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}

// validJSON reports whether data is one well-formed JSON value, as json.Valid.
func validJSON(data []byte) bool {
	i := scanValue(data, skipSpace(data, 0), 0)
	return i >= 0 && skipSpace(data, i) == len(data)
}

// member is one member of an object: its decoded key and its raw value (no space around).
type member struct {
	key string
	raw json.RawMessage
}

// scanObject appends the members of the object data (trimmed, starting with '{') to ms. It
// reports false when data is not exactly one well-formed object.
func scanObject(data []byte, ms []member) ([]member, bool) {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == '}' {
		return ms, i+1 == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return ms, false
		}
		end, plain := scanString(data, i)
		if end < 0 {
			return ms, false
		}
		key := keyString(data[i+1:end-1], plain)
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return ms, false
		}
		i = skipSpace(data, i+1)
		vend := scanValue(data, i, 1)
		if vend < 0 {
			return ms, false
		}
		ms = append(ms, member{key: key, raw: data[i:vend:vend]})
		i = skipSpace(data, vend)
		if i >= len(data) {
			return ms, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return ms, i+1 == len(data)
		default:
			return ms, false
		}
	}
}

// scanArray appends the items of the array data (trimmed, starting with '[') to items. It
// reports false when data is not exactly one well-formed array.
func scanArray(data []byte, items []json.RawMessage) ([]json.RawMessage, bool) {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		return items, i+1 == len(data)
	}
	for {
		end := scanValue(data, i, 1)
		if end < 0 {
			return items, false
		}
		items = append(items, data[i:end:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return items, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return items, i+1 == len(data)
		default:
			return items, false
		}
	}
}

// keyString returns the decoded key, the body of a well-formed JSON string. Short keys without
// escapes come from keyCache, since the same few keys recur in every payload: a hit costs no
// allocation.
func keyString(body []byte, plain bool) string {
	if !plain {
		return unquote(body)
	}
	if len(body) > maxCachedKey {
		return string(body)
	}
	h := uint32(2166136261) // FNV-1a
	for _, c := range body {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &keyCache[h%uint32(len(keyCache))]
	if k := slot.Load(); k != nil && *k == string(body) {
		return *k
	}
	k := string(body)
	slot.Store(&k)
	return k
}

// keyCache holds recently decoded object keys of up to maxCachedKey bytes, by hash; a
// colliding key replaces the one in its slot. It is safe for concurrent use.
var keyCache [512]atomic.Pointer[string]

const maxCachedKey = 32

// stringBody decodes the body of a well-formed JSON string (between the quotes).
func stringBody(body []byte, plain bool) string {
	if plain {
		return string(body)
	}
	return unquote(body)
}

// unquote decodes the body of a well-formed JSON string as encoding/json does: escapes are
// resolved, a \u escape of a lone surrogate and every byte of invalid UTF-8 become U+FFFD.
func unquote(body []byte) string {
	b := make([]byte, 0, len(body)+utf8.UTFMax)
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\\':
			switch body[i+1] {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := hex4(body[i+2 : i+6])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(body) && body[i] == '\\' && body[i+1] == 'u' {
						if d := utf16.DecodeRune(r, hex4(body[i+2:i+6])); d != utf8.RuneError {
							b = utf8.AppendRune(b, d)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
				continue
			default: // '"', '\\', '/'
				b = append(b, body[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(body[i:])
			b = utf8.AppendRune(b, r)
			i += size
		}
	}
	return string(b)
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// eventTag reads the string member key of the event data for Decode, in one pass that also
// checks that data is a single well-formed JSON object. A null member counts as missing and,
// of a key given twice, the last wins.
func eventTag(data []byte, key string) (string, error) {
	t := trimJSON(data)
	if len(t) == 0 || t[0] != '{' {
		if !validJSON(t) {
			return "", errors.New("decode event: malformed JSON")
		}
		return "", fmt.Errorf("decode event: expected a JSON object, got %s", kindOf(t))
	}
	var raw []byte
	i := skipSpace(t, 1)
	if i < len(t) && t[i] == '}' {
		i++
	} else {
		for {
			if i >= len(t) || t[i] != '"' {
				return "", errors.New("decode event: malformed JSON")
			}
			end, plain := scanString(t, i)
			if end < 0 {
				return "", errors.New("decode event: malformed JSON")
			}
			body := t[i+1 : end-1]
			match := plain && string(body) == key || !plain && unquote(body) == key
			i = skipSpace(t, end)
			if i >= len(t) || t[i] != ':' {
				return "", errors.New("decode event: malformed JSON")
			}
			i = skipSpace(t, i+1)
			vend := scanValue(t, i, 1)
			if vend < 0 {
				return "", errors.New("decode event: malformed JSON")
			}
			if match {
				raw = t[i:vend]
			}
			i = skipSpace(t, vend)
			if i < len(t) && t[i] == ',' {
				i = skipSpace(t, i+1)
				continue
			}
			if i < len(t) && t[i] == '}' {
				i++
				break
			}
			return "", errors.New("decode event: malformed JSON")
		}
	}
	if i != len(t) {
		return "", errors.New("decode event: malformed JSON")
	}
	if raw == nil || string(raw) == "null" {
		return "", errors.New("decode event: missing " + key)
	}
	s, ok := stringOf(raw)
	if !ok {
		return "", fmt.Errorf("decode event: %s is not a string, got %s", key, kindOf(raw))
	}
	return s, nil
}

// objectMembers splits the object data into its members, in document order, for a struct's
// one-pass decoder: no map, no sorting. Of a key given twice only the last is kept (where the
// last one stands), as encoding/json and the reference validator do. ms is a buffer (usually on
// the caller's stack). It records a violation and reports false when data is not an object.
func objectMembers(data []byte, ms []member, p *path, e *errs) ([]member, bool) {
	data = trimJSON(data)
	if len(data) == 0 || data[0] != '{' {
		e.add(p, "type", "expected an object, got %s", kindOf(data))
		return nil, false
	}
	ok := true
	if e.valid {
		ms = skimObject(data, ms) // a part of a value already checked
	} else {
		ms, ok = scanObject(data, ms)
		if ok && p == nil {
			// The whole value (p is its root) is well-formed: its parts need no second check.
			e.valid = true
		}
	}
	if !ok {
		m, ok := decodeObjectSlow(data, p, e)
		if !ok {
			return nil, false
		}
		ms = ms[:0]
		for _, k := range sortedKeys(m) {
			ms = append(ms, member{key: k, raw: trimJSON(m[k])})
		}
		return ms, true
	}
	if len(ms) < 2 {
		return ms, true
	}
	// A key given twice is rare: a 256-bit filter of the key hashes finds the candidates, an
	// exact comparison confirms them.
	var filter [4]uint64
	dup := false
	for i, m := range ms {
		h := uint32(2166136261)
		for j := 0; j < len(m.key); j++ {
			h = (h ^ uint32(m.key[j])) * 16777619
		}
		w, b := (h>>6)&3, h&63
		if filter[w]&(1<<b) != 0 {
			for _, o := range ms[:i] {
				if o.key == m.key {
					dup = true
					break
				}
			}
		}
		filter[w] |= 1 << b
		if dup {
			break
		}
	}
	if !dup {
		return ms, true
	}
	last := make(map[string]int, len(ms))
	for i, m := range ms {
		last[m.key] = i
	}
	out := ms[:0]
	for i, m := range ms {
		if last[m.key] == i {
			out = append(out, m)
		}
	}
	return out, true
}

// plainURI reports whether v is scheme://host/path with only letters, digits and -._~ in the
// host and path (no port, user, query, fragment or escape): such a URI is valid for url.Parse,
// absolute and free of the characters the uri format rejects, so no parse is needed.
func plainURI(v string) bool {
	i := 0
	for i < len(v) && (v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z' || i > 0 && (isDigit(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.')) {
		i++
	}
	if i == 0 || len(v) < i+4 || v[i:i+3] != "://" {
		return false
	}
	i += 3
	host := i
	for i < len(v) && v[i] != '/' {
		if uriByte[v[i]] != 2 {
			return false
		}
		i++
	}
	if i == host {
		return false
	}
	for ; i < len(v); i++ {
		if uriByte[v[i]] == 0 {
			return false
		}
	}
	return true
}

// uriByte classes the bytes of plainURI: 2 for letters, digits, '-' and '.' (host and path),
// 1 for '_', '~' and '/' (path only), 0 for the others.
var uriByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.':
			t[c] = 2
		case c == '_' || c == '~' || c == '/':
			t[c] = 1
		}
	}
	return t
}()

// skimObject is scanObject for an object already found well-formed: it only looks for the
// ends of keys and values (strings by IndexByte), without checking them again.
func skimObject(data []byte, ms []member) []member {
	i := skipSpace(data, 1)
	for i < len(data) && data[i] == '"' {
		end := skimString(data, i)
		body := data[i+1 : end-1]
		plain := true
		for _, c := range body {
			if c == '\\' || c >= utf8.RuneSelf {
				plain = false
				break
			}
		}
		key := keyString(body, plain)
		i = skipSpace(data, end)
		i = skipSpace(data, i+1) // past ':'
		vend := skimValue(data, i)
		ms = append(ms, member{key: key, raw: data[i:vend:vend]})
		i = skipSpace(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return ms
}

// skimArray is scanArray for an array already found well-formed.
func skimArray(data []byte, items []json.RawMessage) []json.RawMessage {
	i := skipSpace(data, 1)
	for i < len(data) && data[i] != ']' {
		end := skimValue(data, i)
		items = append(items, data[i:end:end])
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return items
}

// skimString returns the index past the closing quote of the well-formed string at data[i].
func skimString(data []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return len(data)
		}
		j += k
		n := 0
		for b := j - 1; b > i && data[b] == '\\'; b-- {
			n++
		}
		j++
		if n%2 == 0 {
			return j
		}
	}
}

// skimValue returns the index past the well-formed value starting at data[i].
func skimValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		return skimString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = skimString(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ']' && !isSpace(data[j]) {
		j++
	}
	return j
}

// The states of a union's dispatch property, as objectTag reports them.
const (
	tagNotObject = iota // data is not a well-formed JSON object: every branch is tried
	tagAbsent           // the object has no such member
	tagString           // the member is a string, returned decoded
	tagOther            // the member is null, a number, a boolean, an array or an object
)

// objectTag reads the member key of the object data for a union's dispatch, in one scan that
// skips the other values (of a key given twice the last wins, as in decoding). For a member
// that is not a string it returns the name of its JSON type.
func objectTag(data []byte, key string) (string, int) {
	t := trimJSON(data)
	if len(t) == 0 || t[0] != '{' {
		return "", tagNotObject
	}
	var raw []byte
	i := skipSpace(t, 1)
	if i < len(t) && t[i] == '}' {
		i++
	} else {
		for {
			if i >= len(t) || t[i] != '"' {
				return "", tagNotObject
			}
			end, plain := scanString(t, i)
			if end < 0 {
				return "", tagNotObject
			}
			body := t[i+1 : end-1]
			match := plain && string(body) == key || !plain && unquote(body) == key
			i = skipSpace(t, end)
			if i >= len(t) || t[i] != ':' {
				return "", tagNotObject
			}
			i = skipSpace(t, i+1)
			vend := scanValue(t, i, 1)
			if vend < 0 {
				return "", tagNotObject
			}
			if match {
				raw = t[i:vend]
			}
			i = skipSpace(t, vend)
			if i < len(t) && t[i] == ',' {
				i = skipSpace(t, i+1)
				continue
			}
			if i < len(t) && t[i] == '}' {
				i++
				break
			}
			return "", tagNotObject
		}
	}
	if i != len(t) {
		return "", tagNotObject
	}
	if raw == nil {
		return "", tagAbsent
	}
	if s, ok := stringOf(raw); ok {
		return s, tagString
	}
	return kindOf(raw), tagOther
}

// memberTag is objectTag on the members of an object (a key is there once).
func memberTag(ms []member, key string) (string, int) {
	for _, m := range ms {
		if m.key == key {
			if s, ok := stringOf(m.raw); ok {
				return s, tagString
			}
			return kindOf(m.raw), tagOther
		}
	}
	return "", tagAbsent
}

// notObject records why data, which is not a well-formed object, is not one.
func notObject(data []byte, p *path, e *errs) {
	t := trimJSON(data)
	if len(t) > 0 && t[0] != '{' && validJSON(t) {
		e.add(p, "type", "expected an object, got %s", kindOf(t))
		return
	}
	var v any
	if err := json.Unmarshal(t, &v); err != nil {
		e.add(p, "", "malformed JSON: %v", err)
		return
	}
	e.add(p, "", "malformed JSON")
}

// noBranch records that no branch of a union allows the value of its dispatch property key.
func noBranch(key, tag string, st int, p *path, e *errs, kw string) {
	switch st {
	case tagAbsent:
		e.add(p, kw, "missing discriminator %q", key)
	case tagString:
		e.add(&path{parent: p, key: key}, kw, "unknown %s %q", key, tag)
	default:
		e.add(&path{parent: p, key: key}, kw, "%s: no branch allows %s", key, tag)
	}
}

// marshalWithExtra encodes a struct (given as the JSON of its declared fields) followed by its
// additional properties, in key order.
func marshalWithExtra[V any](declared []byte, extra map[string]V) ([]byte, error) {
	if len(extra) == 0 {
		return declared, nil
	}
	var b bytes.Buffer
	b.Write(declared[:len(declared)-1])
	first := len(declared) == 2
	for _, k := range sortedKeys(extra) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalKeeping encodes v, the declared fields of a struct (a type without the MarshalJSON
// that calls it), followed by its undeclared members.
func marshalKeeping[T any, V any](v T, extra map[string]V) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return marshalWithExtra(data, extra)
}

// keepRaw records the undeclared member k of an open object, copying its JSON.
func keepRaw(dst *map[string]json.RawMessage, k string, raw []byte) {
	if *dst == nil {
		*dst = map[string]json.RawMessage{}
	}
	(*dst)[k] = append(json.RawMessage(nil), raw...)
}

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

var (
	uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// checkFormat asserts a string format. Unknown formats are annotations and pass.
func checkFormat(v, format string, p *path, e *errs, kw string) {
	if !validFormat(v, format) {
		e.add(p, kw, "%q is not a valid %s", v, format)
	}
}

func validFormat(v, format string) bool {
	switch format {
	case "date-time":
		_, err := parseDateTime(v)
		return err == nil
	case "date":
		if !dateRe.MatchString(v) {
			return false
		}
		_, err := time.Parse("2006-01-02", v)
		return err == nil
	case "time":
		return validFullTime(v)
	case "duration":
		return validDuration(v)
	case "uuid":
		return uuidRe.MatchString(v)
	case "email":
		return validEmail(v, false)
	case "idn-email":
		return validEmail(v, true)
	case "hostname":
		return validHostname(v)
	case "idn-hostname":
		return validIDNHostname(v)
	case "ipv4":
		a, err := netip.ParseAddr(v)
		return err == nil && a.Is4()
	case "ipv6":
		a, err := netip.ParseAddr(v)
		return err == nil && a.Is6() && a.Zone() == ""
	case "uri":
		if plainURI(v) {
			return true // the common shape, checked without the full grammar
		}
		return validURI(v, false, true)
	case "uri-reference":
		return validURI(v, false, false)
	case "iri":
		return validURI(v, true, true)
	case "iri-reference":
		return validURI(v, true, false)
	case "uri-template":
		return validURITemplate(v)
	case "regex":
		_, err := regexp.Compile(v)
		return err == nil
	case "json-pointer":
		return validJSONPointer(v)
	case "relative-json-pointer":
		return validRelJSONPointer(v)
	}
	return true
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
	var te errs
	typed(data, p, &te)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		e.list = append(e.list, te.list...)
		return
	}
	n0 := len(e.list)
	check(v, p, e)
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
	check(v, p, e)
}

// Formats. Each format has its own function(s) below, so that a package which does not use a
// format need not carry its code; validFormat calls them. Every rule is the RFC's.

// validFullTime checks an RFC 3339 full-time: hh:mm:ss[.frac] and Z or ±hh:mm, where a leap
// second (:60) is only valid at 23:59 UTC once the offset is applied.
func validFullTime(s string) bool {
	if len(s) < 9 || !fmtDigits(s[0:2]) || s[2] != ':' || !fmtDigits(s[3:5]) || s[5] != ':' || !fmtDigits(s[6:8]) {
		return false
	}
	h, m, sec := fmtNum2(s[0:2]), fmtNum2(s[3:5]), fmtNum2(s[6:8])
	i := 8
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	if i >= len(s) {
		return false
	}
	off := 0
	switch o := s[i+1:]; s[i] {
	case 'Z', 'z':
		if o != "" {
			return false
		}
	case '+', '-':
		if len(o) != 5 || !fmtDigits(o[0:2]) || o[2] != ':' || !fmtDigits(o[3:5]) {
			return false
		}
		oh, om := fmtNum2(o[0:2]), fmtNum2(o[3:5])
		if oh > 23 || om > 59 {
			return false
		}
		if off = oh*60 + om; s[i] == '-' {
			off = -off
		}
	default:
		return false
	}
	if h > 23 || m > 59 || sec > 60 {
		return false
	}
	return sec < 60 || ((h*60+m-off)%1440+1440)%1440 == 23*60+59
}

// fmtDigits reports whether s is one or more ASCII digits.
func fmtDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func fmtNum2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// durationRFC3339Re is the duration of RFC 3339, appendix A: a unit may only be left out from
// the largest or smallest end (P1Y2D and PT1H2S are not durations).
var durationRFC3339Re = regexp.MustCompile(`^P(?:\d+W|(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$`)

func validDuration(s string) bool { return durationRFC3339Re.MatchString(s) }

// validJSONPointer checks an RFC 6901 JSON Pointer: "" or "/"-led tokens where "~" is only
// followed by 0 or 1.
func validJSONPointer(s string) bool {
	if s != "" && s[0] != '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 >= len(s) || (s[i+1] != '0' && s[i+1] != '1')) {
			return false
		}
	}
	return true
}

// validRelJSONPointer checks a Relative JSON Pointer (draft-bhutton-relative-json-pointer-00):
// a non-negative integer without leading zeros, then "#" or a JSON Pointer.
func validRelJSONPointer(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || s[0] == '0' && i > 1 {
		return false
	}
	return s[i:] == "#" || validJSONPointer(s[i:])
}

// pctAt reports whether s[i:] starts with a percent-encoded octet.
func pctAt(s string, i int) bool {
	const hex = "0123456789abcdefABCDEF"
	return i+2 < len(s) && s[i] == '%' && strings.IndexByte(hex, s[i+1]) >= 0 && strings.IndexByte(hex, s[i+2]) >= 0
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isUcschar and isIprivate are the non-ASCII characters RFC 3987 allows in an IRI.
func isUcschar(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000 && r <= 0xDFFFD, r >= 0xE1000 && r <= 0xEFFFD:
		return r&0xFFFF <= 0xFFFD
	}
	return false
}

func isIprivate(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 && r <= 0x10FFFD && r&0xFFFF <= 0xFFFD
}

// uriChars checks that s holds only unreserved characters, sub-delims, percent-encoded octets
// and the bytes of extra; with iri also ucschar (and iprivate with private).
func uriChars(s string, iri, private bool, extra string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '%':
			if !pctAt(s, i) {
				return false
			}
			i += 3
			continue
		case c < utf8.RuneSelf:
			if !isAlnumASCII(c) && strings.IndexByte("-._~!$&'()*+,;=", c) < 0 && strings.IndexByte(extra, c) < 0 {
				return false
			}
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !iri || !isUcschar(r) && !(private && isIprivate(r)) {
				return false
			}
			i += n
			continue
		}
		i++
	}
	return true
}

// validURI checks an RFC 3986 URI-reference, or with iri an RFC 3987 IRI-reference; with abs
// the scheme is required (URI, IRI).
func validURI(s string, iri, abs bool) bool {
	rest := s
	if k := strings.IndexAny(s, ":/?#"); k >= 0 && s[k] == ':' {
		// A colon before any "/" is the scheme's: a relative reference cannot have one in its
		// first segment.
		if k == 0 || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
			return false
		}
		for i := 1; i < k; i++ {
			if !isAlnumASCII(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' {
				return false
			}
		}
		rest = s[k+1:]
	} else if abs {
		return false
	}
	if k := strings.IndexByte(rest, '#'); k >= 0 {
		if !uriChars(rest[k+1:], iri, false, ":@/?") {
			return false
		}
		rest = rest[:k]
	}
	if k := strings.IndexByte(rest, '?'); k >= 0 {
		if !uriChars(rest[k+1:], iri, true, ":@/?") {
			return false
		}
		rest = rest[:k]
	}
	if strings.HasPrefix(rest, "//") {
		auth, path := rest[2:], ""
		if k := strings.IndexByte(auth, '/'); k >= 0 {
			auth, path = auth[:k], auth[k:]
		}
		return validAuthority(auth, iri) && uriChars(path, iri, false, ":@/")
	}
	return uriChars(rest, iri, false, ":@/")
}

// validAuthority checks [userinfo "@"] host [":" port] of RFC 3986 (RFC 3987 with iri).
func validAuthority(a string, iri bool) bool {
	if k := strings.LastIndexByte(a, '@'); k >= 0 {
		if !uriChars(a[:k], iri, false, ":") {
			return false
		}
		a = a[k+1:]
	}
	port := ""
	if strings.HasPrefix(a, "[") {
		k := strings.IndexByte(a, ']')
		if k < 0 || !validIPLiteral(a[1:k]) {
			return false
		}
		if a = a[k+1:]; a != "" {
			if a[0] != ':' {
				return false
			}
			port = a[1:]
		}
	} else {
		if k := strings.LastIndexByte(a, ':'); k >= 0 {
			a, port = a[:k], a[k+1:]
		}
		if !uriChars(a, iri, false, "") {
			return false
		}
	}
	return port == "" || fmtDigits(port)
}

// validIPLiteral checks the inside of an IP-literal: an IPv6 address or an IPvFuture.
func validIPLiteral(s string) bool {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		k := strings.IndexByte(s, '.')
		if k < 2 || k == len(s)-1 || !uriChars(s[k+1:], false, false, ":") {
			return false
		}
		for i := 1; i < k; i++ {
			if strings.IndexByte("0123456789abcdefABCDEF", s[i]) < 0 {
				return false
			}
		}
		return true
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && a.Zone() == ""
}

// validURITemplate checks an RFC 6570 URI Template (level 4): literals and {expressions}.
// The apostrophe is a literal (verified erratum 6937).
func validURITemplate(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			k := strings.IndexByte(s[i:], '}')
			if k < 0 || !validURITemplateExpr(s[i+1:i+k]) {
				return false
			}
			i += k + 1
		case c == '%':
			if !pctAt(s, i) {
				return false
			}
			i += 3
		case c < utf8.RuneSelf:
			// RFC 6570 with its verified erratum 6937, which lets the apostrophe back in.
			if c <= ' ' || c == 0x7F || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isUcschar(r) && !isIprivate(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// validURITemplateExpr checks [operator] varspec *("," varspec). The operators "=", ",", "!",
// "@" and "|" are reserved for future extensions (RFC 6570, section 2.2): not valid today.
func validURITemplateExpr(e string) bool {
	if e != "" && strings.IndexByte("+#./;?&", e[0]) >= 0 {
		e = e[1:]
	}
	for _, vs := range strings.Split(e, ",") {
		name := vs
		if strings.HasSuffix(vs, "*") {
			name = vs[:len(vs)-1]
		} else if k := strings.IndexByte(vs, ':'); k >= 0 {
			name = vs[:k]
			if ml := vs[k+1:]; len(ml) > 4 || !fmtDigits(ml) || ml[0] == '0' {
				return false
			}
		}
		if name == "" || name[0] == '.' || name[len(name)-1] == '.' {
			return false
		}
		for i := 0; i < len(name); i++ {
			switch c := name[i]; {
			case c == '.':
				if name[i-1] == '.' {
					return false
				}
			case c == '%':
				if !pctAt(name, i) {
					return false
				}
				i += 2
			case c != '_' && !isAlnumASCII(c):
				return false
			}
		}
	}
	return true
}

// validEmail checks an RFC 5321 Mailbox (section 4.1.2), or with idn an RFC 6531 one, where
// atoms, quoted strings and the domain may hold UTF-8 (the domain an IDN host name). The
// local part holds at most 64 octets (RFC 5321, section 4.5.3.1.1).
func validEmail(s string, idn bool) bool {
	k := strings.LastIndexByte(s, '@')
	if k <= 0 || k > 64 {
		return false
	}
	local, dom := s[:k], s[k+1:]
	if !utf8.ValidString(local) {
		return false
	}
	if local[0] == '"' {
		if len(local) < 2 || local[len(local)-1] != '"' {
			return false
		}
		q := local[1 : len(local)-1]
		for i := 0; i < len(q); i++ {
			switch c := q[i]; {
			case c == '\\':
				if i++; i >= len(q) || q[i] < 32 || q[i] > 126 {
					return false
				}
			case c == '"' || c < 32 || c == 127 || c >= utf8.RuneSelf && !idn:
				return false
			}
		}
	} else {
		for _, atom := range strings.Split(local, ".") {
			if atom == "" {
				return false
			}
			for i := 0; i < len(atom); i++ {
				c := atom[i]
				if !isAlnumASCII(c) && strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) < 0 && !(idn && c >= utf8.RuneSelf) {
					return false
				}
			}
		}
	}
	if strings.HasPrefix(dom, "[") && strings.HasSuffix(dom, "]") {
		lit := dom[1 : len(dom)-1]
		if v6, ok := strings.CutPrefix(lit, "IPv6:"); ok {
			a, err := netip.ParseAddr(v6)
			return err == nil && a.Is6() && a.Zone() == ""
		}
		a, err := netip.ParseAddr(lit)
		return err == nil && a.Is4()
	}
	if idn {
		return validIDNHostname(dom)
	}
	return validHostname(dom)
}

// validHostname checks an RFC 1123 host name (section 2.1): dot-separated labels of 1 to 63
// letters, digits and hyphens, not starting or ending with a hyphen, 253 octets at most.
// A label starting "xn--" is an IDNA A-label and must be a valid one (RFC 5891, section 4.4).
func validHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	var labels [][]rune
	for _, l := range strings.Split(s, ".") {
		if !validLDHLabel(l) {
			return false
		}
		if len(l) >= 4 && l[2:4] == "--" && strings.EqualFold(l[:2], "xn") {
			u, ok := validALabel(l)
			if !ok {
				return false
			}
			labels = append(labels, u)
		} else {
			labels = append(labels, []rune(l))
		}
	}
	return idnaBidiRule(labels)
}

func validLDHLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isAlnumASCII(l[i]) && l[i] != '-' {
			return false
		}
	}
	return true
}

// validIDNHostname checks an internationalized host name (RFC 5890 to 5893, IDNA2008): labels
// separated by "." or the full stops U+3002, U+FF0E, U+FF61, each an LDH label, an A-label or a
// U-label whose A-label has at most 63 octets, 253 octets at most in all as A-labels.
func validIDNHostname(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == 0x3002 || r == 0xFF0E || r == 0xFF61 })
	total := len(parts) - 1
	var labels [][]rune
	for _, l := range parts {
		if isASCII(l) {
			if !validLDHLabel(l) {
				return false
			}
			total += len(l)
			if len(l) >= 4 && l[2:4] == "--" && strings.EqualFold(l[:2], "xn") {
				u, ok := validALabel(l)
				if !ok {
					return false
				}
				labels = append(labels, u)
				continue
			}
			labels = append(labels, []rune(l))
			continue
		}
		u := []rune(l)
		enc, ok := punyEncode(u)
		if !ok || len(enc)+4 > 63 || !validULabel(u) {
			return false
		}
		total += len(enc) + 4
		labels = append(labels, u)
	}
	// FieldsFunc drops empty fields: count the separators to find them.
	if n := strings.Count(s, ".") + strings.Count(s, "\u3002") + strings.Count(s, "\uff0e") + strings.Count(s, "\uff61"); n != len(parts)-1 {
		return false // an empty label
	}
	return total <= 253 && idnaBidiRule(labels)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validALabel decodes an A-label ("xn--" and Punycode) and checks that it is canonical (it
// encodes back to itself), is not all ASCII, and decodes to a valid U-label.
func validALabel(l string) ([]rune, bool) {
	p := strings.ToLower(l[4:])
	u, ok := punyDecode(p)
	if !ok || isASCII(string(u)) {
		return nil, false
	}
	if enc, ok := punyEncode(u); !ok || enc != p {
		return nil, false
	}
	return u, validULabel(u)
}

// validULabel checks a U-label (RFC 5891, sections 5.3 and 5.4): no hyphen at either end nor
// in the third and fourth positions, no combining mark first, every code point PVALID or
// allowed by its contextual rule (RFC 5892, appendix A), and in NFC.
func validULabel(u []rune) bool {
	if len(u) == 0 || u[0] == '-' || u[len(u)-1] == '-' || len(u) >= 4 && u[2] == '-' && u[3] == '-' ||
		unicode.Is(unicode.M, u[0]) {
		return false
	}
	has := func(f func(r rune) bool) bool {
		for _, r := range u {
			if f(r) {
				return true
			}
		}
		return false
	}
	for i, r := range u {
		if ok, _ := idnaLookup(idnaPVALID, r, false); ok {
			continue
		}
		var before, after rune = -1, -1
		if i > 0 {
			before = u[i-1]
		}
		if i+1 < len(u) {
			after = u[i+1]
		}
		ok := false
		switch {
		case r == 0x200C: // ZERO WIDTH NON-JOINER
			ok = idnaVirama(before) || idnaJoins(u, i)
		case r == 0x200D: // ZERO WIDTH JOINER
			ok = idnaVirama(before)
		case r == 0x00B7: // MIDDLE DOT
			ok = before == 'l' && after == 'l'
		case r == 0x0375: // GREEK LOWER NUMERAL SIGN (KERAIA)
			ok = after >= 0 && unicode.Is(unicode.Greek, after)
		case r == 0x05F3 || r == 0x05F4: // HEBREW PUNCTUATION GERESH, GERSHAYIM
			ok = before >= 0 && unicode.Is(unicode.Hebrew, before)
		case r == 0x30FB: // KATAKANA MIDDLE DOT
			ok = has(func(r rune) bool {
				return r != 0x30FB && unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
			})
		case r >= 0x0660 && r <= 0x0669: // ARABIC-INDIC DIGITS
			ok = !has(func(r rune) bool { return r >= 0x06F0 && r <= 0x06F9 })
		case r >= 0x06F0 && r <= 0x06F9: // EXTENDED ARABIC-INDIC DIGITS
			ok = !has(func(r rune) bool { return r >= 0x0660 && r <= 0x0669 })
		}
		if !ok {
			return false
		}
	}
	return idnaNFC(u)
}

// idnaNFC reports whether a label whose code points are all allowed is in Unicode
// Normalization Form C (RFC 5891, section 5.3): those code points are NFC each, so the label is
// unless its combining marks are out of canonical order or a pair of them composes (a mark
// not blocked from the last starter, or two adjacent starters).
func idnaNFC(u []rune) bool {
	ccc := func(r rune) int {
		_, c := idnaLookup(idnaCCC, r, true)
		return c
	}
	starter, last := -1, 0
	for i, r := range u {
		c := ccc(r)
		if c != 0 && last > c {
			return false
		}
		if starter >= 0 && (i == starter+1 || c != 0 && last != 0 && last < c) && idnaComposes(u[starter], r) {
			return false
		}
		if c == 0 {
			starter = i
		}
		last = c
	}
	return true
}

// idnaComposes reports whether NFC composes a followed by b (idnaCompose).
func idnaComposes(a, b rune) bool {
	second, first := 0, 0
	for i := 0; i < len(idnaCompose); {
		var ds, df int
		ds, i = idnaNum(idnaCompose, i)
		df, i = idnaNum(idnaCompose, i)
		if ds != 0 {
			second, first = second+ds, df
		} else {
			first += df
		}
		if second > int(b) {
			return false
		}
		if second == int(b) && first == int(a) {
			return true
		}
	}
	return false
}

func idnaVirama(r rune) bool {
	ok, _ := idnaLookup(idnaViramaTable, r, false)
	return r >= 0 && ok
}

// idnaJoins is the regular expression of the ZERO WIDTH NON-JOINER rule (RFC 5892, appendix
// A.1): (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D}).
func idnaJoins(u []rune, i int) bool {
	const jtL, jtD, jtR, jtT = 1, 2, 3, 4
	jt := func(r rune) int {
		_, c := idnaLookup(idnaJoining, r, true)
		return c
	}
	j := i - 1
	for j >= 0 && jt(u[j]) == jtT {
		j--
	}
	k := i + 1
	for k < len(u) && jt(u[k]) == jtT {
		k++
	}
	return j >= 0 && k < len(u) && (jt(u[j]) == jtL || jt(u[j]) == jtD) && (jt(u[k]) == jtR || jt(u[k]) == jtD)
}

// idnaBidiRule applies the Bidi rule of RFC 5893 (section 2) to every label of a domain name
// that holds a right-to-left label (one with a code point of Bidi_Class R, AL or AN).
func idnaBidiRule(labels [][]rune) bool {
	const (
		bL = iota
		bR
		bAL
		bAN
		bEN
		bES
		bCS
		bET
		bON
		bBN
		bNSM
	)
	class := func(r rune) int {
		_, c := idnaLookup(idnaBidi, r, true)
		return c
	}
	rtl := false
	for _, l := range labels {
		for _, r := range l {
			if c := class(r); c == bR || c == bAL || c == bAN {
				rtl = true
			}
		}
	}
	if !rtl {
		return true
	}
	for _, l := range labels {
		first := class(l[0])
		if first != bL && first != bR && first != bAL {
			return false // rule 1
		}
		end := len(l) - 1
		for end > 0 && class(l[end]) == bNSM {
			end--
		}
		last, en, an := class(l[end]), false, false
		for _, r := range l {
			c := class(r)
			en, an = en || c == bEN, an || c == bAN
			if c > bNSM || first == bL && (c == bR || c == bAL || c == bAN) || first != bL && c == bL {
				return false // rules 2 and 5
			}
		}
		if first == bL {
			if last != bL && last != bEN {
				return false // rule 6
			}
		} else if last != bR && last != bAL && last != bEN && last != bAN || en && an {
			return false // rules 3 and 4
		}
	}
	return true
}

// punyDecode decodes Punycode (RFC 3492, section 6.2).
func punyDecode(s string) ([]rune, bool) {
	var out []rune
	if k := strings.LastIndexByte(s, '-'); k >= 0 {
		for i := 0; i < k; i++ {
			if s[i] >= utf8.RuneSelf {
				return nil, false
			}
			out = append(out, rune(s[i]))
		}
		s = s[k+1:]
	}
	n, i, bias := 128, 0, 72
	for pos := 0; pos < len(s); {
		oldi, w := i, 1
		for k := 36; ; k += 36 {
			if pos >= len(s) {
				return nil, false
			}
			d := punyDigit(s[pos])
			pos++
			if d < 0 || d > (math.MaxInt32-i)/w {
				return nil, false
			}
			i += d * w
			t := min(max(k-bias, 1), 26)
			if d < t {
				break
			}
			if w > math.MaxInt32/(36-t) {
				return nil, false
			}
			w *= 36 - t
		}
		bias = punyAdapt(i-oldi, len(out)+1, oldi == 0)
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > unicode.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return nil, false
		}
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return out, true
}

// punyEncode encodes Punycode (RFC 3492, section 6.3), lower case.
func punyEncode(u []rune) (string, bool) {
	var b []byte
	for _, r := range u {
		if r < 0x80 {
			b = append(b, byte(r))
		}
	}
	h := len(b)
	basic := h
	if h > 0 {
		b = append(b, '-')
	}
	n, delta, bias := 128, 0, 72
	for h < len(u) {
		m := math.MaxInt32
		for _, r := range u {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		if (m - n) > (math.MaxInt32-delta)/(h+1) {
			return "", false
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range u {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := 36; ; k += 36 {
					t := min(max(k-bias, 1), 26)
					if q < t {
						break
					}
					b = append(b, punyChar(t+(q-t)%(36-t)))
					q = (q - t) / (36 - t)
				}
				b = append(b, punyChar(q))
				bias = punyAdapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(b), true
}

func punyAdapt(delta, points int, first bool) int {
	if first {
		delta /= 700
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > (36-1)*26/2 {
		delta /= 36 - 1
		k += 36
	}
	return k + (36-1+1)*delta/(delta+38)
}

func punyDigit(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= '0' && c <= '9':
		return int(c-'0') + 26
	}
	return -1
}

func punyChar(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// idna table: begin (generated by go run ./generator/emit/idnagen; do not edit)

// idnaPVALID: the IDNA2008 PVALID code points of Unicode 15.0.0 (RFC 5892, section 3), 1200 ranges.
const idnaPVALID = "" +
	"BnacjBhzDexbhbababababababababababababababababababababababababadabbbababadabababacabababab" +
	"ababababababababababababababababababacabababacabacadbeacadccacababacabbbacadabaccbgkababab" +
	"ababababbbababababababababbeadabababababababababababababababababababababababababababababgc" +
	"acbbaeababababDajiel0abarB5cadib5babadadcsa1BciababababababababababababadaeacbBtBpbabababa" +
	"babababababababababababababedababababababababababababababababababababababababababacabababa" +
	"bababbbabababababababababababababababababababababababababababababababababababababababababa" +
	"babababababaBjagBgbaiBmbabbbbbai0ed3kf5b4ogeC0bhcjbfkfqB0cDeoBvhacBns1ekfxbfjCjbDuidcjbsbh" +
	"cbcvbgbaddcicbcdiaidclkabaccbfebcvbgbacacbcabeebccdakajplcbibcbvbgbbbecjbcbccapdcjjgbcbhcb" +
	"cvbgbbbecicbcchchecjbaqbbfdcbddbbabbdbdcdleedcbdcagaojqmbcbwbpcibcbdhbbccacdcjqdbhbcbwbjbe" +
	"cibcbdhbgbbdcjbcmmbcbBsbcbefdhecjkfbcbrdxbibacgdaefbabhgjcbnBrbgfobjBhbbabebxbablbjcebabgb" +
	"jebBaakambgjlababaeebdbdbdbdbdblbcebbafgbcbmbdbdbdbdbdblbcjaBzCjgCnBsBkccIaCibdcgbabdcBibd" +
	"cBabdcgbabdcobBybdcCcccBapDrTlcqbzfCkghhvjvltmmbcbbmBtc3daebcjBgjgCyhBkfCfk4blelkBhcelBlez" +
	"gjBg1eB4b2ckgjnainbpBrCmdjrimDtmBxijdBqCscbBgfBldalasa2mbBbBfB5bababababababababababababab" +
	"ababababababababababababababababababababababababababababababababababababababababababababab" +
	"ababababababababababababababababecbbababababababababababababababababababababababababababab" +
	"abababababababababababababababababababababiifkhihifkhihiababababababaBtbeapajcdbicbdoaKxaB" +
	"vaCVlBpbadbbababaeabbbffababababababababababababababababababababababababababababababababab" +
	"ababababababababababababababababbhabdbamBfbafacBxxxjgbgbgbgbgbgbgbgb5BpaOvcBcdoaeCvcbcbcCz" +
	"bcgBkDq5BqpQaGN5CaVUmCdBncImd1vababababababababababababababababababababababcejbabababababa" +
	"bababababababababacChkbBfidababababababcbababababababababababababababababababababababababa" +
	"bababababababhbabacababababbdabbbabcbabababababababababafafabababababababaeabagababababa2b" +
	"cBneatBtmCfkjgxdabBqcBdBmCaokg4bBwjncjgwdCiyccpcekfcfcfjgbgbBkfiCxBkbbcjgK%dITkbbabbkababb" +
	"ccHuaYbpCdaMmlbzbsbbbocnBcD0IcaEc2dBqpa55ntbhgBkf3cBdehCyDvcjBoBdeBhiBtBtkbobgbbCdJwjvkhya" +
	"D5fcabBlbbdacwkwj4CbsbbkvkzCgBxgbCadbbfhbcb2cceaBa2d2Bdhb3zBvkvksnrDoCiDxBsnBhijKgBjbbdbCl" +
	"5kaiBa5vBku1wjCg5pjB1hanyhjgBubjediBdcajCeedbmbaBdrbBegdB4gbabdbobjhB0fjgdbhcbcvbgbbbebjcb" +
	"cccagafgcgdeElCkfjed4CfbaijFgBvcixfBcCadaljBgByhjBw0coejggFzB0EfBjvhcachbbb3bbcimjCghcBnch" +
	"bb1B4iaiCjdasCiIhibBmbipjy3cvbnCjgbbbBldabbbiijgfbbbBebbbfhjJwwjqbBidenjCwaCp$zHgGdCSmDapB" +
	"BpqvD%kSgINzRyh4bjgCobjg3celBwjdmjjufsWq5EaCkeByhqCabbblboF*xiBGvBkiIXhdbgbbbJcpa3ccaodiMl" +
	"CIeDkfmdihjdbETbBncwCVzBweBriaoaweboBCq4gfGvgbqcgbbbeDeaDqBmdncjeaKb4rBzOwBjXggbdbbbobGelg" +
	"ClBjejFVgBJW5BaEBzgG3cFUboHJqFA5E@kfEC5"

// idnaBidi: the Bidi_Class of the code points a label may hold, when not L (RFC 5893), 427 ranges.
const idnaBidi = "" +
	"BnafcjeD3aiQbbilji2aitB5kcakdikb5kfaiInekIjBmkbakbbkbbkbaki0befb1kkf5cbjcaukajdebcaakadceC" +
	"0cbacagkcfkabcabkbdkabcajeafcqacaaka3ca0kcCycakkaacoBkbaikabbhakcvbadkaabaikaabackaabaeksy" +
	"backekcfxcbfcjhkaBjcaxkb5kBxakbakehkeakdgkkbk3akB0akedkiakubk0akcbkBzakebkebkcckdak4bkdakl" +
	"bkBzakeekbbkeakubkwfkbakB0akcakbdkiakhbklbk4akB3akmakBsakdakBxakbckfckbdkhbklbk3akB0akpbku" +
	"bk2bkBzbkedkiakubk3akCiakhckbakC0akcgkmhkDcakciklgkCjbk1akbakbakBxbkbakfekbakbckbbkffkbdkb" +
	"dkbdkbdkbdkblkbckjakDgdkbfkbbkcbkzbkeckqdknakcbkgakpakV5ck%sck3bk4bk4bkCdgkiakckkjakFhbkBc" +
	"akDwckebkjakgckG1bkcakB0akbgkbakbakchkgjkcakBqnkbpkBrdkBqakbekbakfakBiikmbkBadkcbkbckByakb" +
	"bkdakbckB0hkcbkEyckbmkbgkeakgakdbkGgB5kQmbjDHbckEnakDa5kBpaiP0dkDlbkDaai%Ltakejkbai4bkCqbk" +
	"BfiiDiaiDzakdakeakzbkfakExbk0rknakBghkzkkBockBqakcdkcbkBhakCdfkcbkcbkmakiakBpakBtakbckcbkf" +
	"bkbakBkbkiakHoakcakeakTZqakYbpkCdac$jakHcakEvekBEffbcabbBlbbbbdabcwbkwbj4bCbsbbbbkvbkzbCgB" +
	"xbgbbCaabackbbkfdkadbbcbb2bcckeakBa2bd2bBdhbb1babkzBvbkvbksbnrbDoCibDxBsbnBdcadkijdKgBjbbb" +
	"kdbbClcka2bkabivcakk5rbadkBkub1wbkakBwokBjakcbkkckBrdkcbkhakB3ckBeekbhkB4akmbkBuikkdkcakC5" +
	"ckcakbbkgakcakE3akdhkvbkBzbkdakBfgkdekGdhkcckbakxakCufkbakebkbbkHodkgbkbbk1bkCvhkcakbbkDka" +
	"kbakcfkbakDfckcdkbekIdikbbkIabkbakeakEqdkcbkeakBafkcbkBifkcdkiakjfkcckBomkbbkMwgkbfkCuvkcg" +
	"kbbkbbkD0fkdakbbkbgkbakCibkdakbakK1bklbkBuekfakbakFH3akgokNU0ekB1gkBAyakB5dkCrakTFybkETbBn" +
	"kcwkCVzBwkeBrkiakoakwekbokBKqgkbqkcgkbbkbekDeakFagkLxakB3dkP2dkYqGeblgkClBbbagkaabejb"

// idnaViramaTable: the code points of Canonical_Combining_Class Virama, 56 ranges.
const idnaViramaTable = "" +
	"CKnaD5aD5aD5aD5aD5aD5aD5aDnbqaD2aDpaD5aGjaFubBWzb4aE3aUnaHdaDfbCgbEMla&UgaBfaExaEoaDmaJvaH" +
	"waXSraBQgaBjaoaBzaDzbElaDuaFuaDcaHuaD5aH2aD5aDwaDuaInaIdbFbaCtasaCraNfaIebCraNjb"

// idnaJoining: the Joining_Type of the PVALID code points that have one, 509 ranges (1 L, 2 D, 3 R, 4 T).
const idnaJoining = "" +
	"YaB5ecaedieb5eIteeMikefacbddaacaadaacaadaecaddamcbgcaadabcaueobcaaeacdfocardaBfcaadabcaida" +
	"acaadaacaadabcabdbadagecfecbebdeabdkcccacqadaaeaccaedadcaadaicaadaacaadaacaadabcaada0ecada" +
	"kcacdaocabdadcaadaacabdaccabdafcBgkezBacaiejaeydebiebcebeesadaecabdaacaadajcaadaacacdaceea" +
	"cbdcbadaacabdfsddaccecaadjheajcacdbadabcabdafcaadaocbxeb5eBxaebaeeheeabdgekbe3aeB0aeedeiab" +
	"ube0aecbeBzaeebeebecbeaabdae4bedaelbeBzaeeeebbeeabubewfebaeB0aecaebdeiabhbelbe4aeB3aemabBs" +
	"aedaeBxaebcefcebceaabhbelbe3aeB0aecaegaefaeaabube2beBzbbedeiabube3aeCiabhcebaeC0aecfeaabmh" +
	"eDcaecfeaababelgeCjbe1aebaebaeBxbebaefeebaebbeaabbbeffebdebdebdebdebdeblebcejaeDgdebfebbbc" +
	"bezbeeceqdenaecbegaepaeV5ce%sbeabb2beaab3be4beCdgeiaecieaabaaejaeCcCycmbeaBbcaaeaacDvceebe" +
	"jaegceG1becaeB0aebgebabbaechegjecaeBqnebpeBrdeBqaebeebaefaebabBgiembeBadecbeabbabeByaebbed" +
	"aebceabbByhecbeEycebmebgeeaegaedbeGgB5eDXpceEnabDa5eRkdeDlbe%OuaeejeBabeCqbeIqaedabeaezbef" +
	"abtBrcaabCrabaae0renaeBghezkebabBmceBqaecdecbecabBeaeCdfecbecbemaeiaeBpaeBtaebcecbefbebaeB" +
	"kbeiabHoaecaeeabURspe&naeHcaeEveeBUgcebbefdeBiceeabEaecaadbadbbdcabaedadcaabaecaadaccaadca" +
	"dabeEzacaadaacacdaccaadabcaadaacabdaacaadLoabaBacaadaacadeMdbeCqceBqccaadaqcbke5dcabdalcad" +
	"eBkacbbcacdbacabdabcaadabcbacabdaacB2aeBwneaabBjabcbekababeBrdecabaaehaeB3ceBeeebfeabbB4ae" +
	"mbeBuiebabidecaeC5cecaeaababegaecaeE3aedgeaabvbeBzbedaemabygedeeGdhecababebaexaeCufebaeebe" +
	"babaaeHodegbebabaae1beCvhecaebabaaeDkaebaecfeaabaaeDfcecdebdeaabIdiebabaaeIabeabbeaeEqdecb" +
	"eeabBajeBiaeaabadecdeiabjfecceBomebaeaabMwgebfebabCsvecgebbebbeD0fedaebbebeeabbbaeCibedaeb" +
	"abK1belbeBueefaeabbFH3aegoeNU0eeB1geBAyaeB5deCraeTFybeETbBnecweCVzBweeBreiaeoaeweeboeBKqge" +
	"bqecgebbebeeDeaeFageLxaeB3deP2de*ageClBbcahe"

// idnaCCC: the Canonical_Combining_Class of the code points a label may hold, when not 0, 365 ranges.
const idnaCCC = "" +
	"YauHgaaHiadG2aaHiaaGyaeG2abGkadG2abGkakG2aebadG2acHgcaHgdaHgacG2acHgabG2bcHgadG2aaHgaaHiab" +
	"G2aaHgaaHjabHkaaHjabHkaaHjamHgIteHgIjaG2adHgaaG2acHgaaG4aaG2afHgafG2abHgaaG2abHgaaG4aaHeaa" +
	"HgaakaalaamaanaaoaapaaqaaraasabtaauaavaawbaxbayaazbaHgaaG2basCihHgaa4aa5aaBaBqa1aa2aa3aa4a" +
	"a5aaBaaaBbaaBcabHgabG2aeHgaaG2abHgaaG2qaBdDfgHgcdHgaaG2aaHgcbHgbaG2abHgaaG2BdaBe4aHgaaG2ab" +
	"HgaaG2abHgacG2aaHgabG2aaHgaaG2acHgaaG2aaHgaaG2aaHgaaG2aaHgaaG2abHgFagHgaaG2aaHgjaG2ydHgbiH" +
	"gbcHgbeHgBlcG2B2aHgacG2adHgBkeHgaeG2anHgbaG2abHgaaG2abHgaaG2acHgacG2aa1aa2aa3acHgaaG2abHga" +
	"bG2aeHgB2ahqajdaHgaaG2abHgDhahqajBqaHgB3ahqajDoahqajDoahqajD5ajDoahqajhaCuaaC1DfahqajDnbjq" +
	"ajD2ajDnbDhaajndDlDmbDwaajndD0CmbG21aG2baG2baGyBxaEbaaEcbaEefdEccaEcbbHgaajbbHgB4aG2Dqahbb" +
	"jCsaG2WpcHg%ubj4ajE3ajkaHgGlaHeEpaG4aaHgaaG2G1aHgaaG2ChajuhHgcaG2BqeHgafG2abHgaaG2bbG2abHg" +
	"abG2aeHgaaG2adHgDfahpajBgaHgaaG2agHgBwbjB0ahlbjCdahEycHgbabaeG2abHgadG2aaHgbgbeaG2gaHgdbHg" +
	"GgbHgaaG2agHgaaG2abHgaaHkaaGwaaG2aaGkaBeHgaaHiabHeaaG2aaG0aaHgaaHjaaG2aaHgaaG2DXpcHgEnajDa" +
	"5HgRkaG0aaHeaaHiaaG4Dlbi%OuaHgejHgBabHgCqbHgIuajBfajExaj1rHgBzcG2BfajC5ahmajHpaHgbbHgaaG2c" +
	"bHgfbHgbaHgBuajHwajTZqa0YbgHgagG2abHg&naG2HcaG2EveHgBUsaG2baHgBiaHgaabaaG2eajFfaHgaaG2R3dH" +
	"gMdbHgCqcG2CgbG2acHgaaG2aaHgadG2BraHgaaG2aaHgaaG2GaajBjajoajBzajaahCfcHgBqbjB4ahCmajjahDka" +
	"jaahFsahaajCqbhqajygHgdeHgGnajdahxaHgDdajaahH1ajaahD4ajDwajaahDtajInajaahIcbjeahE2ajCtajsa" +
	"jCrajNfajIcahbbjCrajNjbjS%nebB1gHgBFzbgTFmabI#bgHgbqHgcgHgbbHgbeHgDeaHgFagHgLxaHgB3dHgP2bH" +
	"iaaG2aaHg*agG2DnfHgaah"

// idnaCompose: the 376 pairs of code points a label may hold that NFC composes into one.
const idnaCompose = "" +
	"YaDbaeaeafabagacacaZyaeacacagagaeaDmadbDbacacacacacabababababacabacacacabaDmasaVzaeacacaga" +
	"gaeaDkahbDbacacacabababafaeacacacabbDbaeaeafabagabadbDbaeacacagagaeaDnaWlaiamaDtalcDbaeaca" +
	"cagagaZ2aiamaDlafabacalbDbabababababababafabababacababadabababbDbaeadabagafabacababa@aamaD" +
	"lafabababagafaeaeacajaEdaqbDbaeaeagagaebDbauacacbDpaga&obDbacababacabababababacabadabababa" +
	"faQydDbaeaeagadadaBAacDbaeaeagadadc%raeacacagacaeaeb%raeacacagacaeaehDpagiDbabacabadabacab" +
	"abababadabababababacabbDvbDbbDtabbDdababacabadabacaeababbDbaeaeagagfDeabahacagabbDicDfaeam" +
	"bDcacaeadabacaeacagr%ragacamaeYrBRhbBRhaBbacaDxaradbBRhXhCJiaiadEcCOhzCOhLhC@hyC@hbC@hDhC&" +
	"gabzC$saBuD5DCgDmDGgtDF5ahbDGgDiDKgabzDKgDtDOzfDOzqDOzSpEBfCYhGYfacacacacaeaBjacacabadFLeM" +
	"CgafacacacacacacacacacacacadacacahadadadadaBcajafacacacacacacacacacacacadacacahadadadadaua" +
	"bababalbMDpadadadadaCuadadadadBYBaCEEzacakDnCEJrabQxCE@hzCE@hKzCFFzkCFFzdCFFzHsCFNyab$bCGJ" +
	"v"

// idna table: end

// idnaLookup finds r in an IDNA table (see idnagen): whether it is listed, and with classes
// its class.
func idnaLookup(t string, r rune, classes bool) (bool, int) {
	next := 0
	for i := 0; i < len(t); {
		var gap, n, c int
		gap, i = idnaNum(t, i)
		n, i = idnaNum(t, i)
		if classes {
			c, i = idnaNum(t, i)
		}
		lo := next + gap
		if int(r) < lo {
			return false, 0
		}
		if int(r) <= lo+n {
			return true, c
		}
		next = lo + n + 1
	}
	return false, 0
}

// idnaNum reads one number of an IDNA table at i: base 32 digits, the last from idnaDigitLast.
func idnaNum(s string, i int) (int, int) {
	n := 0
	for ; i < len(s); i++ {
		if d := strings.IndexByte(idnaDigitLast, s[i]); d >= 0 {
			return n*32 + d, i + 1
		}
		n = n*32 + strings.IndexByte(idnaDigitMore, s[i])
	}
	return n, i
}

const (
	idnaDigitMore = "ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&*"
	idnaDigitLast = "abcdefghijklmnopqrstuvwxyz012345"
)
