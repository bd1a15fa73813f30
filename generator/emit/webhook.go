package emit

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/namigen/namigen/generator/model"
	"github.com/namigen/namigen/generator/write"
)

//go:embed webhookrt/webhook.go
var webhookRuntime string

// Options tune what EmitWith writes beside the types. The zero value is the default.
type Options struct {
	// NoWebhook leaves out webhook.go (the Handler of an event bundle).
	NoWebhook bool
	// SignatureHeader is the request header that carries the sender's signature, for the
	// SignatureHeader constant of webhook.go; "" means DefaultSignatureHeader.
	SignatureHeader string
	// Runtime says where the support code comes from: copied and pruned (RuntimeEmbed), or
	// aliases of github.com/namigen/namigen/runtime (RuntimeImport).
	Runtime Runtime
}

// DefaultSignatureHeader is the header Nami documents for its webhook signature.
const DefaultSignatureHeader = "Nami-Signature"

// extraFiles are the files beside types.go and events.go: doc.go (the package doc), and
// webhook.go for an event bundle.
func (e *emitter) extraFiles() ([]write.File, error) {
	doc, err := e.docFile()
	if err != nil {
		return nil, err
	}
	out := []write.File{doc}
	if e.pkg.Events != nil && !e.opts.NoWebhook {
		wf, err := e.webhookFile(e.pkg.Events)
		if err != nil {
			return nil, err
		}
		out = append(out, wf)
	}
	return out, nil
}

// StatusPolicy is the status table of the generated Handler, as the package doc, the Handler
// doc and the README show it.
const StatusPolicy = `	request                                        answer
	---------------------------------------------  ---------------------------------------------
	method other than POST                         405, with an Allow header
	body over MaxBytes                             413
	Verify returns an error                        401, and no callback runs
	not JSON, not an object, no usable event type  400 (absent, not a string, or empty)
	an event id whose earlier delivery succeeded   200, and no callback runs (Dedupe set)
	known type, valid; callback nil or unset       200
	callback returns an error (or panics)          500; the id is not marked seen, so the
	                                               retry runs the callback again
	unknown event type                             OnUnknown if set (an error gives 500),
	                                               else 200
	schema-invalid payload                         OnInvalid with the raw body if set (nil
	                                               gives 200, an error 500); without it 422,
	                                               so the event is retried rather than lost
	Dedupe.Seen returns an error                   503`

// webhookFile renders webhook.go: the generated half (SignatureHeader, Handler with one
// callback per event type, dispatch, the event id) followed by the static half copied from
// webhookrt/webhook.go.
//
//	type Handler struct {
//		OnUserSubscriptionRenewed func(ctx context.Context, ev *UserSubscriptionRenewedEvent) error
//		...
//		OnUnknown func(ctx context.Context, ev *UnknownEvent) error
//		OnInvalid func(ctx context.Context, body []byte, err error) error
//		Verify    func(r *http.Request, body []byte) error
//		Dedupe    Deduper // only when the events share an "id"
//		MaxBytes  int64
//	}
func (e *emitter) webhookFile(ev *model.Events) (write.File, error) {
	f := e.newFile()
	env := planEnvelope(e.pkg, ev)
	header := e.opts.SignatureHeader
	if header == "" {
		header = DefaultSignatureHeader
	}
	webhookConsts(f, ev, header)
	callbacks := callbackNames(ev)
	handlerType(f, ev, env, callbacks)
	handlerDispatch(f, ev, callbacks)
	eventIDFuncs(f, env)
	wf, err := render("webhook.go", f)
	if err != nil {
		return write.File{}, err
	}
	data, err := spliceSource(wf.Data, webhookRuntime)
	if err != nil {
		return write.File{}, &Error{File: "webhook.go", Err: err, Src: string(wf.Data)}
	}
	wf.Data = data
	return wf, nil
}

