package diff

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// witnesses settles every change whose wire severity depends on evidence: it searches a
// payload that NEW accepts and OLD rejects, checks it with santhosh-tekuri/jsonschema, and sets
// Severity, Witness and Example.
func (d *differ) witnesses() {
	for _, c := range d.changes {
		if !c.witness {
			continue
		}
		d.gen.checks = 0
		res := d.witnessFor(c)
		switch res.state {
		case WitnessFound:
			c.Severity = Breaking
			c.Witness = WitnessFound
			c.Example = res.example
		case WitnessOldAccepts:
			c.Severity = Info
			c.Witness = WitnessOldAccepts
			c.Message += "; OLD accepts such payloads too (" + res.note + ")"
		default:
			c.Witness = WitnessNone
			c.Message += "; no witness found (no payload valid under NEW and rejected by OLD could be built)"
		}
	}
}

type witnessResult struct {
	state   string
	example *Example
	note    string
}

// pathElem is one step from a root down to a node.
type pathElem struct {
	step step
	node *pairNode // the node the step leads to
}

type rootPath struct {
	root *rootPair
	path []pathElem
}

// rootPaths returns the first path found from a root to nd, then the shorter paths from the
// roots met along it (a definition used by an event is tried on its own too).
func (d *differ) rootPaths(nd *pairNode) []rootPath {
	root, path := pathTo(nd)
	if root == nil {
		return nil
	}
	out := []rootPath{{root, path}}
	for i := range path {
		if r := d.rootOf[path[i].node]; r != nil && r != root {
			out = append(out, rootPath{r, path[i+1:]})
		}
	}
	if r := d.rootOf[nd]; r != nil && r != root {
		out = append(out, rootPath{r, nil})
	}
	return out
}

