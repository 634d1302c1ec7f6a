package widgets

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
)

// FitText returns text cut to width at size and style, ending in "…"
// when it is cut, so that nothing is cut off without a sign; "" when not
// even the ellipsis fits.
func FitText(text string, size float32, style fyne.TextStyle, width float32) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	rs := []rune(text)
	for len(rs) > 0 {
		rs = rs[:len(rs)-1]
		cut := strings.TrimRightFunc(string(rs), unicode.IsSpace) + "…"
		if fyne.MeasureText(cut, size, style).Width <= width {
			return cut
		}
	}
	return ""
}

// ShortenWords returns text cut to at most n runes at the end of a word,
// ending in "…" when it is cut; a single word longer than n is cut inside.
func ShortenWords(text string, n int) string {
	rs := []rune(text)
	if len(rs) <= n || n < 2 {
		return text
	}
	cut := rs[:n-1]
	if i := lastSpace(cut); i > 0 && !unicode.IsSpace(rs[n-1]) {
		cut = cut[:i]
	}
	return strings.TrimRightFunc(strings.TrimRightFunc(string(cut), unicode.IsSpace), unicode.IsPunct) + "…"
}

func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if unicode.IsSpace(rs[i]) {
			return i
		}
	}
	return -1
}
