package main

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// maxMutationSites bounds the places of one instance that are mutated (spread evenly over the
// instance in document order), so a large instance does not dominate the run.
const maxMutationSites = 16

// mutants derives invalid-or-not variants of a valid instance, for the differential test: at
// each chosen place, the member (or item) is deleted, retyped (a value of another JSON type),
// nulled, and, for an object, given an extra member. Their validity is not known: the
// reference validator decides. The result is deterministic.
func mutants(tc *testCase) []*testCase {
	dec := json.NewDecoder(bytes.NewReader(tc.Data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil
	}
	var sites [][]string // JSON Pointer tokens, document order (object keys sorted)
	var walk func(v any, at []string)
	walk = func(v any, at []string) {
		sites = append(sites, append([]string(nil), at...))
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(v[k], append(at, k))
			}
		case []any:
			for i, c := range v {
				walk(c, append(at, strconv.Itoa(i)))
			}
		}
	}
	walk(root, nil)
	chosen := sites
	if len(sites) > maxMutationSites {
		chosen = nil
		for i := 0; i < maxMutationSites; i++ {
			chosen = append(chosen, sites[i*len(sites)/maxMutationSites])
		}
	}
	var out []*testCase
	seen := map[string]bool{string(tc.Data): true}
	add := func(kind string, at []string, v any) {
		data, err := json.Marshal(v)
		if err != nil || seen[string(data)] {
			return
		}
		seen[string(data)] = true
		out = append(out, &testCase{Description: tc.Description + " " + kind + " " + pointer(at), Data: data, Mutant: true})
	}
	for _, at := range chosen {
		cur := get(root, at)
		if len(at) > 0 {
			add("deleted", at, edit(root, at, nil, true))
		}
		add("retyped", at, edit(root, at, retype(cur), false))
		if cur != nil {
			add("nulled", at, edit(root, at, nil, false))
		}
		if obj, ok := cur.(map[string]any); ok {
			grown := map[string]any{"namigen_extra_member": json.Number("1")}
			for k, v := range obj {
				grown[k] = v
			}
			add("member added at", at, edit(root, at, grown, false))
		}
	}
	return out
}

func pointer(at []string) string {
	var b strings.Builder
	for _, t := range at {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	if b.Len() == 0 {
		return "(root)"
	}
	return b.String()
}

func get(v any, at []string) any {
	for _, t := range at {
		switch c := v.(type) {
		case map[string]any:
			v = c[t]
		case []any:
			i, _ := strconv.Atoi(t)
			v = c[i]
		}
	}
	return v
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

// retype gives a value of another JSON type.
func retype(v any) any {
	switch v.(type) {
	case string:
		return json.Number("123")
	case json.Number:
		return "123"
	case bool:
		return "true"
	case nil:
		return false
	case map[string]any:
		return []any{}
	case []any:
		return map[string]any{}
	}
	return nil
}

// addMutants appends the mutants of every valid instance to its group (options.Mutations).
func addMutants(groups []*group) {
	for _, g := range groups {
		var extra []*testCase
		for _, tc := range g.Tests {
			if tc.Valid && tc.Skip == "" && !tc.Mutant {
				extra = append(extra, mutants(tc)...)
			}
		}
		g.Tests = append(g.Tests, extra...)
	}
}
