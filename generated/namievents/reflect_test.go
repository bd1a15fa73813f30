package namievents_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/invopop/jsonschema"

	"github.com/namigen/namigen/generated/namievents"
)

// shapeOf is what this test compares between a reflected Go type and the input schema.
type shape struct {
	Properties []string          // property names, sorted
	Required   []string          // required property names, sorted
	Types      map[string]string // JSON type of each property; nullable ones as the non-null type
}

// nullablePrefix is how reflect names an instantiation of the generic Nullable[T].
var nullablePrefix = reflect.TypeOf(namievents.Nullable[string]{}).PkgPath() + ".Nullable["

// newReflector returns the invopop reflector this test uses.
//
// invopop/jsonschema v0.14.0 reflects a struct from its fields and json tags only; it does not
// look at MarshalJSON. Nullable[T] is a generic struct {Value T; Set, Null bool} whose
// MarshalJSON writes Value or null, so invopop would describe it as an object with the
// properties Value, Set and Null. It cannot express "T or null" from the Go type, so the Mapper
// below maps every Nullable[T] explicitly to the schema of T: the test compares nullable
// properties as their non-null type. Nothing else is mapped: time.Time is built into invopop
// (string, date-time), EventType and the other string enums reflect as string.
//
// Required: with RequiredFromJSONSchemaTags false invopop marks required every field whose json
// tag has neither omitempty nor omitzero (both are recognised in v0.14.0, see
// requiredFromJSONTags in reflect.go). The generated types tag required properties without
// either, optional ones with omitempty (pointers, slices) or omitzero (Nullable[T]).
func newReflector() *jsonschema.Reflector {
	r := &jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true, RequiredFromJSONSchemaTags: false}
	r.Mapper = func(t reflect.Type) *jsonschema.Schema {
		if t.Kind() == reflect.Struct && strings.HasPrefix(t.PkgPath()+"."+t.Name(), nullablePrefix) {
			inner, ok := t.FieldByName("Value")
			if !ok {
				panic("Nullable has no Value field")
			}
			return newReflector().ReflectFromType(inner.Type)
		}
		return nil
	}
	return r
}

func reflectedShape(t *testing.T, typ reflect.Type) shape {
	t.Helper()
	sch := newReflector().ReflectFromType(typ)
	if sch.Properties == nil {
		t.Fatalf("invopop reflected %v with no properties: %+v", typ, sch)
	}
	sh := shape{Types: map[string]string{}}
	for p := sch.Properties.Oldest(); p != nil; p = p.Next() {
		sh.Properties = append(sh.Properties, p.Key)
		sh.Types[p.Key] = reflectedType(p.Value)
	}
	sort.Strings(sh.Properties)
	sh.Required = append([]string(nil), sch.Required...)
	sort.Strings(sh.Required)
	return sh
}

func reflectedType(s *jsonschema.Schema) string {
	if s.Type != "" {
		return s.Type
	}
	var ts []string
	for _, b := range append(append([]*jsonschema.Schema{}, s.AnyOf...), s.OneOf...) {
		ts = append(ts, reflectedType(b))
	}
	return strings.Join(dedupe(ts), "|")
}

func schemaShape(t *testing.T, s *inputSchema, def string) shape {
	t.Helper()
	props, required := s.object(t, s.def(t, def))
	sh := shape{Required: required, Types: map[string]string{}}
	for name, ps := range props {
		sh.Properties = append(sh.Properties, name)
		sh.Types[name] = schemaType(t, s, ps)
	}
	sort.Strings(sh.Properties)
	return sh
}

