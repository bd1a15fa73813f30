package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEndToEnd builds the real binary, starts it on loopback, posts every testdata payload of
// generated/namievents with a real http.Client, and checks the statuses and the log lines; then
// a duplicate, an unknown event type, a GET, a slow client, and a graceful SIGINT shutdown.
func TestEndToEnd(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	bin := filepath.Join(t.TempDir(), "nami-webhook")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-read-header-timeout", "300ms", "-read-timeout", "3s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func() string {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the server's log ended")
			}
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no log line within 10 s")
		}
		return ""
	}
	first := next()
	_, url, ok := strings.Cut(first, "listening on ")
	if !ok {
		t.Fatalf("first log line %q; want 'listening on ...'", first)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	postFile := func(path string) int {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return postBody(t, client, url, data)
	}

	testdata := filepath.Join("..", "..", "generated", "namievents", "testdata")
	events, _ := filepath.Glob(filepath.Join(testdata, "events", "*.json"))
	invalid, _ := filepath.Glob(filepath.Join(testdata, "invalid", "*.json"))
	sort.Strings(events)
	sort.Strings(invalid)
	if len(events) != 20 || len(invalid) == 0 {
		t.Fatalf("%d event and %d invalid payloads in %s", len(events), len(invalid), testdata)
	}
	// Schema-invalid payloads (first: they reuse the ids of the valid ones, and an id handled
	// before is a duplicate): logged and answered 500 (no -keep-invalid), so Nami retries.
	for _, p := range invalid {
		if code := postFile(p); code != http.StatusInternalServerError {
			t.Errorf("%s: %d, want 500", filepath.Base(p), code)
		}
		if l := next(); !strings.Contains(l, "invalid event (answered 500, Nami will retry): invalid value") {
			t.Errorf("%s: log line %q", filepath.Base(p), l)
		}
	}
	for _, p := range events {
		if code := postFile(p); code != http.StatusOK {
			t.Errorf("%s: %d, want 200", filepath.Base(p), code)
		}
		var env struct{ ID, UserID, EventType string }
		data, _ := os.ReadFile(p)
		_ = json.Unmarshal(data, &struct {
			ID        *string `json:"id"`
			UserID    *string `json:"user_id"`
			EventType *string `json:"event_type"`
		}{&env.ID, &env.UserID, &env.EventType})
		want := fmt.Sprintf("event type=%s id=%s user=%s", env.EventType, env.ID, env.UserID)
		if l := next(); !strings.HasSuffix(l, want) {
			t.Errorf("%s: log line %q, want it to end with %q", filepath.Base(p), l, want)
		}
	}
	// Retried deliveries of handled events: 200, no callback (no log line).
	for _, p := range events {
		if code := postFile(p); code != http.StatusOK {
			t.Errorf("duplicate %s: %d, want 200", filepath.Base(p), code)
		}
	}
	// An event type added after generation: logged and accepted.
	data, _ := os.ReadFile(events[0])
	data = bytes.Replace(data, []byte(`"device.impression"`), []byte(`"device.paywall.closed"`), 1)
	data = bytes.Replace(data, []byte(`"04dbd4db-4fa1-43b4-a585-8ab2d0733cb1"`), []byte(`"5d7c4e4e-0d0a-4f4a-9a3e-1c2b3d4e5f60"`), 1)
	if code := postBody(t, client, url, data); code != http.StatusOK {
		t.Errorf("unknown event type: %d, want 200", code)
	}
	if l := next(); !strings.Contains(l, "event type=device.paywall.closed id=5d7c4e4e-0d0a-4f4a-9a3e-1c2b3d4e5f60") {
		t.Errorf("unknown event: log line %q (a duplicate may have been logged)", l)
	}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if code := postBody(t, client, url, []byte("not json")); code != http.StatusBadRequest {
		t.Errorf("not JSON: %d, want 400", code)
	}

	// A slow client that never finishes its headers is cut off by ReadHeaderTimeout (300ms).
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(conn, "POST / HTTP/1.1\r\nHost: x\r\n")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn)
	conn.Close()
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Errorf("a slow client kept its connection for 5 s")
	} else if d := time.Since(start); d > 3*time.Second {
		t.Errorf("slow client cut off after %v", d)
	}

	// SIGINT: graceful shutdown, exit status 0.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGINT: %v", err)
	}
	if len(rest) != 2 || !strings.HasSuffix(rest[0], "shutting down") || !strings.HasSuffix(rest[1], "stopped") {
		t.Errorf("log after SIGINT: %q; want 'shutting down', 'stopped' (and no line for the duplicates)", rest)
	}
}

func postBody(t *testing.T, client *http.Client, url string, data []byte) int {
	t.Helper()
	resp, err := client.Post(url, "application/json", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}
