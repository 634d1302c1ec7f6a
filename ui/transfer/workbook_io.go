package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Merger applies an import to the store as one all-or-nothing change,
// after saving a backup of the whole store, and returns the backup's path.
// The app's store (*storage.Store) is one.
type Merger interface {
	ApplyMerge(ctx context.Context, mc continuum.MergeChange, progress func(done, total int)) (backup string, err error)
}

// workbookStore is what export and import read from the store.
type workbookStore interface {
	Continuum(ctx context.Context, id string) (continuum.Continuum, error)
	FindContinuum(ctx context.Context, nameOrID string) (continuum.Continuum, error)
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	Students(ctx context.Context) ([]continuum.Student, error)
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	Units(ctx context.Context, continuumID string) ([]continuum.Unit, error)
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
}

// previewRows is how many rows of a standards list the column-mapping dialog shows.
const previewRows = 6

// WorkbookIO exports the continuum being worked on as a workbook and
// imports workbooks (a colleague's export, a teacher's standards list, an
// OpenSALT CASE spreadsheet) through a preview. Long work runs off the UI
// goroutine with a progress bar and Cancel; nothing is written to the
// store before the teacher presses Apply in the preview.
type WorkbookIO struct {
	store  workbookStore
	merger Merger
	ws     *screen.Workspace
	win    fyne.Window

	// The dialogs last opened, for the tests to drive.
	saveDialog *dialog.FileDialog
	openDialog *dialog.FileDialog
	groupPick  *widgets.FormDialog
	groups     *widgets.Select
	password   *widgets.FormDialog
	passEntry  *widget.Entry
	progress   *workbookProgress
	mapping    *columnMapping
	preview    *importPreview

	// afterProgress, when set, is called on the UI goroutine after each
	// progress update (the tests press Cancel from it).
	afterProgress func()
}

// NewWorkbookIO returns the workbook export and import of the app. store
// is read for export and for the preview; merger applies an import (the
// store itself, for the app: *storage.Store has ApplyMerge). ws says which
// continuum to export and hears of what an import changed.
func NewWorkbookIO(store continuum.Store, merger Merger, ws *screen.Workspace, win fyne.Window) *WorkbookIO {
	return &WorkbookIO{store: store, merger: merger, ws: ws, win: win}
}

// exportSubject is what the export dialogs need to know of the continuum.
type exportSubject struct {
	id, name string
	groups   []string // the roster's groups, sorted
	sizes    map[string]int
	students int
}

// Export asks where to save the continuum being worked on (and, when the
// roster has several groups, which students to keep), then writes it.
func (w *WorkbookIO) Export() {
	id := w.ws.Continuum()
	if id == "" {
		screen.ShowError(w.win, errors.New("there is no continuum to export yet: create one, or import a workbook first"))
		return
	}
	screen.Run(func(ctx context.Context) (exportSubject, error) {
		c, err := w.store.Continuum(ctx, id)
		if err != nil {
			return exportSubject{}, fmt.Errorf("export: %w", err)
		}
		students, err := w.store.Students(ctx)
		if err != nil {
			return exportSubject{}, fmt.Errorf("export %s: %w", c.Name, err)
		}
		s := exportSubject{id: c.ID, name: c.Name, sizes: map[string]int{}, students: len(students)}
		for _, st := range students {
			g := strings.TrimSpace(st.Group)
			if g == "" {
				continue
			}
			if s.sizes[g] == 0 {
				s.groups = append(s.groups, g)
			}
			s.sizes[g]++
		}
		slices.Sort(s.groups)
		return s, nil
	}, w.onExportSubject, func(err error) { screen.ShowError(w.win, err) })
}

func (w *WorkbookIO) onExportSubject(s exportSubject) {
	if len(s.groups) < 2 {
		w.chooseExportFile(s, "")
		return
	}
	all := "All students (" + screen.Plural(s.students, "student", "students") + ")"
	options := []string{all}
	for _, g := range s.groups {
		options = append(options, g+" ("+screen.Plural(s.sizes[g], "student", "students")+")")
	}
	w.groups = widgets.NewSelect(options, nil)
	w.groups.SetSelectedIndex(0)
	intro := widget.NewLabel("A workbook can carry the whole roster, or one group with its evidence, for a colleague who teaches it.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, widget.NewForm(widget.NewFormItem("Students", w.groups)))
	var d *widgets.FormDialog
	d = widgets.NewFormDialog(w.win, "Export "+s.name, body, "Choose file…", func() {
		group := ""
		if i := w.groups.SelectedIndex(); i > 0 {
			group = s.groups[i-1]
		}
		d.Hide()
		w.chooseExportFile(s, group)
	})
	d.first = w.groups
	w.groupPick = d
	d.Show(fyne.NewSize(480, 0))
}

// chooseExportFile opens the file save dialog for an export of s.
func (w *WorkbookIO) chooseExportFile(s exportSubject, group string) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		w.onSaveChosen(s.id, group, wc, err)
	}, w.win)
	d.SetTitleText("Export " + s.name)
	d.SetConfirmText("Export")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.SetFileName(screen.FileName(s.name, group, w.ws.Today(), ".xlsx"))
	if loc := w.lastFolder(); loc != nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	w.saveDialog = d
	d.Show()
}

