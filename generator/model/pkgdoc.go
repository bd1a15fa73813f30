package model

import (
	"strings"

	"github.com/namigen/namigen/generator/load"
)

// rootDoc is the text for the package doc: the title and description at the root of the first
// input document that has either (a bundle's own description, not a definition's), as docOf
// joins them.
func rootDoc(res *load.Result) string {
	for _, d := range res.Docs {
		m, ok := d.Value.(map[string]any)
		if !ok || d.IsItem() || d.Referenced() {
			continue // an array element, or a document a $ref pulled in (in no fixed order)
		}
		t, _ := m["title"].(string)
		desc, _ := m["description"].(string)
		t, desc = strings.TrimSpace(t), strings.TrimSpace(desc)
		switch {
		case t != "" && desc != "" && !strings.HasPrefix(desc, t):
			return t + ".\n\n" + desc
		case desc != "":
			return desc
		case t != "":
			return t
		}
	}
	return ""
}
