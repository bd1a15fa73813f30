package load

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/namigen/namigen/generator/snapshot"
)

// addClient makes the fetch client of a URL input's origin, unless one exists: NAMI_API_TOKEN
// is sent to that origin only (not to other hosts a $ref or a redirect leads to).
func (l *loader) addClient(in string) error {
	pu, err := url.Parse(in)
	if err != nil {
		return &Error{File: in, Msg: "bad URL: " + err.Error(), Err: err}
	}
	o := urlOrigin(pu)
	for _, oc := range l.clients {
		if oc.origin == o {
			return nil
		}
	}
	opts := snapshot.ClientOptions{URL: in, Token: os.Getenv("NAMI_API_TOKEN"), MaxBytes: l.opts.MaxBytes}
	if hc := l.opts.HTTPClient; hc != nil {
		opts.Transport, opts.Timeout = hc.Transport, hc.Timeout
	}
	c, err := snapshot.NewClient(opts)
	if err != nil {
		return &Error{File: in, Msg: strings.TrimPrefix(err.Error(), "fetch: "), Err: err}
	}
	l.clients = append(l.clients, &originClient{origin: o, c: c})
	return nil
}

// client returns the client for u: that of its origin when a URL input has it, else the first
// one (which sends no credentials to another origin).
func (l *loader) client(u string) *snapshot.Client {
	if len(l.clients) == 0 {
		return nil
	}
	if pu, err := url.Parse(u); err == nil {
		o := urlOrigin(pu)
		for _, oc := range l.clients {
			if oc.origin == o {
				return oc.c
			}
		}
	}
	return l.clients[0].c
}

// urlOrigin is scheme://host[:port], lower case, without a default port (as fetch compares).
func urlOrigin(u *url.URL) string {
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		host = strings.TrimSuffix(host, ":"+p)
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

func redact(s string) string {
	if tok := os.Getenv("NAMI_API_TOKEN"); tok != "" {
		s = strings.ReplaceAll(s, tok, "REDACTED")
	}
	return s
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
