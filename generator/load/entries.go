package load

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
)

// entries finds the entries of one root document according to its bundle shape.
func (l *loader) entries(d *Document) error {
	if d.items != nil {
		for i, ed := range d.items {
			name := baseName(d.Display) + strconv.Itoa(i)
			if m, ok := ed.Value.(map[string]any); ok {
				if t, ok := m["title"].(string); ok && t != "" {
					name = t
				}
			}
			l.add(name, ed, "")
		}
		return nil
	}
	m, ok := d.Value.(map[string]any)
	if !ok {
		if _, isBool := d.Value.(bool); isBool {
			l.add(baseName(d.Display), d, "")
			return nil
		}
		return &Error{File: d.Display, Msg: "the document is neither a schema, an object of schemas nor an array of schemas"}
	}
	if !l.rootReading(d, m) {
		// An object mapping names to schemas.
		for _, k := range d.Order[""] {
			switch m[k].(type) {
			case map[string]any, bool:
			default:
				return l.bundleMemberError(d, k)
			}
		}
		if l.splitMembers(d, m) {
			return nil
		}
		for _, k := range d.Order[""] {
			l.add(k, d, "/"+jsondoc.Escape(k))
		}
		return nil
	}
	defsKey := ""
	for _, k := range []string{"$defs", "definitions"} {
		if _, ok := m[k].(map[string]any); ok {
			defsKey = k
			for _, name := range d.Order["/"+k] {
				l.add(name, d, "/"+k+"/"+jsondoc.Escape(name))
			}
		}
	}
	// A root that only lists local $refs is the index of a bundle (the event list of a webhook
	// bundle) unless -root schema says it is one schema. It is a schema too, the union of what
	// it lists: IndexRoots keeps it for the model, which declares it when the bundle turns out
	// not to be one of events (events.Entries).
	index := ""
	if l.opts.Root != RootSchema {
		index = isIndex(m)
	}
	if index != "" {
		l.res.IndexRoots = append(l.res.IndexRoots, newEntry(baseName(d.Display), d, ""))
		for i := range m[index].([]any) {
			ref := m[index].([]any)[i].(map[string]any)["$ref"].(string)
			e := l.refEntry(d, ref)
			if e == nil {
				return &Error{File: d.Display, Pointer: "/" + index + "/" + strconv.Itoa(i), Msg: fmt.Sprintf("the bundle lists %q, which names no definition of this document", ref)}
			}
			l.res.Index = append(l.res.Index, e)
		}
		return nil
	}
	if hasOwnContent(m, defsKey) || defsKey == "" {
		name := baseName(d.Display)
		l.add(name, d, "")
	}
	return nil
}

// refEntry finds the entry a local "#/$defs/x" reference of an index names.
func (l *loader) refEntry(d *Document, ref string) *Entry {
	return l.byLocation[d.URL+ref]
}

// isIndex reports the keyword ("oneOf" or "anyOf") of a root that only lists local $refs.
func isIndex(m map[string]any) string {
	for _, k := range []string{"oneOf", "anyOf"} {
		arr, ok := m[k].([]any)
		if !ok || len(arr) == 0 {
			continue
		}
		all := true
		for _, b := range arr {
			bm, ok := b.(map[string]any)
			if !ok || len(bm) != 1 {
				all = false
				break
			}
			ref, ok := bm["$ref"].(string)
			if !ok || !strings.HasPrefix(ref, "#/") {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for key := range m {
			switch key {
			case "$schema", "$id", "$defs", "definitions", "title", "description", "$comment", k, "examples":
			default:
				return ""
			}
		}
		return k
	}
	return ""
}

// hasOwnContent reports whether a root with definitions also describes a value itself.
func hasOwnContent(m map[string]any, defsKey string) bool {
	for k := range m {
		switch k {
		case "$schema", "$id", "id", "title", "description", "$comment", "$defs", "definitions", "examples":
		default:
			return true
		}
	}
	return false
}

// newEntry is the entry of the schema at ptr in d.
func newEntry(name string, d *Document, ptr string) *Entry {
	// The pointer is a URL fragment in the location: "%" and other characters are escaped.
	frag := (&url.URL{Fragment: ptr}).EscapedFragment()
	return &Entry{Name: name, Doc: d, Pointer: ptr, Location: d.URL + "#" + frag}
}

func (l *loader) add(name string, d *Document, ptr string) {
	e := newEntry(name, d, ptr)
	l.res.Entries = append(l.res.Entries, e)
	if _, dup := l.byLocation[e.Location]; !dup {
		l.byLocation[e.Location] = e
	}
}

// baseName is a file's name without folders and without .json / .schema.json.
func baseName(display string) string {
	b := path.Base(filepath.ToSlash(display))
	if i := strings.IndexByte(b, '?'); i >= 0 {
		b = b[:i]
	}
	b = strings.TrimSuffix(b, ".json")
	b = strings.TrimSuffix(b, ".schema")
	return b
}
