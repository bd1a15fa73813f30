// Package events finds the event types of an event bundle, for every phase that needs them: the
// model (the EventType enum and Decode), diff (event types matched between OLD and NEW) and
// fetch (event types added and removed by a fetch).
//
// An event schema is an object schema whose discriminator property (the key, "event_type" by
// default) has a const string: that string is its event type. The property may be declared by
// the schema itself or by the schemas it combines with $ref and allOf (an envelope shared by
// every event). The candidates are the alternatives of the bundle root's oneOf/anyOf when it has
// them (load.Result.Index), else every entry of the load.
package events

import (
	"github.com/namigen/namigen/generator/load"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// DefaultKey is the discriminator property of an event bundle unless configured otherwise.
const DefaultKey = "event_type"

// maxDepth bounds the $ref and allOf chains followed from an event schema.
const maxDepth = 8

// Type returns the event type an event schema declares: the const string of its key property,
// looking through $ref and allOf (its own properties first).
func Type(s *jsonschema.Schema, key string) (string, bool) {
	return typeOf(s, key, 0)
}

func typeOf(s *jsonschema.Schema, key string, depth int) (string, bool) {
	if s == nil || depth > maxDepth {
		return "", false
	}
	if p := s.Properties[key]; p != nil && p.Const != nil {
		if v, ok := (*p.Const).(string); ok {
			return v, true
		}
	}
	if v, ok := typeOf(s.Ref, key, depth+1); ok {
		return v, true
	}
	for _, a := range s.AllOf {
		if v, ok := typeOf(a, key, depth+1); ok {
			return v, true
		}
	}
	return "", false
}

// Event is an entry of a load that is an event schema.
type Event struct {
	Type  string
	Entry *load.Entry
}

// Find lists the event schemas of a load, in the order of the bundle's index (else of the
// entries). An event type may appear twice: the model rejects that, diff and fetch keep the
// first.
func Find(res *load.Result, key string) []Event {
	if key == "" {
		key = DefaultKey
	}
	cands := res.Index
	if len(cands) == 0 {
		cands = res.Entries
	}
	var out []Event
	for _, e := range cands {
		if e.Schema == nil {
			continue
		}
		if t, ok := Type(e.Schema, key); ok {
			out = append(out, Event{Type: t, Entry: e})
		}
	}
	return out
}

// Types lists the distinct event types of a load, in the order Find gives them.
func Types(res *load.Result, key string) []string {
	seen := map[string]bool{}
	var out []string
	for _, ev := range Find(res, key) {
		if !seen[ev.Type] {
			seen[ev.Type] = true
			out = append(out, ev.Type)
		}
	}
	return out
}

// Entries are the schemas of a load that become named types: its entries and, when the
// roots that list an index (load.Result.IndexRoots) list no event schema, those roots too. A
// root {"oneOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/b"}]} is then the union of a and
// b, as the document says; in an event bundle it is the event list, which Decode reads.
func Entries(res *load.Result, key string) []*load.Entry {
	if len(res.IndexRoots) == 0 || len(Find(res, key)) > 0 {
		return res.Entries
	}
	return append(res.Entries[:len(res.Entries):len(res.Entries)], res.IndexRoots...)
}
