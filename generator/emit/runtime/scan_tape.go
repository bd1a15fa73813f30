package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// The document: the first scan of a root value checks all of it and notes where its containers
// and its string values are, so that the decoders of its parts neither check nor read its bytes
// again (see generator/README.md, "The document").

// doc is the value a decoder was given at its root (by Decode, UnmarshalJSON or json.Unmarshal),
// with what the first scan of it found, so that the decoders of its parts do not read it again:
// the containers on a tape, and the string values in one string. It also holds the paths of
// the decoders called through function values (see hold).
type doc struct {
	// whole is the root value (trimmed); its parts are slices of the same array, so a part's
	// offset in it is cap(whole)-cap(part). (Fields and methods of doc are named so that no
	// generated code uses their names: prune.go keeps a member whose name is used.)
	whole []byte
	// tape lists the containers of data in document order, where each starts and ends (offsets
	// in data, pairs).
	tape []uint32
	// strs holds the bodies of data's string values that need no unescaping (no backslash,
	// valid UTF-8), one after the other. A decoded string is a substring of strs: one
	// allocation per document instead of one per string.
	strs string
	// prefix holds the pointers of the held paths, and nframes is the number of frames held
	// (see hold): the first in frameBuf, the others in moreFrames.
	prefix     []byte
	moreFrames []*path
	// tagKey is the member of the root object whose value prepare looks for (eventTag), and
	// tag where that value is in data (of a key given twice, the last); tag[1] is 0 when absent.
	tagKey string
	tagAt  [2]uint32
	// scur is where in strs the next string value is likely to be (values are mostly decoded
	// in document order); sbudget bounds the bytes that lookups away from it may search.
	scur, sbudget int32
	nframes       int32
	// checked: data was found well-formed by prepare.
	checked bool
	// The first few containers, frames and pointer bytes need no allocation of their own.
	tapeBuf   [26]uint32
	frameBuf  [3]path
	prefixBuf [48]byte
}

// newDoc gives e a document, with nothing checked yet.
func (e *errs) newDoc() *doc {
	d := new(doc)
	d.tape = d.tapeBuf[:0]
	d.prefix = d.prefixBuf[:0]
	e.valid = d
	return d
}

// prepare makes data (trimmed) the document of e and checks the whole of it, recording its
// containers and string values, and the value of the root member tagKey when it is not "";
// it reports whether data is one well-formed JSON value.
func (e *errs) prepare(data []byte, tagKey string) bool {
	d := e.valid
	if d == nil {
		d = e.newDoc()
	}
	d.whole, d.checked, d.tape, d.strs, d.scur = data, false, d.tape[:0], "", 0
	d.tagKey, d.tagAt = tagKey, [2]uint32{}
	if uint64(len(data)) >= 1<<31-1 {
		// Offsets would not fit the tape or scur: checked, without a tape or strs.
		d.checked = validJSON(data)
		return d.checked
	}
	// Where the string values without escapes are (body start and end, pairs), so that strs
	// is filled without reading data again; the first ones on the stack.
	var buf [128]uint32
	i, pos := d.scan(data, skipSpace(data, 0), 0, buf[:0])
	if i < 0 || skipSpace(data, i) != len(data) {
		d.tape = d.tape[:0]
		d.tagAt = [2]uint32{}
		return false
	}
	d.checked = true
	n := 0
	for k := 0; k+1 < len(pos); k += 2 {
		n += int(pos[k+1] - pos[k])
	}
	if n > 0 {
		var b strings.Builder
		b.Grow(n)
		for k := 0; k+1 < len(pos); k += 2 {
			b.Write(data[pos[k]:pos[k+1]])
		}
		d.strs = b.String()
	}
	d.sbudget = int32(min(8*len(d.strs)+1024, 1<<30))
	return true
}

