package standards

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasNoComment is the label Canvas gives a rating tier without a
// description (LearningOutcome#rubric_criterion=).
const canvasNoComment = "No Comment"

// canvasDefaultScale is the scale Canvas gives a new outcome whose row
// gives no ratings (LearningOutcome.default_rubric_criterion): 5 Exceeds
// Expectations, 3 Meets Expectations, 0 Does Not Meet Expectations, with
// mastery at 3, or at the row's mastery_points when that is a point above 0.
func canvasDefaultScale(mastery string) *continuum.Scale {
	s := &continuum.Scale{Points: []continuum.ScalePoint{
		{Value: 0, Label: "Does Not Meet Expectations"},
		{Value: 3, Label: "Meets Expectations"},
		{Value: 5, Label: "Exceeds Expectations"},
	}, Cut: 3}
	if v, ok := canvasNumber(mastery); ok && v > 0 && v <= 5 {
		s.Cut = v
	}
	return s
}

// canvasNumber reads points as Canvas writes them in any locale: "3",
// "2.5", "2,5", "1,000.5". A number with both a comma and a point takes
// the last as the decimal separator and drops the other; a comma alone is
// a decimal comma. No exponent, infinity or NaN.
func canvasNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	comma, point := strings.LastIndex(s, ","), strings.LastIndex(s, ".")
	switch {
	case comma >= 0 && point > comma:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0 && point >= 0:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0 && strings.Count(s, ",") == 1:
		s = strings.Replace(s, ",", ".", 1)
	}
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(digits, ".")
	if (whole == "" && frac == "") || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// readRatings reads an outcome's rating tiers and mastery points into a
// scale. Tiers that cannot be read, fewer than two tiers, or points that
// repeat give a warning and, for the first two, no scale (nil).
func (r *canvasReader) readRatings(row canvasRow, key string, cells []string) *continuum.Scale {
	at := func(i int) framework.Place {
		return framework.Place{Row: row.num, Column: canvasColumnName(r.h.ratings + i), Field: "ratings"}
	}
	s := &continuum.Scale{}
	rising := false
	for i := 0; i < len(cells); i += 2 {
		tier := i/2 + 1
		text := strings.TrimSpace(cells[i])
		v, ok := canvasNumber(text)
		if !ok {
			what := fmt.Sprintf("%q is not a number", text)
			if text == "" {
				what = "has no points"
			}
			r.warn(at(i), "outcome %s: rating tier %d %s; expected points then a description for each tier, so its ratings are left out", key, tier, what)
			return nil
		}
		label := canvasNoComment
		if i+1 < len(cells) && strings.TrimSpace(cells[i+1]) != "" {
			label = strings.TrimSpace(cells[i+1])
		}
		if _, dup := s.Point(v); dup {
			r.warn(at(i), "outcome %s: rating tier %d repeats %s points; the first tier with them is kept", key, tier, continuum.FormatScore(v))
			continue
		}
		if n := len(s.Points); n > 0 && v > s.Points[n-1].Value {
			rising = true
		}
		s.Points = append(s.Points, continuum.ScalePoint{Value: v, Label: label})
	}
	if rising {
		r.warn(at(0), "outcome %s: Canvas expects rating tiers from the highest points down; they are read in order of points", key)
	}
	slices.SortFunc(s.Points, func(a, b continuum.ScalePoint) int { return cmp.Compare(a.Value, b.Value) })
	if len(s.Points) < 2 {
		r.warn(at(0), "outcome %s has %d rating tier; a scale needs at least two, so the outcome takes the file's scale", key, len(s.Points))
		return nil
	}
	s.Cut = r.readCut(row, key, s)
	return s
}

// readCut returns the outcome's mastery cut: its mastery_points, or the
// highest points when it gives none (as Canvas does). A cut at or below
// the lowest tier, or above the highest, is moved inside with a warning.
func (r *canvasReader) readCut(row canvasRow, key string, s *continuum.Scale) float64 {
	text := row.get("mastery_points")
	if text == "" {
		return s.Max()
	}
	v, ok := canvasNumber(text)
	switch {
	case !ok:
		r.warn(row.place("mastery_points"), "outcome %s: mastery_points %q is not a number; mastery is the highest tier, %s, as in Canvas",
			key, text, continuum.FormatScore(s.Max()))
		return s.Max()
	case v > s.Max():
		r.warn(row.place("mastery_points"), "outcome %s: mastery_points %s is above the highest tier; mastery is %s", key, text, continuum.FormatScore(s.Max()))
		return s.Max()
	case v <= s.Min():
		cut := s.Points[1].Value
		r.warn(row.place("mastery_points"), "outcome %s: mastery_points %s is at or below the lowest tier, so every score would count as mastery; mastery is the next tier, %s",
			key, text, continuum.FormatScore(cut))
		return cut
	}
	return v
}

