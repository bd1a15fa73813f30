package model

import (
	"fmt"
	"strconv"

	"github.com/namigen/namigen/generator/naming"
)

// nameEnumValues names the constants of an enum, resolving clashes within it.
func (b *builder) nameEnumValues(n *Named) {
	var reqs []naming.Request
	for i, v := range n.Enum.Values {
		reqs = append(reqs, naming.Request{Key: strconv.Itoa(i), Want: naming.EnumValue(n.Name, v.Value), Priority: 1})
	}
	names, err := naming.Resolve(reqs, nil)
	if err != nil {
		b.fail(n.Location, "enum constant names: %v", err)
		return
	}
	for i, v := range n.Enum.Values {
		v.Name = names[strconv.Itoa(i)]
		v.Doc = fmt.Sprintf("%s is the value %q.", v.Name, v.Value)
	}
}
