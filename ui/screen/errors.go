package screen

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Friendly turns an error into one a teacher can act on: the domain's
// plain message without the chain of operations, and a hint on what to do.
func Friendly(err error) error {
	if err == nil {
		return nil
	}
	msg := continuum.ErrorMessage(err)
	switch {
	case errors.Is(err, continuum.ErrReadOnly):
		return continuum.ErrReadOnly // a change tried in a review: its sentence says it all
	case errors.Is(err, continuum.ErrInvalid):
		return fmt.Errorf("%s\n\nCorrect it and try again; nothing was changed", msg)
	case errors.Is(err, continuum.ErrConflict):
		return fmt.Errorf("%s\n\nNothing was changed", msg)
	case errors.Is(err, continuum.ErrNotFound):
		return fmt.Errorf("%s\n\nIt may have been removed; the view will refresh", msg)
	}
	return errors.New(msg)
}

// ShowError shows err as a dialog with a message a person can act on.
// The dialog closes on Enter or Escape, wherever the focus was.
func ShowError(w fyne.Window, err error) {
	msg := Friendly(err).Error()
	if r, size := utf8.DecodeRuneInString(msg); r != utf8.RuneError {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	widgets.ShowMessage(w, "Error", msg, theme.ErrorIcon())
}

// ShowInfo shows a message with an OK button that Enter or Escape closes.
func ShowInfo(w fyne.Window, title, message string) {
	widgets.ShowMessage(w, title, message, theme.InfoIcon())
}

// Problem returns the sentence a teacher reads for err, without the chain
// of operations and without the field's code name (a form names the
// field itself).
func Problem(err error) string {
	var e *continuum.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return continuum.ErrorMessage(err)
}
