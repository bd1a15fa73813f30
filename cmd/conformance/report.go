package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// counts are the figures of a file, a schema, a section or the whole run. Total is
// passed + failed + skipped; a skip is not a pass.
type counts struct {
	Total   int `json:"total"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
}

func (c *counts) add(tc *testCase) {
	c.Total++
	switch {
	case tc.Skip != "":
		c.Skipped++
	case tc.passed():
		c.Passed++
	default:
		c.Failed++
	}
}

func (c counts) percent() float64 {
	if c.Total == 0 {
		return 100
	}
	return 100 * float64(c.Passed) / float64(c.Total)
}

type fileCounts struct {
	File string `json:"file"`
	counts
}

type schemaCounts struct {
	Schema string `json:"schema"`
	counts
	// Valid: the instances of test/<name> (must be accepted); Invalid: negative_test/<name>.
	Valid   counts `json:"valid"`
	Invalid counts `json:"invalid"`
}

type failure struct {
	File     string `json:"file"`
	Group    string `json:"group"`
	Test     string `json:"test"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
	Message  string `json:"message,omitempty"`
}

type skip struct {
	File   string `json:"file"`
	Group  string `json:"group"`
	Test   string `json:"test"`
	Reason string `json:"reason"`
}

type section struct {
	counts
	Files    []fileCounts `json:"files"`
	Failures []failure    `json:"failures"`
	Skips    []skip       `json:"skips"`
}

type suiteReport struct {
	Draft    string  `json:"draft"`
	Required section `json:"required"`
	Optional section `json:"optional"`
	Seconds  float64 `json:"seconds"`
}

type storeReport struct {
	counts
	Schemas  []schemaCounts `json:"schemas"`
	Failures []failure      `json:"failures"`
	Skips    []skip         `json:"skips"`
	Seconds  float64        `json:"seconds"`
}

func verdict(valid bool) string {
	if valid {
		return "valid"
	}
	return "invalid"
}

func outcome(tc *testCase) (failure, bool) {
	if tc.Skip != "" || tc.passed() {
		return failure{}, false
	}
	got := verdict(tc.Got)
	if !tc.Ran {
		got = "not run"
	}
	msg := tc.Message
	if tc.Note != "" {
		msg = strings.TrimPrefix(msg+"; ", "; ") + "note: " + tc.Note
	}
	return failure{Expected: verdict(tc.Valid), Got: got, Message: msg}, true
}

func buildSection(groups []*group, optional bool) section {
	s := section{Files: []fileCounts{}, Failures: []failure{}, Skips: []skip{}}
	idx := map[string]int{}
	for _, g := range groups {
		if g.Optional != optional {
			continue
		}
		i, ok := idx[g.File]
		if !ok {
			i = len(s.Files)
			idx[g.File] = i
			s.Files = append(s.Files, fileCounts{File: g.File})
		}
		for _, tc := range g.Tests {
			s.Files[i].add(tc)
			s.add(tc)
			if tc.Skip != "" {
				s.Skips = append(s.Skips, skip{File: g.File, Group: g.Description, Test: tc.Description, Reason: tc.Skip})
			} else if f, bad := outcome(tc); bad {
				f.File, f.Group, f.Test = g.File, g.Description, tc.Description
				s.Failures = append(s.Failures, f)
			}
		}
	}
	return s
}

func buildSuiteReport(draft string, groups []*group) *suiteReport {
	return &suiteReport{Draft: draft, Required: buildSection(groups, false), Optional: buildSection(groups, true)}
}

func buildStoreReport(groups []*group) *storeReport {
	r := &storeReport{Schemas: []schemaCounts{}, Failures: []failure{}, Skips: []skip{}}
	for _, g := range groups {
		sc := schemaCounts{Schema: g.File}
		for _, tc := range g.Tests {
			sc.add(tc)
			r.add(tc)
			if tc.Valid {
				sc.Valid.add(tc)
			} else {
				sc.Invalid.add(tc)
			}
			if tc.Skip != "" {
				r.Skips = append(r.Skips, skip{File: g.File, Group: g.File, Test: tc.Description, Reason: tc.Skip})
			} else if f, bad := outcome(tc); bad {
				f.File, f.Group, f.Test = g.File, g.File, tc.Description
				r.Failures = append(r.Failures, f)
			}
		}
		r.Schemas = append(r.Schemas, sc)
	}
	return r
}