// webhookConsts emits the signature header, with a doc on how to verify a signature, and the
// event type property:
//
//	const SignatureHeader = "Nami-Signature"
//	const webhookEventKey = "event_type"
func webhookConsts(f *jen.File, ev *model.Events, header string) {
	docComment(f, fmt.Sprintf(`SignatureHeader is the request header that carries the sender's signature of the body.

The signing algorithm is not documented, so Handler does not check it: set Handler.Verify. Once
the algorithm is known, for example an HMAC-SHA256 of the raw body in hex with a secret shared
with the sender, Verify is:

	func(r *http.Request, body []byte) error {
		mac := hmac.New(sha256.New, secret)
		mac.Write(body)
		want := hex.EncodeToString(mac.Sum(nil))
		if !hmac.Equal([]byte(r.Header.Get(SignatureHeader)), []byte(want)) {
			return errors.New("bad signature")
		}
		return nil
	}`))
	f.Const().Id("SignatureHeader").Op("=").Lit(header)
	f.Line()
	f.Comment("webhookEventKey is the event type property, which NewTestRequest sets.")
	f.Const().Id("webhookEventKey").Op("=").Lit(ev.Key)
	f.Line()
}

// callbackNames names the Handler field of each event type, in the order of ev.Events: On
// and the type name without its Event suffix (OnUserSubscriptionRenewed), or with it where
// that name is taken by another callback or by one of Handler's other fields.
func callbackNames(ev *model.Events) []string {
	used := map[string]bool{"OnUnknown": true, "OnInvalid": true, "Verify": true, "Dedupe": true, "MaxBytes": true}
	names := make([]string, len(ev.Events))
	for i, x := range ev.Events {
		name := "On" + strings.TrimSuffix(x.Type.Name, "Event")
		if used[name] {
			name = "On" + x.Type.Name
		}
		used[name] = true
		names[i] = name
	}
	return names
}

// handlerType emits the Handler type (see webhookFile), with one callback per event type
// (named by callbacks), Dedupe only when the events share an id, and the status policy in its
// doc.
func handlerType(f *jen.File, ev *model.Events, env *envelopePlan, callbacks []string) {
	ctxParam := jen.Id("ctx").Qual("context", "Context")
	var fields []jen.Code
	for i, x := range ev.Events {
		name := callbacks[i]
		fields = append(fields, lineComments(fmt.Sprintf("%s is called with every valid %s event; an error answers 500.", name, x.Value)).Line().
			Id(name).Func().Params(ctxParam.Clone(), jen.Id("ev").Op("*").Id(x.Type.Name)).Error())
	}
	fields = append(fields,
		lineComments("OnUnknown is called with an event whose type this package does not know (a type added to\nthe schemas after this package was generated). Without it such events are answered 200.").Line().
			Id("OnUnknown").Func().Params(ctxParam.Clone(), jen.Id("ev").Op("*").Id("UnknownEvent")).Error(),
		lineComments("OnInvalid is called with the raw body of an event of a known type that breaks its schema;\nerr wraps the *ValidationError. Returning nil answers 200 (keep the body to handle it later);\nwithout OnInvalid such events are answered 422, so that the sender retries them.").Line().
			Id("OnInvalid").Func().Params(ctxParam.Clone(), jen.Id("body").Index().Byte(), jen.Err().Error()).Error(),
		lineComments("Verify checks the request's signature (see SignatureHeader) before anything is decoded; an\nerror answers 401 and no callback runs. nil means no check.").Line().
			Id("Verify").Func().Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("body").Index().Byte()).Error(),
	)
	if env != nil && env.id != nil {
		fields = append(fields, lineComments(fmt.Sprintf("Dedupe, when set, skips the callback of an event whose id (%s().%s) was handled\nbefore (see Deduper). nil means no deduplication.", env.method, env.id.Name)).Line().
			Id("Dedupe").Id("Deduper"))
	}
	fields = append(fields, lineComments("MaxBytes caps the request body; a larger body is answered 413. 0 means DefaultMaxBytes.").Line().
		Id("MaxBytes").Int64())
	docComment(f, fmt.Sprintf(`Handler is an http.Handler that receives webhook deliveries: it reads the body (up to
MaxBytes), checks it with Verify, decodes it with Decode and calls the callback of the event's
type with the typed event. A nil callback accepts its events. The answer follows this status
policy, under which an event is answered 2xx only once it was handled, so that the sender (which
resends anything not answered 2xx) never drops an event the receiver could not take:

%s

%s

A Handler must not be changed while it serves requests; it is safe for concurrent use.`, StatusPolicy, dedupeDoc(env)))
	f.Type().Id("Handler").Struct(fields...)
	f.Line()
}

