package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/scores"
)

// How a score written as a word was read (WordScore.From).
const (
	// WordGiven is the teacher's word (--words).
	WordGiven = "your --words"
	// WordLabel is a label of the continuum's scale.
	WordLabel = "the scale's label"
	// WordGuessed is a guess from the words gradebooks write.
	WordGuessed = "guessed"
	// WordPlusMinus is a point with a + or a -: the half point beside it
	// when the scale has one, else the point itself.
	WordPlusMinus = "a point with + or -"
	// WordUnknown is a word nothing says the worth of: its scores are refused.
	WordUnknown = "unknown"
)

// WordScore is a score written as a word, a letter or a point with + or
// -, and the point of the scale it is read as.
type WordScore struct {
	// Word is the score as the file first writes it: "M", "Proficient", "3+".
	Word string
	// Value is the scale point it is read as (when Known).
	Value float64
	// Label is that point's label on the scale.
	Label string
	// From says how it was read: WordGiven, WordLabel, WordGuessed (with
	// the rank: "guessed: mastery"), WordPlusMinus or WordUnknown.
	From string
	// Known is false when nothing says what it is worth: its scores are refused.
	Known bool
	// Cells counts the scores written so.
	Cells int
	// Place is the first cell written so.
	Place scores.Place
}

// String says how the word is read: "M → 3 Proficient (guessed: mastery), 120 scores".
func (w WordScore) String() string {
	n := continuum.Plural(w.Cells, "score", "scores")
	if !w.Known {
		return fmt.Sprintf("%s → ? (not a score this program can read; give it a point with --words), %s", w.Word, n)
	}
	return fmt.Sprintf("%s → %s %s (%s), %s", w.Word, continuum.FormatScore(w.Value), w.Label, w.From, n)
}

// ParseWords reads the --words flag: WORD=POINT pairs separated by
// commas (or semicolons), each point a value or a label of the scale:
// "M=3,J=2,A=4,NC=1", "Meets=Proficient".
func ParseWords(s string) (map[string]string, error) {
	return parsePairs(s, "WORD=POINT, e.g. M=3,J=2,A=4,NC=1")
}

// ParseMatch reads the --match flag: NAME=ID pairs saying which stored
// student (by ID) a student of the file (by name or ID) is, separated by
// commas, or by semicolons when names hold commas: "Ana Lopez=S014".
func ParseMatch(s string) (map[string]string, error) {
	return parsePairs(s, `NAME=ID, e.g. "Ana Lopez=S014;Lopez, Jo=S020"`)
}

// parsePairs reads KEY=VALUE pairs separated by semicolons, or by commas
// when there is no semicolon.
func parsePairs(s, expect string) (map[string]string, error) {
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	}
	m := map[string]string{}
	for _, pair := range strings.Split(s, sep) {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, continuum.Invalidf("", "%q is not a pair; expected %s", strings.TrimSpace(pair), expect)
		}
		m[k] = v
	}
	return m, nil
}

// teacherWords reads the teacher's words against the scale: each point
// must be a value or label of it.
func teacherWords(words map[string]string, scale continuum.Scale) (map[string]float64, error) {
	out := make(map[string]float64, len(words))
	for w, point := range words {
		v, err := scale.ParseScore(point)
		if err != nil {
			var ce *continuum.Error
			if errors.As(err, &ce) {
				err = errors.New(ce.Message)
			}
			return nil, continuum.Invalidf("", "%s=%s: %v", w, point, err)
		}
		out[foldText(w)] = v
	}
	return out, nil
}

// checkMatch checks that the teacher's --match names stored students.
func checkMatch(match map[string]string, roster []continuum.Student) error {
	for name, id := range match {
		if !slices.ContainsFunc(roster, func(s continuum.Student) bool { return s.ID == id }) {
			return continuum.NotFoundf("", "%s=%s: no student on your roster has the ID %s", name, id, id)
		}
	}
	return nil
}

// scoreValue is what a score's text is worth.
type scoreValue struct {
	value   float64
	ok      bool
	word    int    // index in ScoresPlan.Words; -1 for a plain number
	rounded bool   // a number between the scale's points, rounded (Canvas)
	why     string // why it is not a score, when !ok and word < 0
}

