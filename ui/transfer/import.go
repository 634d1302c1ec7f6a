package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// importChoice is the Import… dialog: workbooks and standards lists saved
// as CSV or other delimited text, which the reader recognises by content.
var importChoice = screen.FileChoice{Title: "Import a workbook or a CSV list", Confirm: "Import",
	Ext: ".xlsx", Exts: []string{".csv", ".tsv", ".txt"}}

// previewRows is how many rows of a standards list the column-mapping dialog shows.
const previewRows = 6

// Import asks for a workbook (or a standards list as CSV) and reads it into a preview: what it would
// add, change or refuse, and what is defined differently; a teacher's
// standards list first gets its columns mapped, a password-protected
// workbook its password. A review takes nothing in.
func (s *Screen) Import() {
	if s.ws.ReadOnly() {
		screen.ShowError(s.win, continuum.ErrReadOnly)
		return
	}
	s.openDialog = screen.ChooseOpen(s.win, importChoice, s.importFrom)
}

// importFrom reads the workbook at path into a preview.
func (s *Screen) importFrom(path string) {
	screen.RememberFolder(path)
	s.read(importRequest{path: path, opts: exchange.ReadOptions{Name: filepath.Base(path)}})
}

// importRequest is one attempt at reading a workbook.
type importRequest struct {
	path string
	opts exchange.ReadOptions
	// mapped is set once the teacher has mapped a standards list's columns.
	mapped bool
	// mapping is the dialog the columns were mapped in, to go back to.
	mapping *columnMapping
}

// importRead is what reading a workbook gives: a first look at a
// standards list to map, or a planned import to preview.
type importRead struct {
	first *workbook.Preview
	plan  *exchange.Plan
}

// read opens the workbook with a progress dialog: a standards list goes
// to the column mapping, anything else to the preview.
func (s *Screen) read(req importRequest) {
	ctx, cancel := context.WithCancel(context.Background())
	name := req.opts.Name
	prog := s.showProgress("Import "+name, "Reading "+name+"…", false, cancel)
	screen.Run(func(context.Context) (importRead, error) {
		return s.readPlan(ctx, req, prog)
	}, func(r importRead) {
		prog.Hide()
		if ctx.Err() != nil {
			return // cancelled after the work was done: show nothing
		}
		cancel()
		if r.first != nil {
			s.showMapping(req, r.first)
			return
		}
		s.showPreview(r.plan, req.mapping)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled || errors.Is(err, context.Canceled):
		case errors.Is(err, workbook.ErrPasswordProtected):
			s.askPassword(req)
		default:
			screen.ShowError(s.win, readError(name, err))
		}
	})
}

// readPlan is the work of read, off the UI goroutine: a first look
// (exchange.Look) unless the columns are mapped already, then the whole
// file (exchange.Read) compared with the store (File.Plan).
func (s *Screen) readPlan(ctx context.Context, req importRequest, prog *workbookProgress) (importRead, error) {
	if !req.mapped {
		first, err := exchange.Look(ctx, req.path, req.opts, previewRows)
		if err != nil {
			return importRead{}, err
		}
		if first.Layout == workbook.LayoutStandards {
			return importRead{first: first}, nil
		}
	}
	opts := req.opts
	opts.Progress = func(done float64) { prog.Set(0.9 * done) }
	f, err := exchange.Read(ctx, req.path, opts)
	if err != nil {
		return importRead{}, err
	}
	prog.SetText("Comparing " + req.opts.Name + " with what is stored…")
	plan, err := f.Plan(ctx, s.store)
	if err != nil {
		return importRead{}, err
	}
	prog.Set(1)
	return importRead{plan: plan}, ctx.Err()
}

// readError says in plain words why a workbook could not be read.
func readError(name string, err error) error {
	switch {
	case errors.Is(err, workbook.ErrNotWorkbook):
		return fmt.Errorf("could not read %s: it is not an Excel workbook or a CSV list, or it is damaged or cut short. Open it in your spreadsheet program, save it as Excel Workbook (.xlsx) and import it again. Nothing was changed", name)
	case errors.Is(err, workbook.ErrUnsupported):
		// The reader says what the file is and what to import instead.
		why := err.Error()
		if _, rest, ok := strings.Cut(why, workbook.ErrUnsupported.Error()+": "); ok {
			why = rest
		}
		return fmt.Errorf("could not import %s: %s. Nothing was changed", name, why)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("could not read %s: the file is no longer there. Nothing was changed", name)
	case errors.Is(err, exchange.ErrNoList):
		return fmt.Errorf("could not import %s: %s. Nothing was changed", name, exchange.ErrNoList)
	}
	return errors.New(couldNot("import", name, err) + ". Nothing was changed")
}

