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
	if len(data) == 4 {
		return string(data) == "null"
	}
	return len(data) > 4 && (data[0] == 'n' || data[0] <= ' ' || data[0] >= utf8.RuneSelf) && string(bytes.TrimSpace(data)) == "null"
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
	var ms []member
	switch {
	case e.valid.contains(data):
		ms, _ = e.valid.members(data, buf[:0])
	case p == nil && e.prepare(data, ""):
		ms, _ = e.valid.members(data, buf[:0])
	case validJSON(data):
		ms, _ = (*doc)(nil).members(data, buf[:0])
	default:
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
	if d := e.valid; d != nil && d.checked && (p != nil || d.contains(data)) {
		// A part of a value already checked: data is one well-formed string.
		body := data[1 : len(data)-1]
		if s, ok := d.next(body); ok {
			*dst = s
		} else if !plainBody(body) {
			*dst = unquote(body)
		} else if s, ok := d.str(body); ok {
			*dst = s
		} else {
			*dst = string(body)
		}
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
	if len(data) >= 2 && data[len(data)-1] == '"' {
		if t, ok := parseTimeBytes(data[1 : len(data)-1]); ok {
			if d := e.valid; d != nil && d.checked {
				d.skipStr(data[1 : len(data)-1])
			}
			*dst = t
			return
		}
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

// parseTimeBytes parses the common date-times, yyyy-mm-ddThh:mm:ss[.f] then Z or ±hh:mm, with
// at most nine digits of fraction and no leap second, from the bytes of a string, to the time
// parseDateTime gives (without making a string); ok is false for anything else, which
// parseDateTime then handles.
func parseTimeBytes(b []byte) (t time.Time, ok bool) {
	n := len(b)
	if n < 20 || n > 35 || b[4] != '-' || b[7] != '-' || b[10] != 'T' && b[10] != 't' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, w int) int {
		v := 0
		for _, c := range b[i : i+w] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, s := num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2)
	if y < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || !validDay(y, mo, d) {
		return time.Time{}, false
	}
	i, ns := 19, 0
	if b[i] == '.' {
		j := i + 1
		for j < n && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		w := j - i - 1
		if w < 1 || w > 9 {
			return time.Time{}, false
		}
		ns = num(i+1, w)
		for ; w < 9; w++ {
			ns *= 10
		}
		i = j
	}
	switch z := b[i:]; {
	case len(z) == 1 && (z[0] == 'Z' || z[0] == 'z'):
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC), true
	case len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':':
		oh, om := num(i+1, 2), num(i+4, 2)
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return time.Time{}, false
		}
		off := (oh*60 + om) * 60
		if z[0] == '-' {
			off = -off
		}
		// As time.Parse: the local zone when it has this offset then, else a fixed zone.
		t = time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC).Add(-time.Duration(off) * time.Second)
		if _, lo := t.In(time.Local).Zone(); lo == off {
			return t.In(time.Local), true
		}
		return t.In(time.FixedZone("", off)), true
	}
	return time.Time{}, false
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
	q, m := e.hold(p)
	dec(v, data, q, e)
	e.release(m)
	*dst = v
}

// decodeNullable decodes a member's value (raw: well-formed, no space around) into dst. It is
// small enough to be inlined, so that dec is a direct call and p stays on the caller's stack.
func decodeNullable[T any](dst *Nullable[T], data []byte, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	if len(data) == 4 && data[0] == 'n' {
		*dst = Nullable[T]{Set: true, Null: true}
		return
	}
	*dst = Nullable[T]{Set: true}
	dec(&dst.Value, data, p, e)
}

func decodeSlice[T any](dst *[]T, data []byte, nullable bool, p *path, e *errs, dec func(*T, []byte, *path, *errs)) {
	var buf [16]json.RawMessage
	raws, st := splitArray(data, nullable, buf[:0], p, e)
	switch st {
	case arrayNull:
		*dst = nil
		return
	case arrayBad:
		return
	}
	out := make([]T, len(raws))
	if p == nil {
		for i, r := range raws {
			q, m := e.hold(&path{index: i, isIndex: true})
			dec(&out[i], r, q, e)
			e.release(m)
		}
	} else {
		// One frame for the items: p, then /i for each.
		q, m := e.hold(p)
		end := q.index
		for i, r := range raws {
			e.holdItem(q, end, i)
			dec(&out[i], r, q, e)
		}
		e.release(m)
	}
	*dst = out
}

// arrayItems splits the array data (trimmed) into its items, for decodeSlice. It records a
// violation and reports false when data is not a well-formed array.
func arrayItems(data []byte, items []json.RawMessage, p *path, e *errs) ([]json.RawMessage, bool) {
	if len(data) == 0 || data[0] != '[' {
		e.add(p, "type", "expected an array, got %s", kindOf(data))
		return nil, false
	}
	switch {
	case e.valid != nil && e.valid.checked && (p != nil || e.valid.contains(data)):
		// A part of a value already checked (its containers on the tape, when it is a part of
		// the document).
		return e.valid.elems(data, items), true
	case p == nil && e.prepare(data, ""):
		return e.valid.elems(data, items), true
	}
	if validJSON(data) {
		return (*doc)(nil).elems(data, items), true
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		e.add(p, "", "malformed JSON: %v", err)
		return nil, false
	}
	return append(items[:0], raws...), true
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
		q, h := e.hold(&path{parent: p, key: k})
		dec(&v, m[k], q, e)
		e.release(h)
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

// keepRaw records the undeclared member k of an open object, copying its JSON.
func keepRaw(dst *map[string]json.RawMessage, k string, raw []byte) {
	if *dst == nil {
		*dst = map[string]json.RawMessage{}
	}
	(*dst)[k] = append(json.RawMessage(nil), raw...)
}

// tryBranch decodes data as one branch of a union that tries its branches, and validates it
// (val may be nil), with quiet errors that only count violations (the JSON is as checked as
// e's). When the branch matches it counts the match and returns the value if it is the first
// match or keepAll holds (anyOf keeps every match); otherwise it returns nil. The decoder and
// validator are function values, so they get a held path (see hold).
func tryBranch[T any](matched *int, keepAll bool, data []byte, p *path, e *errs, dec func(*T, []byte, *path, *errs), val func(*T, *path, *errs)) *T {
	be := errs{valid: e.valid, quiet: true}
	q, m := be.hold(p)
	v := new(T)
	dec(v, data, q, &be)
	if len(be.list) == 0 && val != nil {
		val(v, q, &be)
	}
	be.release(m)
	if len(be.list) != 0 {
		return nil
	}
	*matched++
	if *matched == 1 || keepAll {
		return v
	}
	return nil
}
