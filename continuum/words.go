package continuum

import (
	"fmt"
	"strconv"
)

// Plural counts things in words: "1 target", "36 targets", "1,042
// pieces of evidence", with the thousands separated.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return GroupThousands(n) + " " + many
}

// GroupThousands writes n with its thousands separated: "1,042".
func GroupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ByteSize says a file's size for people, in decimal units: "980 bytes",
// "812 KB", "2.4 MB", "1.2 GB".
func ByteSize(n int64) string {
	switch {
	case n < 1000:
		return Plural(int(n), "byte", "bytes")
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}
