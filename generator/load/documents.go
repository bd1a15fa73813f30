package load

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
)

// addDoc parses data and registers it, with the resources ($id) it declares.
func (l *loader) addDoc(u, display string, data []byte) (*Document, error) {
	if len(l.res.Docs) >= l.opts.MaxDocuments {
		return nil, &Error{File: display, Msg: fmt.Sprintf("more than %d documents; raise the limit or split the input", l.opts.MaxDocuments)}
	}
	// One pass gives the value, the key order and the position of a syntax error; the bytes
	// are not kept.
	v, order, err := jsondoc.Decode(data)
	if err != nil {
		var se *jsondoc.SyntaxError
		if errors.As(err, &se) {
			return nil, &Error{File: display, Pointer: se.Pointer, Msg: fmt.Sprintf("line %d, column %d: malformed JSON: %s", se.Line, se.Column, se.Msg), Err: err}
		}
		return nil, &Error{File: display, Msg: err.Error(), Err: err}
	}
	d := &Document{URL: u, Display: display, Value: v, Order: order}
	if arr, ok := v.([]any); ok {
		// An array of schemas: each element is a standalone schema document of its own.
		d.Value = map[string]any{}
		l.res.Docs = append(l.res.Docs, d)
		l.byURL[u] = d
		for i, el := range arr {
			eu := itemURL(u, i)
			ed := &Document{URL: eu, Display: display + "#/" + strconv.Itoa(i), Value: el, Order: subOrder(order, "/"+strconv.Itoa(i))}
			d.items = append(d.items, ed)
			l.res.Docs = append(l.res.Docs, ed)
			l.byURL[eu] = ed
			l.indexIDs(ed, eu, "", el, false)
		}
		return d, nil
	}
	l.res.Docs = append(l.res.Docs, d)
	l.byURL[u] = d
	l.indexIDs(d, u, "", v, isDraft4(v, l.opts.DefaultDraft))
	return d, nil
}

func subOrder(order map[string][]string, prefix string) map[string][]string {
	out := map[string][]string{}
	for p, keys := range order {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			out[strings.TrimPrefix(p, prefix)] = keys
		}
	}
	return out
}

func isDraft4(v any, def string) bool {
	if m, ok := v.(map[string]any); ok {
		if s, ok := m["$schema"].(string); ok {
			return strings.Contains(s, "draft-04")
		}
	}
	return def == "4"
}

// indexIDs records where every schema resource ($id) of a document lives, so that a compiled
// schema's location can be traced back to the document and pointer it came from.
func (l *loader) indexIDs(d *Document, base, ptr string, v any, draft4 bool) {
	l.res.resources[strings.TrimSuffix(base, "#")] = resource{doc: d, ptr: ptr}
	var walk func(base, ptr string, v any)
	walk = func(base, ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			key := "$id"
			if draft4 {
				key = "id"
			}
			if id, ok := v[key].(string); ok && ptr != "" {
				if bu, err := url.Parse(base); err == nil {
					if ru, err := bu.Parse(id); err == nil {
						ru.Fragment = ""
						base = ru.String()
						if _, seen := l.res.resources[base]; !seen {
							l.res.resources[base] = resource{doc: d, ptr: ptr}
						}
					}
				}
			} else if ok && ptr == "" {
				if bu, err := url.Parse(base); err == nil {
					if ru, err := bu.Parse(id); err == nil {
						ru.Fragment = ""
						base = ru.String()
						l.res.resources[base] = resource{doc: d, ptr: ""}
					}
				}
			}
			for k, c := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue
				}
				walk(base, ptr+"/"+jsondoc.Escape(k), c)
			}
		case []any:
			for i, c := range v {
				walk(base, ptr+"/"+strconv.Itoa(i), c)
			}
		}
	}
	walk(base, ptr, v)
}
