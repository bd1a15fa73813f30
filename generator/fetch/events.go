package fetch

import (
	"context"
	"io/fs"
	"os"
	"slices"
	"testing/fstest"

	"github.com/namigen/namigen/generator/events"
	"github.com/namigen/namigen/generator/load"
	"github.com/namigen/namigen/generator/write"
)

// eventTypeChanges compares the event types of the new snapshot (its files, lock file included)
// with the old one's, as generation finds them: the new snapshot is loaded from memory, the old
// one from its folder, each as `namigen generate` reads a snapshot (events.Find).
func (f *fetcher) eventTypeChanges(files []write.File) (added, removed []string) {
	now := fstest.MapFS{}
	for _, fl := range files {
		now[fl.Path] = &fstest.MapFile{Data: fl.Data, Mode: 0o644}
	}
	newTypes := f.snapshotTypes(now)
	var oldTypes []string
	if st, err := os.Stat(f.old.dir); err == nil && st.IsDir() {
		oldTypes = f.snapshotTypes(os.DirFS(f.old.dir))
	}
	added, removed = []string{}, []string{}
	for _, t := range newTypes {
		if !slices.Contains(oldTypes, t) {
			added = append(added, t)
		}
	}
	for _, t := range oldTypes {
		if !slices.Contains(newTypes, t) {
			removed = append(removed, t)
		}
	}
	return added, removed
}

// snapshotTypes lists, sorted, the event types of the snapshot in fsys. A snapshot that does
// not load (an old one, hand-edited or from an older namigen) has none: the fetch itself does
// not depend on it.
func (f *fetcher) snapshotTypes(fsys fs.FS) []string {
	opts := load.Options{FS: fsys, FSRoot: ".", DefaultDraft: draftName(f.opts)}
	res, err := load.Load(context.Background(), nil, opts)
	if err != nil {
		return nil
	}
	return slices.Sorted(slices.Values(events.Types(res, f.opts.EventKey)))
}

// draftName is the load's name of the fetch's default draft.
func draftName(o *Options) string {
	for name, d := range load.Drafts {
		if d == o.DefaultDraft {
			return name
		}
	}
	return ""
}
