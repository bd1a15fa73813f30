package runtime

import "testing"

// Cases from the RFCs' own grammars and examples.
func TestFormatRules(t *testing.T) {
	for _, tc := range []struct {
		format, v string
		ok        bool
	}{
		// RFC 3339: leap seconds only at 23:59:60 UTC, offsets within ±23:59.
		{"time", "23:59:60+00:00", true}, {"time", "15:59:60-08:00", true}, {"time", "23:59:60+01:00", false},
		{"time", "22:59:60Z", false}, {"time", "12:00:00+24:00", false}, {"time", "12:00:00+01:60", false},
		{"time", "12:00:00.5z", true}, {"time", "12:00:00.Z", false}, {"time", "12:00:00+0100", false},
		{"date-time", "1990-12-31T15:59:60-08:00", true}, {"date-time", "1990-12-31T15:59:60Z", false},
		{"date-time", "1990-12-31T15:59:59+25:00", false},
		// RFC 3339 appendix A: only the largest or smallest units may be left out.
		{"duration", "P1Y2M3DT4H5M6S", true}, {"duration", "P1Y2D", false}, {"duration", "PT1H2S", false},
		{"duration", "P2DT1M", true}, {"duration", "P1M2D", true},
		// Relative JSON Pointer.
		{"relative-json-pointer", "0", true}, {"relative-json-pointer", "1/a~1b", true}, {"relative-json-pointer", "2#", true},
		{"relative-json-pointer", "01", false}, {"relative-json-pointer", "-1", false}, {"relative-json-pointer", "/a", false},
		{"relative-json-pointer", "1#/a", false}, {"relative-json-pointer", "", false}, {"relative-json-pointer", "1~", false},
		// RFC 6570, section 1.2 and 2.
		{"uri-template", "http://example.com/~{username}/", true}, {"uri-template", "{/list*,path:4}", true},
		{"uri-template", "{?x,y}", true}, {"uri-template", "{var.name}{%41b}", true}, {"uri-template", "'{var}'", true},
		{"uri-template", "{}", false}, {"uri-template", "{x,}", false}, {"uri-template", "{x:0}", false},
		{"uri-template", "{x:10000}", false}, {"uri-template", "{x:01}", false}, {"uri-template", "{a..b}", false},
		{"uri-template", "}", false}, {"uri-template", "{x", false}, {"uri-template", "a b", false},
		{"uri-template", "{=x}", false}, {"uri-template", "{x=1}", false}, {"uri-template", "%zz", false},
		// RFC 3986 and RFC 3987.
		{"uri", "http://user@[::1]:8080/a?b#c", true}, {"uri", "urn:isbn:0451450523", true}, {"uri", "mailto:a@b.c", true},
		{"uri", "http://[v1.fe]/", true}, {"uri", "http://ex.com/ü", false}, {"uri", "http://a@b@c/", false},
		{"uri", "http://ex.com/[x]", false}, {"uri", "http://ex.com:8o/", false}, {"uri", "1http://x", false},
		{"uri", "http://::1/", false}, {"uri", "http://[::1%25eth0]/", false},
		{"uri-reference", "../a?b#c", true}, {"uri-reference", "", true}, {"uri-reference", "a:b:c", true},
		{"uri-reference", "#%zz", false}, {"uri-reference", "\\\\WINDOWS", false}, {"uri-reference", "a b", false},
		{"iri", "http://ƒøø.ßår/?∂éœ=πîx#πîüx", true}, {"iri", "http://ex.com/\ue000", false},
		{"iri", "http://ex.com/?\ue000", true}, {"iri", "/relative", false}, {"iri", "http://ex.com/\n", false},
		{"iri-reference", "//ƒøø.ßår/", true}, {"iri-reference", "#ƒrägmênt", true}, {"iri-reference", "\\\\WINDOWS", false},
		// RFC 5321 and RFC 6531.
		{"email", `"joe bloggs"@example.com`, true}, {"email", `"a\"b"@example.com`, true}, {"email", "a.b+c@example.com", true},
		{"email", "a@[127.0.0.1]", true}, {"email", "a@[IPv6:::1]", true}, {"email", "a@[300.0.0.1]", false},
		{"email", "a..b@example.com", false}, {"email", ".a@example.com", false}, {"email", "a@-example.com", false},
		{"email", "ü@example.com", false}, {"email", "a@", false}, {"email", "@example.com", false},
		{"idn-email", "실례@실례.테스트", true}, {"idn-email", "joe＠example.com", false}, {"idn-email", "a@b..c", false},
		// RFC 1123 host names, A-labels per RFC 5891.
		{"hostname", "a--b.example", true}, {"hostname", "xn--mnchen-3ya.de", true}, {"hostname", "XN--MNCHEN-3YA.de", true},
		{"hostname", "\u212aelvin.example", false}, {"hostname", "xn--X", false}, {"hostname", "example.", false},
		{"hostname", "a_b", false}, {"hostname", "xn--example-", false}, {"hostname", "example.com\n", false},
		// IDNA2008.
		{"idn-hostname", "münchen.de", true}, {"idn-hostname", "пример.испытание", true}, {"idn-hostname", "中国", true},
		{"idn-hostname", "München.de", false}, {"idn-hostname", "ｅｘａｍｐｌｅ", false}, {"idn-hostname", "a\u200bb", false},
		{"idn-hostname", "a。b", true}, {"idn-hostname", "a.", false}, {"idn-hostname", "\u0301a", false},
		{"idn-hostname", "l·l", true}, {"idn-hostname", "a·b", false}, {"idn-hostname", "a--b", true},
		{"idn-hostname", "क्\u200dष", true}, {"idn-hostname", "क\u200dष", false},
		// NFC: a decomposed é, marks out of canonical order (dot below 220 before acute 230), a
		// mark composing past another, KA and NUKTA (U+0958 is excluded from composition).
		{"idn-hostname", "caf\u00e9", true}, {"idn-hostname", "cafe\u0301", false},
		{"idn-hostname", "\u1ea1\u0301", true}, {"idn-hostname", "a\u0301\u0323", false},
		{"idn-hostname", "a\u0323\u0301", false}, {"idn-hostname", "\u0915\u093c", true},
		{"idn-hostname", "\u304b\u3099", false}, {"idn-hostname", "\u304c", true},
		{"hostname", "xn--cafe-yvc", false}, {"hostname", "xn--caf-dma", true},
		// ZERO WIDTH NON-JOINER after a letter that joins to the left (BEH, D; ALEF is R).
		{"idn-hostname", "\u0628\u200c\u0628", true}, {"idn-hostname", "\u0628\u064e\u200c\u0628", true},
		{"idn-hostname", "\u0627\u200c\u0628", false}, {"idn-hostname", "\u0628\u200c\u0627", true},
		{"idn-hostname", "שלום", true}, {"idn-hostname", "aשלום", false}, {"idn-hostname", "שלום.1a", false},
		{"idn-hostname", "אa1", false}, {"idn-hostname", "א1", true}, {"idn-hostname", "א1٠", false},
	} {
		if got := validFormat(tc.v, tc.format); got != tc.ok {
			t.Errorf("validFormat(%q, %q) = %v, want %v", tc.v, tc.format, got, tc.ok)
		}
	}
}

