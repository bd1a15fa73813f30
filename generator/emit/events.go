package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// eventTypeExtras adds parsing and text marshalling to EventType.
//
//	func ParseEventType(s string) (EventType, error)
//	func (v EventType) MarshalText() ([]byte, error)
//	func (v *EventType) UnmarshalText(text []byte) error
func (e *emitter) eventTypeExtras(f *jen.File, n *model.Named) {
	f.Comment("ParseEventType returns the EventType named s, or an error matching ErrUnknownEventType.")
	f.Func().Id("ParseEventType").Params(jen.Id("s").String()).Params(jen.Id("EventType"), jen.Error()).Block(
		jen.If(jen.Id("v").Op(":=").Id("EventType").Call(jen.Id("s")), jen.Id("v").Dot("IsKnown").Call()).Block(jen.Return(jen.Id("v"), jen.Nil())),
		jen.Return(jen.Lit(""), jen.Qual("fmt", "Errorf").Call(jen.Lit("%w: %q"), jen.Id("ErrUnknownEventType"), jen.Id("s"))),
	)
	f.Line()
	f.Comment("String returns the event type as it appears on the wire.")
	f.Func().Params(jen.Id("v").Id("EventType")).Id("String").Params().String().Block(jen.Return(jen.String().Call(jen.Id("v"))))
	f.Line()
	f.Comment("MarshalText encodes the event type as its wire string.")
	f.Func().Params(jen.Id("v").Id("EventType")).Id("MarshalText").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Index().Byte().Call(jen.Id("v")), jen.Nil()))
	f.Line()
	f.Comment("UnmarshalText accepts any event type string, known or not (see IsKnown).")
	f.Func().Params(jen.Id("v").Op("*").Id("EventType")).Id("UnmarshalText").Params(jen.Id("text").Index().Byte()).Error().Block(
		jen.Op("*").Id("v").Op("=").Id("EventType").Call(jen.Id("text")),
		jen.Return(jen.Nil()))
	f.Line()
}

// eventBatch is the number of event types whose methods one chunk of events.go holds.
const eventBatch = 256

// eventChunks returns the pieces of events.go, in order, for the renderer to build and format
// one at a time (the methods of a bundle of 10,000 event types are not all built at once): the
// Event interface, the EventType methods of every payload, the envelope, UnknownEvent and
// Decode.
//
//	type Event interface { EventType() EventType; Validate() error }
//	func Decode(data []byte) (Event, error)
func (e *emitter) eventChunks(ev *model.Events) []func(f *jen.File) {
	for _, x := range ev.Events {
		if !e.tableEvent(x.Type) {
			// decodeEvent calls them through eventDecoder.
			e.useDecode(x.Type)
			e.useValidate(x.Type)
		}
	}
	env := planEnvelope(e.pkg, ev)
	chunks := []func(f *jen.File){func(f *jen.File) {
		docComment(f, "Event is implemented by every event payload type and by *UnknownEvent. Use a type switch\nto tell the event types apart.")
		f.Type().Id("Event").Interface(
			jen.Comment("EventType returns the event's "+ev.Key+".").Line().Id("EventType").Params().Id("EventType"),
			jen.Comment("Validate checks the event against its schema.").Line().Id("Validate").Params().Error(),
			envelopeInterface(env),
		)
		f.Line()
		f.Comment("ErrUnknownEventType matches (errors.Is) the error Decode returns with an *UnknownEvent.")
		f.Var().Id("ErrUnknownEventType").Op("=").Qual("errors", "New").Call(jen.Lit("unknown event type"))
		f.Line()
	}}
	batches := func(emit func(f *jen.File, events []*model.Event)) {
		for i := 0; i < len(ev.Events); i += eventBatch {
			events := ev.Events[i:min(i+eventBatch, len(ev.Events))]
			chunks = append(chunks, func(f *jen.File) { emit(f, events) })
		}
	}
	batches(func(f *jen.File, events []*model.Event) {
		for _, x := range events {
			f.Comment(fmt.Sprintf("EventType returns %s.", x.Constant))
			f.Func().Params(jen.Op("*").Id(x.Type.Name)).Id("EventType").Params().Id("EventType").Add(oneLine(jen.Return(jen.Id(x.Constant))))
			f.Line()
		}
	})
	if env != nil {
		chunks = append(chunks, func(f *jen.File) { e.envelopeType(f, env) })
		batches(func(f *jen.File, events []*model.Event) { e.envelopeOf(f, events, env) })
		chunks = append(chunks, func(f *jen.File) { e.envelopeUnknown(f, ev, env) })
	}
	return append(chunks, func(f *jen.File) {
		common := commonFields(ev)
		e.unknownEvent(f, ev, common)
		e.unknownDecoder(f, ev, common)
		e.decodeFunc(f, ev)
	})
}