// scan checks the value starting at data[i] (not at a space) and returns the index just past
// it, or -1 when it is malformed (scanValue). With a document, it also records the containers
// on the tape, the string values that need no unescaping in pos, and the value of the root
// member tagKey.
func (d *doc) scan(data []byte, i, depth int, pos []uint32) (int, []uint32) {
	if i >= len(data) {
		return -1, pos
	}
	switch data[i] {
	case '"':
		return d.scanStr(data, i, pos)
	case '{':
		if depth >= maxDepth {
			return -1, pos
		}
		t := -1
		if d != nil {
			t = len(d.tape)
			d.tape = append(d.tape, uint32(i), 0)
		}
		i = skipSpace(data, i+1)
		if i < len(data) && data[i] == '}' {
			i++
		} else {
			for {
				k := i
				end, plain, v := memberKey(data, i)
				if v < 0 {
					return -1, pos
				}
				// Strings and scalars here, containers by a call.
				switch data[v] {
				case '"':
					i, pos = d.scanStr(data, v, pos)
				case '{', '[':
					i, pos = d.scan(data, v, depth+1, pos)
				default:
					i = scanScalar(data, v)
				}
				if i < 0 {
					return -1, pos
				}
				if depth == 0 && d != nil && d.tagKey != "" {
					d.noteTag(data[k+1:end-1], plain, v, i)
				}
				var done bool
				if i, done = afterElem(data, i, '}'); i < 0 || done {
					break
				}
			}
		}
		if i < 0 {
			return -1, pos
		}
		if t >= 0 {
			d.tape[t+1] = uint32(i)
		}
		return i, pos
	case '[':
		if depth >= maxDepth {
			return -1, pos
		}
		t := -1
		if d != nil {
			t = len(d.tape)
			d.tape = append(d.tape, uint32(i), 0)
		}
		i = skipSpace(data, i+1)
		if i < len(data) && data[i] == ']' {
			i++
		} else {
			for {
				if i >= len(data) {
					return -1, pos
				}
				switch data[i] {
				case '"':
					i, pos = d.scanStr(data, i, pos)
				case '{', '[':
					i, pos = d.scan(data, i, depth+1, pos)
				default:
					i = scanScalar(data, i)
				}
				if i < 0 {
					return -1, pos
				}
				var done bool
				if i, done = afterElem(data, i, ']'); i < 0 || done {
					break
				}
			}
		}
		if i < 0 {
			return -1, pos
		}
		if t >= 0 {
			d.tape[t+1] = uint32(i)
		}
		return i, pos
	}
	return scanScalar(data, i), pos
}

// memberKey checks the key of the object member at data[i] and the colon after it: it returns
// the key's end, whether its body needs no unescaping, and where the value starts (-1 when
// malformed).
func memberKey(data []byte, i int) (end int, plain bool, v int) {
	if i >= len(data) || data[i] != '"' {
		return 0, false, -1
	}
	end, plain = scanString(data, i)
	if end < 0 {
		return end, plain, -1
	}
	i = skipSpace(data, end)
	if i >= len(data) || data[i] != ':' {
		return end, plain, -1
	}
	v = skipSpace(data, i+1)
	if v >= len(data) {
		return end, plain, -1
	}
	return end, plain, v
}

// noteTag records the value data[v:i] of a root member whose key body is key, when the key is
// the document's tagKey.
func (d *doc) noteTag(key []byte, plain bool, v, i int) {
	if plain && string(key) == d.tagKey || !plain && unquote(key) == d.tagKey {
		d.tagAt = [2]uint32{uint32(v), uint32(i)}
	}
}

// afterElem reads what follows a member or an item ending at data[i]: the container's close
// (done, and the index past it), or a comma (the index of the next one); -1 when malformed.
func afterElem(data []byte, i int, close byte) (int, bool) {
	i = skipSpace(data, i)
	if i >= len(data) {
		return -1, false
	}
	if data[i] == close {
		return i + 1, true
	}
	if data[i] != ',' {
		return -1, false
	}
	return skipSpace(data, i+1), false
}

// scanStr checks the string value at data[i] and notes where its body is in pos when it needs
// no unescaping.
func (d *doc) scanStr(data []byte, i int, pos []uint32) (int, []uint32) {
	end, plain := scanString(data, i)
	if plain && end-i > 2 && d != nil {
		if len(pos)+2 > cap(pos) {
			pos = grow(pos, end, len(data))
		}
		pos = append(pos, uint32(i+1), uint32(end-1))
	}
	return end, pos
}