func headline(name string, c counts) string {
	return fmt.Sprintf("%s: %d/%d passed (%.2f%%), %d failed, %d skipped (a skip counts as a failure)",
		name, c.Passed, c.Total, c.percent(), c.Failed, c.Skipped)
}

func writeSection(w io.Writer, name string, s section) {
	fmt.Fprintf(w, "== %s ==\n", name)
	width := 0
	for _, f := range s.Files {
		width = max(width, len(f.File))
	}
	for _, f := range s.Files {
		mark := ""
		if f.Passed < f.Total {
			mark = fmt.Sprintf("  (%d failed, %d skipped)", f.Failed, f.Skipped)
		}
		fmt.Fprintf(w, "  %-*s %4d/%d%s\n", width, f.File, f.Passed, f.Total, mark)
	}
	fmt.Fprintln(w, headline(name, s.counts))
}

func writeFailures(w io.Writer, fs []failure, ss []skip) {
	if len(fs) > 0 {
		fmt.Fprintf(w, "\nFailures (%d):\n", len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "- %s | %s | %s: expected %s, got %s", f.File, f.Group, f.Test, f.Expected, f.Got)
			if f.Message != "" {
				fmt.Fprintf(w, ": %s", oneLine(f.Message, 400))
			}
			fmt.Fprintln(w)
		}
	}
	if len(ss) > 0 {
		fmt.Fprintf(w, "\nSkipped (%d):\n", len(ss))
		for _, s := range ss {
			fmt.Fprintf(w, "- %s | %s | %s: %s\n", s.File, s.Group, s.Test, s.Reason)
		}
	}
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "..."
	}
	return s
}

func (r *suiteReport) writeText(w io.Writer) {
	writeSection(w, "required", r.Required)
	if r.Optional.Total > 0 {
		fmt.Fprintln(w)
		writeSection(w, "optional", r.Optional)
	}
	if worst := failuresByFile(r.Required); len(worst) > 0 {
		fmt.Fprintf(w, "\nRequired files with failures, most first:")
		for _, f := range worst {
			fmt.Fprintf(w, " %s %d,", strings.TrimSuffix(f.File, ".json"), f.Total-f.Passed)
		}
		fmt.Fprintln(w)
	}
	writeFailures(w, append(append([]failure{}, r.Required.Failures...), r.Optional.Failures...),
		append(append([]skip{}, r.Required.Skips...), r.Optional.Skips...))
	fmt.Fprintf(w, "\n%s\n", headline("required (draft "+r.Draft+")", r.Required.counts))
	if r.Optional.Total > 0 {
		fmt.Fprintln(w, headline("optional", r.Optional.counts))
	}
	fmt.Fprintf(w, "(%.1f s)\n", r.Seconds)
}

func (r *storeReport) writeText(w io.Writer) {
	width := 0
	for _, s := range r.Schemas {
		width = max(width, len(s.Schema))
	}
	for _, s := range r.Schemas {
		fmt.Fprintf(w, "  %-*s %4d/%-4d valid accepted %d/%d, invalid rejected %d/%d\n", width, s.Schema, s.Passed, s.Total,
			s.Valid.Passed, s.Valid.Total, s.Invalid.Passed, s.Invalid.Total)
	}
	writeFailures(w, r.Failures, r.Skips)
	fmt.Fprintf(w, "\n%s\n(%.1f s)\n", headline("schemastore", r.counts), r.Seconds)
}

// failuresByFile counts failures and skips per file, most first.
func failuresByFile(s section) []fileCounts {
	var out []fileCounts
	for _, f := range s.Files {
		if f.Passed < f.Total {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Total-out[i].Passed > out[j].Total-out[j].Passed })
	return out
}
