package diff

import (
	"fmt"
	"sort"
	"strings"
)

// apState classifies additionalProperties: 0 open (absent or true), 1 false, 2 a schema.
func apState(s *schema) (int, *schema) {
	switch v := s.AdditionalProperties.(type) {
	case nil:
		return 0, nil
	case bool:
		if v {
			return 0, nil
		}
		return 1, nil
	case *schema:
		if v.Bool != nil {
			if *v.Bool {
				return 0, nil
			}
			return 1, nil
		}
		return 2, v
	}
	return 0, nil
}

// rejectsUnknownKey reports whether an object schema restricts an undeclared key name.
func rejectsUnknownKey(s *schema, name string) bool {
	if _, ok := s.Properties[name]; ok {
		return false
	}
	for re := range s.PatternProperties {
		if re.MatchString(name) {
			return true
		}
	}
	st, _ := apState(s)
	if st != 0 {
		return true
	}
	if s.UnevaluatedProperties != nil {
		if b := s.UnevaluatedProperties.Bool; b == nil || !*b {
			return true
		}
	}
	if s.PropertyNames != nil {
		return true
	}
	return false
}

func (d *differ) orderedProps(o, n *schema) []string {
	var names []string
	seen := map[string]bool{}
	for _, sd := range []struct {
		side *side
		s    *schema
	}{{d.new, n}, {d.old, o}} {
		order := sd.side.res.KeyOrder(sd.s.Location + "/properties")
		for _, k := range order {
			if _, ok := sd.s.Properties[k]; ok && !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
		var rest []string
		for k := range sd.s.Properties {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range rest {
			seen[k] = true
			names = append(names, k)
		}
	}
	return names
}

func (d *differ) compareObject(nd *pairNode) {
	added, removed := d.compareProperties(nd)
	d.compareRequired(nd, added, removed)
	d.comparePatternProperties(nd)
	d.compareAdditionalProperties(nd)
}

// compareProperties pairs the declared properties and reports those only one side declares;
// it returns the names added and removed.
func (d *differ) compareProperties(nd *pairNode) (addedProps, removedProps map[string]bool) {
	o, n := nd.o, nd.n
	removedProps, addedProps = map[string]bool{}, map[string]bool{}
	for _, name := range d.orderedProps(o, n) {
		op, np := o.Properties[name], n.Properties[name]
		esc := escapeToken(name)
		switch {
		case op != nil && np != nil:
			d.edge(nd, op, np, step{kind: stepProp, name: name})
		case np != nil:
			addedProps[name] = true
			c := d.add(nd, PropertyAdded, false, "/properties/"+esc, nil, name, fmt.Sprintf("property %q added", name))
			c.prop = name
			if contains(n.Required, name) && !contains(o.Required, name) {
				c.Message += " (required)"
			}
			if !rejectsUnknownKey(o, name) {
				c.witness = false
				c.Severity = Info
			}
		default:
			removedProps[name] = true
			wasReq, isReq := contains(o.Required, name), contains(n.Required, name)
			c := d.add(nd, PropertyRemoved, true, "/properties/"+esc, name, nil, fmt.Sprintf("property %q removed", name))
			c.prop = name
			if wasReq && !isReq {
				c.Severity = Breaking
				c.Message += " (it was required: NEW payloads may omit it)"
			} else {
				c.witness = false
			}
		}
	}
	return addedProps, removedProps
}

// compareRequired reports the properties that became required or optional (a property added
// or removed is reported as such).
func (d *differ) compareRequired(nd *pairNode, addedProps, removedProps map[string]bool) {
	o, n := nd.o, nd.n
	for _, name := range n.Required {
		if !contains(o.Required, name) && !addedProps[name] {
			c := d.add(nd, RequiredAdded, false, "/required", nil, name, fmt.Sprintf("property %q became required", name))
			c.prop = name
		}
	}
	for _, name := range o.Required {
		if !contains(n.Required, name) && !removedProps[name] {
			c := d.add(nd, RequiredRemoved, false, "/required", name, nil, fmt.Sprintf("property %q became optional", name))
			c.prop = name
		}
	}
}

// comparePatternProperties pairs patternProperties by their pattern text.
func (d *differ) comparePatternProperties(nd *pairNode) {
	o, n := nd.o, nd.n
	opp, npp := map[string]*schema{}, map[string]*schema{}
	for re, s := range o.PatternProperties {
		opp[re.String()] = s
	}
	for re, s := range n.PatternProperties {
		npp[re.String()] = s
	}
	for _, pat := range sortedKeys(npp) {
		if os, ok := opp[pat]; ok {
			d.edge(nd, os, npp[pat], step{kind: stepPattern, name: pat})
			continue
		}
		c := d.add(nd, PropertyAdded, false, "/patternProperties/"+escapeToken(pat), nil, pat, fmt.Sprintf("pattern property %s added", pat))
		c.extra = pat
		if st, _ := apState(o); st == 0 {
			c.witness = false
			c.Severity = Info
		}
	}
	for _, pat := range sortedKeys(opp) {
		if _, ok := npp[pat]; !ok {
			c := d.add(nd, PropertyRemoved, true, "/patternProperties/"+escapeToken(pat), pat, nil, fmt.Sprintf("pattern property %s removed", pat))
			c.extra = pat
			c.witness = false
		}
	}
}

// compareAdditionalProperties compares what the sides accept as an undeclared key.
func (d *differ) compareAdditionalProperties(nd *pairNode) {
	o, n := nd.o, nd.n
	ost, oap := apState(o)
	nst, nap := apState(n)
	switch {
	case ost == nst && ost == 2:
		d.edge(nd, oap, nap, step{kind: stepAddl})
	case ost == nst:
	case nst == 0:
		d.add(nd, AdditionalPropertiesOpened, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties opened: undeclared keys are accepted")
	case ost == 1:
		d.add(nd, AdditionalPropertiesOpened, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties opened: undeclared keys are accepted if they match a schema")
	case nst == 1:
		d.add(nd, AdditionalPropertiesClosed, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties closed: undeclared keys are rejected")
	default:
		d.add(nd, AdditionalPropertiesClosed, false, "/additionalProperties", apValue(o), apValue(n), "additionalProperties restricted to a schema")
	}
}

func apValue(s *schema) any {
	switch st, _ := apState(s); st {
	case 1:
		return false
	case 2:
		return "schema"
	}
	if s.AdditionalProperties == nil {
		return nil
	}
	return true
}

func escapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}
