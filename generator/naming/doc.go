// Package naming turns JSON names (property keys, $defs keys, titles, enum
// values) into Go identifiers, and hands out unique identifiers within a
// scope.
//
// Everything here is pure and deterministic: the same input always gives the
// same output, on every machine and in every run, and no function depends on
// global mutable state.
//
// WARNING: the output of this package is the public API of every user's
// generated code. Any change to these rules, to the initialism table, or to
// the clash-resolution order renames identifiers in code that users have
// already generated and compiled against. Treat every behavioural change as a
// breaking change, and add a test row for it.
//
// # Words
//
// [Exported] splits a name into words and concatenates them:
//
//   - Every rune that is not a letter or digit (in the sense of the Go
//     specification: unicode.IsLetter, unicode.IsDigit) separates words:
//     "_", "-", ".", " ", "/", ":", "@", "$", "→", … It is dropped.
//   - A lower→upper transition starts a word: "fooBar" is "foo" "Bar". So
//     does digit→upper and caseless-letter→upper ("v2API" is "v2" "API").
//   - A run of upper-case letters is a word of its own, except that its last
//     letter starts the next word when a lower-case letter follows it:
//     "HTTPServer" is "HTTP" "Server". A run followed by a lone lower-case
//     "s" (one not followed by another lower-case letter) keeps the "s" as a
//     plural: "URLs", "userIDs", "IDsList" is "IDs" "List".
//   - Letter→digit and digit→letter are not boundaries: "sha256", "a1b2".
//   - An input without any lower-case letter (SCREAMING_SNAKE_CASE, "ACTIVE",
//     "NOT_FOUND") is treated as if it were all lower case, so that it reads
//     "Active", "NotFound" rather than "ACTIVE", "NOTFOUND". Known
//     initialisms stay upper case ("API_URL" is "APIURL").
//
// Each word is then cased:
//
//   - A word that is an initialism (ID, URL, URI, UUID, SKU, API, HTTP,
//     HTTPS, JSON, IP, SDK, HTML, XML, CPU, DNS, TLS, SSL, TTL, UI, UTC, OS,
//     SQL, CSS, ASCII, EOF, TCP, UDP, RPC, SSH, JWT, ML, CTA, SHA;
//     case-insensitive) is upper-cased whole: "id" → "ID", "Url" → "URL",
//     "XMLHttpRequest" → "XMLHTTPRequest", "nami_ml" → "NamiML".
//   - A plural initialism is upper-cased except for the final "s":
//     "ids" → "IDs", "urls" → "URLs" (not for initialisms that end in "s":
//     "dns", "os", "tls", "https").
//   - An initialism followed by digits is upper-cased: "http2" → "HTTP2",
//     "sha256" → "SHA256".
//   - Any other word gets its first rune upper-cased and the rest kept as
//     is: "already" → "Already", "eTag" → "ETag", "iPhone" → "IPhone".
//
// Finally, if the result does not start with an upper-case letter (a leading
// digit as in "2fa", or a letter without an upper case as in "名前"), it is
// prefixed with "X" so that it is a valid exported identifier. An input with
// no letters or digits at all gives "" and the caller supplies a fallback.
//
// A leading "+" or "-" directly followed by a digit becomes the word "Plus"
// or "Minus" ("-1" → "Minus1"), so that numeric enum values stay distinct.
//
// Non-ASCII letters and digits are kept ("größe" → "Größe"). Input is not
// Unicode-normalised: a combining accent (a mark, not a letter) separates
// words, so callers that care should pass NFC text.
//
// # Scopes
//
// [Resolve] assigns unique identifiers to all the things named in one scope
// (a package's types, one struct's fields, one type's enum constants). Its
// result for a group of clashing names never depends on names that do not
// clash with them, so adding a schema does not rename unrelated types.
package naming
