package continuum

import (
	"slices"
	"strings"
)

// VisitSubject says what a coach's visit note is about.
type VisitSubject string

// What a visit note can be about.
const (
	// OnContinuum notes concern the continuum as a whole.
	OnContinuum VisitSubject = "continuum"
	// OnTarget notes concern one target, named by its code.
	OnTarget VisitSubject = "target"
	// OnUnit notes concern one unit, named by its title.
	OnUnit VisitSubject = "unit"
	// OnClass notes concern the class, or one group of it named by the group.
	OnClass VisitSubject = "class"
)

// VisitSubjects lists what a note can be about, in menu order.
var VisitSubjects = []VisitSubject{OnContinuum, OnTarget, OnUnit, OnClass}

// ParseVisitSubject reads what a note is about from its word ("Target",
// " unit "); blank means the continuum.
func ParseVisitSubject(s string) (VisitSubject, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" {
		return OnContinuum, nil
	}
	for _, v := range VisitSubjects {
		if k == string(v) {
			return v, nil
		}
	}
	switch k {
	case "group", "students", "class or group":
		return OnClass, nil
	case "learning target", "code":
		return OnTarget, nil
	}
	return "", Invalidf("visit.subject_kind", "%q is not what a visit note can be about; expected continuum, target, unit or class", s)
}

// DefaultLookFors are the look-fors a coach starts with and then edits:
// what to look for on a visit to a competency-based classroom.
var DefaultLookFors = []string{
	"Targets and descriptors are clear to students",
	"Evidence is recent enough to judge mastery",
	"Flex groups match the gaps the evidence shows",
	"Pacing follows the plan, or the plan is adjusted",
}

// VisitNote is one note a coach writes during a visit, on the continuum, a
// target, a unit or the class, against a look-for.
type VisitNote struct {
	// ID identifies the note in the store that keeps it; the store assigns
	// one when it is empty. Workbooks do not carry it.
	ID string `json:"id,omitempty"`
	// Continuum is the ID of the continuum visited.
	Continuum string `json:"continuum"`
	// Date is the day of the visit.
	Date Date `json:"date"`
	// Coach is who wrote the note.
	Coach string `json:"coach,omitempty"`
	// About says what the note concerns.
	About VisitSubject `json:"about"`
	// Subject names it: a target code, a unit title, a group (or blank for
	// the whole class); blank for the continuum.
	Subject string `json:"subject,omitempty"`
	// LookFor is the look-for the note answers, e.g. "Evidence is recent enough".
	LookFor string `json:"look_for,omitempty"`
	// Note is what the coach saw or suggests.
	Note string `json:"note"`
}

// Validate checks the note's own fields: a date, a known subject kind, a
// subject for a note on a target or a unit, and some text. That the target
// or unit exists is for the caller to check against the continuum.
func (n *VisitNote) Validate() error {
	if n.Date.IsZero() {
		return Invalidf("visit.date", "the visit note has no date")
	}
	if !slices.Contains(VisitSubjects, n.About) {
		return Invalidf("visit.subject_kind", "%q is not what a visit note can be about; expected continuum, target, unit or class", n.About)
	}
	subject := strings.TrimSpace(n.Subject)
	switch n.About {
	case OnTarget:
		if subject == "" {
			return Invalidf("visit.subject", "a note on a target names the target's code")
		}
	case OnUnit:
		if subject == "" {
			return Invalidf("visit.subject", "a note on a unit names the unit")
		}
	case OnContinuum:
		if subject != "" {
			return Invalidf("visit.subject", "a note on the continuum names nothing else (found %q); choose target, unit or class", subject)
		}
	}
	if strings.TrimSpace(n.Note) == "" {
		return Invalidf("visit.note", "the visit note on %s is empty", n.describe())
	}
	return nil
}

// describe names what the note is about, for messages.
func (n *VisitNote) describe() string {
	if s := strings.TrimSpace(n.Subject); s != "" {
		return string(n.About) + " " + s
	}
	return "the " + string(n.About)
}

// NotesOn keeps the notes on one target or unit, matched as codes and
// titles are (case and surrounding spaces aside).
func NotesOn(notes []VisitNote, about VisitSubject, subject string) []VisitNote {
	var out []VisitNote
	for _, n := range notes {
		if n.About == about && strings.EqualFold(strings.TrimSpace(n.Subject), strings.TrimSpace(subject)) {
			out = append(out, n)
		}
	}
	return out
}
