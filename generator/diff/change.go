package diff

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/namigen/namigen/generator/keyword"
)

// Severity says how much a change matters to a consumer.
type Severity string

// The severities, most severe first.
const (
	Breaking Severity = "breaking"
	Warning  Severity = "warning"
	Info     Severity = "info"
)

// Rank orders severities: 0 for breaking, 1 for warning, 2 for info.
func (s Severity) Rank() int {
	switch s {
	case Breaking:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// ParseThreshold reads a -fail-on value: breaking, warning, info or never. never returns "".
func ParseThreshold(s string) (Severity, error) {
	switch s {
	case "breaking", "warning", "info":
		return Severity(s), nil
	case "never":
		return "", nil
	}
	return "", fmt.Errorf("unknown threshold %q (want breaking, warning, info or never)", s)
}

// Category says what a change is compatible or incompatible with.
type Category string

// The categories.
const (
	// Wire: can a payload valid under NEW be rejected or misread by code generated from OLD?
	Wire Category = "wire"
	// GoAPI: does code compiled against the package generated from OLD still compile against
	// the package generated from NEW?
	GoAPI Category = "go-api"
)

// Kind names a kind of change.
type Kind string

// The schema-level change kinds (category wire).
const (
	EventTypeAdded             Kind = "event-type-added"
	EventTypeRemoved           Kind = "event-type-removed"
	DefinitionAdded            Kind = "definition-added"
	DefinitionRemoved          Kind = "definition-removed"
	PropertyAdded              Kind = "property-added"
	PropertyRemoved            Kind = "property-removed"
	RequiredAdded              Kind = "required-added"
	RequiredRemoved            Kind = "required-removed"
	NullableAdded              Kind = "nullable-added"
	NullableRemoved            Kind = "nullable-removed"
	TypeWidened                Kind = "type-widened"
	TypeNarrowed               Kind = "type-narrowed"
	TypeChanged                Kind = "type-changed"
	EnumValueAdded             Kind = "enum-value-added"
	EnumValueRemoved           Kind = "enum-value-removed"
	EnumAdded                  Kind = "enum-added"
	EnumRemoved                Kind = "enum-removed"
	ConstAdded                 Kind = "const-added"
	ConstRemoved               Kind = "const-removed"
	ConstChanged               Kind = "const-changed"
	NumericTightened           Kind = "numeric-tightened"
	NumericLoosened            Kind = "numeric-loosened"
	LengthTightened            Kind = "length-tightened"
	LengthLoosened             Kind = "length-loosened"
	CountTightened             Kind = "count-tightened"
	CountLoosened              Kind = "count-loosened"
	PatternAdded               Kind = "pattern-added"
	PatternRemoved             Kind = "pattern-removed"
	PatternChanged             Kind = "pattern-changed"
	FormatAdded                Kind = "format-added"
	FormatRemoved              Kind = "format-removed"
	FormatChanged              Kind = "format-changed"
	AdditionalPropertiesOpened Kind = "additional-properties-opened"
	AdditionalPropertiesClosed Kind = "additional-properties-closed"
	ItemsAdded                 Kind = "items-added"
	ItemsRemoved               Kind = "items-removed"
	UnionBranchAdded           Kind = "union-branch-added"
	UnionBranchRemoved         Kind = "union-branch-removed"
	AllOfBranchAdded           Kind = "allof-branch-added"
	AllOfBranchRemoved         Kind = "allof-branch-removed"
	ConstraintAdded            Kind = "constraint-added"
	ConstraintRemoved          Kind = "constraint-removed"
	ConstraintChanged          Kind = "constraint-changed"
	RefChanged                 Kind = "ref-changed"
	DefaultChanged             Kind = "default-changed"
	DescriptionChanged         Kind = "description-changed"
	TitleChanged               Kind = "title-changed"
	DeprecatedAdded            Kind = "deprecated-added"
	DeprecatedRemoved          Kind = "deprecated-removed"
)

// The Go API change kinds (category go-api), found by comparing the exported API of the two
// generated packages.
const (
	GoTypeRemoved      Kind = "go-type-removed"
	GoTypeAdded        Kind = "go-type-added"
	GoTypeChanged      Kind = "go-type-changed"
	GoFieldRemoved     Kind = "go-field-removed"
	GoFieldAdded       Kind = "go-field-added"
	GoFieldTypeChanged Kind = "go-field-type-changed"
	GoMethodRemoved    Kind = "go-method-removed"
	GoMethodAdded      Kind = "go-method-added"
	GoSignatureChanged Kind = "go-signature-changed"
	GoFuncRemoved      Kind = "go-func-removed"
	GoFuncAdded        Kind = "go-func-added"
	GoConstRemoved     Kind = "go-const-removed"
	GoConstAdded       Kind = "go-const-added"
	GoConstTypeChanged Kind = "go-const-type-changed"
	GoConstValue       Kind = "go-const-value-changed"
	GoVarRemoved       Kind = "go-var-removed"
	GoVarAdded         Kind = "go-var-added"
	GoVarTypeChanged   Kind = "go-var-type-changed"
)

// Rule is the classification of one change kind.
type Rule struct {
	Kind     Kind
	Category Category
	// Severity is the severity a change of this kind gets. For kinds that Witnessed marks, a
	// wire-breaking change is confirmed with an example payload; see Witnessed.
	Severity Severity
	// Witnessed: the change is wire-breaking only if a payload valid under NEW can be rejected
	// by OLD. namigen searches such a payload; when it builds the payload that exercises the
	// change and OLD accepts it (an open enum, an object that allows unknown keys), the change
	// is reported as info instead.
	Witnessed bool
	// Text says when the kind applies and why it has its severity.
	Text string
}

// Rules is the classification table, in the order the README shows it.
var Rules = []Rule{
	{EventTypeAdded, Wire, Breaking, true, "a new event type: dispatch in code generated from OLD rejects it (the witness is a payload of the new type)"},
	{EventTypeRemoved, Wire, Info, false, "an event type is gone: OLD code only stops receiving it"},
	{DefinitionAdded, Wire, Info, false, "a new definition: no payload changes by itself"},
	{DefinitionRemoved, Wire, Info, false, "a definition is gone: where it was used is reported separately"},
	{PropertyAdded, Wire, Breaking, true, "a new property where OLD rejects unknown keys (additionalProperties false or a schema); info when OLD accepts unknown keys"},
	{PropertyRemoved, Wire, Warning, true, "warning: OLD code no longer receives the value; breaking when OLD required it (the payload omits it)"},
	{RequiredAdded, Wire, Info, false, "a property became required: NEW payloads always carry it, which OLD accepts"},
	{RequiredRemoved, Wire, Breaking, true, "a property became optional: a NEW payload may omit it, which OLD rejects"},
	{NullableAdded, Wire, Breaking, true, "null became allowed: a NEW payload may carry null, which OLD rejects"},
	{NullableRemoved, Wire, Info, false, "null is no longer allowed: OLD accepts every NEW value"},
	{TypeWidened, Wire, Breaking, true, "the type accepts more (string to [string, integer], integer to number, type removed)"},
	{TypeNarrowed, Wire, Info, false, "the type accepts less: OLD accepts every NEW value"},
	{TypeChanged, Wire, Breaking, true, "the type changed to one OLD does not accept"},
	{EnumValueAdded, Wire, Breaking, true, "a new enum value OLD rejects; info when OLD accepts it anyway (an open enum)"},
	{EnumValueRemoved, Wire, Info, false, "an enum value is gone: OLD accepts every NEW value"},
	{EnumAdded, Wire, Info, false, "values are now restricted to an enum"},
	{EnumRemoved, Wire, Breaking, true, "the enum restriction is gone: NEW may send values outside the OLD list"},
	{ConstAdded, Wire, Info, false, "the value is now fixed by const"},
	{ConstRemoved, Wire, Breaking, true, "the const restriction is gone"},
	{ConstChanged, Wire, Breaking, true, "the const value changed"},
	{NumericTightened, Wire, Info, false, boundList("number") + " allows fewer numbers"},
	{NumericLoosened, Wire, Breaking, true, "a numeric bound allows more numbers, which OLD rejects"},
	{LengthTightened, Wire, Info, false, boundList("string") + " allows fewer strings"},
	{LengthLoosened, Wire, Breaking, true, boundList("string") + " allows more strings, which OLD rejects"},
	{CountTightened, Wire, Info, false, boundList("array", "object") + " allows fewer values"},
	{CountLoosened, Wire, Breaking, true, "an item or property count bound allows more values, which OLD rejects"},
	{PatternAdded, Wire, Info, false, "strings must now match a pattern"},
	{PatternRemoved, Wire, Breaking, true, "the pattern is gone: NEW may send strings OLD rejects"},
	{PatternChanged, Wire, Warning, true, "the pattern changed: breaking when a string matching NEW but not OLD is found, warning otherwise"},
	{FormatAdded, Wire, Info, false, "strings must now have a format (generated code validates formats)"},
	{FormatRemoved, Wire, Breaking, true, "the format is gone: NEW may send strings OLD's validation rejects"},
	{FormatChanged, Wire, Breaking, true, "the format changed: a NEW value may fail OLD's format check"},
	{AdditionalPropertiesOpened, Wire, Breaking, true, "additionalProperties false (or a schema) became open: NEW may send keys OLD rejects"},
	{AdditionalPropertiesClosed, Wire, Info, false, "additionalProperties became false or a schema: OLD accepts every NEW payload"},
	{ItemsAdded, Wire, Info, false, "array items are now constrained by a schema"},
	{ItemsRemoved, Wire, Breaking, true, "the items schema is gone: NEW may send items OLD rejects"},
	{UnionBranchAdded, Wire, Breaking, true, "a new oneOf/anyOf branch: NEW may send values of that branch"},
	{UnionBranchRemoved, Wire, Info, false, "a oneOf/anyOf branch is gone"},
	{AllOfBranchAdded, Wire, Info, false, "a new allOf part: more constraints"},
	{AllOfBranchRemoved, Wire, Breaking, true, "an allOf part is gone: fewer constraints"},
	{ConstraintAdded, Wire, Info, false, "another assertion (not, if/then/else, contains, propertyNames, dependentRequired, dependentSchemas, unevaluated*) was added"},
	{ConstraintRemoved, Wire, Breaking, true, "such an assertion was removed"},
	{ConstraintChanged, Wire, Warning, true, "such an assertion changed: breaking when a witness is found, warning otherwise"},
	{RefChanged, Wire, Info, false, "a $ref points to another definition (what differs between the two targets is reported at its own path)"},
	{DefaultChanged, Wire, Warning, false, "the default value was added, removed or changed: code that fills in defaults behaves differently"},
	{DescriptionChanged, Wire, Info, false, "documentation only"},
	{TitleChanged, Wire, Info, false, "documentation only"},
	{DeprecatedAdded, Wire, Info, false, "the value is now marked deprecated"},
	{DeprecatedRemoved, Wire, Info, false, "the deprecation mark was removed"},

	{GoTypeRemoved, GoAPI, Breaking, false, "an exported type is gone (a definition or event removed or renamed)"},
	{GoTypeAdded, GoAPI, Info, false, "a new exported type"},
	{GoTypeChanged, GoAPI, Breaking, false, "an exported type changed kind or underlying type (struct to alias, string to int, ...)"},
	{GoFieldRemoved, GoAPI, Breaking, false, "a struct field is gone (a property removed or renamed)"},
	{GoFieldAdded, GoAPI, Info, false, "a new struct field"},
	{GoFieldTypeChanged, GoAPI, Breaking, false, "a struct field's type changed (T to *T when a property becomes optional, a type change, ...)"},
	{GoMethodRemoved, GoAPI, Breaking, false, "an exported method is gone"},
	{GoMethodAdded, GoAPI, Info, false, "a new method (breaking when added to an interface with only exported methods)"},
	{GoSignatureChanged, GoAPI, Breaking, false, "a function's or method's signature changed"},
	{GoFuncRemoved, GoAPI, Breaking, false, "an exported function is gone"},
	{GoFuncAdded, GoAPI, Info, false, "a new exported function"},
	{GoConstRemoved, GoAPI, Breaking, false, "an exported constant is gone (an enum value removed or renamed)"},
	{GoConstAdded, GoAPI, Info, false, "a new exported constant (an enum value added)"},
	{GoConstTypeChanged, GoAPI, Breaking, false, "a constant's type changed"},
	{GoConstValue, GoAPI, Warning, false, "a constant keeps its name but its value changed: code compiles, behaviour differs"},
	{GoVarRemoved, GoAPI, Breaking, false, "an exported variable is gone"},
	{GoVarAdded, GoAPI, Info, false, "a new exported variable"},
	{GoVarTypeChanged, GoAPI, Breaking, false, "an exported variable's type changed"},
}

var rulesByKind = func() map[Kind]Rule {
	m := map[Kind]Rule{}
	for _, r := range Rules {
		m[r.Kind] = r
	}
	return m
}()

// RuleFor returns the rule of a kind.
func RuleFor(k Kind) Rule { return rulesByKind[k] }

// boundList names the bound keywords of the instance types (keyword.Bounds, in table order),
// for the rule texts: "minLength or maxLength".
func boundList(instances ...string) string {
	var names []string
	for _, k := range keyword.Bounds() {
		if slices.Contains(instances, k.Instance) {
			names = append(names, k.Name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// RulesMarkdown renders Rules as the README's Markdown table.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| kind | category | severity | rule |\n|---|---|---|---|\n")
	for _, r := range Rules {
		sev := string(r.Severity)
		if r.Witnessed && r.Severity == Breaking {
			sev += " (with a witness)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Kind, r.Category, sev, strings.ReplaceAll(r.Text, "|", "\\|"))
	}
	return b.String()
}

// Witness states for Change.Witness.
const (
	WitnessFound        = "found"       // Example is a payload valid under NEW that OLD rejects
	WitnessNone         = "none"        // no such payload was found
	WitnessOldAccepts   = "old-accepts" // the payload exercising the change is accepted by OLD too
	witnessNotAttempted = ""
)

// Example is a payload that NEW accepts and OLD rejects, both checked by santhosh-tekuri/jsonschema.
type Example struct {
	// Payload is the whole instance (an event payload, or a value of the definition).
	Payload any `json:"payload"`
	// Schema names what it was validated against: "event <type>" or "definition <name>".
	Schema string `json:"schema"`
	// OldError is OLD's rejection, at its instance location.
	OldError string `json:"old_error"`
}

// Change is one difference between OLD and NEW.
type Change struct {
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	Category Category `json:"category"`
	// EventTypes are the event types whose payloads the change concerns (sorted; empty for a
	// definition no event reaches, or a Go identifier not tied to one).
	EventTypes []string `json:"event_types"`
	// Path is the JSON Pointer of the change in NEW's document, or in OLD's for something that
	// was removed.
	Path string `json:"path"`
	// Document is the display name of the document Path points into.
	Document string `json:"document,omitempty"`
	// Instance is the JSON Pointer, in a payload, of the value concerned ("/items/0" stands
	// for every item), when known.
	Instance string `json:"instance,omitempty"`
	// Go is the exported Go identifier concerned (go-api changes): Type, Type.Field, Type.Method,
	// Func, Const.
	Go string `json:"go,omitempty"`
	// Old and New are the values before and after (null when absent).
	Old any `json:"old"`
	New any `json:"new"`
	// Message says what changed, in a sentence.
	Message string `json:"message"`
	// Witness: found, none or old-accepts, for kinds that need a witness to be wire-breaking.
	Witness string   `json:"witness,omitempty"`
	Example *Example `json:"example,omitempty"`

	nodes    []*pairNode // where the walk found it (for event types and witnesses)
	prop     string      // the property a property-level change is about
	value    any         // the value an enum or const change is about
	hasValue bool
	witness  bool     // the change is wire-breaking only with a witness
	types    []string // the JSON types a type change added
	extra    string   // the keyword or pattern concerned
}

// Summary counts changes per severity.
type Summary struct {
	Breaking int `json:"breaking"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
	Total    int `json:"total"`
}

// Report is the result of a diff.
type Report struct {
	Old     string    `json:"old"`
	New     string    `json:"new"`
	Changes []*Change `json:"changes"`
	Summary Summary   `json:"summary"`
	// Notes say what was not compared (for example the Go API when generation was not run).
	Notes []string `json:"notes,omitempty"`

	allEvents []string // every event type of OLD and NEW
	oldEvents []string
	newEvents []string
}

// Worst returns the most severe severity among the changes, or "" when there are none.
func (r *Report) Worst() Severity {
	var w Severity
	for _, c := range r.Changes {
		if w == "" || c.Severity.Rank() < w.Rank() {
			w = c.Severity
		}
	}
	return w
}

// Fails reports whether a change at or above the threshold exists ("" never fails).
func (r *Report) Fails(threshold Severity) bool {
	if threshold == "" {
		return false
	}
	for _, c := range r.Changes {
		if c.Severity.Rank() <= threshold.Rank() {
			return true
		}
	}
	return false
}

// finish sorts the changes and counts them.
func (r *Report) finish() {
	for _, c := range r.Changes {
		if c.EventTypes == nil {
			c.EventTypes = []string{}
		}
		sort.Strings(c.EventTypes)
	}
	sort.SliceStable(r.Changes, func(i, j int) bool {
		a, b := r.Changes[i], r.Changes[j]
		if a.Severity != b.Severity {
			return a.Severity.Rank() < b.Severity.Rank()
		}
		if a.Category != b.Category {
			return a.Category == Wire
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Go != b.Go {
			return a.Go < b.Go
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Message < b.Message
	})
	r.Summary = Summary{Total: len(r.Changes)}
	for _, c := range r.Changes {
		switch c.Severity {
		case Breaking:
			r.Summary.Breaking++
		case Warning:
			r.Summary.Warning++
		default:
			r.Summary.Info++
		}
	}
	if r.Changes == nil {
		r.Changes = []*Change{}
	}
}
