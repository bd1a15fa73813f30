// Package templates holds the texts namigen prints or writes around the code: the generated
// file header, help texts and report layouts. It holds text, not logic: everything computed is
// built in Go (code with jennifer).
package templates

import (
	_ "embed"
	"strings"
)

//go:embed header.txt
var header string

// Header returns the comment lines that open every generated file (without "// " prefixes),
// naming the sources. The first line matches ^Code generated .* DO NOT EDIT\.$ once prefixed.
func Header(sources []string) string {
	return strings.ReplaceAll(strings.TrimRight(header, "\n"), "{{sources}}", strings.Join(sources, ", "))
}
