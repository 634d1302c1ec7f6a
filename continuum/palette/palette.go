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
	// NeedsEvidence fills a "not yet" whose value meets the cut while the
	// target needs more evidence: a lemon yellow between the amber of not
	// yet and the green of mastered, so it reads as "almost".
	NeedsEvidence = color.NRGBA{R: 0xf0, G: 0xdc, B: 0x5a, A: 0xff}

	// notYetLow and notYetHigh span values below the cut, from the lowest
	// point of the scale to just under the cut.
	notYetLow  = color.NRGBA{R: 0xf6, G: 0xc9, B: 0xb4, A: 0xff}
	notYetHigh = color.NRGBA{R: 0xf2, G: 0xa9, B: 0x3b, A: 0xff}
	// masteredLow and masteredHigh span values from the cut to the top of the scale.
	masteredLow  = color.NRGBA{R: 0xa8, G: 0xd5, B: 0xa2, A: 0xff}
	masteredHigh = color.NRGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
)

// ForValue returns the shade of a mastery value on scale: shades of amber
// below the cut, darker as the value nears it, and shades of green from
// the cut up, darker towards the top of the scale. It colours a value, not
// a judgement: a student's standing is coloured by ForMastery.
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

// Standing is how a picture of the class shows one student on one target:
// the judgement, in the few looks a legend names.
type Standing int

// The standings, in the order a legend shows them.
const (
	// StandingNotYet: not mastered, below the cut or with no result from the method yet.
	StandingNotYet Standing = iota
	// StandingNeedsEvidence: not yet; the evidence meets the cut but the
	// target needs more demonstrations than there are.
	StandingNeedsEvidence
	// StandingMastered: mastered, by the evidence or by a teacher's override.
	StandingMastered
	// StandingNoEvidence: nothing recorded and nothing decided.
	StandingNoEvidence
	// StandingPlaced: mastered by placement (below the student's starting level, no evidence).
	StandingPlaced
)

// StandingOf reads a judgement: what decided it (override, placement,
// the method's value against the cut, the demonstrations required). It
// is the one place a picture of the class asks how a student stands.
func StandingOf(m continuum.Mastery, scale *continuum.Scale) Standing {
	switch {
	case m.Source == continuum.FromPlacement:
		return StandingPlaced
	case m.Mastered:
		return StandingMastered
	case m.NeedsMoreEvidence(scale):
		return StandingNeedsEvidence
	case m.Source == continuum.FromEvidence && m.Count == 0:
		return StandingNoEvidence
	}
	return StandingNotYet
}

// ForMastery returns the fill of one student's standing on one target,
// from the judgement (StandingOf): green shades when mastered, amber shades
// when not yet, NeedsEvidence when the value meets the cut but more
// evidence is needed, NoEvidence and Placement. An override keeps the
// colour of what it decided, not of the value. Every picture of the class
// (the app's maps, the PNG, the workbook) colours through it.
func ForMastery(m continuum.Mastery, scale *continuum.Scale) color.NRGBA {
	switch StandingOf(m, scale) {
	case StandingPlaced:
		return Placement
	case StandingNoEvidence:
		return NoEvidence
	case StandingNeedsEvidence:
		return NeedsEvidence
	case StandingMastered:
		if !m.HasValue {
			return masteredLow
		}
		return ForValue(max(m.Value, scale.Cut), scale)
	}
	switch {
	case !m.HasValue && m.Source == continuum.FromOverride:
		return notYetHigh
	case !m.HasValue:
		return notYetLow
	}
	return ForValue(min(m.Value, scale.Cut-0.01), scale)
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
	// Standing is the standing the entry stands for.
	Standing Standing
}

// NeedsEvidenceLabel is the legend's words for StandingNeedsEvidence.
const NeedsEvidenceLabel = "Not yet: meets the cut, needs more evidence"

// Key returns the legend of a class map on scale: each scale point's
// colour with its label, then "not yet: more evidence needed", no
// evidence, override and placement.
func Key(scale *continuum.Scale) []Legend {
	var out []Legend
	for _, p := range scale.Points {
		label := continuum.FormatScore(p.Value) + " " + p.Label
		standing := StandingNotYet
		if scale.Mastered(p.Value) {
			label += " (mastered)"
			standing = StandingMastered
		}
		out = append(out, Legend{Label: label, Color: ForValue(p.Value, scale), Standing: standing})
	}
	return append(out,
		Legend{Label: NeedsEvidenceLabel, Color: NeedsEvidence, Standing: StandingNeedsEvidence},
		Legend{Label: "No evidence", Color: NoEvidence, Standing: StandingNoEvidence},
		Legend{Label: "Teacher override", Color: masteredLow, Outlined: true, Standing: StandingMastered},
		Legend{Label: "Placed above it", Color: Placement, Standing: StandingPlaced},
	)
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = max(0, min(1, t))
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 0xff}
}
