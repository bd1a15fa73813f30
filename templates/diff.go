package templates

import _ "embed"

//go:embed diff.md.tmpl
var diffMarkdown string

// DiffMarkdown returns the text/template source of the Markdown report of `namigen diff
// -format markdown` (for pull-request comments). Its data is built by generator/diff: Old,
// New, Summary (Breaking, Warning, Info, Total), Verdict, Notes, and Groups, each with a Title
// and Changes (Severity, Category, Kind, Where, Message, Example, OldError).
func DiffMarkdown() string { return diffMarkdown }
