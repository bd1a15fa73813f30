package emit

import (
	"math/big"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/keyword"
	"github.com/namigen/namigen/generator/model"
)

// The bound assertions (minimum ... maxProperties, uniqueItems) as the keyword table describes
// them (generator/keyword). The typed Validate (validate.go), the dynamic validator
// (dynamic.go) and the table plan (tableplan.go) each loop over the table's rows for the JSON
// type of the value they check, in table order, and choose the form of a check by the row's
// instance type and kind:
//
//   - a string bound calls the runtime function the row names (Keyword.Check), and a table row
//     holds the op of the same name (checkMinLength, cMinLength);
//   - a count of items or properties calls checkCount (a table row: cCount);
//   - a number bound calls checkIntBound, checkFloatBound or checkNumber (checkNumberJSON in the
//     dynamic validator) with the keyword's name, a multipleOf checkIntMultipleOf or
//     checkMultipleOf (checkMultipleOfJSON; cIntBound, cFloatBound, cIntMultipleOf in a table);
//   - a flag (uniqueItems, the only one) calls checkUnique (checkUniqueAny; cUnique).
//
// The number bounds come out in table order: minimum, exclusiveMinimum, maximum,
// exclusiveMaximum, multipleOf (golden case number-bounds).
//
// So a new bound keyword is its row in keyword/table.go and, when no function above checks it,
// its runtime function (and table op): see generator/README.md, "One keyword table".

// setBounds lists the bound keywords of the JSON type instance that v sets, in table order:
// with typed, only those the typed Validate checks (Keyword.Typed; the dynamic validator checks
// them all). Keywords that need another (maxContains) are the dynamic validator's own.
func setBounds(v *keyword.Values, instance string, typed bool) []*keyword.Keyword {
	if v == nil {
		return nil
	}
	var out []*keyword.Keyword
	for _, k := range keyword.Bounds() {
		if k.Instance == instance && k.Needs == "" && (k.Typed || !typed) && k.IsSet(v) {
			out = append(out, k)
		}
	}
	return out
}

// checksValues is the bound assertions of typed checks, nil for none.
func checksValues(c *model.Checks) *keyword.Values {
	if c == nil {
		return nil
	}
	return &c.Values
}

// countNoun is what a count bound of the JSON type instance counts, as checkCount names it.
func countNoun(instance string) string {
	if instance == "object" {
		return "properties"
	}
	return "items"
}

// tableOp is the op of a table row that checks what the runtime function check checks:
// checkMinLength → cMinLength.
func tableOp(check string) string {
	return "c" + strings.TrimPrefix(check, "check")
}

// lengthCalls checks the string s against the string bounds v sets:
//
//	checkMinLength(s, 1, p, e, "schema.json#/$defs/T/minLength")
func lengthCalls(v *keyword.Values, typed bool, s, p jen.Code, at string) []jen.Code {
	var out []jen.Code
	for _, k := range setBounds(v, "string", typed) {
		out = append(out, jen.Id(k.Check).Call(s, jen.Lit(*k.Int(v)), p, jen.Id("e"), jen.Lit(at+"/"+k.Name)))
	}
	return out
}

// countCalls checks the count n of an array's items or an object's properties (instance)
// against the count bounds v sets:
//
//	checkCount(len(x.Tags), -1, 20, "items", p, e, "schema.json#/$defs/T/properties/tags/maxItems")
func countCalls(v *keyword.Values, instance string, typed bool, n, p jen.Code, at string) []jen.Code {
	var out []jen.Code
	for _, k := range setBounds(v, instance, typed) {
		if lo, hi, ok := countRange(k, v); ok {
			out = append(out, jen.Id("checkCount").Call(n, jen.Lit(lo), jen.Lit(hi), jen.Lit(countNoun(instance)), p, jen.Id("e"), jen.Lit(at+"/"+k.Name)))
		}
	}
	return out
}

// countRange is a count bound as checkCount's minimum and maximum (-1: none); false for a
// keyword that is not a count (uniqueItems).
func countRange(k *keyword.Keyword, v *keyword.Values) (lo, hi int, ok bool) {
	n := k.Int(v)
	switch {
	case n == nil:
		return 0, 0, false
	case k.Kind == keyword.Lower:
		return *n, -1, true
	case k.Kind == keyword.Upper:
		return -1, *n, true
	}
	return 0, 0, false
}

// hasFlag reports whether v sets the flag keyword of the JSON type instance (uniqueItems).
func hasFlag(v *keyword.Values, instance string, typed bool) bool {
	for _, k := range setBounds(v, instance, typed) {
		if k.Kind == keyword.Flag {
			return true
		}
	}
	return false
}

// numberBound is one number bound v sets: a keyword that bounds the number (minimum, ...)
// or a multipleOf, with its value.
type numberBound struct {
	k *keyword.Keyword
	r *big.Rat
}

// numberBounds lists the number bounds v sets, in table order.
func numberBounds(v *keyword.Values, typed bool) []numberBound {
	var out []numberBound
	for _, k := range setBounds(v, "number", typed) {
		out = append(out, numberBound{k, k.Rat(v)})
	}
	return out
}
