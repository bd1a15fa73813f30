// Package schemas embeds the schema snapshots that ship inside the namigen binary.
package schemas

import "embed"

// Nami is the snapshot of Nami ML's webhook event schemas (schemas/nami), the default input of
// `namigen generate`. Only the .json files are embedded; the lock file is not a schema.
//
//go:embed nami/*.json
var Nami embed.FS

// NamiRoot is the folder of the Nami snapshot inside Nami.
const NamiRoot = "nami"
