package runtime

import (
	"strconv"
	"strings"
	"unsafe"
)

// Table-driven struct validation, the counterpart of table.go for Validate. The checks of a
// struct's properties that the runtime runs itself are in its table: lengths, integer and float
// bounds, integer multiples, item counts, formats and string consts (of strings, numbers and
// arrays of them), enumerations (typ names the enum's table) and the structs with a table of
// their own (kStruct). A property checked otherwise has the flag fCheck, at which checkIter
// stops so that the struct's generated switch checks it: a named type whose validate is
// generated, a pattern, uniqueItems or an exact-number bound (whose support code a package
// gets only when it uses them). The violations keep their order and every call stays static,
// so Validate allocates nothing:
//
//	var d checkIter
//	for d.next(unsafe.Pointer(x), &tDevice, p, e) {
//		switch d.i {
//		case 1:
//			(x.Platform).validate(&path{parent: p, key: "platform"}, e)
//		}
//	}

// Check operations of a tcheck.
const (
	cMinLength     uint8 = iota // n
	cMaxLength                  // n
	cIntBound                   // n; the keyword (minimum, ...) ends kw
	cFloatBound                 // f
	cIntMultipleOf              // n
	cCount                      // n: minItems or -1, m: maxItems or -1
	cFormat                     // s: the format
	cConst                      // s: the value (of a string)
	cPattern                    // s: the pattern, valid: its match function
	cUnique                     // uniqueItems (of an array)
)

// tcheck is one check of a value: the operation, its operands and the keyword location of
// its violation.
type tcheck struct {
	op uint8
	n  int64
	m  int64
	f  float64
	s  string
	// valid is the validator of the format s (cFormat) or the match function of the pattern s
	// (cPattern): a function of the string alone, so that the path stays on the stack.
	valid func(string) bool
	kw    string
}

// checkIter walks the fields of a table: next runs the checks of the fields up to the next one
// with the flag fCheck, whose index it leaves in i.
type checkIter struct {
	k int
	i int
}

func (d *checkIter) next(base unsafe.Pointer, t *ttable, p *path, e *errs) bool {
	for d.k < len(t.fields) {
		i := d.k
		f := &t.fields[i]
		d.k++
		cs := f.checks
		switch {
		case f.flags&fCheck != 0:
			d.i = i
			return true
		case f.typ == 0 && (cs == nil || cs.own == nil && cs.each == nil):
			continue
		}
		f.check(t, cs, unsafe.Add(base, f.off), &path{parent: p, key: f.key}, e)
	}
	return false
}

// checkTable runs the checks of a table that has no field with the flag fCheck.
func checkTable(base unsafe.Pointer, t *ttable, p *path, e *errs) {
	if t.branches != nil {
		t.checkUnion(base, p, e)
		return
	}
	var d checkIter
	for d.next(base, t, p, e) {
	}
}

// checkTwice runs the checks of t on the value at base into e (which holds no violation):
// quietly first, and again to say where and why only when something is wrong, so that a valid
// value costs no allocation (descend).
func checkTwice(base unsafe.Pointer, t *ttable, e *errs) {
	e.quiet = true
	checkTable(base, t, nil, e)
	e.quiet = false
	if len(e.list) != 0 {
		e.list = nil
		checkTable(base, t, nil, e)
	}
}

// validateTable is the Validate of a struct whose fields t checks all.
func validateTable(base unsafe.Pointer, t *ttable) error {
	var e errs
	checkTwice(base, t, &e)
	return e.err()
}

// checkUnion checks a union of scalar branches: the number of branches set (checkSet);
// decoding checked the values.
func (t *ttable) checkUnion(base unsafe.Pointer, p *path, e *errs) {
	n := 0
	for i := range t.branches {
		if *(*unsafe.Pointer)(unsafe.Add(base, t.branches[i].off)) != nil {
			n++
		}
	}
	if t.nullable && *(*bool)(unsafe.Add(base, t.nullOff)) {
		n++
	}
	checkSet(n, !t.anyOf, t.nullable, p, e, t.unionAt)
}

// validateUnion is the Validate of a union of scalar branches.
func validateUnion(base unsafe.Pointer, t *ttable) error {
	var e errs
	t.checkUnion(base, nil, &e)
	return e.err()
}

// checkSet checks the number of branches set in a union (at: its location; null counts as
// a branch where the union admits it): a union built in Go may set none, or several of a
// oneOf, which decoding never does and MarshalJSON cannot encode. A nullable union with
// nothing set is null, as MarshalJSON writes it.
func checkSet(n int, oneOf, nullable bool, p *path, e *errs, at string) {
	switch {
	case n == 0 && !nullable:
		e.add(p, at, "no branch of the union is set")
	case n > 1 && oneOf:
		e.add(p, at+"/oneOf", "%d branches of the union are set; oneOf wants exactly one", n)
	}
}

// decodeTableEvent decodes data into the new event payload at base, which t decodes and
// checks entirely, and validates it when decoding found nothing wrong.
func decodeTableEvent(base unsafe.Pointer, data []byte, t *ttable, e *errs) error {
	t.decodeFields(base, data, nil, e)
	if len(e.list) == 0 {
		checkTwice(base, t, e)
	}
	return e.err()
}

// validateAgain is the end of the Validate of a type with a generated validate, which ran it
// quietly first and found n violations: it runs it again to say where and why.
func validateAgain(n int, validate func(p *path, e *errs)) error {
	if n == 0 {
		return nil
	}
	var e errs
	validate(nil, &e)
	return e.err()
}

