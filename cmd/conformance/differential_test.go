package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// referenceBugs are the instances where santhosh-tekuri is wrong and the generated code right
// (SchemaStore's expectation, checked with ajv-formats upstream, agrees with the generated code).
// TestReferenceBugs proves each reason still holds.
var referenceBugs = map[string]string{
	"negative_test/github-funding/custom-array-bad-format.json":  "its uri-reference format accepts \"not a uri\" (spaces are not allowed by RFC 3986)",
	"negative_test/github-funding/custom-string-bad-format.json": "its uri-reference format accepts \"not a uri\" (spaces are not allowed by RFC 3986)",
}

// TestReferenceBugs shows the santhosh-tekuri behaviour referenceBugs relies on, so the list
// goes stale loudly when the reference validator is fixed.
func TestReferenceBugs(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"format": "uri-reference"}`)))
	if err := c.AddResource("file:///uri-reference.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("file:///uri-reference.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate("not a uri"); err != nil {
		t.Fatalf("santhosh-tekuri now rejects \"not a uri\" as a uri-reference (%v): remove the referenceBugs entries", err)
	}
}

// TestSchemaStoreDifferential: the generated validators and santhosh-tekuri/jsonschema (the
// reference validator, formats asserted as for the generated code) agree on valid/invalid for
// every SchemaStore instance and for mutants of every valid one (a member deleted, retyped,
// nulled or added: mutate.go). The same run checks the round trip of every accepted instance,
// mutants included: decode → encode → decode gives an equal value, and the re-encoded JSON is
// semantically the input (roundtrip.go).
func TestSchemaStoreDifferential(t *testing.T) {
	needShared(t, storeDir)
	groups, err := run(context.Background(), options{Dir: storeDir, SchemaStore: true, FormatAssertion: true, Mutations: true})
	if err != nil {
		t.Fatal(err)
	}
	compared, refBugs, mutants, mutantsValid, tripped := 0, 0, 0, 0, 0
	for _, g := range groups {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		abs, err := filepath.Abs(g.SchemaPath)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(abs)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		if err := c.AddResource(abs, doc); err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		sch, err := c.Compile(abs)
		if err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		for _, tc := range g.Tests {
			if tc.Skip != "" || !tc.Ran {
				t.Errorf("%s: %s was not run (%s)", g.File, tc.Description, tc.Skip)
				continue
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(tc.Data))
			if err != nil {
				t.Fatalf("%s: %s: %v", g.File, tc.Description, err)
			}
			ref := sch.Validate(inst) == nil
			if tc.Got {
				tripped++
				if tc.RoundTrip != "" {
					t.Errorf("%s: %s: round trip: %s", g.File, tc.Description, tc.RoundTrip)
				}
			}
			if tc.Mutant {
				mutants++
				if ref {
					mutantsValid++
				}
				if ref != tc.Got {
					t.Errorf("%s: mutant %s: santhosh-tekuri says valid=%v, generated code says valid=%v (%s)", g.File, tc.Description, ref, tc.Got, tc.Message)
				}
				continue
			}
			if why, known := referenceBugs[tc.Description]; known && !ref && !tc.Got {
				t.Errorf("%s: %s: listed as a santhosh-tekuri bug (%s), but both reject it now: remove it from referenceBugs", g.File, tc.Description, why)
			}
			if _, known := referenceBugs[tc.Description]; known && ref && !tc.Got && !tc.Valid {
				refBugs++
				continue
			}
			if ref != tc.Got {
				t.Errorf("%s: %s: santhosh-tekuri says valid=%v, generated code says valid=%v (%s)", g.File, tc.Description, ref, tc.Got, tc.Message)
			}
			compared++
		}
	}
	if compared+refBugs < 374 {
		t.Errorf("compared %d instances, want all 374", compared+refBugs)
	}
	if mutants < 1000 {
		t.Errorf("only %d mutants were compared; the mutation of valid instances is not working", mutants)
	}
	t.Logf("generated code and santhosh-tekuri agree on %d SchemaStore instances; on %d more santhosh-tekuri is wrong (referenceBugs)", compared, refBugs)
	t.Logf("they agree on %d mutants of the valid instances (%d valid, %d invalid)", mutants, mutantsValid, mutants-mutantsValid)
	t.Logf("%d accepted instances (mutants included) round-trip: decode → encode → decode gives an equal value and semantically the same JSON", tripped)
}
