package diff

import (
	"fmt"
	"strconv"
)

// itemsOf normalises the array keywords of every draft: prefix schemas and the schema of the
// remaining items (nil: any).
func itemsOf(s *schema) (prefix []*schema, rest *schema, restKw string) {
	prefix = s.PrefixItems
	if s.Items2020 != nil {
		return prefix, s.Items2020, "items"
	}
	switch v := s.Items.(type) {
	case *schema:
		return prefix, v, "items"
	case []*schema:
		prefix = v
		if a, ok := s.AdditionalItems.(*schema); ok {
			return prefix, a, "additionalItems"
		}
		if b, ok := s.AdditionalItems.(bool); ok && !b {
			f := false
			return prefix, &schema{Bool: &f}, "additionalItems"
		}
		return prefix, nil, "additionalItems"
	}
	return prefix, nil, "items"
}

func (d *differ) compareArray(nd *pairNode) {
	o, n := nd.o, nd.n
	op, or, _ := itemsOf(o)
	np, nr, kw := itemsOf(n)
	pkw := "prefixItems"
	if n.PrefixItems == nil && len(np) > 0 {
		pkw = "items"
	}
	for i := 0; i < len(op) || i < len(np); i++ {
		switch {
		case i < len(op) && i < len(np):
			d.edge(nd, op[i], np[i], step{kind: stepItem, index: i})
		case i < len(np):
			d.add(nd, ItemsAdded, false, fmt.Sprintf("/%s/%d", pkw, i), nil, "schema", fmt.Sprintf("item %d is now constrained by a schema", i))
		default:
			c := d.add(nd, ItemsRemoved, true, fmt.Sprintf("/%s/%d", pkw, i), "schema", nil, fmt.Sprintf("the schema of item %d was removed", i))
			c.extra = strconv.Itoa(i)
		}
	}
	idx := max(len(np), len(op))
	switch {
	case or != nil && nr != nil:
		if or.Bool != nil || nr.Bool != nil {
			if boolOf(or) != nil && boolOf(nr) != nil && *or.Bool == *nr.Bool {
				return
			}
		}
		d.edge(nd, or, nr, step{kind: stepItem, index: idx})
	case nr != nil:
		d.add(nd, ItemsAdded, false, "/"+kw, nil, "schema", "array items are now constrained by a schema")
	case or != nil:
		c := d.add(nd, ItemsRemoved, false, "/"+kw, "schema", nil, "the items schema was removed: any item is accepted")
		c.extra = strconv.Itoa(idx)
	}
}
