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
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	plannerstorage "github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// The app's store exports and takes in imports.
var _ Store = (*plannerstorage.Store)(nil)

// wbioDemoID is the demo continuum's ID.
const wbioDemoID = "demo-math-foundations"

// wbioDemoStore opens a real store holding the demo classroom.
func wbioDemoStore(t *testing.T) *plannerstorage.Store {
	t.Helper()
	st := storagetest.OpenDemo(t)
	return st
}

// wbioSetup returns a window and the transfer Screen on st, with the demo
// continuum chosen and a fixed day.
func wbioSetup(t *testing.T, st *plannerstorage.Store) (fyne.Window, *Screen, *screen.Workspace) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1100, 720))
	ws := screen.NewWorkspace()
	ws.SetToday(continuum.NewDate(2027, 1, 15))
	if all, err := st.Continua(context.Background()); err == nil && len(all) > 0 {
		ws.SelectContinuum(all[0].ID)
	}
	return w, New(st, ws, w), ws
}

// wbioExportDemo exports the demo from st to a new file and returns its path.
func wbioExportDemo(t *testing.T, st *plannerstorage.Store) string {
	t.Helper()
	_, io, _ := wbioSetup(t, st)
	path := filepath.Join(t.TempDir(), "Math Foundations 2027-01-15.xlsx")
	io.exportTo(exportFormats[0], wbioDemoID, "", path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the export wrote nothing: %v", err)
	}
	return path
}

// wbioTexts returns the text of every label and button in the window's overlays.
func wbioTexts(w fyne.Window) []string {
	var out []string
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			switch v := o.(type) {
			case *widget.Label:
				out = append(out, v.Text)
			case *widget.Button:
				out = append(out, v.Text)
			case *widget.RichText:
				out = append(out, v.String())
			case *widget.RadioGroup:
				out = append(out, v.Options...)
			}
		}
	}
	return out
}

// wbioShows reports whether some overlay shows a text containing part.
func wbioShows(w fyne.Window, part string) bool {
	return slices.ContainsFunc(wbioTexts(w), func(s string) bool { return strings.Contains(s, part) })
}

// wbioCloseOverlays closes every dialog, as a teacher would dismiss them.
func wbioCloseOverlays(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// wbioCounts reads what the store holds of a continuum.
func wbioCounts(t *testing.T, st *plannerstorage.Store, id string) (targets, students, evidence int) {
	t.Helper()
	ctx := context.Background()
	ts, err := st.Targets(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := st.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: id})
	if err != nil {
		t.Fatal(err)
	}
	return len(ts), len(ss), len(ev)
}

// wbioBuild writes a workbook with excelize, as a spreadsheet program
// saves one: sheets of rows, first row the header.
func wbioBuild(t *testing.T, path string, password string, sheets map[string][][]any, order ...string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
}

func TestWorkbookExportFileName(t *testing.T) {
	day := continuum.NewDate(2027, 1, 15)
	if got := screen.FileName("Math Foundations", "", day, ".xlsx"); got != "Math Foundations 2027-01-15.xlsx" {
		t.Errorf("name %q", got)
	}
	if got := screen.FileName("Grade 3/4: Reading", "Period 2", day, ".xlsx"); got != "Grade 3-4- Reading Period 2 2027-01-15.xlsx" {
		t.Errorf("name with a group %q", got)
	}
}

// Given the demo, when the teacher exports it to a path, the workbook
// holds the whole continuum and class, no temporary file is left, and the
// teacher is told where it went.
func TestWorkbookExportToPath(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, _ := wbioSetup(t, st)
	dir := t.TempDir()
	path := filepath.Join(dir, "term 1.xlsx")
	io.exportTo(exportFormats[0], wbioDemoID, "", path)
	if !wbioShows(w, path) || !wbioShows(w, "36 targets, 28 students and") {
		t.Errorf("the export does not say where it went: %q", wbioTexts(w))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left beside the export: %v", entries)
	}
	book, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	targets, students, evidence := wbioCounts(t, st, wbioDemoID)
	if len(book.Targets) != targets || len(book.Students) != students || len(book.Evidence) != evidence || book.Continuum.Name != demo.Name {
		t.Errorf("workbook has %d targets, %d students, %d evidence of %q; the store %d, %d, %d",
			len(book.Targets), len(book.Students), len(book.Evidence), book.Continuum.Name, targets, students, evidence)
	}
	if io.progress == nil || io.progress.open {
		t.Error("the progress dialog was not shown, or is still open")
	}
}

