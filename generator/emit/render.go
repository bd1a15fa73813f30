package emit

import (
	"bytes"
	"errors"
	"go/format"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/write"
)

// The renderer turns jennifer code into formatted files with time and memory linear in the
// output. Formatting a whole file at once (jen.File.Render) keeps the statement tree of the file,
// its unformatted source and its syntax tree alive together, and the cost of the garbage
// collector grows with that heap: a package of 10,000 event types took minutes and gigabytes.
//
// So every top-level piece of a file (one named type, the dynamic validator, the patterns, the
// events) is built in a jen.File of its own, a "chunk", which workers render and format while the
// emitter builds the next ones; the chunk's statement tree is garbage as soon as it is rendered.
// The formatted chunks are then joined under one header and import block. The result is the
// bytes gofmt gives for the whole file: gofmt formats top-level declarations separated by a blank
// line independently (a blank line ends every alignment section, and the blank lines between
// declarations are capped at one), so formatting them apart changes nothing. Where that does not
// hold (two chunks not separated by a blank line, or two imports that jennifer would have to
// rename), the package is rendered the old way, file by file (errWholeFile).

// errWholeFile asks Emit to render whole files: chunked rendering could differ from gofmt.
var errWholeFile = errors.New("emit: chunks cannot be formatted apart")

// renderer collects the output files, in order, and renders their chunks.
type renderer struct {
	pkgName string
	header  string // text of the header comment
	chunked bool
	files   []*outFile

	queue chan *chunk
	wg    sync.WaitGroup
}

// outFile is one output file: its chunks in order (chunked), or one jen.File (whole).
type outFile struct {
	name   string
	whole  *jen.File
	chunks []*chunk
}

// chunk is one piece of a file, rendered by a worker.
type chunk struct {
	file *outFile
	src  *jen.File // nil once rendered
	// Results of the rendering:
	imports     []string // jennifer's import lines: `"fmt"` or `alias "path"`
	body        []byte   // formatted, without the package clause; empty when the chunk is
	lead, trail int      // newlines that begin and end the unformatted body
	err         error
}

func newRenderer(pkgName, header string, chunked bool) *renderer {
	r := &renderer{pkgName: pkgName, header: header, chunked: chunked}
	if chunked {
		n := runtime.GOMAXPROCS(0)
		// A short queue: the emitter waits rather than piling up statement trees.
		queue := make(chan *chunk, 2*n)
		r.queue = queue
		for range n {
			r.wg.Add(1)
			go func() {
				defer r.wg.Done()
				var sc scratch // the worker's buffers, reused from chunk to chunk
				for c := range queue {
					r.renderChunk(c, &sc)
				}
			}()
		}
	}
	return r
}

// newJenFile is an empty jen.File of the package, with the header when it is a whole file.
func (r *renderer) newJenFile(withHeader bool) *jen.File {
	f := jen.NewFile(r.pkgName)
	if withHeader {
		for _, line := range strings.Split(r.header, "\n") {
			f.HeaderComment(line)
		}
	}
	return f
}

// file adds an output file.
func (r *renderer) file(name string) *outFile {
	of := &outFile{name: name}
	if !r.chunked {
		of.whole = r.newJenFile(true)
	}
	r.files = append(r.files, of)
	return of
}

// add appends what build writes to the end of the file of.
func (r *renderer) add(of *outFile, build func(f *jen.File)) {
	if !r.chunked {
		build(of.whole)
		return
	}
	c := &chunk{file: of, src: r.newJenFile(false)}
	build(c.src)
	of.chunks = append(of.chunks, c)
	r.queue <- c
}

// stop ends the workers (idempotent through finish).
func (r *renderer) stop() {
	if r.queue != nil {
		close(r.queue)
		r.queue = nil
		r.wg.Wait()
	}
}

// scratch holds a worker's buffers: the unformatted source of a chunk is garbage once it is
// formatted (the syntax tree copies what it keeps), so one buffer serves every chunk.
type scratch struct {
	rendered bytes.Buffer
	src      []byte
}

