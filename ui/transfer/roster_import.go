package transfer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// classListChoice is the file dialog of Import class list…: a class list
// as a school's system exports one, or a OneRoster set zipped.
var classListChoice = screen.FileChoice{Title: "Import a class list", Confirm: "Import",
	Ext: ".csv", Exts: []string{".tsv", ".txt", ".xlsx", ".zip"}}

// ImportClassList asks for a class list: a file (CSV or xlsx, as a
// school's information system exports one, or a OneRoster set zipped) or
// a folder holding a OneRoster set. It goes through the same steps as a
// class list chosen in Import…: the classes of a set to choose, the
// columns of a list that are not recognised to map, then the preview. A
// review takes nothing in.
func (s *Screen) ImportClassList() {
	if s.ws.ReadOnly() {
		screen.ShowError(s.win, continuum.ErrReadOnly)
		return
	}
	intro := widgets.Wrapped("Choose the class list your school's system exported: a file (CSV, TSV or Excel), " +
		"or a OneRoster set, either zipped or as the folder that holds its manifest.csv, users.csv and the other files.")
	var d *widgets.FormDialog
	file := widgets.NewButton("Choose a file…", theme.FileIcon(), func() {
		d.Hide()
		s.openDialog = screen.ChooseOpen(s.win, classListChoice, s.importRoster)
	})
	folder := widgets.NewButton("Choose a folder…", theme.FolderOpenIcon(), func() {
		d.Hide()
		s.chooseRosterFolder()
	})
	d = widgets.NewFormDialog(s.win, "Import a class list", container.NewVBox(intro), "Choose a file…", file.OnTapped, folder)
	d.ConfirmButton().SetIcon(theme.FileIcon())
	d.First = d.ConfirmButton()
	s.rosterSource = d
	d.Show(fyne.NewSize(520, 0))
}

// chooseRosterFolder asks for the folder of a OneRoster set.
func (s *Screen) chooseRosterFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		switch {
		case err != nil:
			screen.ShowError(s.win, fmt.Errorf("the folder cannot be opened: %w", err))
		case dir != nil:
			screen.RememberFolder(filepath.Join(dir.Path(), "manifest.csv")) // the next dialog opens in this folder
			s.importRoster(dir.Path())
		}
	}, s.win)
	d.SetTitleText("Choose the folder of a OneRoster set")
	d.SetConfirmText("Import")
	if loc := screen.LastFolder(); loc != nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
	s.folderDialog = d
}

// rosterRequest is one attempt at reading a class list.
type rosterRequest struct {
	path string
	opts exchange.RosterReadOptions
	// mapped is set once the columns of a class list are mapped by the
	// teacher (or by the mapping saved for its headers).
	mapped bool
	// first is the first look at a class list, to map its columns (again).
	first *workbook.Preview
	// saved is the mapping saved for the list's headers, when it is used.
	saved *savedMapping
	// mapping is the dialog the columns were mapped in, to go back to.
	mapping *columnMapping
}

// rosterRead is what reading a class list gives: the file, or a first
// look at a class list whose columns are to be mapped.
type rosterRead struct {
	file  *exchange.RosterFile
	first *workbook.Preview
}

// importRoster reads the class list (or OneRoster set) at path.
func (s *Screen) importRoster(path string) {
	s.readRoster(rosterRequest{path: path, opts: exchange.RosterReadOptions{Name: filepath.Base(path)}})
}

// readRoster reads a class list with a progress dialog, then goes on to
// the classes of a OneRoster set, the mapping of a list whose columns are
// not recognised, or the comparison with the roster.
func (s *Screen) readRoster(req rosterRequest) {
	readBehindProgress(s, req.opts.Name, req.opts.Password, true, func(ctx context.Context, _ *workbookProgress) (rosterRead, error) {
		return readRosterFile(ctx, req)
	}, func(r rosterRead) {
		if r.first != nil {
			s.onRosterFirstLook(req, r.first)
			return
		}
		s.onRosterRead(req, r.file)
	}, func(password string) {
		req.opts.Password = password
		s.readRoster(req)
	}, req.path)
}

