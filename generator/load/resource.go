package load

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema resources as the compiler sees them, computed from the documents it was given
// (Resources) rather than read from the compiler's unexported fields: the dynamic scope of
// $dynamicRef and $recursiveRef is made of resources and their $dynamicAnchors.

// Compile returns the compiled schema at a location (URL#pointer) of the load's documents (or
// of a resource added with AddResource), compiling it if no entry reached it yet.
func (r *Result) Compile(loc string) (*jsonschema.Schema, error) {
	if r.compiler == nil {
		return nil, fmt.Errorf("%s: no compiler (not a Result of Load)", loc)
	}
	return r.compiler.Compile(loc)
}

// AddResource gives the load's compiler one more document, for later Compile calls (diff's
// dispatch schema over the event types).
func (r *Result) AddResource(u string, doc any) error {
	if r.compiler == nil {
		return fmt.Errorf("%s: no compiler (not a Result of Load)", u)
	}
	return r.compiler.AddResource(u, doc)
}

// AssertsFormat reports whether the schemas were compiled with Options.AssertFormat.
func (r *Result) AssertsFormat() bool { return r.asserts }

// ResourceOf returns the location of the schema resource that holds the schema at loc: the
// nearest enclosing schema with an $id, else the root of the document the compiler was given.
// ok is false when loc is not in a document of the load.
func (r *Result) ResourceOf(loc string) (resource string, ok bool) {
	base, frag, _ := strings.Cut(loc, "#")
	v, ok := r.compiledValue(base)
	if !ok {
		return "", false
	}
	res := ""
	ptr := ""
	toks := pointerTokens(frag)
	for i := 0; i < len(toks); {
		m, isObj := v.(map[string]any)
		if !isObj {
			break
		}
		n := 0 // tokens from this schema to the next
		switch kw := toks[i]; {
		case schemaKeyword[kw] == kwOne, kw == "items" && !isList(m[kw]):
			n = 1
		case schemaKeyword[kw] != kwNone, kw == "items", kw == "dependencies":
			n = 2
		}
		if n == 0 || i+n > len(toks) {
			break // not a subschema: the rest is inside this schema
		}
		for _, t := range toks[i : i+n] {
			v = child(v, t)
			ptr += "/" + escapeToken(t)
		}
		i += n
		if m, ok := v.(map[string]any); ok && isID(m["$id"]) {
			res = ptr
		}
	}
	return base + "#" + fragment(res), true
}

// fragment escapes a JSON Pointer for a URL fragment.
func fragment(ptr string) string {
	return (&url.URL{Fragment: ptr}).EscapedFragment()
}

// DynamicAnchors maps the $dynamicAnchor names of a resource (a location ResourceOf returned)
// to the locations of the schemas that declare them; schemas of embedded resources (with an
// $id of their own) are not part of it.
func (r *Result) DynamicAnchors(resource string) map[string]string {
	out := map[string]string{}
	base, frag, _ := strings.Cut(resource, "#")
	v, ok := r.compiledValue(base)
	if !ok {
		return out
	}
	for _, t := range pointerTokens(frag) {
		v = child(v, t)
	}
	var walk func(v any, ptr string, root bool)
	walk = func(v any, ptr string, root bool) {
		m, ok := v.(map[string]any)
		if !ok || !root && isID(m["$id"]) {
			return
		}
		if a, ok := m["$dynamicAnchor"].(string); ok {
			if _, dup := out[a]; !dup {
				out[a] = base + "#" + fragment(ptr)
			}
		}
		for _, kw := range sortedKeys(m) {
			if _, ok := m[kw].(map[string]any); !ok && !isList(m[kw]) && m[kw] != true && m[kw] != false {
				continue
			}
			switch kind := schemaKeyword[kw]; {
			case kind == kwOne || kw == "items" && !isList(m[kw]):
				walk(m[kw], ptr+"/"+escapeToken(kw), false)
			case kind == kwList || kw == "items":
				for i, c := range asList(m[kw]) {
					walk(c, ptr+"/"+kw+"/"+strconv.Itoa(i), false)
				}
			case kind == kwMap || kw == "dependencies":
				if cm, ok := m[kw].(map[string]any); ok {
					for _, name := range sortedKeys(cm) {
						walk(cm[name], ptr+"/"+escapeToken(kw)+"/"+escapeToken(name), false)
					}
				}
			}
		}
	}
	walk(v, pointer(frag), true)
	return out
}

// compiledValue is the document the compiler was given under a URL.
func (r *Result) compiledValue(u string) (any, bool) {
	for _, c := range r.compiled {
		if c.URL == u {
			return c.Value, true
		}
	}
	return metaSchema(u)
}

type kwKind int

const (
	kwNone kwKind = iota
	kwOne         // the value is a schema
	kwList        // an array of schemas
	kwMap         // an object of schemas
)

// schemaKeyword says which keywords of every draft hold subschemas ("items" and
// "dependencies" depend on their value).
var schemaKeyword = map[string]kwKind{
	"not": kwOne, "if": kwOne, "then": kwOne, "else": kwOne, "additionalItems": kwOne,
	"additionalProperties": kwOne, "contains": kwOne, "propertyNames": kwOne,
	"unevaluatedItems": kwOne, "unevaluatedProperties": kwOne, "contentSchema": kwOne,
	"allOf": kwList, "anyOf": kwList, "oneOf": kwList, "prefixItems": kwList,
	"properties": kwMap, "patternProperties": kwMap, "$defs": kwMap, "definitions": kwMap,
	"dependentSchemas": kwMap,
}

// isID reports whether v is an $id that starts a resource (not a draft-7 "#anchor").
func isID(v any) bool {
	s, ok := v.(string)
	return ok && s != "" && !strings.HasPrefix(s, "#")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isList(v any) bool { _, ok := v.([]any); return ok }

func asList(v any) []any { l, _ := v.([]any); return l }

func child(v any, tok string) any {
	switch c := v.(type) {
	case map[string]any:
		return c[tok]
	case []any:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c) {
			return c[i]
		}
	}
	return nil
}

// pointerTokens splits the fragment of a location into unescaped JSON Pointer tokens.
func pointerTokens(frag string) []string {
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if frag == "" {
		return nil
	}
	var out []string
	for _, t := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		out = append(out, strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~"))
	}
	return out
}

// pointer is the unescaped JSON Pointer of a location's fragment, tokens escaped with ~0 and ~1.
func pointer(frag string) string {
	var b strings.Builder
	for _, t := range pointerTokens(frag) {
		b.WriteString("/" + escapeToken(t))
	}
	return b.String()
}

func escapeToken(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}
