package keyword

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// metaDir holds the published meta-schemas that load embeds.
const metaDir = "../load/metaschemas"

// metaProperties lists the keywords the meta-schema files of a draft describe (the union of
// their "properties").
func metaProperties(t *testing.T, files ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(metaDir, f))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k := range m.Properties {
			out[k] = true
		}
	}
	return out
}

func metaFiles(t *testing.T, dir string) []string {
	t.Helper()
	files := []string{filepath.Join(dir, "schema")}
	ents, err := os.ReadDir(filepath.Join(metaDir, dir, "meta"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		files = append(files, filepath.Join(dir, "meta", e.Name()))
	}
	return files
}

// TestTableIsEveryDraftsVocabulary fails when a keyword that a draft's meta-schemas describe
// is missing from the table (or marked for another draft), and when the table gives a draft a
// keyword its meta-schemas do not describe, except the exceptions named here.
func TestTableIsEveryDraftsVocabulary(t *testing.T) {
	drafts := []struct {
		name  string
		draft Draft
		files []string
		// notKeywords are described by the meta-schema but are not keywords of the draft;
		// undescribed are keywords of the draft the meta-schema omits.
		notKeywords, undescribed []string
	}{
		{name: "4", draft: Draft4, files: []string{"draft-04/schema"}},
		{name: "6", draft: Draft6, files: []string{"draft-06/schema"}, undescribed: []string{"examples"}},
		{name: "7", draft: Draft7, files: []string{"draft-07/schema"}},
		{name: "2019-09", draft: Draft2019, files: metaFiles(t, "draft/2019-09")},
		{name: "2020-12", draft: Draft2020, files: metaFiles(t, "draft/2020-12"), notKeywords: []string{"$recursiveAnchor", "$recursiveRef"}},
	}
	for _, d := range drafts {
		if ParseDraft(d.name) != d.draft {
			t.Errorf("ParseDraft(%q) = %v, want %v", d.name, ParseDraft(d.name), d.draft)
		}
		described := metaProperties(t, d.files...)
		for _, k := range d.notKeywords {
			if !described[k] {
				t.Errorf("draft %s: %s is listed as described but not a keyword, and the meta-schema no longer describes it", d.name, k)
			}
			delete(described, k)
		}
		for _, k := range d.undescribed {
			if described[k] {
				t.Errorf("draft %s: the meta-schema describes %s now: drop the exception", d.name, k)
			}
			described[k] = true
		}
		for k := range described {
			if !Vocabulary(d.draft, k) {
				t.Errorf("draft %s: keyword %q of the meta-schemas is missing from the table (or not marked for this draft)", d.name, k)
			}
		}
		for _, k := range table {
			if k.Drafts&d.draft != 0 && !described[k.Name] {
				t.Errorf("draft %s: the table has %q, which the draft's meta-schemas do not describe", d.name, k.Name)
			}
		}
	}
}

// TestAssertionsAreClassified fails when a keyword of the validation vocabulary (2020-12,
// 2019-09; the same names in draft 7) or format is not an Assertion in the table.
func TestAssertionsAreClassified(t *testing.T) {
	validation := map[string]Draft{}
	for _, v := range []struct {
		draft Draft
		file  string
	}{{Draft2020, "draft/2020-12/meta/validation"}, {Draft2019, "draft/2019-09/meta/validation"}} {
		for k := range metaProperties(t, v.file) {
			validation[k] |= v.draft
		}
	}
	for k := range metaProperties(t, "draft-07/schema") {
		if validation[k] != 0 {
			validation[k] |= Draft7
		}
	}
	validation["format"] = Draft7 | Draft2019 | Draft2020
	if len(validation) < 20 {
		t.Fatalf("only %d validation keywords read from the meta-schemas", len(validation))
	}
	for name, drafts := range validation {
		k := Lookup(name)
		switch {
		case k == nil:
			t.Errorf("assertion keyword %q is missing from the table", name)
		case k.Class != Assertion:
			t.Errorf("%q is class %d in the table, want Assertion", name, k.Class)
		case k.Drafts&drafts != drafts:
			t.Errorf("%q: table drafts %05b, the meta-schemas say %05b", name, k.Drafts, drafts)
		}
	}
	for _, k := range table {
		if k.Class == Assertion && validation[k.Name] == 0 {
			t.Errorf("%q is an Assertion in the table but not in the validation vocabulary", k.Name)
		}
	}
}

// TestReadFindsEachBound compiles a schema that gives every bound a different value and
// checks that each keyword reads its own.
func TestReadFindsEachBound(t *testing.T) {
	doc := map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "contains": true}
	want := map[string]string{}
	for i, k := range bounds {
		if k.Kind == Flag {
			doc[k.Name], want[k.Name] = true, "1"
			continue
		}
		doc[k.Name], want[k.Name] = json.Number(big.NewInt(int64(i+2)).String()), big.NewInt(int64(i+2)).String()
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem://bounds.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem://bounds.json")
	if err != nil {
		t.Fatal(err)
	}
	v := Read(s)
	for _, k := range bounds {
		if got := k.Rat(&v); got == nil || got.RatString() != want[k.Name] {
			t.Errorf("%s: read %v, want %s", k.Name, got, want[k.Name])
		}
	}
	if !v.Asserts() || v.Empty() {
		t.Errorf("Asserts %v, Empty %v for a schema with every bound", v.Asserts(), v.Empty())
	}
	var only Values
	n := 1
	only.MaxContains = &n
	if only.Asserts() || !only.Empty() {
		t.Errorf("maxContains alone: Asserts %v (want false), Empty %v (want true)", only.Asserts(), only.Empty())
	}
}

// TestMeet: the tightest bound, the lcm of multipleOf, either flag; bounds the typed Validate
// leaves to the dynamic validator are not merged.
func TestMeet(t *testing.T) {
	i := func(n int) *int { return &n }
	r := func(s string) *big.Rat { x, _ := new(big.Rat).SetString(s); return x }
	a := Values{Minimum: r("1"), Maximum: r("10"), MultipleOf: r("3"), MinLength: i(2), MaxItems: i(5), MaxContains: i(4)}
	b := Values{Minimum: r("2"), Maximum: r("20"), MultipleOf: r("5/2"), MinLength: i(1), MaxItems: i(3), UniqueItems: true, MaxContains: i(1)}
	a.Meet(&b)
	var got []string
	for _, k := range bounds {
		if x := k.Rat(&a); x != nil {
			got = append(got, k.Name+"="+x.RatString())
		}
	}
	sort.Strings(got)
	want := "maxContains=4 maxItems=3 maximum=10 minLength=2 minimum=2 multipleOf=15 uniqueItems=1"
	if strings.Join(got, " ") != want {
		t.Errorf("Meet = %s\nwant   %s", strings.Join(got, " "), want)
	}
}

// TestConflicts: every Lower/Upper pair of one instance type, strict when either is exclusive.
func TestConflicts(t *testing.T) {
	var got []string
	for _, c := range Conflicts() {
		s := c.Lower.Name + "<=" + c.Upper.Name
		if c.Strict {
			s = c.Lower.Name + "<" + c.Upper.Name
		}
		got = append(got, s)
	}
	want := "minimum<=maximum exclusiveMinimum<maximum minimum<exclusiveMaximum exclusiveMinimum<exclusiveMaximum minItems<=maxItems minProperties<=maxProperties minLength<=maxLength"
	if strings.Join(got, " ") != want {
		t.Errorf("Conflicts = %s\nwant        %s", strings.Join(got, " "), want)
	}
}

// TestInterval: the tightest lower and upper bound of one instance type (the exclusive one of
// two equal bounds), the lcm of multipleOf; other types, flags and minContains/maxContains
// (which count contained items) stay out.
func TestInterval(t *testing.T) {
	i := func(n int) *int { return &n }
	r := func(s string) *big.Rat { x, _ := new(big.Rat).SetString(s); return x }
	str := func(in Interval) string {
		s := func(x *big.Rat) string {
			if x == nil {
				return "-"
			}
			return x.RatString()
		}
		return fmt.Sprintf("lo=%s%v hi=%s%v mult=%s", s(in.Lo), in.LoExclusive, s(in.Hi), in.HiExclusive, s(in.Mult))
	}
	for _, tc := range []struct {
		name     string
		v        Values
		instance string
		want     string
	}{
		{"empty", Values{}, "number", "lo=-false hi=-false mult=-"},
		{"minimum beats a lower exclusiveMinimum", Values{Minimum: r("3"), ExclusiveMinimum: r("2")}, "number", "lo=3false hi=-false mult=-"},
		{"equal: exclusive wins", Values{Minimum: r("2"), ExclusiveMinimum: r("2"), Maximum: r("5"), ExclusiveMaximum: r("5")}, "number", "lo=2true hi=5true mult=-"},
		{"exclusiveMaximum below maximum", Values{Maximum: r("7"), ExclusiveMaximum: r("1/2"), MultipleOf: r("1/4")}, "number", "lo=-false hi=1/2true mult=1/4"},
		{"string lengths only", Values{MinLength: i(2), MaxLength: i(9), MinItems: i(4)}, "string", "lo=2false hi=9false mult=-"},
		{"items, not contains", Values{MinItems: i(1), MaxItems: i(3), MinContains: i(2), MaxContains: i(2), UniqueItems: true}, "array", "lo=1false hi=3false mult=-"},
		{"properties", Values{MinProperties: i(1), MaxProperties: i(4)}, "object", "lo=1false hi=4false mult=-"},
	} {
		if got := str(tc.v.Interval(tc.instance)); got != tc.want {
			t.Errorf("%s: Interval(%s) = %s, want %s", tc.name, tc.instance, got, tc.want)
		}
	}
}