// Punycode round trips (RFC 3492) on well-known A-labels.
func TestPunycode(t *testing.T) {
	for u, a := range map[string]string{"münchen": "mnchen-3ya", "bücher": "bcher-kva", "mañana": "maana-pta",
		"пример": "e1afmkfd", "中国": "fiqs8s"} {
		got, ok := punyEncode([]rune(u))
		if !ok || got != a {
			t.Errorf("punyEncode(%q) = %q, %v; want %q", u, got, ok, a)
		}
		back, ok := punyDecode(a)
		if !ok || string(back) != u {
			t.Errorf("punyDecode(%q) = %q, %v; want %q", a, string(back), ok, u)
		}
	}
	for _, bad := range []string{"x", "99999999999", "ü-a"} {
		if _, ok := punyDecode(bad); ok {
			t.Errorf("punyDecode(%q) succeeded", bad)
		}
	}
}

// Derived properties of RFC 5892 for code points whose category says nothing alone.
func TestIDNATables(t *testing.T) {
	for r, want := range map[rune]bool{'a': true, '-': true, 'A': false, 'ß': true, 'ς': true, 'é': true, 0x301: true,
		0xAC00: true, 0x1100: false, 0xFF21: false, 0x0640: false, 0x3007: true, 0x200B: false, 0x0660: false,
		0x00AA: false, 0x00B5: false, 0xF900: false, 0x20D0: false, 0x0958: false, 0x10FFFF: false} {
		if got, _ := idnaLookup(idnaPVALID, r, false); got != want {
			t.Errorf("PVALID(%U) = %v, want %v", r, got, want)
		}
	}
	for r, want := range map[rune]int{0x0628: 2, 0x0627: 3, 0x064E: 4, 'a': 0, 0xA872: 1} {
		if _, got := idnaLookup(idnaJoining, r, true); got != want {
			t.Errorf("Joining_Type(%U) = %d, want %d", r, got, want)
		}
	}
	if !idnaVirama(0x094D) || idnaVirama('a') || idnaVirama(-1) {
		t.Error("Virama table")
	}
	for r, want := range map[rune]int{'a': 0, 'א': 1, 'ب': 2, 0x0660: 3, '0': 4, 0x0301: 10} {
		if _, got := idnaLookup(idnaBidi, r, true); got != want {
			t.Errorf("Bidi(%U) = %d, want %d", r, got, want)
		}
	}
}
