package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"
)

// group is one schema with the instances to check against it: a test group of the
// JSON-Schema-Test-Suite, or one SchemaStore schema with its test and negative_test instances.
type group struct {
	ID          int
	File        string // report key: the suite file (relative to DIR) or the SchemaStore schema name
	Optional    bool   // under optional/
	Description string
	// Schema is the group's schema (test suite); SchemaPath a schema file to generate from
	// directly (SchemaStore).
	Schema     json.RawMessage
	SchemaPath string
	// FormatAssertion: "format" is checked (optional/format/); otherwise it is an annotation.
	FormatAssertion bool
	Tests           []*testCase
}

// testCase is one instance and the expected outcome.
type testCase struct {
	Description string
	Data        json.RawMessage
	Valid       bool
	// Skip, when set, says why the instance is not run (it counts as a failure in the headline).
	Skip string

	// Outcome.
	Ran     bool
	Got     bool   // accepted
	Message string // the validation error, the generation error or the crash
	Note    string // why the outcome may say little (no Go type for the root schema)
	// RoundTrip, for an accepted instance, says how decode → encode → decode failed to give
	// back the same value and semantically the same JSON ("" when it did).
	RoundTrip string
	// Mutant: a mutation of a valid instance (options.Mutations); Valid means nothing for it.
	Mutant bool
}

// suiteFile is the shape of a JSON-Schema-Test-Suite file.
type suiteFile []struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// readSuite reads every *.json below dir (optional/ included unless requiredOnly).
func readSuite(dir string, requiredOnly bool) ([]*group, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if de.IsDir() {
			if requiredOnly && rel == "optional" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".json") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no test file (*.json)", dir)
	}
	sort.Slice(files, func(i, j int) bool {
		oi, oj := strings.HasPrefix(files[i], "optional/"), strings.HasPrefix(files[j], "optional/")
		if oi != oj {
			return oj
		}
		return files[i] < files[j]
	})
	var groups []*group
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		var sf suiteFile
		if err := json.Unmarshal(data, &sf); err != nil {
			return nil, fmt.Errorf("%s: %v", rel, err)
		}
		for _, g := range sf {
			gr := &group{
				ID:              len(groups),
				File:            rel,
				Optional:        strings.HasPrefix(rel, "optional/"),
				Description:     g.Description,
				Schema:          g.Schema,
				FormatAssertion: strings.HasPrefix(rel, "optional/format/"),
			}
			for _, t := range g.Tests {
				gr.Tests = append(gr.Tests, &testCase{Description: t.Description, Data: t.Data, Valid: t.Valid})
			}
			groups = append(groups, gr)
		}
	}
	return groups, nil
}

// readSchemaStore reads schemas/<name>.json with test/<name>/* (valid) and
// negative_test/<name>/* (invalid).
func readSchemaStore(dir string, formatAssertion bool) ([]*group, error) {
	schemas, err := filepath.Glob(filepath.Join(dir, "schemas", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(schemas) == 0 {
		return nil, fmt.Errorf("%s holds no schemas/*.json", dir)
	}
	sort.Strings(schemas)
	var groups []*group
	for _, s := range schemas {
		name := strings.TrimSuffix(filepath.Base(s), ".json")
		g := &group{ID: len(groups), File: name, Description: name, SchemaPath: s, FormatAssertion: formatAssertion}
		for _, kind := range []struct {
			sub   string
			valid bool
		}{{"test", true}, {"negative_test", false}} {
			entries, err := os.ReadDir(filepath.Join(dir, kind.sub, name))
			if err != nil && !os.IsNotExist(err) {
				return nil, err
			}
			for _, de := range entries {
				if de.IsDir() {
					continue
				}
				p := filepath.Join(dir, kind.sub, name, de.Name())
				tc := &testCase{Description: kind.sub + "/" + name + "/" + de.Name(), Valid: kind.valid}
				data, reason := readInstance(p)
				tc.Data, tc.Skip = data, reason
				g.Tests = append(g.Tests, tc)
			}
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// readInstance reads a JSON or YAML instance as JSON data; the reason is set when it cannot.
func readInstance(p string) (json.RawMessage, string) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "cannot read: " + err.Error()
	}
	switch strings.ToLower(filepath.Ext(p)) {
	case ".json":
		if !json.Valid(data) {
			return nil, "not valid JSON"
		}
		return data, ""
	case ".yaml", ".yml":
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			return nil, "YAML the reader cannot parse: " + err.Error()
		}
		v, err = yamlToJSON(v)
		if err != nil {
			return nil, "YAML that is not JSON data: " + err.Error()
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return nil, "YAML that is not JSON data: " + err.Error()
		}
		return bytes.TrimSpace(b.Bytes()), ""
	}
	return nil, "unknown instance format " + filepath.Ext(p)
}

// yamlToJSON turns decoded YAML into values encoding/json can write: string keys only,
// timestamps as strings.
func yamlToJSON(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			c, err := yamlToJSON(e)
			if err != nil {
				return nil, err
			}
			v[k] = c
		}
		return v, nil
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			var ks string
			switch k := k.(type) {
			case string:
				ks = k
			case int, int64, uint64, float64, bool:
				ks = fmt.Sprint(k)
			case nil:
				ks = "null"
			default:
				return nil, fmt.Errorf("map key %v of type %T", k, k)
			}
			c, err := yamlToJSON(e)
			if err != nil {
				return nil, err
			}
			m[ks] = c
		}
		return m, nil
	case []any:
		for i, e := range v {
			c, err := yamlToJSON(e)
			if err != nil {
				return nil, err
			}
			v[i] = c
		}
		return v, nil
	case fmt.Stringer:
		return v.String(), nil
	}
	return v, nil
}
