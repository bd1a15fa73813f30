package webhookrt

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// This file stands in for the generated half of webhook.go (and for the Decode and
// ValidationError of events.go and namigen_support.go) so that webhook.go compiles and can be
// tested here. The emitter does not copy it.

type Handler struct {
	OnThing   func(ctx context.Context, ev *ThingEvent) error
	OnUnknown func(ctx context.Context, ev *UnknownEvent) error
	OnInvalid func(ctx context.Context, body []byte, err error) error
	Verify    func(r *http.Request, body []byte) error
	Dedupe    Deduper
	MaxBytes  int64
}

func (h *Handler) deduper() Deduper { return h.Dedupe }

func (h *Handler) dispatch(ctx context.Context, ev Event) error {
	switch ev := ev.(type) {
	case *ThingEvent:
		if h.OnThing != nil {
			return h.OnThing(ctx, ev)
		}
	case *UnknownEvent:
		if h.OnUnknown != nil {
			return h.OnUnknown(ctx, ev)
		}
	}
	return nil
}

const webhookEventKey = "type"

type Event interface{ EventType() string }

type ThingEvent struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

func (x *ThingEvent) EventType() string { return "thing" }

type UnknownEvent struct{ Type, ID string }

func (x *UnknownEvent) EventType() string { return x.Type }

func webhookEventID(ev Event) string {
	switch ev := ev.(type) {
	case *ThingEvent:
		return ev.ID
	case *UnknownEvent:
		return ev.ID
	}
	return ""
}

type ValidationError struct{ msg string }

func (e *ValidationError) Error() string { return e.msg }

var ErrUnknownEventType = errors.New("unknown event type")

// Decode understands `{"type":"thing","id":"ID"}`, `{"type":"other","id":"ID"}` (unknown),
// `{"type":"thing","id":""}` (invalid) and nothing else (malformed).
func Decode(data []byte) (Event, error) {
	s := string(data)
	id := ""
	if i := strings.Index(s, `"id":"`); i >= 0 {
		id = s[i+6:]
		id = id[:strings.IndexByte(id, '"')]
	}
	switch {
	case strings.HasPrefix(s, `{"type":"thing"`) && id == "":
		return &ThingEvent{Type: "thing"}, &ValidationError{"/id: empty"}
	case strings.HasPrefix(s, `{"type":"thing"`):
		return &ThingEvent{Type: "thing", ID: id}, nil
	case strings.HasPrefix(s, `{"type":"other"`):
		return &UnknownEvent{Type: "other", ID: id}, ErrUnknownEventType
	}
	return nil, errors.New("decode event: malformed JSON")
}
