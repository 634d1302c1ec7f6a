package notes

import (
	"context"
	"fmt"
	"io"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// notesExported says what an export of notes wrote.
type notesExported struct {
	name       string
	notes, off int // notes written; notes left out for naming what is gone
}

// onExport asks where to save the continuum's notes as a workbook.
func (s *Screen) onExport() {
	if s.data == nil || s.data.graph == nil {
		return
	}
	name := s.data.graph.Continuum.Name
	s.saveDialog = screen.ChooseSave(s.Win, screen.FileChoice{
		Title:   "Export the visit notes on " + name,
		Confirm: "Export",
		Ext:     ".xlsx",
		Name:    screen.FileName(name+" visit notes", "", s.WS.Today(), ".xlsx"),
	}, s.exportTo)
}

// exportTo writes the notes on the continuum chosen to a workbook at path.
func (s *Screen) exportTo(path string) {
	cid := s.WS.Continuum()
	screen.Run(func(ctx context.Context) (notesExported, error) {
		return s.writeNotes(ctx, cid, path)
	}, func(e notesExported) {
		screen.RememberFolder(path)
		msg := fmt.Sprintf("%s on %s %s exported to\n%s\n\nThe teacher imports the workbook to see them beside the targets and units they concern.",
			continuum.Plural(e.notes, "visit note", "visit notes"), e.name, notesWas(e.notes), path)
		if e.off > 0 {
			msg += fmt.Sprintf("\n\n%s on targets or units no longer in %s %s left out.", continuum.Plural(e.off, "note", "notes"), e.name, notesWas(e.off))
		}
		screen.ShowInfo(s.Win, "Visit notes exported", msg)
	}, func(err error) {
		screen.RemoveIfEmpty(path)
		screen.ShowError(s.Win, fmt.Errorf("could not export the visit notes to %s: %s", path, continuum.ErrorMessage(err)))
	})
}

func notesWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// writeNotes encodes the continuum with its targets, units and notes (no
// students, no evidence) to path, through a temporary file renamed at the
// end so that a failed export leaves no partial file.
func (s *Screen) writeNotes(ctx context.Context, cid, path string) (notesExported, error) {
	g, err := s.store.Graph(ctx, cid)
	if err != nil {
		return notesExported{}, fmt.Errorf("read continuum %s: %w", cid, err)
	}
	units, err := s.store.Units(ctx, cid)
	if err != nil {
		return notesExported{}, fmt.Errorf("read the units of %s: %w", g.Continuum.Name, err)
	}
	all, err := s.notes.VisitNotes(ctx, cid)
	if err != nil {
		return notesExported{}, fmt.Errorf("read the visit notes on %s: %w", g.Continuum.Name, err)
	}
	e := notesExported{name: g.Continuum.Name}
	book := &workbook.Book{Continuum: g.Continuum, Targets: g.Targets, Units: units}
	for _, n := range all {
		_, isTarget := g.Target(n.Subject)
		_, isUnit := continuum.FindUnit(units, n.Subject)
		if (n.About == continuum.OnTarget && !isTarget) || (n.About == continuum.OnUnit && !isUnit) {
			e.off++
			continue
		}
		n.Continuum = g.Continuum.ID
		book.VisitNotes = append(book.VisitNotes, n)
	}
	e.notes = len(book.VisitNotes)
	err = workbook.WriteFile(ctx, path, func(out io.Writer) error {
		return workbook.NewEncoder(out, workbook.EncodeOptions{On: s.WS.Today(), AppVersion: screen.AppVersion()}).Encode(ctx, book)
	})
	if err != nil {
		return notesExported{}, err
	}
	return e, nil
}
