package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

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
	var buf [16]json.RawMessage
	raws, st := arrayItems(data, buf[:0], nullable, p, e)
	switch st {
	case arrayNull:
		*dst = nil
		return
	case arrayBad:
		return
	}
	out := make([]T, len(raws))
	for i, r := range raws {
		dec(&out[i], r, &path{parent: p, index: i, isIndex: true}, e)
	}
	*dst = out
}

// States of a value that should be an array (arrayItems).
const (
	arrayOK   = iota // its items are returned
	arrayNull        // null, recorded as a violation unless nullable
	arrayBad         // not an array, or malformed: recorded
)

// arrayItems splits the array data into its items (appended to items, usually a buffer on the
// caller's stack): the part of decodeSlice that does not depend on the element type, so that
// each instantiation of decodeSlice stays small.
func arrayItems(data []byte, items []json.RawMessage, nullable bool, p *path, e *errs) ([]json.RawMessage, int) {
	data = trimJSON(data)
	if isNull(data) {
		if !nullable {
			e.add(p, "type", "expected an array, got null")
		}
		return nil, arrayNull
	}
	if len(data) == 0 || data[0] != '[' {
		e.add(p, "type", "expected an array, got %s", kindOf(data))
		return nil, arrayBad
	}
	if e.valid {
		return skimArray(data, items), arrayOK
	}
	if raws, ok := scanArray(data, items); ok {
		return raws, arrayOK
	}
	// A variable of its own: one that held items and had its address taken would move the
	// caller's buffer to the heap.
	var parsed []json.RawMessage
	if err := json.Unmarshal(data, &parsed); err != nil {
		e.add(p, "", "malformed JSON: %v", err)
		return nil, arrayBad
	}
	return parsed, arrayOK
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

// tryBranch decodes data as one branch of a union that tries its branches, and validates it
// (val may be nil), with quiet errors that only count violations (the JSON is as checked as
// e's). When the branch matches it counts the match and returns the value if it is the first
// match or keepAll holds (anyOf keeps every match); otherwise it returns nil.
func tryBranch[T any](matched *int, keepAll bool, data []byte, p *path, e *errs, dec func(*T, []byte, *path, *errs), val func(*T, *path, *errs)) *T {
	be := errs{valid: e.valid, quiet: true}
	v := new(T)
	dec(v, data, p, &be)
	if len(be.list) == 0 && val != nil {
		val(v, p, &be)
	}
	if len(be.list) != 0 {
		return nil
	}
	*matched++
	if *matched == 1 || keepAll {
		return v
	}
	return nil
}
