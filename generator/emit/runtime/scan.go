package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
)

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
	var high uint64 // the high bits of the bytes read eight at a time
	start := i
	for {
		// Eight bytes at a time to the first quote, backslash or control byte (the lowest
		// flagged byte of the word is exact).
		found := false
		for i+8 <= len(data) {
			w := binary.LittleEndian.Uint64(data[i:])
			high |= w
			if m := ((w-0x2020202020202020)&^w | hasZero(w^0x2222222222222222) | hasZero(w^0x5c5c5c5c5c5c5c5c)) & 0x8080808080808080; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				found = true
				break
			}
			i += 8
		}
		if !found {
			for i < len(data) && plainByte[data[i]] {
				i++
			}
		}
		if i >= len(data) {
			return -1, false
		}
		switch c := data[i]; {
		case c == '"':
			// The bytes read one at a time are ASCII, or they set high below.
			if plain && high&0x8080808080808080 != 0 {
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
			high |= 0x80
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
	end, _ := (*doc)(nil).scan(data, i, depth, nil)
	return end
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
		ms = append(ms, member{key: key, raw: data[i:vend]})
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
		items = append(items, data[i:end])
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
	return cachedKey(body, keyHash(body))
}

// keyHash hashes a key eight bytes at a time (the last word holds the bytes that are left).
func keyHash(body []byte) uint32 {
	h := uint64(keyHashSeed)
	i := 0
	for ; i+8 <= len(body); i += 8 {
		h = (h ^ binary.LittleEndian.Uint64(body[i:])) * keyHashPrime
	}
	if i < len(body) {
		var w uint64
		for k, c := range body[i:] {
			w |= uint64(c) << (8 * k)
		}
		h = (h ^ w) * keyHashPrime
	}
	return keyHashEnd(h, len(body))
}

const (
	keyHashSeed  = 14695981039346656037 // FNV-1a's 64-bit offset basis and prime
	keyHashPrime = 1099511628211
)

// keyHashEnd mixes the length into h and folds it to 32 bits.
func keyHashEnd(h uint64, n int) uint32 {
	h = (h ^ uint64(n)) * keyHashPrime
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return uint32(h >> 32)
}

// cachedKey is keyString for a plain key whose hash (keyHash) is h. A key has two slots in
// keyCache (two hash functions), so that two keys that collide in one do not keep replacing
// each other.
func cachedKey(body []byte, h uint32) string {
	if len(body) > maxCachedKey {
		return string(body)
	}
	a := &keyCache[h%uint32(len(keyCache))]
	ka := a.Load()
	if ka != nil && *ka == string(body) {
		return *ka
	}
	b := &keyCache[(h>>16|h<<16)*0x9E3779B1%uint32(len(keyCache))]
	if kb := b.Load(); kb != nil && *kb == string(body) {
		return *kb
	}
	k := string(body)
	if ka == nil {
		a.Store(&k)
	} else {
		b.Store(&k)
	}
	return k
}

// keyCache holds recently decoded object keys of up to maxCachedKey bytes, by hash; a key
// that finds both its slots taken replaces the one in its second slot. It is safe for
// concurrent use.
var keyCache [2048]atomic.Pointer[string]

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

// eventTag reads the string member key of the event data for Decode. It makes data the
// document of e, checking that it is a single well-formed JSON object, so that decoding the
// event does not check it again. A null member counts as missing and, of a key given twice,
// the last wins.
func eventTag(data []byte, key string, e *errs) (string, error) {
	t := trimJSON(data)
	if len(t) == 0 || t[0] != '{' {
		if !validJSON(t) {
			return "", errors.New("decode event: malformed JSON")
		}
		return "", fmt.Errorf("decode event: expected a JSON object, got %s", kindOf(t))
	}
	if !e.prepare(t, key) {
		return "", errors.New("decode event: malformed JSON")
	}
	var raw []byte
	if d := e.valid; d.tagAt[1] > 0 {
		raw = t[d.tagAt[0]:d.tagAt[1]]
	}
	if raw == nil || string(raw) == "null" {
		return "", errors.New("decode event: missing " + key)
	}
	if raw[0] != '"' {
		return "", fmt.Errorf("decode event: %s is not a string, got %s", key, kindOf(raw))
	}
	var s string
	c := e.valid.scur // the decoder reads the document from its start
	decodeString(&s, raw, nil, e)
	e.valid.scur = c
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
	ok, again := true, true
	switch d := e.valid; {
	case d != nil && d.checked && (p != nil || d.contains(data)):
		// A part of a value already checked (its containers on d's tape, when it is a part of d).
		ms, again = d.members(data, ms)
	case p == nil && e.prepare(data, ""):
		// The whole value (p is its root) is well-formed: its parts need no second check.
		ms, again = e.valid.members(data, ms)
	default:
		ms, ok = scanObject(data, ms)
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
	if again && len(ms) > 1 {
		ms = lastOnly(ms)
	}
	return ms, true
}

// lastOnly keeps, of a key given twice, only the last (where it stands). A key given twice is
// rare: a 256-bit filter of the key hashes finds the candidates, an exact comparison confirms
// them.
func lastOnly(ms []member) []member {
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
		return ms
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
	return out
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
		if uriByte[v[i]]&2 == 0 {
			return false
		}
		i++
	}
	if i == host {
		return false
	}
	// The path, eight bytes at a time: every allowed byte has bit 0.
	for ; i+8 <= len(v); i += 8 {
		if uriByte[v[i]]&uriByte[v[i+1]]&uriByte[v[i+2]]&uriByte[v[i+3]]&uriByte[v[i+4]]&uriByte[v[i+5]]&uriByte[v[i+6]]&uriByte[v[i+7]] == 0 {
			return false
		}
	}
	for ; i < len(v); i++ {
		if uriByte[v[i]] == 0 {
			return false
		}
	}
	return true
}

// uriByte classes the bytes of plainURI: 3 for letters, digits, '-' and '.' (host and path),
// 1 for '_', '~' and '/' (path only), 0 for the others.
var uriByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.':
			t[c] = 3
		case c == '_' || c == '~' || c == '/':
			t[c] = 1
		}
	}
	return t
}()

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
	switch data[i] {
	case 't', 'n':
		return min(i+4, len(data))
	case 'f':
		return min(i+5, len(data))
	}
	j := i
	for j < len(data) && numberByte[data[j]] {
		j++
	}
	return j
}

// numberByte tells the bytes of a JSON number.
var numberByte = func() (t [256]bool) {
	for _, c := range []byte("0123456789+-.eE") {
		t[c] = true
	}
	return t
}()

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
			if len(m.raw) > 0 && m.raw[0] == '"' {
				if end, plain := scanString(m.raw, 0); end == len(m.raw) {
					// A tag is a short word that recurs: keyString's cache makes it free.
					return keyString(m.raw[1:end-1], plain), tagString
				}
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
