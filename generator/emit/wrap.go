package emit

import (
	"bytes"
	"strings"
)

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
	// put appends a wrapped line. A line must not start with "//" or "/*": jennifer would write
	// it as code, not as a comment line; such a line gets a leading space.
	put := func(line string) {
		if strings.HasPrefix(line, "//") || strings.HasPrefix(line, "/*") {
			line = " " + line
		}
		out = append(out, line)
	}
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
				// A type's location stays with its label ("Schema: file#/pointer") when the
				// two fit on a line.
				if before, ok := strings.CutSuffix(line, " "+schemaLabel); ok && len(schemaLabel)+1+len(w) <= width {
					put(before)
					line = schemaLabel + " " + w
					continue
				}
				// Rather than start a line with a comment marker, carry the word before
				// it over.
				if strings.HasPrefix(w, "//") || strings.HasPrefix(w, "/*") {
					if i := strings.LastIndexByte(line, ' '); i > 0 && !strings.HasPrefix(line[i+1:], "/") {
						put(line[:i])
						line = line[i+1:] + " " + w
						continue
					}
				}
				put(line)
				line = w
			default:
				line += " " + w
			}
		}
		put(line)
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

// goDoc puts a schema's doc text in the Go form "X is …" or "X …": a text that already starts
// with the identifier is kept; one that starts with an article reads on after "X is"
// ("An entitlement …" → "ActiveEntitlement is an entitlement …"); any other text follows the
// fallback sentence ("X is generated from an object schema. Sent when …"), so that
// its words, names and capitals stay as the schema wrote them.
func goDoc(name, doc, fallback string) string {
	doc = strings.TrimSpace(doc)
	switch {
	case doc == "":
		return name + " " + fallback
	case strings.HasPrefix(doc, name+" "):
		return doc
	}
	for _, art := range []string{"A ", "An ", "The "} {
		if strings.HasPrefix(doc, art) {
			return name + " is " + strings.ToLower(art[:1]) + doc[1:]
		}
	}
	return name + " " + fallback + " " + doc
}

// wrapLongComments re-wraps the // comment lines of rendered Go source that are wider than 100
// columns (a tab counts 4) at word boundaries, keeping their indentation. Code blocks in
// comments (a tab after //) are left alone.
func wrapLongComments(src []byte) []byte {
	var out []byte // nil until a line is wrapped: most pieces have none, and keep src
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		if w, ok := wrapLine(line); ok {
			if out == nil {
				out = append(make([]byte, 0, len(src)+len(src)/8), src[:start]...)
			}
			out = append(out, w...)
		} else if out != nil {
			out = append(out, line...)
		}
		if out != nil && end < len(src) {
			out = append(out, '\n')
		}
		start = end + 1
	}
	if out == nil {
		return src
	}
	return out
}

// wrapLine is a line comment over the width wrapped at the width, its indent on every line;
// false when the line is not such a comment.
func wrapLine(l []byte) ([]byte, bool) {
	trimmed := bytes.TrimLeft(l, "\t")
	indent := l[:len(l)-len(trimmed)]
	width := 100 - 4*len(indent) - len("// ")
	if !bytes.HasPrefix(trimmed, []byte("// ")) || len(trimmed)-3 <= width || width < 40 {
		return nil, false
	}
	var out []byte
	for i, w := range strings.Split(wrapDoc(string(trimmed[3:]), width), "\n") {
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(append(append(out, indent...), "// "...), w...)
	}
	return out, true
}
