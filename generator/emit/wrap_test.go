package emit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

func TestWrapDoc(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"a b c d", 3, "a b\nc d"},
		{"a b\nc d", 80, "a b c d"},
		{"one\n\ntwo", 80, "one\n\ntwo"},
		{"para\n\tcode  line\n\tmore\nafter", 80, "para\n\tcode  line\n\tmore\nafter"},
		{"x https://example.com/a/very/long/url y", 10, "x\nhttps://example.com/a/very/long/url\ny"},
		{"  - item one\n  - item two", 5, "  - item one\n  - item two"},
		{"", 10, ""},
		{"aaa bbb /** c */ d", 7, "aaa\nbbb /**\nc */ d"},
		{"aaaaaaa /* x", 7, "aaaaaaa\n /* x"},
		{"/** long */ text here", 8, " /** long\n*/ text\nhere"},
		{"/** doc */ x\n\n// y", 80, " /** doc */ x\n\n // y"},
		// A schema location stays with its label.
		{"Set one field. Schema: s.json#/$defs/Shape", 30, "Set one field.\nSchema: s.json#/$defs/Shape"},
		{"Set it. Schema: s.json#/$defs/Shape", 40, "Set it. Schema: s.json#/$defs/Shape"},
		{"Set one field. Schema: s.json#/$defs/Shape/properties/a", 30, "Set one field. Schema:\ns.json#/$defs/Shape/properties/a"},
	}
	for _, tt := range tests {
		if got := wrapDoc(tt.in, tt.width); got != tt.want {
			t.Errorf("wrapDoc(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 100)
	for _, l := range strings.Split(wrapDoc(long, docWidth), "\n") {
		if len(l) > docWidth {
			t.Errorf("line of %d columns: %q", len(l), l)
		}
	}
}

func TestGoDoc(t *testing.T) {
	tests := []struct{ name, doc, fallback, want string }{
		{"X", "", "is the JSON property \"x\".", "X is the JSON property \"x\"."},
		{"Widget", "Widget is a thing.", "is generated from an object schema.", "Widget is a thing."},
		{"ActiveEntitlement", "An entitlement granted.", "is generated from an object schema.", "ActiveEntitlement is an entitlement granted."},
		{"Size", "The size in pixels.", "is the JSON property \"size\".", "Size is the size in pixels."},
		{"UserID", "Nami's identifier of the user.", "is the JSON property \"user_id\".", "UserID is the JSON property \"user_id\". Nami's identifier of the user."},
		{"Apple", "Apple's store.", "x.", "Apple x. Apple's store."},
		{"Another", "Anothers", "is f.", "Another is f. Anothers"},
	}
	for _, tt := range tests {
		if got := goDoc(tt.name, tt.doc, tt.fallback); got != tt.want {
			t.Errorf("goDoc(%q, %q) = %q, want %q", tt.name, tt.doc, got, tt.want)
		}
	}
}

func TestWrapLongComments(t *testing.T) {
	long := "// " + strings.Repeat("word ", 30) + "end"
	src := "package p\n\n" + long + "\nfunc f() {\n\t" + long + "\n\t//\tcode " + strings.Repeat("x", 120) + "\n}\n"
	got := string(wrapLongComments([]byte(src)))
	for _, l := range strings.Split(got, "\n") {
		w := len(l) + 3*strings.Count(l, "\t")
		if w > 100 && !strings.HasPrefix(strings.TrimLeft(l, "\t"), "//\t") {
			t.Errorf("line of %d columns: %q", w, l)
		}
	}
	if strings.Count(got, "end") != 2 || !strings.Contains(got, "\t//\tcode "+strings.Repeat("x", 120)) {
		t.Errorf("text lost or code block changed:\n%s", got)
	}
}

// TestWrapLongCommentsKeepsTheRest: the byte scanner gives what splitting the source into
// lines and joining them again gave, newlines included (trailing, doubled, none at the end),
// and returns a source without a long comment as it is.
func TestWrapLongCommentsKeepsTheRest(t *testing.T) {
	byLines := func(src []byte) string { // the former implementation
		var out []string
		for _, l := range strings.Split(string(src), "\n") {
			trimmed := strings.TrimLeft(l, "\t")
			indent := l[:len(l)-len(trimmed)]
			width := 100 - 4*len(indent) - len("// ")
			if !strings.HasPrefix(trimmed, "// ") || len(trimmed)-3 <= width || width < 40 {
				out = append(out, l)
				continue
			}
			for _, w := range strings.Split(wrapDoc(trimmed[3:], width), "\n") {
				out = append(out, indent+"// "+w)
			}
		}
		return strings.Join(out, "\n")
	}
	long := "// " + strings.Repeat("word ", 30) + "end"
	for _, src := range []string{"", "\n", "a", "a\n", "a\n\nb\n", long, long + "\n", "x\n" + long + "\n\n\t" + long + "\ny",
		"\t\t\t\t\t\t\t" + long, "\t//\tcode " + strings.Repeat("x", 120) + "\n"} {
		if got, want := string(wrapLongComments([]byte(src))), byLines([]byte(src)); got != want {
			t.Errorf("wrapLongComments(%q) =\n%q\nwant\n%q", src, got, want)
		}
	}
	src := []byte("package p\n\nfunc f() {}\n")
	if got := wrapLongComments(src); &got[0] != &src[0] {
		t.Error("a source without a long comment was copied")
	}
}

// TestNoted: a short note follows its field as a line comment; a long one (a large const) ends
// the doc comment above the field instead.
func TestNoted(t *testing.T) {
	long := `Required. Always {"kind":"release","labels":["alpha","beta","gamma"],"note":"x"}.`
	for _, tc := range []struct {
		doc, note, want string
	}{
		{"", "Required.", "type T struct {\n\tA string // Required.\n}"},
		{"The a.", "Optional; nil when absent.", "type T struct {\n\t// The a.\n\tA string // Optional; nil when absent.\n}"},
		{"The a.", long, "type T struct {\n\t// The a.\n\t//\n\t// " + long + "\n\tA string\n}"},
		{"", "", "type T struct {\n\tA string\n}"},
	} {
		got := fmt.Sprintf("%#v", jen.Type().Id("T").Struct(noted(tc.doc, tc.note, jen.Id("A").String())))
		if got != tc.want {
			t.Errorf("noted(%q, %q):\n%s\nwant:\n%s", tc.doc, tc.note, got, tc.want)
		}
	}
}
