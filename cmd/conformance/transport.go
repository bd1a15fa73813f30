package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// remoteHost is the host the test suite's remote $refs name; its paths are files of remotes/.
const remoteHost = "localhost:1234"

// groupHost serves the schemas of groups that need remote $refs: the loader only resolves
// http(s) $refs when an input is a URL, so such a group is given as
// http://conformance.invalid/g<N>/root.json.
const groupHost = "conformance.invalid"

// offlineTransport answers HTTP requests without the network: localhost:1234 from the remotes
// folder, conformance.invalid from memory; anything else is refused.
type offlineTransport struct {
	remotes string
	mu      sync.Mutex
	groups  map[string][]byte // path → schema
}

func (t *offlineTransport) serveGroup(p string, schema []byte) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.groups == nil {
		t.groups = map[string][]byte{}
	}
	t.groups[p] = schema
	return "http://" + groupHost + p
}

func (t *offlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	var data []byte
	switch r.URL.Host {
	case remoteHost:
		if t.remotes == "" {
			return nil, fmt.Errorf("remote %s: no remotes folder", r.URL)
		}
		clean := path.Clean("/" + r.URL.Path)
		b, err := os.ReadFile(filepath.Join(t.remotes, filepath.FromSlash(strings.TrimPrefix(clean, "/"))))
		if err != nil {
			return respond(r, http.StatusNotFound, nil), nil
		}
		data = b
	case groupHost:
		t.mu.Lock()
		b, ok := t.groups[r.URL.Path]
		t.mu.Unlock()
		if !ok {
			return respond(r, http.StatusNotFound, nil), nil
		}
		data = b
	default:
		return nil, fmt.Errorf("the conformance runner reads no network (%s)", r.URL)
	}
	return respond(r, http.StatusOK, data), nil
}

func respond(r *http.Request, code int, body []byte) *http.Response {
	return &http.Response{
		StatusCode:    code,
		Status:        fmt.Sprintf("%d %s", code, http.StatusText(code)),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/schema+json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}
