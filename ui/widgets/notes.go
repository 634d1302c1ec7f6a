package widgets

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
)

// NoteByline is the look-for a visit note answers and who wrote it.
func NoteByline(n continuum.VisitNote) string {
	var parts []string
	if n.LookFor != "" {
		parts = append(parts, n.LookFor)
	}
	if n.Coach != "" {
		parts = append(parts, n.Coach)
	}
	return strings.Join(parts, " · ")
}

// NoteView is a note's byline in italics with its text close under it.
func NoteView(by, text string) fyne.CanvasObject {
	note := Wrapped(text)
	if by == "" {
		return note
	}
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), Quiet(by), note)
}

// NotesGap is the space between groups of notes.
func NotesGap() fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(0, theme.Padding()*2))
	return gap
}

// CoachNotesSection is the "Coach's notes" part of a target's or unit's
// view: each note's day, coach and look-for, then its text, on a quiet
// panel with an accent at its edge.
func CoachNotesSection(notes []continuum.VisitNote) fyne.CanvasObject {
	box := container.New(layout.NewCustomPaddedVBoxLayout(0), Heading("Coach's notes"))
	for _, n := range notes {
		head := n.Date.Long()
		if by := NoteByline(n); by != "" {
			head += " · " + by
		}
		box.Add(NoteView(head, n.Note))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	edge := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	edge.SetMinSize(fyne.NewSize(3, 0))
	return container.NewStack(bg, container.NewBorder(nil, nil, edge, nil, box))
}

// CappedHeightLayout sizes its objects (a scroll) to Content's minimum
// size, up to Max tall.
type CappedHeightLayout struct {
	// Max is the greatest height.
	Max float32
	// Content is what the scroll shows.
	Content fyne.CanvasObject
}

// MinSize is Content's, no taller than Max.
func (l *CappedHeightLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.Content.MinSize()
	return fyne.NewSize(m.Width, min(m.Height, l.Max))
}

// Layout gives every object the whole size.
func (l *CappedHeightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	stack(objects, size)
}
