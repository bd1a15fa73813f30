package jsondoc

import (
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// MetaFailure reduces a meta-schema failure of the compiler to its most specific cause (the
// first deepest leaf): the JSON Pointer of the offending keyword relative to the failing
// schema ("" for the schema itself) and the message without the compiler's location prefix.
func MetaFailure(e *jsonschema.ValidationError) (pointer, msg string) {
	leaf := deepest(e)
	for _, tok := range leaf.InstanceLocation {
		pointer += "/" + Escape(tok)
	}
	msg = strings.TrimSpace(leaf.Error())
	// The compiler's text is "at '<pointer>': msg", or "jsonschema validation failed with
	// '<url>'\n- at '<pointer>': msg"; the pointer is reported apart.
	if i := strings.Index(msg, "- at '"); i >= 0 {
		msg = msg[i+2:]
	}
	if strings.HasPrefix(msg, "at '") {
		if i := strings.Index(msg, "': "); i >= 0 {
			msg = msg[i+3:]
		}
	}
	return pointer, strings.TrimSpace(msg)
}

func deepest(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	best, depth := e, len(e.InstanceLocation)
	var walk func(*jsonschema.ValidationError)
	walk = func(c *jsonschema.ValidationError) {
		if len(c.Causes) == 0 {
			if len(c.InstanceLocation) > depth {
				best, depth = c, len(c.InstanceLocation)
			}
			return
		}
		for _, cc := range c.Causes {
			walk(cc)
		}
	}
	walk(e)
	return best
}
