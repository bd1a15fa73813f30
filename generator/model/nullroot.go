package model

import "github.com/namigen/namigen/generator/naming"

// A document's root schema describes a whole JSON document, and JSON null is a document. When
// the root schema admits null ({"enum": [6, null]}, {"type": ["object", "null"]}, ...) but its
// Go type cannot hold null (an enum, a scalar, a struct), decoding the document into that type
// would reject a valid value. A definition used through a $ref has no such problem: the field
// that holds it keeps null apart (*T, Nullable[T]).
//
// So such a root becomes a nullable union with one branch: the root keeps its name and gets a
// Null field, and the type it would have been is declared as <Root>Value.

// wrapNullableRoots wraps the root types that admit null but cannot hold it.
func (b *builder) wrapNullableRoots() {
	for _, e := range b.entries {
		if e.Pointer != "" || e.Schema == nil {
			continue
		}
		n := b.named[e.Schema]
		if n == nil || !cannotHoldNull(n) || !b.isNullableSchema(e.Schema) {
			continue
		}
		inner := &Named{}
		*inner = *n
		inner.want = n.want + "Value"
		inner.Doc = ""
		inner.title, inner.description = "", ""
		key := e.Schema.Location + " (value)"
		b.reqs = append(b.reqs, naming.Request{Key: key, Want: inner.want, Priority: prioInline})
		b.byKey[key] = inner
		b.order = append(b.order, inner)
		b.schemaOf[inner] = e.Schema
		*n = Named{
			Location: n.Location, Doc: n.Doc, Deprecated: n.Deprecated, title: n.title, description: n.description,
			want: n.want, dynamic: n.dynamic, Kind: KindUnion,
			Union: &Union{OneOf: true, Nullable: true, Variants: []*Variant{{Type: &Type{Kind: TNamed, Named: inner}}}},
		}
	}
}

// cannotHoldNull reports whether the Go type of n has no value for JSON null.
func cannotHoldNull(n *Named) bool {
	switch n.Kind {
	case KindEnum:
		return true
	case KindStruct:
		return !n.Struct.NonObject
	case KindAlias:
		switch n.Alias.Kind {
		case TBool, TInt, TFloat, TString, TTime:
			return true
		}
	}
	return false
}
