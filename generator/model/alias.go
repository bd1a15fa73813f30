package model

import (
	"strings"
)

// checkAliasCycles rejects $ref chains that lead back to themselves without an object, array
// or union in between ({"$ref": "#/$defs/B"} in A and {"$ref": "#/$defs/A"} in B): no Go type
// can express them.
func (b *builder) checkAliasCycles() error {
	state := map[*Named]int{} // 1: on the current chain, 2: done
	for _, n := range b.order {
		var chain []*Named
		cur := n
		for cur != nil && cur.Kind == KindAlias && state[cur] == 0 {
			state[cur] = 1
			chain = append(chain, cur)
			if cur.Alias == nil || cur.Alias.Kind != TNamed {
				break
			}
			next := cur.Alias.Named
			if state[next] == 1 {
				var locs []string
				for _, c := range chain {
					locs = append(locs, c.Location)
				}
				return &Error{Location: next.Location, Msg: "cyclic $ref that cannot be typed: " + strings.Join(locs, " -> ") + " -> " + next.Location}
			}
			cur = next
		}
		for _, c := range chain {
			state[c] = 2
		}
	}
	return nil
}

// inlineAnyAliases replaces the defined types over any (a definition that accepts every JSON
// value, such as {} or an anyOf with an untyped branch) by any at every use: Go allows no
// methods on a named interface type, so `type X any` could not carry decodeJSON and Validate.
// The alias's own constraints move to the places it is used.
func (b *builder) inlineAnyAliases() {
	for {
		anyAlias := map[*Named]bool{}
		for _, n := range b.order {
			if n.Kind == KindAlias && n.Alias != nil && n.Alias.Kind == TAny {
				anyAlias[n] = true
			}
		}
		if len(anyAlias) == 0 {
			return
		}
		seen := map[*Type]bool{}
		var owner *Named
		var fix func(t *Type)
		fix = func(t *Type) {
			if t == nil || seen[t] {
				return
			}
			seen[t] = true
			if t.Kind == TNamed && anyAlias[t.Named] {
				if t.Named.dynamic || !t.Named.Alias.Checks.Empty() {
					owner.dynamic = true // the constraints of the any go with it
				}
				a := t.Named.Alias
				merged, lossy := mergeChecks(a.Checks, t.Checks)
				if lossy {
					owner.dynamic = true
				}
				*t = Type{Kind: TAny, Checks: merged}
				if t.Checks.Empty() {
					t.Checks = nil
				}
				return
			}
			fix(t.Elem)
		}
		var keep []*Named
		for _, n := range b.order {
			if anyAlias[n] {
				if n.dynamic {
					// Uses are any (checked by the type that holds them), but the definition
					// itself stays a type, a wrapper around the value, so it can be validated.
					n.Kind = KindAnyValue
					keep = append(keep, n)
				}
				continue
			}
			keep = append(keep, n)
			owner = n
			if n.Struct != nil {
				for _, f := range n.Struct.Fields {
					if f.Type.Kind == TNamed && anyAlias[f.Type.Named] && anyAdmitsNull(b.schemaOf[f.Type.Named]) {
						f.Nullable = true // open.go: an optional any that may be null is Nullable[any]
					}
					fix(f.Type)
					f.Presence = presence(f)
				}
				fix(n.Struct.Extra)
				for _, p := range n.Struct.Patterns {
					fix(p.Type)
				}
			}
			if n.Union != nil {
				for _, v := range n.Union.Variants {
					fix(v.Type)
				}
			}
			fix(n.Alias)
		}
		b.order = keep
	}
}
