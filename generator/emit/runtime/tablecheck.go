package runtime

import (
	"strings"
	"unsafe"
)

// Table-driven struct validation, the counterpart of table.go for Validate. A struct's checks
// of lengths, integer and float bounds, integer multiples and item counts (of strings, numbers
// and arrays of them) are a table (one entry per property, in declaration order) that the
// runtime runs. A property checked otherwise is an entry of kind kCode, at which checkIter
// stops so that the struct's generated switch checks it: a named type (whose validate is
// generated), a const, a format, a pattern, uniqueItems or an exact-number bound (whose support
// code a package gets only when it uses them). The violations keep their order and every call
// stays static, so Validate allocates nothing:
//
//	var d checkIter
//	for d.next(unsafe.Pointer(x), checksDevice, p, e) {
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
)

// pSliceAll: a []T field whose checks apply also when it is nil (as an empty array).
const pSliceAll uint8 = pSlice + 1

// tcheck is one check of a value: the operation, its operands and the keyword location of
// its violation.
type tcheck struct {
	op uint8
	n  int64
	m  int64
	f  float64
	kw string
}

// tvfield lists the checks of one property: own checks of the value (of a slice, the array's
// checks), and items, the checks of each element of a slice.
type tvfield struct {
	key   string
	off   uintptr
	kind  uint8 // kString, kInt or kFloat (of a slice: its elements'); kCode: generated
	pres  uint8 // pValue, pPtr, pNullable, pSlice or pSliceAll
	own   []tcheck
	items []tcheck
}

// checkIter walks a validation table: next runs the checks of the entries up to the next one
// of kind kCode, whose index it leaves in i.
type checkIter struct {
	k int
	i int
}

func (d *checkIter) next(base unsafe.Pointer, t []tvfield, p *path, e *errs) bool {
	for d.k < len(t) {
		f := &t[d.k]
		d.k++
		if f.kind == kCode {
			d.i = d.k - 1
			return true
		}
		f.check(unsafe.Add(base, f.off), &path{parent: p, key: f.key}, e)
	}
	return false
}

// checkTable runs a validation table that has no entry of kind kCode.
func checkTable(base unsafe.Pointer, t []tvfield, p *path, e *errs) {
	var d checkIter
	for d.next(base, t, p, e) {
	}
}

// check runs the checks of the field at ptr, when it holds a value.
func (f *tvfield) check(ptr unsafe.Pointer, p *path, e *errs) {
	switch f.pres {
	case pPtr:
		ptr = *(*unsafe.Pointer)(ptr)
		if ptr == nil {
			return
		}
	case pNullable:
		if flags := (*[2]bool)(unsafe.Add(ptr, sizeKind(f.kind))); !flags[0] || flags[1] {
			return
		}
	case pSlice, pSliceAll:
		f.checkSlice(ptr, p, e)
		return
	}
	runChecks(f.kind, ptr, f.own, p, e)
}

func (f *tvfield) checkSlice(ptr unsafe.Pointer, p *path, e *errs) {
	switch f.kind {
	case kString:
		checkSliceOf(*(*[]string)(ptr), f, p, e)
	case kInt:
		checkSliceOf(*(*[]int64)(ptr), f, p, e)
	case kFloat:
		checkSliceOf(*(*[]float64)(ptr), f, p, e)
	}
}

func checkSliceOf[T any](s []T, f *tvfield, p *path, e *errs) {
	if s == nil && f.pres == pSlice {
		return
	}
	for i := range f.own {
		if c := &f.own[i]; c.op == cCount {
			checkCount(len(s), int(c.n), int(c.m), "items", p, e, c.kw)
		}
	}
	if len(f.items) == 0 {
		return
	}
	for i := range s {
		runChecks(f.kind, unsafe.Pointer(&s[i]), f.items, &path{parent: p, index: i, isIndex: true}, e)
	}
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
