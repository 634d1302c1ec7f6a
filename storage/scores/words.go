package scores

import (
	"strconv"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// noEvidence are the cell texts, folded, that say there is no score:
// left out, never read as a zero.
var noEvidence = map[string]bool{
	"-": true, "--": true, "—": true, "–": true, "n/a": true, "na": true, "none": true,
	"excused": true, "exempt": true, "absent": true, "abs": true, "not assessed": true, "not yet assessed": true,
}

// NoEvidence reports whether a cell's text says there is no score: blank,
// a dash ("-", "—", "–"), "n/a", "excused", "absent", "not assessed".
func NoEvidence(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	return t == "" || noEvidence[t]
}

// Rank is where a word written for a score sits on a proficiency scale,
// whatever its points: the import reads it against the continuum's scale.
type Rank int

// The ranks of score words, lowest first.
const (
	// RankLowest is the scale's lowest point: beginning, not yet, no credit.
	RankLowest Rank = iota + 1
	// RankApproaching is the point just below mastery: developing, approaching.
	RankApproaching
	// RankMeets is the lowest point that is mastery: meets, proficient, mastered.
	RankMeets
	// RankExceeds is the scale's highest point: exceeds, advanced, extending.
	RankExceeds
)

// String names the rank for people.
func (r Rank) String() string {
	switch r {
	case RankLowest:
		return "lowest"
	case RankApproaching:
		return "just below mastery"
	case RankMeets:
		return "mastery"
	case RankExceeds:
		return "highest"
	}
	return "unknown"
}

// rankWords are the words and letters standards-based gradebooks write
// for scores, folded, with their ranks. Letters are read as most such
// gradebooks use them (M meets or mastered, A advanced, J and D just below,
// NC, NY, B, I and N the lowest); a teacher whose letters mean otherwise
// says so, and the import shows every guess before anything is stored.
var rankWords = map[string]Rank{}

func init() {
	add := func(r Rank, words ...string) {
		for _, w := range words {
			rankWords[w] = r
		}
	}
	add(RankLowest, "beginning", "begins", "emerging", "emergent", "not yet", "not yet meeting", "novice", "insufficient", "insufficient evidence",
		"incomplete", "not complete", "no credit", "not met", "does not meet", "does not meet expectations", "below", "below basic", "below standard",
		"well below", "unsatisfactory", "minimal", "limited", "nc", "ny", "ie", "b", "i", "n", "u", "nm", "bb")
	add(RankApproaching, "developing", "approaching", "approaches", "approaching expectations", "progressing", "partial", "partially proficient",
		"partially meets", "nearly", "nearly meets", "basic", "apprentice", "revision needed", "needs revision", "needs improvement",
		"j", "d", "ap", "pm", "r", "p-", "s-", "m-")
	add(RankMeets, "meets", "meet", "meeting", "met", "meets expectations", "meets standard", "proficient", "proficiency", "mastered", "mastery",
		"secure", "achieved", "competent", "satisfactory", "practitioner", "m", "p", "s", "ms", "c")
	add(RankExceeds, "exceeds", "exceeding", "exceeds expectations", "exceeds standard", "extending", "extends", "advanced", "exemplary",
		"distinguished", "expert", "excellent", "a", "e", "ex", "es", "m+", "p+", "s+")
}

// WordRank reads a score written as a word or a letter ("Proficient",
// "M", "NC", "not yet") as a rank on a scale; ok is false for a word it
// does not know.
func WordRank(word string) (Rank, bool) {
	r, ok := rankWords[strings.Join(strings.Fields(strings.ToLower(word)), " ")]
	return r, ok
}

// ScoreLike reports whether a cell's text reads as a score: a number of
// at most 10 (with + or -), a known score word, either with a date in
// brackets, or a mark of no evidence.
func ScoreLike(text string) bool {
	s, _, _, err := splitCell(text)
	if err != nil {
		return false
	}
	if NoEvidence(s) {
		return true
	}
	if _, ok := WordRank(s); ok {
		return true
	}
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimRight(s, "+-"), ",", ".", 1), 64)
	return err == nil && v >= 0 && v <= 10
}

// kindWords are the words gradebooks write for kinds of evidence, folded,
// beyond the kinds' own names.
var kindWords = map[string]continuum.EvidenceKind{
	"quiz": continuum.Formative, "practice": continuum.Formative, "homework": continuum.Formative, "classwork": continuum.Formative,
	"exit ticket": continuum.Formative, "check": continuum.Formative, "check in": continuum.Formative, "warm up": continuum.Formative,
	"test": continuum.Summative, "exam": continuum.Summative, "unit test": continuum.Summative, "final": continuum.Summative,
	"assessment": continuum.Summative, "summative assessment": continuum.Summative,
	"project": continuum.PerformanceTask, "performance": continuum.PerformanceTask, "task": continuum.PerformanceTask, "lab": continuum.PerformanceTask,
	"conference": continuum.Observation, "observed": continuum.Observation, "discussion": continuum.Observation,
	"self": continuum.SelfAssessment, "self assessed": continuum.SelfAssessment, "reflection": continuum.SelfAssessment,
}

// kindOf reads a kind of evidence: its code or label, or a gradebook's
// word for it ("Quiz", "Unit test", "Project"). ok is false when it is
// none of them.
func kindOf(text string) (continuum.EvidenceKind, bool) {
	if k, err := continuum.ParseEvidenceKind(text); err == nil {
		return k, true
	}
	k, ok := kindWords[fold(text)]
	return k, ok
}

// dateLayouts are the written dates read beside ISO and M/D/YYYY.
var dateLayouts = []string{"Jan 2, 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006", "Jan 2 2006", "January 2 2006", "2006/1/2", "Mon, Jan 2, 2006", "Monday, January 2, 2006"}

// parseDate reads a day written in a cell: ISO (2026-09-14), US
// (9/14/2026), or with the month's name (Sep 14, 2026; 14 September 2026).
func parseDate(s string) (continuum.Date, error) {
	s = strings.TrimSpace(s)
	d, err := continuum.ParseDate(s)
	if err == nil {
		return d, nil
	}
	for _, layout := range dateLayouts {
		if t, perr := time.Parse(layout, s); perr == nil {
			d := continuum.DateOf(t)
			if cerr := continuum.CheckDate(d); cerr != nil {
				return continuum.Date{}, cerr
			}
			return d, nil
		}
	}
	return continuum.Date{}, err
}

// cellDate reads a cell as a day: a date cell, or a date written as text.
// A number without a date format is no date.
func cellDate(c workbook.TableCell) (continuum.Date, bool) {
	if c.Number || c.Error {
		return continuum.Date{}, false
	}
	d, err := parseDate(c.Text)
	return d, err == nil
}

// splitCell takes a date in brackets off a score cell: "3 (2026-09-14)"
// gives "3" and the day. hasDate is false when the cell has no brackets;
// err says the brackets hold something that is not a date.
func splitCell(text string) (score string, day continuum.Date, hasDate bool, err error) {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, ")") {
		return t, continuum.Date{}, false, nil
	}
	open := strings.LastIndex(t, "(")
	if open < 0 {
		return t, continuum.Date{}, false, nil
	}
	inner := strings.TrimSpace(t[open+1 : len(t)-1])
	score = strings.TrimSpace(t[:open])
	day, err = parseDate(inner)
	return score, day, true, err
}
