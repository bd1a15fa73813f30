package runtime

import (
	"encoding/json"
	"errors"
	"reflect"
	"time"
	"unsafe"
)

// Table-driven structs. A struct's declared properties are described by a table (ttable) of
// static data: JSON name, the Go field's offset, its kind and presence, whether it is required,
// its checks. The runtime decodes and validates the fields whose values it knows how to store:
// strings, numbers, booleans, times, raw JSON and any, and structs it has a table of (kStruct),
// as values, pointers, Nullables or slices. It tracks the required ones with presence bits and
// handles undeclared members. A struct whose fields are all of these kinds has no generated
// decoder or validator at all; another one's generated decoder gets only the members of the
// other kinds, in a switch on the field index, so every other decoder is still a static call:
//
//	func (x *Device) decodeJSON(data []byte, p *path, e *errs) {
//		...
//		d := fieldIter{ms: ms}
//		for {
//			i, raw := d.next(unsafe.Pointer(x), &tDevice, p, e)
//			if i < 0 {
//				break
//			}
//			switch i {
//			case 1:
//				decodePtr(&x.Platform, raw, false, &path{parent: p, key: "platform"}, e, (*AppPlatform).decodeJSON)
//			}
//		}
//		d.finish(&tDevice, p, e)
//	}
//
// The tables are package-level variables whose initializers are constants (unsafe.Offsetof is
// one), so the compiler lays them out as static data: a property costs one line of data
// rather than a case of code, which is what keeps large packages quick to compile. A table
// names another struct's table by its index in the package's list, tables (set by an init
// function), not by its address: the tables of recursive types would otherwise be an
// initialization cycle.

// Kinds of a table field's value.
const (
	kCode   uint8 = iota // decoded by the struct's generated switch
	kString              // string
	kInt                 // int64
	kFloat               // float64
	kBool                // bool
	kTime                // time.Time
	kRaw                 // json.RawMessage
	kAny                 // any
	kStruct              // a struct with a table: (*t.types)[typ]
)

// Presence of a table field: how the Go field holds the value.
const (
	pValue    uint8 = iota // T
	pPtr                   // *T: nil when absent (and when null, if null is allowed)
	pNullable              // Nullable[T]
	pSlice                 // []T: nil when absent (and when null, if null is allowed)
	pSliceAll              // []T whose checks apply also when it is nil (as an empty array)
)

// Flags of a table field.
const (
	fNull  uint8 = 1 << iota // JSON null is accepted (pPtr: nil; pSlice: nil)
	fReq                     // required
	fCheck                   // checked by the struct's generated switch (checkIter stops)
)

// tfield describes one declared property of a struct with a table. Generated code writes
// its values positionally (one line per property, with its checks), so a package keeps all
// its fields.
type tfield struct {
	key    string   // JSON name
	off    uintptr  // offset of the Go field in the struct
	kind   uint8    // kString, ...; kCode: the generated switch decodes it
	pres   uint8    // pValue, pPtr, pNullable, pSlice or pSliceAll
	flags  uint8    // fNull, fReq, fCheck
	typ    uint16   // kStruct: the index of the struct's table; a string: of its enum's (or 0)
	reqAt  string   // keyword location of the "required" that lists it
	checks *tchecks // the checks of the value, or nil
}

// tchecks are the checks of a field: own checks of the value (of a slice, the array's), and
// each, the checks of each item of a slice.
type tchecks struct {
	own  []tcheck
	each []tcheck
}

