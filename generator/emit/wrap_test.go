package emit

import (
	"strings"
	"testing"
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
