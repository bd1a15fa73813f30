package deepevents

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The deep-corpus benchmarks: one op decodes every corpus payload (414 payloads, about 6 MB).
// Compare, in one run:
//
//	go test -run '^$' -bench Deep -benchmem -count 5 ./generated/deepevents | go run ./cmd/benchmedian

func benchDeep(b *testing.B, decode func([]byte) error) {
	payloads := deepPayloads()
	n := 0
	for _, p := range payloads {
		n += len(p.Data)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range payloads {
			if err := decode(p.Data); err != nil {
				b.Fatalf("%s: %v", p.Name, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(payloads))/1000, "µs/payload")
}

// BenchmarkDeepDecode: the generated decoder and Validate of Webhook (decode + full validation).
func BenchmarkDeepDecode(b *testing.B) {
	benchDeep(b, func(data []byte) error {
		_, err := decodeWebhook(data)
		return err
	})
}

// BenchmarkDeepUnmarshalValidate: json.Unmarshal into a Webhook (its UnmarshalJSON), then
// Validate: the public API, with encoding/json's scan of the input before UnmarshalJSON.
func BenchmarkDeepUnmarshalValidate(b *testing.B) {
	benchDeep(b, func(data []byte) error {
		var w Webhook
		if err := json.Unmarshal(data, &w); err != nil {
			return err
		}
		return w.Validate()
	})
}

// BenchmarkDeepStdlibMap: encoding/json into map[string]any, no validation.
func BenchmarkDeepStdlibMap(b *testing.B) {
	benchDeep(b, func(data []byte) error {
		var m map[string]any
		return json.Unmarshal(data, &m)
	})
}

// BenchmarkDeepSanthosh: santhosh-tekuri/jsonschema UnmarshalJSON + Validate, formats
// asserted, against the payload's own event definition (as a user who knows the event type
// from a header would compile it; validating against the 66-branch webhook union instead
// costs about 50 ms a payload).
func BenchmarkDeepSanthosh(b *testing.B) {
	byEvent := map[string]*jsonschema.Schema{}
	schemas := make(map[string]*jsonschema.Schema)
	for _, p := range deepPayloads() {
		var head struct{ Event string }
		if err := json.Unmarshal(p.Data, &head); err != nil {
			b.Fatal(err)
		}
		if byEvent[head.Event] == nil {
			byEvent[head.Event] = compileDefinition(b, head.Event+"_event")
		}
		schemas[p.Name] = byEvent[head.Event]
	}
	payloads := deepPayloads()
	i := 0
	benchDeep(b, func(data []byte) error {
		sch := schemas[payloads[i%len(payloads)].Name]
		i++
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		return sch.Validate(v)
	})
}
