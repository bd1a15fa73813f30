package runtime

// This file is merged into runtime.go in namigen_support.go: its imports join runtime.go's
// import block and its declarations follow (emit.withAppendix, TestSupportMerge).

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// formatRules applies the rules of a format that validFormat does not check: leap seconds and
// offset ranges of date-time and time (RFC 3339), the grammar of duration (RFC 3339 appendix
// A), of uri, uri-reference, iri and iri-reference (RFC 3986, RFC 3987), of uri-template
// (RFC 6570) and of relative-json-pointer. Other formats pass.
func formatRules(v, format string) bool {
	switch format {
	case "date-time":
		return len(v) > 11 && timeRules(v[11:])
	case "time":
		return timeRules(v)
	case "duration":
		return durationGrammar(v)
	case "uri":
		return uriGrammar(v, false, true)
	case "uri-reference":
		return uriGrammar(v, false, false)
	case "iri":
		return uriGrammar(v, true, true)
	case "iri-reference":
		return uriGrammar(v, true, false)
	case "uri-template":
		return uriTemplate(v)
	case "relative-json-pointer":
		return relativeJSONPointer(v)
	case "idn-email":
		return mailbox(v, true)
	case "hostname":
		return hostnameRules(v)
	}
	return true
}

// hostnameRules adds to the LDH check of a hostname: ASCII only (Go's case-insensitive
// matching would take the KELVIN SIGN for a k), and each A-label ("xn--") must be valid
// Punycode (RFC 3492) of a U-label that passes the IDNA2008 rules below (RFC 5891, 5892).
func hostnameRules(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			return false
		}
	}
	for _, label := range strings.Split(v, ".") {
		if len(label) >= 4 && strings.EqualFold(label[:4], "xn--") {
			u, ok := punycodeDecode(label[4:])
			if !ok || !uLabel(u) {
				return false
			}
		}
	}
	return true
}

// uLabel applies the IDNA2008 rules that need no Unicode table beyond Go's: no leading
// combining mark, no "--" in the third and fourth positions, at least one non-ASCII character,
// none of the exceptions RFC 5892 makes DISALLOWED, and the CONTEXTO and CONTEXTJ rules of
// its appendix A (MIDDLE DOT, Greek KERAIA, Hebrew GERESH and GERSHAYIM, KATAKANA MIDDLE DOT,
// Arabic-Indic digits, ZERO WIDTH JOINER after a virama).
func uLabel(u []rune) bool {
	if len(u) == 0 || unicode.Is(unicode.M, u[0]) || (len(u) >= 4 && u[2] == '-' && u[3] == '-') {
		return false
	}
	ascii, arabicIndic, extArabicIndic, kana := true, false, false, false
	for _, r := range u {
		switch {
		case r >= 0x0660 && r <= 0x0669:
			arabicIndic = true
		case r >= 0x06F0 && r <= 0x06F9:
			extArabicIndic = true
		}
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if r != 0x30FB && (unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Han, r)) {
			kana = true
		}
	}
	if ascii || (arabicIndic && extArabicIndic) {
		return false
	}
	for j, r := range u {
		switch {
		case r == 0x0640 || r == 0x07FA || r == 0x302E || r == 0x302F || (r >= 0x3031 && r <= 0x3035) || r == 0x303B:
			return false
		case r == 0x00B7:
			if j == 0 || j == len(u)-1 || u[j-1] != 'l' || u[j+1] != 'l' {
				return false
			}
		case r == 0x0375:
			if j == len(u)-1 || !unicode.Is(unicode.Greek, u[j+1]) {
				return false
			}
		case r == 0x05F3 || r == 0x05F4:
			if j == 0 || !unicode.Is(unicode.Hebrew, u[j-1]) {
				return false
			}
		case r == 0x30FB:
			if !kana {
				return false
			}
		case r == 0x200D:
			if j == 0 || !virama(u[j-1]) {
				return false
			}
		}
	}
	return true
}

