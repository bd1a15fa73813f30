package load

import (
	"bytes"
	"embed"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// metaSchemas holds the meta-schemas json-schema.org publishes (drafts 4, 6, 7, 2019-09 and
// 2020-12), by their path on json-schema.org. The compiler brings in its own copy of them
// without asking the loader, so a schema that refers to a meta-schema (`"$ref":
// "https://json-schema.org/draft/2020-12/schema"`) compiles; ResourceOf and DynamicAnchors,
// which read documents, read these for such references, so that the $dynamicAnchors of the
// meta-schemas take part in the dynamic scope.
//
//go:embed metaschemas
var metaSchemas embed.FS

// metaSchema returns the published meta-schema at URL u, if u is one.
func metaSchema(u string) (any, bool) {
	rest, ok := strings.CutPrefix(u, "https://json-schema.org/")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://json-schema.org/")
	}
	if !ok || strings.Contains(rest, "..") {
		return nil, false
	}
	data, err := metaSchemas.ReadFile("metaschemas/" + strings.TrimSuffix(rest, "#"))
	if err != nil {
		return nil, false
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	return v, true
}
