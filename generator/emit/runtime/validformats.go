package runtime

import (
	"math"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Formats. Each format has its own function(s) below, so that a package which does not use a
// format need not carry its code; validFormat calls them. Every rule is the RFC's.

// validFullTime checks an RFC 3339 full-time: hh:mm:ss[.frac] and Z or ±hh:mm, where a leap
// second (:60) is only valid at 23:59 UTC once the offset is applied.
func validFullTime(s string) bool {
	if len(s) < 9 || !fmtDigits(s[0:2]) || s[2] != ':' || !fmtDigits(s[3:5]) || s[5] != ':' || !fmtDigits(s[6:8]) {
		return false
	}
	h, m, sec := fmtNum2(s[0:2]), fmtNum2(s[3:5]), fmtNum2(s[6:8])
	i := 8
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	if i >= len(s) {
		return false
	}
	off := 0
	switch o := s[i+1:]; s[i] {
	case 'Z', 'z':
		if o != "" {
			return false
		}
	case '+', '-':
		if len(o) != 5 || !fmtDigits(o[0:2]) || o[2] != ':' || !fmtDigits(o[3:5]) {
			return false
		}
		oh, om := fmtNum2(o[0:2]), fmtNum2(o[3:5])
		if oh > 23 || om > 59 {
			return false
		}
		if off = oh*60 + om; s[i] == '-' {
			off = -off
		}
	default:
		return false
	}
	if h > 23 || m > 59 || sec > 60 {
		return false
	}
	return sec < 60 || ((h*60+m-off)%1440+1440)%1440 == 23*60+59
}

// fmtDigits reports whether s is one or more ASCII digits.
func fmtDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func fmtNum2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// validJSONPointer checks an RFC 6901 JSON Pointer: "" or "/"-led tokens where "~" is only
// followed by 0 or 1.
func validJSONPointer(s string) bool {
	if s != "" && s[0] != '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 >= len(s) || (s[i+1] != '0' && s[i+1] != '1')) {
			return false
		}
	}
	return true
}

// validRelJSONPointer checks a Relative JSON Pointer (draft-bhutton-relative-json-pointer-00):
// a non-negative integer without leading zeros, then "#" or a JSON Pointer.
func validRelJSONPointer(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || s[0] == '0' && i > 1 {
		return false
	}
	return s[i:] == "#" || validJSONPointer(s[i:])
}

// pctAt reports whether s[i:] starts with a percent-encoded octet.
func pctAt(s string, i int) bool {
	const hex = "0123456789abcdefABCDEF"
	return i+2 < len(s) && s[i] == '%' && strings.IndexByte(hex, s[i+1]) >= 0 && strings.IndexByte(hex, s[i+2]) >= 0
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isUcschar and isIprivate are the non-ASCII characters RFC 3987 allows in an IRI.
func isUcschar(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000 && r <= 0xDFFFD, r >= 0xE1000 && r <= 0xEFFFD:
		return r&0xFFFF <= 0xFFFD
	}
	return false
}

func isIprivate(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 && r <= 0x10FFFD && r&0xFFFF <= 0xFFFD
}

// uriChars checks that s holds only unreserved characters, sub-delims, percent-encoded octets
// and the bytes of extra; with iri also ucschar (and iprivate with private).
func uriChars(s string, iri, private bool, extra string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '%':
			if !pctAt(s, i) {
				return false
			}
			i += 3
			continue
		case c < utf8.RuneSelf:
			if !isAlnumASCII(c) && strings.IndexByte("-._~!$&'()*+,;=", c) < 0 && strings.IndexByte(extra, c) < 0 {
				return false
			}
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !iri || !isUcschar(r) && !(private && isIprivate(r)) {
				return false
			}
			i += n
			continue
		}
		i++
	}
	return true
}