// schemaType gives the JSON type of a property schema, nullable types as their non-null type:
// "type" (a string, or a list whose non-null members are kept), else the types of anyOf/oneOf
// branches other than {"type": "null"} (open enums, nullable refs), else the type of const or
// enum values.
func schemaType(t *testing.T, s *inputSchema, ps map[string]any) string {
	t.Helper()
	ps = s.resolve(t, ps)
	switch ty := ps["type"].(type) {
	case string:
		return ty
	case []any:
		var ts []string
		for _, x := range ty {
			if x != "null" {
				ts = append(ts, x.(string))
			}
		}
		return strings.Join(dedupe(ts), "|")
	}
	var ts []string
	for _, kw := range []string{"anyOf", "oneOf"} {
		if bs, ok := ps[kw].([]any); ok {
			for _, b := range bs {
				if bt := schemaType(t, s, b.(map[string]any)); bt != "null" { // a {"type": "null"} branch: nullable
					ts = append(ts, bt)
				}
			}
		}
	}
	if c, ok := ps["const"]; ok {
		ts = append(ts, jsonTypeOf(c))
	}
	if e, ok := ps["enum"].([]any); ok {
		for _, v := range e {
			if v != nil {
				ts = append(ts, jsonTypeOf(v))
			}
		}
	}
	if len(ts) == 0 {
		t.Fatalf("cannot tell the type of %v", ps)
	}
	return strings.Join(dedupe(ts), "|")
}

func jsonTypeOf(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}

func dedupe(ss []string) []string {
	sort.Strings(ss)
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// sharedStructs maps the generated struct for each shared object definition to its $defs name.
var sharedStructs = map[string]reflect.Type{
	"ActiveEntitlement":    reflect.TypeOf(namievents.ActiveEntitlement{}),
	"AppPlatform":          reflect.TypeOf(namievents.AppPlatform{}),
	"CustomerJourneyState": reflect.TypeOf(namievents.CustomerJourneyState{}),
	"Device":               reflect.TypeOf(namievents.Device{}),
	"DeviceWithAccess":     reflect.TypeOf(namievents.DeviceWithAccess{}),
	"Envelope":             reflect.TypeOf(namievents.Envelope{}),
	"ExternalId":           reflect.TypeOf(namievents.ExternalID{}),
	"PurchaseEntitlement":  reflect.TypeOf(namievents.PurchaseEntitlement{}),
	"UserState":            reflect.TypeOf(namievents.UserState{}),
}

func TestReflectMatchesSchema(t *testing.T) {
	s := loadInputSchema(t)
	cases := map[string]reflect.Type{}
	for def, typ := range sharedStructs {
		cases[def] = typ
	}
	for et, typ := range eventGoTypes {
		cases[s.eventDef(t, string(et))] = typ.Elem()
	}
	// Every object definition of the schema is covered.
	for name, d := range s.root["$defs"].(map[string]any) {
		if d.(map[string]any)["type"] == "object" {
			if _, ok := cases[name]; !ok {
				t.Errorf("$defs/%s is an object definition with no Go type in this test", name)
			}
		}
	}
	for def, typ := range cases {
		t.Run(def, func(t *testing.T) {
			want := schemaShape(t, s, def)
			got := reflectedShape(t, typ)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("invopop reflection of %v disagrees with $defs/%s (-schema +reflected):\n%s", typ, def, diff)
			}
		})
	}
}

// TestReflectNullableUnmapped pins the reason the Mapper in newReflector exists: without it,
// invopop reflects Nullable[string] as an object of its Go fields, not as the string it encodes;
// with it, the reflection is the string schema. If invopop changes either, this test fails and
// newReflector must be revisited.
func TestReflectNullableUnmapped(t *testing.T) {
	r := &jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	sch := r.ReflectFromType(reflect.TypeOf(namievents.Nullable[string]{}))
	var props []string
	if sch.Properties != nil {
		for p := sch.Properties.Oldest(); p != nil; p = p.Next() {
			props = append(props, p.Key)
		}
	}
	if diff := cmp.Diff([]string{"Value", "Set", "Null"}, props); diff != "" {
		t.Errorf("invopop now reflects Nullable[string] differently; revisit newReflector's Mapper (-old +new):\n%s", diff)
	}
	mapped := newReflector().ReflectFromType(reflect.TypeOf(namievents.Nullable[string]{}))
	n := 0
	if mapped.Properties != nil {
		n = mapped.Properties.Len()
	}
	if mapped.Type != "string" || n > 0 {
		t.Errorf("with the Mapper, Nullable[string] reflects as type %q with %d properties; want a string schema", mapped.Type, n)
	}
}
