package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// ContinuumEditor is a screen under construction.
type ContinuumEditor struct {
	content fyne.CanvasObject
}

// NewContinuumEditor builds the screen.
func NewContinuumEditor(store continuum.Store, ws *Workspace, win fyne.Window) *ContinuumEditor {
	return &ContinuumEditor{content: widget.NewLabel("ContinuumEditor")}
}

// Content returns the screen's root object.
func (s *ContinuumEditor) Content() fyne.CanvasObject { return s.content }

// Refresh re-reads the screen's data.
func (s *ContinuumEditor) Refresh() {}