// validURI checks an RFC 3986 URI-reference, or with iri an RFC 3987 IRI-reference; with abs
// the scheme is required (URI, IRI).
func validURI(s string, iri, abs bool) bool {
	rest := s
	if k := strings.IndexAny(s, ":/?#"); k >= 0 && s[k] == ':' {
		// A colon before any "/" is the scheme's: a relative reference cannot have one in its
		// first segment.
		if k == 0 || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
			return false
		}
		for i := 1; i < k; i++ {
			if !isAlnumASCII(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' {
				return false
			}
		}
		rest = s[k+1:]
	} else if abs {
		return false
	}
	if k := strings.IndexByte(rest, '#'); k >= 0 {
		if !uriChars(rest[k+1:], iri, false, ":@/?") {
			return false
		}
		rest = rest[:k]
	}
	if k := strings.IndexByte(rest, '?'); k >= 0 {
		if !uriChars(rest[k+1:], iri, true, ":@/?") {
			return false
		}
		rest = rest[:k]
	}
	if strings.HasPrefix(rest, "//") {
		auth, path := rest[2:], ""
		if k := strings.IndexByte(auth, '/'); k >= 0 {
			auth, path = auth[:k], auth[k:]
		}
		return validAuthority(auth, iri) && uriChars(path, iri, false, ":@/")
	}
	return uriChars(rest, iri, false, ":@/")
}

// validAuthority checks [userinfo "@"] host [":" port] of RFC 3986 (RFC 3987 with iri).
func validAuthority(a string, iri bool) bool {
	if k := strings.LastIndexByte(a, '@'); k >= 0 {
		if !uriChars(a[:k], iri, false, ":") {
			return false
		}
		a = a[k+1:]
	}
	port := ""
	if strings.HasPrefix(a, "[") {
		k := strings.IndexByte(a, ']')
		if k < 0 || !validIPLiteral(a[1:k]) {
			return false
		}
		if a = a[k+1:]; a != "" {
			if a[0] != ':' {
				return false
			}
			port = a[1:]
		}
	} else {
		if k := strings.LastIndexByte(a, ':'); k >= 0 {
			a, port = a[:k], a[k+1:]
		}
		if !uriChars(a, iri, false, "") {
			return false
		}
	}
	return port == "" || fmtDigits(port)
}

// validIPLiteral checks the inside of an IP-literal: an IPv6 address or an IPvFuture.
func validIPLiteral(s string) bool {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		k := strings.IndexByte(s, '.')
		if k < 2 || k == len(s)-1 || !uriChars(s[k+1:], false, false, ":") {
			return false
		}
		for i := 1; i < k; i++ {
			if strings.IndexByte("0123456789abcdefABCDEF", s[i]) < 0 {
				return false
			}
		}
		return true
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && a.Zone() == ""
}