// valueOf reads a score's text against the scale: the teacher's words
// first, then a number on the scale (a Canvas rollup between points
// rounded to the nearest, halves down), a point with + or -, a label of
// the scale, a word gradebooks write; words are added to sp.Words.
func (b *scoresBook) valueOf(text string, pl scores.Place) scoreValue {
	scale := b.book.Continuum.Scale
	key := foldText(text)
	if v, ok := b.given[key]; ok {
		return b.word(text, pl, v, WordGiven)
	}
	if v, err := strconv.ParseFloat(strings.Replace(key, ",", ".", 1), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		if _, on := scale.Point(v); on {
			return scoreValue{value: v, ok: true, word: -1}
		}
		if b.canvas && len(scale.Points) > 0 && v >= scale.Min() && v <= scale.Max() {
			return scoreValue{value: nearestPoint(scale, v), ok: true, word: -1, rounded: true}
		}
		return scoreValue{word: -1, why: fmt.Sprintf("%s is off the scale; expected one of %s", text, scaleList(scale))}
	}
	if v, ok := plusMinus(key, scale); ok {
		return b.word(text, pl, v, WordPlusMinus)
	}
	for _, p := range scale.Points {
		if foldText(p.Label) == key {
			return b.word(text, pl, p.Value, WordLabel)
		}
	}
	if r, ok := scores.WordRank(key); ok && len(scale.Points) > 0 {
		return b.word(text, pl, rankPoint(scale, r), WordGuessed+": "+r.String())
	}
	b.plan.Words = append(b.plan.Words, WordScore{Word: text, From: WordUnknown, Place: pl})
	return scoreValue{word: len(b.plan.Words) - 1}
}

// word records a word read as point v, and returns its value.
func (b *scoresBook) word(text string, pl scores.Place, v float64, from string) scoreValue {
	p, _ := b.book.Continuum.Scale.Point(v)
	b.plan.Words = append(b.plan.Words, WordScore{Word: text, Value: v, Label: p.Label, From: from, Known: true, Place: pl})
	return scoreValue{value: v, ok: true, word: len(b.plan.Words) - 1}
}

// plusMinus reads "3+" as 3.5 and "3-" as 2.5 when the scale has those
// half points, else as 3.
func plusMinus(key string, scale continuum.Scale) (float64, bool) {
	if len(key) < 2 || (key[len(key)-1] != '+' && key[len(key)-1] != '-') {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.Replace(key[:len(key)-1], ",", ".", 1)), 64)
	if err != nil {
		return 0, false
	}
	if _, on := scale.Point(v); !on {
		return 0, false
	}
	half := v + 0.5
	if key[len(key)-1] == '-' {
		half = v - 0.5
	}
	if _, on := scale.Point(half); on {
		return half, true
	}
	return v, true
}

// rankPoint is the scale point of a rank: the lowest, the highest point
// below the cut, the lowest at or above it, the highest.
func rankPoint(s continuum.Scale, r scores.Rank) float64 {
	pts := s.Points
	meets := slices.IndexFunc(pts, func(p continuum.ScalePoint) bool { return s.Mastered(p.Value) })
	if meets < 0 {
		meets = len(pts) - 1
	}
	switch r {
	case scores.RankLowest:
		return pts[0].Value
	case scores.RankApproaching:
		return pts[max(meets-1, 0)].Value
	case scores.RankMeets:
		return pts[meets].Value
	}
	return pts[len(pts)-1].Value
}

// nearestPoint is the scale point nearest v, the lower of two as near.
func nearestPoint(s continuum.Scale, v float64) float64 {
	best := s.Points[0].Value
	for _, p := range s.Points[1:] {
		if math.Abs(p.Value-v) < math.Abs(best-v)-1e-9 {
			best = p.Value
		}
	}
	return best
}

// scaleList writes a scale's points: "1 Beginning, 2 Developing, 3 Proficient, 4 Extending".
func scaleList(s continuum.Scale) string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, ", ")
}

// sortWords orders the words by the point they are read as, unknown ones
// last, and remaps the values' indices.
func (b *scoresBook) sortWords() {
	ws := b.plan.Words
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, c := ws[i], ws[j]
		if a.Known != c.Known {
			if a.Known {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Value, c.Value), strings.Compare(foldText(a.Word), foldText(c.Word)))
	})
	sorted := make([]WordScore, len(ws))
	at := make([]int, len(ws))
	for k, i := range order {
		sorted[k], at[i] = ws[i], k
	}
	b.plan.Words = sorted
	for text, v := range b.values {
		if v.word >= 0 {
			v.word = at[v.word]
			b.values[text] = v
		}
	}
}