// ttable describes a struct with a table: its fields in declaration order (at most 128) and
// what becomes of undeclared members; or, with enum, a string enumeration.
type ttable struct {
	fields    []tfield
	byKey     []uint8 // indexes of fields in the order of their keys (by length, then bytes), for find
	unknownAt string  // closed object: keyword location of the violation of an undeclared member
	keep      bool    // open object keeping undeclared members raw in AdditionalProperties
	extra     uintptr // offset of AdditionalProperties (keep)
	size      uintptr // size of the struct: where a Nullable's flags are, the step of a slice
	// alloc returns the first of n new zero structs (make([]T, n)), for pointers and slices.
	alloc func(n int) unsafe.Pointer
	// nilPtr is (*T)(nil), T the struct: static data (a reflect.Type would be a call in the
	// package's init), from which reflect gets T for UnmarshalJSON to clear it (unmarshalTable).
	nilPtr any
	types  *[]*ttable // the package's tables, by index (kStruct fields, enums)
	// dec is the decoder of a type that has no table of fields: the generated decoder of a
	// codec (a union, a struct with generated code, ...), which kStruct fields reach it
	// through, or (*ttable).decodeUnion.
	dec func(t *ttable, x unsafe.Pointer, data []byte, p *path, e *errs)
	// A union of scalar branches (unionAt: its location): its branches (pointers of their
	// kinds), tried in order as tryBranch does; anyOf keeps every branch that matches;
	// nullable: null is a value of the union (its Null flag at nullOff).
	branches []tbranch
	unionAt  string
	anyOf    bool
	nullable bool
	nullOff  uintptr
	enum     []string // the values of a string enumeration
	enumAt   string   // keyword location of the enum ("": open, nothing to check)
}

// tbranch is a branch of a union of scalars: the offset of its pointer field, and its kind
// (bkind: a name of its own, so that a package whose unions are only checked, through
// checkTable's checkUnion, carries no kind it never reads).
type tbranch struct {
	off   uintptr
	bkind uint8
}

// fieldIter walks the members of an object for its struct's decoder: next decodes the members
// of the kinds the table knows and returns each member the generated switch decodes (field i,
// value raw), or -1 at the end; finish reports the required properties that were missing.
// The value is a result, not a field of the iterator: escape analysis does not tell a
// struct's fields apart, so a raw value held beside ms, once handed to a decoder that keeps
// it, would move the caller's members buffer to the heap.
type fieldIter struct {
	ms   []member
	k    int // next member
	hint int // the field after the last one found: members usually come in declaration order
	seen [2]uint64
}

func (d *fieldIter) next(base unsafe.Pointer, t *ttable, p *path, e *errs) (i int, raw []byte) {
	for d.k < len(d.ms) {
		m := &d.ms[d.k]
		d.k++
		i := t.find(m.key, d.hint)
		if i < 0 {
			t.unknown(base, m, p, e)
			continue
		}
		d.hint = i + 1
		f := &t.fields[i]
		if f.flags&fReq != 0 {
			d.seen[i>>6] |= 1 << (i & 63)
		}
		if f.kind == kCode {
			return i, m.raw
		}
		f.decode(t, unsafe.Add(base, f.off), m.raw, &path{parent: p, key: f.key}, e)
	}
	return -1, nil
}

func (d *fieldIter) finish(t *ttable, p *path, e *errs) {
	for i := range t.fields {
		if f := &t.fields[i]; f.flags&fReq != 0 && d.seen[i>>6]&(1<<(i&63)) == 0 {
			e.add(p, f.reqAt, "missing required property %q", f.key)
		}
	}
}

// decodeTable decodes the members ms into the struct at base, whose fields the table decodes
// all.
func decodeTable(base unsafe.Pointer, ms []member, t *ttable, p *path, e *errs) {
	d := fieldIter{ms: ms}
	for {
		if i, _ := d.next(base, t, p, e); i < 0 {
			break
		}
	}
	d.finish(t, p, e)
}

// find returns the index of the field named key, or -1; it tries the field at hint first
// (members usually come in declaration order), then searches byKey (names by length, then
// bytes).
func (t *ttable) find(key string, hint int) int {
	if hint < len(t.fields) && t.fields[hint].key == key {
		return hint
	}
	lo, hi := 0, len(t.byKey)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if k := t.fields[t.byKey[m]].key; len(k) < len(key) || len(k) == len(key) && k < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.byKey) && t.fields[t.byKey[lo]].key == key {
		return int(t.byKey[lo])
	}
	return -1
}

// unknown handles a member the struct does not declare.
func (t *ttable) unknown(base unsafe.Pointer, m *member, p *path, e *errs) {
	switch {
	case t.unknownAt != "":
		e.add(p, t.unknownAt, "property %q is not allowed", m.key)
	case t.keep:
		keepRaw((*map[string]json.RawMessage)(unsafe.Add(base, t.extra)), m.key, m.raw)
	}
}

