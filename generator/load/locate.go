package load

import (
	"net/url"
	"strconv"
	"strings"
)

// Locate maps a compiled schema location (URL#pointer) to its document and pointer there.
func (r *Result) Locate(loc string) (*Document, string, bool) {
	base, frag, _ := strings.Cut(loc, "#")
	res, ok := r.resources[base]
	if !ok {
		return nil, "", false
	}
	if strings.IndexByte(frag, '%') >= 0 {
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f
		}
	}
	return res.doc, res.ptr + frag, true
}

// Display names a location for messages: the document's display name and the pointer in it.
func (r *Result) Display(loc string) string {
	if d, p, ok := r.Locate(loc); ok {
		if p == "" {
			return d.Display
		}
		if strings.Contains(d.Display, "#") {
			return d.Display + p // a member of a split bundle is named "x.json#/member" already
		}
		return d.Display + "#" + p
	}
	return loc
}

// Raw returns the raw JSON value at a location, or nil.
func (r *Result) Raw(loc string) map[string]any {
	d, p, ok := r.Locate(loc)
	if !ok {
		return nil
	}
	v := d.Value
	if p != "" {
		// The tokens are read in place: the model asks for the raw value of every schema.
		for rest, more := p[1:], true; more; {
			var tok string
			tok, rest, more = strings.Cut(rest, "/")
			if strings.IndexByte(tok, '~') >= 0 {
				tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			}
			switch c := v.(type) {
			case map[string]any:
				v = c[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(c) {
					return nil
				}
				v = c[i]
			default:
				return nil
			}
		}
	}
	m, _ := v.(map[string]any)
	return m
}

// KeyOrder returns the keys of the object at loc in document order (nil when unknown).
func (r *Result) KeyOrder(loc string) []string {
	d, p, ok := r.Locate(loc)
	if !ok {
		return nil
	}
	return d.Order[p]
}
