package runtime

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestDocStrings: every string value of a prepared document decodes as encoding/json decodes
// it, in document order, in reverse and at random (the lookups away from the cursor), and a
// string that is not in strs (escaped, invalid UTF-8, a key) is decoded all the same.
func TestDocStrings(t *testing.T) {
	in := `{"a":"x","b":["é","","x","é☃",{"c":"\u00e9","d":"a\"b"}],"k":"2021-06-01T12:30:45Z",` +
		"\"e\":\"\xc3\",\"f\":\"\xa9\",\"g\":\"\xc3\xa9\",\"h\":[\"xé\",\"é\"],\"i\":\"key\",\"key\":\"ke\",\"j\":\"y\"}"
	data := []byte(in)
	var vals [][]byte
	var walk func(v []byte)
	walk = func(v []byte) {
		switch v[0] {
		case '"':
			vals = append(vals, v)
		case '{':
			ms, _ := (*doc)(nil).members(v, nil)
			for _, m := range ms {
				walk(m.raw)
			}
		case '[':
			for _, it := range (*doc)(nil).elems(v, nil) {
				walk(it)
			}
		}
	}
	walk(data)
	for _, order := range []string{"document", "reverse", "random"} {
		idx := make([]int, len(vals))
		for i := range idx {
			idx[i] = i
		}
		switch order {
		case "reverse":
			for i, j := 0, len(idx)-1; i < j; i, j = i+1, j-1 {
				idx[i], idx[j] = idx[j], idx[i]
			}
		case "random":
			rand.New(rand.NewSource(1)).Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		}
		var e errs
		if !e.prepare(data, "") {
			t.Fatal("prepare failed")
		}
		for _, i := range idx {
			var got, want string
			decodeString(&got, vals[i], &path{key: "x"}, &e)
			if err := json.Unmarshal(vals[i], &want); err != nil {
				t.Fatal(err)
			}
			if got != want || len(e.list) != 0 {
				t.Errorf("%s order: decodeString(%q) = %q, %v; want %q", order, vals[i], got, e.list, want)
			}
		}
	}
}

// TestDocTape: the tape of a prepared document gives the same member and item splits as
// skimming, at every level, and prepare agrees with json.Valid.
func TestDocTape(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var gen func(depth int) string
	gen = func(depth int) string {
		switch k := r.Intn(6); {
		case depth > 4 || k < 2:
			return []string{`1`, `"s"`, `null`, `true`, `"a\"}]"`, `-2.5e3`, `"é"`}[r.Intn(7)]
		case k < 4:
			var b strings.Builder
			b.WriteString("{")
			for i, n := 0, r.Intn(4); i < n; i++ {
				if i > 0 {
					b.WriteString(" ,")
				}
				fmt.Fprintf(&b, "%q : %s", []string{"a", "b", "a", "c\\d", "é"}[r.Intn(5)], gen(depth+1))
			}
			b.WriteString("}")
			return b.String()
		default:
			var b strings.Builder
			b.WriteString("[ ")
			for i, n := 0, r.Intn(4); i < n; i++ {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(gen(depth + 1))
			}
			b.WriteString(" ]")
			return b.String()
		}
	}
	for n := 0; n < 500; n++ {
		checkDocument(t, []byte(gen(0)))
	}
	for _, in := range []string{`{"a":1}x`, `{"a":[1,]}`, `[`, `{"a":"\q"}`, ` {} `, `[1,[2,[3]]]`, `"x"`, `1`} {
		var e errs
		if got, want := e.prepare(trimJSON([]byte(in)), ""), json.Valid([]byte(in)); got != want {
			t.Errorf("prepare(%s) = %v, json.Valid says %v", in, got, want)
		}
	}
}

// TestHold: a held path prints as the path it holds, through nested holds, index and key
// nodes and escapes, also when it does not continue the innermost held path; quiet errors
// hold without printing.
func TestHold(t *testing.T) {
	var e errs
	a, ma := e.hold(&path{key: "a/b"})
	b, mb := e.hold(&path{parent: &path{parent: a, index: 12, isIndex: true}, key: "c~d"})
	if got := (&path{parent: b, key: "x"}).String(); got != "/a~1b/12/c~0d/x" {
		t.Errorf("nested hold = %q", got)
	}
	// Not the innermost held path: a document of its own.
	c, mc := e.hold(&path{parent: a, index: 3, isIndex: true})
	if got := c.String(); got != "/a~1b/3" {
		t.Errorf("hold beside = %q", got)
	}
	e.release(mc)
	e.release(mb)
	d, md := e.hold(&path{parent: a, key: "y"})
	if got := d.String(); got != "/a~1b/y" {
		t.Errorf("hold after release = %q", got)
	}
	e.add(&path{parent: d, index: 0, isIndex: true}, "kw", "bad")
	if len(e.list) != 1 || e.list[0].InstanceLocation != "/a~1b/y/0" {
		t.Errorf("violation at %v", e.list)
	}
	e.release(md)
	e.release(ma)
	if e.valid.nframes != 0 || len(e.valid.prefix) != 0 {
		t.Errorf("after releases: %d frames, prefix %q", e.valid.nframes, e.valid.prefix)
	}
	// Deeper than the frames of the document itself.
	var g errs
	h, _ := g.hold(&path{key: "r"})
	var marks []holdMark
	want := "/r"
	for i := 0; i < 8; i++ {
		var m holdMark
		h, m = g.hold(&path{parent: h, index: i, isIndex: true})
		marks = append(marks, m)
		want += "/" + fmt.Sprint(i)
	}
	if got := h.String(); got != want {
		t.Errorf("deep hold = %q, want %q", got, want)
	}
	for i := len(marks) - 1; i >= 0; i-- {
		g.release(marks[i])
	}
	if r, _ := g.hold(&path{parent: g.valid.frameSlot(0), key: "s"}); r.String() != "/r/s" {
		t.Errorf("hold after deep releases = %q", r.String())
	}
	q := errs{quiet: true}
	if h, m := q.hold(&path{key: "k"}); h == nil {
		t.Error("quiet hold returned nil")
	} else {
		q.release(m)
	}
	if h, _ := e.hold(nil); h != nil {
		t.Error("hold(nil) must be nil")
	}
}

