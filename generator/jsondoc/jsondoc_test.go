package jsondoc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestScanOrder(t *testing.T) {
	order, err := Scan([]byte(`{"b": 1, "a": {"z": [{"y": 1, "x": 2}], "": 3, "s/l~": {}}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"":          {"b", "a"},
		"/a":        {"z", "", "s/l~"},
		"/a/z/0":    {"y", "x"},
		"/a/s~1l~0": nil,
	}
	if d := cmp.Diff(want, order); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
}

func TestScanErrors(t *testing.T) {
	for _, tc := range []struct {
		in      string
		pointer string
		line    int
		msg     string
	}{
		{"{\n  \"a\": {\"b\": 1,}\n}", "/a", 2, "invalid character '}'"},
		{`{"a": [1, 2, }`, "/a/2", 1, "invalid character '}'"},
		{`{"a": 1, "a": 2}`, "/a", 1, `duplicate key "a"`},
		{`{"a": [1`, "/a/1", 1, "unexpected end of input"},
		{`{} {}`, "", 1, "unexpected data after the top-level value"},
	} {
		_, err := Scan([]byte(tc.in))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: err = %v, want a *SyntaxError", tc.in, err)
			continue
		}
		if se.Pointer != tc.pointer || se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%s: got %+v, want pointer %q line %d message containing %q", tc.in, se, tc.pointer, tc.line, tc.msg)
		}
	}
}

func TestMetaFailure(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"$defs": {"A": {"type": "strin"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("file:///x.json", doc); err != nil {
		t.Fatal(err)
	}
	_, err = c.Compile("file:///x.json")
	var sve *jsonschema.SchemaValidationError
	var ve *jsonschema.ValidationError
	if !errors.As(err, &sve) || !errors.As(sve.Err, &ve) {
		t.Fatalf("err = %v", err)
	}
	ptr, msg := MetaFailure(ve)
	if ptr != "/$defs/A/type" || !strings.HasPrefix(msg, "value must be one of") {
		t.Errorf("MetaFailure = %q, %q", ptr, msg)
	}
}

// Decode builds the value jsonschema.UnmarshalJSON builds (the compiler is given it).
func TestDecodeValue(t *testing.T) {
	for _, in := range []string{
		`{"b": 1, "a": {"z": [{"y": 1.5e3, "x": -2}], "": "\u00e9\ud83d\ude00\n", "s/l~": {}, "e": [], "n": null, "t": true, "f": false}}`,
		`[1, "two", [3, [4]], {"5": [{}]}]`,
		`"just a string"`, `12345678901234567890`, `null`, "\"\xff\"",
	} {
		got, _, err := Decode([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		want, err := jsonschema.UnmarshalJSON(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: value (-UnmarshalJSON +Decode):\n%s", in, d)
		}
	}
}