// virama reports whether r has the canonical combining class Virama (9).
func virama(r rune) bool {
	switch r {
	case 0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D,
		0x0DCA, 0x0E3A, 0x0EBA, 0x0F84, 0x1039, 0x103A, 0x1714, 0x1715, 0x1734, 0x17D2, 0x1A60,
		0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA82C, 0xA8C4, 0xA953, 0xA9C0,
		0xAAF6, 0xABED, 0x10A3F, 0x11046, 0x11070, 0x1107F, 0x110B9, 0x11133, 0x11134, 0x111C0,
		0x11235, 0x112EA, 0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839,
		0x1193D, 0x1193E, 0x119E0, 0x11A34, 0x11A47, 0x11A99, 0x11C3F, 0x11D44, 0x11D45, 0x11D97:
		return true
	}
	return false
}

// punycodeDecode decodes the part of an A-label after "xn--" (RFC 3492).
func punycodeDecode(s string) ([]rune, bool) {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
		maxInt                       = 1<<31 - 1
	)
	var out []rune
	if b := strings.LastIndexByte(s, '-'); b >= 0 {
		for i := 0; i < b; i++ {
			if s[i] >= utf8.RuneSelf {
				return nil, false
			}
			out = append(out, rune(s[i]))
		}
		s = s[b+1:]
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	n, i, bias := 128, 0, 72
	for pos := 0; pos < len(s); {
		oldi, w := i, 1
		for k := base; ; k += base {
			if pos >= len(s) {
				return nil, false
			}
			c := s[pos]
			pos++
			var digit int
			switch {
			case c >= 'a' && c <= 'z':
				digit = int(c - 'a')
			case c >= 'A' && c <= 'Z':
				digit = int(c - 'A')
			case c >= '0' && c <= '9':
				digit = int(c-'0') + 26
			default:
				return nil, false
			}
			if digit > (maxInt-i)/w {
				return nil, false
			}
			i += digit * w
			t := k - bias
			if t < tmin {
				t = tmin
			} else if t > tmax {
				t = tmax
			}
			if digit < t {
				break
			}
			if w > maxInt/(base-t) {
				return nil, false
			}
			w *= base - t
		}
		bias = adapt(i-oldi, len(out)+1, oldi == 0)
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > unicode.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
			return nil, false
		}
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return out, true
}

