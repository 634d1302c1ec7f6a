package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two colours, (L1 + 0.05) /
// (L2 + 0.05) with L the relative luminance of the lighter and darker.
func contrast(a, b color.Color) float64 {
	l1, l2 := luminance(a), luminance(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func TestContrastOfKnownPairs(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if got := contrast(black, white); math.Abs(got-21) > 1e-9 {
		t.Errorf("black on white: %.2f, want 21", got)
	}
	// #767676 on white is the lightest grey that passes AA: 4.54:1.
	if got := contrast(color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, white); math.Abs(got-4.54) > 0.01 {
		t.Errorf("#767676 on white: %.3f, want 4.54", got)
	}
}

// In both variants, placeholder text and ordinary text (which the quiet
// hints use) read at 4.5:1 or better on the window's background and in an
// input field, as WCAG AA asks of text; Fyne's own light placeholder did not.
func TestThemeTextContrast(t *testing.T) {
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for _, text := range []fyne.ThemeColorName{theme.ColorNamePlaceHolder, theme.ColorNameForeground} {
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
				if c := contrast(th.Color(text, v), th.Color(bg, v)); c < 4.5 {
					t.Errorf("variant %d: %s on %s is %.2f:1, want at least 4.5:1", v, text, bg, c)
				}
			}
		}
	}
	if c := contrast(theme.DefaultTheme().Color(theme.ColorNamePlaceHolder, theme.VariantLight),
		theme.DefaultTheme().Color(theme.ColorNameInputBackground, theme.VariantLight)); c >= 4.5 {
		t.Errorf("Fyne's own light placeholder now reads at %.2f:1; the override may no longer be needed", c)
	}
}
