// Package corpus builds the deep benchmark corpus: a draft-07 schema shaped like a third-party
// webhook catalogue (66 event types, unions of up to 21 branches of which two are themselves
// oneOfs sharing their tag value, shared user, repository and organization objects, 6+ levels
// of nesting) and valid payloads of 5-40 KB for it. Everything is deterministic: the same
// schema and payloads on every run, from a fixed seed.
//
// A small shape tree describes the schema once; the schema JSON and the payloads are both
// rendered from it, so every payload is valid by construction (the differential test checks it
// with santhosh-tekuri/jsonschema).
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
)

// shape is one schema node.
type shape struct {
	kind   string // object, string, integer, number, boolean, array, ref, oneOf, const, enum, null, map
	props  []prop
	open   bool // object: additionalProperties is not false
	elem   *shape
	min    int // array: item count range
	max    int
	ref    string
	alts   []*shape
	val    string   // const
	vals   []string // enum
	format string   // string: uri, date-time, email
	gen    string   // string: how to make a value (word, text, sha, url, login, hex6, ...)
	pat    string   // string: pattern
	null   bool     // the value may also be null ("type": [T, "null"], or oneOf [..., null] for refs)
}

type prop struct {
	name string
	s    *shape
	req  bool
}

func obj(props ...prop) *shape          { return &shape{kind: "object", props: props} }
func req(name string, s *shape) prop    { return prop{name, s, true} }
func opt(name string, s *shape) prop    { return prop{name, s, false} }
func str(gen string) *shape             { return &shape{kind: "string", gen: gen} }
func uri() *shape                       { return &shape{kind: "string", format: "uri", gen: "url"} }
func dateTime() *shape                  { return &shape{kind: "string", format: "date-time", gen: "time"} }
func integer() *shape                   { return &shape{kind: "integer"} }
func boolean() *shape                   { return &shape{kind: "boolean"} }
func ref(name string) *shape            { return &shape{kind: "ref", ref: name} }
func konst(v string) *shape             { return &shape{kind: "const", val: v} }
func enum(vals ...string) *shape        { return &shape{kind: "enum", vals: vals} }
func arr(e *shape, min, max int) *shape { return &shape{kind: "array", elem: e, min: min, max: max} }
func oneOf(alts ...*shape) *shape       { return &shape{kind: "oneOf", alts: alts} }
func nullable(s *shape) *shape {
	c := *s
	c.null = true
	return &c
}

// schema renders the JSON Schema of s.
func (s *shape) schema() map[string]any {
	out := map[string]any{}
	switch s.kind {
	case "object":
		props := map[string]any{}
		var required []string
		for _, p := range s.props {
			props[p.name] = p.s.schema()
			if p.req {
				required = append(required, p.name)
			}
		}
		out["type"] = "object"
		out["properties"] = props
		if len(required) > 0 {
			out["required"] = required
		}
		if !s.open {
			out["additionalProperties"] = false
		}
	case "map":
		out["type"] = "object"
		out["additionalProperties"] = s.elem.schema()
	case "array":
		out["type"] = "array"
		out["items"] = s.elem.schema()
	case "ref":
		r := map[string]any{"$ref": "#/definitions/" + s.ref}
		if s.null {
			return map[string]any{"oneOf": []any{r, map[string]any{"type": "null"}}}
		}
		return r
	case "oneOf":
		var alts []any
		for _, a := range s.alts {
			alts = append(alts, a.schema())
		}
		out["oneOf"] = alts
	case "const":
		out["type"] = "string"
		out["const"] = s.val
	case "enum":
		vals := make([]any, len(s.vals))
		for i, v := range s.vals {
			vals[i] = v
		}
		if s.null {
			vals = append(vals, nil)
			out["type"] = []any{"string", "null"}
		} else {
			out["type"] = "string"
		}
		out["enum"] = vals
		return out
	case "null":
		out["type"] = "null"
	default: // string, integer, number, boolean
		out["type"] = s.kind
		if s.format != "" {
			out["format"] = s.format
		}
		if s.pat != "" {
			out["pattern"] = s.pat
		}
		if s.kind == "integer" && s.gen == "count" {
			out["minimum"] = 0
		}
	}
	if s.null {
		if t, ok := out["type"].(string); ok {
			out["type"] = []any{t, "null"}
		}
	}
	return out
}

