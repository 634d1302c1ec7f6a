package transfer

import (
	"bytes"
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

// importChoice is the Import… dialog: workbooks, standards lists, class
// lists and score sheets saved as CSV or other delimited text, OneRoster
// sets zipped, CASE packages (JSON), Moodle competency frameworks and
// Canvas outcomes (CSV), which the readers recognise by content.
var importChoice = screen.FileChoice{Title: "Import a workbook, a list, a framework, a class list or scores", Confirm: "Import",
	Ext: ".xlsx", Exts: []string{".csv", ".tsv", ".txt", ".json", ".zip"}}

// previewRows is how many rows of a standards list the column-mapping dialog shows.
const previewRows = 6

// Import asks for a workbook, a standards list (xlsx or CSV) or another
// system's framework (a CASE package, a Moodle framework, Canvas
// outcomes) and reads it into a preview: what it would add, change or
// refuse, and what is defined differently. A teacher's standards list
// first gets its columns mapped (or the mapping saved for its headers),
// a password-protected workbook its password. A review takes nothing in.
func (s *Screen) Import() {
	if s.ws.ReadOnly() {
		screen.ShowError(s.win, continuum.ErrReadOnly)
		return
	}
	s.openDialog = screen.ChooseOpen(s.win, importChoice, s.importFrom)
}

// importFrom reads the file at path into a preview: a OneRoster set or
// a class list into the class list's, a score sheet into the scores',
// anything else as a workbook, a standards list or a framework.
func (s *Screen) importFrom(path string) {
	screen.RememberFolder(path)
	screen.Run(func(context.Context) (string, error) {
		return importRoute(path), nil
	}, func(route string) {
		switch route {
		case exchange.FormatOneRoster, exchange.FormatRoster:
			s.importRoster(path)
		case exchange.FormatScores:
			s.importScores(path)
		default:
			s.read(importRequest{path: path, opts: exchange.ReadOptions{Name: filepath.Base(path)}})
		}
	}, func(err error) { screen.ShowError(s.win, err) })
}

// importRoute says which import the file at path takes, as continuumctl
// import recognises it (exchange.Route): a OneRoster set, a class list, a
// score sheet, or "" for a workbook, a standards list or a framework.
func importRoute(path string) string { return exchange.Route(path, "") }

// importRequest is one attempt at reading a workbook.
type importRequest struct {
	path string
	opts exchange.ReadOptions
	// mapped is set once the teacher has mapped a standards list's columns
	// (or a saved mapping is used).
	mapped bool
	// mapping is the dialog the columns were mapped in, to go back to.
	mapping *columnMapping
	// first is the first look at a standards list, to map its columns again.
	first *workbook.Preview
	// saved is the mapping saved for the list's headers, when it is used.
	saved *savedMapping
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
	readBehindProgress(s, req.opts.Name, req.opts.Password, false, func(ctx context.Context, prog *workbookProgress) (importRead, error) {
		return s.readPlan(ctx, req, prog)
	}, func(r importRead) {
		if r.first != nil {
			s.onFirstLook(req, r.first)
			return
		}
		s.showPreview(r.plan, req)
	}, func(password string) {
		req.opts.Password = password
		s.read(req)
	}, req.path)
}

// readBehindProgress reads a file of name (at path) in the background
// behind a progress dialog (infinite: no share of the work is known):
// done gets what read gives, unless the teacher cancelled; a
// password-protected file asks for the password (known is the one tried)
// and goes on with retry; any other error is shown.
func readBehindProgress[T any](s *Screen, name, known string, infinite bool, read func(context.Context, *workbookProgress) (T, error),
	done func(T), retry func(password string), path string) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := s.showProgress("Import "+name, "Reading "+name+"…", infinite, cancel)
	screen.Run(func(context.Context) (T, error) {
		return read(ctx, prog)
	}, func(r T) {
		prog.Hide()
		if ctx.Err() != nil {
			return // cancelled after the work was done: show nothing
		}
		cancel()
		done(r)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled || errors.Is(err, context.Canceled):
		case errors.Is(err, workbook.ErrPasswordProtected):
			s.askPassword(name, known, retry)
		default:
			screen.ShowError(s.win, readError(path, name, err))
		}
	})
}

