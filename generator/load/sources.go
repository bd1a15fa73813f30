package load

import (
	"strconv"
	"strings"
)

// An array of schemas is loaded as one document per element, under the array's URL with
// itemSuffix and the index: a URL the compiler can tell apart, never shown.
const itemSuffix = "?item="

func itemURL(u string, i int) string { return u + itemSuffix + strconv.Itoa(i) }

// IsItem reports whether the document is an element of an array-of-schemas document.
func (d *Document) IsItem() bool { return strings.Contains(d.URL, itemSuffix) }

// Sources names the documents the load read (an array of schemas once, not per element), in
// load order, for the header of the generated files.
func (r *Result) Sources() []string {
	var out []string
	for _, d := range r.Docs {
		if d.Value != nil && !d.IsItem() {
			out = append(out, d.Display)
		}
	}
	return out
}
