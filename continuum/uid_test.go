package continuum

import (
	"strings"
	"testing"
)

// TestNewUIDFormat: the UIDs NewUID mints are version-4 UUIDs in
// lower-case 8-4-4-4-12 form, all different, across more than one read
// of random bytes.
func TestNewUIDFormat(t *testing.T) {
	seen := map[string]bool{}
	for i := range 1000 { // 16,000 random bytes: four reads
		id := NewUID()
		if len(id) != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-' {
			t.Fatalf("UID %d is %q, not 8-4-4-4-12 hexadecimal", i, id)
		}
		if id[14] != '4' || !strings.ContainsRune("89ab", rune(id[19])) {
			t.Fatalf("UID %d is %q: not version 4 with the RFC 4122 variant", i, id)
		}
		if strings.Trim(strings.ReplaceAll(id, "-", ""), "0123456789abcdef") != "" {
			t.Fatalf("UID %d is %q: not lower-case hexadecimal", i, id)
		}
		if seen[id] {
			t.Fatalf("UID %d, %q, was given before", i, id)
		}
		seen[id] = true
	}
}

// TestFormatUID: the version and variant bits are set over whatever the
// bytes held, and the bytes are written in order.
func TestFormatUID(t *testing.T) {
	var b [16]byte
	for i := range b {
		b[i] = 0xff
	}
	if got, want := FormatUID(b, 5), "ffffffff-ffff-5fff-bfff-ffffffffffff"; got != want {
		t.Errorf("FormatUID(all ones, 5) = %s, want %s", got, want)
	}
	for i := range b {
		b[i] = byte(i)
	}
	if got, want := FormatUID(b, 4), "00010203-0405-4607-8809-0a0b0c0d0e0f"; got != want {
		t.Errorf("FormatUID(0…15, 4) = %s, want %s", got, want)
	}
}
