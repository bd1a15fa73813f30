// Package snapshot holds what writing a schema snapshot (namigen fetch) and reading one or a URL
// (the load phase) share: the lock file that maps URLs to the snapshot's files, and the HTTP
// client with its retry, size and credential policy.
package snapshot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of ClientOptions.
const (
	// DefaultMaxDocuments caps the documents one snapshot (or one load's remote $refs) fetches.
	DefaultMaxDocuments  = 100
	DefaultMaxBytes      = 32 << 20
	DefaultMaxRedirects  = 10
	DefaultAttempts      = 4
	DefaultBackoffBase   = 500 * time.Millisecond
	DefaultBackoffMax    = 10 * time.Second
	DefaultMaxRetryAfter = 30 * time.Second
)

// ClientOptions configure a Client. Only URL is required.
type ClientOptions struct {
	// URL names the origin (scheme, host and port) the credentials are sent to.
	URL string
	// Header holds extra request headers. Like Token, they are sent only to the origin of URL
	// (never to other hosts that a $ref or a redirect points to).
	Header http.Header
	// Token is sent as "Authorization: Bearer <Token>" (unless Header sets Authorization).
	Token string
	// Timeout bounds Get, retries included (0: only ctx bounds it).
	Timeout time.Duration
	// MaxBytes caps the body of one document (default 32 MiB).
	MaxBytes int64
	// MaxRedirects caps the redirects followed per request (default 10).
	MaxRedirects int
	// Retry is the retry policy.
	Retry Retry
	// Transport makes the HTTP requests (default: a clone of http.DefaultTransport).
	Transport http.RoundTripper
}

// Retry is the retry policy of each request.
type Retry struct {
	// Attempts is the number of tries of one request, the first included (default 4).
	Attempts int
	// Base and Max bound the exponential backoff: before attempt n+1 the wait is a random
	// duration between half and all of min(Base·2ⁿ⁻¹, Max) (defaults 500 ms and 10 s).
	Base, Max time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking for more fails the
	// fetch at once (default 30 s).
	MaxRetryAfter time.Duration
	// Sleep waits d or until ctx is done (default: a timer). Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a random duration in [0, n] (default: math/rand/v2).
	Jitter func(n time.Duration) time.Duration
}

func (o *ClientOptions) setDefaults() error {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("fetch: %q is not an http or https URL", o.URL)
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	r := &o.Retry
	if r.Attempts <= 0 {
		r.Attempts = DefaultAttempts
	}
	if r.Base <= 0 {
		r.Base = DefaultBackoffBase
	}
	if r.Max <= 0 {
		r.Max = DefaultBackoffMax
	}
	if r.MaxRetryAfter <= 0 {
		r.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	if r.Jitter == nil {
		r.Jitter = jitter
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	return nil
}

// Error is a failure to get or read a document: the URL (or file) concerned, the JSON Pointer
// in it, what is wrong.
type Error struct {
	URL     string
	Pointer string
	Msg     string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.URL)
	if e.URL != "" {
		b.WriteString(": ")
	}
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrTimeout is the cause of the context when a timeout (ClientOptions.Timeout, or the whole
// fetch's) expires.
var ErrTimeout = errors.New("fetch timeout")
