package runtime

import (
	"encoding/json"
	"time"
	"unsafe"
)

// Table-driven struct decoding. A struct's declared properties are described by a table
// (ttable) of static data: JSON name, the Go field's offset, its kind and presence, whether it
// is required. The runtime decodes the members whose values it knows how to store (strings,
// numbers, booleans, times, raw JSON and any, as values, pointers, Nullables or slices), tracks
// the required ones with presence bits and handles undeclared members; the struct's generated
// decoder gets only the members of the other kinds (named types), in a switch on the field
// index, so every nested decoder is still a static call:
//
//	func (x *Device) decodeMembers(data []byte, ms []member, p *path, e *errs) {
//		*x = Device{}
//		d := fieldIter{ms: ms}
//		for {
//			i, raw := d.next(unsafe.Pointer(x), &fieldsDevice, p, e)
//			if i < 0 {
//				break
//			}
//			switch i {
//			case 1:
//				decodePtr(&x.Platform, raw, false, &path{parent: p, key: "platform"}, e, (*AppPlatform).decodeJSON)
//			}
//		}
//		d.finish(&fieldsDevice, p, e)
//	}
//
// The tables are package-level variables whose initializers are constants (unsafe.Offsetof is
// one), so the compiler lays them out as static data: a property costs one line of data
// rather than a case of code, which is what keeps large packages quick to compile.

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
)

// Presence of a table field: how the Go field holds the value.
const (
	pValue    uint8 = iota // T
	pPtr                   // *T: nil when absent (and when null, if null is allowed)
	pNullable              // Nullable[T]
	pSlice                 // []T: nil when absent (and when null, if null is allowed)
)

// tfield describes one declared property of a struct decoded by table.
type tfield struct {
	key   string  // JSON name
	off   uintptr // offset of the Go field in the struct
	kind  uint8   // kString, ...; kCode: the generated switch decodes it
	pres  uint8   // pValue, pPtr, pNullable or pSlice
	null  bool    // JSON null is accepted (pPtr: nil; pSlice: nil)
	req   bool    // required
	reqAt string  // keyword location of the "required" that lists it
}

// ttable describes a struct decoded by table: its fields in declaration order (at most 128)
// and what becomes of undeclared members.
type ttable struct {
	fields    []tfield
	byKey     []uint8 // indexes of fields in the order of their keys (byte-wise), for find
	unknownAt string  // closed object: keyword location of the violation of an undeclared member
	keep      bool    // open object keeping undeclared members raw in AdditionalProperties
	extra     uintptr // offset of AdditionalProperties (keep)
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
		if f.req {
			d.seen[i>>6] |= 1 << (i & 63)
		}
		if f.kind == kCode {
			return i, m.raw
		}
		f.decode(unsafe.Add(base, f.off), m.raw, &path{parent: p, key: f.key}, e)
	}
	return -1, nil
}

func (d *fieldIter) finish(t *ttable, p *path, e *errs) {
	for i := range t.fields {
		if f := &t.fields[i]; f.req && d.seen[i>>6]&(1<<(i&63)) == 0 {
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
// (members usually come in declaration order), then searches byKey.
func (t *ttable) find(key string, hint int) int {
	if hint < len(t.fields) && t.fields[hint].key == key {
		return hint
	}
	lo, hi := 0, len(t.byKey)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.fields[t.byKey[m]].key < key {
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
// decodeSlice do for generated code.
func (f *tfield) decode(ptr unsafe.Pointer, raw []byte, p *path, e *errs) {
	switch f.pres {
	case pValue:
		decodeKind(f.kind, ptr, raw, p, e)
	case pPtr:
		if isNull(raw) {
			if !f.null {
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
	case pSlice:
		decodeKindSlice(f.kind, ptr, raw, f.null, p, e)
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
	raw = trimJSON(raw)
	st := arrayOK
	if isNull(raw) {
		if !null {
			e.add(p, "type", "expected an array, got null")
		}
		st = arrayNull
	}
	var buf [16]json.RawMessage
	var raws []json.RawMessage
	if st == arrayOK {
		var ok bool
		if raws, ok = arrayItems(raw, buf[:0], p, e); !ok {
			st = arrayBad
		}
	}
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
