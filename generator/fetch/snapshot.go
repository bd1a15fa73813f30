package fetch

import (
	"io/fs"

	"github.com/namigen/namigen/generator/snapshot"
)

// The lock file and the HTTP client live in generator/snapshot, which the load phase shares;
// these names keep fetch's API.

// LockFile is the name of the lock file in a snapshot folder.
const LockFile = snapshot.LockFile

// MainFile is the file the fetched URL's document is stored as.
const MainFile = snapshot.MainFile

// Lock is the content of the lock file.
type Lock = snapshot.Lock

// LockedDocument is one document of a lock file.
type LockedDocument = snapshot.LockedDocument

// Client gets single documents with the policy of a fetch.
type Client = snapshot.Client

// ParseLock parses a lock file.
func ParseLock(data []byte) (*Lock, error) { return snapshot.ParseLock(data) }

// ReadLock reads the lock file of a snapshot folder (nil, nil when there is none).
func ReadLock(fsys fs.FS, dir string) (*Lock, error) { return snapshot.ReadLock(fsys, dir) }

// FileNames gives each URL the file it is stored as in a snapshot (root is the fetched URL).
func FileNames(root string, urls []string) map[string]string {
	return snapshot.FileNames(root, urls)
}

// NewClient returns a Client for opts (URL names the origin credentials go to; Dir and the
// snapshot options are ignored).
func NewClient(opts Options) (*Client, error) {
	return snapshot.NewClient(opts.clientOptions())
}
