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
	defsKey := ""
	for _, k := range []string{"$defs", "definitions"} {
		if _, has := m[k].(map[string]any); has {
			if defsKey != "" {
				return nil, nil, false
			}
			defsKey = k
		}
	}
	if defsKey == "" {
		return nil, nil, false
	}
	safe := true
	var check func(v any, inDefs, names bool)
	check = func(v any, inDefs, names bool) {
		if !safe {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			if names {
				for _, c := range v {
					check(c, inDefs, false)
				}
				return
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
					check(c, inDefs, true)
					continue
				case "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor":
					safe = false
					return
				case "$ref":
					if r, isStr := c.(string); isStr && strings.HasPrefix(r, "#") && !strings.HasPrefix(r, "#/$defs/") && !strings.HasPrefix(r, "#/definitions/") {
						safe = false
						return
					}
				case "$id", "id":
					if _, isStr := c.(string); isStr && !inDefs {
						safe = false
						return
					}
				}
				check(c, inDefs, false)
			}
		case []any:
			for _, c := range v {
				check(c, inDefs, false)
			}
		}
	}
	stripped = map[string]any{}
	rest := map[string]any{} // the root's keywords without $id and the definitions
	ownKeys := false
	for k, c := range m {
		switch k {
		case "$schema", "$id", "id", "$vocabulary", "$comment", "title", "description":
			stripped[k] = c
		case defsKey:
			stripped[k] = c
			check(c, true, true)
		default:
			ownKeys = true
		}
		switch k {
		case "$id", "id", defsKey:
		default:
			rest[k] = c
		}
	}
	check(rest, false, false)
	if !safe || !ownKeys {
		return nil, nil, false
	}
	// The root's own content moves to another URL, so its references are made absolute against
	// the base they had: the root's $id, or the document's URL.
	base, err := url.Parse(docURL)
	if err != nil {
		return nil, nil, false
	}
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
	// A reference from the root's own content to an $id declared inside the definitions only
	// resolves within one compiled document: keep such a bundle whole.
	ids := map[string]bool{}
	var collectIDs func(v any, base *url.URL)
	collectIDs = func(v any, base *url.URL) {
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
				collectIDs(c, base)
			}
		case []any:
			for _, c := range v {
				collectIDs(c, base)
			}
		}
	}
	collectIDs(m[defsKey], base)
	refersToID := false
	var findRefs func(v any)
	findRefs = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, isStr := v["$ref"].(string); isStr {
				if u, err := base.Parse(r); err == nil {
					u.Fragment, u.RawFragment = "", ""
					if ids[u.String()] {
						refersToID = true
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				findRefs(c)
			}
		case []any:
			for _, c := range v {
				findRefs(c)
			}
		}
	}
	if len(ids) > 0 {
		findRefs(rest)
		if refersToID {
			return nil, nil, false
		}
	}
	var rewrite func(v any, names bool) any
	rewrite = func(v any, names bool) any {
		switch v := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(v))
			if names {
				for k, c := range v {
					out[k] = rewrite(c, false)
				}
				return out
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					out[k] = c
					continue
				case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
					out[k] = rewrite(c, true)
					continue
				case "$ref":
					if r, isStr := c.(string); isStr {
						if u, err := base.Parse(r); err == nil {
							frag := u.EscapedFragment()
							whole := u.String()
							u.Fragment, u.RawFragment = "", ""
							if u.String() == base.String() {
								// The document itself: name it by the URL it was given under, which
								// the compiler knows before it has read the document's $id.
								out[k] = docURL + "#" + frag
							} else {
								out[k] = whole
							}
							continue
						}
					}
				}
				out[k] = rewrite(c, false)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, c := range v {
				out[i] = rewrite(c, false)
			}
			return out
		}
		return v
	}
	return stripped, rewrite(rest, false).(map[string]any), true
}