// decode stores the value raw in the field at ptr, as decodePtr, decodeNullable and
// decodeSlice do for generated code; t is the field's table.
func (f *tfield) decode(t *ttable, ptr unsafe.Pointer, raw []byte, p *path, e *errs) {
	if f.kind == kStruct {
		f.decodeStruct((*t.types)[f.typ], ptr, raw, p, e)
		return
	}
	switch f.pres {
	case pValue:
		decodeKind(f.kind, ptr, raw, p, e)
	case pPtr:
		if isNull(raw) {
			if f.flags&fNull == 0 {
				e.add(p, "type", "null is not allowed here")
			}
			return
		}
		v := newKind(f.kind)
		decodeKind(f.kind, v, raw, p, e)
		*(*unsafe.Pointer)(ptr) = v
	case pNullable:
		// Nullable[T] is {Value T; Set, Null bool}: the flags follow the value.
		flags := (*[2]bool)(unsafe.Add(ptr, sizeKind(f.kind)))
		flags[0] = true
		if isNull(raw) {
			flags[1] = true
			return
		}
		decodeKind(f.kind, ptr, raw, p, e)
	case pSlice, pSliceAll:
		decodeKindSlice(f.kind, ptr, raw, f.flags&fNull != 0, p, e)
	}
}

func decodeKind(k uint8, ptr unsafe.Pointer, raw []byte, p *path, e *errs) {
	switch k {
	case kString:
		decodeString((*string)(ptr), raw, p, e)
	case kInt:
		decodeInt((*int64)(ptr), raw, p, e)
	case kFloat:
		decodeFloat((*float64)(ptr), raw, p, e)
	case kBool:
		decodeBool((*bool)(ptr), raw, p, e)
	case kTime:
		decodeTime((*time.Time)(ptr), raw, p, e)
	case kRaw:
		decodeRaw((*json.RawMessage)(ptr), raw, p, e)
	case kAny:
		decodeAny((*any)(ptr), raw, p, e)
	}
}

func newKind(k uint8) unsafe.Pointer {
	switch k {
	case kString:
		return unsafe.Pointer(new(string))
	case kInt:
		return unsafe.Pointer(new(int64))
	case kFloat:
		return unsafe.Pointer(new(float64))
	case kBool:
		return unsafe.Pointer(new(bool))
	case kTime:
		return unsafe.Pointer(new(time.Time))
	case kRaw:
		return unsafe.Pointer(new(json.RawMessage))
	}
	return unsafe.Pointer(new(any))
}

func sizeKind(k uint8) uintptr {
	switch k {
	case kString:
		return unsafe.Sizeof("")
	case kInt:
		return unsafe.Sizeof(int64(0))
	case kFloat:
		return unsafe.Sizeof(float64(0))
	case kBool:
		return unsafe.Sizeof(false)
	case kTime:
		return unsafe.Sizeof(time.Time{})
	case kRaw:
		return unsafe.Sizeof(json.RawMessage(nil))
	}
	var a any
	return unsafe.Sizeof(a)
}