// onSaveChosen receives the file save dialog's answer. The dialog has
// already created (or emptied) the file; the export writes beside it and
// renames over it at the end.
func (w *WorkbookIO) onSaveChosen(continuumID, group string, wc fyne.URIWriteCloser, err error) {
	if err != nil {
		screen.ShowError(w.win, fmt.Errorf("the workbook cannot be saved there: %w", err))
		return
	}
	if wc == nil {
		return // the teacher cancelled
	}
	path := wc.URI().Path()
	wc.Close()
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		screen.RemoveIfEmpty(path)
		path += ".xlsx"
	}
	w.exportTo(continuumID, group, path)
}

// exported says what an export wrote.
type exported struct {
	name                        string
	targets, students, evidence int
}

// exportTo writes the continuum to path (keeping one group's students when
// group is set), with a progress dialog whose Cancel stops it. The
// workbook is written to a temporary file in the same folder and renamed
// at the end, so a cancelled or failed export leaves no partial file.
func (w *WorkbookIO) exportTo(continuumID, group, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	base := filepath.Base(path)
	prog := w.showProgress("Export", "Writing "+base+"…", true, cancel)
	screen.Run(func(context.Context) (exported, error) {
		return w.writeWorkbook(ctx, continuumID, group, path)
	}, func(e exported) {
		prog.Hide()
		cancel()
		w.rememberFolder(path)
		dialog.ShowInformation("Workbook exported",
			fmt.Sprintf("%s was exported to\n%s\n\n%s, %s and %s.", e.name, path,
				screen.Plural(e.targets, "target", "targets"), screen.Plural(e.students, "student", "students"),
				screen.Plural(e.evidence, "piece of evidence", "pieces of evidence")), w.win)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		screen.RemoveIfEmpty(path)
		if cancelled {
			return
		}
		screen.ShowError(w.win, fmt.Errorf("could not export to %s: %s", path, continuum.ErrorMessage(err)))
	})
}

// writeWorkbook reads the continuum with its class and encodes it to path.
func (w *WorkbookIO) writeWorkbook(ctx context.Context, continuumID, group, path string) (exported, error) {
	c, err := w.store.Continuum(ctx, continuumID)
	if err != nil {
		return exported{}, err
	}
	g, err := w.store.Graph(ctx, continuumID)
	if err != nil {
		return exported{}, err
	}
	var class continuum.Class
	if class.Students, err = w.store.Students(ctx); err != nil {
		return exported{}, err
	}
	if class.Evidence, err = w.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: continuumID}); err != nil {
		return exported{}, err
	}
	if class.Overrides, err = w.store.Overrides(ctx, continuumID, ""); err != nil {
		return exported{}, err
	}
	book := workbook.New(c, g.Targets, class)
	if book.Units, err = w.store.Units(ctx, continuumID); err != nil {
		return exported{}, err
	}
	if book.Flex, err = w.store.FlexBlocks(ctx, continuumID); err != nil {
		return exported{}, err
	}
	err = workbook.WriteFile(ctx, path, func(out io.Writer) error {
		return workbook.NewEncoder(out, workbook.EncodeOptions{Group: group, On: w.ws.Today(), AppVersion: screen.AppVersion()}).Encode(ctx, book)
	})
	if err != nil {
		return exported{}, err
	}
	e := exported{name: c.Name, targets: len(book.Targets), students: len(book.Students), evidence: len(book.Evidence)}
	if group != "" {
		keep := map[string]bool{}
		e.students = 0
		for _, s := range book.Students {
			if strings.EqualFold(strings.TrimSpace(s.Group), group) {
				keep[s.ID] = true
				e.students++
			}
		}
		e.evidence = 0
		for _, ev := range book.Evidence {
			if keep[ev.Student] {
				e.evidence++
			}
		}
	}
	return e, nil
}

