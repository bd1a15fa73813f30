package runtime

import (
	"errors"
	"fmt"
)

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
	case validJSON(data):
		// A part of a value not checked as a whole: checked on its own, then split.
		ms, again = (*doc)(nil).members(data, ms)
	default:
		ok = false
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
