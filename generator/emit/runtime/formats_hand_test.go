package runtime

import (
	"math/rand"
	"regexp"
	"testing"
	"time"
)

// The hand-written checkers of uuid, date, date-time and duration against the definitions they
// replace (the regular expressions and time.Parse), on seeded random strings drawn from the
// characters that matter to each format, and on mutations of valid values.

func randomFrom(r *rand.Rand, alphabet string, maxLen int) string {
	b := make([]byte, r.Intn(maxLen+1))
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// mutate changes, inserts or deletes a few characters of s.
func mutate(r *rand.Rand, s, alphabet string) string {
	b := []byte(s)
	for n := r.Intn(3); n >= 0; n-- {
		c := alphabet[r.Intn(len(alphabet))]
		switch i := r.Intn(len(b) + 1); r.Intn(3) {
		case 0:
			if i < len(b) {
				b[i] = c
			}
		case 1:
			b = append(b[:i], append([]byte{c}, b[i:]...)...)
		default:
			if i < len(b) {
				b = append(b[:i], b[i+1:]...)
			}
		}
	}
	return string(b)
}

func TestHandWrittenFormats(t *testing.T) {
	uuidRe := regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	dateRe := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	durationRe := regexp.MustCompile(`^P(?:\d+W|(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$`)
	oldDate := func(s string) bool {
		if !dateRe.MatchString(s) {
			return false
		}
		_, err := time.Parse("2006-01-02", s)
		return err == nil
	}
	oldDateTime := func(s string) bool {
		_, err := parseDateTime(s)
		return err == nil
	}
	cases := []struct {
		name     string
		got, old func(string) bool
		alphabet string
		seeds    []string
	}{
		{"uuid", validUUID, uuidRe.MatchString, "0123456789abcdefABCDEFgG-", []string{"123e4567-e89b-12d3-a456-426614174000"}},
		{"date", validDate, oldDate, "0123456789-/", []string{"2020-02-29", "2021-02-28", "2000-02-29", "1900-02-28", "0000-02-29", "2021-12-31", "2021-04-30"}},
		{"date-time", validDateTime, oldDateTime, "0123456789-:TtZz.+ ", []string{
			"2021-06-01T12:30:45Z", "2021-06-01t12:30:45.123456789z", "1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00",
			"2020-02-29T00:00:00+23:59", "2021-04-30T10:00:00.5-00:30", "0000-02-29T01:02:03Z",
		}},
		{"duration", validDuration, durationRe.MatchString, "PTYMWDHS0123456789", []string{"P1Y2M3DT4H5M6S", "P1W", "PT1M", "P1M2D", "PT1H2M", "P12D"}},
	}
	r := rand.New(rand.NewSource(11))
	for _, tc := range cases {
		check := func(s string) {
			if got, want := tc.got(s), tc.old(s); got != want {
				t.Errorf("%s %q: %v, the former check says %v", tc.name, s, got, want)
			}
		}
		for _, s := range tc.seeds {
			check(s)
			for i := 0; i < 20000; i++ {
				check(mutate(r, s, tc.alphabet))
			}
		}
		for i := 0; i < 50000; i++ {
			check(randomFrom(r, tc.alphabet, 40))
		}
	}
}

// TestParseTimeBytes: the fast path of decodeTime gives what parseDateTime gives, or declines,
// in UTC and in a local zone of its own.
func TestParseTimeBytes(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("test", -5*3600)} {
		time.Local = loc
		testParseTimeBytes(t)
	}
}

func testParseTimeBytes(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	seeds := []string{"2021-06-01T12:30:45Z", "2021-06-01t12:30:45.123456789z", "1998-12-31T23:59:60Z", "2020-02-29T00:00:00.1Z",
		"2021-04-31T10:00:00Z", "2021-06-01T12:30:45.1234567891Z", "9999-12-31T23:59:59.999999999Z", "2021-06-01T12:30:45+00:00",
		"2021-06-01T12:30:45.123-05:00", "2021-06-01T12:30:45-05:30", "2021-06-01T12:30:45.999999+23:59", "0001-01-01T00:30:00+01:00"}
	fast := 0
	for _, s := range seeds {
		for i := 0; i < 20000; i++ {
			v := s
			if i > 0 {
				v = mutate(r, s, "0123456789-:TtZz.+")
			}
			got, ok := parseTimeBytes([]byte(v))
			if !ok {
				continue
			}
			fast++
			want, err := parseDateTime(v)
			gn, go_ := got.Zone()
			wn, wo := want.Zone()
			if err != nil || !got.Equal(want) || gn != wn || go_ != wo || got.Location().String() != want.Location().String() ||
				(got.Location() == time.Local) != (want.Location() == time.Local) || got.Format(time.RFC3339Nano) != want.Format(time.RFC3339Nano) {
				t.Errorf("parseTimeBytes(%q) = %v, parseDateTime gives %v, %v", v, got, want, err)
			}
		}
	}
	if fast < 1000 {
		t.Errorf("only %d strings took the fast path", fast)
	}
}
