// Package model is namigen's intermediate representation (IR) and the phase that builds it from
// the compiled schemas of the load phase. The IR says what Go to write, not how: it never
// imports jennifer, and the emitter never reads raw JSON.
//
// Mapping rules (each has a golden case under generator/testdata):
//   - object → struct, fields in declaration order; allOf parts are merged into one struct,
//     keeping every part's constraints (merge.go). An open struct keeps its undeclared members
//     raw in AdditionalProperties; an object type that declares no member is a map (open.go).
//   - required and non-nullable → T; optional → *T (nil: absent); required and nullable → *T
//     (nil: null); optional and nullable → Nullable[T] (Set, Null, Value). Slices, maps and any
//     use nil instead of a pointer.
//   - array → []T; additionalProperties/patternProperties → map[string]T, or an
//     AdditionalProperties map field beside declared properties.
//   - enum of strings, integers or numbers → named type with constants and All<Type>Values();
//     an enum alongside an unrestricted string of the same type (anyOf) is an open enum.
//   - oneOf/anyOf → tagged union: a discriminator property (const/enum on every branch) when
//     one exists, otherwise a wrapper that tries each branch.
//   - format date-time → time.Time; other formats keep their JSON type and are validated.
//   - no type at all → any (validated by its dynamic JSON type), Nullable[any] when optional
//     and null is allowed; a definition of any JSON type with constraints → struct{ Value any }.
//     Array or object keywords without a type, and "type": "null", are any too, checked by the
//     dynamic validator (open.go), except a property whose schema is only {"type": "null"}:
//     Field.OnlyNull, checked by the typed decoder and Validate.
//   - properties/required/... without any declared type → a struct that also holds a value of
//     another JSON type raw (Struct.NonObject), since the schema accepts one.
//
// Validation. The typed Validate checks type, enum, const, bounds, multipleOf, lengths,
// pattern, format, item counts, uniqueItems, required, additionalProperties: false and unions
// on the Go value without allocating. A named type whose schema needs more (not, if/then/else,
// dependentRequired, dependentSchemas/dependencies, propertyNames, contains, unevaluated*,
// prefixItems and tuple items, oneOf/anyOf beside properties, false schemas,
// patternProperties, constraints on untyped values, $dynamicRef/$recursiveRef to a dynamic
// anchor, additionalProperties beside names other allOf parts declare) is dynamic: Named.Dyn
// is its node in the dynamic validator (Schema), one generated function per schema node that
// implements every keyword with its 2020-12 semantics on the decoded JSON. Decoding runs it on
// the raw JSON; Validate encodes the value first (allocating). Unchecked lists what neither
// path enforces, for the doc comment, so nothing is dropped silently.
package model

import (
	"github.com/namigen/namigen/generator/keyword"
)

// Package is everything one generated Go package holds.
type Package struct {
	Name    string
	Sources []string // names of the input documents, for the file header
	Types   []*Named // in a deterministic order (by name)
	Events  *Events  // nil when the input has no discriminated event set
	// Schemas are the dynamic validator nodes, in location order (see Schema).
	Schemas []*Schema
	// Anchors are the $dynamicAnchor names that $dynamicRef resolves in the dynamic scope.
	Anchors []*DynamicAnchor
	Notes   []string // documented mapping decisions the emitter repeats in the package doc
	// Doc is the root schema's title and description, for the package doc ("" when none).
	Doc string
	// Warnings are generation warnings (a merge no value can satisfy, ...), sorted, each
	// starting with the schema location. The generated code still enforces the schema.
	Warnings []string
}

// Kind says which declaration a named type is.
type Kind int

// The kinds of named types.
const (
	KindStruct Kind = iota // type X struct { ... }
	KindEnum               // type X string + constants
	KindUnion              // type X struct { A *A; B *B } with custom JSON
	KindAlias              // type X <Type> (a named array, map or scalar with constraints)
	// KindAnyValue is a definition that accepts values of every JSON type but constrains them
	// (not, if, a false schema, ...): type X struct { Value any }, checked by its Dyn. Where
	// the definition is used, the value is any, checked by the enclosing type.
	KindAnyValue
)

// Named is a declared Go type.
type Named struct {
	Name     string
	Doc      string // from title and description
	Location string // where the schema is, for messages and doc comments
	Kind     Kind

	Struct *Struct
	Enum   *Enum
	Union  *Union
	Alias  *Type // for KindAlias

	// Checks are the constraints of the schema that apply to the value as a whole (for an alias:
	// its items, length, ...; for a struct: minProperties, ...).
	Checks *Checks

	// Deprecated is set from the schema's "deprecated" annotation.
	Deprecated bool
	// title and description are kept to drop a title that only repeats the type name.
	title, description string
	// want is the requested name, used to derive names of inline types before clashes are
	// resolved.
	want string
	// Unchecked lists schema keywords that the generated Validate does not enforce yet, with
	// their locations; the emitter writes them into the type's doc comment, so nothing is
	// dropped without a word.
	Unchecked []string
	// Dyn, when set, is the node whose dynamic validator checks values of this type: its
	// schema uses keywords the typed Validate cannot check. Decoding runs it on the decoded
	// JSON; Validate encodes the value to JSON first.
	Dyn     *Schema
	dynamic bool
	// scoped: the type holds a reference whose target the dynamic scope decides (dynref.go).
	scoped bool
}