// gen writes a valid value of s.
type gen struct {
	r    *rand.Rand
	defs map[string]*shape
	b    *bytes.Buffer
	// depth guards the recursive definitions (a team's parent).
	depth int
}

func (g *gen) value(s *shape) {
	if s.null && g.r.IntN(4) == 0 {
		g.b.WriteString("null")
		return
	}
	switch s.kind {
	case "object":
		g.b.WriteByte('{')
		first := true
		for _, p := range s.props {
			if !p.req && g.r.IntN(10) < 3 {
				continue
			}
			if !first {
				g.b.WriteByte(',')
			}
			first = false
			g.str(p.name)
			g.b.WriteByte(':')
			g.value(p.s)
		}
		g.b.WriteByte('}')
	case "map":
		g.b.WriteByte('{')
		n := g.r.IntN(4)
		for i := 0; i < n; i++ {
			if i > 0 {
				g.b.WriteByte(',')
			}
			g.str(words[(i*7+g.r.IntN(3))%len(words)] + "_" + strconv.Itoa(i))
			g.b.WriteByte(':')
			g.value(s.elem)
		}
		g.b.WriteByte('}')
	case "array":
		n := s.min
		if s.max > s.min {
			n += g.r.IntN(s.max - s.min + 1)
		}
		g.b.WriteByte('[')
		for i := 0; i < n; i++ {
			if i > 0 {
				g.b.WriteByte(',')
			}
			g.value(s.elem)
		}
		g.b.WriteByte(']')
	case "ref":
		g.depth++
		if g.depth > 12 {
			panic("corpus: definitions nest too deep at " + s.ref)
		}
		g.value(g.defs[s.ref])
		g.depth--
	case "oneOf":
		g.value(s.alts[g.r.IntN(len(s.alts))])
	case "const":
		g.str(s.val)
	case "enum":
		g.str(s.vals[g.r.IntN(len(s.vals))])
	case "null":
		g.b.WriteString("null")
	case "integer":
		g.b.WriteString(strconv.Itoa(g.r.IntN(900_000_000)))
	case "number":
		g.b.WriteString(strconv.FormatFloat(float64(g.r.IntN(100000))/100, 'f', -1, 64))
	case "boolean":
		g.b.WriteString(strconv.FormatBool(g.r.IntN(2) == 0))
	case "string":
		g.str(g.text(s))
	default:
		panic("corpus: unknown shape " + s.kind)
	}
}

var words = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
	"juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
	"uniform", "victor", "whiskey", "xray", "yankee", "zulu", "octocat", "namigen", "webhook", "schema"}

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) text(s *shape) string {
	switch s.gen {
	case "url":
		return fmt.Sprintf("https://api.example.com/repos/%s/%s/%s/%d", g.word(), g.word(), g.word(), g.r.IntN(100000))
	case "time":
		return fmt.Sprintf("20%02d-%02d-%02dT%02d:%02d:%02dZ", 10+g.r.IntN(15), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
	case "email":
		return g.word() + "." + g.word() + "@example.com"
	case "sha":
		const hex = "0123456789abcdef"
		b := make([]byte, 40)
		for i := range b {
			b[i] = hex[g.r.IntN(16)]
		}
		return string(b)
	case "hex6":
		return fmt.Sprintf("%06x", g.r.IntN(1<<24))
	case "node":
		return fmt.Sprintf("MDQ6%s%08d", g.word(), g.r.IntN(100000000))
	case "text":
		n := 5 + g.r.IntN(40)
		var b bytes.Buffer
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(g.word())
		}
		if g.r.IntN(4) == 0 {
			b.WriteString("\n\n- \"quoted\" item \u00e9\u4e16")
		}
		return b.String()
	case "ref":
		return "refs/heads/" + g.word()
	}
	return g.word() + "-" + g.word()
}

func (g *gen) str(s string) {
	data, _ := json.Marshal(s)
	g.b.Write(data)
}

// sortedNames returns the keys of m in order.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
