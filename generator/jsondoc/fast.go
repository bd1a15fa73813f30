package jsondoc

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// decodeFast is Decode for the documents it understands: it parses data with one pass over
// its bytes, without the token interface of encoding/json, which allocates a token for every
// key and value and was most of the load phase's own time on large bundles. It returns
// ok=false for anything else (malformed JSON, a duplicate key, invalid UTF-8 in a string,
// nesting deeper than maxFastDepth): Decode then reads the document token by token, and its
// error names the line, column and pointer. A string with escapes is unquoted by
// encoding/json itself, so the values are the ones the token path builds.
func decodeFast(data []byte) (value any, order map[string][]string, ok bool) {
	p := fastParser{data: data, order: map[string][]string{}}
	p.skipSpace()
	v, ok := p.value("", 0)
	if !ok {
		return nil, nil, false
	}
	p.skipSpace()
	if p.i != len(data) {
		return nil, nil, false
	}
	return v, p.order, true
}

// maxFastDepth bounds decodeFast's recursion; a document nested deeper goes to the token path,
// which keeps its open containers on a slice.
const maxFastDepth = 10000

type fastParser struct {
	data  []byte
	i     int
	order map[string][]string
}

func (p *fastParser) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// container reports whether the value at p.i is an object or an array: only those need their
// JSON Pointer (the key orders are by pointer).
func (p *fastParser) container() bool {
	return p.i < len(p.data) && (p.data[p.i] == '{' || p.data[p.i] == '[')
}

// value parses the value at p.i (not at a space), whose JSON Pointer is ptr (an object or
// array's; "" for another value).
func (p *fastParser) value(ptr string, depth int) (any, bool) {
	if p.i >= len(p.data) || depth > maxFastDepth {
		return nil, false
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(ptr, depth)
	case c == '[':
		return p.array(ptr, depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, false
}

// literal reports whether text (true, false or null) is at p.i, and moves past it.
func (p *fastParser) literal(text string) bool {
	if len(p.data)-p.i < len(text) || string(p.data[p.i:p.i+len(text)]) != text {
		return false
	}
	p.i += len(text)
	return true
}

func (p *fastParser) object(ptr string, depth int) (any, bool) {
	p.i++ // {
	obj := map[string]any{}
	var keys []string // p.order[ptr], set when the object ends
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		p.order[ptr] = keys
		return obj, true
	}
	for {
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, false
		}
		k, ok := p.str()
		if !ok {
			return nil, false
		}
		key := k.(string)
		if _, dup := obj[key]; dup {
			return nil, false
		}
		keys = append(keys, key)
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.skipSpace()
		child := ""
		if p.container() {
			child = ptr + "/" + Escape(key)
		}
		v, ok := p.value(child, depth+1)
		if !ok {
			return nil, false
		}
		obj[key] = v
		if end, ok := p.afterElem('}'); !ok {
			return nil, false
		} else if end {
			p.order[ptr] = keys
			return obj, true
		}
	}
}

// afterElem reads what follows an element of an object or array (closing is its '}' or ']'):
// a comma and the spaces after it (end false), or closing (end true); ok is false for
// anything else.
func (p *fastParser) afterElem(closing byte) (end, ok bool) {
	p.skipSpace()
	if p.i >= len(p.data) {
		return false, false
	}
	switch p.data[p.i] {
	case ',':
		p.i++
		p.skipSpace()
		return false, true
	case closing:
		p.i++
		return true, true
	}
	return false, false
}

func (p *fastParser) array(ptr string, depth int) (any, bool) {
	p.i++ // [
	arr := []any{}
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return arr, true
	}
	for {
		child := ""
		if p.container() {
			child = ptr + "/" + strconv.Itoa(len(arr))
		}
		v, ok := p.value(child, depth+1)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		if end, ok := p.afterElem(']'); !ok {
			return nil, false
		} else if end {
			return arr, true
		}
	}
}

// str parses the string at p.i (a quote).
func (p *fastParser) str() (any, bool) {
	start := p.i
	p.i++
	escaped, ascii := false, true
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == '"':
			p.i++
			body := p.data[start+1 : p.i-1]
			switch {
			case escaped:
				var s string
				if json.Unmarshal(p.data[start:p.i], &s) != nil {
					return nil, false
				}
				return s, true
			case !ascii && !utf8.Valid(body):
				return nil, false // encoding/json would replace the bytes: leave it to it
			}
			return string(body), true
		case c == '\\':
			escaped = true
			p.i += 2
			continue
		case c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
		p.i++
	}
	return nil, false
}

// number parses the number at p.i with JSON's grammar, as a json.Number.
func (p *fastParser) number() (any, bool) {
	d, start := p.data, p.i
	i := p.i
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	p.i = i
	return json.Number(d[start:i]), true
}