func decodeKindSlice(k uint8, ptr unsafe.Pointer, raw []byte, null bool, p *path, e *errs) {
	// Static calls only (no decoder passed as a function value, as decodeSlice takes): so p
	// does not escape, and neither do the paths the table's callers build on their stacks.
	var buf [16]json.RawMessage
	raws, st := splitArray(raw, null, buf[:0], p, e)
	switch k {
	case kString:
		s := setSlice[string](ptr, raws, st)
		for i := range s {
			decodeString(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kInt:
		s := setSlice[int64](ptr, raws, st)
		for i := range s {
			decodeInt(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kFloat:
		s := setSlice[float64](ptr, raws, st)
		for i := range s {
			decodeFloat(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kBool:
		s := setSlice[bool](ptr, raws, st)
		for i := range s {
			decodeBool(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kTime:
		s := setSlice[time.Time](ptr, raws, st)
		for i := range s {
			decodeTime(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kRaw:
		s := setSlice[json.RawMessage](ptr, raws, st)
		for i := range s {
			decodeRaw(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	case kAny:
		s := setSlice[any](ptr, raws, st)
		for i := range s {
			decodeAny(&s[i], raws[i], &path{parent: p, index: i, isIndex: true}, e)
		}
	}
}

// splitArray splits a value that should be an array (raw, a member's value) into its items,
// appended to buf, and says which state it is in: an array, null (a violation unless null is
// accepted) or not a well-formed array (recorded).
func splitArray(raw []byte, null bool, buf []json.RawMessage, p *path, e *errs) ([]json.RawMessage, int) {
	raw = trimJSON(raw)
	if isNull(raw) {
		if !null {
			e.add(p, "type", "expected an array, got null")
		}
		return nil, arrayNull
	}
	raws, ok := arrayItems(raw, buf, p, e)
	if !ok {
		return nil, arrayBad
	}
	return raws, arrayOK
}

// States of a value that should be an array, for setSlice.
const (
	arrayOK   = iota // an array: its items
	arrayNull        // null (a violation unless nullable, recorded)
	arrayBad         // not an array, or malformed (recorded)
)

// setSlice stores in the []T at ptr what decodeSlice would for a value in the state st: nil
// for null, a new slice of len(raws) elements to decode into for an array (returned), nothing
// for a value that is not an array.
func setSlice[T any](ptr unsafe.Pointer, raws []json.RawMessage, st int) []T {
	switch st {
	case arrayNull:
		*(*[]T)(ptr) = nil
		return nil
	case arrayBad:
		return nil
	}
	s := make([]T, len(raws))
	*(*[]T)(ptr) = s
	return s
}

// decodeStruct stores the value raw in the field at ptr that holds structs of the table st, as
// decodePtr, decodeNullable and decodeSlice do for generated code. The struct at ptr is zero
// (a new one, or a field of a struct being decoded: of a key given twice only the last is
// decoded).
func (f *tfield) decodeStruct(st *ttable, ptr unsafe.Pointer, raw []byte, p *path, e *errs) {
	q, m := e.descend(p)
	switch f.pres {
	case pValue:
		st.decodeValue(ptr, raw, q, e)
	case pPtr:
		if isNull(raw) {
			if f.flags&fNull == 0 {
				e.add(q, "type", "null is not allowed here")
			}
			break
		}
		v := st.alloc(1)
		st.decodeValue(v, raw, q, e)
		*(*unsafe.Pointer)(ptr) = v
	case pNullable:
		flags := (*[2]bool)(unsafe.Add(ptr, st.size))
		flags[0] = true
		if isNull(raw) {
			flags[1] = true
			break
		}
		st.decodeValue(ptr, raw, q, e)
	case pSlice, pSliceAll:
		st.decodeItems(ptr, raw, f.flags&fNull != 0, q, e)
	}
	e.release(m)
}

// decodeItems decodes the array raw into a new []T at ptr, T of the table st, as decodeSlice
// does for generated code.
func (st *ttable) decodeItems(ptr unsafe.Pointer, raw []byte, null bool, p *path, e *errs) {
	var buf [16]json.RawMessage
	raws, state := splitArray(raw, null, buf[:0], p, e)
	if state != arrayOK {
		return // the field is nil already
	}
	v := st.alloc(len(raws))
	for i := range raws {
		st.decodeValue(unsafe.Add(v, uintptr(i)*st.size), raws[i], &path{parent: p, index: i, isIndex: true}, e)
	}
	h := (*sliceHeader)(ptr)
	h.data, h.len, h.cap = v, len(raws), len(raws)
}

// descend returns the path to give the decoder or validator of a value at p that the runtime
// calls itself, and what release needs: nil in quiet mode (no path is printed), else a held
// frame (hold keeps no pointer of p). Through the tables, decoding and validation are
// recursive, and a path built on the stack and handed down to the same functions would be
// moved to the heap by escape analysis, one allocation per property.
func (e *errs) descend(p *path) (*path, holdMark) {
	if e.quiet {
		return nil, holdMark{frames: -1}
	}
	return e.hold(p)
}

// sliceHeader is the layout of a slice, for a []T made by a table's alloc.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// decodeValue decodes data into the zero value at ptr of the type of t: by its codec's
// generated decoder (given a held path: it is called through a function value), or by the
// fields of its table.
func (t *ttable) decodeValue(ptr unsafe.Pointer, data []byte, p *path, e *errs) {
	if t.dec != nil {
		q, m := e.hold(p)
		t.dec(t, ptr, data, q, e)
		e.release(m)
		return
	}
	t.decodeFields(ptr, data, p, e)
}

// decodeUnion decodes data into the union of scalar branches at base, as a generated decoder
// that tries every branch does: each branch whose kind decodes the value without a violation
// matches. It is the dec of such a union's table (named by the generated table, so that only
// a package with such a union carries it).
func (t *ttable) decodeUnion(base unsafe.Pointer, data []byte, p *path, e *errs) {
	for i := range t.branches {
		*(*unsafe.Pointer)(unsafe.Add(base, t.branches[i].off)) = nil
	}
	if t.nullable {
		null := (*bool)(unsafe.Add(base, t.nullOff))
		if *null = isNull(data); *null {
			return
		}
	}
	matched := 0
	for i := range t.branches {
		f := &t.branches[i]
		be := errs{valid: e.valid, quiet: true}
		v := newKind(f.bkind)
		decodeKind(f.bkind, v, data, nil, &be)
		if len(be.list) != 0 {
			continue
		}
		if matched++; matched == 1 || t.anyOf {
			*(*unsafe.Pointer)(unsafe.Add(base, f.off)) = v
		}
	}
	switch {
	case matched == 0:
		e.add(p, t.unionAt, "the value matches none of the branches")
	case matched > 1 && !t.anyOf:
		for i := range t.branches {
			*(*unsafe.Pointer)(unsafe.Add(base, t.branches[i].off)) = nil
		}
		e.add(p, t.unionAt+"/oneOf", "the value matches %d branches; oneOf wants exactly one", matched)
	}
}

// decodeFields decodes the object data into the zero struct at base, whose fields t decodes
// all.
func (t *ttable) decodeFields(base unsafe.Pointer, data []byte, p *path, e *errs) {
	if len(t.fields) > 14 {
		t.decodeLarge(base, data, p, e)
		return
	}
	var buf [16]member
	ms, ok := objectMembers(data, buf[:0], p, e)
	if !ok {
		return
	}
	decodeTable(base, ms, t, p, e)
}

// decodeLarge is decodeFields with room on the stack for the members of a larger struct.
func (t *ttable) decodeLarge(base unsafe.Pointer, data []byte, p *path, e *errs) {
	var buf [64]member
	ms, ok := objectMembers(data, buf[:0], p, e)
	if !ok {
		return
	}
	decodeTable(base, ms, t, p, e)
}

// marshalUnion is the MarshalJSON of a union of scalar branches (name is its type's): it encodes
// the first branch that is set, as the generated MarshalJSON of other unions does.
func marshalUnion(base unsafe.Pointer, t *ttable, name string) ([]byte, error) {
	for i := range t.branches {
		b := &t.branches[i]
		if v := *(*unsafe.Pointer)(unsafe.Add(base, b.off)); v != nil {
			return marshalKind(b.bkind, v)
		}
	}
	if t.nullable {
		return []byte("null"), nil
	}
	return nil, errors.New(name + ": no branch is set")
}

// marshalKind encodes the value of the kind k at v.
func marshalKind(k uint8, v unsafe.Pointer) ([]byte, error) {
	switch k {
	case kString:
		return json.Marshal(*(*string)(v))
	case kInt:
		return json.Marshal(*(*int64)(v))
	case kFloat:
		return json.Marshal(*(*float64)(v))
	case kBool:
		return json.Marshal(*(*bool)(v))
	case kTime:
		return json.Marshal(*(*time.Time)(v))
	case kRaw:
		return json.Marshal(*(*json.RawMessage)(v))
	}
	return json.Marshal(*(*any)(v))
}

// unmarshalUnion is the UnmarshalJSON of a union of scalar branches.
func unmarshalUnion(base unsafe.Pointer, data []byte, t *ttable) error {
	var e errs
	t.decodeUnion(base, data, nil, &e)
	return e.err()
}

// unmarshalTable is the UnmarshalJSON of a struct that t decodes entirely: it clears *base
// first, through reflect, which clears a value of any layout as the collector needs.
func unmarshalTable(base unsafe.Pointer, data []byte, t *ttable) error {
	reflect.NewAt(reflect.TypeOf(t.nilPtr).Elem(), base).Elem().SetZero()
	var e errs
	t.decodeValue(base, data, nil, &e)
	return e.err()
}
