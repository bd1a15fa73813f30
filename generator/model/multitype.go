package model

// multiTypeLosesObject reports whether a schema of several types ("type": ["object",
// "boolean"], as the meta-schemas have) constrains its objects in ways the union's object
// branch cannot check: that branch is a map, which knows neither properties, required nor a
// closed additionalProperties. Such a type is validated dynamically, against its whole schema.
func multiTypeLosesObject(sh *shape) bool {
	if len(sh.types) < 2 || !sh.types["object"] {
		return false
	}
	for _, p := range sh.parts {
		if len(p.Properties) > 0 || len(p.Required) > 0 {
			return true
		}
		if closed, ok := p.AdditionalProperties.(bool); ok && !closed {
			return true
		}
	}
	return false
}
