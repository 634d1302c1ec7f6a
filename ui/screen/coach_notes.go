package screen

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// CoachNotes is the place on a view for a coach's visit notes on one
// target or unit: empty, or their section, at most NotesMaxHeight tall
// (it scrolls beyond). The builder and the units screen show it.
type CoachNotes struct {
	box *fyne.Container
	gen int // which Show the box is for
}

// NotesMaxHeight is how tall the coach's notes grow beside other work.
const NotesMaxHeight = 170

// NotesReader reads visit notes; the app's stores have it.
type NotesReader interface {
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
}

// NewCoachNotes returns an empty place for notes.
func NewCoachNotes() *CoachNotes {
	return &CoachNotes{box: container.NewVBox()}
}

// Content returns the place's root object.
func (c *CoachNotes) Content() fyne.CanvasObject { return c.box }

// Show empties the place, then reads in the background the notes on one
// target or unit of continuum cid and shows them, unless Show was called
// again meanwhile. A nil reader shows nothing; a failure to read them
// leaves them out, as they are beside the work, not part of it.
func (c *CoachNotes) Show(r NotesReader, cid string, about continuum.VisitSubject, subject string) {
	c.gen++
	gen := c.gen
	c.box.Objects = nil
	c.box.Refresh()
	if r == nil || cid == "" || strings.TrimSpace(subject) == "" {
		return
	}
	Run(func(ctx context.Context) ([]continuum.VisitNote, error) {
		all, err := r.VisitNotes(ctx, cid)
		return continuum.NotesOn(all, about, subject), err
	}, func(notes []continuum.VisitNote) {
		if len(notes) == 0 || gen != c.gen {
			return
		}
		section := widgets.CoachNotesSection(notes)
		scroll := container.NewVScroll(section)
		c.box.Objects = []fyne.CanvasObject{container.New(&widgets.CappedHeightLayout{Max: NotesMaxHeight, Content: section}, scroll), widgets.NotesGap()}
		c.box.Refresh()
	}, func(error) {})
}
