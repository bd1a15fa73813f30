package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// envelopePlan says how the Event interface exposes the properties every event type shares
// (the envelope), so that an event's id, creation time or user can be read without a type
// switch:
//
//	type Event interface { ...; Envelope() Envelope }
//	func (x *UserSubscriptionRenewedEvent) Envelope() Envelope {
//		return Envelope{ID: x.ID, CreatedAt: x.CreatedAt, ...}
//	}
//
// The literal is keyed, in the envelope's field order, and on one line: it is read once, and
// a line per field made a tenth of a bundle's code.
//
// The result type is a struct of the bundle whose properties are exactly the shared ones (a
// schema's Envelope definition that every event merges in through allOf), or else a struct
// namigen declares, EventEnvelope. An open struct qualifies too: Envelope() fills its declared
// fields and leaves its AdditionalProperties empty (the event keeps its own).
type envelopePlan struct {
	method   string         // the Event method: Envelope, or EventEnvelope where a field is named Envelope
	typeName string         // the result type
	declare  bool           // the type is declared here (no schema type matches)
	fields   []*model.Field // the result type's fields
	// id is the field holding the event id (a shared string property "id"), which Handler
	// deduplicates on; nil when the bundle has none.
	id *model.Field
}

// planEnvelope returns nil when the event types share no property.
func planEnvelope(pkg *model.Package, ev *model.Events) *envelopePlan {
	common := commonFields(ev)
	if len(common) == 0 {
		return nil
	}
	byJSON := map[string]*model.Field{}
	for _, fl := range common {
		byJSON[fl.JSONName] = fl
	}
	events := map[*model.Named]bool{}
	names := map[string]bool{"UnknownEvent": true}
	for _, x := range ev.Events {
		events[x.Type] = true
	}
	for _, n := range pkg.Types {
		names[n.Name] = true
	}
	p := &envelopePlan{}
	for _, n := range pkg.Types {
		if n.Kind != model.KindStruct || events[n] || len(n.Struct.Fields) != len(common) || n.Struct.NonObject {
			continue
		}
		match := true
		for _, fl := range n.Struct.Fields {
			c := byJSON[fl.JSONName]
			if c == nil || c.Presence != fl.Presence || !sameType(c.Type, fl.Type) {
				match = false
				break
			}
		}
		if match {
			p.typeName, p.fields = n.Name, n.Struct.Fields
			break
		}
	}
	if p.typeName == "" {
		p.declare, p.fields = true, common
		p.typeName = "EventEnvelope"
		for i := 2; names[p.typeName]; i++ {
			p.typeName = fmt.Sprintf("EventEnvelope%d", i)
		}
	}
	p.method = "Envelope"
	for _, x := range ev.Events {
		for _, fl := range x.Type.Struct.Fields {
			if fl.Name == p.method {
				p.method = "EventEnvelope"
			}
		}
	}
	for _, fl := range p.fields {
		if fl.JSONName == "id" && fl.Type.Kind == model.TString && (fl.Presence == model.PresValue || fl.Presence == model.PresPointer) {
			p.id = fl
		}
	}
	return p
}

// The envelope: its type, declared when no schema type fits (envelopeType), and the Envelope
// method of every event type (envelopeOf, in batches) and of UnknownEvent (envelopeUnknown).

// envelopeType emits the envelope type when the package declares it.
func (e *emitter) envelopeType(f *jen.File, p *envelopePlan) {
	if p.declare {
		var fields []jen.Code
		for _, fl := range p.fields {
			fields = append(fields, noted(fl.Doc, "", jen.Id(fl.Name).Add(e.fieldType(fl)).Tag(map[string]string{"json": envelopeTag(fl)})))
		}
		docComment(f, fmt.Sprintf("%s holds the properties every event type of this package shares, as Event.%s\nreturns them.", p.typeName, p.method))
		f.Type().Id(p.typeName).Struct(fields...)
		f.Line()
	}
}

