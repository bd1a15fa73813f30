package naming

import (
	"go/token"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// exportedTests is the contract of Exported. A changed row renames
// identifiers in users' generated code.
var exportedTests = []struct{ in, want string }{
	// Examples from the specification.
	{"user_id", "UserID"},
	{"event-type", "EventType"},
	{"created_date", "CreatedDate"},
	{"sku_ref_id", "SKURefID"},
	{"ids", "IDs"},
	{"api_url", "APIURL"},
	{"marketplace_app_id", "MarketplaceAppID"},
	{"user.subscription.renewed", "UserSubscriptionRenewed"},
	{"$schema", "Schema"},
	{"2fa", "X2fa"},
	{"", ""},
	{"!!", ""},
	{"-_.", ""},
	{"été", "Été"},
	{"größe", "Größe"},
	{"名前", "X名前"},
	{"a→b", "AB"},
	{"+1", "Plus1"},
	{"-1", "Minus1"},
	{"fooBar", "FooBar"},
	{"sha256", "SHA256"},
	{"HTTPServer", "HTTPServer"},
	{"userID", "UserID"},

	// Initialisms in every spelling.
	{"ID", "ID"},
	{"id", "ID"},
	{"Id", "ID"},
	{"uuid", "UUID"},
	{"URLs", "URLs"},
	{"urls", "URLs"},
	{"Ids", "IDs"},
	{"userIds", "UserIDs"},
	{"userIDs", "UserIDs"},
	{"IDsList", "IDsList"},
	{"json_api", "JSONAPI"},
	{"https_url", "HTTPSURL"},
	{"dns", "DNS"},
	{"os_type", "OSType"},
	{"oss", "Oss"},                       // "os" is not pluralised: ends in "s".
	{"identity", "Identity"},             // Initialisms match whole words only.
	{"XMLHttpRequest", "XMLHTTPRequest"}, // "Http" is a word and an initialism.
	{"xml_http_request", "XMLHTTPRequest"},
	{"HTTPSettings", "HTTPSettings"},
	{"HTTP2", "HTTP2"},
	{"http2", "HTTP2"},
	{"http2Server", "HTTP2Server"},
	{"ipv4", "Ipv4"},
	{"nami_ml", "NamiML"},
	{"ml", "ML"},
	{"html", "HTML"}, // "ml" matches whole words only.
	{"cta_type", "CTAType"},
	{"ctaType", "CTAType"},
	{"external_id_type_sha256", "ExternalIDTypeSHA256"},
	{"sha1", "SHA1"},
	{"shape", "Shape"},

	// Separators and case transitions.
	{"already_PascalCase", "AlreadyPascalCase"},
	{"AlreadyPascalCase", "AlreadyPascalCase"},
	{"snake__double", "SnakeDouble"},
	{"trailing_", "Trailing"},
	{"_leading", "Leading"},
	{"a1b2", "A1b2"},
	{"x-go-name", "XGoName"},
	{"mixed-Case_and.dots", "MixedCaseAndDots"},
	{"v1.2.3", "V123"},
	{"v2API", "V2API"},
	{"with space", "WithSpace"},
	{"a/b:c@d", "ABCD"},
	{"#/$defs/foo", "DefsFoo"},
	{"camelCase", "CamelCase"},
	{"eTag", "ETag"},
	{"iPhone", "IPhone"},
	{"x", "X"},
	{"X", "X"},
	{"_", ""},

	// All-caps input is read as lower case.
	{"ACTIVE", "Active"},
	{"NOT_FOUND", "NotFound"},
	{"API_URL", "APIURL"},
	{"SKU_REF_ID", "SKURefID"},
	{"2FA", "X2fa"},

	// Digits.
	{"404", "X404"},
	{"1st_place", "X1stPlace"},
	{"a_2fa", "A2fa"},

	// Signs only at the start and only before a digit.
	{"+", ""},
	{"-", ""},
	{"-a", "A"},
	{"1-2", "X12"},
	{"--1", "X1"},
	{"-1.5", "Minus15"},
	{"+42", "Plus42"},

	// Non-ASCII.
	{"ÉTÉ", "Été"},
	{"user_名前", "User名前"},
	{"名前_user", "X名前User"},
	{"ßeta", "Xßeta"},
	{"straße", "Straße"},
	{"naïve café", "NaïveCafé"},
	{"x\u00b2", "X"},     // "²" is a number but not a Go digit.
	{"a\u0301b", "AB"},   // Combining mark: a boundary (input is not normalised).
	{"\xffab\xfe", "Ab"}, // Invalid UTF-8 separates words.
	{"ǆx", "Ǆx"},
	{"٣d", "X٣d"}, // Arabic-Indic digit is a Go digit.
}

func TestExported(t *testing.T) {
	for _, tt := range exportedTests {
		if got := Exported(tt.in); got != tt.want {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// corpus is a set of awkward inputs on top of the test tables.
var corpus = []string{
	"", " ", "\t\n", "_", "__", "0", "00", "0x1F", "1e10", "-0", "+-1", "-+1",
	"--", "++1", "a", "A", "aA", "Aa", "AA", "aAa", "AaA", "s", "S", "Ss",
	"IDs", "iDs", "ID_s", "HTTPs", "sHTTP", "ǅ", "ǅa", "ǈǋ", "ʰ", "ª", "ªa",
	"ﬀ", "İ", "ı", "ĸ", "ϒ", "Ⅻ", "ⅻ", "①", "😀", "a😀b", "𝔘𝔫𝔦", "𝟘", "\u200b",
	"\x00", "\xff", "\xc0\x80", "日本語", "한국어", "Ελληνικά", "ΕΛΛΗΝΙΚΑ",
	"Кириллица", "עברית", "العربية", "०१२", "type", "string", "nil", "Type",
	"func", "go", "GO", "_type", "x-go-name", "user.subscription.renewed",
	"#/$defs/Foo/properties/bar", "http://example.com/schema.json#foo",
	"true", "false", "null", "NULL", "urn:uuid:1234", "a.b.c.d.e.f.g",
	strings.Repeat("ab_", 50), strings.Repeat("Ab", 50), strings.Repeat("A", 50),
}

func allInputs() []string {
	var in []string
	for _, tt := range exportedTests {
		in = append(in, tt.in)
	}
	for _, tt := range unexportedTests {
		in = append(in, tt.in)
	}
	for _, tt := range enumValueTests {
		in = append(in, tt.value)
	}
	return append(in, corpus...)
}

func checkExported(t *testing.T, in string) {
	t.Helper()
	got := Exported(in)
	if got != "" && !(token.IsIdentifier(got) && token.IsExported(got)) {
		t.Errorf("Exported(%q) = %q, not an exported Go identifier", in, got)
	}
	if again := Exported(in); again != got {
		t.Errorf("Exported(%q) is not deterministic: %q then %q", in, got, again)
	}
	u := Unexported(in)
	if (u == "") != (got == "") {
		t.Errorf("Unexported(%q) = %q but Exported = %q", in, u, got)
	}
	if u != "" && !token.IsIdentifier(u) {
		t.Errorf("Unexported(%q) = %q, not a Go identifier", in, u)
	}
	if u != "" && predeclared[u] {
		t.Errorf("Unexported(%q) = %q, a predeclared identifier", in, u)
	}
	const typeName = "T"
	e := EnumValue(typeName, in)
	if !token.IsIdentifier(e) || !token.IsExported(e) || !strings.HasPrefix(e, typeName) {
		t.Errorf("EnumValue(%q, %q) = %q, not an exported Go identifier starting with the type name", typeName, in, e)
	}
	if e := EnumValue("", in); !token.IsIdentifier(e) || !token.IsExported(e) {
		t.Errorf("EnumValue(\"\", %q) = %q, not an exported Go identifier", in, e)
	}
}

func TestOutputsAreIdentifiers(t *testing.T) {
	for _, in := range allInputs() {
		checkExported(t, in)
	}
}

func FuzzExported(f *testing.F) {
	for _, in := range allInputs() {
		f.Add(in)
	}
	f.Fuzz(checkExported)
}

// Exported is idempotent on its ASCII outputs that contain a lower-case
// letter, so feeding a generated name back in (e.g. as an x-go-name override
// or a title) does not change it. All-caps outputs such as "APIURL" are not
// fixed points: they are read as SCREAMING_CASE ("Apiurl").
func TestExportedIdempotent(t *testing.T) {
	for _, in := range allInputs() {
		once := Exported(in)
		if !isASCII(once) || !strings.ContainsFunc(once, unicode.IsLower) {
			continue
		}
		if twice := Exported(once); twice != once {
			t.Errorf("Exported(Exported(%q)) = Exported(%q) = %q", in, once, twice)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var unexportedTests = []struct{ in, want string }{
	{"UserID", "userID"},
	{"user_id", "userID"},
	{"URL", "url"},
	{"url", "url"},
	{"IDs", "ids"},
	{"ids", "ids"},
	{"HTTPServer", "httpServer"},
	{"XMLHttpRequest", "xmlHTTPRequest"},
	{"api_url", "apiURL"},
	{"sku_ref_id", "skuRefID"},
	{"event-type", "eventType"},
	{"Größe", "größe"},
	{"ÉTÉ", "été"},
	{"2fa", "x2fa"},
	{"名前", "x名前"},
	{"-1", "minus1"},
	{"", ""},
	{"!!", ""},
	// Keywords.
	{"type", "type_"},
	{"Type", "type_"},
	{"TYPE", "type_"},
	{"func", "func_"},
	{"range", "range_"},
	{"map", "map_"},
	{"go", "go_"},
	{"default", "default_"},
	// Predeclared identifiers.
	{"string", "string_"},
	{"nil", "nil_"},
	{"error", "error_"},
	{"len", "len_"},
	{"any", "any_"},
	{"true", "true_"},
	{"iota", "iota_"},
	{"max", "max_"},
	// Not keywords once cased.
	{"type_name", "typeName"},
	{"types", "types"},
	{"strings", "strings"},
}

func TestUnexported(t *testing.T) {
	for _, tt := range unexportedTests {
		if got := Unexported(tt.in); got != tt.want {
			t.Errorf("Unexported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsKeyword(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"type", true},
		{"func", true},
		{"fallthrough", true},
		{"interface", true},
		{"chan", true},
		{"goto", true},
		{"select", true},
		{"Type", false},
		{"string", false}, // predeclared, not a keyword
		{"nil", false},
		{"any", false},
		{"", false},
		{"type_", false},
		{"foo", false},
	}
	for _, tt := range tests {
		if got := IsKeyword(tt.in); got != tt.want {
			t.Errorf("IsKeyword(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// The table agrees with go/token.
	for tok := token.Token(0); tok < 256; tok++ {
		s := tok.String()
		if got, want := IsKeyword(s), token.IsKeyword(s); got != want {
			t.Errorf("IsKeyword(%q) = %v, go/token says %v", s, got, want)
		}
	}
	if len(keywords) != 25 {
		t.Errorf("len(keywords) = %d, want 25", len(keywords))
	}
}

var enumValueTests = []struct{ typeName, value, want string }{
	{"Platform", "apple", "PlatformApple"},
	{"EventType", "user.subscription.renewed", "EventTypeUserSubscriptionRenewed"},
	{"Code", "404", "Code404"},
	{"Sign", "-1", "SignMinus1"},
	{"Sign", "+1", "SignPlus1"},
	{"Sign", "1", "Sign1"},
	{"X", "", "XEmpty"},
	{"X", "!!", "XValue" + "b4613f"}, // sha1("!!") = b4613f…
	{"X", "??", "XValue" + "16c8f8"}, // sha1("??") = 16c8f8…
	{"X", " ", "XValue" + "b858cb"},  // sha1(" ") = b858cb…
	{"Flag", "true", "FlagTrue"},
	{"Flag", "false", "FlagFalse"},
	{"Flag", "null", "FlagNull"},
	{"Status", "ACTIVE", "StatusActive"},
	{"Status", "NOT_FOUND", "StatusNotFound"},
	{"Status", "in-progress", "StatusInProgress"},
	{"Kind", "2fa", "Kind2fa"},
	{"Kind", "名前", "Kind名前"},
	{"Kind", "user_id", "KindUserID"},
	{"Version", "1.2", "Version12"},
	{"", "404", "X404"},
	{"", "apple", "Apple"},
	{"", "", "Empty"},
}

func TestEnumValue(t *testing.T) {
	for _, tt := range enumValueTests {
		if got := EnumValue(tt.typeName, tt.value); got != tt.want {
			t.Errorf("EnumValue(%q, %q) = %q, want %q", tt.typeName, tt.value, got, tt.want)
		}
	}
}

func req(key, want string, prio int) Request {
	return Request{Key: key, Want: want, Priority: prio}
}

func forced(key, want string) Request {
	return Request{Key: key, Want: want, Forced: true}
}

var resolveTests = []struct {
	name     string
	reqs     []Request
	reserved []string
	want     map[string]string
}{
	{
		name: "empty",
		want: map[string]string{},
	},
	{
		name: "no clash",
		reqs: []Request{req("a", "A", 1), req("b", "B", 1)},
		want: map[string]string{"a": "A", "b": "B"},
	},
	{
		name: "clash decided by priority",
		reqs: []Request{req("z", "Foo", 1), req("a", "Foo", 2)},
		want: map[string]string{"z": "Foo", "a": "Foo2"},
	},
	{
		name: "clash decided by key byte order at equal priority",
		reqs: []Request{req("b", "Foo", 1), req("B", "Foo", 1), req("a", "Foo", 1)},
		want: map[string]string{"B": "Foo", "a": "Foo2", "b": "Foo3"},
	},
	{
		name: "losers numbered in (priority, key) order",
		reqs: []Request{req("d", "Foo", 2), req("c", "Foo", 1), req("b", "Foo", 2), req("a", "Foo", 3)},
		want: map[string]string{"c": "Foo", "b": "Foo2", "d": "Foo3", "a": "Foo4"},
	},
	{
		name: "suffix wanted by another request is skipped",
		reqs: []Request{req("a", "Foo", 1), req("b", "Foo", 1), req("c", "Foo2", 1)},
		want: map[string]string{"a": "Foo", "b": "Foo3", "c": "Foo2"},
	},
	{
		name: "suffix wanted by a lower priority request is still skipped",
		reqs: []Request{req("a", "Foo", 1), req("b", "Foo", 1), req("c", "Foo2", 9), req("d", "Foo3", 9)},
		want: map[string]string{"a": "Foo", "b": "Foo4", "c": "Foo2", "d": "Foo3"},
	},
	{
		name: "suffix wanted by a forced request is skipped",
		reqs: []Request{req("a", "Foo", 1), req("b", "Foo", 1), forced("c", "Foo2")},
		want: map[string]string{"a": "Foo", "b": "Foo3", "c": "Foo2"},
	},
	{
		name: "forced request beats a lower priority number",
		reqs: []Request{req("a", "Foo", 0), forced("z", "Foo")},
		want: map[string]string{"a": "Foo2", "z": "Foo"},
	},
	{
		name:     "reserved name is lost by everyone who wants it",
		reqs:     []Request{req("a", "String", 1), req("b", "String", 2), req("c", "Other", 1)},
		reserved: []string{"String"},
		want:     map[string]string{"a": "String2", "b": "String3", "c": "Other"},
	},
	{
		name:     "reserved suffix is skipped",
		reqs:     []Request{req("a", "Foo", 1), req("b", "Foo", 1)},
		reserved: []string{"Foo2", "Foo3"},
		want:     map[string]string{"a": "Foo", "b": "Foo4"},
	},
	{
		name:     "reserved want with a reserved suffix",
		reqs:     []Request{req("a", "Foo", 1)},
		reserved: []string{"Foo", "Foo2", "Foo2"},
		want:     map[string]string{"a": "Foo3"},
	},
	{
		name: "forced requests with distinct wants",
		reqs: []Request{forced("a", "Alpha"), forced("b", "Beta"), req("c", "Alpha", 1)},
		want: map[string]string{"a": "Alpha", "b": "Beta", "c": "Alpha2"},
	},
	{
		name: "want ending in a digit",
		reqs: []Request{req("a", "V1", 1), req("b", "V1", 1)},
		want: map[string]string{"a": "V1", "b": "V12"},
	},
	{
		name: "two groups producing the same candidate: byte order of Want decides",
		reqs: append(
			[]Request{req("x", "A1", 1), req("y", "A1", 1)},
			manyReqs("k", "A", 13)...,
		),
		// Group "A" goes first: A, A2, …, A11, A12, A13;
		// then group "A1": A1, and A12, A13 are taken, so A14.
		want: func() map[string]string {
			m := map[string]string{"x": "A1", "y": "A14", "k00": "A"}
			for i := 1; i < 13; i++ {
				m[keyN("k", i)] = "A" + itoa(i+1)
			}
			return m
		}(),
	},
}

func keyN(prefix string, i int) string {
	return prefix + string(rune('0'+i/10)) + string(rune('0'+i%10))
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func manyReqs(prefix, want string, n int) []Request {
	var rs []Request
	for i := range n {
		rs = append(rs, req(keyN(prefix, i), want, 1))
	}
	return rs
}

func TestResolve(t *testing.T) {
	for _, tt := range resolveTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.reqs, tt.reserved)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("Resolve = %v\nwant       %v", got, tt.want)
			}
			checkResolved(t, tt.reqs, tt.reserved, got)

			// The order of the requests does not matter.
			rev := slices.Clone(tt.reqs)
			slices.Reverse(rev)
			if got2, err := Resolve(rev, tt.reserved); err != nil || !maps.Equal(got2, got) {
				t.Errorf("Resolve(reversed) = %v, %v; want %v", got2, err, got)
			}
		})
	}
}

// checkResolved checks the invariants of a Resolve result.
func checkResolved(t *testing.T, reqs []Request, reserved []string, got map[string]string) {
	t.Helper()
	if len(got) != len(reqs) {
		t.Errorf("got %d identifiers for %d requests", len(got), len(reqs))
	}
	used := map[string]string{}
	for _, r := range reqs {
		id, ok := got[r.Key]
		if !ok {
			t.Errorf("no identifier for %q", r.Key)
			continue
		}
		if other, dup := used[id]; dup {
			t.Errorf("identifier %q handed out to both %q and %q", id, other, r.Key)
		}
		used[id] = r.Key
		if slices.Contains(reserved, id) {
			t.Errorf("reserved identifier %q handed out to %q", id, r.Key)
		}
		if r.Forced && id != r.Want {
			t.Errorf("forced request %q got %q, want %q", r.Key, id, r.Want)
		}
		if !strings.HasPrefix(id, r.Want) {
			t.Errorf("request %q got %q, which does not start with its Want %q", r.Key, id, r.Want)
		}
	}
}

// Adding a request that clashes with nobody changes nobody else's identifier.
func TestResolveIndependentOfUnrelated(t *testing.T) {
	unrelated := []Request{
		req("0", "Unrelated", 0),
		req("zzz", "Unrelated", 9),
		req("", "Zebra", -1),
		forced("m", "Forced"),
		req("aaa", "Foo9", 0), // Foo9 is nobody's candidate in these tables.
	}
	for _, tt := range resolveTests {
		for _, u := range unrelated {
			if _, clash := tt.want[u.Key]; clash {
				continue
			}
			reqs := append(slices.Clone(tt.reqs), u)
			got, err := Resolve(reqs, tt.reserved)
			if err != nil {
				t.Errorf("%s + %+v: %v", tt.name, u, err)
				continue
			}
			if got[u.Key] != u.Want {
				t.Errorf("%s + %+v: unrelated request got %q", tt.name, u, got[u.Key])
			}
			delete(got, u.Key)
			if !maps.Equal(got, tt.want) {
				t.Errorf("%s + %+v: Resolve = %v\nwant %v", tt.name, u, got, tt.want)
			}
		}
	}

	// Also for a whole group of unrelated names, each clashing among themselves.
	base := []Request{req("a", "Foo", 1), req("b", "Foo", 2), req("c", "Bar", 1)}
	want, err := Resolve(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	more := append(slices.Clone(base), req("d", "Baz", 0), req("e", "Baz", 0), req("f", "Baz", 3), req("0", "Aaa", 0))
	got, err := Resolve(more, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("adding unrelated requests changed %q from %q to %q", k, v, got[k])
		}
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name     string
		reqs     []Request
		reserved []string
		wantErr  []string // substrings of the error
	}{
		{
			name:    "two forced requests want the same identifier",
			reqs:    []Request{forced("b.json#/x", "Foo"), req("c", "Foo", 0), forced("a.json#/y", "Foo")},
			wantErr: []string{`"Foo"`, `"a.json#/y"`, `"b.json#/x"`},
		},
		{
			name:    "three forced requests",
			reqs:    []Request{forced("c", "Foo"), forced("b", "Foo"), forced("a", "Foo")},
			wantErr: []string{`"Foo"`, `"a", "b", "c"`},
		},
		{
			name:     "forced request wants a reserved name",
			reqs:     []Request{forced("k", "String")},
			reserved: []string{"String"},
			wantErr:  []string{`"k"`, `"String"`, "reserved"},
		},
		{
			name:    "duplicate key",
			reqs:    []Request{req("k", "A", 1), req("k", "B", 1)},
			wantErr: []string{`"k"`, "duplicate"},
		},
		{
			name:    "empty want",
			reqs:    []Request{req("k", "", 1)},
			wantErr: []string{`"k"`, "empty"},
		},
		{
			name:     "every problem is reported",
			reqs:     []Request{forced("a", "A"), forced("b", "A"), forced("c", "C"), forced("d", "D"), forced("e", "D")},
			reserved: []string{"C"},
			wantErr:  []string{`"a", "b"`, `"c"`, `"d", "e"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.reqs, tt.reserved)
			if err == nil {
				t.Fatalf("Resolve = %v, want an error", got)
			}
			if got != nil {
				t.Errorf("Resolve returned %v with the error, want nil", got)
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %s", err, s)
				}
			}
			// Deterministic whatever the order of the requests.
			rev := slices.Clone(tt.reqs)
			slices.Reverse(rev)
			if _, err2 := Resolve(rev, tt.reserved); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("reversed input: error %v, want %v", err2, err)
			}
		})
	}
}

// Random scopes: invariants, order independence and independence of an
// unrelated request.
func TestResolveRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	wants := []string{"A", "A2", "A3", "A4", "B", "B2", "C"}
	for iter := range 2000 {
		var reqs []Request
		forcedWants := map[string]bool{}
		for i := range rng.IntN(10) {
			r := Request{
				Key:      string(rune('a'+rng.IntN(26))) + itoa(i),
				Want:     wants[rng.IntN(len(wants))],
				Priority: rng.IntN(3),
			}
			if rng.IntN(5) == 0 && !forcedWants[r.Want] {
				r.Forced = true
				forcedWants[r.Want] = true
			}
			reqs = append(reqs, r)
		}
		var reserved []string
		for _, w := range wants {
			if !forcedWants[w] && rng.IntN(6) == 0 {
				reserved = append(reserved, w)
			}
		}
		got, err := Resolve(reqs, reserved)
		if err != nil {
			t.Fatalf("%d: Resolve(%v, %v): %v", iter, reqs, reserved, err)
		}
		checkResolved(t, reqs, reserved, got)

		// The lowest (Priority, Key) of a group gets the plain name when
		// nothing forced or reserved takes it.
		for _, w := range wants {
			var g []Request
			for _, r := range reqs {
				if r.Want == w && !r.Forced {
					g = append(g, r)
				}
			}
			if len(g) == 0 || forcedWants[w] || slices.Contains(reserved, w) {
				continue
			}
			best := slices.MinFunc(g, func(a, b Request) int {
				if a.Priority != b.Priority {
					return a.Priority - b.Priority
				}
				return strings.Compare(a.Key, b.Key)
			})
			if got[best.Key] != w {
				t.Errorf("%d: %v: winner %q got %q, want %q", iter, reqs, best.Key, got[best.Key], w)
			}
		}

		shuffled := slices.Clone(reqs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got2, err := Resolve(shuffled, reserved); err != nil || !maps.Equal(got2, got) {
			t.Errorf("%d: shuffled: %v, %v; want %v", iter, got2, err, got)
		}

		withUnrelated := append(slices.Clone(reqs), req("unrelated", "Zed", rng.IntN(3)-1))
		got3, err := Resolve(withUnrelated, reserved)
		if err != nil {
			t.Fatal(err)
		}
		delete(got3, "unrelated")
		if !maps.Equal(got3, got) {
			t.Errorf("%d: with an unrelated request: %v; want %v", iter, got3, got)
		}
	}
}
