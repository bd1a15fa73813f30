// Package keyword is namigen's one table of JSON Schema keywords: for every keyword of drafts
// 4 to 2020-12, the drafts that define it and what it does, and for the assertions that bound
// a value (minimum, maxLength, multipleOf, uniqueItems, ...) how the value is read from a
// compiled schema, how two of them merge when both hold (allOf), and which way a change
// tightens. load (which top-level members make a document a schema), model (the typed checks
// and the dynamic validator's nodes) and diff (what changed between two versions) all read it,
// so that a new bound keyword is one entry here plus its emitted check.
package keyword

import (
	"math/big"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Draft is a set of JSON Schema drafts.
type Draft uint8

// The drafts namigen reads.
const (
	Draft4 Draft = 1 << iota
	Draft6
	Draft7
	Draft2019
	Draft2020

	// From6 and the others are the drafts from one on.
	From6    = Draft6 | Draft7 | Draft2019 | Draft2020
	From7    = Draft7 | Draft2019 | Draft2020
	From2019 = Draft2019 | Draft2020
	All      = Draft4 | From6
)

// ParseDraft is the Draft of a draft name as load writes it ("4", "6", "7", "2019-09",
// "2020-12"); 0 when unknown.
func ParseDraft(name string) Draft {
	switch name {
	case "4":
		return Draft4
	case "6":
		return Draft6
	case "7":
		return Draft7
	case "2019-09":
		return Draft2019
	case "2020-12":
		return Draft2020
	}
	return 0
}

// Class says what a keyword does.
type Class uint8

// The classes of keywords.
const (
	Core       Class = iota // identifies, references or declares ($id, $ref, $defs, ...)
	Applicator              // applies subschemas (properties, items, allOf, if, ...)
	Assertion               // asserts something of the value itself (type, minimum, required, ...)
	Annotation              // says something about the value, asserts nothing (title, default, ...)
)

// Kind says how a bound assertion constrains its measure of the value (the number itself, a
// string's length in code points, an array's item count, ...).
type Kind uint8

// The kinds of assertions.
const (
	// Other assertions are read and checked on their own (type, enum, const, pattern, format,
	// required, dependentRequired): they carry no number.
	Other    Kind = iota
	Lower         // the measure is at least the value (strictly when Exclusive)
	Upper         // the measure is at most the value (strictly when Exclusive)
	Multiple      // the number is a multiple of the value
	Flag          // a boolean that asserts when true (uniqueItems)
)

// Keyword is one row of the table.
type Keyword struct {
	Name   string
	Drafts Draft
	Class  Class
	// Instance is the JSON type an assertion applies to ("number", "string", "array",
	// "object"); values of other types pass. "" for keywords that apply to every type.
	Instance string
	Kind     Kind
	// Exclusive: a Lower or Upper bound that the measure may not equal.
	Exclusive bool
	// Typed says that the typed Validate checks the keyword (model.Checks carries it); the
	// dynamic validator checks every assertion.
	Typed bool
	// Needs names the keyword without which this one asserts nothing (maxContains needs
	// contains), "" when it asserts alone.
	Needs string
	// Check names the support function that checks a string bound (checkMinLength); a
	// table-checked struct's row holds the op of the same name (cMinLength). The other bounds
	// are checked by their kind: counts, numbers and flags each have one function (see
	// generator/emit/bounds.go).
	Check string

	rat  func(*Values) **big.Rat
	num  func(*Values) **int
	flag func(*Values) *bool
	read func(*jsonschema.Schema, *Values)
}

// Bound reports whether the keyword carries a number or a flag in Values.
func (k *Keyword) Bound() bool { return k.Kind != Other }

// Rat is the keyword's value in v as a number (counts and lengths too), nil when unset; a Flag
// is 1 when set.
func (k *Keyword) Rat(v *Values) *big.Rat {
	switch {
	case k.rat != nil:
		return *k.rat(v)
	case k.num != nil:
		if p := *k.num(v); p != nil {
			return big.NewRat(int64(*p), 1)
		}
	case k.flag != nil:
		if *k.flag(v) {
			return big.NewRat(1, 1)
		}
	}
	return nil
}

// Int is the value in v of a count or length keyword, nil when unset or when the keyword
// carries a number or a flag.
func (k *Keyword) Int(v *Values) *int {
	if k.num == nil {
		return nil
	}
	return *k.num(v)
}

// IsSet reports whether v holds a value for the keyword.
func (k *Keyword) IsSet(v *Values) bool {
	switch {
	case k.rat != nil:
		return *k.rat(v) != nil
	case k.num != nil:
		return *k.num(v) != nil
	case k.flag != nil:
		return *k.flag(v)
	}
	return false
}

// Read reads the bound assertions of one compiled schema (pointers are shared with it).
func Read(s *jsonschema.Schema) Values {
	var v Values
	for _, k := range bounds {
		k.read(s, &v)
	}
	return v
}

// Asserts reports whether v holds an assertion that constrains a value on its own (maxContains
// without contains does not).
func (v *Values) Asserts() bool {
	for _, k := range bounds {
		if k.Needs == "" && k.IsSet(v) {
			return true
		}
	}
	return false
}

// Empty reports whether no typed assertion is set (model.Checks carries only those).
func (v *Values) Empty() bool {
	for _, k := range bounds {
		if k.Typed && k.IsSet(v) {
			return false
		}
	}
	return true
}

// Meet adds the typed assertions of o to v, so that a value meets v exactly when it met both:
// the tightest of two bounds, the least common multiple of two multipleOf, either flag.
// Pointers are shared with the inputs.
func (v *Values) Meet(o *Values) {
	for _, k := range bounds {
		if !k.Typed {
			continue
		}
		switch {
		case k.rat != nil:
			p := k.rat(v)
			*p = meetRat(k.Kind, *p, *k.rat(o))
		case k.num != nil:
			p := k.num(v)
			*p = meetInt(k.Kind, *p, *k.num(o))
		case k.flag != nil:
			p := k.flag(v)
			*p = *p || *k.flag(o)
		}
	}
}

// Interval is what the bounds of one instance type allow of its measure (the number itself, a
// string's length, an array's item count, an object's property count): at least Lo (more than
// Lo when LoExclusive), at most Hi (less than Hi when HiExclusive), a multiple of Mult; nil is
// unbounded. diff's example values come from it, so that they follow a new bound row.
type Interval struct {
	Lo, Hi, Mult             *big.Rat
	LoExclusive, HiExclusive bool
}

// Interval is the interval of v's bounds of the instance type ("number", "string", "array",
// "object"): the tightest Lower and Upper (the exclusive one of two equal bounds), the least
// common multiple of the Multiples. Flags, and bounds that assert only beside another keyword
// (minContains counts the items that match contains, not the items), are left out.
func (v *Values) Interval(instance string) Interval {
	var in Interval
	for _, k := range bounds {
		if k.Instance != instance || k.Needs != "" {
			continue
		}
		r := k.Rat(v)
		if r == nil {
			continue
		}
		switch k.Kind {
		case Lower:
			if in.Lo == nil || r.Cmp(in.Lo) > 0 || r.Cmp(in.Lo) == 0 && k.Exclusive {
				in.Lo, in.LoExclusive = r, k.Exclusive
			}
		case Upper:
			if in.Hi == nil || r.Cmp(in.Hi) < 0 || r.Cmp(in.Hi) == 0 && k.Exclusive {
				in.Hi, in.HiExclusive = r, k.Exclusive
			}
		case Multiple:
			in.Mult = LCM(in.Mult, r)
		}
	}
	return in
}

func meetRat(kind Kind, a, b *big.Rat) *big.Rat {
	if b == nil {
		return a
	}
	switch kind {
	case Lower:
		if a == nil || b.Cmp(a) > 0 {
			return b
		}
	case Upper:
		if a == nil || b.Cmp(a) < 0 {
			return b
		}
	case Multiple:
		return LCM(a, b)
	}
	return a
}

func meetInt(kind Kind, a, b *int) *int {
	if b == nil {
		return a
	}
	if a == nil || (kind == Lower && *b > *a) || (kind == Upper && *b < *a) {
		return b
	}
	return a
}

// LCM is the least common multiple of two positive rationals: the smallest positive number
// that is a multiple of both, so that "a multiple of a and of b" is "a multiple of LCM(a,
// b)"; nil arguments are absent.
func LCM(a, b *big.Rat) *big.Rat {
	if a == nil {
		return b
	}
	if b == nil || a.Cmp(b) == 0 {
		return a
	}
	// For reduced p/q and r/s: lcm(p, r) / gcd(q, s).
	p, q := new(big.Int).Abs(a.Num()), a.Denom()
	r, s := new(big.Int).Abs(b.Num()), b.Denom()
	g := new(big.Int).GCD(nil, nil, p, r)
	if g.Sign() == 0 {
		return a
	}
	l := new(big.Int).Mul(p, r)
	l.Quo(l, g)
	d := new(big.Int).GCD(nil, nil, q, s)
	return new(big.Rat).SetFrac(l, d)
}

// Table is every keyword, in the order diff reports changes of bound assertions: numbers,
// counts, lengths.
func Table() []*Keyword { return table }

// Bounds are the bound assertions (Kind other than Other), in table order.
func Bounds() []*Keyword { return bounds }

// Lookup finds a keyword by name, nil when none has it.
func Lookup(name string) *Keyword { return byName[name] }

// Vocabulary reports whether name is a keyword of the draft: one its meta-schemas describe
// (every vocabulary).
func Vocabulary(d Draft, name string) bool {
	k := byName[name]
	return k != nil && k.Drafts&d != 0
}

// Conflicts lists the pairs of bounds of one instance type that no value can meet together:
// a Lower above an Upper (or equal to it when either is exclusive). Each conflict is the lower
// keyword, the upper keyword, and whether equality already conflicts. The order is the
// table's: uppers first, then lowers.
func Conflicts() []Conflict { return conflicts }

// Conflict is a Lower bound and an Upper bound of one instance type.
type Conflict struct {
	Lower, Upper *Keyword
	Strict       bool // equal values conflict too
}
