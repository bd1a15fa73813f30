package emit

import "bytes"

// The identifiers of the generated files, which are the roots of the support code's
// reachability (prune.go).

// generatedNames scans generated Go files and returns the identifiers they use: top holds
// those that are not selected with a dot (and so may name package-level declarations), all
// holds every identifier (field and method names too). Only names in want are recorded.
func generatedNames(files [][]byte, want map[string]bool) (top, all map[string]bool) {
	top, all = map[string]bool{}, map[string]bool{}
	for _, src := range files {
		scanIdents(src, want, top, all)
	}
	return top, all
}

// scanIdents is a Go lexer reduced to what generatedNames needs: it skips comments, string,
// raw string and rune literals and numbers, and records the identifiers in want, noting
// whether a '.' precedes them. It allocates nothing (a map lookup with string(bytes) does not
// copy), which matters for packages of hundreds of thousands of lines.
func scanIdents(src []byte, want, top, all map[string]bool) {
	afterDot := false
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return
			}
			i += 2 + end + 2
			continue
		case c == '"' || c == '\'':
			i++
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case c == '`':
			end := bytes.IndexByte(src[i+1:], '`')
			if end < 0 {
				return
			}
			i += 1 + end + 1
		case c >= '0' && c <= '9':
			for i < len(src) && (isIdentByte(src[i]) || src[i] == '.') {
				i++
			}
		case isIdentByte(c):
			j := i
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			if id := src[i:j]; want[string(id)] && (!all[string(id)] || !afterDot && !top[string(id)]) {
				n := string(id)
				all[n] = true
				if !afterDot {
					top[n] = true
				}
			}
			i = j
		default:
			i++
			afterDot = c == '.'
			continue
		}
		afterDot = false
	}
}

// isIdentByte reports whether c may be part of an identifier; every byte of a multi-byte
// UTF-8 letter counts, so a Unicode identifier is one token (support names are ASCII).
func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}