func (w *WorkbookIO) lastFolder() fyne.ListableURI {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	dir := a.Preferences().String(prefWorkbookFolder)
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

func (w *WorkbookIO) rememberFolder(path string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefWorkbookFolder, filepath.Dir(path))
	}
}

// Import asks for a workbook and reads it into a preview: what it would
// add, change or refuse, and what is defined differently; a teacher's
// standards list first gets its columns mapped, a password-protected
// workbook its password.
func (w *WorkbookIO) Import() {
	if w.ws.ReadOnly() {
		screen.ShowError(w.win, continuum.ErrReadOnly) // a review takes nothing in
		return
	}
	d := dialog.NewFileOpen(w.onOpenChosen, w.win)
	d.SetTitleText("Import a workbook")
	d.SetConfirmText("Import")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	if loc := w.lastFolder(); loc != nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	w.openDialog = d
	d.Show()
}

// onOpenChosen receives the file open dialog's answer.
func (w *WorkbookIO) onOpenChosen(rc fyne.URIReadCloser, err error) {
	if err != nil {
		screen.ShowError(w.win, fmt.Errorf("the workbook cannot be opened: %w", err))
		return
	}
	if rc == nil {
		return // the teacher cancelled
	}
	path := rc.URI().Path()
	rc.Close()
	w.importFrom(path)
}

// importFrom reads the workbook at path into a preview.
func (w *WorkbookIO) importFrom(path string) {
	w.rememberFolder(path)
	w.read(importRequest{path: path, opts: workbook.Options{Name: filepath.Base(path)}})
}

// importRequest is one attempt at reading a workbook.
type importRequest struct {
	path string
	opts workbook.Options
	// mapped is set once the teacher has mapped a standards list's columns.
	mapped bool
	// mapping is the dialog the columns were mapped in, to go back to.
	mapping *columnMapping
}

// importRead is what reading a workbook gives: a first look at a
// standards list to map, or a planned import to preview.
type importRead struct {
	first *workbook.Preview
	plan  *importPlan
}

// read opens the workbook with a progress dialog: a standards list goes
// to the column mapping, anything else to the preview.
func (w *WorkbookIO) read(req importRequest) {
	ctx, cancel := context.WithCancel(context.Background())
	name := req.opts.Name
	prog := w.showProgress("Import "+name, "Reading "+name+"…", false, cancel)
	screen.Run(func(context.Context) (importRead, error) {
		if !req.mapped {
			first, err := workbook.PreviewFile(ctx, req.path, req.opts, previewRows)
			if err != nil {
				return importRead{}, err
			}
			if first.Layout == workbook.LayoutStandards {
				return importRead{first: first}, nil
			}
		}
		opts := req.opts
		opts.Progress = func(done float64) { prog.Set(0.9 * done) }
		book, err := workbook.DecodeFile(ctx, req.path, opts)
		if book == nil {
			return importRead{}, err
		}
		if err := ctx.Err(); err != nil {
			return importRead{}, err
		}
		prog.SetText("Comparing " + name + " with what is stored…")
		plan, err := w.planImport(ctx, book)
		if err != nil {
			return importRead{}, err
		}
		prog.Set(1)
		return importRead{plan: plan}, ctx.Err()
	}, func(r importRead) {
		prog.Hide()
		if ctx.Err() != nil {
			return // cancelled after the work was done: show nothing
		}
		cancel()
		if r.first != nil {
			w.showMapping(req, r.first)
			return
		}
		w.showPreview(r.plan, req.mapping)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled || errors.Is(err, context.Canceled):
		case errors.Is(err, workbook.ErrPasswordProtected):
			w.askPassword(req)
		default:
			screen.ShowError(w.win, readError(name, err))
		}
	})
}

// readError says in plain words why a workbook could not be read.
func readError(name string, err error) error {
	switch {
	case errors.Is(err, workbook.ErrNotWorkbook):
		return fmt.Errorf("could not read %s: it is not an Excel workbook, or it is damaged or cut short. Open it in your spreadsheet program, save it as Excel Workbook (.xlsx) and import it again. Nothing was changed", name)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("could not read %s: the file is no longer there. Nothing was changed", name)
	}
	return fmt.Errorf("could not import %s: %s. Nothing was changed", name, continuum.ErrorMessage(err))
}

