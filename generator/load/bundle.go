package load

import (
	"net/url"
	"strings"
)

// splitBundle prepares a bundle (a root with $defs or definitions) for a compilation in linear
// time. The compiler compiles everything reachable from a schema resource in one work queue that
// it searches linearly, so a root that reaches all its definitions (an index of 10,000 events)
// costs quadratic time. The compiler is therefore given the document without the root's own
// keywords (stripped: $schema, $id and the definitions only), so that each definition compiles
// on its own, and, when the root has content of its own, that content as a separate resource
// (own, compiled under URL?root, which Result.Locate maps back to the document's root) whose
// local references to definitions are made absolute.
//
// ok is false, and the document is compiled as it is, when the split could change a reference's
// meaning: a reference to the root or to anything else than a definition ("#", "#/properties/x",
// "#anchor"), dynamic references, or an embedded $id in the root's own content.
func splitBundle(v any, docURL string) (stripped, own map[string]any, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, nil, false
	}
	defsKey := bundleDefsKey(m)
	if defsKey == "" {
		return nil, nil, false
	}
	stripped, rest, ownKeys, safe := separateRoot(m, defsKey)
	if !safe || !ownKeys {
		return nil, nil, false
	}
	// The root's own content moves to another URL, so its references are made absolute against
	// the base they had: the root's $id, or the document's URL.
	base, err := url.Parse(docURL)
	if err != nil {
		return nil, nil, false
	}
	base = rootBase(m, base)
	// A reference from the root's own content to an $id declared inside the definitions only
	// resolves within one compiled document: keep such a bundle whole.
	if ids := definitionIDs(m[defsKey], base); len(ids) > 0 && refersTo(rest, base, ids) {
		return nil, nil, false
	}
	rw := refRewriter{base: base, docURL: docURL}
	return stripped, rw.rewrite(rest, false).(map[string]any), true
}

// bundleDefsKey names the definitions member of a root ("$defs" or "definitions"), "" when it
// has none or both.
func bundleDefsKey(m map[string]any) string {
	defsKey := ""
	for _, k := range []string{"$defs", "definitions"} {
		if _, has := m[k].(map[string]any); has {
			if defsKey != "" {
				return ""
			}
			defsKey = k
		}
	}
	return defsKey
}

// separateRoot divides a bundle's root into what stays in the document (stripped) and the
// root's own keywords without $id and the definitions (rest); ownKeys says whether the root has
// content of its own, safe whether the split keeps every reference's meaning.
func separateRoot(m map[string]any, defsKey string) (stripped, rest map[string]any, ownKeys, safe bool) {
	stripped = map[string]any{}
	rest = map[string]any{}
	sc := splitCheck{safe: true}
	for k, c := range m {
		switch k {
		case "$schema", "$id", "id", "$vocabulary", "$comment", "title", "description":
			stripped[k] = c
		case defsKey:
			stripped[k] = c
			sc.check(c, true, true)
		default:
			ownKeys = true
		}
		switch k {
		case "$id", "id", defsKey:
		default:
			rest[k] = c
		}
	}
	sc.check(rest, false, false)
	return stripped, rest, ownKeys, sc.safe
}

// splitCheck looks for what a split would change the meaning of: dynamic references, local
// references to anything but a definition, and an $id outside the definitions.
type splitCheck struct{ safe bool }

// check walks v; inDefs says whether v is inside the definitions, names whether v is an
// object of names to schemas.
func (sc *splitCheck) check(v any, inDefs, names bool) {
	if !sc.safe {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		if names {
			for _, c := range v {
				sc.check(c, inDefs, false)
			}
			return
		}
		for k, c := range v {
			switch k {
			case "enum", "const", "examples", "default":
				continue
			case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
				sc.check(c, inDefs, true)
				continue
			case "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor":
				sc.safe = false
				return
			case "$ref":
				if r, isStr := c.(string); isStr && strings.HasPrefix(r, "#") && !strings.HasPrefix(r, "#/$defs/") && !strings.HasPrefix(r, "#/definitions/") {
					sc.safe = false
					return
				}
			case "$id", "id":
				if _, isStr := c.(string); isStr && !inDefs {
					sc.safe = false
					return
				}
			}
			sc.check(c, inDefs, false)
		}
	case []any:
		for _, c := range v {
			sc.check(c, inDefs, false)
		}
	}
}

