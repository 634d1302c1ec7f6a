package continuum

import (
	"strings"
	"time"
)

// Student is a learner on the roster. Students are shared by every
// continuum in a store; their evidence is kept per continuum.
type Student struct {
	// ID is the short identifier used in evidence, e.g. "S014"; unique in
	// a store, case-sensitive. Another store may use it for someone else.
	ID string `json:"id"`
	// UID is the student's identity wherever their records travel (NewUID),
	// minted once by the store that first keeps them; "" until then.
	UID string `json:"uid,omitempty"`
	// Name is the student's name as the teacher writes it.
	Name string `json:"name"`
	// ExternalID is the optional identifier in the school's information system.
	ExternalID string `json:"external_id,omitempty"`
	// Group is the class, section or group the student is in, e.g. "Period 2".
	Group string `json:"group,omitempty"`
	// Grade is the student's grade level as the school's system gives it, e.g. "07".
	Grade string `json:"grade,omitempty"`
	// Inactive marks a student who has left the class (a roster import no
	// longer lists them): kept with their evidence, but out of the class's
	// lists, maps and groupings until they come back.
	Inactive bool `json:"inactive,omitempty"`
	// StartingLevels place the student on a domain when they arrive.
	StartingLevels []StartingLevel `json:"starting_levels,omitempty"`
}

// StartingLevel is the level at which a student starts work on one domain
// of one continuum. Targets below it with no evidence count as mastered by
// placement; evidence on them still decides.
type StartingLevel struct {
	// Continuum is the ID of the continuum.
	Continuum string `json:"continuum"`
	// Domain is the name of the domain.
	Domain string `json:"domain"`
	// Level is the level the student starts at.
	Level string `json:"level"`
}

// StartingLevel returns the student's starting level on a domain, or "".
func (s *Student) StartingLevel(continuumID, domain string) string {
	for _, sl := range s.StartingLevels {
		if sl.Continuum == continuumID && strings.EqualFold(sl.Domain, domain) {
			return sl.Level
		}
	}
	return ""
}

// Validate checks the student has a usable ID and a name.
func (s *Student) Validate() error {
	id := strings.TrimSpace(s.ID)
	if id == "" {
		return Invalidf("student.id", "is empty; every student needs an ID such as S014")
	}
	if !validCode(id) {
		return Invalidf("student.id", "%q cannot be an ID: use up to 64 printable characters without / , or ;", s.ID)
	}
	if strings.TrimSpace(s.Name) == "" {
		return Invalidf("student.name", "student %s has no name", id)
	}
	if s.UID != "" && !validCode(s.UID) {
		return Invalidf("student.uid", "student %s: %q cannot be an identity: use up to 64 printable characters without / , or ;", id, s.UID)
	}
	for _, sl := range s.StartingLevels {
		if sl.Continuum == "" || strings.TrimSpace(sl.Domain) == "" || strings.TrimSpace(sl.Level) == "" {
			return Invalidf("student.starting_levels", "student %s: a starting level needs a continuum, a domain and a level", id)
		}
	}
	return nil
}

// EvidenceKind says how a piece of evidence was gathered.
type EvidenceKind string

// The kinds of evidence.
const (
	// Formative is evidence from practice and checks for understanding.
	Formative EvidenceKind = "formative"
	// Summative is evidence from an assessment at the end of learning.
	Summative EvidenceKind = "summative"
	// PerformanceTask is evidence from a task that applies the target in context.
	PerformanceTask EvidenceKind = "performance-task"
	// Observation is evidence a teacher saw and noted.
	Observation EvidenceKind = "observation"
	// SelfAssessment is the student's own judgement.
	SelfAssessment EvidenceKind = "self-assessment"
)

// EvidenceKinds lists every kind in menu order.
var EvidenceKinds = []EvidenceKind{Formative, Summative, PerformanceTask, Observation, SelfAssessment}

// ParseEvidenceKind reads a kind from its code or a common spelling ("Performance task", "self assessment").
func ParseEvidenceKind(s string) (EvidenceKind, error) {
	for _, e := range EvidenceKinds {
		if string(e) == s { // the common case, as the store and workbooks write it
			return e, nil
		}
	}
	k := kindSpelling.Replace(strings.ToLower(strings.TrimSpace(s)))
	if k == "" {
		return Formative, nil
	}
	for _, e := range EvidenceKinds {
		if string(e) == k {
			return e, nil
		}
	}
	return "", Invalidf("evidence.kind", "%q is not a kind of evidence; expected formative, summative, performance-task, observation or self-assessment", s)
}

// kindSpelling turns the spaces and underscores of a written evidence kind into hyphens.
var kindSpelling = strings.NewReplacer(" ", "-", "_", "-")

