package load

import (
	"sort"
	"strconv"
	"strings"
)

// An array of schemas is loaded as one document per element, under the array's URL with
// itemSuffix and the index: a URL the compiler can tell apart, never shown.
const itemSuffix = "?item="

func itemURL(u string, i int) string { return u + itemSuffix + strconv.Itoa(i) }

// IsItem reports whether the document is an element of an array-of-schemas document.
func (d *Document) IsItem() bool { return strings.Contains(d.URL, itemSuffix) }

// Referenced reports whether the document was loaded because a $ref named it, not given as an
// input. The compiler asks for such documents in an order that depends on map iteration.
func (d *Document) Referenced() bool { return d.ref }

// Sources names the documents the load read (an array of schemas once, not per element), for
// the header of the generated files: the inputs in the order they were given, then the
// documents that $refs pulled in, sorted by name (the compiler asks for them in an order that
// depends on map iteration).
func (r *Result) Sources() []string {
	var out, refs []string
	for _, d := range r.Docs {
		switch {
		case d.Value == nil || d.IsItem():
		case d.ref:
			refs = append(refs, d.Display)
		default:
			out = append(out, d.Display)
		}
	}
	sort.Strings(refs)
	return append(out, refs...)
}
