package naming

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Request asks [Resolve] for one identifier in a scope.
type Request struct {
	// Key is the stable identity of the thing being named, e.g. a schema
	// location "file.json#/$defs/foo" or a JSON property name. It must be
	// unique within the scope.
	Key string
	// Want is the wanted Go identifier, already produced by [Exported] or an
	// override. It must not be empty.
	Want string
	// Priority orders the requests that want the same identifier: the lowest
	// wins the plain name (e.g. 0 = explicit x-go-name override, 1 = $defs
	// name, 2 = derived inline name).
	Priority int
	// Forced marks an explicit override (x-go-name): it gets exactly Want.
	Forced bool
}

// Resolve hands out unique identifiers in one scope (a package's type names,
// one struct's field names, one type's enum constants) and returns Key →
// final identifier for every request.
//
// A Forced request gets exactly its Want. Among the other requests, each
// group that wants the same identifier is resolved on its own: the lowest
// (Priority, Key) (Key in byte order) gets Want, the others get Want+"2",
// Want+"3", … in (Priority, Key) order, skipping every candidate that is
// reserved, wanted by any request, or already handed out. A group whose Want
// is reserved or taken by a Forced request has no winner: all its members get
// suffixes. Groups are processed in byte order of Want, which only matters in
// the rare case where two groups produce the same candidate ("A1"+"2" and
// "A"+"12").
//
// So the identifier a request gets depends only on the requests that want the
// same identifier, on the requests that want one of its candidates, and on
// the reserved names — never on unrelated requests, and never on the order of
// reqs. Reserved names are never handed out.
//
// Resolve fails, returning a nil map, if two Forced requests want the same
// identifier (the error names the keys and the identifier), if a Forced
// request wants a reserved name, if two requests have the same Key, or if a
// Want is empty. Every such problem is reported, in a deterministic order.
//
// Changing the resolution order renames identifiers in every user's generated
// code.
func Resolve(reqs []Request, reserved []string) (map[string]string, error) {
	var errs []error
	seenKey := make(map[string]bool, len(reqs))
	wanted := make(map[string]bool, len(reqs))
	forced := make(map[string][]string) // Want → Keys
	groups := make(map[string][]Request)
	for _, r := range reqs {
		if seenKey[r.Key] {
			errs = append(errs, fmt.Errorf("naming: duplicate request key %q", r.Key))
			continue
		}
		seenKey[r.Key] = true
		if r.Want == "" {
			errs = append(errs, fmt.Errorf("naming: request %q wants the empty identifier", r.Key))
			continue
		}
		wanted[r.Want] = true
		if r.Forced {
			forced[r.Want] = append(forced[r.Want], r.Key)
		} else {
			groups[r.Want] = append(groups[r.Want], r)
		}
	}
	isReserved := make(map[string]bool, len(reserved))
	for _, s := range reserved {
		isReserved[s] = true
	}

	out := make(map[string]string, len(reqs))
	taken := make(map[string]bool, len(reqs))
	for _, want := range sortedKeys(forced) {
		keys := forced[want]
		slices.Sort(keys)
		switch {
		case len(keys) > 1:
			errs = append(errs, fmt.Errorf("naming: identifier %q is forced by more than one request: %s", want, quoteAll(keys)))
		case isReserved[want]:
			errs = append(errs, fmt.Errorf("naming: request %q forces the reserved identifier %q", keys[0], want))
		default:
			out[keys[0]] = want
			taken[want] = true
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}

	for _, want := range sortedKeys(groups) {
		g := groups[want]
		slices.SortFunc(g, func(a, b Request) int {
			return cmp.Or(cmp.Compare(a.Priority, b.Priority), strings.Compare(a.Key, b.Key))
		})
		if !isReserved[want] && !taken[want] {
			out[g[0].Key] = want
			taken[want] = true
			g = g[1:]
		}
		n := 2
		for _, r := range g {
			for {
				c := want + strconv.Itoa(n)
				n++
				if !isReserved[c] && !taken[c] && !wanted[c] {
					out[r.Key] = c
					taken[c] = true
					break
				}
			}
		}
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
