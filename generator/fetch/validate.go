package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// parseJSON checks that data is one JSON value without duplicate keys (the loader refuses them)
// and decodes it for the compiler.
func parseJSON(u string, data []byte) (any, error) {
	if err := checkSyntax(data); err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return nil, &Error{URL: u, Pointer: se.pointer, Msg: fmt.Sprintf("invalid JSON at line %d, column %d: %s", se.line, se.col, se.msg)}
		}
		return nil, &Error{URL: u, Msg: "invalid JSON: " + err.Error()}
	}
	v, err := jsonschema.UnmarshalJSON(bytesReader(data))
	if err != nil {
		return nil, &Error{URL: u, Msg: "invalid JSON: " + err.Error()}
	}
	return v, nil
}

type syntaxError struct {
	line, col int
	pointer   string
	msg       string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

// checkSyntax walks the tokens of data, tracking the JSON Pointer of the current value.
func checkSyntax(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		ptr    string
		object bool
		index  int
		key    string
		hasKey bool
		seen   map[string]bool
	}
	var stack []*frame
	current := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if top.object {
			if top.hasKey {
				return top.ptr + "/" + escape(top.key)
			}
			return top.ptr
		}
		return top.ptr + "/" + strconv.Itoa(top.index)
	}
	fail := func(err error) error {
		off := int(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		msg := err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			msg = "unexpected end of input"
			off = len(data)
		}
		line, col := position(data, off)
		return &syntaxError{line: line, col: col, pointer: current(), msg: msg}
	}
	next := func() { // the parent moves past a finished value
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		if top.object {
			top.key, top.hasKey = "", false
		} else {
			top.index++
		}
	}
	done := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !done {
				return fail(io.ErrUnexpectedEOF)
			}
			return nil
		}
		if err != nil {
			return fail(err)
		}
		if done {
			return fail(errors.New("unexpected data after the top-level value"))
		}
		if n := len(stack); n > 0 && stack[n-1].object && !stack[n-1].hasKey {
			top := stack[n-1]
			if k, ok := tok.(string); ok {
				top.key, top.hasKey = k, true
				if top.seen[k] {
					return fail(fmt.Errorf("duplicate key %q", k))
				}
				top.seen[k] = true
				continue
			}
			// '}' (the decoder reports any other token as a syntax error)
			stack = stack[:n-1]
			next()
			done = len(stack) == 0
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{ptr: current(), object: true, seen: map[string]bool{}})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{ptr: current()})
			continue
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		next()
		done = len(stack) == 0
	}
}

func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// escape encodes one JSON Pointer reference token (RFC 6901).
func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// itemURL is how an element of an array of schemas is known to the compiler (as in the loader).
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

// schemaKeywords are the keywords whose presence at a document's top level makes it a schema
// rather than an object mapping names to schemas (the loader's rule).
var schemaKeywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$defs": true, "definitions": true,
	"type": true, "properties": true, "items": true, "oneOf": true, "anyOf": true, "allOf": true,
	"enum": true, "const": true, "title": true, "description": true, "additionalProperties": true,
	"required": true, "not": true, "if": true, "patternProperties": true, "prefixItems": true,
	"$anchor": true, "$dynamicAnchor": true, "format": true, "minimum": true, "maximum": true,
	"pattern": true, "minLength": true, "maxLength": true, "$comment": true, "default": true,
	"examples": true, "contains": true, "dependentSchemas": true, "dependentRequired": true,
	"unevaluatedProperties": true, "unevaluatedItems": true, "propertyNames": true,
}

// compileTargets lists the locations to compile so that every schema of a document is checked,
// whatever its bundle shape: the root (which covers $defs), each element of an array of schemas
// (root document only), and each value of an object mapping names to schemas.
func compileTargets(d *document, root bool) []string {
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
		for k := range v {
			if schemaKeywords[k] {
				return locs
			}
		}
		for _, k := range sortedKeys(v) {
			locs = append(locs, d.url+"#/"+escape(k))
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
			leaf := deepest(ve)
			if len(leaf.InstanceLocation) > 0 {
				ptr += "/" + strings.Join(escapeAll(leaf.InstanceLocation), "/")
			}
			return &Error{URL: u, Pointer: ptr, Msg: "not a valid schema (meta-schema check failed): " + leafMessage(leaf), Err: err}
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
		return &Error{URL: d.url, Msg: fmt.Sprintf("cannot load %s: %s", le.URL, f.client.redact(le.Err.Error())), Err: err}
	}
	return &Error{URL: d.url, Msg: "not a valid schema: " + f.client.redact(err.Error()), Err: err}
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

func escapeAll(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = escape(t)
	}
	return out
}

// deepest returns the most specific cause of a meta-schema failure (the first deepest leaf).
func deepest(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	best, depth := e, len(e.InstanceLocation)
	var walk func(*jsonschema.ValidationError)
	walk = func(c *jsonschema.ValidationError) {
		if len(c.Causes) == 0 {
			if len(c.InstanceLocation) > depth {
				best, depth = c, len(c.InstanceLocation)
			}
			return
		}
		for _, cc := range c.Causes {
			walk(cc)
		}
	}
	walk(e)
	return best
}

func leafMessage(e *jsonschema.ValidationError) string {
	s := strings.TrimSpace(e.Error())
	// The compiler's text is "at '<pointer>': msg", or "jsonschema validation failed with
	// '<url>'\n- at '<pointer>': msg"; the pointer is reported apart.
	if i := strings.Index(s, "- at '"); i >= 0 {
		s = s[i+2:]
	}
	if strings.HasPrefix(s, "at '") {
		if i := strings.Index(s, "': "); i >= 0 {
			s = s[i+3:]
		}
	}
	return strings.TrimSpace(s)
}
