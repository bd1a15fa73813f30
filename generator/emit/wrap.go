package emit

import "strings"

// Doc comment widths: text is wrapped so that "// " plus the text stays within about 100
// columns at the top level, and within about 100 columns after one tab (counted as 4) in a
// struct or interface.
const (
	docWidth   = 97
	fieldWidth = 93
)

// wrapDoc re-wraps the paragraphs of a doc text at width columns. Lines that start with a space
// or a tab (code blocks, lists, tables) and blank lines are kept as they are; a word longer
// than the width (a URL) gets a line of its own. Go doc joins the lines of a paragraph, so the
// rendered text does not change.
func wrapDoc(text string, width int) string {
	var out []string
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		line := ""
		for _, w := range strings.Fields(strings.Join(para, " ")) {
			switch {
			case line == "":
				line = w
			case len(line)+1+len(w) > width:
				out = append(out, line)
				line = w
			default:
				line += " " + w
			}
		}
		out = append(out, line)
		para = para[:0]
	}
	for _, l := range strings.Split(text, "\n") {
		if l == "" || l[0] == ' ' || l[0] == '\t' {
			flush()
			out = append(out, strings.TrimRight(l, " "))
			continue
		}
		para = append(para, l)
	}
	flush()
	return strings.Join(out, "\n")
}