// askPassword asks for the password of a protected workbook and reads it
// again; after a wrong one it says so.
func (w *WorkbookIO) askPassword(req importRequest) {
	w.passEntry = widget.NewPasswordEntry()
	w.passEntry.SetPlaceHolder("Password")
	intro := widget.NewLabel(req.opts.Name + " is protected with a password. Type it to open the workbook.")
	intro.Wrapping = fyne.TextWrapWord
	var d *widgets.FormDialog
	open := func() {
		if w.passEntry.Text == "" {
			d.SetError("Type the workbook's password.")
			return
		}
		req.opts.Password = w.passEntry.Text
		d.Hide()
		w.read(req)
	}
	w.passEntry.OnSubmitted = func(string) { open() }
	d = widgets.NewFormDialog(w.win, "Password-protected workbook", container.NewVBox(intro, w.passEntry), "Open", open)
	d.first = w.passEntry
	if req.opts.Password != "" {
		d.SetError("That password does not open " + req.opts.Name + ". Check it and try again.")
	}
	w.password = d
	d.Show(fyne.NewSize(460, 0))
}

// showMapping opens the column mapping of a standards list; once the
// teacher has chosen, the list is read with that mapping.
func (w *WorkbookIO) showMapping(req importRequest, first *workbook.Preview) {
	if !slices.ContainsFunc(first.Sheets, func(s workbook.SheetPreview) bool { return s.HeaderRow > 0 }) {
		screen.ShowError(w.win, fmt.Errorf("could not import %s: it has no Targets sheet and no sheet with a header row. Nothing was changed", req.opts.Name))
		return
	}
	var m *columnMapping
	m = newColumnMapping(w.win, req.opts.Name, first, func(sheet string, cols map[string]string) {
		req.opts.Sheet, req.opts.Map, req.mapped, req.mapping = sheet, cols, true, m
		w.read(req)
	})
	w.mapping = m
	m.Show()
}

// planImport compares a decoded workbook with the store: the stored
// continuum it merges into (matched by ID, else by name), the roster, and
// the merge plan.
func (w *WorkbookIO) planImport(ctx context.Context, book *workbook.Book) (*importPlan, error) {
	incoming := continuum.Snapshot{Continuum: book.Continuum, Targets: book.Targets, Students: book.Students,
		Evidence: book.Evidence, Overrides: book.Overrides, Units: book.Units, Flex: book.Flex, VisitNotes: book.VisitNotes}
	var stored *continuum.Continuum
	if id := book.Continuum.ID; id != "" {
		if c, err := w.store.Continuum(ctx, id); err == nil {
			stored = &c
		} else if !errors.Is(err, continuum.ErrNotFound) {
			return nil, err
		}
	}
	if stored == nil && strings.TrimSpace(book.Continuum.Name) != "" {
		if c, err := w.store.FindContinuum(ctx, book.Continuum.Name); err == nil {
			stored = &c
		} else if !errors.Is(err, continuum.ErrNotFound) {
			return nil, err
		}
	}
	var mine *continuum.Snapshot
	if stored != nil {
		incoming.Continuum.ID = stored.ID
		g, err := w.store.Graph(ctx, stored.ID)
		if err != nil {
			return nil, err
		}
		mine = &continuum.Snapshot{Continuum: *stored, Targets: g.Targets}
		if mine.Evidence, err = w.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: stored.ID}); err != nil {
			return nil, err
		}
		if mine.Overrides, err = w.store.Overrides(ctx, stored.ID, ""); err != nil {
			return nil, err
		}
		if mine.Units, err = w.store.Units(ctx, stored.ID); err != nil {
			return nil, err
		}
		if mine.Flex, err = w.store.FlexBlocks(ctx, stored.ID); err != nil {
			return nil, err
		}
		if mine.VisitNotes, err = w.store.VisitNotes(ctx, stored.ID); err != nil {
			return nil, err
		}
	}
	roster, err := w.store.Students(ctx)
	if err != nil {
		return nil, err
	}
	if mine != nil {
		mine.Students = roster
	}
	return newImportPlan(book, mine, continuum.PlanMerge(mine, roster, incoming)), nil
}

// showPreview opens the preview of a planned import; a standards list's
// preview can go back to its column mapping.
func (w *WorkbookIO) showPreview(p *importPlan, mapping *columnMapping) {
	var back func()
	if mapping != nil {
		back = func() {
			w.mapping = mapping
			mapping.Show()
		}
	}
	w.preview = newImportPreview(w.win, p, w.apply, back)
	w.preview.Show()
}

