package model

import (
	"go/build"
	"io/fs"
	"path/filepath"
)

// isStdPackage reports whether path is a standard-library import path.
func isStdPackage(path string) bool {
	pkg, err := build.Default.Import(path, "", build.FindOnly)
	return err == nil && pkg.Goroot
}

// stdPackageNamed finds a standard-library package whose last path element is name
// ("json" → "encoding/json"), for the suggestion of an x-go-type error; "" when none or several.
func stdPackageNamed(name string) string {
	root := filepath.Join(build.Default.GOROOT, "src")
	var found []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if base == "internal" || base == "vendor" || base == "testdata" || rel == "cmd" {
			return filepath.SkipDir
		}
		if base == name && rel != "." {
			found = append(found, rel)
		}
		return nil
	})
	if len(found) == 1 {
		return found[0]
	}
	return ""
}
