// Package runtime is the support code that every generated package carries in its
// namigen_support.go: the Nullable type, the validation error, JSON Pointer paths and the
// decoding and checking helpers the generated methods call. It is plain Go, compiled and tested
// here, and copied into each generated package (package clause replaced, header added), so the
// generated code needs nothing beyond the standard library. Nothing in it is computed from a
// schema: that part is built with jennifer by the emit package.
package runtime

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Nullable holds an optional property that may also be null: Set is false when the property
// is absent, Null is true when it was null, and Value holds it otherwise.
//
// A Nullable is not comparable with ==, nor is a struct that holds one (compare what Get
// returns, or use reflect.DeepEqual): == on a Value that holds pointers compares the pointers,
// and not being comparable spares the compiler an equality function per instantiation.
type Nullable[T any] struct {
	_     [0]func() // not comparable
	Value T
	Set   bool
	Null  bool
}

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Set: true} }

// Null returns a Nullable that is present and null.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }

// Get returns the value and whether there is one (present and not null).
func (n Nullable[T]) Get() (T, bool) { return n.Value, n.Set && !n.Null }

// IsZero reports whether the property is absent, so that `omitzero` leaves it out.
func (n Nullable[T]) IsZero() bool { return !n.Set }

// MarshalJSON encodes the value, or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Set || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON decodes null or a value; either way the property is present.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{Set: true}
	if isNull(data) {
		n.Null = true
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}

// Violation is one way a value breaks its schema.
type Violation struct {
	// InstanceLocation is the JSON Pointer of the offending value ("" is the whole document).
	InstanceLocation string
	// KeywordLocation names the schema keyword that failed (file#pointer).
	KeywordLocation string
	// Message says what is wrong.
	Message string
}

// ValidationError lists every violation found in a value. Reach it with errors.As.
type ValidationError struct {
	Violations []Violation
}

// Error lists the violations, one per line after the first.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if len(e.Violations) == 1 {
		b.WriteString("invalid value: ")
	} else {
		fmt.Fprintf(&b, "invalid value: %d violations:", len(e.Violations))
	}
	for _, v := range e.Violations {
		if len(e.Violations) > 1 {
			b.WriteString("\n  ")
		}
		loc := v.InstanceLocation
		if loc == "" {
			loc = "(root)"
		}
		b.WriteString(loc)
		b.WriteString(": ")
		b.WriteString(v.Message)
		if v.KeywordLocation != "" {
			b.WriteString(" (")
			b.WriteString(v.KeywordLocation)
			b.WriteString(")")
		}
	}
	return b.String()
}

// path is a JSON Pointer under construction, built on the stack as the walk descends and only
// turned into a string when a violation is recorded. A node whose frame is set stands for a
// whole pointer held in that document's buffer (see hold).
type path struct {
	parent  *path
	key     string
	index   int
	isIndex bool
	frame   *doc
}

func (p *path) String() string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	p.write(&b)
	return b.String()
}

// write appends the pointer of p to b, root first. It copies the keys instead of keeping
// them, so a path does not escape and the checks build it on the stack.
func (p *path) write(b *strings.Builder) {
	if p.frame != nil {
		b.Write(p.frame.held(p))
		return
	}
	if p.parent != nil {
		p.parent.write(b)
	}
	b.WriteByte('/')
	if p.isIndex {
		b.WriteString(strconv.Itoa(p.index))
		return
	}
	for i := 0; i < len(p.key); i++ {
		switch c := p.key[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
}

// errs collects violations. sc is the dynamic scope of the dynamic validator (the schema
// resources being evaluated, innermost first), for $dynamicRef.
type errs struct {
	list []Violation
	sc   *scope
	// valid is the document being decoded: what the first scan of the whole value found (when
	// it found the value well-formed, the scans of its parts only look for their ends, and
	// string values come from one string), and the paths held for decoders called through
	// function values. Scratch errors share it (errs{valid: e.valid}).
	valid *doc
	// quiet: only the number of violations matters (a branch being tried), so add records
	// them without formatting a message or a path.
	quiet bool
}

// scope is one schema resource of the dynamic scope.
type scope struct {
	res int
	up  *scope
}

// enter makes resource res the innermost of the dynamic scope; the returned function leaves it.
func (e *errs) enter(res int) func() {
	old := e.sc
	e.sc = &scope{res: res, up: old}
	return func() { e.sc = old }
}

func (e *errs) add(p *path, kw, format string, args ...any) {
	if e.quiet {
		e.list = append(e.list, Violation{})
		return
	}
	e.list = append(e.list, Violation{InstanceLocation: p.String(), KeywordLocation: kw, Message: fmt.Sprintf(format, args...)})
}

// err is the result of a decode or a validation: nil, or a *ValidationError of the violations.
// It is not inlined: every type's UnmarshalJSON and Validate call it, and a call is a third of
// an inlined body in each of them.
//
//go:noinline
func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: e.list}
}
