package runtime

import (
	"encoding/binary"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
)

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