// readRosterFile is the work of readRoster, off the UI goroutine: the
// class list read, or, when none of its header rows names the students
// and its columns are not mapped yet, a first look at it to map them.
func readRosterFile(ctx context.Context, req rosterRequest) (rosterRead, error) {
	f, err := exchange.ReadRoster(ctx, req.path, req.opts)
	if err != nil {
		return rosterRead{}, err
	}
	if t := f.Table(); t != nil && t.HeaderRow == 0 && !req.mapped {
		first, err := rosterFirstLook(ctx, req.path, req.opts, nil)
		if err != nil {
			return rosterRead{}, err
		}
		if len(first.Sheets) > 0 {
			return rosterRead{first: first}, nil
		}
	}
	return rosterRead{file: f}, ctx.Err()
}

// onRosterFirstLook goes on from a first look at a class list whose
// columns are not recognised: with the mapping saved for its headers,
// straight to reading it; else to the column mapping.
func (s *Screen) onRosterFirstLook(req rosterRequest, first *workbook.Preview) {
	if i, saved := appRosterMappings().Find(first); i >= 0 && req.saved == nil {
		saved.Sheet = first.Sheets[i].Name
		req.opts.Sheet, req.opts.Map, req.mapped = saved.Sheet, saved.Map, true
		req.first, req.saved, req.mapping = first, &saved, nil
		s.readRoster(req)
		return
	}
	s.showRosterMapping(req, first, nil)
}

// showRosterMapping opens the column mapping of a class list; once the
// teacher has chosen, the list is read again with that mapping, which is
// remembered (or forgotten) for lists with these headers as they said.
func (s *Screen) showRosterMapping(req rosterRequest, first *workbook.Preview, saved *savedMapping) {
	var m *columnMapping
	setup := mappingSetup{count: rosterCountWith(req.path, req.opts), saved: saved, kind: rosterMapping}
	m = newColumnMapping(s.win, req.opts.Name, first, setup, func(sheet string, cols map[string]string, remember bool) {
		req.opts.Sheet, req.opts.Map, req.mapped, req.mapping, req.first, req.saved = sheet, cols, true, m, first, nil
		if mem := appRosterMappings(); mem != nil {
			if headers := m.current().Headers; remember {
				mem.Save(headers, sheet, cols)
			} else {
				mem.Forget(headers)
			}
		}
		s.readRoster(req)
	})
	s.mapping = m
	m.Show()
}

// onRosterRead goes on from a class list read: a OneRoster set's classes
// are chosen (a set of one class is taken whole), then the list is
// compared with the roster.
func (s *Screen) onRosterRead(req rosterRequest, f *exchange.RosterFile) {
	if f.Format != exchange.FormatOneRoster {
		s.planRoster(req, f)
		return
	}
	switch len(f.Classes) {
	case 0:
		screen.ShowError(s.win, fmt.Errorf("could not import %s: the OneRoster set has no class to import (no active class in its classes.csv). Nothing was changed", f.Name))
	case 1:
		f.ChooseAll()
		s.planRoster(req, f)
	default:
		s.classes = newRosterClasses(s.win, f, func() { s.planRoster(req, f) })
		s.classes.Show()
	}
}

// planRoster compares the class list with the roster, off the UI
// goroutine, and opens the preview.
func (s *Screen) planRoster(req rosterRequest, f *exchange.RosterFile) {
	screen.Run(func(ctx context.Context) (*exchange.RosterImport, error) {
		return f.Plan(ctx, s.store)
	}, func(p *exchange.RosterImport) {
		s.showRosterPreview(req, p)
	}, func(err error) {
		screen.ShowError(s.win, errors.New(couldNot("import", f.Name, err)+". Nothing was changed"))
	})
}

