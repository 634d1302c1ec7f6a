package widgets

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
)

// FitText returns text cut to width at size and style, ending in "…"
// when it is cut, so that nothing is cut off without a sign; "" when not
// even the ellipsis fits. The longest start that fits is found by halving
// (a start is no narrower than a shorter one), so a long line cut short
// costs a few measures, not one per character dropped.
func FitText(text string, size float32, style fyne.TextStyle, width float32) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	rs := []rune(text)
	cut := func(n int) string { return strings.TrimRightFunc(string(rs[:n]), unicode.IsSpace) + "…" }
	fits := func(n int) bool { return fyne.MeasureText(cut(n), size, style).Width <= width }
	if !fits(0) {
		return ""
	}
	lo, hi := 0, len(rs)-1 // fits(lo); the longest start that fits is in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(lo)
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