// askPassword asks for the password of a protected workbook and reads it
// again; after a wrong one it says so.
func (s *Screen) askPassword(req importRequest) {
	s.passEntry = widget.NewPasswordEntry()
	s.passEntry.SetPlaceHolder("Password")
	intro := widget.NewLabel(req.opts.Name + " is protected with a password. Type it to open the workbook.")
	intro.Wrapping = fyne.TextWrapWord
	var d *widgets.FormDialog
	open := func() {
		if s.passEntry.Text == "" {
			d.SetFieldError(s.passEntry, "Type the workbook's password.")
			return
		}
		req.opts.Password = s.passEntry.Text
		d.Hide()
		s.read(req)
	}
	s.passEntry.OnSubmitted = func(string) { open() }
	d = widgets.NewFormDialog(s.win, "Password-protected workbook", container.NewVBox(intro, s.passEntry), "Open", open)
	d.First = s.passEntry
	if req.opts.Password != "" {
		d.SetFieldError(s.passEntry, "That password does not open "+req.opts.Name+". Check it and try again.")
	}
	s.password = d
	d.Show(fyne.NewSize(460, 0))
}

// showMapping opens the column mapping of a standards list; once the
// teacher has chosen, the list is read with that mapping.
func (s *Screen) showMapping(req importRequest, first *workbook.Preview) {
	var m *columnMapping
	m = newColumnMapping(s.win, req.opts.Name, first, func(sheet string, cols map[string]string) {
		req.opts.Sheet, req.opts.Map, req.mapped, req.mapping = sheet, cols, true, m
		s.read(req)
	})
	s.mapping = m
	m.Show()
}

// showPreview opens the preview of a planned import; a standards list's
// preview can go back to its column mapping.
func (s *Screen) showPreview(p *exchange.Plan, mapping *columnMapping) {
	var back func()
	if mapping != nil {
		back = func() {
			s.mapping = mapping
			mapping.Show()
		}
	}
	s.preview = newImportPreview(s.win, p, s.apply, back)
	s.preview.Show()
}

// apply writes the plan with the teacher's choices, with a progress
// dialog; Cancel stops it until it takes effect. Then the screens hear of
// what the import wrote.
func (s *Screen) apply(p *exchange.Plan) {
	ctx, cancel := context.WithCancel(context.Background())
	file := p.File.Name()
	prog := s.showProgress("Import "+file, "Saving a backup, then importing into "+p.Merge.Continuum.Name+"…", false, cancel)
	screen.Run(func(context.Context) (exchange.Applied, error) {
		return p.Apply(ctx, s.store, func(done, total int) {
			if total > 0 {
				prog.Set(float64(done) / float64(total))
			}
		})
	}, func(a exchange.Applied) {
		prog.Hide()
		cancel()
		s.imported(file, a)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled && errors.Is(err, context.Canceled):
			screen.ShowInfo(s.win, "Import cancelled", "The import was stopped before it took effect. Nothing was changed.")
		case errors.Is(err, exchange.ErrNothingToImport):
			showNothingToImport(s.win, file)
		default:
			screen.ShowError(s.win, errors.New(couldNot("import", file, err)))
		}
	})
}

// showNothingToImport says that the import, with the teacher's choices,
// would write nothing the store does not hold.
func showNothingToImport(win fyne.Window, file string) {
	screen.ShowInfo(win, "Nothing to import", "The store already holds everything you chose to import from "+file+". Nothing was changed.")
}

// sectionChanges is the change the screens hear of for each section an
// import wrote (continuum.Sections).
var sectionChanges = map[string]screen.ChangeKind{
	continuum.SectionContinuum:   screen.ContinuaChanged,
	continuum.SectionTargets:     screen.TargetsChanged,
	continuum.SectionStudents:    screen.RosterChanged,
	continuum.SectionEvidence:    screen.EvidenceChanged,
	continuum.SectionOverrides:   screen.EvidenceChanged,
	continuum.SectionUnits:       screen.UnitsChanged,
	continuum.SectionFlex:        screen.FlexChanged,
	continuum.SectionVisitNotes:  screen.VisitNotesChanged,
	continuum.SectionCalibration: screen.CalibrationChanged,
}

// importChanges are the changes an import may announce, in the order
// they are announced.
var importChanges = []screen.ChangeKind{screen.ContinuaChanged, screen.TargetsChanged, screen.RosterChanged,
	screen.EvidenceChanged, screen.FlexChanged, screen.UnitsChanged, screen.VisitNotesChanged, screen.CalibrationChanged}

// changesOf returns the changes to announce for the sections an import wrote.
func changesOf(sections []string) []screen.ChangeKind {
	var out []screen.ChangeKind
	for _, k := range importChanges {
		if slices.ContainsFunc(sections, func(sec string) bool { kind, ok := sectionChanges[sec]; return ok && kind == k }) {
			out = append(out, k)
		}
	}
	return out
}

// imported reports a finished import and tells the screens.
func (s *Screen) imported(file string, a exchange.Applied) {
	id := a.Continuum.ID
	into := "into " + a.Continuum.Name
	if a.NewContinuum {
		into = "as the new continuum " + a.Continuum.Name
	}
	if a.NewContinuum || s.ws.Continuum() == "" {
		s.ws.SelectContinuum(id)
	}
	for _, k := range changesOf(a.Sections) {
		s.ws.Changed(screen.Change{Kind: k, Continuum: id})
	}
	what := strings.Join(a.Written, "\n")
	if what != "" {
		what = "\n\n" + what
	}
	screen.ShowInfo(s.win, "Workbook imported", fmt.Sprintf("%s was imported %s.%s\n\nThe store as it was before is saved in\n%s", file, into, what, a.Backup))
}