// renderChunk renders and formats one chunk and drops its statement tree.
func (r *renderer) renderChunk(c *chunk, sc *scratch) {
	f := c.src
	c.src = nil
	f.NoFormat = true
	sc.rendered.Reset()
	if err := f.Render(&sc.rendered); err != nil {
		c.err = err
		return
	}
	clause := "package " + r.pkgName + "\n\n"
	raw, ok := bytes.CutPrefix(sc.rendered.Bytes(), []byte(clause))
	if !ok {
		c.err = errWholeFile
		return
	}
	raw, c.imports, ok = cutImports(raw)
	if !ok {
		c.err = errWholeFile
		return
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return // nothing but Null items
	}
	c.lead = len(raw) - len(bytes.TrimLeft(raw, "\n"))
	c.trail = len(raw) - len(bytes.TrimRight(raw, "\n"))
	src := append(append(sc.src[:0], clause...), raw...)
	sc.src = src
	out, err := format.Source(src)
	if err != nil {
		c.err = &Error{File: c.file.name, Err: err, Src: string(src)}
		return
	}
	body, ok := bytes.CutPrefix(out, []byte(clause))
	if !ok {
		c.err = errWholeFile
		return
	}
	c.body = wrapLongComments(body)
}

// cutImports removes the import block jennifer writes after the package clause and returns its
// lines.
func cutImports(raw []byte) (rest []byte, lines []string, ok bool) {
	switch {
	case bytes.HasPrefix(raw, []byte("import (\n")):
		end := bytes.Index(raw, []byte(")\n\n"))
		if end < 0 {
			return nil, nil, false
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(raw[len("import (\n"):end]), "\n"), "\n") {
			lines = append(lines, l)
		}
		return raw[end+len(")\n\n"):], lines, true
	case bytes.HasPrefix(raw, []byte("import ")):
		end := bytes.Index(raw, []byte("\n\n"))
		if end < 0 {
			return nil, nil, false
		}
		return raw[end+2:], []string{string(raw[len("import "):end])}, true
	}
	return raw, nil, true
}

// finish waits for the workers and returns the files in the order they were added.
func (r *renderer) finish() ([]write.File, error) {
	if !r.chunked {
		return r.finishWhole()
	}
	r.stop()
	out := make([]write.File, 0, len(r.files))
	for _, of := range r.files {
		data, err := r.join(of)
		if err != nil {
			return nil, err
		}
		out = append(out, write.File{Path: of.name, Data: data})
	}
	return out, nil
}

// join puts a file together: header, package clause and imports (formatted), then the chunks,
// one blank line apart.
func (r *renderer) join(of *outFile) ([]byte, error) {
	imports := map[string]string{} // path → line
	size := 0
	var parts []*chunk
	for _, c := range of.chunks {
		if c.err != nil {
			return nil, c.err
		}
		for _, l := range c.imports {
			p := importPath(l)
			if prev, ok := imports[p]; ok && prev != l {
				return nil, errWholeFile
			}
			imports[p] = l
		}
		if len(c.body) > 0 {
			if n := len(parts); n > 0 && parts[n-1].trail+c.lead < 2 {
				return nil, errWholeFile // not a blank line apart in the source
			}
			parts = append(parts, c)
			size += len(c.body) + 1
		}
	}
	if importsClash(imports) {
		return nil, errWholeFile
	}
	head, err := r.head(of.name, imports)
	if err != nil {
		return nil, err
	}
	data := make([]byte, 0, len(head)+size)
	data = append(data, head...)
	for _, c := range parts {
		data = append(data, '\n')
		data = append(data, c.body...)
		c.body = nil
	}
	return data, nil
}

// head is the formatted header, package clause and import block, as jennifer writes them.
func (r *renderer) head(name string, imports map[string]string) ([]byte, error) {
	var b bytes.Buffer
	f := r.newJenFile(true)
	f.NoFormat = true
	if err := f.Render(&b); err != nil { // the header comments and the package clause
		return nil, err
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	switch len(paths) {
	case 0:
	case 1:
		b.WriteString("import " + imports[paths[0]] + "\n\n")
	default:
		b.WriteString("import (\n")
		for _, p := range paths {
			b.WriteString(imports[p] + "\n")
		}
		b.WriteString(")\n\n")
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, &Error{File: name, Err: err, Src: b.String()}
	}
	return out, nil
}

// importsClash reports whether two imports could be given the same name, which jennifer
// resolves by numbering in the order of first use across the whole file.
func importsClash(imports map[string]string) bool {
	seen := map[string]bool{}
	for p, l := range imports {
		name := strings.Trim(p, `"`)
		if i := strings.IndexByte(l, ' '); i >= 0 {
			name = l[:i]
		} else {
			name = name[strings.LastIndexByte(name, '/')+1:]
		}
		if name == "" || seen[name] || strings.ContainsAny(name[len(name)-1:], "0123456789") {
			return true
		}
		seen[name] = true
	}
	return false
}

// finishWhole renders and formats each whole file, in parallel.
func (r *renderer) finishWhole() ([]write.File, error) {
	files := make([]write.File, len(r.files))
	errs := make([]error, len(r.files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, of := range r.files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			files[i], errs[i] = render(of.name, of.whole)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
