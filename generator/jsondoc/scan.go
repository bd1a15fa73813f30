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
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	order := map[string][]string{}
	type frame struct {
		ptr    string
		object bool
		index  int
		key    string
		hasKey bool
		seen   map[string]bool
	}
	var stack []*frame
	fail := func(err error) error {
		off := int(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		line, col := position(data, off)
		ptr := ""
		if n := len(stack); n > 0 {
			top := stack[n-1]
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
	childPtr := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if top.object {
			return top.ptr + "/" + Escape(top.key)
		}
		return top.ptr + "/" + strconv.Itoa(top.index)
	}
	// afterValue moves the parent past a finished value.
	afterValue := func() {
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
	expectKey := func() bool {
		if len(stack) == 0 {
			return false
		}
		top := stack[len(stack)-1]
		return top.object && !top.hasKey
	}
	done := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !done {
				return nil, fail(io.ErrUnexpectedEOF)
			}
			return order, nil
		}
		if err != nil {
			return nil, fail(err)
		}
		if done {
			return nil, fail(errors.New("unexpected data after the top-level value"))
		}
		if expectKey() {
			switch t := tok.(type) {
			case string:
				top := stack[len(stack)-1]
				if top.seen[t] {
					top.key, top.hasKey = t, true
					return nil, fail(fmt.Errorf("duplicate key %q", t))
				}
				top.seen[t] = true
				top.key, top.hasKey = t, true
				order[top.ptr] = append(order[top.ptr], t)
				continue
			case json.Delim:
				if t == '}' {
					stack = stack[:len(stack)-1]
					afterValue()
					if len(stack) == 0 {
						done = true
					}
					continue
				}
			}
			return nil, fail(fmt.Errorf("unexpected token %v where a key was expected", tok))
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				p := childPtr()
				stack = append(stack, &frame{ptr: p, object: true, seen: map[string]bool{}})
				if _, ok := order[p]; !ok {
					order[p] = nil
				}
				continue
			case '[':
				stack = append(stack, &frame{ptr: childPtr()})
				continue
			case ']':
				stack = stack[:len(stack)-1]
			}
		}
		afterValue()
		if len(stack) == 0 {
			done = true
		}
	}
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
