package main

import (
	"fmt"
	"io"
)

// writeRoundTrip reports the round trip of the accepted instances: how many kept their value
// and JSON, and the first few that did not.
func writeRoundTrip(w io.Writer, groups []*group) {
	accepted, lost := 0, 0
	var first []string
	for _, g := range groups {
		for _, tc := range g.Tests {
			if !tc.Ran || !tc.Got {
				continue
			}
			accepted++
			if tc.RoundTrip != "" {
				lost++
				if len(first) < 10 {
					first = append(first, fmt.Sprintf("- %s | %s | %s: %s", g.File, g.Description, tc.Description, oneLine(tc.RoundTrip, 200)))
				}
			}
		}
	}
	fmt.Fprintf(w, "round trip (decode → encode → decode, JSON kept): %d/%d accepted instances\n", accepted-lost, accepted)
	for _, f := range first {
		fmt.Fprintln(w, f)
	}
}

// roundTripSource is appended to the conformance program. For every instance the generated code
// accepts, roundTrip checks that decode → encode → decode gives back an equal Go value and that
// the re-encoded JSON is semantically equal to the input (numbers by value, members in any
// order): a type that drops or changes a member it accepted fails it.
const roundTripSource = `
func roundTrip[T any](data []byte) string {
	var v1 T
	if err := json.Unmarshal(data, &v1); err != nil {
		return "decode: " + err.Error()
	}
	enc, err := json.Marshal(&v1)
	if err != nil {
		return "encode: " + err.Error()
	}
	if !sameJSON(data, enc) {
		return "the re-encoded JSON differs from the input: " + clip(string(enc))
	}
	var v2 T
	if err := json.Unmarshal(enc, &v2); err != nil {
		return "decoding the re-encoded JSON: " + err.Error()
	}
	if !equalValue(reflect.ValueOf(&v1).Elem(), reflect.ValueOf(&v2).Elem()) {
		return "decode → encode → decode gives a different Go value"
	}
	return ""
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

func decodeGeneric(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

// sameJSON is JSON equality of two texts.
func sameJSON(a, b []byte) bool {
	va, ok1 := decodeGeneric(a)
	vb, ok2 := decodeGeneric(b)
	return ok1 && ok2 && jsonEq(va, vb)
}

func jsonEq(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		ra, ok1 := new(big.Rat).SetString(string(a))
		rb, ok2 := new(big.Rat).SetString(string(bn))
		return ok1 && ok2 && ra.Cmp(rb) == 0
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !jsonEq(v, w) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !jsonEq(a[i], bs[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

var (
	rawType  = reflect.TypeOf(json.RawMessage(nil))
	timeType = reflect.TypeOf(time.Time{})
)

// equalValue is reflect.DeepEqual, except that raw JSON compares as JSON (the first decode
// keeps the input's spacing) and times compare as instants.
func equalValue(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch {
	case a.Type() == rawType:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameJSON(a.Bytes(), b.Bytes())
	case a.Type() == timeType:
		return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !equalValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		fallthrough
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if !equalValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			w := b.MapIndex(it.Key())
			if !w.IsValid() || !equalValue(it.Value(), w) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	return true
}
`
