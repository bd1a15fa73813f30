package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/template"

	"github.com/namigen/namigen/templates"
)

// Formats are the output formats of Render.
var Formats = []string{"text", "json", "markdown"}

// Render writes the report in a format: text, json or markdown.
func Render(w io.Writer, r *Report, format string) error {
	switch format {
	case "text", "":
		return RenderText(w, r)
	case "json":
		return RenderJSON(w, r)
	case "markdown", "md":
		return RenderMarkdown(w, r)
	}
	return fmt.Errorf("unknown format %q (want text, json or markdown)", format)
}

// RenderJSON writes the report as indented JSON. The shape is stable:
//
//	{"old": "...", "new": "...",
//	 "changes": [{"kind", "severity", "category", "event_types", "path", "document", "instance",
//	              "go", "old", "new", "message", "witness", "example": {"payload", "schema", "old_error"}}],
//	 "summary": {"breaking", "warning", "info", "total"}, "notes": [...]}
//
// document, instance, go, witness, example and notes are left out when empty.
func RenderJSON(w io.Writer, r *Report) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

type group struct {
	Title   string
	worst   int
	Changes []*Change
}

// groups puts changes with the same set of event types together, the group with the most
// severe change first.
func (r *Report) groups() []*group {
	byKey := map[string]*group{}
	var out []*group
	for _, c := range r.Changes {
		key := strings.Join(c.EventTypes, "\x00")
		g, ok := byKey[key]
		if !ok {
			g = &group{Title: r.groupTitle(c.EventTypes), worst: 3}
			byKey[key] = g
			out = append(out, g)
		}
		g.Changes = append(g.Changes, c)
		if c.Severity.Rank() < g.worst {
			g.worst = c.Severity.Rank()
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].worst != out[j].worst {
			return out[i].worst < out[j].worst
		}
		return out[i].Title < out[j].Title
	})
	return out
}

func (r *Report) groupTitle(ets []string) string {
	switch {
	case len(ets) == 0:
		return "Not tied to an event type"
	case len(ets) == 1:
		return "Event type " + ets[0]
	case len(r.allEvents) > 1 && len(ets) == len(r.allEvents):
		return fmt.Sprintf("Every event type (%d)", len(ets))
	case len(r.oldEvents) > 1 && strings.Join(ets, "\x00") == strings.Join(r.oldEvents, "\x00"):
		return fmt.Sprintf("Every event type of OLD (%d)", len(ets))
	case len(r.newEvents) > 1 && strings.Join(ets, "\x00") == strings.Join(r.newEvents, "\x00"):
		return fmt.Sprintf("Every event type of NEW (%d)", len(ets))
	}
	return fmt.Sprintf("%d event types: %s", len(ets), strings.Join(ets, ", "))
}

func (c *Change) where() string {
	var parts []string
	if c.Go != "" {
		parts = append(parts, c.Go)
	}
	if c.Path != "" || c.Document != "" {
		p := c.Path
		if p == "" {
			p = "/"
		}
		if c.Document != "" {
			p = c.Document + "#" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(b.String())
}

func (r *Report) verdict() string {
	switch r.Worst() {
	case Breaking:
		return "Breaking changes"
	case Warning:
		return "Changes to check"
	case Info:
		return "Compatible changes"
	}
	return "No changes"
}

// RenderText writes the report for a terminal: grouped by event type, most severe first.
func RenderText(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "namigen diff %s → %s\n", r.Old, r.New)
	fmt.Fprintf(&b, "%s: %d breaking, %d warning, %d info\n", r.verdict(), r.Summary.Breaking, r.Summary.Warning, r.Summary.Info)
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, g := range r.groups() {
		fmt.Fprintf(&b, "\n%s\n", g.Title)
		for _, c := range g.Changes {
			fmt.Fprintf(&b, "  %-8s %-6s %-28s %s\n", strings.ToUpper(string(c.Severity)), c.Category, c.Kind, c.where())
			fmt.Fprintf(&b, "           %s\n", c.Message)
			if c.Example != nil {
				fmt.Fprintf(&b, "           example (%s): %s\n", c.Example.Schema, compactJSON(c.Example.Payload))
				fmt.Fprintf(&b, "           OLD rejects it %s\n", c.Example.OldError)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type mdChange struct {
	Severity, Category, Kind, Where, Message, Example, OldError string
}

type mdGroup struct {
	Title   string
	Changes []mdChange
}

func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

// RenderMarkdown writes the report for a pull-request comment, from templates.DiffMarkdown.
func RenderMarkdown(w io.Writer, r *Report) error {
	t, err := template.New("diff.md").Parse(templates.DiffMarkdown())
	if err != nil {
		return err
	}
	data := struct {
		Old, New string
		Summary  Summary
		Verdict  string
		Notes    []string
		Groups   []mdGroup
	}{Old: r.Old, New: r.New, Summary: r.Summary, Verdict: r.verdict(), Notes: r.Notes}
	for _, g := range r.groups() {
		mg := mdGroup{Title: g.Title}
		for _, c := range g.Changes {
			mc := mdChange{Severity: string(c.Severity), Category: string(c.Category), Kind: string(c.Kind),
				Where: "`" + mdCell(c.where()) + "`", Message: mdCell(c.Message)}
			if c.Example != nil {
				p, _ := json.MarshalIndent(c.Example.Payload, "", "  ")
				mc.Example = string(p)
				mc.OldError = c.Example.OldError
			}
			mg.Changes = append(mg.Changes, mc)
		}
		data.Groups = append(data.Groups, mg)
	}
	return t.Execute(w, data)
}
