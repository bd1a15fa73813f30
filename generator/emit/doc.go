package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
)

// lineComments renders a text as // comment lines (jennifer would use /* */ for several lines).
func lineComments(text string) *jen.Statement {
	st := jen.Null()
	for i, line := range strings.Split(wrapDoc(strings.TrimSpace(text), fieldWidth), "\n") {
		if i > 0 {
			st = st.Line()
		}
		if line == "" {
			st = st.Comment("")
			continue
		}
		st = st.Comment(line)
	}
	return st
}

// docComment writes a doc comment above the next declaration of f.
func docComment(f *jen.File, text string) {
	for _, line := range strings.Split(wrapDoc(strings.TrimSpace(text), docWidth), "\n") {
		f.Comment(line)
	}
}

// oneLine is a function body kept on one line ({ a; b }), which gofmt leaves as it is: the
// per-type wrappers are short, and a body on one line is a third of the output's lines.
func oneLine(stmts ...jen.Code) *jen.Statement {
	return jen.Custom(jen.Options{Open: "{ ", Close: " }", Separator: "; "}, stmts...)
}

// childPath is &path{parent: p, key: "name"}: the pointer of a member, built on the stack.
func childPath(p jen.Code, key jen.Code) *jen.Statement {
	return jen.Op("&").Id("path").Values(jen.Id("parent").Op(":").Add(p), jen.Id("key").Op(":").Add(key))
}

// indexPath is &path{parent: p, index: i, isIndex: true}.
func indexPath(p jen.Code, i jen.Code) *jen.Statement {
	return jen.Op("&").Id("path").Values(jen.Id("parent").Op(":").Add(p), jen.Id("index").Op(":").Add(i), jen.Id("isIndex").Op(":").True())
}

// schemaLabel introduces a type's schema location, at the end of its doc; wrapDoc keeps the
// two on one line.
const schemaLabel = "Schema:"

func (e *emitter) typeDoc(n *model.Named, fallback string) string {
	doc := goDoc(n.Name, n.Doc, fallback)
	if n.Location != "" {
		if !strings.HasSuffix(doc, ".") && !strings.HasSuffix(doc, "!") && !strings.HasSuffix(doc, "?") {
			doc += "."
		}
		doc += "\n" + schemaLabel + " " + n.Location
	}
	if n.Dyn != nil {
		doc += "\n\nThe schema uses keywords beyond types and simple constraints, so decoding checks the JSON against all of it (" + n.Dyn.Func + "), and Validate does the same after encoding x to JSON: unlike other types, its Validate allocates."
	}
	if len(n.Unchecked) > 0 {
		doc += "\n\nNot checked by Validate yet: " + strings.Join(n.Unchecked, "; ") + "."
	}
	if n.Deprecated {
		doc += "\n\nDeprecated: the schema marks this type deprecated."
	}
	return doc
}

// fieldNote is the line comment of a struct field: its presence (presenceDoc) and its constant.
func fieldNote(fl *model.Field) string {
	note := presenceDoc(fl)
	if fl.Const != "" {
		note += " Always " + fl.Const + "."
	}
	return note
}

// presenceDoc says how a field keeps absence and null; Nullable's doc says what Set and Null mean.
func presenceDoc(fl *model.Field) string {
	switch fl.Presence {
	case model.PresValue:
		return "Required."
	case model.PresPointer:
		if fl.Required {
			return "Required; nil is null."
		}
		return "Optional; nil when absent."
	case model.PresNil:
		if fl.Required {
			return "Required; nil is null."
		}
		if fl.Nullable {
			return "Optional, nullable; nil when absent or null."
		}
		return "Optional; nil when absent."
	case model.PresNullable:
		return "Optional, nullable."
	}
	return ""
}
