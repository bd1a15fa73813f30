package deepevents

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/namigen/namigen/cmd/deepcorpus/corpus"
)

// The deep corpus (cmd/deepcorpus): a synthetic webhook catalogue of 66 event types whose
// Webhook union dispatches on "event", then on "action" (21 branches for pull_request, two of
// them oneOfs sharing their action value), with payloads of 5-40 KB built in memory from a
// fixed seed.

var deepPayloads = sync.OnceValue(func() []corpus.Payload { return corpus.Payloads(corpus.PerLeaf) })

// decodeWebhook decodes and validates data as a Webhook, as an event bundle's Decode does:
// decoding first, then Validate when decoding found nothing.
func decodeWebhook(data []byte) (*Webhook, error) {
	w := new(Webhook)
	var e errs
	w.decodeJSON(data, nil, &e)
	if len(e.list) == 0 {
		w.validate(nil, &e)
	}
	return w, e.err()
}

// compileWebhook compiles the committed schema's webhook definition with santhosh-tekuri,
// formats asserted (as the generated code does).
func compileWebhook(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	return compileDefinition(tb, "webhook")
}

// compileDefinition compiles one definition of the committed schema.
func compileDefinition(tb testing.TB, name string) *jsonschema.Schema {
	tb.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "schemas", "deepevents", "webhooks.schema.json"))
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		tb.Fatal(err)
	}
	sch, err := c.Compile(path + "#/definitions/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return sch
}

// TestCorpusSchemaUpToDate fails when schemas/deepevents differs from what cmd/deepcorpus
// writes now (regenerate with `go run ./cmd/deepcorpus`, then `make generate`).
func TestCorpusSchemaUpToDate(t *testing.T) {
	got, err := os.ReadFile(filepath.Join("..", "..", "schemas", "deepevents", "webhooks.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, corpus.Schema()) {
		t.Fatal("schemas/deepevents/webhooks.schema.json is stale: run `go run ./cmd/deepcorpus` and `make generate`")
	}
}

// TestCorpusShape checks that the corpus is what the benchmarks claim: 60+ event types, a
// union of 20+ branches, payloads of 5-40 KB, each valid for santhosh-tekuri and for Decode,
// which sets exactly one event branch.
func TestCorpusShape(t *testing.T) {
	st := corpus.Describe()
	if st.EventTypes < 60 || st.MaxBranches < 20 {
		t.Fatalf("corpus too small: %+v", st)
	}
	sch := compileWebhook(t)
	for _, p := range deepPayloads() {
		if n := len(p.Data); n < 5<<10 || n > 40<<10 {
			t.Errorf("%s: %d bytes, want 5-40 KB", p.Name, n)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.Data))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: santhosh-tekuri: %v", p.Name, err)
		}
		w, err := decodeWebhook(p.Data)
		if err != nil {
			t.Errorf("%s: Decode: %v", p.Name, err)
			continue
		}
		if set := countSet(w); set != 1 {
			t.Errorf("%s: %d branches of Webhook set, want 1", p.Name, set)
		}
	}
}

// TestUnionBuiltInGo: Validate of a Webhook built in Go reports one with no branch set and
// one with two (a oneOf), which MarshalJSON could not encode faithfully; each decoded payload
// alone passes.
func TestUnionBuiltInGo(t *testing.T) {
	var push, issues *Webhook
	for _, p := range deepPayloads() {
		w, err := decodeWebhook(p.Data)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		switch {
		case push == nil && w.PushEvent != nil:
			push = w
		case issues == nil && w.IssuesEvent != nil:
			issues = w
		}
	}
	if push == nil || issues == nil {
		t.Fatal("the corpus has no push or issues payload")
	}
	if err := push.Validate(); err != nil {
		t.Errorf("a decoded push event: %v", err)
	}
	for name, w := range map[string]*Webhook{
		"nothing set": {},
		"two set":     {PushEvent: push.PushEvent, IssuesEvent: issues.IssuesEvent},
	} {
		err := w.Validate()
		if err == nil || !strings.Contains(err.Error(), "branch") {
			t.Errorf("%s: Validate = %v, want a violation of the union", name, err)
		}
	}
}