// scanScalar checks the literal or number at data[i] (not a string or a container).
func scanScalar(data []byte, i int) int {
	switch c := data[i]; c {
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

// plainBody reports whether the body of a well-formed JSON string is the string itself: no
// escapes, valid UTF-8.
func plainBody(body []byte) bool {
	return bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body)
}

// str returns the string whose bytes are body (a plain string value of the document) as a
// substring of strs, or false when it is not there (or the search budget, which keeps the
// lookups of a document linear in its size, is spent). Any occurrence of the same bytes is the
// same string, so a lookup cannot be wrong; the cursor only makes it fast.
func (d *doc) str(body []byte) (string, bool) {
	n := len(body)
	if n == 0 {
		return "", true
	}
	s := d.strs
	if c := int(d.scur); c+n <= len(s) && s[c:c+n] == string(body) {
		d.scur = int32(c + n)
		return s[c : c+n], true
	}
	i := d.search(int(d.scur), body)
	if i < 0 {
		i = d.search(0, body)
	}
	if i < 0 {
		return "", false
	}
	d.scur = int32(i + n)
	return s[i : i+n], true
}

// next returns body as the string at the cursor of strs when it is there, without checking
// body first: strs holds no backslash, and the cursor is always at the start of a character
// of strs (it only moves past plain bodies), so bytes equal to body there that also end at
// the start of a character are body's valid UTF-8, with no escapes.
func (d *doc) next(body []byte) (string, bool) {
	c, n, s := int(d.scur), len(body), d.strs
	if n == 0 || c+n > len(s) || s[c:c+n] != string(body) || c+n < len(s) && s[c+n]&0xC0 == 0x80 {
		return "", false
	}
	d.scur = int32(c + n)
	return s[c : c+n], true
}

// skipStr moves the cursor past body when body is the next string value in strs: a decoder that
// reads a string value without making a string of it (a date-time) calls it, so that the next
// lookup finds its string at the cursor.
func (d *doc) skipStr(body []byte) {
	if c, n := int(d.scur), len(body); c+n <= len(d.strs) && d.strs[c:c+n] == string(body) {
		d.scur = int32(c + n)
	}
}

// search returns the first index at or after from where body is in strs, or -1.
func (d *doc) search(from int, body []byte) int {
	s, n := d.strs, len(body)
	for from+n <= len(s) && d.sbudget > 0 {
		j := strings.IndexByte(s[from:len(s)-n+1], body[0])
		if j < 0 {
			d.sbudget -= int32(len(s) - from)
			return -1
		}
		d.sbudget -= int32(j + 1)
		from += j
		if s[from:from+n] == string(body) {
			return from
		}
		from++
	}
	return -1
}

// offset returns where part, a slice of the document's array, starts in data, or -1.
func (d *doc) offset(part []byte) int {
	c, dc := cap(part), cap(d.whole)
	if c == 0 || c > dc || &part[:c][c-1] != &d.whole[:dc][dc-1] {
		return -1
	}
	off := dc - c
	if off+len(part) > len(d.whole) {
		return -1
	}
	return off
}

// firstInside returns the tape index of the first container that starts after off.
func (d *doc) firstInside(off int) int {
	lo, hi := 0, len(d.tape)/2
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(d.tape[2*m]) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// tapeAt returns the offset of data, a part of the document, and the tape index of the first
// container in it; the offset is -1 when data is not a part of d (or d is nil or has no tape).
func (d *doc) tapeAt(data []byte) (off, c int) {
	if d == nil || len(d.tape) == 0 {
		return -1, 0
	}
	if off = d.offset(data); off < 0 {
		return -1, 0
	}
	return off, d.firstInside(off)
}

// contains reports whether data (trimmed) is a part of the checked document.
func (d *doc) contains(data []byte) bool {
	return d != nil && d.checked && d.offset(data) >= 0
}

// skip returns the end of the value at data[i], in a part of the document that starts at off:
// a container is looked up on the tape at index *c (and *c moves to the first container after
// it), other values are skimmed.
func (d *doc) skip(data []byte, i, off int, c *int) int {
	switch data[i] {
	case '{', '[':
		if t := 2 * *c; off >= 0 && t < len(d.tape) && int(d.tape[t]) == off+i {
			end := int(d.tape[t+1])
			*c = d.firstInside(end - 1)
			return end - off
		}
	case '"':
		return skimString(data, i)
	}
	return skimValue(data, i)
}

// members splits the object data, found well-formed before, into its members: it only looks
// for the ends of keys and values (strings by IndexByte), without checking them again. When
// data is a part of the document d, its containers are skipped by the tape instead of being
// read again. d may be nil. again reports that a key is given twice (see lastOnly): a
// 1024-bit filter of the key hashes finds the candidates, a comparison confirms them.
func (d *doc) members(data []byte, ms []member) (_ []member, again bool) {
	off, c := d.tapeAt(data)
	var filter [16]uint64
	i := skipSpace(data, 1)
	for i < len(data) && data[i] == '"' {
		end, key, h := skimKey(data, i)
		if w, b := (h>>6)&15, h&63; filter[w]&(1<<b) == 0 {
			filter[w] |= 1 << b
		} else if !again {
			for _, m := range ms {
				if m.key == key {
					again = true
					break
				}
			}
		}
		i = skipSpace(data, end)
		i = skipSpace(data, i+1) // past ':'
		vend := d.skip(data, i, off, &c)
		if len(ms) == cap(ms) {
			ms = grow(ms, vend, len(data))
		}
		ms = append(ms, member{key: key, raw: data[i:vend]})
		i = skipSpace(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return ms, again
}

// elems is members for an array.
func (d *doc) elems(data []byte, items []json.RawMessage) []json.RawMessage {
	off, c := d.tapeAt(data)
	i := skipSpace(data, 1)
	for i < len(data) && data[i] != ']' {
		end := d.skip(data, i, off, &c)
		if len(items) == cap(items) {
			items = grow(items, end, len(data))
		}
		items = append(items, data[i:end])
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return items
}

// skimKey returns the end, the decoded key and its hash (keyHash) of the well-formed key string
// at data[i], hashing the key eight bytes at a time while looking for its end.
func skimKey(data []byte, i int) (int, string, uint32) {
	h := uint64(keyHashSeed)
	j := i + 1
	for ; j+8 <= len(data); j += 8 {
		w := binary.LittleEndian.Uint64(data[j:])
		if m := hasZero(w^0x2222222222222222) | hasZero(w^0x5c5c5c5c5c5c5c5c) | w&0x8080808080808080; m != 0 {
			k := bits.TrailingZeros64(m) >> 3
			if data[j+k] != '"' {
				return skimKeySlow(data, i)
			}
			if k > 0 {
				h = (h ^ w&(1<<(8*k)-1)) * keyHashPrime
			}
			n := j + k - i - 1
			hh := keyHashEnd(h, n)
			return j + k + 1, cachedKey(data[i+1:j+k], hh), hh
		}
		h = (h ^ w) * keyHashPrime
	}
	// Near the end of data: the rest byte by byte.
	var w uint64
	for k := 0; j+k < len(data); k++ {
		switch c := data[j+k]; {
		case c == '"':
			if k > 0 {
				h = (h ^ w) * keyHashPrime
			}
			hh := keyHashEnd(h, j+k-i-1)
			return j + k + 1, cachedKey(data[i+1:j+k], hh), hh
		case c == '\\' || c >= utf8.RuneSelf:
			return skimKeySlow(data, i)
		default:
			w |= uint64(c) << (8 * k)
		}
	}
	return skimKeySlow(data, i)
}

// skimKeySlow is skimKey for a key with escapes or bytes beyond ASCII.
func skimKeySlow(data []byte, i int) (int, string, uint32) {
	end := skimString(data, i)
	k := keyString(data[i+1:end-1], false)
	return end, k, keyHash([]byte(k))
}

// grow returns s with room for the rest of a list that has reached cap(s) at byte done of
// total: a quarter more than the share of the bytes so far says, instead of doubling.
func grow[T any](s []T, done, total int) []T {
	n := len(s) + len(s)*(total-done)/max(done, 1)*5/4 + 4
	return append(make([]T, 0, n), s...)
}
