package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// StudentProfile is a screen under construction.
type StudentProfile struct {
	content fyne.CanvasObject
}

// NewStudentProfile builds the screen.
func NewStudentProfile(store continuum.Store, ws *Workspace, win fyne.Window) *StudentProfile {
	return &StudentProfile{content: widget.NewLabel("StudentProfile")}
}

// Content returns the screen's root object.
func (s *StudentProfile) Content() fyne.CanvasObject { return s.content }

// Refresh re-reads the screen's data.
func (s *StudentProfile) Refresh() {}

// ShowStudent opens the profile of the student with id.
func (s *StudentProfile) ShowStudent(id string) {}