// Export asks which students to keep, then offers a file save dialog;
// the file it answers with receives one group's workbook.
func TestWorkbookExportThroughTheDialogs(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, _ := wbioSetup(t, st)
	io.Export()
	if io.exportPick == nil || !slices.Contains(io.groups.Options, "Period 2 (14 students)") || io.groups.Selected != "All students (28 students)" {
		t.Fatalf("no group choice: %+v", io.groups)
	}
	io.groups.SetSelected("Period 2 (14 students)")
	test.Tap(io.exportPick.ConfirmButton())
	if io.saveDialog == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("no file save dialog")
	}
	// The dialog answers with the file the teacher named (without .xlsx).
	path := filepath.Join(t.TempDir(), "for Sam")
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	answerSave(w, wc, nil, func(path string) { io.exportTo(exportFormats[0], wbioDemoID, "Period 2", path) })
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the empty file the dialog made is still there: %v", err)
	}
	book, err := workbook.DecodeFile(context.Background(), path+".xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Students) != 14 || book.Students[0].Group != "Period 2" {
		t.Errorf("exported %d students, first in %q", len(book.Students), book.Students[0].Group)
	}
	if !wbioShows(w, path+".xlsx") || !wbioShows(w, "14 students") {
		t.Errorf("the message: %q", wbioTexts(w))
	}
	// Cancelling the save dialog does nothing.
	answerSave(w, nil, nil, func(string) { t.Error("a cancelled save dialog exported") })
}

func TestWorkbookExportWithoutContinuum(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w, io, _ := wbioSetup(t, st)
	io.Export()
	if !wbioShows(w, "There is no continuum to export") {
		t.Errorf("texts %q", wbioTexts(w))
	}
}