// onFirstLook goes on from the first look at a standards list: with the
// mapping saved for its headers, straight to the preview; else to the
// column mapping.
func (s *Screen) onFirstLook(req importRequest, first *workbook.Preview) {
	if i, saved := appMappings().Find(first); i >= 0 {
		saved.Sheet = first.Sheets[i].Name
		req.opts.Sheet, req.opts.Map, req.mapped = saved.Sheet, saved.Map, true
		req.first, req.saved, req.mapping = first, &saved, nil
		s.read(req)
		return
	}
	s.showMapping(req, first, nil)
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

// readError says in plain words why a file could not be read: what it is
// not, and what the app reads.
func readError(path, name string, err error) error {
	switch {
	case errors.Is(err, workbook.ErrNotWorkbook):
		return fmt.Errorf("could not read %s: %s. Continuum Planner reads %s. Nothing was changed", name, notReadable(path), readableKinds)
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

// readableKinds are the files Import… reads, as the refusals list them.
const readableKinds = "an Excel workbook (.xlsx), a standards list, a class list or a score sheet saved as CSV or TSV, " +
	"a OneRoster set (.zip), a CASE package (.json), a Moodle competency framework (.csv) and Canvas outcomes (.csv)"

// notReadable says what the file at path is not, from its first bytes:
// an xlsx package that does not open is damaged or cut short, any other
// file is simply of another kind.
func notReadable(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return "it cannot be opened"
	case fi.IsDir():
		return "it is a folder, not a file; choose the file inside it"
	case fi.Size() == 0:
		return "the file is empty"
	}
	head := make([]byte, 8)
	if f, err := os.Open(path); err == nil {
		n, _ := f.Read(head)
		head = head[:n]
		f.Close()
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return "it is an Excel workbook or another zipped file that does not open: it may be damaged or cut short. " +
			"Open it in your spreadsheet program and save it again as Excel Workbook (.xlsx)"
	}
	return "it is not an Excel workbook, nor a list or framework saved as text (it holds other data, such as a document or a picture)"
}

// askPassword asks for the password of the protected workbook name and
// opens it with open; after a wrong one (tried, not "") it says so.
func (s *Screen) askPassword(name, tried string, open func(password string)) {
	s.passEntry = widget.NewPasswordEntry()
	s.passEntry.SetPlaceHolder("Password")
	intro := widget.NewLabel(name + " is protected with a password. Type it to open the workbook.")
	intro.Wrapping = fyne.TextWrapWord
	var d *widgets.FormDialog
	confirm := func() {
		if s.passEntry.Text == "" {
			d.SetFieldError(s.passEntry, "Type the workbook's password.")
			return
		}
		d.Hide()
		open(s.passEntry.Text)
	}
	s.passEntry.OnSubmitted = func(string) { confirm() }
	d = widgets.NewFormDialog(s.win, "Password-protected workbook", container.NewVBox(intro, s.passEntry), "Open", confirm)
	d.First = s.passEntry
	if tried != "" {
		d.SetFieldError(s.passEntry, "That password does not open "+name+". Check it and try again.")
	}
	s.password = d
	d.Show(fyne.NewSize(460, 0))
}

// showMapping opens the column mapping of a standards list, starting
// from the mapping saved for its headers when there is one; once the
// teacher has chosen, the list is read with that mapping, which is
// remembered (or forgotten) for files with these headers as they said.
func (s *Screen) showMapping(req importRequest, first *workbook.Preview, saved *savedMapping) {
	var m *columnMapping
	setup := mappingSetup{count: countWith(req.path, req.opts), saved: saved}
	m = newColumnMapping(s.win, req.opts.Name, first, setup, func(sheet string, cols map[string]string, remember bool) {
		req.opts.Sheet, req.opts.Map, req.mapped, req.mapping, req.first, req.saved = sheet, cols, true, m, first, nil
		if mem := appMappings(); mem != nil {
			headers := m.current().Headers
			if remember {
				mem.Save(headers, sheet, cols)
			} else {
				mem.Forget(headers)
			}
		}
		s.read(req)
	})
	s.mapping = m
	m.Show()
}

// showPreview opens the preview of a planned import; a standards list's
// preview can go back to its column mapping, and says when the mapping
// saved for its headers was used.
func (s *Screen) showPreview(p *exchange.Plan, req importRequest) {
	var back func()
	switch {
	case req.mapping != nil:
		back = func() {
			s.mapping = req.mapping
			req.mapping.Show()
		}
	case req.first != nil:
		back = func() { s.showMapping(req, req.first, req.saved) }
	}
	note := ""
	if req.saved != nil {
		note = "Using the mapping you saved on " + savedOn(*req.saved) + " for files with these headers. To choose other columns, press Change the columns."
	}
	s.preview = newImportPreview(s.win, p, s.apply, back, note)
	s.preview.Show()
}

// apply writes the plan with the teacher's choices, with a progress
// dialog; Cancel stops it until it takes effect. Then the screens hear of
// what the import wrote.
func (s *Screen) apply(p *exchange.Plan) {
	file := p.File.Name()
	runImport(s, file, "Saving a backup, then importing into "+p.Merge.Continuum.Name+"…", false,
		func(ctx context.Context, progress func(done, total int)) (exchange.Applied, error) {
			return p.Apply(ctx, s.store, progress)
		},
		func(a exchange.Applied) { s.imported(file, a) },
		func() { showNothingToImport(s.win, file) })
}

// runImport writes an import off the UI goroutine behind a progress
// dialog (a bar when infinite is false); Cancel stops it until it takes
// effect. Then done is given what was written, or nothing says that the
// store already held it all, or the failure is said in one message.
func runImport[T any](s *Screen, file, doing string, infinite bool,
	write func(ctx context.Context, progress func(done, total int)) (T, error), done func(T), nothing func()) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := s.showProgress("Import "+file, doing, infinite, cancel)
	screen.Run(func(context.Context) (T, error) {
		return write(ctx, func(n, total int) {
			if total > 0 {
				prog.Set(float64(n) / float64(total))
			}
		})
	}, func(got T) {
		prog.Hide()
		cancel()
		done(got)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled && errors.Is(err, context.Canceled):
			screen.ShowInfo(s.win, "Import cancelled", "The import was stopped before it took effect. Nothing was changed.")
		case errors.Is(err, exchange.ErrNothingToImport):
			nothing()
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