// rootBase is the base URI of a root: its $id (or draft 4 id) against the document's URL.
func rootBase(m map[string]any, base *url.URL) *url.URL {
	if id, isStr := m["$id"].(string); isStr {
		if b, err := base.Parse(id); err == nil {
			b.Fragment = ""
			base = b
		}
	} else if id, isStr := m["id"].(string); isStr {
		if b, err := base.Parse(id); err == nil {
			b.Fragment = ""
			base = b
		}
	}
	return base
}

// definitionIDs lists the absolute $ids (without fragment) declared inside the definitions.
func definitionIDs(defs any, base *url.URL) map[string]bool {
	ids := map[string]bool{}
	var collect func(v any, base *url.URL)
	collect = func(v any, base *url.URL) {
		switch v := v.(type) {
		case map[string]any:
			for _, key := range []string{"$id", "id"} {
				if id, isStr := v[key].(string); isStr {
					if u, err := base.Parse(id); err == nil {
						u.Fragment, u.RawFragment = "", ""
						ids[u.String()] = true
						base = u
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				collect(c, base)
			}
		case []any:
			for _, c := range v {
				collect(c, base)
			}
		}
	}
	collect(defs, base)
	return ids
}

// refersTo reports whether a $ref in v names one of ids.
func refersTo(v any, base *url.URL, ids map[string]bool) bool {
	return eachRef(v, base, func(u *url.URL) bool {
		u.Fragment, u.RawFragment = "", ""
		return ids[u.String()]
	})
}

// eachRef calls fn with every $ref in the schema v, resolved against base (and the $ids on the
// way), skipping the keywords whose values are data (enum, const, examples, default), until fn
// returns true; it reports whether fn did.
func eachRef(v any, base *url.URL, fn func(ref *url.URL) bool) bool {
	switch v := v.(type) {
	case map[string]any:
		if id, ok := v["$id"].(string); ok {
			if b, err := base.Parse(id); err == nil {
				base = b
			}
		}
		if r, isStr := v["$ref"].(string); isStr {
			if u, err := base.Parse(r); err == nil && fn(u) {
				return true
			}
		}
		for k, c := range v {
			switch k {
			case "enum", "const", "examples", "default":
				continue
			}
			if eachRef(c, base, fn) {
				return true
			}
		}
	case []any:
		for _, c := range v {
			if eachRef(c, base, fn) {
				return true
			}
		}
	}
	return false
}

// refRewriter makes the references of the root's own content absolute against base; a
// reference to the document itself names it by docURL.
type refRewriter struct {
	base   *url.URL
	docURL string
}

// rewrite copies v with its references rewritten; names says whether v is an object of names
// to schemas.
func (rw refRewriter) rewrite(v any, names bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		if names {
			for k, c := range v {
				out[k] = rw.rewrite(c, false)
			}
			return out
		}
		for k, c := range v {
			switch k {
			case "enum", "const", "examples", "default":
				out[k] = c
				continue
			case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
				out[k] = rw.rewrite(c, true)
				continue
			case "$ref":
				if r, isStr := c.(string); isStr {
					if ref, ok := rw.ref(r); ok {
						out[k] = ref
						continue
					}
				}
			}
			out[k] = rw.rewrite(c, false)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, c := range v {
			out[i] = rw.rewrite(c, false)
		}
		return out
	}
	return v
}

// ref is the absolute form of one reference; ok is false when it does not parse.
func (rw refRewriter) ref(r string) (string, bool) {
	u, err := rw.base.Parse(r)
	if err != nil {
		return "", false
	}
	frag := u.EscapedFragment()
	whole := u.String()
	u.Fragment, u.RawFragment = "", ""
	if u.String() == rw.base.String() {
		// The document itself: name it by the URL it was given under, which the compiler knows
		// before it has read the document's $id.
		return rw.docURL + "#" + frag, true
	}
	return whole, true
}

// rootTargets lists the URLs of the input documents whose root content another input document
// refers to ({"$ref": "money.json"}, "money.json#/properties/amount", an anchor): such a
// document is compiled whole, since splitting it (splitBundle) would leave only its
// definitions at its URL. With one input there is nothing to find.
func rootTargets(roots []*Document) map[string]bool {
	if len(roots) < 2 {
		return nil
	}
	out := map[string]bool{}
	for _, d := range roots {
		base, err := url.Parse(d.URL)
		if err != nil {
			continue
		}
		eachRef(d.Value, base, func(u *url.URL) bool {
			frag := u.Fragment
			u.Fragment, u.RawFragment = "", ""
			if t := u.String(); t != d.URL && !strings.HasPrefix(frag, "/$defs/") && !strings.HasPrefix(frag, "/definitions/") {
				out[t] = true
			}
			return false // every reference counts
		})
	}
	return out
}