// handlerDispatch emits the method that calls the callback of an event's type:
//
//	func (h *Handler) dispatch(ctx context.Context, ev Event) error {
//		switch ev := ev.(type) {
//		case *DeviceImpressionEvent:
//			if h.OnDeviceImpression != nil {
//				return h.OnDeviceImpression(ctx, ev)
//			}
//		...
//		case *UnknownEvent:
//			if h.OnUnknown != nil {
//				return h.OnUnknown(ctx, ev)
//			}
//		}
//		return nil
//	}
func handlerDispatch(f *jen.File, ev *model.Events, callbacks []string) {
	var cases []jen.Code
	for i, x := range ev.Events {
		name := callbacks[i]
		cases = append(cases, jen.Case(jen.Op("*").Id(x.Type.Name)).Block(
			jen.If(jen.Id("h").Dot(name).Op("!=").Nil()).Block(jen.Return(jen.Id("h").Dot(name).Call(jen.Id("ctx"), jen.Id("ev"))))))
	}
	cases = append(cases, jen.Case(jen.Op("*").Id("UnknownEvent")).Block(
		jen.If(jen.Id("h").Dot("OnUnknown").Op("!=").Nil()).Block(jen.Return(jen.Id("h").Dot("OnUnknown").Call(jen.Id("ctx"), jen.Id("ev"))))))
	f.Comment("dispatch calls the callback of ev's type, if set.")
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("dispatch").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("ev").Id("Event")).Error().Block(
		jen.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).Block(cases...),
		jen.Return(jen.Nil()),
	)
	f.Line()
}

// eventIDFuncs emits what the static half of webhook.go deduplicates with: the Deduper in use
// (nil when the events share no id) and the id of an event ("" when it has none).
//
//	func (h *Handler) deduper() Deduper { return h.Dedupe }
//	func webhookEventID(ev Event) string { return ev.Envelope().ID }
func eventIDFuncs(f *jen.File, env *envelopePlan) {
	hasID := env != nil && env.id != nil
	f.Comment("deduper is the Deduper ServeHTTP uses, or nil.")
	if hasID {
		f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("deduper").Params().Id("Deduper").Block(jen.Return(jen.Id("h").Dot("Dedupe")))
	} else {
		f.Func().Params(jen.Op("*").Id("Handler")).Id("deduper").Params().Id("Deduper").Block(jen.Return(jen.Nil()))
	}
	f.Line()
	f.Comment("webhookEventID is the id Dedupe remembers, or \"\" when ev has none.")
	switch {
	case !hasID:
		f.Func().Id("webhookEventID").Params(jen.Id("Event")).String().Block(jen.Return(jen.Lit("")))
	case env.id.Presence == model.PresPointer:
		f.Func().Id("webhookEventID").Params(jen.Id("ev").Id("Event")).String().Block(
			jen.If(jen.Id("id").Op(":=").Id("ev").Dot(env.method).Call().Dot(env.id.Name), jen.Id("id").Op("!=").Nil()).Block(jen.Return(jen.Op("*").Id("id"))),
			jen.Return(jen.Lit("")))
	default:
		f.Func().Id("webhookEventID").Params(jen.Id("ev").Id("Event")).String().Block(
			jen.Return(jen.Id("ev").Dot(env.method).Call().Dot(env.id.Name)))
	}
}

// spliceSource appends the declarations of a static Go file (everything after its imports) to
// a rendered one, merging the two import lists, and formats the result.
func spliceSource(gen []byte, static string) ([]byte, error) {
	fset := token.NewFileSet()
	gf, err := parser.ParseFile(fset, "generated.go", gen, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	sf, err := parser.ParseFile(fset, "static.go", static, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	imports := map[string]string{} // path → name ("" for the default)
	for _, f := range []*ast.File{gf, sf} {
		for _, is := range f.Imports {
			name := ""
			if is.Name != nil {
				name = is.Name.Name
			}
			imports[is.Path.Value] = name
		}
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	afterImports := func(f *ast.File, src []byte) []byte {
		end := f.Name.End()
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				end = g.End()
			}
		}
		return src[fset.Position(end).Offset:]
	}
	var b bytes.Buffer
	b.Write(gen[:fset.Position(gf.Name.End()).Offset])
	b.WriteString("\n\nimport (\n")
	for _, p := range paths {
		if n := imports[p]; n != "" {
			b.WriteString(n + " ")
		}
		b.WriteString(p + "\n")
	}
	b.WriteString(")\n")
	b.Write(afterImports(gf, gen))
	b.WriteString("\n")
	b.Write(afterImports(sf, []byte(static)))
	return format.Source(b.Bytes())
}
