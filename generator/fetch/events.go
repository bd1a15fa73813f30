package fetch

import (
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docSet resolves references between the documents of a snapshot, by URL and by root $id.
type docSet map[string]any

func (s docSet) add(u string, v any) {
	s[u] = v
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["$id"].(string); ok {
			if b := resolve(u, id); b != "" {
				if _, taken := s[b]; !taken {
					s[b] = v
				}
			}
		}
	}
}

// base is the URL relative references of a root document resolve against.
func (s docSet) base(u string) string {
	if m, ok := s[u].(map[string]any); ok {
		if id, ok := m["$id"].(string); ok {
			if b := resolve(u, id); b != "" {
				return b
			}
		}
	}
	return u
}

// resolve joins ref to base and drops the fragment ("" when either is not a URL).
func resolve(base, ref string) string {
	bu, err := url.Parse(base)
	if err != nil {
		return ""
	}
	ru, err := bu.Parse(ref)
	if err != nil {
		return ""
	}
	ru.Fragment, ru.RawFragment = "", ""
	return ru.String()
}

// deref returns the schema a $ref names, with the base of its document, or nil.
func (s docSet) deref(base, ref string) (map[string]any, string) {
	bu, err := url.Parse(base)
	if err != nil {
		return nil, ""
	}
	ru, err := bu.Parse(ref)
	if err != nil {
		return nil, ""
	}
	frag := ru.Fragment
	ru.Fragment, ru.RawFragment = "", ""
	v, ok := s[ru.String()]
	if !ok {
		return nil, ""
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, "" // anchors are not followed
	}
	if frag != "" {
		for _, tok := range strings.Split(frag[1:], "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch c := v.(type) {
			case map[string]any:
				v = c[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(c) {
					return nil, ""
				}
				v = c[i]
			default:
				return nil, ""
			}
		}
	}
	m, _ := v.(map[string]any)
	return m, ru.String()
}

// eventTypes lists, sorted, the event types the root documents declare: the const of the key
// property of each alternative of a root's oneOf/anyOf; failing that, of each $defs (or
// definitions) entry; failing that, of each schema of an array or of an object of schemas.
func eventTypes(s docSet, roots []string, key string) []string {
	found := map[string]bool{}
	for _, r := range roots {
		for _, t := range rootEventTypes(s, r, key) {
			found[t] = true
		}
	}
	return slices.Sorted(maps.Keys(found))
}

func rootEventTypes(s docSet, root, key string) []string {
	base := s.base(root)
	var out []string
	collect := func(m map[string]any, b string) {
		if t, ok := eventConst(s, m, b, key, 0); ok {
			out = append(out, t)
		}
	}
	switch v := s[root].(type) {
	case []any:
		for _, el := range v {
			if m, ok := el.(map[string]any); ok {
				collect(m, base)
			}
		}
		return out
	case map[string]any:
		for _, kw := range []string{"oneOf", "anyOf"} {
			branches, _ := v[kw].([]any)
			for _, br := range branches {
				m, ok := br.(map[string]any)
				if !ok {
					continue
				}
				if ref, ok := m["$ref"].(string); ok {
					if t, b := s.deref(base, ref); t != nil {
						collect(t, b)
					}
					continue
				}
				collect(m, base)
			}
		}
		if len(out) > 0 {
			return out
		}
		for _, kw := range []string{"$defs", "definitions"} {
			defs, _ := v[kw].(map[string]any)
			for _, k := range sortedKeys(defs) {
				if m, ok := defs[k].(map[string]any); ok {
					collect(m, base)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
		for k := range v {
			if schemaKeywords[k] {
				collect(v, base)
				return out
			}
		}
		for _, k := range sortedKeys(v) {
			if m, ok := v[k].(map[string]any); ok {
				collect(m, base)
			}
		}
	}
	return out
}

// eventConst finds the const of the key property of a schema, looking into allOf (and its
// $refs) too.
func eventConst(s docSet, m map[string]any, base, key string, depth int) (string, bool) {
	if depth > 8 {
		return "", false
	}
	if props, ok := m["properties"].(map[string]any); ok {
		if p, ok := props[key].(map[string]any); ok {
			if c, ok := p["const"].(string); ok {
				return c, true
			}
		}
	}
	all, _ := m["allOf"].([]any)
	for _, br := range all {
		bm, ok := br.(map[string]any)
		if !ok {
			continue
		}
		b := base
		if ref, ok := bm["$ref"].(string); ok {
			if bm, b = s.deref(base, ref); bm == nil {
				continue
			}
		}
		if c, ok := eventConst(s, bm, b, key, depth+1); ok {
			return c, true
		}
	}
	return "", false
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// eventTypeChanges compares the event types of the fetched documents with the old snapshot's.
func (f *fetcher) eventTypeChanges() (added, removed []string) {
	now := docSet{}
	for _, d := range f.docs {
		now.add(d.url, d.value)
	}
	newTypes := eventTypes(now, []string{f.opts.URL}, f.opts.EventKey)

	before := docSet{}
	var roots []string
	if l := f.old.lock; l != nil {
		for _, ld := range l.Documents {
			if v := decode(f.old.files[ld.File]); v != nil {
				before.add(ld.URL, v)
			}
		}
		roots = []string{l.URL}
	} else {
		// No lock file: every top-level .json file is a root, under its file URL.
		abs, _ := filepath.Abs(f.old.dir)
		for _, name := range slices.Sorted(maps.Keys(f.old.files)) {
			if !strings.HasSuffix(name, ".json") || name == LockFile {
				continue
			}
			if v := decode(f.old.files[name]); v != nil {
				u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, name))}).String()
				before.add(u, v)
				roots = append(roots, u)
			}
		}
	}
	oldTypes := eventTypes(before, roots, f.opts.EventKey)

	added, removed = []string{}, []string{}
	for _, t := range newTypes {
		if !slices.Contains(oldTypes, t) {
			added = append(added, t)
		}
	}
	for _, t := range oldTypes {
		if !slices.Contains(newTypes, t) {
			removed = append(removed, t)
		}
	}
	return added, removed
}

func decode(data []byte) any {
	if data == nil {
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytesReader(data))
	if err != nil {
		return nil
	}
	return v
}
