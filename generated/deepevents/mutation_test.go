package deepevents

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// countSet counts the branches of a union struct that are set (non-nil pointer fields).
func countSet(u any) int {
	v := reflect.ValueOf(u).Elem()
	n := 0
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
			n++
		}
	}
	return n
}

// mutationsPerPayload is how many mutants TestDeepMutations makes of each corpus payload.
const mutationsPerPayload = 4

// TestDeepMutations decodes seeded random mutants of every corpus payload (a member deleted,
// retyped, nulled or added, or a dispatch tag set to another event's or action's value) and
// checks that Decode and santhosh-tekuri agree on every verdict.
func TestDeepMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("half a minute of reference validation; skipped in -short mode")
	}
	// The reference validates a mutant whose "event" is untouched against that event's own
	// definition: every other branch of the webhook union requires another "event" const, so
	// the verdict is the union's, and it costs a fiftieth of trying all 66 branches. A mutant
	// whose "event" changed is validated against the whole union.
	sch := compileWebhook(t)
	byEvent := map[string]*jsonschema.Schema{}
	r := rand.New(rand.NewPCG(11, 2026))
	tags := tagValues(t)
	kinds := map[string]int{}
	var valid, invalid, disagree int
	for _, p := range deepPayloads() {
		for k := 0; k < mutationsPerPayload; k++ {
			var doc any
			dec := json.NewDecoder(bytes.NewReader(p.Data))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			kind, where := mutate(r, doc, tags)
			kinds[kind]++
			data, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			ref := sch
			if ev, ok := doc.(map[string]any)["event"].(string); ok && ev == eventOf(p.Data) {
				if byEvent[ev] == nil {
					byEvent[ev] = compileDefinition(t, ev+"_event")
				}
				ref = byEvent[ev]
			}
			refErr := ref.Validate(inst)
			w, genErr := decodeWebhook(data)
			if (refErr == nil) != (genErr == nil) {
				disagree++
				if disagree <= 5 {
					t.Errorf("%s, %s at %s: santhosh-tekuri valid=%v, Decode valid=%v\nreference: %v\nDecode: %v",
						p.Name, kind, where, refErr == nil, genErr == nil, refErr, genErr)
				}
				continue
			}
			if genErr == nil {
				valid++
				if set := countSet(w); set != 1 {
					t.Errorf("%s, %s at %s: valid, but %d branches of Webhook set", p.Name, kind, where, set)
				}
			} else {
				invalid++
			}
		}
	}
	if disagree > 0 {
		t.Errorf("%d disagreements", disagree)
	}
	// The mutants must exercise both verdicts and every kind of change.
	if valid == 0 || invalid == 0 || len(kinds) != 5 {
		t.Errorf("weak mutants: %d valid, %d invalid, kinds %v", valid, invalid, kinds)
	}
	t.Logf("%d mutants agree (%d valid, %d invalid); kinds %v", valid+invalid, valid, invalid, kinds)
}

// tagValues lists the values of the dispatch properties ("event", "action") in the corpus.
func tagValues(t *testing.T) map[string][]string {
	seen := map[string]map[string]bool{"event": {}, "action": {}}
	for _, p := range deepPayloads() {
		var m map[string]any
		if err := json.Unmarshal(p.Data, &m); err != nil {
			t.Fatal(err)
		}
		for k := range seen {
			if s, ok := m[k].(string); ok {
				seen[k][s] = true
			}
		}
	}
	out := map[string][]string{}
	for k, vals := range seen {
		for v := range vals {
			out[k] = append(out[k], v)
		}
		sort.Strings(out[k])
	}
	return out
}

// place is a spot in a decoded document: an object and one of its keys.
type place struct {
	obj  map[string]any
	key  string
	path string
}

// places lists every object member of v, in a deterministic order.
func places(v any, path string, out []place) []place {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := path + "/" + k
			out = append(out, place{v, k, p})
			out = places(v[k], p, out)
		}
	case []any:
		for i, it := range v {
			out = places(it, fmt.Sprintf("%s/%d", path, i), out)
		}
	}
	return out
}

// mutate changes doc in place and says how and where.
func mutate(r *rand.Rand, doc any, tags map[string][]string) (kind, where string) {
	root := doc.(map[string]any)
	if r.IntN(5) == 0 {
		// A dispatch tag: another known value, or deleted, retyped or nulled below.
		key := "event"
		if _, ok := root["action"]; ok && r.IntN(2) == 0 {
			key = "action"
		}
		if r.IntN(2) == 0 {
			vals := tags[key]
			root[key] = vals[r.IntN(len(vals))]
			return "tag", "/" + key
		}
		return change(r, place{root, key, "/" + key})
	}
	ms := places(doc, "", nil)
	return change(r, ms[r.IntN(len(ms))])
}

func change(r *rand.Rand, m place) (kind, where string) {
	switch r.IntN(4) {
	case 0:
		delete(m.obj, m.key)
		return "delete", m.path
	case 1:
		m.obj[m.key] = retype(m.obj[m.key])
		return "retype", m.path
	case 2:
		m.obj[m.key] = nil
		return "null", m.path
	}
	// Add a member beside it: an unknown name, or a copy of a sibling under a new name.
	name := "x_added"
	if r.IntN(2) == 0 {
		name = strings.ToUpper(m.key)
	}
	m.obj[name] = m.obj[m.key]
	return "add", m.path[:strings.LastIndex(m.path, "/")+1] + name
}

// retype returns a value of another JSON type than v.
func retype(v any) any {
	switch v.(type) {
	case string:
		return json.Number("12")
	case json.Number:
		return "12"
	case bool:
		return json.Number("0")
	case map[string]any:
		return []any{}
	case []any:
		return map[string]any{}
	}
	return true // null
}

// eventOf returns the "event" of a corpus payload.
func eventOf(data []byte) string {
	var head struct{ Event string }
	if err := json.Unmarshal(data, &head); err != nil {
		panic(err)
	}
	return head.Event
}

// TestDeepDuplicateKeys gives a nested member twice (the sender's login), invalid then valid
// and valid then invalid: of a key given twice the last counts, for Decode as for
// santhosh-tekuri (encoding/json), also below the root where the decoder skims.
func TestDeepDuplicateKeys(t *testing.T) {
	p := deepPayloads()[0]
	ref := compileDefinition(t, eventOf(p.Data)+"_event")
	for _, insert := range []string{`"login":5,`, `"login":"x","login":5,`} {
		data := bytes.Replace(p.Data, []byte(`"sender":{`), []byte(`"sender":{`+insert), 1)
		if bytes.Equal(data, p.Data) {
			t.Fatal("no sender in the first payload")
		}
		// The sender's own login (a string) comes after the inserted ones and is the last.
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		refErr := ref.Validate(inst)
		_, genErr := decodeWebhook(data)
		if (refErr == nil) != (genErr == nil) {
			t.Errorf("insert %s: santhosh-tekuri valid=%v, Decode valid=%v: %v / %v", insert, refErr == nil, genErr == nil, refErr, genErr)
		}
	}
	// Two more site_admin members before the sender's own (valid, last) one.
	data := bytes.Replace(p.Data, []byte(`"sender":{`), []byte(`"sender":{"site_admin":true,"site_admin":"no",`), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	refErr := ref.Validate(inst)
	_, genErr := decodeWebhook(data)
	if (refErr == nil) != (genErr == nil) {
		t.Errorf("site_admin twice: santhosh-tekuri valid=%v, Decode valid=%v: %v / %v", refErr == nil, genErr == nil, refErr, genErr)
	}
}