// An export into an empty store through the preview and Apply brings the
// demo's targets, students and evidence; importing it again adds nothing.
func TestWorkbookImportIntoAnEmptyStoreThenAgain(t *testing.T) {
	test.NewTempApp(t)
	src := wbioDemoStore(t)
	path := wbioExportDemo(t, src)
	dst := storagetest.Open(t)
	w, io, ws := wbioSetup(t, dst)
	var heard []screen.ChangeKind
	ws.OnChange(func(c screen.Change) { heard = append(heard, c.Kind) })

	// The file open dialog answers with the workbook.
	io.Import()
	if io.openDialog == nil {
		t.Fatal("no file open dialog")
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	answerOpen(w, rc, nil, io.importFrom)
	if io.preview == nil {
		t.Fatalf("no preview; shown %q", wbioTexts(w))
	}
	p := io.preview
	targets, students, evidence := wbioCounts(t, src, wbioDemoID)
	if got := p.p.Count(continuum.SectionTargets, continuum.Added); got != targets {
		t.Errorf("targets added %d, want %d", got, targets)
	}
	if got := p.p.Count(continuum.SectionEvidence, continuum.Added); got != evidence {
		t.Errorf("evidence added %d, want %d", got, evidence)
	}
	if !wbioShows(w, "Import as a new continuum, “Math Foundations”") || p.dlg.ConfirmButton().Disabled() {
		t.Fatalf("preview %q, apply disabled %v", wbioTexts(w), p.dlg.ConfirmButton().Disabled())
	}
	if n, _ := dst.Continua(context.Background()); len(n) != 0 {
		t.Fatal("something was written before Apply")
	}
	test.Tap(p.dlg.ConfirmButton())

	gotT, gotS, gotE := wbioCounts(t, dst, wbioDemoID)
	if gotT != targets || gotS != students || gotE != evidence {
		t.Errorf("store after import: %d targets, %d students, %d evidence; want %d, %d, %d", gotT, gotS, gotE, targets, students, evidence)
	}
	// Units and flex blocks travel too.
	if units, _ := dst.Units(context.Background(), wbioDemoID); len(units) != 2 {
		t.Errorf("%d units imported, want the demo's 2", len(units))
	}
	if blocks, _ := dst.FlexBlocks(context.Background(), wbioDemoID); len(blocks) != 1 {
		t.Errorf("%d flex blocks imported, want the demo's 1", len(blocks))
	}
	if ws.Continuum() != wbioDemoID {
		t.Errorf("chosen continuum %q", ws.Continuum())
	}
	for _, k := range []screen.ChangeKind{screen.ContinuaChanged, screen.TargetsChanged, screen.RosterChanged, screen.EvidenceChanged} {
		if !slices.Contains(heard, k) {
			t.Errorf("the screens did not hear of change %d (heard %v)", k, heard)
		}
	}
	var backup string
	for _, s := range wbioTexts(w) {
		if i := strings.Index(s, "is saved in\n"); i >= 0 {
			backup = strings.TrimSpace(s[i+len("is saved in\n"):])
		}
	}
	if _, err := os.Stat(backup); backup == "" || err != nil {
		t.Errorf("the backup %q is not reported or not there: %v", backup, err)
	}
	wbioCloseOverlays(w)

	// Again: everything is unchanged and there is nothing to apply.
	io.importFrom(path)
	p = io.preview
	for _, s := range []string{continuum.SectionTargets, continuum.SectionStudents, continuum.SectionEvidence} {
		if p.p.Count(s, continuum.Added) != 0 || p.p.Count(s, continuum.Unchanged) == 0 {
			t.Errorf("%s again: %v", s, p.p.Merge.Counts[s])
		}
	}
	if !p.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Nothing to import") {
		t.Errorf("apply disabled %v; texts %q", p.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
	if _, _, e := wbioCounts(t, dst, wbioDemoID); e != evidence {
		t.Errorf("evidence after the second import %d, want %d", e, evidence)
	}
}

// wbioColleague writes a colleague's workbook: the demo's export with one
// target's statement and level changed.
func wbioColleague(t *testing.T, st *plannerstorage.Store) (path, code, statement string) {
	t.Helper()
	book, err := workbook.DecodeFile(context.Background(), wbioExportDemo(t, st), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(book.Targets, func(t continuum.Target) bool { return t.Code == "NO.1.2" })
	book.Targets[i].Statement = "I can compare two numbers up to 1,000 and explain my thinking."
	book.Targets[i].Milestone = !book.Targets[i].Milestone
	path = filepath.Join(t.TempDir(), "from Sam.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := workbook.NewEncoder(f, workbook.EncodeOptions{}).Encode(context.Background(), book); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path, "NO.1.2", book.Targets[i].Statement
}

func wbioTarget(t *testing.T, st *plannerstorage.Store, code string) continuum.Target {
	t.Helper()
	ts, err := st.Targets(context.Background(), wbioDemoID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if x.Code == code {
			return x
		}
	}
	t.Fatalf("no target %s", code)
	return continuum.Target{}
}

// A colleague's workbook with one target defined differently shows it
// side by side; keeping mine leaves the store as it was, taking theirs
// changes it.
func TestWorkbookImportConflictSideBySide(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	path, code, theirs := wbioColleague(t, st)
	mine := wbioTarget(t, st, code)
	w, io, _ := wbioSetup(t, st)

	io.importFrom(path)
	p := io.preview
	if p == nil || len(p.p.Merge.Conflicts) != 1 || p.p.Count(continuum.SectionTargets, continuum.Conflicting) != 1 {
		t.Fatalf("preview %+v", p)
	}
	if got := p.p.Count(continuum.SectionEvidence, continuum.Unchanged); got == 0 || p.p.Count(continuum.SectionEvidence, continuum.Added) != 0 {
		t.Errorf("evidence: %v", p.p.Merge.Counts[continuum.SectionEvidence])
	}
	p.tabs.SelectIndex(1)
	for _, s := range []string{"Target " + code, "Mine (in the store)", "Theirs (in the workbook)", mine.Statement, theirs, "Statement", "Milestone", keepMine, takeTheirs} {
		if !wbioShows(w, s) {
			t.Errorf("the conflict does not show %q", s)
		}
	}
	if p.choices[0].Selected != keepMine {
		t.Errorf("default choice %q", p.choices[0].Selected)
	}
	// Keep mine: nothing changes.
	test.Tap(p.dlg.ConfirmButton())
	if got := wbioTarget(t, st, code); got.Statement != mine.Statement || got.Milestone != mine.Milestone {
		t.Errorf("keep mine changed the target: %+v", got)
	}
	if !wbioShows(w, "Nothing was changed") {
		t.Errorf("texts %q", wbioTexts(w))
	}
	wbioCloseOverlays(w)

	// Take theirs (with the button for all): the target changes.
	io.importFrom(path)
	p = io.preview
	test.Tap(p.allTheirs)
	if p.choices[0].Selected != takeTheirs || p.p.Merge.Conflicts[0].Choice != continuum.TakeTheirs {
		t.Fatalf("take all theirs: %q", p.choices[0].Selected)
	}
	test.Tap(p.allMine)
	if p.p.Merge.Conflicts[0].Choice != continuum.KeepMine {
		t.Fatal("keep all mine did not reset the choice")
	}
	p.choices[0].SetSelected(takeTheirs)
	test.Tap(p.dlg.ConfirmButton())
	if got := wbioTarget(t, st, code); got.Statement != theirs || got.Milestone == mine.Milestone {
		t.Errorf("take theirs left the target: %+v", got)
	}
	if !wbioShows(w, "Workbook imported") && !wbioShows(w, "is saved in") {
		t.Errorf("texts %q", wbioTexts(w))
	}
}

// A workbook with an off-scale score and a bad date lists each problem
// with its sheet, row and column, and Apply stays off.
func TestWorkbookImportListsProblems(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "term1.xlsx")
	wbioBuild(t, path, "", map[string][][]any{
		"Targets":  {{"Code", "Domain", "Level", "Statement"}, {"T1", "Number", "1", "I can count"}, {"T2", "Number", "1", "I can add"}},
		"Students": {{"Student ID", "Name", "Group"}, {"S1", "Ana Diaz", "Period 2"}},
		"Evidence": {{"Student ID", "Target", "Date", "Score"}, {"S1", "T1", "2026-09-14", 5}, {"S1", "T2", "2026-13-45", 3}, {"S1", "T2", "2026-09-15", 3}},
	}, "Targets", "Students", "Evidence")
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	p := io.preview
	if p == nil || p.problems == nil {
		t.Fatalf("no preview with problems; shown %q", wbioTexts(w))
	}
	want := map[string]bool{"Evidence, row 2, column D (Score)": false, "Evidence, row 3, column C (Date)": false}
	for row := range p.problems.lines {
		if _, ok := want[p.problems.cell(row, 0)]; ok {
			want[p.problems.cell(row, 0)] = true
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("problem at %s not listed; listed %+v", k, p.problems.lines)
		}
	}
	if p.p.Count(continuum.SectionEvidence, continuum.Refused) != 2 {
		t.Errorf("evidence refused %d, want 2", p.p.Count(continuum.SectionEvidence, continuum.Refused))
	}
	if !p.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Apply is off: the workbook has 2 problems") {
		t.Errorf("apply disabled %v; texts %q", p.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
	p.tabs.SelectIndex(1)
	p.problems.table.Select(widget.TableCellID{Row: 0, Col: 1})
	if !strings.HasPrefix(p.problems.detail.Text, "Evidence, row ") {
		t.Errorf("detail %q", p.problems.detail.Text)
	}
	test.Tap(p.dlg.ConfirmButton())
	if all, _ := st.Continua(context.Background()); len(all) != 0 {
		t.Error("a workbook with problems was applied")
	}
}

// A teacher's standards list goes through the column mapping, prefilled
// with the recognised columns, then the preview, then into the store.
func TestWorkbookImportStandardsListThroughTheMapping(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "Grade 3 math.xlsx")
	wbioBuild(t, path, "", map[string][][]any{
		"Standards": {
			{"Standard ID", "Description", "Grade", "Notes"},
			{"3.OA.1", "Interpret products of whole numbers.", "3", "new"},
			{"3.OA.2", "Interpret whole-number quotients.", "3"},
			{"4.OA.1", "Interpret a multiplication equation as a comparison.", "4"},
		},
	}, "Standards")
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	m := io.mapping
	if m == nil || io.preview != nil {
		t.Fatalf("no mapping dialog first; shown %q", wbioTexts(w))
	}
	for field, col := range map[string]int{"code": 0, "statement": 1, "level": 2, "domain": -1, "parent": -1} {
		if got := m.chosen(field); got != col {
			t.Errorf("%s prefilled with column %d, want %d", field, got, col)
		}
	}
	for _, s := range []string{"A · Standard ID", "B · Description", "→ code", "→ statement"} {
		if !wbioShows(w, s) {
			t.Errorf("the mapping does not show %q", s)
		}
	}
	cell := m.newCell().(*widget.Label)
	m.updateCell(widget.TableCellID{Row: 1, Col: 1}, cell)
	if rows, cols := m.tableSize(); rows != 3 || cols != 4 || cell.Text != "Interpret whole-number quotients." {
		t.Errorf("the first rows: %d × %d, row 2 column B %q", rows, cols, cell.Text)
	}
	// The code is needed, and one column holds one field.
	m.Choose("code", -1)
	if !m.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Choose the column that holds the code") {
		t.Errorf("without a code: %q", wbioTexts(w))
	}
	m.Choose("code", 1)
	if !m.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Code and Statement are both in column B") {
		t.Errorf("two fields in one column: %q", wbioTexts(w))
	}
	m.Choose("code", 0)
	m.Choose("domain", 3) // the Notes column gives the domains
	if m.dlg.ConfirmButton().Disabled() {
		t.Fatal("apply off with a good mapping")
	}
	test.Tap(m.dlg.ConfirmButton())
	p := io.preview
	if p == nil {
		t.Fatalf("no preview after the mapping; shown %q", wbioTexts(w))
	}
	if got := p.p.Count(continuum.SectionTargets, continuum.Added); got != 3 || !p.p.Merge.NewContinuum || p.p.Merge.Continuum.Name != "Grade 3 math" {
		t.Errorf("preview: %d targets added, continuum %+v", got, p.p.Merge.Continuum)
	}
	// Back to the columns, which keep the choices, and on again.
	test.Tap(p.back)
	if io.mapping != m || m.chosen("domain") != 3 {
		t.Fatalf("back to the mapping: %v, domain %d", io.mapping == m, m.chosen("domain"))
	}
	test.Tap(m.dlg.ConfirmButton())
	if io.preview == p || io.preview == nil {
		t.Fatal("no new preview after the mapping again")
	}
	p = io.preview
	if sheet, cols := m.Mapping(); sheet != "Standards" || len(cols) != 1 || cols["domain"] != "Notes" {
		t.Errorf("the mapping passed to the reader: %q %v", sheet, cols)
	}
	test.Tap(p.dlg.ConfirmButton())
	all, err := st.Continua(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("continua %v, %v", all, err)
	}
	ts, _ := st.Targets(context.Background(), all[0].ID)
	if len(ts) != 3 || !slices.ContainsFunc(ts, func(x continuum.Target) bool { return x.Code == "3.OA.1" && x.Level == "3" && x.Domain == "new" }) {
		t.Errorf("targets %+v", ts)
	}
}

// A password-protected workbook asks for its password, again after a
// wrong one, and opens with the right one.
func TestWorkbookImportAsksForThePassword(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	wbioBuild(t, path, "plc-2027", map[string][][]any{
		"Targets": {{"Code", "Statement"}, {"R.1", "I can retell a story."}},
	}, "Targets")
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	if io.password == nil || !wbioShows(w, "locked.xlsx is protected with a password") {
		t.Fatalf("no password asked; shown %q", wbioTexts(w))
	}
	test.Type(io.passEntry, "guess")
	test.Tap(io.password.ConfirmButton())
	if io.preview != nil || !wbioShows(w, "That password does not open locked.xlsx") {
		t.Fatalf("a wrong password: %q", wbioTexts(w))
	}
	if got := io.password.Error(); !strings.Contains(got, "does not open") {
		t.Errorf("the wrong password's line: %q", got)
	}
	test.Type(io.passEntry, "plc-2027")
	if got := io.password.Error(); got != "" {
		t.Errorf("another password was typed and the line still says %q", got)
	}
	io.passEntry.OnSubmitted(io.passEntry.Text)
	if io.preview == nil || io.preview.p.Count(continuum.SectionTargets, continuum.Added) != 1 {
		t.Fatalf("the right password: %q", wbioTexts(w))
	}
}

// Cancel while a large workbook is read stops the read: no preview, no
// error, and the store untouched.
func TestWorkbookImportCancelDuringDecode(t *testing.T) {
	test.NewTempApp(t)
	d := demo.Generate("District", demo.Size{Students: 60, Targets: 40, Evidence: 30000})
	var buf bytes.Buffer
	if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{On: continuum.NewDate(2027, 1, 15), Now: time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)}).
		Encode(context.Background(), workbook.New(d.Continuum, d.Targets, d.Class())); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "district.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	st := storagetest.Open(t)
	w, io, _ := wbioSetup(t, st)
	updates := 0
	io.afterProgress = func() {
		updates++
		if io.progress != nil && !io.progress.cancel.Disabled() {
			test.Tap(io.progress.cancel)
		}
	}
	io.importFrom(path)
	if updates == 0 {
		t.Fatal("the read reported no progress")
	}
	if io.preview != nil || io.mapping != nil {
		t.Error("a cancelled read went on to a preview")
	}
	if io.progress.open || w.Canvas().Overlays().Top() != nil {
		t.Errorf("dialogs left open: %q", wbioTexts(w))
	}
	if all, _ := st.Continua(context.Background()); len(all) != 0 {
		t.Error("the store changed")
	}
}

