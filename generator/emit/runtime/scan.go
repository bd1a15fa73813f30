package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"unicode/utf8"
)

// The decoders below read JSON with a small hand-written scanner instead of encoding/json's
// reflection: the first scan of a value checks its syntax as json.Valid does (scanValue, and
// doc.scan, which also notes what the decoders of its parts need); the splits of objects and
// arrays after it only look for the ends of keys and values (skimString, skimValue). Numbers
// are parsed without an intermediate string. When the scanner finds the JSON malformed, the
// decoder falls back to encoding/json, so that the message (and the verdict) are those of
// encoding/json.

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