// envelopeOf emits the envelope method of the event types events.
func (e *emitter) envelopeOf(f *jen.File, events []*model.Event, p *envelopePlan) {
	doc := fmt.Sprintf("%s returns the properties every event type shares.", p.method)
	for _, x := range events {
		var vals []jen.Code
		for _, fl := range p.fields {
			for _, g := range x.Type.Struct.Fields {
				if g.JSONName == fl.JSONName {
					vals = append(vals, jen.Id(fl.Name).Op(":").Id("x").Dot(g.Name))
				}
			}
		}
		f.Comment(doc)
		f.Func().Params(jen.Id("x").Op("*").Id(x.Type.Name)).Id(p.method).Params().Id(p.typeName).Block(
			jen.Return(jen.Id(p.typeName).Values(vals...)))
		f.Line()
	}
}

// envelopeUnknown emits the envelope method of UnknownEvent.
func (e *emitter) envelopeUnknown(f *jen.File, ev *model.Events, p *envelopePlan) {
	doc := fmt.Sprintf("%s returns the properties every event type shares.", p.method)
	// UnknownEvent keeps the shared fields under their names, and the event type in Type.
	vals := jen.Dict{}
	common := commonFields(ev)
	for _, fl := range p.fields {
		if fl.JSONName != ev.Key {
			for _, c := range common {
				if c.JSONName == fl.JSONName {
					vals[jen.Id(fl.Name)] = jen.Id("x").Dot(c.Name)
				}
			}
			continue
		}
		switch {
		case fl.Presence == model.PresValue && fl.Type.Kind == model.TNamed && fl.Type.Named == ev.Enum:
			vals[jen.Id(fl.Name)] = jen.Id("x").Dot("Type")
		case fl.Presence == model.PresValue && fl.Type.Kind == model.TString:
			vals[jen.Id(fl.Name)] = jen.String().Call(jen.Id("x").Dot("Type"))
		}
	}
	f.Comment(doc[:len(doc)-1] + ", as far as they could be decoded.")
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id(p.method).Params().Id(p.typeName).Block(
		jen.Return(jen.Id(p.typeName).Values(vals)))
	f.Line()
}

// envelopeInterface is the Event interface method, or nil without an envelope.
func envelopeInterface(p *envelopePlan) jen.Code {
	if p == nil {
		return jen.Null()
	}
	return jen.Comment(fmt.Sprintf("%s returns the properties every event type shares (the envelope).", p.method)).Line().
		Id(p.method).Params().Id(p.typeName)
}

// omitTag is the json tag of a field that may be left zero: omitempty, except for a struct
// value (time.Time, a struct or union type), where omitempty does nothing and omitzero is what
// leaves the zero value out.
func omitTag(fl *model.Field) string {
	if fl.Presence == model.PresNullable {
		return fl.JSONName + ",omitzero"
	}
	if fl.Presence == model.PresValue {
		switch t := fl.Type; {
		case t.Kind == model.TTime, t.Kind == model.TNamed && (t.Named.Kind == model.KindStruct || t.Named.Kind == model.KindUnion):
			return fl.JSONName + ",omitzero"
		}
	}
	return fl.JSONName + ",omitempty"
}

// envelopeTag is the json tag of an EventEnvelope field: as in the event types.
func envelopeTag(fl *model.Field) string {
	if fl.Required && fl.Presence == model.PresValue {
		return fl.JSONName
	}
	return omitTag(fl)
}

// envelopeNote is what the doc of a bundle's own envelope type says about Event.Envelope.
const envelopeNote = "The %s method of the Event interface (of every event type and of UnknownEvent) returns these properties, so that they can be read without a type switch."

// noteEnvelope adds to the doc of a schema type that Event.Envelope returns what it is for.
func (e *emitter) noteEnvelope() {
	if e.pkg.Events == nil {
		return
	}
	p := planEnvelope(e.pkg, e.pkg.Events)
	if p == nil || p.declare {
		return
	}
	for _, n := range e.pkg.Types {
		if n.Name == p.typeName {
			note := fmt.Sprintf(envelopeNote, p.method)
			if !strings.HasSuffix(n.Doc, note) {
				n.Doc = strings.TrimSpace(n.Doc + "\n\n" + note)
			}
		}
	}
}