// apply writes the change with a progress dialog; Cancel stops it until
// it takes effect. Then the screens hear of everything an import touches.
func (w *WorkbookIO) apply(p *importPlan, change continuum.MergeChange) {
	if w.merger == nil {
		screen.ShowError(w.win, errors.New("this store cannot take imports; nothing was changed"))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	name := change.Continuum.Name
	prog := w.showProgress("Import "+p.book.About.File, "Saving a backup, then importing into "+name+"…", false, cancel)
	screen.Run(func(context.Context) (string, error) {
		return w.merger.ApplyMerge(ctx, change, func(done, total int) {
			if total > 0 {
				prog.Set(float64(done) / float64(total))
			}
		})
	}, func(backup string) {
		prog.Hide()
		cancel()
		w.imported(p, change, backup)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		if cancelled && errors.Is(err, context.Canceled) {
			dialog.ShowInformation("Import cancelled", "The import was stopped before it took effect. Nothing was changed.", w.win)
			return
		}
		screen.ShowError(w.win, fmt.Errorf("could not import %s: %s", p.book.About.File, continuum.ErrorMessage(err)))
	})
}

// imported reports a finished import and tells the screens.
func (w *WorkbookIO) imported(p *importPlan, change continuum.MergeChange, backup string) {
	id := change.Continuum.ID
	what := strings.Join(p.written(), "\n")
	into := "into " + change.Continuum.Name
	if change.NewContinuum {
		into = "as the new continuum " + change.Continuum.Name
	}
	if change.NewContinuum || w.ws.Continuum() == "" {
		w.ws.SelectContinuum(id)
	}
	for _, k := range []screen.ChangeKind{screen.ContinuaChanged, screen.TargetsChanged, screen.RosterChanged, screen.EvidenceChanged, screen.FlexChanged, screen.UnitsChanged, screen.VisitNotesChanged} {
		w.ws.Changed(screen.Change{Kind: k, Continuum: id})
	}
	if what != "" {
		what = "\n\n" + what
	}
	dialog.ShowInformation("Workbook imported",
		fmt.Sprintf("%s was imported %s.%s\n\nThe store as it was before is saved in\n%s", p.book.About.File, into, what, backup), w.win)
}

// workbookProgress is a modal progress dialog with Cancel. Set and SetText
// may be called from any goroutine.
type workbookProgress struct {
	dlg      *dialog.CustomDialog
	label    *widget.Label
	bar      *widget.ProgressBar
	infinite *widget.ProgressBarInfinite
	cancel   *widgets.Button
	after    func()
	open     bool
}

// showProgress opens a progress dialog; Cancel calls stop. An infinite
// bar is for work whose length is not known.
func (w *WorkbookIO) showProgress(title, text string, infinite bool, stop func()) *workbookProgress {
	p := &workbookProgress{after: w.afterProgress}
	p.label = widget.NewLabel(text)
	p.label.Wrapping = fyne.TextWrapWord
	var bar fyne.CanvasObject
	if infinite {
		p.infinite = widget.NewProgressBarInfinite()
		bar = p.infinite
	} else {
		p.bar = widget.NewProgressBar()
		bar = p.bar
	}
	p.cancel = widgets.NewButton("Cancel", theme.CancelIcon(), func() {
		p.cancel.Disable()
		p.label.SetText("Stopping…")
		stop()
	})
	content := container.NewVBox(p.label, bar, container.NewHBox(layout.NewSpacer(), p.cancel))
	widgets.SetOnEscape(content, p.cancel.OnTapped)
	p.dlg = dialog.NewCustomWithoutButtons(title, content, w.win)
	p.dlg.Resize(fyne.NewSize(440, p.dlg.MinSize().Height))
	p.open = true
	p.dlg.Show()
	w.win.Canvas().Focus(p.cancel)
	w.progress = p
	return p
}

// onUI runs f on the UI goroutine (at once in the tests).
func onUI(f func()) {
	if inline {
		f()
		return
	}
	fyne.Do(f)
}

// Set shows how far the work has got, from 0 to 1.
func (p *workbookProgress) Set(v float64) {
	onUI(func() {
		if p.bar != nil && p.open {
			p.bar.SetValue(v)
		}
		if p.after != nil {
			p.after()
		}
	})
}

// SetText says what the work is doing.
func (p *workbookProgress) SetText(s string) {
	onUI(func() {
		if p.open && !p.cancel.Disabled() {
			p.label.SetText(s)
		}
	})
}

// Hide closes the dialog.
func (p *workbookProgress) Hide() {
	if !p.open {
		return
	}
	p.open = false
	if p.infinite != nil {
		p.infinite.Stop()
	}
	p.dlg.Hide()
}