// TestHeldPathsStayOnTheStack: decoding a pointer and a slice of pointers allocates only the
// values, not their paths.
func TestHeldPathsStayOnTheStack(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage changes allocation counts")
	}
	data := []byte(`{"v":[true,false,true]}`)
	var e errs
	e.prepare(data, "")
	raw := data[5 : len(data)-1]
	var out []*bool
	n := testing.AllocsPerRun(100, func() {
		p := &path{key: "v"}
		decodeSlice(&out, raw, false, p, &e, func(dst **bool, data []byte, p *path, e *errs) {
			decodePtr(dst, data, false, p, e, decodeBool)
		})
	})
	if n > 4 { // the slice and three bools
		t.Errorf("decodeSlice of 3 pointers allocates %v times, want at most 4", n)
	}
}

// TestSkimKey: skimKey finds the end of a key, decodes it and hashes it as keyHash does, for
// keys of every length near the end of the data and not, with escapes and UTF-8.
func TestSkimKey(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for n := 0; n < 3000; n++ {
		alphabet := []rune("abcdefgh_-.0123456789\\\"é/☃")
		kr := make([]rune, r.Intn(40))
		for i := range kr {
			kr[i] = alphabet[r.Intn(len(alphabet))]
		}
		k := string(kr)
		quoted, _ := json.Marshal(k)
		for _, tail := range []string{"", ":1}", ":" + strings.Repeat(" ", 20) + "1}"} {
			data := append(append([]byte{}, quoted...), tail...)
			end, key, h := skimKey(data, 0)
			if end != len(quoted) || key != k || h != keyHash([]byte(k)) {
				t.Fatalf("skimKey(%s) = %d, %q, %x; want %d, %q, %x", data, end, key, h, len(quoted), k, keyHash([]byte(k)))
			}
		}
	}
}

// checkDocument prepares the well-formed value data (trimmed) and checks that, at every level,
// the tape gives the splits of the checking scans and the strings decode as encoding/json
// decodes them (FuzzScanner runs it on any valid input).
func checkDocument(t *testing.T, data []byte) {
	t.Helper()
	var e errs
	if !e.prepare(data, "") {
		t.Fatalf("prepare(%s) = false", data)
	}
	d := e.valid
	var check func(v []byte)
	check = func(v []byte) {
		switch v[0] {
		case '{':
			got, _ := d.members(v, nil)
			want, ok := scanObjectRef(v, nil)
			if !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("members(%s) = %q, scanObject gives %q", v, got, want)
			}
			for _, m := range got {
				check(m.raw)
			}
		case '[':
			got := d.elems(v, nil)
			want, ok := scanArrayRef(v, nil)
			if !ok || len(got) != len(want) {
				t.Fatalf("elems(%s) = %q, scanArray gives %q", v, got, want)
			}
			for i := range got {
				if string(got[i]) != string(want[i]) {
					t.Fatalf("elems(%s)[%d] = %s, want %s", v, i, got[i], want[i])
				}
				check(got[i])
			}
		case '"':
			var got, want string
			decodeString(&got, v, &path{key: "s"}, &e)
			if err := json.Unmarshal(v, &want); err != nil || got != want || len(e.list) != 0 {
				t.Fatalf("decodeString(%s) in a document = %q, %v; encoding/json gives %q, %v", v, got, e.list, want, err)
			}
		}
	}
	check(data)
}

// scanObjectRef (the former scanObject, a reference for the tests) appends the members of the object data (trimmed, starting with '{') to ms. It
// reports false when data is not exactly one well-formed object.
func scanObjectRef(data []byte, ms []member) ([]member, bool) {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == '}' {
		return ms, i+1 == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return ms, false
		}
		end, plain := scanString(data, i)
		if end < 0 {
			return ms, false
		}
		key := keyString(data[i+1:end-1], plain)
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return ms, false
		}
		i = skipSpace(data, i+1)
		vend := scanValue(data, i, 1)
		if vend < 0 {
			return ms, false
		}
		ms = append(ms, member{key: key, raw: data[i:vend]})
		i = skipSpace(data, vend)
		if i >= len(data) {
			return ms, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return ms, i+1 == len(data)
		default:
			return ms, false
		}
	}
}

// scanArrayRef (the former scanArray) appends the items of the array data (trimmed, starting with '[') to items. It
// reports false when data is not exactly one well-formed array.
func scanArrayRef(data []byte, items []json.RawMessage) ([]json.RawMessage, bool) {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		return items, i+1 == len(data)
	}
	for {
		end := scanValue(data, i, 1)
		if end < 0 {
			return items, false
		}
		items = append(items, data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return items, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return items, i+1 == len(data)
		default:
			return items, false
		}
	}
}
