package runtime

// validUUID checks an RFC 4122 (section 3) UUID: 32 hex digits in groups of 8-4-4-4-12.
func validUUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	var bad byte
	for _, g := range [...]string{s[0:8], s[9:13], s[14:18], s[19:23], s[24:36]} {
		for i := 0; i < len(g); i++ {
			bad |= notHex[g[i]]
		}
	}
	return bad == 0
}

// notHex is 1 for the bytes that are not hex digits.
var notHex = func() (t [256]byte) {
	for c := range t {
		if !isHex(byte(c)) {
			t[c] = 1
		}
	}
	return t
}()

// validDate checks an RFC 3339 full-date: yyyy-mm-dd naming a day of the Gregorian calendar.
func validDate(s string) bool {
	return len(s) == 10 && fmtDigits(s[0:4]) && s[4] == '-' && fmtDigits(s[5:7]) && s[7] == '-' &&
		fmtDigits(s[8:10]) && validDay(fmtNum4(s[0:4]), fmtNum2(s[5:7]), fmtNum2(s[8:10]))
}

// validDateTime checks an RFC 3339 date-time, as parseDateTime accepts it, without parsing.
func validDateTime(s string) bool {
	return rfc3339Shape(s) && validFullTime(s[11:]) && validDay(fmtNum4(s[0:4]), fmtNum2(s[5:7]), fmtNum2(s[8:10]))
}

// validDay reports whether month m (1 to 12) of year y has a day d.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	n := 31
	switch m {
	case 4, 6, 9, 11:
		n = 30
	case 2:
		n = 28
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			n = 29
		}
	}
	return d <= n
}

func fmtNum4(s string) int { return fmtNum2(s[0:2])*100 + fmtNum2(s[2:4]) }

// validDuration checks the duration of RFC 3339, appendix A: P and either weeks (nW), or a date
// part and an optional time part (T), or a time part; a part lists its units in order (Y M D,
// H M S), each an ASCII number, and may leave units out only at its ends (P1Y2D and PT1H2S
// are not durations).
func validDuration(s string) bool {
	if len(s) < 3 || s[0] != 'P' {
		return false
	}
	rest := s[1:]
	if n := leadingDigits(rest); n > 0 && n < len(rest) && rest[n] == 'W' {
		return n+1 == len(rest)
	}
	rest, date := durationRun(rest, "YMD")
	if rest == "" {
		return date
	}
	if rest[0] != 'T' {
		return false
	}
	rest, tm := durationRun(rest[1:], "HMS")
	return tm && rest == ""
}

// durationRun reads the components of a duration part whose units are consecutive letters of
// units, and returns the rest; ok when there is at least one and they are in order.
func durationRun(s, units string) (rest string, ok bool) {
	last, count := -1, 0
	for {
		n := leadingDigits(s)
		if n == 0 || n == len(s) {
			return s, count > 0
		}
		u := -1
		for k := 0; k < len(units); k++ {
			if units[k] == s[n] {
				u = k
			}
		}
		if u < 0 {
			return s, count > 0
		}
		if count > 0 && u != last+1 {
			return s, false
		}
		last, count, s = u, count+1, s[n+1:]
	}
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
