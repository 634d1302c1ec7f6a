package screen

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/continuum-planner/planner/continuum"
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
func ShowError(w fyne.Window, err error) {
	dialog.ShowError(Friendly(err), w)
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
