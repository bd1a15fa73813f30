// Package jsondoc reads schema documents for the load and fetch phases: a one-pass syntax
// check that reports errors with their line, column and JSON Pointer and records the key order
// of every object, and the formatting of the compiler's meta-schema failures.
package jsondoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// SyntaxError is malformed JSON, with the position and the JSON Pointer of the value being read.
type SyntaxError struct {
	Line, Column int
	Pointer      string
	Msg          string
}

func (e *SyntaxError) Error() string {
	ptr := e.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	return fmt.Sprintf("%d:%d: malformed JSON at %s: %s", e.Line, e.Column, ptr, e.Msg)
}

// Scan walks the tokens of data once. It returns the key order of every object, by JSON
// Pointer (Go maps lose it; struct fields need it), and reports malformed JSON as a
// *SyntaxError with the pointer of the value under construction. Duplicate keys are an error:
// the meaning of a schema with two "type" keys depends on the parser.
func Scan(data []byte) (map[string][]string, error) {
	_, order, err := Decode(data)
	return order, err
}

// Decode is Scan that also returns the decoded value, built from the same tokens: what
// jsonschema.UnmarshalJSON returns (objects as map[string]any, arrays as []any, numbers as
// json.Number), without a second parse of the document.
func Decode(data []byte) (value any, order map[string][]string, err error) {
	if v, order, ok := decodeFast(data); ok {
		return v, order, nil
	}
	return decodeTokens(data)
}

// decodeTokens is Decode through encoding/json's tokens: for what decodeFast leaves to it,
// malformed documents above all, whose errors it places.
func decodeTokens(data []byte) (value any, order map[string][]string, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	sc := &scanner{data: data, dec: dec, order: map[string][]string{}}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !sc.done {
				return nil, nil, sc.fail(io.ErrUnexpectedEOF)
			}
			return sc.root, sc.order, nil
		}
		if err != nil {
			return nil, nil, sc.fail(err)
		}
		if sc.done {
			return nil, nil, sc.fail(errors.New("unexpected data after the top-level value"))
		}
		if sc.expectKey() {
			err = sc.key(tok)
		} else {
			sc.value(tok)
		}
		if err != nil {
			return nil, nil, err
		}
	}
}

// scanner is the state of one Scan: the open objects and arrays, and the key orders.
type scanner struct {
	data  []byte
	dec   *json.Decoder
	order map[string][]string
	stack []*frame
	done  bool // the top-level value is complete
	root  any  // the top-level value, once done
}

// frame is one open object or array, with the value built so far.
type frame struct {
	ptr    string
	object bool
	index  int
	key    string
	hasKey bool
	obj    map[string]any // members read so far (object)
	arr    []any          // elements read so far (array)
}

// fail turns err into a *SyntaxError at the current position and pointer.
func (sc *scanner) fail(err error) error {
	off := int(sc.dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	line, col := position(sc.data, off)
	ptr := ""
	if n := len(sc.stack); n > 0 {
		top := sc.stack[n-1]
		if top.object {
			ptr = top.ptr
			if top.hasKey {
				ptr += "/" + Escape(top.key)
			}
		} else {
			ptr = top.ptr + "/" + strconv.Itoa(top.index)
		}
	}
	msg := err.Error()
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		msg = "unexpected end of input"
	}
	return &SyntaxError{Line: line, Column: col, Pointer: ptr, Msg: msg}
}

// childPtr is the pointer of the value that starts now.
func (sc *scanner) childPtr() string {
	if len(sc.stack) == 0 {
		return ""
	}
	top := sc.stack[len(sc.stack)-1]
	if top.object {
		return top.ptr + "/" + Escape(top.key)
	}
	return top.ptr + "/" + strconv.Itoa(top.index)
}

// afterValue stores a finished value in its parent and moves the parent past it; a finished
// top level ends the document.
func (sc *scanner) afterValue(v any) {
	if len(sc.stack) == 0 {
		sc.root, sc.done = v, true
		return
	}
	top := sc.stack[len(sc.stack)-1]
	if top.object {
		top.obj[top.key] = v
		top.key, top.hasKey = "", false
	} else {
		top.arr = append(top.arr, v)
		top.index++
	}
}

// expectKey reports whether the next token is an object's key (or its end).
func (sc *scanner) expectKey() bool {
	if len(sc.stack) == 0 {
		return false
	}
	top := sc.stack[len(sc.stack)-1]
	return top.object && !top.hasKey
}

// key reads a token where a key (or the end of the object) is expected.
func (sc *scanner) key(tok json.Token) error {
	switch t := tok.(type) {
	case string:
		top := sc.stack[len(sc.stack)-1]
		top.key, top.hasKey = t, true
		if _, dup := top.obj[t]; dup {
			return sc.fail(fmt.Errorf("duplicate key %q", t))
		}
		sc.order[top.ptr] = append(sc.order[top.ptr], t)
		return nil
	case json.Delim:
		if t == '}' {
			top := sc.stack[len(sc.stack)-1]
			sc.stack = sc.stack[:len(sc.stack)-1]
			sc.afterValue(top.obj)
			return nil
		}
	}
	return sc.fail(fmt.Errorf("unexpected token %v where a key was expected", tok))
}

// value reads a token where a value is expected.
func (sc *scanner) value(tok json.Token) {
	if t, ok := tok.(json.Delim); ok {
		switch t {
		case '{':
			p := sc.childPtr()
			sc.stack = append(sc.stack, &frame{ptr: p, object: true, obj: map[string]any{}})
			if _, ok := sc.order[p]; !ok {
				sc.order[p] = nil
			}
			return
		case '[':
			sc.stack = append(sc.stack, &frame{ptr: sc.childPtr(), arr: []any{}})
			return
		case ']':
			top := sc.stack[len(sc.stack)-1]
			sc.stack = sc.stack[:len(sc.stack)-1]
			sc.afterValue(top.arr)
			return
		}
	}
	sc.afterValue(tok)
}

func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// Escape encodes one JSON Pointer reference token (RFC 6901).
func Escape(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}
