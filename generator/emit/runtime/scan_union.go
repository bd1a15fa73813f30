package runtime

import "encoding/json"

// Union dispatch: the value of a union's dispatch property, read from an object or from its
// members, and the violations when no branch allows it (see generator/README.md, "Union
// dispatch").

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
