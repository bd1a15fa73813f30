package runtime

import (
	"strings"
	"testing"
)

func TestFormatRules(t *testing.T) {
	cases := []struct {
		format string
		valid  []string
		bad    []string
	}{
		{"time", []string{"08:30:06Z", "23:59:60Z", "15:59:60-08:00", "00:29:60+00:30", "08:30:06.283185z"},
			[]string{"22:59:60Z", "23:58:60Z", "23:59:60+01:00", "08:30:06+24:00", "08:30:06+00:60", "08:30:06", "8:30:06Z"}},
		{"date-time", []string{"1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00"},
			[]string{"1998-12-31T22:59:60Z", "1998-12-31T23:58:60Z", "1990-12-31T15:59:59-24:00", "1990-12-31T15:59:59-23:60"}},
		{"duration", []string{"P4DT12H30M5S", "P1Y2M", "P2W", "PT1M2S", "P1M3D", "PT36H"},
			[]string{"P1Y2D", "PT1H2S", "P", "PT", "P1W2D", "P2D1Y", "P1YT", "PT1D"}},
		{"relative-json-pointer", []string{"1", "0/foo/bar", "2/0/baz/1/zip", "0#", "120/foo/bar"},
			[]string{"/foo/bar", "-1/foo", "+1/foo", "01/a", "01#", "0##", "", "1/~2", "1/~", "#/a", "1\n"}},
		{"uri-template", []string{"http://example.com/dictionary/{term:1}/{term}", "a{/path*}", "{+x,hello,y}", "{x:9999}", "{%41b}", "/{a.b}", "a'b"},
			[]string{"http://example.com/dictionary/{term:1}/{term", "{}", "{a,,b}", "{a:0}", "{a:10000}", "}x", "{a..b}", "{a:01}", "a b", "a\x7fb", "{a,}", "{a=1}", "{+/x}"}},
		{"uri", []string{"http://example.com/a?b=c#d", "urn:isbn:0451450523", "http://[2001:db8::7]/c=GB", "ldap://[2001:db8::7]/c=GB?objectClass?one", "mailto:a@b.c", "http://user:pw@host:8080/p"},
			[]string{"http://ex.com/ä", "http://ex.com/[a]", "http://a@b@c/", "//example.com", "http://2001:db8::7/", "http://[::ffff:01.2.3.4]/", "http://a.com/\n"}},
		{"uri-reference", []string{"/abc", "#frag", "", "../a:b", "?q"},
			[]string{"a:b:c\\d", "http://x/ä", "/a[b]", "\\\\WINDOWS\\fileshare", "#frag[1]"}},
		{"hostname", []string{"www.example.com", "a--b.com", "xn--9n2bp8q.xn--9t4b11yi5a", "xn--ll-0ea", "xn--wva3je", "xn--4dbc5h", "xn--k8j5u", "xn--vek778f", "xn--ngba1o", "xn--11b2ezcw70k", "xn--bcher-kva.example"},
			[]string{"\u212Aelvin.example.com", "xn--X", "xn--07jt112bpxg.xn--9t4b11yi5a", "xn--hello-txk", "xn--chb89f", "xn--al-0ea", "xn--l-gda", "xn--S-jib3p", "xn--5db1e", "xn--vek", "xn--defabc-k64e", "xn--ngb6iyr", "xn--02b508i", "XN--aa---o47jg78q", "xn--abc-"}},
		{"iri", []string{"http://ƒøø.ßår/?∂éœ=πîx#πîüx", "http://[2001:db8::7]/"},
			[]string{"/abc", "http://2001:db8::7/", "http://ex.com/a b", "http://ex.com/\n"}},
		{"iri-reference", []string{"//ƒøø.ßår/?∂éœ=πîx#πîüx", "#ƒrägmênt"},
			[]string{"\\\\WINDOWS\\filëßåré", "#ƒräg\\mênt"}},
	}
	mail := []struct {
		v          string
		email, idn bool
	}{
		{"joe.bloggs@example.com", true, true},
		{`"joe bloggs"@example.com`, true, true},
		{`"joe@bloggs"@example.com`, true, true},
		{`"a\"b"@example.com`, true, true},
		{"joe.bloggs@[127.0.0.1]", true, true},
		{"joe.bloggs@[IPv6:::1]", true, true},
		{"te~st@example.com", true, true},
		{"2962", false, false},
		{".test@example.com", false, false},
		{"te..st@example.com", false, false},
		{"joe.bloggs@invalid=domain.com", false, false},
		{"joe.bloggs@[127.0.0.300]", false, false},
		{"user1@oceania.org, user2@oceania.org", false, false},
		{"@example.com", false, false},
		{"joe.bloggs@", false, false},
		{"joe bloggs@example.com", false, false},
		{"실례@실례.테스트", false, true},
		{"δοκιμή@example.com", false, true},
		{`"δοκιμή"@example.com`, false, true},
		{"user＠example.com", false, false},
		{strings.Repeat("a", 65) + "@example.com", false, false},
	}
	for _, m := range mail {
		if got := validFormat(m.v, "email") && formatRules(m.v, "email"); got != m.email {
			t.Errorf("email %q: %v", m.v, got)
		}
		if got := validFormat(m.v, "idn-email") && formatRules(m.v, "idn-email"); got != m.idn {
			t.Errorf("idn-email %q: %v", m.v, got)
		}
	}
	for _, c := range cases {
		for _, v := range c.valid {
			if !formatRules(v, c.format) {
				t.Errorf("%s: %q rejected", c.format, v)
			}
		}
		for _, v := range c.bad {
			if formatRules(v, c.format) && validFormat(v, c.format) {
				t.Errorf("%s: %q accepted", c.format, v)
			}
		}
	}
}