// A file that is not a workbook is refused in plain words.
func TestWorkbookImportRefusesAFileThatIsNotAWorkbook(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "notes.xlsx")
	// Binary junk: a text file would be read as a CSV list.
	if err := os.WriteFile(path, []byte("\x00\x01shopping list"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	if !wbioShows(w, "Could not read notes.xlsx: it is not an Excel workbook, nor a list or framework saved as text") {
		t.Errorf("texts %q", wbioTexts(w))
	}
}

// wbioMerger counts the merges it is asked to apply and applies none;
// it reads through the store it wraps.
type wbioMerger struct {
	Store
	calls int
}

func (m *wbioMerger) ApplyMerge(ctx context.Context, _ continuum.MergeChange, progress func(done, total int)) (string, error) {
	m.calls++
	progress(1, 2)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return "/backups/x", nil
}

// Cancel while an import is applied stops it before it takes effect.
func TestWorkbookApplyCancelled(t *testing.T) {
	test.NewTempApp(t)
	src := wbioDemoStore(t)
	path := wbioExportDemo(t, src)
	dst := storagetest.Open(t)
	w, io, ws := wbioSetup(t, dst)
	m := &wbioMerger{Store: dst}
	io.store = m
	io.importFrom(path)
	io.afterProgress = func() {
		if io.progress != nil && !io.progress.cancel.Disabled() {
			test.Tap(io.progress.cancel)
		}
	}
	test.Tap(io.preview.dlg.ConfirmButton())
	if m.calls != 1 || !wbioShows(w, "Import cancelled") || ws.Continuum() != "" {
		t.Errorf("calls %d, texts %q, chosen %q", m.calls, wbioTexts(w), ws.Continuum())
	}
}

// The mapping form asks for every field the reader can map, in its order.
func TestWorkbookMappingFieldsAreTheReaders(t *testing.T) {
	var keys []string
	for _, f := range mappingFields {
		keys = append(keys, f.key)
	}
	if !slices.Equal(keys, workbook.MapFields) {
		t.Errorf("form fields %v, reader's %v", keys, workbook.MapFields)
	}
}

// A spreadsheet read as a standards list with no sheet whose columns can
// be mapped (here an empty one) is refused in plain words, before any
// mapping is asked for.
func TestWorkbookImportRefusesAListWithoutHeaders(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	wbioBuild(t, path, "", map[string][][]any{"Sheet1": {}}, "Sheet1")
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	if io.mapping != nil || io.preview != nil || !wbioShows(w, "Could not import empty.xlsx: it has no Targets sheet and no sheet with a header row. Nothing was changed") {
		t.Errorf("mapping %v, preview %v; texts %q", io.mapping != nil, io.preview != nil, wbioTexts(w))
	}
}

// Given a colleague's workbook of her own class on the demo continuum,
// numbered from S001 like the store's, the preview says her students are
// other people added with new IDs, and lists each on its row.
func TestWorkbookImportSaysWhoIsRenumbered(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	hers := storagetest.Open(t)
	d := demo.Classroom()
	for i := range d.Students {
		d.Students[i].Name = "Colleague's " + d.Students[i].Name
		d.Students[i].ExternalID = ""
	}
	if err := d.Load(context.Background(), hers); err != nil {
		t.Fatal(err)
	}
	path := wbioExportDemo(t, hers)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	if io.preview == nil {
		t.Fatalf("no preview: %q", wbioTexts(w))
	}
	n := len(d.Students)
	if !wbioShows(w, fmt.Sprintf("%d students of the workbook have the IDs of your students but are other people", n)) {
		t.Errorf("the preview does not say who is renumbered: %q", wbioTexts(w))
	}
	if got := io.preview.p.Count(continuum.SectionStudents, continuum.Added); got != n {
		t.Errorf("students added %d, want %d", got, n)
	}
}