// showRosterPreview opens the preview of a class list compared with the
// roster; it can go back to the classes of a set or the columns of a list.
func (s *Screen) showRosterPreview(req rosterRequest, p *exchange.RosterImport) {
	var back *widgets.Button
	f := p.File
	switch {
	case f.Format == exchange.FormatOneRoster && len(f.Classes) > 1:
		back = widgets.NewButton("Choose other classes", theme.NavigateBackIcon(), func() {
			s.rosterPreview.dlg.Hide()
			s.classes = newRosterClasses(s.win, f, func() { s.planRoster(req, f) })
			s.classes.Show()
		})
	case f.Table() != nil:
		back = widgets.NewButton("Change the columns", theme.NavigateBackIcon(), func() {
			s.rosterPreview.dlg.Hide()
			s.remapRoster(req, f)
		})
	}
	note := ""
	if req.saved != nil {
		note = "Using the mapping you saved on " + savedOn(*req.saved) + " for class lists with these headers. To choose other columns, press Change the columns."
	}
	s.rosterPreview = newRosterPreview(s.win, p, note, back, s.applyRoster)
	s.rosterPreview.Show()
}

// remapRoster opens the column mapping of a class list read, starting
// from the columns it was read with.
func (s *Screen) remapRoster(req rosterRequest, f *exchange.RosterFile) {
	if req.mapping != nil {
		s.mapping = req.mapping
		req.mapping.Show()
		return
	}
	t := f.Table()
	screen.Run(func(ctx context.Context) (*workbook.Preview, error) {
		return rosterFirstLook(ctx, req.path, req.opts, t)
	}, func(first *workbook.Preview) {
		s.showRosterMapping(req, first, req.saved)
	}, func(err error) { screen.ShowError(s.win, readError(req.path, req.opts.Name, err)) })
}

// applyRoster writes the class list into the roster, after a backup of
// the whole store, and tells the screens.
func (s *Screen) applyRoster(p *exchange.RosterImport) {
	name := p.File.Name
	if s.rosters == nil {
		screen.ShowError(s.win, fmt.Errorf("could not import %s: this store cannot save a backup first, so it takes in no class list. Nothing was changed", name))
		return
	}
	runImport(s, name, "Saving a backup, then updating the roster…", true,
		func(ctx context.Context, _ func(done, total int)) (exchange.RosterApplied, error) {
			return p.Apply(ctx, s.rosters)
		},
		func(a exchange.RosterApplied) {
			s.ws.Changed(screen.Change{Kind: screen.RosterChanged})
			what := strings.Join(a.Written, "\n")
			screen.ShowInfo(s.win, "Class list imported", fmt.Sprintf("%s was imported into the roster.\n\n%s\n\nThe store as it was before is saved in\n%s", name, what, a.Backup))
		},
		func() {
			screen.ShowInfo(s.win, "Nothing to import", "The roster already is the class list "+name+". Nothing was changed.")
		})
}

// rosterSummary says in a line what a class list read is: its name, its
// kind, and for a OneRoster set the classes chosen.
func rosterSummary(f *exchange.RosterFile) string {
	s := f.Name + ", " + rosterKind(f)
	if f.Format == exchange.FormatOneRoster {
		var names []string
		for _, c := range f.Classes {
			for _, id := range f.Chosen {
				if c.SourcedID == id {
					names = append(names, c.Name)
				}
			}
		}
		s += fmt.Sprintf(": %d of its %d classes (%s)", len(names), len(f.Classes), listSome(names, 6))
	}
	return s + ". Nothing is written until you press Apply; the store is backed up first."
}

// rosterKind names the kind of class list: "a OneRoster 1.1 CSV set
// (zip), bulk", "a class list (CSV, comma-separated, UTF-8)".
func rosterKind(f *exchange.RosterFile) string {
	if f.Format == exchange.FormatOneRoster {
		return "a " + f.Kind
	}
	return "a class list (" + f.Kind + ")"
}
