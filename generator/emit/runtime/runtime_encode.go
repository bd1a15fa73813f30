package runtime

import (
	"bytes"
	"encoding/json"
)

// marshalWithExtra encodes a struct (given as the JSON of its declared fields) followed by its
// additional properties, in key order.
func marshalWithExtra[V any](declared []byte, extra map[string]V) ([]byte, error) {
	if len(extra) == 0 {
		return declared, nil
	}
	var b bytes.Buffer
	b.Write(declared[:len(declared)-1])
	first := len(declared) == 2
	for _, k := range sortedKeys(extra) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalKeeping encodes v, the declared fields of a struct (a type without the MarshalJSON
// that calls it), followed by its undeclared members. v is an any, not a type parameter: one
// instantiation per member type rather than one per struct.
func marshalKeeping[V any](v any, extra map[string]V) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return marshalWithExtra(data, extra)
}
