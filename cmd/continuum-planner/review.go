package main

import (
	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui"
)

// reviewWindow makes the window of a --review launch: the workbook at path
// read into a temporary store of its own and shown read-only on view, as
// of the day it was exported. The teacher's own store is never opened, so
// a review works while the app is open on it. onReady, when not nil, is
// called once the first screen shows the workbook's data.
func reviewWindow(a fyne.App, path, password, view string, onReady func()) (fyne.Window, *ui.ReviewWindow) {
	w := ui.NewReviewWindow(a, path)
	return w, ui.LaunchReview(w, ui.Services{OpenReview: openReview}, path, password, view, onReady)
}

// runReview shows the review of the workbook at path until its window is
// closed, then removes its temporary store. opened is called once the
// window exists.
func runReview(a fyne.App, path, password, view string, opened func()) {
	defer exchange.CloseReviews()
	w, _ := reviewWindow(a, path, password, view, readyReporter())
	opened()
	w.ShowAndRun()
}