// TypeKind says what a type expression is.
type TypeKind int

// The type expression kinds.
const (
	TBool TypeKind = iota
	TInt
	TFloat
	TString
	TTime   // time.Time (format date-time)
	TAny    // any: untyped JSON, numbers kept as json.Number
	TRaw    // json.RawMessage (true / {} additional properties)
	TNamed  // reference to a Named
	TSlice  // []Elem
	TMap    // map[string]Elem
	TExtern // x-go-type: an external Go type
	TPtr    // *Elem: an array item or map value that may be null (nil is null)
)

// Type is a Go type expression.
type Type struct {
	Kind  TypeKind
	Named *Named
	Elem  *Type
	// Extern names a Go type from x-go-type: ImportPath may be empty for builtins.
	ImportPath, Name string
	// Checks are the constraints on values of this type at the place it is used
	// (a field's minLength, an item's pattern, ...).
	Checks *Checks
}

// Presence says how a struct field keeps absent, null and zero apart.
type Presence int

// The field presence modes.
const (
	PresValue    Presence = iota // T: required, not nullable
	PresPointer                  // *T: nil is absent (optional) or null (required, nullable)
	PresNil                      // slice, map or any: nil is absent or null
	PresNullable                 // Nullable[T]: optional and nullable
)

// Struct is an object schema.
type Struct struct {
	Fields []*Field
	// Extra, when set, is the type of the AdditionalProperties map field holding keys that are
	// not declared properties (additionalProperties and patternProperties).
	Extra *Type
	// ClosedProps: undeclared keys are rejected (additionalProperties: false).
	Closed bool
	// Patterns are patternProperties: keys matching Pattern must hold values of Type.
	Patterns []*PatternProp
	// NonObject: the object shape is inferred (properties, required, ... but no part of the
	// schema declares a type), so JSON values that are not objects are valid too. The struct
	// keeps such a value raw (its NonObject accessor reports it), its dynamic validator checks
	// it, and MarshalJSON writes it back as is. Such a type is always dynamic. JSON null is
	// one of those values: an optional *T field of such a type is nil only when absent.
	NonObject bool
}

// PatternProp is one patternProperties entry.
type PatternProp struct {
	Pattern string
	Type    *Type
}

// Field is one property of a struct.
type Field struct {
	Name       string // Go name
	JSONName   string
	Doc        string
	Type       *Type
	Required   bool
	RequiredAt string // the schema location whose "required" lists it
	Nullable   bool
	Presence   Presence
	Deprecated bool
	// Const is the value the property must have, when the schema says so (JSON text).
	Const string
	// OnlyNull: the property's schema is {"type": "null"} (and annotations): its Go type is
	// any, and the typed Validate reports a present value that is not null.
	OnlyNull bool
}

// Enum is a named type with a fixed set of values.
type Enum struct {
	Base   TypeKind // TString, TInt, TFloat or TBool
	Values []*EnumValue
	// Open: other values of the base type are accepted too; the constants name the known ones.
	Open bool
}

// EnumValue is one constant.
type EnumValue struct {
	Name  string // Go constant name
	Value string // Go literal text of the value: a string's content, or a number's JSON text
	Doc   string
}

// Union is a oneOf/anyOf.
type Union struct {
	OneOf bool // exactly one branch must match (anyOf: at least one)
	// Discriminator is the JSON property that tells branches apart, or "".
	Discriminator string
	// Dispatch is the inferred property whose value narrows the branches to try (see
	// discriminator.go); nil when none does. The decoder uses it rather than Discriminator.
	Dispatch *Dispatch
	Variants []*Variant
	// Nullable: JSON null is a value of the union (a "null" branch); IsNull reports it.
	Nullable bool
}

// Variant is one branch of a union.
type Variant struct {
	Name string // Go field name in the wrapper
	Type *Type
	// Values of the discriminator that select this branch.
	Values []string
}

// Events is the event set of a webhook bundle: every entry of the bundle's index that has a
// const discriminator property.
type Events struct {
	Key    string // the JSON property, e.g. "event_type"
	Enum   *Named // EventType
	Events []*Event
}

// Event is one event type.
type Event struct {
	Value    string // e.g. "user.subscription.renewed"
	Constant string // e.g. EventTypeUserSubscriptionRenewed
	Type     *Named // the payload struct
}

// Checks are validation constraints. Every pointer is nil when the schema did not say it, so
// "maxLength: 0" and "no maxLength" stay apart.
type Checks struct {
	// Values are the bounds (numbers exact, lengths in code points, item and property
	// counts) and uniqueItems, read and merged by the keyword table (generator/keyword); Checks
	// holds the keywords the table marks Typed.
	keyword.Values
	Patterns []string // every pattern the value must match
	Format   string   // a format to assert, "" when absent
	// Enum lists allowed values (JSON texts) for a type that is not a named enum.
	Enum []string
	// Const: Enum holds the one value of a const keyword (violations name /const, not /enum).
	Const bool
	// SchemaPath is the keyword location prefix used in violations.
	SchemaPath string
}

// Empty reports whether no constraint is set.
func (c *Checks) Empty() bool {
	return c == nil || (c.Values.Empty() && len(c.Patterns) == 0 && c.Format == "" && len(c.Enum) == 0)
}
