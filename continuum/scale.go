package continuum

import (
	"math"
	"strconv"
	"strings"
)

// ScalePoint is one step of a proficiency scale.
type ScalePoint struct {
	// Value is the score a teacher records, e.g. 3 (half points such as 2.5 are allowed).
	Value float64 `json:"value"`
	// Label is the step's name, e.g. "Proficient".
	Label string `json:"label"`
	// Meaning is a short sentence on what the step means, for students and families.
	Meaning string `json:"meaning,omitempty"`
}

// Scale is the proficiency scale evidence is scored on: ordered points and
// the mastery cut. A calculated value at or above Cut counts as mastered;
// below it is "not yet".
type Scale struct {
	// Points are the steps in increasing order of Value.
	Points []ScalePoint `json:"points"`
	// Cut is the mastery cut: the lowest value that counts as mastered.
	Cut float64 `json:"cut"`
}

// DefaultScale returns the four-point scale 1 Beginning, 2 Developing,
// 3 Proficient, 4 Extending, with the mastery cut at 3.
func DefaultScale() Scale {
	return Scale{
		Points: []ScalePoint{
			{1, "Beginning", "With help, shows partial understanding of the simpler parts."},
			{2, "Developing", "Shows the simpler parts on their own; the target itself is not yet secure."},
			{3, "Proficient", "Shows the target fully and independently: mastery."},
			{4, "Extending", "Goes beyond the target: applies it in new, more complex situations."},
		},
		Cut: 3,
	}
}

// Validate checks that the scale has at least two points in strictly
// increasing order with labels, and a cut within its range.
func (s *Scale) Validate() error {
	if len(s.Points) < 2 {
		return Invalidf("scale.points", "a scale needs at least two points, it has %d", len(s.Points))
	}
	for i, p := range s.Points {
		if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			return Invalidf("scale.points", "point %d has no numeric value", i+1)
		}
		if strings.TrimSpace(p.Label) == "" {
			return Invalidf("scale.points", "point %s has no label", FormatScore(p.Value))
		}
		if i > 0 && p.Value <= s.Points[i-1].Value {
			return Invalidf("scale.points", "values must increase: %s follows %s", FormatScore(p.Value), FormatScore(s.Points[i-1].Value))
		}
	}
	if s.Cut <= s.Min() || s.Cut > s.Max() {
		return Invalidf("scale.cut", "mastery cut %s must be above the lowest point %s and at most the highest %s",
			FormatScore(s.Cut), FormatScore(s.Min()), FormatScore(s.Max()))
	}
	return nil
}

// Min returns the lowest value on the scale.
func (s *Scale) Min() float64 { return s.Points[0].Value }

// Max returns the highest value on the scale.
func (s *Scale) Max() float64 { return s.Points[len(s.Points)-1].Value }

// Point returns the scale point with exactly value v.
func (s *Scale) Point(v float64) (ScalePoint, bool) {
	for _, p := range s.Points {
		if p.Value == v {
			return p, true
		}
	}
	return ScalePoint{}, false
}

// Mastered reports whether a calculated value meets the mastery cut.
// Values are compared after rounding to 1e-9 so that 2.9999999999 from a
// floating-point mean still counts as 3.
func (s *Scale) Mastered(v float64) bool { return v >= s.Cut-1e-9 }

// ParseScore reads a score typed by a teacher: the point's value ("3",
// "2.5", "3,0") or its label, case-insensitively ("proficient"), and checks
// it is on the scale.
func (s *Scale) ParseScore(text string) (float64, error) {
	t := strings.TrimSpace(text)
	if v, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64); err == nil {
		if _, ok := s.Point(v); ok {
			return v, nil
		}
	} else {
		for _, p := range s.Points {
			if strings.EqualFold(p.Label, t) {
				return p.Value, nil
			}
		}
	}
	return 0, Invalidf("evidence.score", "%q is not on the scale; expected one of %s", text, s.describe())
}

func (s *Scale) describe() string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, ", ")
}

// FormatScore writes a score with no trailing zeros: 3, 2.5, 3.48.
func FormatScore(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// Range writes the scale's span as people read it, lowest to highest:
// "1–4"; "" for a scale with no points.
func (s *Scale) Range() string {
	if len(s.Points) == 0 {
		return ""
	}
	return FormatScore(s.Min()) + "–" + FormatScore(s.Max())
}