// unknownEvent emits UnknownEvent, which keeps the fields every event shares (common, but the
// event key) and the raw payload, with its Event methods:
//
//	type UnknownEvent struct {
//		Type EventType `json:"-"`
//		ID string `json:"id,omitempty"`
//		Raw json.RawMessage `json:"-"`
//	}
//	func (x *UnknownEvent) EventType() EventType { return x.Type }
//	func (x *UnknownEvent) Validate() error { return nil }
//	func (x *UnknownEvent) MarshalJSON() ([]byte, error) { return x.Raw, nil }
func (e *emitter) unknownEvent(f *jen.File, ev *model.Events, common []*model.Field) {
	var fields []jen.Code
	fields = append(fields, jen.Comment("Type is the event type, which this package does not know.").Line().Id("Type").Id("EventType").Tag(map[string]string{"json": "-"}))
	for _, fl := range common {
		if fl.JSONName == ev.Key {
			continue
		}
		fields = append(fields, noted(fl.Doc, "", jen.Id(fl.Name).Add(e.fieldType(fl)).Tag(map[string]string{"json": omitTag(fl)})))
	}
	fields = append(fields, jen.Comment("Raw is the whole payload as received.").Line().Id("Raw").Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}))
	docComment(f, "UnknownEvent is an event whose type this package does not know (a type added to the schemas\nafter this package was generated). It keeps the fields all known events share (the envelope) and the raw payload.")
	f.Type().Id("UnknownEvent").Struct(fields...)
	f.Line()
	f.Comment("EventType returns the unknown event type.")
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Id("x").Dot("Type")))
	f.Line()
	f.Comment("Validate checks nothing: the schema of an unknown event is unknown.")
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("Validate").Params().Error().Block(jen.Return(jen.Nil()))
	f.Line()
	f.Comment("MarshalJSON encodes the raw payload as received.")
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("Raw"), jen.Nil()))
	f.Line()
}

// unknownDecoder emits the decodeJSON method of UnknownEvent, which decodes the shared fields
// (common, but the event key) leniently: absent ones stay zero.
//
//	func (x *UnknownEvent) decodeJSON(data []byte, e *errs) {
//		m, ok := decodeObject(data, nil, e)
//		if !ok {
//			return
//		}
//		if raw, ok := m["id"]; ok {
//			decodeString(&x.ID, raw, &path{parent: nil, key: "id"}, e)
//		}
//	}
func (e *emitter) unknownDecoder(f *jen.File, ev *model.Events, common []*model.Field) {
	var ub []jen.Code
	shared := 0
	for _, fl := range common {
		if fl.JSONName != ev.Key {
			shared++
		}
	}
	mVar := "m"
	if shared == 0 {
		mVar = "_"
	}
	ub = append(ub,
		jen.List(jen.Id(mVar), jen.Id("ok")).Op(":=").Id("decodeObject").Call(jen.Id("data"), jen.Nil(), jen.Id("e")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
	)
	for _, fl := range common {
		if fl.JSONName == ev.Key {
			continue
		}
		child := childPath(jen.Nil(), jen.Lit(fl.JSONName))
		var dec jen.Code
		switch fl.Presence {
		case model.PresPointer:
			dec = jen.Id("decodePtr").Call(jen.Op("&").Id("x").Dot(fl.Name), jen.Id("raw"), jen.Lit(fl.Nullable), child, jen.Id("e"), e.decoder(fl.Type))
		case model.PresNullable:
			dec = jen.Id("decodeNullable").Call(jen.Op("&").Id("x").Dot(fl.Name), jen.Id("raw"), child, jen.Id("e"), e.decoder(fl.Type))
		default:
			dec = e.decodeValue(fl.Type, jen.Id("x").Dot(fl.Name), jen.Id("raw"), child, fl.Nullable)
		}
		ub = append(ub, jen.If(jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Lit(fl.JSONName)), jen.Id("ok")).Block(dec))
	}
	f.Comment("decodeJSON decodes the shared fields of an unknown event.")
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("decodeJSON").Params(jen.Id("data").Index().Byte(), jen.Id("e").Op("*").Id("errs")).Block(ub...)
	f.Line()
}

