package snapshot

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// errTooManyRedirects marks a redirect chain longer than Options.MaxRedirects.
var errTooManyRedirects = errors.New("too many redirects")

// client makes the requests of one fetch.
type client struct {
	hc      *http.Client
	opts    *ClientOptions
	origin  string   // scheme://host[:port] of Options.URL
	secrets []string // strings no message may contain
}

func newClient(o *ClientOptions) *client {
	c := &client{opts: o}
	if u, err := url.Parse(o.URL); err == nil {
		c.origin = origin(u)
	}
	if o.Token != "" {
		c.secrets = append(c.secrets, o.Token)
	}
	for name, values := range o.Header {
		if sensitiveHeader(name) {
			for _, v := range values {
				c.secrets = append(c.secrets, v)
				// "Bearer xyz": the credential alone must not show either.
				if _, cred, ok := strings.Cut(v, " "); ok && len(cred) >= 4 {
					c.secrets = append(c.secrets, cred)
				}
			}
		}
	}
	c.hc = &http.Client{Transport: o.Transport, CheckRedirect: c.checkRedirect}
	return c
}

// sensitiveHeader reports whether the value of a header is a credential.
func sensitiveHeader(name string) bool {
	n := strings.ToLower(name)
	if n == "authorization" || n == "proxy-authorization" || n == "cookie" {
		return true
	}
	for _, w := range []string{"token", "key", "secret", "auth", "password", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func origin(u *url.URL) string {
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		host = strings.TrimSuffix(host, ":"+p)
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// redact removes the secrets from a message.
func (c *client) redact(s string) string {
	for _, sec := range c.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[REDACTED]")
		}
	}
	return s
}

// secret reports whether s contains a secret.
func (c *client) secret(s string) bool {
	return c.redact(s) != s
}

func (c *client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w: stopped after %d (a redirect loop?)", errTooManyRedirects, c.opts.MaxRedirects)
	}
	if origin(req.URL) != c.origin {
		// net/http keeps Authorization for subdomains and custom headers everywhere.
		req.Header.Del("Authorization")
		for name := range c.opts.Header {
			req.Header.Del(name)
		}
	}
	return nil
}

// Response is the useful part of a successful exchange.
type Response struct {
	NotModified        bool // a conditional request found the document unchanged
	Body               []byte
	ETag, LastModified string
}

// retryable is a failure worth another attempt.
type retryable struct {
	msg        string
	retryAfter time.Duration // asked by the server; 0 when not
	hasAfter   bool
}

func (r *retryable) Error() string { return r.msg }

// get fetches u, retrying as the policy says. cond, when not nil, makes the request
// conditional.
func (c *client) get(ctx context.Context, u string, cond *LockedDocument) (*Response, error) {
	pol := c.opts.Retry
	for attempt := 1; ; attempt++ {
		resp, err := c.once(ctx, u, cond)
		if err == nil {
			return resp, nil
		}
		var rt *retryable
		if !errors.As(err, &rt) {
			return nil, err
		}
		if attempt >= pol.Attempts {
			return nil, &Error{URL: u, Msg: fmt.Sprintf("%s (gave up after %d attempts)", rt.msg, attempt)}
		}
		wait := c.backoff(attempt)
		if rt.hasAfter {
			if rt.retryAfter > pol.MaxRetryAfter {
				return nil, &Error{URL: u, Msg: fmt.Sprintf("%s; the server asks to retry after %v, longer than the %v this command waits", rt.msg, rt.retryAfter, pol.MaxRetryAfter)}
			}
			wait = max(wait, rt.retryAfter)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, &Error{URL: u, Msg: fmt.Sprintf("%s; retrying in %v would pass the timeout (%d attempts made)", rt.msg, wait.Round(time.Millisecond), attempt)}
		}
		if err := pol.Sleep(ctx, wait); err != nil {
			return nil, c.ctxError(ctx, u, err)
		}
	}
}

// backoff is the wait before attempt n+1: exponential, capped, with jitter (half fixed, half
// random).
func (c *client) backoff(n int) time.Duration {
	pol := c.opts.Retry
	d := pol.Base
	for i := 1; i < n && d < pol.Max; i++ {
		d *= 2
	}
	d = min(d, pol.Max)
	return d/2 + pol.Jitter(d-d/2)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func jitter(n time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(n) + 1))
}

// ctxError describes the end of the context: the timeout or an interruption.
func (c *client) ctxError(ctx context.Context, u string, err error) error {
	if errors.Is(context.Cause(ctx), ErrTimeout) {
		return &Error{URL: u, Msg: fmt.Sprintf("timed out: the fetch did not finish within %v", c.opts.Timeout), Err: context.DeadlineExceeded}
	}
	if ctx.Err() != nil {
		return &Error{URL: u, Msg: "interrupted: " + ctx.Err().Error(), Err: ctx.Err()}
	}
	return &Error{URL: u, Msg: c.redact(err.Error()), Err: err}
}