// Evidence is one demonstration of learning: a student's score on a target on a day.
type Evidence struct {
	// ID is assigned by the store when the evidence is first recorded; it also orders same-day entries.
	ID uint64 `json:"id"`
	// UID is the evidence's identity wherever it travels (NewUID), minted
	// by the store that first records it; a workbook carries it, so a
	// colleague's correction of the note or score finds the record.
	UID string `json:"uid,omitempty"`
	// Continuum is the ID of the continuum the target belongs to.
	Continuum string `json:"continuum"`
	// Student is the student's ID.
	Student string `json:"student"`
	// Target is the target's code.
	Target string `json:"target"`
	// Date is the day the evidence was gathered.
	Date Date `json:"date"`
	// Score is a point of the continuum's scale.
	Score float64 `json:"score"`
	// Kind says how the evidence was gathered.
	Kind EvidenceKind `json:"kind"`
	// Scorer is who judged it, e.g. the teacher's initials.
	Scorer string `json:"scorer,omitempty"`
	// Note is an optional comment: the task, what was seen, next steps.
	Note string `json:"note,omitempty"`
	// RecordedAt is when the evidence was entered.
	RecordedAt time.Time `json:"recorded_at"`
}

// Validate checks the evidence against its continuum's scale; the store
// checks that the student and target exist.
func (e *Evidence) Validate(c *Continuum) error {
	switch {
	case strings.TrimSpace(e.Student) == "":
		return Invalidf("evidence.student", "is empty; expected a student ID")
	case strings.TrimSpace(e.Target) == "":
		return Invalidf("evidence.target", "is empty; expected a target code")
	case e.Date.IsZero():
		return Invalidf("evidence.date", "is missing; expected the day the evidence was gathered")
	}
	if _, ok := c.Scale.Point(e.Score); !ok {
		return Invalidf("evidence.score", "%s is not on the scale; expected one of %s", FormatScore(e.Score), c.Scale.describe())
	}
	if _, err := ParseEvidenceKind(string(e.Kind)); err != nil {
		return err
	}
	return e.ValidateUID()
}

// ValidateUID checks the evidence's UID, when it has one, can serve as a key.
func (e *Evidence) ValidateUID() error {
	if e.UID != "" && !validCode(e.UID) {
		return Invalidf("evidence.uid", "%q cannot be an identity: use up to 64 printable characters without / , or ;", e.UID)
	}
	return nil
}

// Override is a teacher's judgement on a student's mastery of a target
// that outranks whatever the evidence calculates.
type Override struct {
	// Continuum is the ID of the continuum.
	Continuum string `json:"continuum"`
	// Student is the student's ID.
	Student string `json:"student"`
	// Target is the target's code.
	Target string `json:"target"`
	// Mastered is the judgement: mastered, or not yet.
	Mastered bool `json:"mastered"`
	// Reason says why, e.g. "Showed it fluently in the science project".
	Reason string `json:"reason"`
	// Date is the day of the judgement.
	Date Date `json:"date"`
	// By is who made the judgement.
	By string `json:"by,omitempty"`
}

// Validate checks the override names its student and target, and gives a reason and a date.
func (o *Override) Validate() error {
	switch {
	case strings.TrimSpace(o.Student) == "":
		return Invalidf("override.student", "is empty; expected a student ID")
	case strings.TrimSpace(o.Target) == "":
		return Invalidf("override.target", "is empty; expected a target code")
	case strings.TrimSpace(o.Reason) == "":
		return Invalidf("override.reason", "is empty; an override needs a reason a colleague or family can read")
	case o.Date.IsZero():
		return Invalidf("override.date", "is missing; expected the day of the judgement")
	}
	return nil
}

// Label names the kind of evidence for people: "Performance task".
func (k EvidenceKind) Label() string {
	switch k {
	case Formative:
		return "Formative"
	case Summative:
		return "Summative"
	case PerformanceTask:
		return "Performance task"
	case Observation:
		return "Observation"
	case SelfAssessment:
		return "Self-assessment"
	}
	return string(k)
}

// EvidenceKindLabels lists the kinds' labels in menu order (EvidenceKinds).
func EvidenceKindLabels() []string {
	out := make([]string, len(EvidenceKinds))
	for i, k := range EvidenceKinds {
		out[i] = k.Label()
	}
	return out
}

// EvidenceKindOfLabel reads a label of EvidenceKindLabels back
// (Formative when it is none of them).
func EvidenceKindOfLabel(label string) EvidenceKind {
	for _, k := range EvidenceKinds {
		if k.Label() == label {
			return k
		}
	}
	return Formative
}
