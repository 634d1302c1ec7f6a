package continuum

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors that classify every failure the domain reports. Callers
// test for them with errors.Is; the concrete *Error adds the field and a
// sentence a teacher can read.
var (
	// ErrNotFound means the continuum, target, student or evidence asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a value breaks a rule of the model (a missing code, a score off the scale, a cycle).
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the change collides with what is already stored (a duplicate code or name).
	ErrConflict = errors.New("conflict")
	// ErrReadOnly means a change was asked of data that is only shown: a
	// workbook opened for review, or a data folder opened read-only.
	ErrReadOnly = errors.New("this is open read-only: nothing can be changed")
)

// Error is a classified domain error that names the field it concerns.
type Error struct {
	// Kind is one of ErrNotFound, ErrInvalid or ErrConflict.
	Kind error
	// Field names the offending field, e.g. "target.prerequisites"; empty when the error concerns a whole record.
	Field string
	// Message says what is wrong and what was expected, in plain words.
	Message string
}

// Error implements the error interface: "Field: message", the field named
// as a teacher would (FieldLabel), e.g. "Student ID: is empty". An error
// about a whole record ("student", "continuum") is its message alone.
func (e *Error) Error() string {
	label := FieldLabel(e.Field)
	if label == "" {
		return e.Message
	}
	return label + ": " + e.Message
}

// Unwrap returns the error's kind so errors.Is(err, ErrInvalid) works.
func (e *Error) Unwrap() error { return e.Kind }

// Invalidf returns an ErrInvalid error for field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Kind: ErrInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf returns an ErrNotFound error for field.
func NotFoundf(field, format string, args ...any) *Error {
	return &Error{Kind: ErrNotFound, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Conflictf returns an ErrConflict error for field.
func Conflictf(field, format string, args ...any) *Error {
	return &Error{Kind: ErrConflict, Field: field, Message: fmt.Sprintf(format, args...)}
}

// fieldLabels names each field code the domain and the store report, in a
// teacher's words. A code missing here still reads as words (fieldWords).
var fieldLabels = map[string]string{
	// A record as a whole: its message says which one.
	"continuum": "", "student": "", "override": "", "calibration": "",
	"renumbered": "", // a merge's "same person" choice: its message says which student

	"continuum.id": "Continuum ID", "continuum.name": "Name",
	"continuum.levels": "Levels", "continuum.domains": "Domains",
	"domain.category": "Domains", "category": "Category",
	"scale.cut": "Mastery cut", "scale.points": "Scale",
	"pacing.start": "Pacing start", "pacing.checkpoints": "Pacing checkpoints", "pacing.tolerance": "Pacing tolerance",

	"target.uid": "Identity", "target.code": "Code", "target.statement": "Statement",
	"status": "Status", "pairs": "Word scores", "target.group": "Group", "group.key": "Group key", "group.name": "Group name", "group.domain": "Group domain",
	"group.level": "Group level", "group.parent": "Parent group",
	"target.domain": "Domain", "target.level": "Level", "target.order": "Order",
	"target.descriptors": "Descriptors", "target.prerequisites": "Prerequisites",
	"target.evidence_required": "Evidence required",

	"student.uid": "Identity", "student.id": "Student ID", "student.name": "Name",
	"student.starting_levels": "Starting levels",

	"evidence.uid": "Identity", "evidence.id": "Evidence", "evidence.continuum": "Continuum",
	"evidence.student": "Student", "evidence.target": "Target", "evidence.date": "Date",
	"evidence.kind": "Kind", "evidence.score": "Score",
	"override.student": "Student", "override.target": "Target", "override.date": "Date",
	"override.reason": "Reason",

	"unit.id": "Unit", "unit.title": "Title", "unit.dates": "Dates", "unit.targets": "Targets",
	"unit.experiences": "Learning experiences", "unit.checkpoints": "Checkpoints",

	"flex.id": "Block", "flex.date": "Date", "flex.slot": "Slot", "flex.minutes": "Length",
	"offering.id": "Offering", "offering.title": "Title", "offering.kind": "Kind",
	"offering.capacity": "Capacity", "offering.focus": "Focus targets",
	"assignment.offering": "Placements", "assignment.student": "Placements", "assignment.tier": "Tier",

	"visit.id": "Visit note", "visit.continuum": "Continuum", "visit.date": "Date",
	"visit.subject_kind": "About", "visit.subject": "About", "visit.note": "Note",
	"look_for": "Look-fors",

	"calibration.target": "Target", "calibration.sample": "Sample",
	"calibration.scorer": "Scorer", "calibration.score": "Score",

	"reportcard.standard": "Report card", "reportcard.targets": "Report card targets",
	"reportcard.rule": "Roll-up rule", "reportcard.bands": "Bands",
	"report.language": "Language", "report.as_of": "As of",

	"date": "Date",
}

// FieldLabel returns the name a teacher knows a field by, for an error's
// field code: "Student ID" for "student.id", "Code" for "target.code",
// "Mastery method" for any "method…" code. It returns "" for no field and
// for a whole record ("student"), whose message names it already.
func FieldLabel(field string) string {
	if label, ok := fieldLabels[field]; ok {
		return label
	}
	switch {
	case field == "":
		return ""
	case field == "method" || strings.HasPrefix(field, "method."):
		return "Mastery method"
	case strings.HasPrefix(field, "domain."):
		return "Domains"
	case strings.HasPrefix(field, "scale."):
		return "Scale"
	}
	return fieldWords(field)
}

// fieldWords writes a code no label names as words: "student.home_room"
// reads "Home room", never the code itself.
func fieldWords(field string) string {
	_, last, _ := strings.Cut(field, ".")
	if last == "" {
		last = field
	}
	if i := strings.LastIndex(last, "."); i >= 0 {
		last = last[i+1:]
	}
	words := strings.TrimSpace(strings.ReplaceAll(last, "_", " "))
	if words == "" {
		return ""
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// ErrorField returns the field named by the first *Error in err's chain, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the plain message of the first *Error in err's chain,
// its field named as a teacher would ("Name: is empty"), without the
// wrapping operations; for any other error it returns err.Error().
// User interfaces show it to people.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// bareMessage returns the message of the first *Error in err's chain
// without its field, for a message that puts it in a longer sentence.
func bareMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
