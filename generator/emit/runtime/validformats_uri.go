package runtime

// plainURI reports whether v is scheme://host/path with only letters, digits and -._~ in the
// host and path (no port, user, query, fragment or escape): such a URI is valid for url.Parse,
// absolute and free of the characters the uri format rejects, so no parse is needed.
func plainURI(v string) bool {
	i := 0
	for i < len(v) && (v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z' || i > 0 && (isDigit(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.')) {
		i++
	}
	if i == 0 || len(v) < i+4 || v[i:i+3] != "://" {
		return false
	}
	i += 3
	host := i
	for i < len(v) && v[i] != '/' {
		if uriByte[v[i]]&2 == 0 {
			return false
		}
		i++
	}
	if i == host {
		return false
	}
	// The path, eight bytes at a time: every allowed byte has bit 0.
	for ; i+8 <= len(v); i += 8 {
		if uriByte[v[i]]&uriByte[v[i+1]]&uriByte[v[i+2]]&uriByte[v[i+3]]&uriByte[v[i+4]]&uriByte[v[i+5]]&uriByte[v[i+6]]&uriByte[v[i+7]] == 0 {
			return false
		}
	}
	for ; i < len(v); i++ {
		if uriByte[v[i]] == 0 {
			return false
		}
	}
	return true
}

// uriByte classes the bytes of plainURI: 3 for letters, digits, '-' and '.' (host and path),
// 1 for '_', '~' and '/' (path only), 0 for the others.
var uriByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.':
			t[c] = 3
		case c == '_' || c == '~' || c == '/':
			t[c] = 1
		}
	}
	return t
}()
