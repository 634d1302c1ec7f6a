// Package palette holds the colours that say how a student stands on a
// target, shared by the app's class map, the class-map picture and the
// workbook's Class map sheet so that all three read the same way. It is
// pure Go: colours as image/color values and hexadecimal strings.
package palette

import (
	"fmt"
	"image/color"

	"github.com/continuum-planner/planner/continuum"
)

// The fixed colours.
var (
	// NoEvidence is the colour of a cell with nothing recorded.
	NoEvidence = color.NRGBA{R: 0xe4, G: 0xe6, B: 0xea, A: 0xff}
	// Override outlines (or hatches) a judgement made by the teacher.
	Override = color.NRGBA{R: 0x6a, G: 0x3d, B: 0x9a, A: 0xff}
	// Placement marks a target counted as mastered by the student's starting level.
	Placement = color.NRGBA{R: 0xbf, G: 0xd9, B: 0xea, A: 0xff}

	// notYetLow and notYetHigh span values below the cut, from the lowest
	// point of the scale to just under the cut.
	notYetLow  = color.NRGBA{R: 0xf6, G: 0xc9, B: 0xb4, A: 0xff}
	notYetHigh = color.NRGBA{R: 0xf2, G: 0xa9, B: 0x3b, A: 0xff}
	// masteredLow and masteredHigh span values from the cut to the top of the scale.
	masteredLow  = color.NRGBA{R: 0xa8, G: 0xd5, B: 0xa2, A: 0xff}
	masteredHigh = color.NRGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
)

// ForValue returns the colour of a mastery value on scale: shades of amber
// below the cut, darker as the value nears it, and shades of green from
// the cut up, darker towards the top of the scale.
func ForValue(v float64, scale *continuum.Scale) color.NRGBA {
	lo, hi, cut := scale.Min(), scale.Max(), scale.Cut
	if scale.Mastered(v) {
		if hi <= cut {
			return masteredHigh
		}
		return mix(masteredLow, masteredHigh, (v-cut)/(hi-cut))
	}
	if cut <= lo {
		return notYetHigh
	}
	return mix(notYetLow, notYetHigh, (v-lo)/(cut-lo))
}

// ForMastery returns the fill of one student's standing on one target.
func ForMastery(m continuum.Mastery, scale *continuum.Scale) color.NRGBA {
	switch {
	case m.Source == continuum.FromPlacement:
		return Placement
	case m.Source == continuum.FromOverride && !m.HasValue:
		if m.Mastered {
			return masteredLow
		}
		return notYetHigh
	case m.Source == continuum.FromOverride:
		// An override keeps the colour of what it decided, not of the value.
		if m.Mastered {
			return ForValue(max(m.Value, scale.Cut), scale)
		}
		return ForValue(min(m.Value, scale.Cut-0.01), scale)
	case !m.HasValue && m.Count == 0:
		return NoEvidence
	case !m.HasValue:
		return notYetLow
	}
	return ForValue(m.Value, scale)
}

// Hex writes c as "#RRGGBB".
func Hex(c color.NRGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// Legend is one entry of the key shown beside a class map.
type Legend struct {
	// Label says what the colour means.
	Label string
	// Color is the fill.
	Color color.NRGBA
	// Outlined marks entries drawn with the override outline.
	Outlined bool
}

// Key returns the legend of a class map on scale: each scale point's
// colour with its label, then no evidence, override and placement.
func Key(scale *continuum.Scale) []Legend {
	var out []Legend
	for _, p := range scale.Points {
		label := continuum.FormatScore(p.Value) + " " + p.Label
		if scale.Mastered(p.Value) {
			label += " (mastered)"
		}
		out = append(out, Legend{Label: label, Color: ForValue(p.Value, scale)})
	}
	return append(out,
		Legend{Label: "No evidence", Color: NoEvidence},
		Legend{Label: "Teacher override", Color: masteredLow, Outlined: true},
		Legend{Label: "Placed above it", Color: Placement},
	)
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = max(0, min(1, t))
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 0xff}
}
