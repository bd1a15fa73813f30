package load

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
	"github.com/namigen/namigen/generator/keyword"
)

// Root says how the top level of an input document is read.
type Root string

const (
	// RootAuto reads a document as one schema when its top level uses a keyword of its draft
	// (or is empty), and as an object mapping names to schemas otherwise.
	RootAuto Root = "auto"
	// RootSchema reads every input document as one schema.
	RootSchema Root = "schema"
	// RootBundle reads every input document that is an object as a map of names to schemas
	// (each member is a schema, even when its name is also a keyword).
	RootBundle Root = "bundle"
)

// ParseRoot checks a -root value ("" is auto).
func ParseRoot(s string) (Root, error) {
	switch Root(s) {
	case "", RootAuto:
		return RootAuto, nil
	case RootSchema, RootBundle:
		return Root(s), nil
	}
	return "", fmt.Errorf("unknown root reading %q (want schema, bundle or auto)", s)
}

// draftOf names the draft a top-level object is written in: its $schema, else the default.
func draftOf(m map[string]any, def string) string {
	if s, ok := m["$schema"].(string); ok {
		switch {
		case strings.Contains(s, "draft-04"):
			return "4"
		case strings.Contains(s, "draft-06"):
			return "6"
		case strings.Contains(s, "draft-07"):
			return "7"
		case strings.Contains(s, "2019-09"):
			return "2019-09"
		case strings.Contains(s, "2020-12"):
			return "2020-12"
		}
	}
	return def
}

// draftKeywords reports whether a name is a keyword of a draft: one its meta-schemas describe
// (every vocabulary, the deprecated "definitions" and "dependencies" that the 2019-09 and
// 2020-12 meta-schemas still describe included; generator/keyword). An unknown draft is
// 2020-12. A document whose top level uses one of them is a schema.
func draftKeywords(draft string) func(string) bool {
	d := keyword.ParseDraft(draft)
	if d == 0 {
		d = keyword.Draft2020
	}
	return func(name string) bool { return keyword.Vocabulary(d, name) }
}

// IsSchema is the rule of -root auto (and of fetch): a top-level object is one schema when it
// is empty or uses a keyword of its draft (its $schema, else defaultDraft: "4" ... "2020-12";
// "" is 2020-12), and an object mapping names to schemas otherwise.
func IsSchema(m map[string]any, defaultDraft string) bool {
	if len(m) == 0 {
		return true
	}
	kw := draftKeywords(draftOf(m, defaultDraft))
	for k := range m {
		if kw(k) {
			return true
		}
	}
	return false
}

// rootReading decides whether the top-level object m of document d is one schema (true) or
// an object mapping names to schemas (false), and records why, for messages.
func (l *loader) rootReading(d *Document, m map[string]any) bool {
	switch l.opts.Root {
	case RootSchema:
		return true
	case RootBundle:
		l.why[d] = "-root bundle"
		return false
	}
	if IsSchema(m, l.opts.DefaultDraft) {
		return true // the empty schema, or one that uses a keyword of its draft
	}
	draft := draftOf(m, l.opts.DefaultDraft)
	l.why[d] = fmt.Sprintf("read as a bundle of named schemas, since its top level uses no keyword of draft %s", draft)
	l.res.Notes = append(l.res.Notes, fmt.Sprintf("%s: %s; -root schema reads it as one schema", d.Display, l.why[d]))
	return false
}

// bundleMemberError is the error for a member of a bundle that is not a schema: it says how
// the document was read and how to read it the other way.
func (l *loader) bundleMemberError(d *Document, key string) error {
	msg := "a bundle maps names to schemas, but this value is not a schema (object or boolean)"
	if why := l.why[d]; why == "-root bundle" {
		msg += "; the document is read as a bundle because of -root bundle: -root schema or -root auto reads it as one schema"
	} else if why != "" {
		msg += "; the document was " + why + ": -root schema reads it as one schema"
	}
	return &Error{File: d.Display, Pointer: "/" + jsondoc.Escape(key), Msg: msg}
}

// splitMembers prepares a document read as a bundle whose member names include keywords of its
// draft ({"type": {...}, "items": {...}} under -root bundle): the compiler would check the
// whole document against the meta-schema and reject it. Each member then becomes a document of
// its own, compiled under URL?member=NAME (named NAME#/pointer in messages), and references
// between members ("#/items/properties/x") are made to point at the member documents. It
// reports whether it split the document; the entries are added by the caller otherwise.
func (l *loader) splitMembers(d *Document, m map[string]any) bool {
	kw := draftKeywords(draftOf(m, l.opts.DefaultDraft))
	clash := false
	for k := range m {
		if kw(k) {
			clash = true
			break
		}
	}
	if !clash {
		return false
	}
	memberURL := func(k string) string { return d.URL + "?member=" + url.QueryEscape(k) }
	d.Value = map[string]any{}
	for _, k := range d.Order[""] {
		ptr := "/" + jsondoc.Escape(k)
		u := memberURL(k)
		v := rewriteMemberRefs(m[k], m, memberURL)
		md := &Document{URL: u, Display: d.Display + "#" + ptr, Value: v, Order: subOrder(d.Order, ptr)}
		l.res.Docs = append(l.res.Docs, md)
		l.byURL[u] = md
		l.indexIDs(md, u, "", v, isDraft4(v, l.opts.DefaultDraft))
		l.add(k, md, "")
	}
	return true
}

// rewriteMemberRefs copies v, replacing document-local references to another member of the
// bundle m ("#/NAME/rest") by references to that member's own document. References below an
// $id are relative to that $id and are left alone.
func rewriteMemberRefs(v any, m map[string]any, memberURL func(string) string) any {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["$id"].(string); ok {
			return v
		}
		if _, ok := v["id"].(string); ok {
			return v
		}
		out := make(map[string]any, len(v))
		for k, c := range v {
			switch k {
			case "enum", "const", "examples", "default":
				out[k] = c
				continue
			case "$ref", "$dynamicRef", "$recursiveRef":
				if r, ok := c.(string); ok && strings.HasPrefix(r, "#/") {
					tok, rest, _ := strings.Cut(r[2:], "/")
					name := tok
					if un, err := url.PathUnescape(tok); err == nil {
						name = un
					}
					name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
					if _, member := m[name]; member {
						if rest != "" {
							rest = "/" + rest
						}
						out[k] = memberURL(name) + "#" + rest
						continue
					}
				}
			}
			out[k] = rewriteMemberRefs(c, m, memberURL)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, c := range v {
			out[i] = rewriteMemberRefs(c, m, memberURL)
		}
		return out
	}
	return v
}