// once makes one request.
func (c *client) once(ctx context.Context, u string, cond *LockedDocument) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &Error{URL: u, Msg: c.redact(err.Error())}
	}
	req.Header.Set("Accept", "application/schema+json, application/json;q=0.9")
	req.Header.Set("User-Agent", "namigen-fetch")
	sameOrigin := origin(req.URL) == c.origin
	if sameOrigin {
		for name, values := range c.opts.Header {
			req.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), values...)
		}
		if c.opts.Token != "" && req.Header.Get("Authorization") == "" {
			req.Header.Set("Authorization", "Bearer "+c.opts.Token)
		}
	}
	if cond != nil {
		if cond.ETag != "" {
			req.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			req.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, c.ctxError(ctx, u, err)
		}
		if errors.Is(err, errTooManyRedirects) {
			return nil, &Error{URL: u, Msg: fmt.Sprintf("too many redirects: stopped after %d (a redirect loop?)", c.opts.MaxRedirects), Err: errTooManyRedirects}
		}
		var cv *tls.CertificateVerificationError
		if errors.As(err, &cv) {
			return nil, &Error{URL: u, Msg: "request failed: " + c.redact(transportText(err)), Err: err}
		}
		return nil, &retryable{msg: "request failed: " + c.redact(transportText(err))}
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	via := ""
	if final != u {
		via = " (redirected to " + c.redact(final) + ")"
	}

	switch {
	case resp.StatusCode == http.StatusNotModified && cond != nil:
		return &Response{NotModified: true}, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		after, has := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		return nil, &retryable{msg: "HTTP " + resp.Status + via + c.excerpt(resp.Body), retryAfter: after, hasAfter: has}
	case resp.StatusCode != http.StatusOK:
		msg := "HTTP " + resp.Status + via + c.excerpt(resp.Body)
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			msg += c.authHint(sameOrigin)
		}
		return nil, &Error{URL: u, Msg: msg}
	}

	if ct := resp.Header.Get("Content-Type"); !jsonContentType(ct) {
		return nil, &Error{URL: u, Msg: fmt.Sprintf("the server answered with content type %q%s, not JSON (want application/json or application/schema+json)", c.redact(ct), via)}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, &Error{URL: u, Msg: fmt.Sprintf("the body is %d bytes, over the %d-byte cap (-max-bytes)", resp.ContentLength, c.opts.MaxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, c.ctxError(ctx, u, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			msg := fmt.Sprintf("truncated body: the connection closed after %d bytes", len(body))
			if resp.ContentLength >= 0 {
				msg = fmt.Sprintf("truncated body: the connection closed after %d of the %d bytes announced", len(body), resp.ContentLength)
			}
			return nil, &retryable{msg: msg}
		}
		return nil, &retryable{msg: "reading the body failed: " + c.redact(transportText(err))}
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, &Error{URL: u, Msg: fmt.Sprintf("the body is over the %d-byte cap (-max-bytes)", c.opts.MaxBytes)}
	}
	return &Response{Body: body, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

func (c *client) authHint(sameOrigin bool) string {
	switch {
	case !sameOrigin:
		return " (the token and -header values are only sent to " + c.origin + ")"
	case c.opts.Token == "" && c.opts.Header.Get("Authorization") == "":
		return " (NAMI_API_TOKEN is not set)"
	default:
		return " (the server refused the credentials)"
	}
}

// transportText is the cause of a transport error without the "Get URL:" prefix.
func transportText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// excerpt reads the start of an error body for a message: ": <text>", or "" when empty.
func (c *client) excerpt(body io.Reader) string {
	const limit = 200
	data, _ := io.ReadAll(io.LimitReader(body, 4*limit))
	s := strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, string(data))
	s = strings.Join(strings.Fields(s), " ")
	s = c.redact(s)
	if s == "" {
		return ""
	}
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return ": " + s
}

// jsonContentType accepts JSON media types, and an absent Content-Type.
func jsonContentType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || mt == "text/json" ||
		(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// retryAfter parses a Retry-After value: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Client gets documents with the policy of a fetch: retries, bounded redirects, the size cap,
// the content type check, and credentials sent to the origin of ClientOptions.URL only, never
// shown in an error. namigen fetch and generate -in URL both use it; it writes nothing.
type Client struct{ c *client }

// NewClient returns a Client for opts; zero fields take their defaults.
func NewClient(opts ClientOptions) (*Client, error) {
	if err := opts.setDefaults(); err != nil {
		return nil, err
	}
	return &Client{newClient(&opts)}, nil
}

// Get returns the body of u, within ClientOptions.Timeout when set.
func (c *Client) Get(ctx context.Context, u string) ([]byte, error) {
	if c.c.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, c.c.opts.Timeout, ErrTimeout)
		defer cancel()
	}
	resp, err := c.c.get(ctx, u, nil)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// GetConditional gets u, retrying as the policy says; cond, when not nil, makes the request
// conditional (If-None-Match, If-Modified-Since). The caller bounds the time with ctx.
func (c *Client) GetConditional(ctx context.Context, u string, cond *LockedDocument) (*Response, error) {
	return c.c.get(ctx, u, cond)
}

// Secret reports whether s contains a credential (a token or a sensitive header value).
func (c *Client) Secret(s string) bool { return c.c.secret(s) }

// Redact removes the credentials from a message.
func (c *Client) Redact(s string) string { return c.c.redact(s) }
