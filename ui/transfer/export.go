package transfer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// exportSubject is what the export dialogs need to know of the continuum.
type exportSubject struct {
	id, name string
	groups   []exchange.Group // the roster's groups, sorted by name
	students int              // the whole roster
}

// Export asks where to save the continuum being worked on (and, when the
// roster has several groups, which students to keep), then writes it.
func (s *Screen) Export() {
	id := s.ws.Continuum()
	if id == "" {
		screen.ShowError(s.win, errors.New("there is no continuum to export yet: create one, or import a workbook first"))
		return
	}
	screen.Run(func(ctx context.Context) (exportSubject, error) {
		c, err := s.store.Continuum(ctx, id)
		if err != nil {
			return exportSubject{}, fmt.Errorf("export: %w", err)
		}
		groups, students, err := exchange.Groups(ctx, s.store)
		if err != nil {
			return exportSubject{}, err
		}
		return exportSubject{id: c.ID, name: c.Name, groups: groups, students: students}, nil
	}, s.onExportSubject, func(err error) { screen.ShowError(s.win, err) })
}

// onExportSubject asks which students to keep when the roster has several
// groups, then where to save.
func (s *Screen) onExportSubject(subj exportSubject) {
	if len(subj.groups) < 2 {
		s.chooseExportFile(subj, "")
		return
	}
	options := []string{"All students (" + continuum.Plural(subj.students, "student", "students") + ")"}
	for _, g := range subj.groups {
		options = append(options, g.Name+" ("+continuum.Plural(g.Students, "student", "students")+")")
	}
	s.groups = widgets.NewSelect(options, nil)
	s.groups.SetSelectedIndex(0)
	intro := widget.NewLabel("A workbook can carry the whole roster, or one group with its evidence, for a colleague who teaches it.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, widget.NewForm(widget.NewFormItem("Students", s.groups)))
	var d *widgets.FormDialog
	d = widgets.NewFormDialog(s.win, "Export "+subj.name, body, "Choose file…", func() {
		group := ""
		if i := s.groups.SelectedIndex(); i > 0 {
			group = subj.groups[i-1].Name
		}
		d.Hide()
		s.chooseExportFile(subj, group)
	})
	d.First = s.groups
	s.groupPick = d
	d.Show(fyne.NewSize(480, 0))
}

// chooseExportFile opens the file save dialog for an export of subj.
func (s *Screen) chooseExportFile(subj exportSubject, group string) {
	s.saveDialog = screen.ChooseSave(s.win, screen.FileChoice{
		Title:   "Export " + subj.name,
		Confirm: "Export",
		Ext:     ".xlsx",
		Name:    screen.FileName(subj.name, group, s.ws.Today(), ".xlsx"),
	}, func(path string) { s.exportTo(subj.id, group, path) })
}

// exportTo writes the continuum to path (keeping one group's students when
// group is set), with a progress dialog whose Cancel stops it. The
// workbook is written beside path and renamed at the end, so a cancelled
// or failed export leaves no partial file; the empty file the save dialog
// made is removed then.
func (s *Screen) exportTo(continuumID, group, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := s.showProgress("Export", "Writing "+filepath.Base(path)+"…", true, cancel)
	req := exchange.ExportRequest{Continuum: continuumID, Group: group, On: s.ws.Today(), AppVersion: screen.AppVersion()}
	screen.Run(func(context.Context) (exchange.Exported, error) {
		return exchange.Export(ctx, s.store, req, path)
	}, func(e exchange.Exported) {
		prog.Hide()
		cancel()
		screen.RememberFolder(path)
		screen.ShowInfo(s.win, "Workbook exported", fmt.Sprintf("%s was exported to\n%s\n\n%s.", e.Name, path, exportedWords(e)))
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		screen.RemoveIfEmpty(path)
		if cancelled {
			return
		}
		screen.ShowError(s.win, errors.New(couldNot("export", "to "+path, err)))
	})
}

// exportedWords says what an export wrote: "36 targets, 28 students and
// 1,042 pieces of evidence", naming the visit notes and calibration
// scores when there are some.
func exportedWords(e exchange.Exported) string {
	parts := []string{continuum.Plural(e.Targets, "target", "targets"), continuum.Plural(e.Students, "student", "students"),
		continuum.Plural(e.Evidence, "piece of evidence", "pieces of evidence")}
	if e.VisitNotes > 0 {
		parts = append(parts, continuum.Plural(e.VisitNotes, "visit note", "visit notes"))
	}
	if e.Calibration > 0 {
		parts = append(parts, continuum.Plural(e.Calibration, "calibration score", "calibration scores"))
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
