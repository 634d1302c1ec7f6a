package continuum

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Footprint counts what a store keeps about one student: what removing
// them takes along, besides the student's own record (with their starting
// levels).
type Footprint struct {
	// Evidence is how many pieces of evidence they have, in every continuum.
	Evidence int
	// Overrides is how many of their mastery overrides there are, in every continuum.
	Overrides int
	// FlexPlaces is how many flex-block places they are assigned, in every continuum.
	FlexPlaces int
	// CalibrationScores is how many calibration scores are of a work sample
	// that names them (Student.NamedIn), or carry a note that does.
	CalibrationScores int
	// VisitNotes is how many visit notes name them (Student.NamedIn).
	VisitNotes int
}

// Total is how many records the footprint counts.
func (f Footprint) Total() int {
	return f.Evidence + f.Overrides + f.FlexPlaces + f.CalibrationScores + f.VisitNotes
}

// Phrase lists what the footprint counts for a sentence, leaving out what
// there is none of: "42 pieces of evidence, 3 overrides, 2 flex places,
// 5 calibration scores and 1 visit note about them"; "" for nothing.
func (f Footprint) Phrase() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, Plural(n, one, many))
		}
	}
	add(f.Evidence, "piece of evidence", "pieces of evidence")
	add(f.Overrides, "override", "overrides")
	add(f.FlexPlaces, "flex place", "flex places")
	add(f.CalibrationScores, "calibration score", "calibration scores")
	add(f.VisitNotes, "visit note", "visit notes")
	if len(parts) == 0 {
		return ""
	}
	s := parts[len(parts)-1]
	if len(parts) > 1 {
		s = strings.Join(parts[:len(parts)-1], ", ") + " and " + s
	}
	if f.CalibrationScores > 0 || f.VisitNotes > 0 {
		s += " about them"
	}
	return s
}

// NamedIn reports whether text names the student: their full name, in any
// case and with any spacing, or their ID (as written, unless it is only
// digits, which text holds for other reasons), each as whole words. A
// calibration sample called "Ana Lopez essay" or a visit note saying "S014
// was stuck" names the student; "Lopezville" does not name Lopez.
func (s *Student) NamedIn(text string) bool {
	if name := strings.Join(strings.Fields(strings.ToLower(s.Name)), " "); name != "" {
		if hasWord(strings.Join(strings.Fields(strings.ToLower(text)), " "), name) {
			return true
		}
	}
	id := strings.TrimSpace(s.ID)
	if id == "" || strings.IndexFunc(id, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return false
	}
	return hasWord(text, id)
}

// hasWord reports whether w occurs in text with no letter or digit
// touching it on either side.
func hasWord(text, w string) bool {
	for from := 0; from <= len(text)-len(w); {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