// decodeFunc emits Decode, which dispatches on the event key, and decodeEvent, which decodes
// and validates one typed payload:
//
//	func Decode(data []byte) (Event, error) {
//		tag, err := eventTag(data, "event_type")
//		...
//		t := EventType(tag)
//		switch t {
//		case EventTypeOrderCreated:
//			ev := new(OrderCreated)
//			return ev, decodeTableEvent(unsafe.Pointer(ev), data, &tOrderCreated, &e) // or decodeEvent(ev, data, &e)
//		default: // an *UnknownEvent and ErrUnknownEventType
//		}
//	}
func (e *emitter) decodeFunc(f *jen.File, ev *model.Events) {
	var cases []jen.Code
	interfaced := false
	for _, x := range ev.Events {
		decode := jen.Id("decodeEvent").Call(jen.Id("ev"), jen.Id("data"), jen.Op("&").Id("e"))
		if e.tableEvent(x.Type) {
			decode = jen.Id("decodeTableEvent").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("ev")), jen.Id("data"), jen.Op("&").Id(tableName(x.Type)), jen.Op("&").Id("e"))
		} else {
			interfaced = true
		}
		cases = append(cases, jen.Case(jen.Id(x.Constant)).Block(
			jen.Id("ev").Op(":=").New(jen.Id(x.Type.Name)),
			jen.Return(jen.Id("ev"), decode),
		))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("ev").Op(":=").Op("&").Id("UnknownEvent").Values(jen.Dict{
			jen.Id("Type"): jen.Id("t"),
			jen.Id("Raw"):  jen.Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("...")),
		}),
		jen.Id("ev").Dot("decodeJSON").Call(jen.Id("data"), jen.Op("&").Id("e")),
		jen.If(jen.Err().Op(":=").Id("e").Dot("err").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("ev"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%w %q: %w"), jen.Id("ErrUnknownEventType"), jen.Id("t"), jen.Err())),
		),
		jen.Return(jen.Id("ev"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%w %q"), jen.Id("ErrUnknownEventType"), jen.Id("t"))),
	))
	docComment(f, fmt.Sprintf(`Decode decodes and validates one event, dispatching on its %q property.

It returns the typed payload (for example *%s); a *ValidationError (errors.As) lists every
violation, with the payload decoded as far as possible. For an event type this package does not
know it returns an *UnknownEvent holding the raw payload, and an error matching
ErrUnknownEventType (errors.Is). Malformed JSON, a payload that is not an object and a missing
%s are errors that say so.`, ev.Key, ev.Events[0].Type.Name, ev.Key))
	// One scan of data: eventTag checks it and reads the tag, and leaves what it found in e
	// for the decoder (see generator/emit/runtime).
	f.Func().Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Var().Id("e").Id("errs"),
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("eventTag").Call(jen.Id("data"), jen.Lit(ev.Key), jen.Op("&").Id("e")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("t").Op(":=").Id("EventType").Call(jen.Id("tag")),
		jen.Switch(jen.Id("t")).Block(cases...),
	)
	f.Line()
	if !interfaced {
		return
	}
	f.Comment("eventDecoder is what every payload type with generated code implements.")
	f.Type().Id("eventDecoder").Interface(
		jen.Id("decodeJSON").Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")),
		jen.Id("validate").Params(jen.Id("p").Op("*").Id("path"), jen.Id("e").Op("*").Id("errs")),
	)
	f.Line()
	f.Comment("decodeEvent decodes and, when decoding found nothing wrong, validates: quietly first (a valid")
	f.Comment("event costs no allocation), and again to say where and why only when something is wrong.")
	f.Func().Id("decodeEvent").Params(jen.Id("ev").Id("eventDecoder"), jen.Id("data").Index().Byte(), jen.Id("e").Op("*").Id("errs")).Error().Block(
		jen.Id("ev").Dot("decodeJSON").Call(jen.Id("data"), jen.Nil(), jen.Id("e")),
		jen.If(jen.Len(jen.Id("e").Dot("list")).Op("==").Lit(0)).Block(
			jen.Id("e").Dot("quiet").Op("=").True(),
			jen.Id("ev").Dot("validate").Call(jen.Nil(), jen.Id("e")),
			jen.Id("e").Dot("quiet").Op("=").False(),
			jen.If(jen.Len(jen.Id("e").Dot("list")).Op("!=").Lit(0)).Block(
				jen.Id("e").Dot("list").Op("=").Nil(),
				jen.Id("ev").Dot("validate").Call(jen.Nil(), jen.Id("e")),
			),
		),
		jen.Return(jen.Id("e").Dot("err").Call()),
	)
}

// tableEvent reports whether the runtime decodes and validates the event payload type n by its
// table alone (Decode calls decodeTableEvent).
func (e *emitter) tableEvent(n *model.Named) bool {
	return e.tp.dec[n] && e.tp.val[n] && n.Kind == model.KindStruct
}

// commonFields are the fields (same JSON name, Go type and presence) of every event payload.
func commonFields(ev *model.Events) []*model.Field {
	if len(ev.Events) == 0 {
		return nil
	}
	var out []*model.Field
	for _, fl := range ev.Events[0].Type.Struct.Fields {
		shared := true
		for _, x := range ev.Events[1:] {
			found := false
			for _, g := range x.Type.Struct.Fields {
				if g.JSONName == fl.JSONName && g.Name == fl.Name && g.Presence == fl.Presence && sameType(g.Type, fl.Type) {
					found = true
				}
			}
			if !found {
				shared = false
				break
			}
		}
		if shared {
			out = append(out, fl)
		}
	}
	return out
}

func sameType(a, b *model.Type) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case model.TNamed:
		return a.Named == b.Named
	case model.TSlice, model.TMap:
		return sameType(a.Elem, b.Elem)
	case model.TExtern:
		return a.ImportPath == b.ImportPath && a.Name == b.Name
	}
	return true
}