// check runs the checks cs (nil: none but its type's) of the field at ptr of the table t, when
// it holds a value.
func (f *tfield) check(t *ttable, cs *tchecks, ptr unsafe.Pointer, p *path, e *errs) {
	if cs == nil {
		cs = &tchecks{}
	}
	var st *ttable // the struct's or the enum's table
	if f.typ != 0 {
		st = (*t.types)[f.typ]
	}
	switch f.pres {
	case pPtr:
		ptr = *(*unsafe.Pointer)(ptr)
		if ptr == nil {
			return
		}
	case pNullable:
		size := sizeKind(f.kind)
		if f.kind == kStruct {
			size = st.size
		}
		if flags := (*[2]bool)(unsafe.Add(ptr, size)); !flags[0] || flags[1] {
			return
		}
	case pSlice, pSliceAll:
		f.checkSlice(st, cs, ptr, p, e)
		return
	}
	f.checkValue(st, ptr, cs.own, p, e)
}

// checkValue runs the checks cs of a value of the field's kind at ptr (st: its table).
func (f *tfield) checkValue(st *ttable, ptr unsafe.Pointer, cs []tcheck, p *path, e *errs) {
	if f.kind == kStruct {
		q, m := e.descend(p)
		checkTable(ptr, st, q, e)
		e.release(m)
		return
	}
	if st != nil {
		st.checkEnum(*(*string)(ptr), p, e)
	}
	runChecks(f.kind, ptr, cs, p, e)
}

func (f *tfield) checkSlice(st *ttable, cs *tchecks, ptr unsafe.Pointer, p *path, e *errs) {
	h := (*sliceHeader)(ptr)
	if h.data == nil && f.pres == pSlice {
		return
	}
	for i := range cs.own {
		switch c := &cs.own[i]; c.op {
		case cCount:
			checkCount(h.len, int(c.n), int(c.m), "items", p, e, c.kw)
		case cUnique:
			checkUniqueKind(f.kind, ptr, p, e, c.kw)
		}
	}
	if len(cs.each) == 0 && st == nil {
		return
	}
	size := sizeKind(f.kind)
	if f.kind == kStruct {
		size = st.size
	}
	for i := range h.len {
		f.checkValue(st, unsafe.Add(h.data, uintptr(i)*size), cs.each, &path{parent: p, index: i, isIndex: true}, e)
	}
}

// checkUniqueKind checks uniqueItems of the []T at ptr, T of the kind k.
func checkUniqueKind(k uint8, ptr unsafe.Pointer, p *path, e *errs, kw string) {
	switch k {
	case kString:
		checkUnique(*(*[]string)(ptr), p, e, kw)
	case kInt:
		checkUnique(*(*[]int64)(ptr), p, e, kw)
	case kFloat:
		checkUnique(*(*[]float64)(ptr), p, e, kw)
	case kBool:
		checkUnique(*(*[]bool)(ptr), p, e, kw)
	}
}

// known reports whether v is one of the values of the enum t. It is not inlined: each enum's
// IsKnown calls it (and is compiled twice, for T and *T), and a loop in each costs more to
// compile than a call.
//
//go:noinline
func (t *ttable) known(v string) bool {
	for _, w := range t.enum {
		if w == v {
			return true
		}
	}
	return false
}

// checkEnum records a violation when v is not one of the values of the enum t (when closed).
func (t *ttable) checkEnum(v string, p *path, e *errs) {
	if t.enumAt == "" || t.known(v) {
		return
	}
	q := make([]string, len(t.enum))
	for i, w := range t.enum {
		q[i] = strconv.Quote(w)
	}
	e.add(p, t.enumAt, "%q is not one of %s", v, strings.Join(q, ", "))
}

// enumSlice returns a pointer to a new []string of the values of the enum t, which the enum's
// AllValues function reads as a slice of its type (whose underlying type is string).
func enumSlice(t *ttable) unsafe.Pointer {
	s := append([]string(nil), t.enum...)
	return unsafe.Pointer(&s)
}

// validateEnum is the Validate of a string enumeration.
func validateEnum(v string, t *ttable) error {
	var e errs
	t.checkEnum(v, nil, &e)
	return e.err()
}

// runChecks runs checks on the value of the kind k at ptr.
func runChecks(k uint8, ptr unsafe.Pointer, cs []tcheck, p *path, e *errs) {
	for i := range cs {
		c := &cs[i]
		switch k {
		case kString:
			v := *(*string)(ptr)
			switch c.op {
			case cMinLength:
				checkMinLength(v, int(c.n), p, e, c.kw)
			case cMaxLength:
				checkMaxLength(v, int(c.n), p, e, c.kw)
			case cFormat:
				if !c.valid(v) {
					e.add(p, c.kw, "%q is not a valid %s", v, c.s)
				}
			case cPattern:
				if !c.valid(v) {
					e.add(p, c.kw, "%q does not match the pattern %q", v, c.s)
				}
			case cConst:
				if v != c.s {
					e.add(p, c.kw, "%q is not the required value %q", v, c.s)
				}
			}
		case kInt:
			v := *(*int64)(ptr)
			switch c.op {
			case cIntBound:
				checkIntBound(v, c.n, keywordOf(c.kw), p, e, c.kw)
			case cIntMultipleOf:
				checkIntMultipleOf(v, c.n, p, e, c.kw)
			}
		case kFloat:
			v := *(*float64)(ptr)
			switch c.op {
			case cFloatBound:
				checkFloatBound(v, c.f, keywordOf(c.kw), p, e, c.kw)
			}
		}
	}
}

// keywordOf is the keyword at the end of a keyword location: "minimum" of ".../minimum".
func keywordOf(kw string) string {
	return kw[strings.LastIndexByte(kw, '/')+1:]
}