// validURITemplate checks an RFC 6570 URI Template (level 4): literals and {expressions}.
// The apostrophe is a literal (verified erratum 6937).
func validURITemplate(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			k := strings.IndexByte(s[i:], '}')
			if k < 0 || !validURITemplateExpr(s[i+1:i+k]) {
				return false
			}
			i += k + 1
		case c == '%':
			if !pctAt(s, i) {
				return false
			}
			i += 3
		case c < utf8.RuneSelf:
			// RFC 6570 with its verified erratum 6937, which lets the apostrophe back in.
			if c <= ' ' || c == 0x7F || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isUcschar(r) && !isIprivate(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// validURITemplateExpr checks [operator] varspec *("," varspec). The operators "=", ",", "!",
// "@" and "|" are reserved for future extensions (RFC 6570, section 2.2): not valid today.
func validURITemplateExpr(e string) bool {
	if e != "" && strings.IndexByte("+#./;?&", e[0]) >= 0 {
		e = e[1:]
	}
	for _, vs := range strings.Split(e, ",") {
		name := vs
		if strings.HasSuffix(vs, "*") {
			name = vs[:len(vs)-1]
		} else if k := strings.IndexByte(vs, ':'); k >= 0 {
			name = vs[:k]
			if ml := vs[k+1:]; len(ml) > 4 || !fmtDigits(ml) || ml[0] == '0' {
				return false
			}
		}
		if name == "" || name[0] == '.' || name[len(name)-1] == '.' {
			return false
		}
		for i := 0; i < len(name); i++ {
			switch c := name[i]; {
			case c == '.':
				if name[i-1] == '.' {
					return false
				}
			case c == '%':
				if !pctAt(name, i) {
					return false
				}
				i += 2
			case c != '_' && !isAlnumASCII(c):
				return false
			}
		}
	}
	return true
}

// validEmail checks an RFC 5321 Mailbox (section 4.1.2), or with idn an RFC 6531 one, where
// atoms, quoted strings and the domain may hold UTF-8 (the domain an IDN host name). The
// local part holds at most 64 octets (RFC 5321, section 4.5.3.1.1).
func validEmail(s string, idn bool) bool {
	k := strings.LastIndexByte(s, '@')
	if k <= 0 || k > 64 {
		return false
	}
	local, dom := s[:k], s[k+1:]
	if !utf8.ValidString(local) {
		return false
	}
	if local[0] == '"' {
		if len(local) < 2 || local[len(local)-1] != '"' {
			return false
		}
		q := local[1 : len(local)-1]
		for i := 0; i < len(q); i++ {
			switch c := q[i]; {
			case c == '\\':
				if i++; i >= len(q) || q[i] < 32 || q[i] > 126 {
					return false
				}
			case c == '"' || c < 32 || c == 127 || c >= utf8.RuneSelf && !idn:
				return false
			}
		}
	} else {
		for _, atom := range strings.Split(local, ".") {
			if atom == "" {
				return false
			}
			for i := 0; i < len(atom); i++ {
				c := atom[i]
				if !isAlnumASCII(c) && strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) < 0 && !(idn && c >= utf8.RuneSelf) {
					return false
				}
			}
		}
	}
	if strings.HasPrefix(dom, "[") && strings.HasSuffix(dom, "]") {
		lit := dom[1 : len(dom)-1]
		if v6, ok := strings.CutPrefix(lit, "IPv6:"); ok {
			a, err := netip.ParseAddr(v6)
			return err == nil && a.Is6() && a.Zone() == ""
		}
		a, err := netip.ParseAddr(lit)
		return err == nil && a.Is4()
	}
	if idn {
		return validIDNHostname(dom)
	}
	return validHostname(dom)
}

// validHostname checks an RFC 1123 host name (section 2.1): dot-separated labels of 1 to 63
// letters, digits and hyphens, not starting or ending with a hyphen, 253 octets at most.
// A label starting "xn--" is an IDNA A-label and must be a valid one (RFC 5891, section 4.4).
func validHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	var labels [][]rune
	for _, l := range strings.Split(s, ".") {
		if !validLDHLabel(l) {
			return false
		}
		if len(l) >= 4 && l[2:4] == "--" && strings.EqualFold(l[:2], "xn") {
			u, ok := validALabel(l)
			if !ok {
				return false
			}
			labels = append(labels, u)
		} else {
			labels = append(labels, []rune(l))
		}
	}
	return idnaBidiRule(labels)
}

func validLDHLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isAlnumASCII(l[i]) && l[i] != '-' {
			return false
		}
	}
	return true
}

