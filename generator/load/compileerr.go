package load

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileError turns a compiler error into an *Error naming the file and the pointer.
func (l *loader) compileError(err error, display string) error {
	var sve *jsonschema.SchemaValidationError
	if errors.As(err, &sve) {
		file := l.res.Display(strings.TrimSuffix(sve.URL, "#") + "#")
		var ve *jsonschema.ValidationError
		if errors.As(sve.Err, &ve) {
			ptr, leafMsg := jsondoc.MetaFailure(ve)
			if d, p, ok := l.res.Locate(strings.TrimSuffix(sve.URL, "#") + "#"); ok {
				file = d.Display
				ptr = p + ptr
			}
			msg := "not a valid schema (meta-schema check failed): " + leafMsg
			if strings.Contains(msg, "is not valid regex") {
				msg += l.patternHint()
			}
			return &Error{File: file, Pointer: ptr, Msg: msg, Err: err}
		}
		return &Error{File: file, Msg: "not a valid schema: " + sve.Err.Error(), Err: err}
	}
	var nf *jsonschema.JSONPointerNotFoundError
	if errors.As(err, &nf) {
		file, ptr := display, ""
		if d, p, ok := l.refSite(nf.URL); ok {
			file, ptr = d.Display, p
		}
		return &Error{File: file, Pointer: ptr, Msg: fmt.Sprintf("unresolvable $ref: %s does not exist", l.res.Display(nf.URL)), Err: err}
	}
	var le *jsonschema.LoadURLError
	if errors.As(err, &le) {
		file, ptr := display, ""
		if d, p, ok := l.remoteRefSite(le.URL); ok {
			file, ptr = d.Display, p
		}
		return &Error{File: file, Pointer: ptr, Msg: fmt.Sprintf("unresolvable $ref: cannot load %s: %s", le.URL, redact(errText(le.Err))), Err: err}
	}
	var ae *jsonschema.AnchorNotFoundError
	if errors.As(err, &ae) {
		// Named like a missing pointer: the $ref's file and pointer, then the anchor and the
		// document it is missing from.
		file, ptr := display, ""
		if d, p, ok := l.refSite(ae.Reference); ok {
			file, ptr = d.Display, p
		}
		anchor := ae.Reference
		if i := strings.IndexByte(anchor, '#'); i >= 0 {
			anchor = anchor[i+1:]
		}
		in := l.res.Display(strings.TrimSuffix(ae.URL, "#") + "#")
		return &Error{File: file, Pointer: ptr, Msg: fmt.Sprintf("unresolvable $ref: no anchor %q in %s", anchor, in), Err: err}
	}
	return &Error{File: display, Msg: redact(err.Error()), Err: err}
}

// refSite finds the "$ref" that names target, for the error message (first in document order
// of the walk; "" when none is found).
func (l *loader) refSite(target string) (*Document, string, bool) {
	for _, d := range l.res.Docs {
		base, err := url.Parse(d.URL)
		if err != nil {
			continue
		}
		var found string
		var walk func(ptr string, v any) bool
		walk = func(ptr string, v any) bool {
			switch v := v.(type) {
			case map[string]any:
				if ref, ok := v["$ref"].(string); ok {
					if u, err := base.Parse(ref); err == nil && (u.String() == target || strings.TrimSuffix(u.String(), "#") == strings.TrimSuffix(target, "#")) {
						found = ptr + "/$ref"
						return true
					}
				}
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					if walk(ptr+"/"+jsondoc.Escape(k), v[k]) {
						return true
					}
				}
			case []any:
				for i, c := range v {
					if walk(ptr+"/"+strconv.Itoa(i), c) {
						return true
					}
				}
			}
			return false
		}
		if walk("", d.Value) {
			return d, found, true
		}
	}
	return nil, "", false
}
