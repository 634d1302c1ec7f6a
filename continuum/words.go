package continuum

import "strconv"

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
