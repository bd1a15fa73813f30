package fetch

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/namigen/namigen/generator/jsondoc"
	"github.com/namigen/namigen/generator/load"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// parseJSON checks that data is one JSON value without duplicate keys (the loader refuses them)
// and decodes it for the compiler.
func parseJSON(u string, data []byte) (any, error) {
	if _, err := jsondoc.Scan(data); err != nil {
		var se *jsondoc.SyntaxError
		if errors.As(err, &se) {
			return nil, &Error{URL: u, Pointer: se.Pointer, Msg: fmt.Sprintf("invalid JSON at line %d, column %d: %s", se.Line, se.Column, se.Msg)}
		}
		return nil, &Error{URL: u, Msg: "invalid JSON: " + err.Error()}
	}
	v, err := jsonschema.UnmarshalJSON(bytesReader(data))
	if err != nil {
		return nil, &Error{URL: u, Msg: "invalid JSON: " + err.Error()}
	}
	return v, nil
}

func itemURL(u string, i int) string { return u + "?item=" + strconv.Itoa(i) }

// addResources gives the compiler the root document: an array of schemas is one resource per
// element, as the loader does.
func addResources(c *jsonschema.Compiler, d *document) error {
	arr, ok := d.value.([]any)
	if !ok {
		if err := c.AddResource(d.url, d.value); err != nil {
			return &Error{URL: d.url, Msg: err.Error()}
		}
		return nil
	}
	if err := c.AddResource(d.url, map[string]any{}); err != nil {
		return &Error{URL: d.url, Msg: err.Error()}
	}
	for i, el := range arr {
		if err := c.AddResource(itemURL(d.url, i), el); err != nil {
			return &Error{URL: d.url, Pointer: "/" + strconv.Itoa(i), Msg: err.Error()}
		}
	}
	return nil
}

// compileTargets lists the locations to compile so that every schema of a document is checked,
// whatever its bundle shape: the root (which covers $defs), each element of an array of schemas
// (root document only), and each value of an object mapping names to schemas. An object is a
// schema by load's rule (load.IsSchema), with documents without $schema in draft (a load
// draft name; "" is 2020-12).
func compileTargets(d *document, root bool, draft string) []string {
	switch v := d.value.(type) {
	case []any:
		if !root {
			return []string{d.url} // a $ref'd array is not a schema: the compiler says so
		}
		locs := make([]string, len(v))
		for i := range v {
			locs[i] = itemURL(d.url, i)
		}
		return locs
	case map[string]any:
		locs := []string{d.url}
		if load.IsSchema(v, draft) {
			// The definitions too: generation makes a type of each, so the documents their
			// $refs name belong to the snapshot even when the root does not use them.
			for _, dk := range []string{"$defs", "definitions"} {
				if defs, ok := v[dk].(map[string]any); ok {
					for _, name := range sortedKeys(defs) {
						frag := (&url.URL{Fragment: "/" + dk + "/" + jsondoc.Escape(name)}).EscapedFragment()
						locs = append(locs, d.url+"#"+frag)
					}
				}
			}
			return locs
		}
		for _, k := range sortedKeys(v) {
			locs = append(locs, d.url+"#/"+jsondoc.Escape(k))
		}
		return locs
	}
	return []string{d.url}
}

// compileError turns a compiler error into an *Error naming the document and the pointer.
func (f *fetcher) compileError(err error, d *document) error {
	var fe *Error
	var le *jsonschema.LoadURLError
	if errors.As(err, &fe) || (errors.As(err, &le) && errors.As(le.Err, &fe)) {
		// A referenced document could not be fetched or parsed.
		e := *fe
		if e.URL != d.url {
			e.Msg = fmt.Sprintf("%s (referenced from %s)", e.Msg, d.url)
		}
		return &e
	}
	var sve *jsonschema.SchemaValidationError
	if errors.As(err, &sve) {
		u, ptr := f.locate(sve.URL)
		var ve *jsonschema.ValidationError
		if errors.As(sve.Err, &ve) {
			leafPtr, leafMsg := jsondoc.MetaFailure(ve)
			return &Error{URL: u, Pointer: ptr + leafPtr, Msg: "not a valid schema (meta-schema check failed): " + leafMsg, Err: err}
		}
		return &Error{URL: u, Pointer: ptr, Msg: "not a valid schema: " + sve.Err.Error(), Err: err}
	}
	var nf *jsonschema.JSONPointerNotFoundError
	if errors.As(err, &nf) {
		return &Error{URL: d.url, Msg: fmt.Sprintf("unresolvable $ref: %s does not exist", nf.URL), Err: err}
	}
	var ae *jsonschema.AnchorNotFoundError
	if errors.As(err, &ae) {
		return &Error{URL: d.url, Msg: "unresolvable $ref: " + ae.Error(), Err: err}
	}
	if le != nil {
		return &Error{URL: d.url, Msg: fmt.Sprintf("cannot load %s: %s", le.URL, f.client.Redact(le.Err.Error())), Err: err}
	}
	return &Error{URL: d.url, Msg: "not a valid schema: " + f.client.Redact(err.Error()), Err: err}
}

// locate maps a compiler location (URL#pointer) to the document URL and pointer.
func (f *fetcher) locate(loc string) (string, string) {
	base, frag, _ := strings.Cut(loc, "#")
	if p, err := url.PathUnescape(frag); err == nil {
		frag = p
	}
	if b, item, ok := strings.Cut(base, "?item="); ok {
		if _, known := f.byURL[b]; known {
			return b, "/" + item + frag
		}
	}
	return base, frag
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
