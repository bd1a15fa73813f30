// Package sharedtest finds the test material that lives beside the checkout, in ../shared (the
// JSON-Schema-Test-Suite, the SchemaStore corpus, the synthetic bundle tool), and decides what a
// test does when it is missing: outside CI it skips with a message that says what is missing and
// where it was looked for; under CI it fails, since CI must run every test.
package sharedtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// InCI reports whether the tests run under CI: the CI variable is set to anything but "",
// "false" or "0" (CI=true, CI=1, CI=yes all count).
func InCI() bool {
	return ciValue(os.Getenv("CI"))
}

func ciValue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "false", "0":
		return false
	}
	return true
}

// Root returns the absolute path of the shared folder: "shared" beside the module root that
// holds the working directory. It does not check that the folder exists.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Path returns the absolute path of rel (slash-separated) inside the shared folder, or skips tb
// (fails it under CI) when that path does not exist.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		Missing(tb, fmt.Sprintf("cannot locate the shared test folder: %v", err))
		return ""
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Missing(tb, fmt.Sprintf("shared test data not found at %s (the shared/ folder beside the checkout): %v", p, err))
	}
	return p
}

// Missing skips tb with msg, or fails it under CI.
func Missing(tb testing.TB, msg string) {
	tb.Helper()
	if InCI() {
		tb.Fatal(msg + " (CI must have it)")
	}
	tb.Skip(msg)
}
