package namievents_test

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/generated/namievents"
)

// TestDifferentialMutants mutates every member and item of every valid fixture, at every
// depth: deleted, retyped (a value of another JSON type), nulled, and for an object, given an
// extra member. santhosh-tekuri and Decode must agree on each mutant, and a mutant Decode
// accepts must re-encode to the same JSON (undeclared members included).
func TestDifferentialMutants(t *testing.T) {
	sch := compileInputSchema(t)
	total, valid := 0, 0
	for _, f := range readFixtures(t, "events") {
		var root any
		dec := json.NewDecoder(bytes.NewReader(f.data))
		dec.UseNumber()
		if err := dec.Decode(&root); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, m := range mutate(root) {
			data, err := json.Marshal(m.value)
			if err != nil {
				t.Fatal(err)
			}
			if seen[string(data)] {
				continue
			}
			seen[string(data)] = true
			total++
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			refErr := sch.Validate(inst)
			ev, genErr := namievents.Decode(data)
			if (refErr == nil) != (genErr == nil) {
				t.Errorf("%s, %s: santhosh-tekuri valid=%v, Decode valid=%v\nDecode: %v", f.name, m.what, refErr == nil, genErr == nil, genErr)
				continue
			}
			if genErr != nil {
				continue
			}
			valid++
			out, err := json.Marshal(ev)
			if err != nil {
				t.Errorf("%s, %s: json.Marshal: %v", f.name, m.what, err)
				continue
			}
			if diff := cmp.Diff(normalJSON(t, data), normalJSON(t, out)); diff != "" {
				t.Errorf("%s, %s: re-encoded JSON differs (-in +out):\n%s", f.name, m.what, diff)
			}
		}
	}
	if total < 1000 {
		t.Errorf("only %d mutants: the mutation is not working", total)
	}
	t.Logf("santhosh-tekuri and Decode agree on %d mutants of the fixtures (%d valid, re-encoded unchanged; %d invalid)", total, valid, total-valid)
}

type mutant struct {
	what  string
	value any
}

// mutate lists the mutants of a decoded JSON document, in a stable order.
func mutate(root any) []mutant {
	var out []mutant
	var walk func(v any, at []string)
	walk = func(v any, at []string) {
		ptr := "/" + joinPtr(at)
		if len(at) > 0 {
			out = append(out, mutant{"deleted " + ptr, edit(root, at, nil, true)})
			out = append(out, mutant{"nulled " + ptr, edit(root, at, nil, false)})
		}
		out = append(out, mutant{"retyped " + ptr, edit(root, at, retyped(v), false)})
		switch v := v.(type) {
		case map[string]any:
			grown := map[string]any{"x_namigen_extra": json.Number("1")}
			keys := make([]string, 0, len(v))
			for k, x := range v {
				grown[k] = x
				keys = append(keys, k)
			}
			out = append(out, mutant{"member added at " + ptr, edit(root, at, grown, false)})
			sort.Strings(keys)
			for _, k := range keys {
				walk(v[k], append(append([]string(nil), at...), k))
			}
		case []any:
			for i, x := range v {
				walk(x, append(append([]string(nil), at...), strconv.Itoa(i)))
			}
		}
	}
	walk(root, nil)
	return out
}

func joinPtr(at []string) string {
	s := ""
	for i, t := range at {
		if i > 0 {
			s += "/"
		}
		s += t
	}
	return s
}

// edit returns a copy of v with the value at `at` replaced by nv, or removed when del.
func edit(v any, at []string, nv any, del bool) any {
	if len(at) == 0 {
		return nv
	}
	switch c := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(c))
		for k, x := range c {
			out[k] = x
		}
		if del && len(at) == 1 {
			delete(out, at[0])
		} else {
			out[at[0]] = edit(c[at[0]], at[1:], nv, del)
		}
		return out
	case []any:
		i, _ := strconv.Atoi(at[0])
		if del && len(at) == 1 {
			return append(append([]any{}, c[:i]...), c[i+1:]...)
		}
		out := append([]any{}, c...)
		out[i] = edit(c[i], at[1:], nv, del)
		return out
	}
	return v
}

// retyped is a value of another JSON type.
func retyped(v any) any {
	switch v.(type) {
	case string:
		return json.Number("7")
	case json.Number:
		return "7"
	case bool:
		return "true"
	case nil:
		return false
	case map[string]any:
		return []any{}
	}
	return map[string]any{}
}
