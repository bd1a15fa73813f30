package emit

import (
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
)

// TestSupportFile checks what the support file keeps for a few generated files: the
// declarations they reach and nothing else, gofmt-clean and the same on every run.
func TestSupportFile(t *testing.T) {
	cases := []struct {
		name    string
		gen     string
		mode    Runtime
		want    []string
		wantNot []string
	}{
		{
			name: "strings only",
			gen: `func (x *T) decodeJSON(data []byte, p *path, e *errs) {
	decodeString(&x.S, data, &path{parent: p, key: "s"}, e)
}

func (x *T) Validate() error {
	var e errs
	return e.err()
}`,
			want: []string{"func decodeString(", "type path struct", "type errs struct", "type ValidationError struct",
				"func (e *ValidationError) Error() string", "\"strings\""},
			wantNot: []string{"func checkFormat(", "type scope struct", "sc   *scope", "func (e *errs) enter(",
				"type Nullable[", "func NewNullable[", "func decodeDynamic(", "\"regexp\"", "\"net/mail\"", "runtime."},
		},
		{
			name: "nullable brings its constructors",
			gen: `func (x *T) decodeJSON(data []byte, p *path, e *errs) {
	decodeNullable(&x.N, data, p, e, decodeInt)
}`,
			// The blank field stays though nothing names it: it makes Nullable not comparable.
			want:    []string{"type Nullable[T any] struct {\n\t_     [0]func() // not comparable\n", "func NewNullable[T any](", "func Null[T any]()", "func (n *Nullable[T]) UnmarshalJSON(", "func decodeInt("},
			wantNot: []string{"func decodeFloat(", "func checkFormat("},
		},
		{
			name: "dynamic scope keeps the scope field",
			gen: `func schema1(v any, p *path, e *errs) ann {
	defer e.enter(1)()
	e.add(p, "not", "must not be valid")
	return ann{}
}`,
			want: []string{"sc   *scope", "type scope struct", "func (e *errs) enter(", "type ann struct"},
		},
		{
			// keyString is in scan_keys.go, which has no section comment of its own: it is in
			// the scanner's section, which scan.go opens, and the support file says so even
			// though it keeps nothing else of scan.go's.
			name:    "a section goes on across files",
			gen:     `func f(b []byte) string { return keyString(b, true) }`,
			want:    []string{"// The decoders below read JSON with a small hand-written scanner", "func keyString("},
			wantNot: []string{"func scanString(", "// The document:", "// Held paths."},
		},
		{
			name: "import mode aliases the shared types",
			gen: `func (x *T) decodeJSON(data []byte, p *path, e *errs) {
	decodeNullable(&x.N, data, p, e, decodeString)
}

func (x *T) Validate() error {
	var e errs
	return e.err()
}`,
			mode: RuntimeImport,
			want: []string{"type Nullable[T any] = runtime.Nullable[T]", "type ValidationError = runtime.ValidationError",
				"type Violation = runtime.Violation", "return runtime.NewNullable[T](v)", "const _ = runtime.SupportPackageIsVersion2",
				"\"github.com/namigen/namigen/runtime\"", "func decodeString("},
			wantNot: []string{"type Nullable[T any] struct", "func (n *Nullable[T]) UnmarshalJSON(", "func (e *ValidationError) Error()", "// idna table"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := &emitter{pkg: &model.Package{Name: "p", Sources: []string{"s.json"}}, opts: Options{Runtime: c.mode}}
			files := []write.File{{Path: "types.go", Data: []byte("package p\n\n" + c.gen + "\n")}}
			f, err := e.supportFile(files)
			if err != nil {
				t.Fatal(err)
			}
			got := string(f.Data)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("support file lacks %q", w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("support file holds %q", w)
				}
			}
			if formatted, err := format.Source(f.Data); err != nil || string(formatted) != got {
				t.Errorf("support file is not gofmt-clean: %v", err)
			}
			again, err := e.supportFile(files)
			if err != nil || string(again.Data) != got {
				t.Error("a second run gave other bytes")
			}
			if t.Failed() {
				t.Logf("support file:\n%s", got)
			}
		})
	}
}

// BenchmarkSupportFile measures the pruning of the support code for generated/namievents
// (4,100 lines of types and events): parsing the runtime source, scanning the generated files
// for identifiers, and rendering what they reach. The scan is linear in the generated code.
func BenchmarkSupportFile(b *testing.B) {
	var files []write.File
	for _, n := range []string{"types.go", "events.go"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "generated", "namievents", n))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, write.File{Path: n, Data: data})
	}
	e := &emitter{pkg: &model.Package{Name: "namievents", Sources: []string{"events.schema.json"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.supportFile(files); err != nil {
			b.Fatal(err)
		}
	}
}

// TestScanIdents checks the identifier scan against literals, comments and selectors.
func TestScanIdents(t *testing.T) {
	src := "package p\n// path in a comment\n/* errs\n in a block */\nvar a = \"decodeInt \\\" decodeFloat\" + `isNull` + 'x'\n" +
		"func f() { x.enter(); decodeString(); _ = 1.5e3 + 0x1F; µpath := kindOf }\n"
	want := map[string]bool{"path": true, "errs": true, "decodeInt": true, "decodeFloat": true, "isNull": true,
		"enter": true, "decodeString": true, "kindOf": true, "x": true, "e3": true}
	top, all := generatedNames([][]byte{[]byte(src)}, want)
	gotTop := strings.Join(sortedKeys(top), " ")
	gotAll := strings.Join(sortedKeys(all), " ")
	if gotTop != "decodeString kindOf x" || gotAll != "decodeString enter kindOf x" {
		t.Errorf("top %q, all %q; want %q, %q", gotTop, gotAll, "decodeString kindOf x", "decodeString enter kindOf x")
	}
}

func sortedKeys(m map[string]bool) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BenchmarkGeneratedNames measures the identifier scan on generated/namievents/types.go.
func BenchmarkGeneratedNames(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "generated", "namievents", "types.go"))
	if err != nil {
		b.Fatal(err)
	}
	src, err := parseSupport()
	if err != nil {
		b.Fatal(err)
	}
	want := map[string]bool{}
	for n := range src.byName {
		want[n] = true
	}
	for n := range src.members {
		want[n] = true
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		generatedNames([][]byte{data}, want)
	}
}