// mailbox checks an RFC 5321 Mailbox (email), or with idn an RFC 6531 one (idn-email), whose
// local part and domain labels may also hold UTF-8: a dot-string or quoted-string local part of
// at most 64 octets, "@", and a domain name or an IPv4 or IPv6 address literal.
func mailbox(s string, idn bool) bool {
	local, domain := "", ""
	if strings.HasPrefix(s, "\"") {
		i := 1
		for ; i < len(s) && s[i] != '"'; i++ {
			c := s[i]
			switch {
			case c == '\\':
				if i+1 >= len(s) || s[i+1] < 32 || s[i+1] > 126 {
					return false
				}
				i++
			case c >= utf8.RuneSelf:
				if !idn {
					return false
				}
			case c < 32 || c > 126:
				return false
			}
		}
		if i >= len(s) || i+1 >= len(s) || s[i+1] != '@' {
			return false
		}
		local, domain = s[:i+1], s[i+2:]
	} else {
		k := strings.IndexByte(s, '@')
		if k < 0 {
			return false
		}
		local, domain = s[:k], s[k+1:]
		if local == "" || local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
			return false
		}
		for i := 0; i < len(local); i++ {
			c := local[i]
			switch {
			case c >= utf8.RuneSelf:
				if !idn {
					return false
				}
			case (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9') || strings.IndexByte(".!#$%&'*+-/=?^_`{|}~", c) >= 0:
			default:
				return false
			}
		}
	}
	if len(local) > 64 || !utf8.ValidString(local) {
		return false
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		lit := domain[1 : len(domain)-1]
		if v6, ok := strings.CutPrefix(lit, "IPv6:"); ok {
			ip, err := netip.ParseAddr(v6)
			return err == nil && ip.Is6() && ip.Zone() == ""
		}
		ip, err := netip.ParseAddr(lit)
		return err == nil && ip.Is4()
	}
	if domain == "" || len(domain) > 253 || !utf8.ValidString(domain) {
		return false
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			switch {
			case r >= utf8.RuneSelf:
				if !idn {
					return false
				}
			case (r|0x20 >= 'a' && r|0x20 <= 'z') || (r >= '0' && r <= '9') || r == '-':
			default:
				return false
			}
		}
	}
	return true
}

// timeRules checks a full-time (hh:mm:ss[.frac](Z|±hh:mm)): fields in range, and a leap second
// (ss = 60) only at 23:59:60 UTC.
func timeRules(s string) bool {
	if len(s) < 9 {
		return false
	}
	num := func(t string) (int, bool) {
		if len(t) != 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9' {
			return 0, false
		}
		return int(t[0]-'0')*10 + int(t[1]-'0'), true
	}
	h, ok1 := num(s[0:2])
	m, ok2 := num(s[3:5])
	sec, ok3 := num(s[6:8])
	if !ok1 || !ok2 || !ok3 || s[2] != ':' || s[5] != ':' || h > 23 || m > 59 || sec > 60 {
		return false
	}
	rest := s[8:]
	if strings.HasPrefix(rest, ".") {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return false
		}
		rest = rest[i:]
	}
	offMin := 0
	switch {
	case rest == "Z" || rest == "z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return false
		}
		offMin = oh*60 + om
		if rest[0] == '-' {
			offMin = -offMin
		}
	default:
		return false
	}
	if sec == 60 {
		utc := ((h*60+m-offMin)%1440 + 1440) % 1440
		return utc == 23*60+59
	}
	return true
}

// durationGrammar follows RFC 3339 appendix A: P then weeks alone, or a date part whose units
// are consecutive (Y [M [D]], M [D], D) and/or T with consecutive time units (H [M [S]], M [S],
// S); at least one unit.
func durationGrammar(s string) bool {
	if !strings.HasPrefix(s, "P") {
		return false
	}
	s = s[1:]
	type unit struct {
		n    string
		unit byte
	}
	var units []unit
	i := 0
	inTime := false
	var date, clock []byte
	for i < len(s) {
		if s[i] == 'T' {
			if inTime {
				return false
			}
			inTime = true
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j == len(s) {
			return false
		}
		units = append(units, unit{s[i:j], s[j]})
		if inTime {
			clock = append(clock, s[j])
		} else {
			date = append(date, s[j])
		}
		i = j + 1
	}
	if len(units) == 0 || (inTime && len(clock) == 0) {
		return false
	}
	consecutive := func(got []byte, order string) bool {
		if len(got) == 0 {
			return true
		}
		start := strings.IndexByte(order, got[0])
		if start < 0 {
			return false
		}
		return strings.HasPrefix(order[start:], string(got))
	}
	if string(date) == "W" {
		return len(clock) == 0
	}
	return consecutive(date, "YMD") && consecutive(clock, "HMS")
}

// relativeJSONPointer: a non-negative integer without leading zeros, then "#" or a JSON Pointer.
func relativeJSONPointer(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || (s[0] == '0' && i > 1) {
		return false
	}
	rest := s[i:]
	if rest == "#" {
		return true
	}
	if rest == "" {
		return true
	}
	if rest[0] != '/' {
		return false
	}
	for k := 0; k < len(rest); k++ {
		if rest[k] == '~' && (k+1 >= len(rest) || (rest[k+1] != '0' && rest[k+1] != '1')) {
			return false
		}
	}
	return true
}

// uriTemplate checks RFC 6570 syntax: literals without spaces, double quotes, braces and other
// excluded characters (an apostrophe is allowed, after erratum 6937), and expressions {[op]varspec,...} with varnames of letters, digits, _
// and percent-encodings (dots between), and the :1..9999 or * modifiers.
func uriTemplate(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return false
			}
			if !uriTemplateExpr(s[i+1 : i+end]) {
				return false
			}
			i += end + 1
		case c == '}':
			return false
		case c == '%':
			if !pctEncoded(s, i) {
				return false
			}
			i += 3
		case c < 0x21 || c == 0x7f || strings.IndexByte("\"<>\\^`|", c) >= 0:
			return false
		default:
			i++
		}
	}
	return true
}

func uriTemplateExpr(e string) bool {
	if e == "" {
		return false
	}
	if strings.IndexByte("+#./;?&", e[0]) >= 0 {
		e = e[1:]
	}
	for _, spec := range strings.Split(e, ",") {
		name := spec
		if strings.HasSuffix(spec, "*") {
			name = spec[:len(spec)-1]
		} else if k := strings.IndexByte(spec, ':'); k >= 0 {
			name = spec[:k]
			n := spec[k+1:]
			if len(n) == 0 || len(n) > 4 || n[0] == '0' {
				return false
			}
			if _, err := strconv.Atoi(n); err != nil || strings.ContainsAny(n, "+-") {
				return false
			}
		}
		if name == "" || name[0] == '.' || name[len(name)-1] == '.' || strings.Contains(name, "..") {
			return false
		}
		for i := 0; i < len(name); i++ {
			c := name[i]
			switch {
			case c == '%':
				if !pctEncoded(name, i) {
					return false
				}
				i += 2
			case c == '_' || c == '.' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			default:
				return false
			}
		}
	}
	return true
}

func pctEncoded(s string, i int) bool {
	return i+2 < len(s) && hexDigit(s[i+1]) && hexDigit(s[i+2])
}

func hexDigit(c byte) bool {
	return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'f')
}