// canvasScaleKey identifies a scale by its points, labels and cut.
func canvasScaleKey(s *continuum.Scale) string {
	var b strings.Builder
	for _, p := range s.Points {
		fmt.Fprintf(&b, "%v\x00%s\x00", p.Value, p.Label)
	}
	fmt.Fprintf(&b, "cut %v", s.Cut)
	return b.String()
}

// sameSteps reports whether two scales have the same points and cut,
// whatever their labels.
func sameSteps(a, b *continuum.Scale) bool {
	if a.Cut != b.Cut || len(a.Points) != len(b.Points) {
		return false
	}
	for i := range a.Points {
		if a.Points[i].Value != b.Points[i].Value {
			return false
		}
	}
	return true
}

// settleScale makes the most common of the outcomes' scales the
// framework's. An outcome whose ratings differ only in their descriptions
// keeps them as descriptors; one whose points or mastery differ keeps its
// scale as its own, and is named in a warning.
func (r *canvasReader) settleScale() {
	if len(r.noRatings) > 0 {
		r.warn(framework.Place{}, "the file gives no ratings for %s; Canvas gives such outcomes its default ratings (5 Exceeds Expectations, 3 Meets Expectations, 0 Does Not Meet Expectations, mastery 3), and so does this import",
			canvasNames("outcome", "outcomes", r.noRatings))
	}
	if !r.anyRatings && len(r.noRatings) == 0 {
		if slices.ContainsFunc(r.entries, func(e canvasEntry) bool { return e.kind == canvasOutcome }) {
			r.warn(framework.Place{}, "the file gives no ratings (Canvas then keeps the mastery scale in the account's settings); the continuum takes the default scale, so check it matches Canvas's")
		}
		return
	}
	counts := map[string]int{}
	keys := make([]string, len(r.entries))
	var order []int
	for i, e := range r.entries {
		if e.scale == nil {
			continue
		}
		keys[i] = canvasScaleKey(e.scale)
		if counts[keys[i]] == 0 {
			order = append(order, i)
		}
		counts[keys[i]]++
	}
	if len(order) == 0 {
		return
	}
	best := order[0]
	for _, i := range order[1:] {
		if counts[keys[i]] > counts[keys[best]] {
			best = i
		}
	}
	fs := *r.entries[best].scale
	fs.Points = slices.Clone(fs.Points)
	r.fw.Scale = &fs
	r.keepOwnScales(&fs, keys, keys[best])
}

// keepOwnScales sets the descriptors or the own scale of each outcome
// whose ratings differ from the framework's scale fs, whose key is fsKey;
// keys are the entries' scale keys.
func (r *canvasReader) keepOwnScales(fs *continuum.Scale, keys []string, fsKey string) {
	var differ []string
	for i, e := range r.entries {
		if e.scale == nil || keys[i] == fsKey {
			continue
		}
		it := &r.fw.Items[e.item]
		if sameSteps(e.scale, fs) {
			for i, p := range e.scale.Points {
				if p.Label != fs.Points[i].Label {
					it.Descriptors = append(it.Descriptors, continuum.Descriptor{Value: p.Value, Text: p.Label})
				}
			}
			continue
		}
		own := *e.scale
		it.Scale = &own
		differ = append(differ, it.Key)
	}
	if len(differ) > 0 {
		r.warn(framework.Place{}, "the ratings of %s differ from the others', whose scale (%s, mastery %s) the continuum takes",
			canvasNames("outcome", "outcomes", differ), canvasScaleText(fs), continuum.FormatScore(fs.Cut))
	}
}

// canvasScaleText writes a scale's points for a message: "1 Good, 2 Better".
func canvasScaleText(s *continuum.Scale) string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, ", ")
}

// canvasNames names records for a message, "outcome c" or "outcomes c, d
// and 3 more", at most ten by name.
func canvasNames(one, many string, keys []string) string {
	if len(keys) == 1 {
		return one + " " + keys[0]
	}
	const most = 10
	if len(keys) <= most {
		return many + " " + strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
	}
	return fmt.Sprintf("%s %s and %d more", many, strings.Join(keys[:most], ", "), len(keys)-most)
}
