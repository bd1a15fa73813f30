package generator

// dispatchCases are the golden cases of inferred discriminators (union dispatch), with
// instances that reach every state of the dispatch property: each value, an unknown value, a
// value of another JSON type, null, a missing property, a value that is not an object, a key
// given twice, and instances that match several branches. TestDynamicValidation compares the
// generated code's verdict on each with santhosh-tekuri/jsonschema's.
var dispatchCases = []struct {
	dir       string
	file, ptr string
	typ       string
	instances []string
}{
	{"dispatch-nested-oneof", "schema.json", "/$defs/PullRequestEvent", "PullRequestEvent", []string{
		`{"action":"opened","number":1}`, `{"action":"closed","merged":true}`, `{"action":"closed","number":1}`,
		`{"action":"review_requested","reviewer":"a"}`, `{"action":"review_requested","team":"t"}`,
		`{"action":"review_requested","reviewer":"a","team":"t"}`, `{"action":"review_requested"}`,
		`{"action":"reopened","number":1}`, `{"number":1}`, `{"action":null,"number":1}`, `{"action":1}`,
		`"opened"`, `[]`, `null`, `{"action":"closed","merged":true,"action":"opened","number":2}`,
		`{"action":"opened","number":"1"}`, `{"action":"review_requested","reviewer":1}`,
	}},
	{"dispatch-nested-oneof", "schema.json", "/$defs/ReviewRequested", "ReviewRequested", []string{
		`{"action":"review_requested","reviewer":"a"}`, `{"action":"review_requested","team":"t"}`, `{}`, `1`,
	}},
	{"dispatch-allof-tag", "schema.json", "/$defs/Pet", "Pet", []string{
		`{"kind":"dog","name":"rex","barks":true}`, `{"kind":"cat","name":"tom","lives":9}`, `{"kind":"cat","name":"tom","lives":10}`,
		`{"kind":"dog"}`, `{"kind":"cow","name":"x"}`, `{"name":"x"}`, `{"kind":true,"name":"x"}`, `{"kind":"dog","name":2}`, `5`,
	}},
	{"dispatch-enum-tag", "schema.json", "/$defs/Change", "Change", []string{
		`{"state":"open","title":"t"}`, `{"state":"reopened","title":"t"}`, `{"state":"draft","title":"t"}`,
		`{"state":"merged","closed_at":"x"}`, `{"state":"closed","closed_at":"x"}`, `{"state":"locked","reason":"r"}`,
		`{"reason":"r"}`, `{"reason":"r","title":"t"}`, `{"state":"open","title":"t","reason":"r"}`, `{"state":"gone","reason":"r"}`,
		`{"state":null,"reason":"r"}`, `{"state":"open"}`, `{"title":"t"}`, `{}`, `"open"`,
	}},
	{"dispatch-overlapping-tags", "schema.json", "/$defs/Notice", "Notice", []string{
		`{"level":"info","text":"t"}`, `{"level":"warning","text":"t"}`, `{"level":"warning","code":1}`,
		`{"level":"warning","text":"t","code":1}`, `{"level":"error","code":1}`, `{"level":"error","fatal":true}`,
		`{"level":"error","code":1,"fatal":true}`, `{"level":"debug","id":"x"}`, `{"level":"debug"}`, `{"id":"x"}`,
		`{"level":3,"id":"x"}`, `{"level":"info","id":"x"}`, `{"level":"info"}`, `{}`, `[]`,
	}},
	{"dispatch-overlapping-tags", "schema.json", "/$defs/Level", "Level", []string{
		`{"level":"info"}`, `{"level":"warning"}`, `{"level":"error"}`, `{"level":"warning","text":"t"}`,
		`{"level":"warning","text":1}`, `{"level":"fatal"}`, `{}`, `{"level":false}`, `true`,
	}},
	{"dispatch-ref-tag", "schema.json", "/definitions/Charge", "Charge", []string{
		`{"type":"charge.succeeded","amount":1}`, `{"type":"charge.succeeded","amount":-1}`, `{"type":"charge.failed","reason":"r"}`,
		`{"type":"charge.expired","reason":"r"}`, `{"type":"charge.expired"}`, `{"type":"charge.refunded","reason":"r"}`,
		`{"amount":1}`, `{"type":["charge.failed"],"reason":"r"}`, `{"type":"charge.succeeded","amount":1,"reason":"r"}`, `"x"`,
	}},
}
