// Package schemas embeds the schema snapshots that ship inside the namigen binary.
package schemas

import "embed"

// Nami is the snapshot of Nami ML's webhook event schemas (schemas/nami), the default input of
// `namigen generate`. Only the .json files are embedded, and that includes, on purpose, the
// lock file namigen.lock.json when the folder has one (a snapshot written by `namigen fetch`):
// the loader needs it to compile each document under its source URL and to tell the root from
// the documents that only serve $refs. The snapshot written by hand has none.
//
//go:embed nami/*.json
var Nami embed.FS

// NamiRoot is the folder of the Nami snapshot inside Nami.
const NamiRoot = "nami"
