package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// reviewError says in plain words why a workbook could not be opened for review.
func reviewError(name string, err error) error {
	switch {
	case errors.Is(err, workbook.ErrNotWorkbook):
		return fmt.Errorf("could not open %s for review: it is not an Excel workbook, or it is damaged or cut short. Open it in your spreadsheet program, save it as Excel Workbook (.xlsx) and open it again", name)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("could not open %s for review: there is no such file", name)
	}
	return fmt.Errorf("could not open %s for review: %s", name, continuum.ErrorMessage(err))
}

// reviewTitle is a review window's title: "Continuum Planner — Review of
// FILE", and once it is read, the day it is a snapshot of.
func reviewTitle(file string, r *exchange.Review) string {
	title := screen.Title + " — Review of " + file
	if r != nil {
		title += " — as of " + r.AsOf.Long() + " (read-only)"
	}
	return title
}

// NewReviewWindow returns a window for reviewing the workbook at path,
// as big as the main window was last.
func NewReviewWindow(a fyne.App, path string) fyne.Window {
	w := a.NewWindow(reviewTitle(filepath.Base(path), nil))
	p := a.Preferences()
	w.Resize(fyne.NewSize(
		float32(p.FloatWithFallback(prefWidth, firstWidth)),
		float32(p.FloatWithFallback(prefHeight, firstHeight)),
	))
	return w
}

// reviewPlural counts problems for the banner.
func reviewPlural(problems []string) string {
	return continuum.Plural(len(problems), "row", "rows") + " could not be read"
}

// reviewJoin lists problems for a dialog, at most most of them.
func reviewJoin(problems []string, most int) string {
	if len(problems) <= most {
		return strings.Join(problems, "\n")
	}
	return strings.Join(problems[:most], "\n") + fmt.Sprintf("\n… and %d more", len(problems)-most)
}