// validIDNHostname checks an internationalized host name (RFC 5890 to 5893, IDNA2008): labels
// separated by "." or the full stops U+3002, U+FF0E, U+FF61, each an LDH label, an A-label or a
// U-label whose A-label has at most 63 octets, 253 octets at most in all as A-labels.
func validIDNHostname(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == 0x3002 || r == 0xFF0E || r == 0xFF61 })
	total := len(parts) - 1
	var labels [][]rune
	for _, l := range parts {
		if isASCII(l) {
			if !validLDHLabel(l) {
				return false
			}
			total += len(l)
			if len(l) >= 4 && l[2:4] == "--" && strings.EqualFold(l[:2], "xn") {
				u, ok := validALabel(l)
				if !ok {
					return false
				}
				labels = append(labels, u)
				continue
			}
			labels = append(labels, []rune(l))
			continue
		}
		u := []rune(l)
		enc, ok := punyEncode(u)
		if !ok || len(enc)+4 > 63 || !validULabel(u) {
			return false
		}
		total += len(enc) + 4
		labels = append(labels, u)
	}
	// FieldsFunc drops empty fields: count the separators to find them.
	if n := strings.Count(s, ".") + strings.Count(s, "\u3002") + strings.Count(s, "\uff0e") + strings.Count(s, "\uff61"); n != len(parts)-1 {
		return false // an empty label
	}
	return total <= 253 && idnaBidiRule(labels)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validALabel decodes an A-label ("xn--" and Punycode) and checks that it is canonical (it
// encodes back to itself), is not all ASCII, and decodes to a valid U-label.
func validALabel(l string) ([]rune, bool) {
	p := strings.ToLower(l[4:])
	u, ok := punyDecode(p)
	if !ok || isASCII(string(u)) {
		return nil, false
	}
	if enc, ok := punyEncode(u); !ok || enc != p {
		return nil, false
	}
	return u, validULabel(u)
}

// validULabel checks a U-label (RFC 5891, sections 5.3 and 5.4): no hyphen at either end nor
// in the third and fourth positions, no combining mark first, every code point PVALID or
// allowed by its contextual rule (RFC 5892, appendix A), and in NFC.
func validULabel(u []rune) bool {
	if len(u) == 0 || u[0] == '-' || u[len(u)-1] == '-' || len(u) >= 4 && u[2] == '-' && u[3] == '-' ||
		unicode.Is(unicode.M, u[0]) {
		return false
	}
	has := func(f func(r rune) bool) bool {
		for _, r := range u {
			if f(r) {
				return true
			}
		}
		return false
	}
	for i, r := range u {
		if ok, _ := idnaLookup(idnaPVALID, r, false); ok {
			continue
		}
		var before, after rune = -1, -1
		if i > 0 {
			before = u[i-1]
		}
		if i+1 < len(u) {
			after = u[i+1]
		}
		ok := false
		switch {
		case r == 0x200C: // ZERO WIDTH NON-JOINER
			ok = idnaVirama(before) || idnaJoins(u, i)
		case r == 0x200D: // ZERO WIDTH JOINER
			ok = idnaVirama(before)
		case r == 0x00B7: // MIDDLE DOT
			ok = before == 'l' && after == 'l'
		case r == 0x0375: // GREEK LOWER NUMERAL SIGN (KERAIA)
			ok = after >= 0 && unicode.Is(unicode.Greek, after)
		case r == 0x05F3 || r == 0x05F4: // HEBREW PUNCTUATION GERESH, GERSHAYIM
			ok = before >= 0 && unicode.Is(unicode.Hebrew, before)
		case r == 0x30FB: // KATAKANA MIDDLE DOT
			ok = has(func(r rune) bool {
				return r != 0x30FB && unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
			})
		case r >= 0x0660 && r <= 0x0669: // ARABIC-INDIC DIGITS
			ok = !has(func(r rune) bool { return r >= 0x06F0 && r <= 0x06F9 })
		case r >= 0x06F0 && r <= 0x06F9: // EXTENDED ARABIC-INDIC DIGITS
			ok = !has(func(r rune) bool { return r >= 0x0660 && r <= 0x0669 })
		}
		if !ok {
			return false
		}
	}
	return idnaNFC(u)
}

// idnaNFC reports whether a label whose code points are all allowed is in Unicode
// Normalization Form C (RFC 5891, section 5.3): those code points are NFC each, so the label is
// unless its combining marks are out of canonical order or a pair of them composes (a mark
// not blocked from the last starter, or two adjacent starters).
func idnaNFC(u []rune) bool {
	ccc := func(r rune) int {
		_, c := idnaLookup(idnaCCC, r, true)
		return c
	}
	starter, last := -1, 0
	for i, r := range u {
		c := ccc(r)
		if c != 0 && last > c {
			return false
		}
		if starter >= 0 && (i == starter+1 || c != 0 && last != 0 && last < c) && idnaComposes(u[starter], r) {
			return false
		}
		if c == 0 {
			starter = i
		}
		last = c
	}
	return true
}

// idnaComposes reports whether NFC composes a followed by b (idnaCompose).
func idnaComposes(a, b rune) bool {
	second, first := 0, 0
	for i := 0; i < len(idnaCompose); {
		var ds, df int
		ds, i = idnaNum(idnaCompose, i)
		df, i = idnaNum(idnaCompose, i)
		if ds != 0 {
			second, first = second+ds, df
		} else {
			first += df
		}
		if second > int(b) {
			return false
		}
		if second == int(b) && first == int(a) {
			return true
		}
	}
	return false
}

func idnaVirama(r rune) bool {
	ok, _ := idnaLookup(idnaViramaTable, r, false)
	return r >= 0 && ok
}

// idnaJoins is the regular expression of the ZERO WIDTH NON-JOINER rule (RFC 5892, appendix
// A.1): (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D}).
func idnaJoins(u []rune, i int) bool {
	const jtL, jtD, jtR, jtT = 1, 2, 3, 4
	jt := func(r rune) int {
		_, c := idnaLookup(idnaJoining, r, true)
		return c
	}
	j := i - 1
	for j >= 0 && jt(u[j]) == jtT {
		j--
	}
	k := i + 1
	for k < len(u) && jt(u[k]) == jtT {
		k++
	}
	return j >= 0 && k < len(u) && (jt(u[j]) == jtL || jt(u[j]) == jtD) && (jt(u[k]) == jtR || jt(u[k]) == jtD)
}

// idnaBidiRule applies the Bidi rule of RFC 5893 (section 2) to every label of a domain name
// that holds a right-to-left label (one with a code point of Bidi_Class R, AL or AN).
func idnaBidiRule(labels [][]rune) bool {
	const (
		bL = iota
		bR
		bAL
		bAN
		bEN
		bES
		bCS
		bET
		bON
		bBN
		bNSM
	)
	class := func(r rune) int {
		_, c := idnaLookup(idnaBidi, r, true)
		return c
	}
	rtl := false
	for _, l := range labels {
		for _, r := range l {
			if c := class(r); c == bR || c == bAL || c == bAN {
				rtl = true
			}
		}
	}
	if !rtl {
		return true
	}
	for _, l := range labels {
		first := class(l[0])
		if first != bL && first != bR && first != bAL {
			return false // rule 1
		}
		end := len(l) - 1
		for end > 0 && class(l[end]) == bNSM {
			end--
		}
		last, en, an := class(l[end]), false, false
		for _, r := range l {
			c := class(r)
			en, an = en || c == bEN, an || c == bAN
			if c > bNSM || first == bL && (c == bR || c == bAL || c == bAN) || first != bL && c == bL {
				return false // rules 2 and 5
			}
		}
		if first == bL {
			if last != bL && last != bEN {
				return false // rule 6
			}
		} else if last != bR && last != bAL && last != bEN && last != bAN || en && an {
			return false // rules 3 and 4
		}
	}
	return true
}

// punyDecode decodes Punycode (RFC 3492, section 6.2).
func punyDecode(s string) ([]rune, bool) {
	var out []rune
	if k := strings.LastIndexByte(s, '-'); k >= 0 {
		for i := 0; i < k; i++ {
			if s[i] >= utf8.RuneSelf {
				return nil, false
			}
			out = append(out, rune(s[i]))
		}
		s = s[k+1:]
	}
	n, i, bias := 128, 0, 72
	for pos := 0; pos < len(s); {
		oldi, w := i, 1
		for k := 36; ; k += 36 {
			if pos >= len(s) {
				return nil, false
			}
			d := punyDigit(s[pos])
			pos++
			if d < 0 || d > (math.MaxInt32-i)/w {
				return nil, false
			}
			i += d * w
			t := min(max(k-bias, 1), 26)
			if d < t {
				break
			}
			if w > math.MaxInt32/(36-t) {
				return nil, false
			}
			w *= 36 - t
		}
		bias = punyAdapt(i-oldi, len(out)+1, oldi == 0)
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > unicode.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return nil, false
		}
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return out, true
}

// punyEncode encodes Punycode (RFC 3492, section 6.3), lower case.
func punyEncode(u []rune) (string, bool) {
	var b []byte
	for _, r := range u {
		if r < 0x80 {
			b = append(b, byte(r))
		}
	}
	h := len(b)
	basic := h
	if h > 0 {
		b = append(b, '-')
	}
	n, delta, bias := 128, 0, 72
	for h < len(u) {
		m := math.MaxInt32
		for _, r := range u {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		if (m - n) > (math.MaxInt32-delta)/(h+1) {
			return "", false
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range u {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := 36; ; k += 36 {
					t := min(max(k-bias, 1), 26)
					if q < t {
						break
					}
					b = append(b, punyChar(t+(q-t)%(36-t)))
					q = (q - t) / (36 - t)
				}
				b = append(b, punyChar(q))
				bias = punyAdapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(b), true
}

func punyAdapt(delta, points int, first bool) int {
	if first {
		delta /= 700
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > (36-1)*26/2 {
		delta /= 36 - 1
		k += 36
	}
	return k + (36-1+1)*delta/(delta+38)
}

func punyDigit(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= '0' && c <= '9':
		return int(c-'0') + 26
	}
	return -1
}

func punyChar(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}