// uriGrammar checks RFC 3986 (iri: RFC 3987, which adds non-ASCII characters) syntax:
// absolute requires a scheme (a URI or IRI, not a reference).
func uriGrammar(s string, iri, absolute bool) bool {
	rest := s
	scheme := false
	if k := strings.IndexAny(rest, ":/?#"); k > 0 && rest[k] == ':' {
		sch := rest[:k]
		if !(sch[0]|0x20 >= 'a' && sch[0]|0x20 <= 'z') {
			return false
		}
		for i := 1; i < len(sch); i++ {
			c := sch[i]
			if !(c|0x20 >= 'a' && c|0x20 <= 'z') && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
				return false
			}
		}
		scheme = true
		rest = rest[k+1:]
	}
	if absolute && !scheme {
		return false
	}
	if k := strings.IndexByte(rest, '#'); k >= 0 {
		if !uriChars(rest[k+1:], iri, "/?:@") {
			return false
		}
		rest = rest[:k]
	}
	if k := strings.IndexByte(rest, '?'); k >= 0 {
		if !uriChars(rest[k+1:], iri, "/?:@") {
			return false
		}
		rest = rest[:k]
	}
	path := rest
	if strings.HasPrefix(rest, "//") {
		auth := rest[2:]
		path = ""
		if k := strings.IndexByte(auth, '/'); k >= 0 {
			auth, path = auth[:k], auth[k:]
		}
		if !uriAuthority(auth, iri) {
			return false
		}
	} else if !scheme {
		// A relative path: its first segment may not hold a ':' (it would read as a scheme).
		first := path
		if k := strings.IndexByte(first, '/'); k >= 0 {
			first = first[:k]
		}
		if strings.IndexByte(first, ':') >= 0 {
			return false
		}
	}
	return uriChars(path, iri, "/:@")
}

func uriAuthority(a string, iri bool) bool {
	if k := strings.LastIndexByte(a, '@'); k >= 0 {
		if !uriChars(a[:k], iri, ":") {
			return false
		}
		a = a[k+1:]
	}
	host, port := a, ""
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return false
		}
		host, port = a[1:end], a[end+1:]
		if port != "" && port[0] != ':' {
			return false
		}
		if strings.HasPrefix(host, "v") || strings.HasPrefix(host, "V") {
			dot := strings.IndexByte(host, '.')
			if dot < 2 || dot == len(host)-1 || !uriChars(host[dot+1:], false, ":") || strings.ContainsRune(host[dot+1:], '%') {
				return false
			}
			for i := 1; i < dot; i++ {
				if !hexDigit(host[i]) {
					return false
				}
			}
		} else if ip, err := netip.ParseAddr(host); err != nil || !ip.Is6() || ip.Zone() != "" {
			return false
		}
	} else {
		if k := strings.LastIndexByte(a, ':'); k >= 0 {
			host, port = a[:k], a[k:]
		}
		if !uriChars(host, iri, "") {
			return false
		}
	}
	for i := 1; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	return true
}

// uriChars checks that s holds only unreserved characters, sub-delims, percent-encodings, the
// extra ASCII characters given, and (iri) non-ASCII characters other than controls.
func uriChars(s string, iri bool, extra string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !iri || r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 {
				return false
			}
			i += n
			continue
		case c == '%':
			if !pctEncoded(s, i) {
				return false
			}
			i += 3
			continue
		case (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9') || strings.IndexByte("-._~!$&'()*+,;=", c) >= 0:
		case strings.IndexByte(extra, c) >= 0:
		default:
			return false
		}
		i++
	}
	return true
}
