package diff

import (
	"os"
	"strings"
	"testing"
)

// TestREADMETable: the classification table of README.md is RulesMarkdown's (rewritten with
// -update).
func TestREADMETable(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	s := string(data)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", begin, end)
	}
	got := s[i+len(begin) : j]
	if got == RulesMarkdown() {
		return
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(s[:i+len(begin)]+RulesMarkdown()+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's classification table is stale: run go test ./generator/diff -run TestREADMETable -update")
}
