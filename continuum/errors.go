package continuum

import (
	"errors"
	"fmt"
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

// Error implements the error interface: "field: message".
func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
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

// ErrorField returns the field named by the first *Error in err's chain, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the plain message of the first *Error in err's chain,
// without the wrapping operations; for any other error it returns err.Error().
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