func pathTo(nd *pairNode) (*rootPair, []pathElem) {
	var rev []pathElem
	seen := map[*pairNode]bool{}
	for cur := nd; cur.from != nil && !seen[cur]; cur = cur.from {
		seen[cur] = true
		rev = append(rev, pathElem{step: cur.via, node: cur})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return nd.root, rev
}

// mutation is one attempt: op changes the value at the node's instance position.
type mutation struct {
	set     func(cur any) (any, bool)
	primary bool // exercising exactly the change: OLD accepting it means the change is harmless
}

func setTo(v any, primary bool) mutation {
	return mutation{set: func(any) (any, bool) { return clone(v), true }, primary: primary}
}

func (d *differ) witnessFor(c *Change) witnessResult {
	if c.Kind == EventTypeAdded {
		return d.eventWitness(c)
	}
	var lastNote string
	oldAccepted := false
	for _, nd := range c.nodes {
		for _, rp := range d.rootPaths(nd) {
			root, path := rp.root, rp.path
			oroot, nroot := root.node.o, root.node.n
			label := "definition " + root.def
			if root.event != "" {
				label = "event " + root.event
			}
			bases := d.bases(oroot, nroot)
			if len(bases) == 0 {
				continue
			}
			muts := d.mutations(c, nd)
			for _, base := range bases {
				for _, m := range muts {
					inst, at, ok := d.apply(base.v, path, m.set)
					if !ok {
						continue
					}
					if !d.gen.valid(nroot, inst) {
						continue
					}
					err := oroot.Validate(inst)
					if err == nil {
						if m.primary {
							oldAccepted = true
							if lastNote == "" {
								lastNote = fmt.Sprintf("%s is accepted by %s", describeAt(inst, at), label)
							}
						}
						continue
					}
					if !base.oldOK && !errorUnder(err, at) {
						continue
					}
					return witnessResult{state: WitnessFound, example: &Example{Payload: inst, Schema: label, OldError: errorText(err, at)}}
				}
			}
		}
	}
	if oldAccepted && exhaustive[c.Kind] {
		// Every path tried: OLD accepted the payload exercising the change wherever it was built.
		return witnessResult{state: WitnessOldAccepts, note: lastNote}
	}
	return witnessResult{state: WitnessNone, note: lastNote}
}

// exhaustive lists the kinds whose primary mutation is the whole change: when OLD accepts it,
// no payload can tell OLD and NEW apart through this change.
var exhaustive = map[Kind]bool{
	EnumValueAdded: true, ConstChanged: true, NullableAdded: true, RequiredRemoved: true,
	PropertyRemoved: true, EventTypeAdded: true,
}

func describeAt(inst any, at string) string {
	v, ok := lookup(inst, at)
	where := at
	if where == "" {
		where = "(root)"
	}
	if !ok {
		return "a payload without " + where
	}
	s := canon(v)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s + " at " + where
}

func lookup(v any, ptr string) (any, bool) {
	if ptr == "" {
		return v, true
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			e, ok := x[tok]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

type base struct {
	v     any
	oldOK bool // OLD accepts the base as it is
}

// bases returns payloads valid under NEW, those that OLD accepts too first (a rejection of
// their mutation is then due to the mutation).
func (d *differ) bases(o, n *schema) []base {
	var both, onlyNew []base
	add := func(v any) {
		if !d.gen.valid(n, v) {
			return
		}
		for _, b := range append(append([]base{}, both...), onlyNew...) {
			if canon(b.v) == canon(v) {
				return
			}
		}
		if o.Validate(v) == nil {
			both = append(both, base{v: v, oldOK: true})
		} else {
			onlyNew = append(onlyNew, base{v: v})
		}
	}
	if v, ok := d.gen.value(n); ok {
		add(v)
	}
	if len(both) == 0 {
		if v, ok := d.gen.value(o); ok {
			add(v)
		}
	}
	for _, c := range conjuncts(n) {
		for _, ex := range c.Examples {
			add(ex)
		}
	}
	return append(both, onlyNew...)
}

// apply walks the path into a copy of base, creating what is missing, and replaces the value
// at the end with set's result. It returns the instance and the JSON Pointer of the position.
func (d *differ) apply(base any, path []pathElem, set func(any) (any, bool)) (any, string, bool) {
	inst := clone(base)
	var at strings.Builder
	var rec func(cur any, i int) (any, bool)
	rec = func(cur any, i int) (any, bool) {
		if i == len(path) {
			return set(cur)
		}
		pe := path[i]
		child := pe.node.n
		switch pe.step.kind {
		case stepSame:
			return rec(cur, i+1)
		case stepBranch:
			if !d.gen.valid(child, cur) {
				v, ok := d.gen.value(child)
				if !ok {
					return nil, false
				}
				cur = v
			}
			return rec(cur, i+1)
		case stepProp, stepAddl, stepPattern:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			key := pe.step.name
			if pe.step.kind == stepAddl {
				key = "namigen_extra"
			} else if pe.step.kind == stepPattern {
				ks := regexStrings(pe.step.name, 4)
				if len(ks) == 0 {
					return nil, false
				}
				key = ks[len(ks)-1]
			}
			at.WriteString("/" + escapeToken(key))
			v, has := m[key]
			if !has {
				gv, ok := d.gen.value(child)
				if !ok {
					return nil, false
				}
				v = gv
			}
			nv, ok := rec(v, i+1)
			if !ok {
				return nil, false
			}
			if nv == deleted {
				delete(m, key)
			} else {
				m[key] = nv
			}
			return m, true
		case stepItem:
			a, ok := cur.([]any)
			if !ok {
				return nil, false
			}
			idx := pe.step.index
			for len(a) <= idx {
				gv, ok := d.gen.value(child)
				if !ok {
					return nil, false
				}
				a = append(a, gv)
			}
			at.WriteString("/" + strconv.Itoa(idx))
			nv, ok := rec(a[idx], i+1)
			if !ok || nv == deleted {
				return nil, false
			}
			a[idx] = nv
			return a, true
		}
		return nil, false
	}
	out, ok := rec(inst, 0)
	if !ok || out == deleted {
		return nil, "", false
	}
	return out, at.String(), true
}

// deleted, returned by a set function, removes the value from its parent object.
var deleted any = &struct{ deleted bool }{true}

// instancePath is the JSON Pointer, in a payload, of a node (items as /0).
func instancePath(nd *pairNode) string {
	_, path := pathTo(nd)
	var b strings.Builder
	for _, pe := range path {
		switch pe.step.kind {
		case stepProp:
			b.WriteString("/" + escapeToken(pe.step.name))
		case stepItem:
			b.WriteString("/" + strconv.Itoa(pe.step.index))
		case stepAddl:
			b.WriteString("/*")
		case stepPattern:
			b.WriteString("/" + escapeToken(pe.step.name))
		}
	}
	return b.String()
}

// eventWitness: a payload of the new event type, which NEW accepts and OLD's dispatch (any of
// OLD's events) rejects.
func (d *differ) eventWitness(c *Change) witnessResult {
	et := c.value.(string)
	ns := d.new.events[et]
	if ns == nil || d.old.dispatch == nil {
		return witnessResult{state: WitnessNone, note: "OLD has no event types"}
	}
	var cands []any
	if v, ok := d.gen.value(ns); ok {
		cands = append(cands, v)
	}
	for _, cj := range conjuncts(ns) {
		cands = append(cands, cj.Examples...)
	}
	accepted := false
	for _, v := range cands {
		if !d.gen.valid(ns, v) {
			continue
		}
		if d.new.dispatch != nil && d.new.dispatch.Validate(v) != nil {
			continue
		}
		err := d.old.dispatch.Validate(v)
		if err == nil {
			accepted = true
			continue
		}
		return witnessResult{state: WitnessFound, example: &Example{Payload: v, Schema: "event " + et,
			OldError: fmt.Sprintf("at (root): none of OLD's %d event schemas accepts it", len(d.old.events))}}
	}
	if accepted {
		return witnessResult{state: WitnessOldAccepts, note: "an OLD event schema accepts its payloads"}
	}
	return witnessResult{state: WitnessNone}
}

// leaves returns the innermost validation errors.
func leaves(err error) []*jsonschema.ValidationError {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

func pointerOf(toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	esc := make([]string, len(toks))
	for i, t := range toks {
		esc[i] = escapeToken(t)
	}
	return "/" + strings.Join(esc, "/")
}

// errorUnder reports whether a rejection is located at or below the pointer at.
func errorUnder(err error, at string) bool {
	for _, l := range leaves(err) {
		p := pointerOf(l.InstanceLocation)
		if p == at || strings.HasPrefix(p, at+"/") || strings.HasPrefix(at, p+"/") && p != "" {
			return true
		}
	}
	return false
}

// errorText is OLD's rejection in one line: the leaf closest to the change.
func errorText(err error, at string) string {
	ls := leaves(err)
	if len(ls) == 0 {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	sort.SliceStable(ls, func(i, j int) bool {
		pi, pj := pointerOf(ls[i].InstanceLocation), pointerOf(ls[j].InstanceLocation)
		si, sj := strings.HasPrefix(pi, at), strings.HasPrefix(pj, at)
		if si != sj {
			return si
		}
		return len(pi) > len(pj)
	})
	l := ls[0]
	msg := l.Error()
	if i := strings.LastIndex(msg, "\n"); i >= 0 {
		msg = msg[i+1:]
	}
	msg = strings.TrimPrefix(msg, "- ")
	if strings.HasPrefix(msg, "at '") {
		if i := strings.Index(msg, "': "); i >= 0 {
			msg = msg[i+3:]
		}
	}
	p := pointerOf(l.InstanceLocation)
	if p == "" {
		p = "(root)"
	}
	return fmt.Sprintf("at %s: %s", p, strings.TrimSpace(msg))
}

// mentioned collects the const, enum and examples values of a raw schema fragment.
func mentioned(v any, out []any) []any {
	if len(out) > 64 {
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			switch k {
			case "const", "default":
				out = append(out, x[k])
			case "enum", "examples":
				if arr, ok := x[k].([]any); ok {
					out = append(out, arr...)
				}
			default:
				out = mentioned(x[k], out)
			}
		}
	case []any:
		for _, e := range x {
			out = mentioned(e, out)
		}
	}
	return out
}
