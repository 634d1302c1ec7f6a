package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// demoID is the ID of the demo classroom's continuum.
var demoID = uitest.DemoID

// reviewDirPattern names a review's temporary folder, as storage/exchange
// makes it.
const reviewDirPattern = "continuum-planner-review-*"

// reviewExported is when the test workbooks say they were exported, and
// reviewDay the day that is.
var (
	reviewExported = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	reviewDay      = continuum.DateOf(reviewExported.Local())
)

// reviewFixture is a teacher's data folder holding the demo, the demo
// exported as a workbook, and a private temporary folder for the reviews'
// stores.
type reviewFixture struct {
	data string // the teacher's data folder, closed
	book string // the exported workbook
	tmp  string // where reviews put their temporary stores
}

// reviewSetup makes the fixture; password, when set, protects the workbook.
func reviewSetup(t *testing.T, password string) *reviewFixture {
	t.Helper()
	root := t.TempDir()
	f := &reviewFixture{data: filepath.Join(root, "data"), book: filepath.Join(root, "Math Foundations 2026-11-20.xlsx"), tmp: filepath.Join(root, "tmp")}
	if err := os.Mkdir(f.tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", f.tmp)
	// Were anything to open the teacher's default store, it would be this one.
	t.Setenv("CONTINUUM_PLANNER_DB", f.data)
	ctx := context.Background()
	st, err := storage.Open(f.data, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Classroom().Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	g, class, err := continuum.LoadClass(ctx, st, demoID)
	if err != nil {
		t.Fatal(err)
	}
	book := workbook.New(g.Continuum, g.Targets, class)
	if book.Units, err = st.Units(ctx, demoID); err != nil {
		t.Fatal(err)
	}
	if book.Flex, err = st.FlexBlocks(ctx, demoID); err != nil {
		t.Fatal(err)
	}
	// The block as the teacher placed the class and took attendance.
	for i, b := range book.Flex {
		came := true
		for _, pc := range g.Suggest(b, g.ClassPositions(class, b.Date)).Placements {
			if pc.Assignment.Offering != "" {
				pc.Assignment.Attended = &came
				book.Flex[i].Assignments = append(book.Flex[i].Assignments, pc.Assignment)
			}
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(f.book)
	if err != nil {
		t.Fatal(err)
	}
	if err := workbook.NewEncoder(out, workbook.EncodeOptions{On: reviewDay, Now: reviewExported}).Encode(ctx, book); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if password != "" {
		x, err := excelize.OpenFile(f.book)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SaveAs(f.book, excelize.Options{Password: password}); err != nil {
			t.Fatal(err)
		}
		x.Close()
	}
	return f
}

// reviewHashes hashes every file under dir, and lists the folder beside
// it (where a store would put its backups).
func reviewHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[path] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	beside, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range beside {
		out["beside: "+e.Name()] = ""
	}
	return out
}

// reviewLeftovers lists the reviews' temporary folders still there.
func reviewLeftovers(t *testing.T, f *reviewFixture) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(f.tmp, reviewDirPattern))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// reviewLaunch opens the fixture's workbook for review in a test window.
func reviewLaunch(t *testing.T, f *reviewFixture, password string) (fyne.Window, *ReviewWindow) {
	t.Helper()
	w := test.NewWindow(nil) // closed by the tests that close it, else left to the test app
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(exchange.CloseReviews)
	rw := LaunchReview(w, shellServices(nil), f.book, password, "", nil)
	return w, rw
}

// reviewBrowse goes through every screen of a review as a coach would:
// every view, a student's profile and a unit, then, through what the
// window shows, a target of the builder, a student of the roster, a cell
// of the class map, and the flex block's attendance and placements. What
// each screen offers and refuses in a review is tested in its own
// package (TestReadOnly… in ui/builder, ui/roster, ui/classmap, ui/flex
// and ui/units).
func reviewBrowse(t *testing.T, w fyne.Window, rw *ReviewWindow) {
	t.Helper()
	a := rw.app
	var views []string
	for _, v := range a.views {
		views = append(views, v.names[0])
	}
	views = append(views, "student:S003", "unit:Fractions as numbers")
	for _, view := range views {
		if err := a.Show(view); err != nil {
			t.Fatalf("show %s: %v", view, err)
		}
	}

	reviewOpen(t, a, ViewContinua)
	grid := reviewFind[*widgets.ContinuumGrid](t, a, "the continuum's grid")
	card := grid.Card("NO.1.2")
	if card == nil {
		t.Fatal("the builder shows no card NO.1.2")
	}
	test.Tap(card)
	if !uitest.DialogShows(w, "Target NO.1.2 (read-only)") {
		t.Errorf("tapping NO.1.2 shows %q", uitest.DialogTexts(w))
	}
	uitest.CloseDialogs(w)

	reviewOpen(t, a, ViewStudents)
	reviewFind[*widget.List](t, a, "the class list").Select(0)

	reviewOpen(t, a, ViewClassMap)
	reviewFind[*widgets.HeatMap](t, a, "the class map").Select(widget.TableCellID{Row: widgets.HeatMapHeaderRows, Col: 1})

	reviewOpen(t, a, ViewFlex)
	for _, label := range []string{"Attendance", "Placements"} {
		b := findButton(w, label)
		if b == nil {
			t.Fatalf("the flex screen has no %s button", label)
		}
		test.Tap(b)
	}
}

// reviewOpen shows a view of the review.
func reviewOpen(t *testing.T, a *App, view string) {
	t.Helper()
	if err := a.Show(view); err != nil {
		t.Fatalf("show %s: %v", view, err)
	}
}

// reviewFind returns the first T in the tab shown, failing when there is none.
func reviewFind[T fyne.CanvasObject](t *testing.T, a *App, what string) T {
	t.Helper()
	for _, o := range test.LaidOutObjects(a.tabs.Selected().Content) {
		if v, ok := o.(T); ok {
			return v
		}
	}
	var none T
	t.Fatalf("the %s tab shows no %s", a.tabs.Selected().Text, what)
	return none
}

// Given a teacher's data folder with the demo and the demo exported, when
// the workbook is reviewed (the app's way and the command line's way),
// browsed through every screen and closed, then every file of the data
// folder is byte for byte as it was, nothing was added beside it, and
// the review's temporary folder is gone.
func TestReviewLeavesTheStoreByteForByte(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	before := reviewHashes(t, f.data)

	w, rw := reviewLaunch(t, f, "")
	if rw.app == nil {
		t.Fatalf("the review did not open: %q", rw.status.Text)
	}
	reviewBrowse(t, w, rw)
	dir := rw.Review().Dir()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the review's store is not in a temporary folder: %v", err)
	}
	if strings.HasPrefix(dir, f.data) {
		t.Fatalf("the review's store %s is inside the data folder", dir)
	}
	w.Close()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after closing, the temporary folder %s: %v", dir, err)
	}

	// The app's way: Open for review… in a shell on another store.
	main := test.NewTempWindow(t, nil)
	st := storagetest.Open(t)
	a := NewApp(main, shellServices(st), screen.NewWorkspace())
	main.SetContent(a.Content())
	a.reviewer.Open(f.book, "")
	opened := a.reviewer.opened
	if opened == nil {
		t.Fatalf("no review window; dialogs %q", uitest.DialogTexts(main))
	}
	reviewBrowse(t, opened.win, opened)
	opened.win.Close()

	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
	after := reviewHashes(t, f.data)
	if len(after) != len(before) {
		t.Errorf("the data folder had %d files, now %d", len(before), len(after))
	}
	for path, sum := range before {
		if after[path] != sum {
			t.Errorf("%s changed", path)
		}
	}
}

// The review works while the teacher's app has the data folder open: it
// never opens the teacher's store.
func TestReviewWhileTheStoreIsOpen(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	st, err := storage.Open(f.data, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, rw := reviewLaunch(t, f, "")
	if rw.app == nil {
		t.Fatalf("the review did not open beside the open store: %q", rw.status.Text)
	}
	w.Close()
}

// In a review the shell has no Scoring tab and no import, export, undo
// or review; an import that slips through is refused with
// continuum.ErrReadOnly's sentence, never a crash; no screen shows a
// button that edits; and the store itself refuses changes.
func TestReviewShellHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	w, rw := reviewLaunch(t, f, "")
	if rw.app == nil {
		t.Fatalf("the review did not open: %q", rw.status.Text)
	}
	a := rw.app
	hidden := func(what string, objects ...fyne.CanvasObject) {
		t.Helper()
		for i, o := range objects {
			if o.Visible() {
				t.Errorf("%s: control %d is shown", what, i)
			}
		}
	}

	// The shell: no Scoring tab, no import, export, undo or review.
	var labels []string
	for _, item := range a.tabs.Items {
		labels = append(labels, item.Text)
	}
	if !slices.Equal(labels, []string{"Continuum", "Students", "Student profile", "Class map", "Flex time", "Units", "Calibration", "Report card"}) {
		t.Errorf("tabs %v", labels)
	}
	if err := a.Show(ViewEvidence); err == nil {
		t.Error("the scoring view opens in a review")
	}
	hidden("top bar", a.importBtn, a.exportBtn, a.undoBtn, a.reviewBtn)
	a.io.Import()
	if !uitest.DialogShows(w, continuum.ErrReadOnly.Error()) {
		t.Errorf("import in a review: %q", uitest.DialogTexts(w))
	}
	uitest.CloseDialogs(w)

	// Every screen: no button that edits. What each screen hides,
	// disables and refuses is tested in its own package: see
	// TestReadOnlyBuilderHasNoEditing (ui/builder),
	// TestReadOnlyRosterHasNoEditing (ui/roster),
	// TestReadOnlyClassMapHasNoEditing (ui/classmap),
	// TestReadOnlyFlexHasNoEditing (ui/flex) and
	// TestReadOnlyUnitsHaveNoEditing (ui/units).
	for _, v := range a.views {
		reviewOpen(t, a, v.names[0])
		uitest.NoEditing(t, w, v.label)
	}
	reviewOpen(t, a, "unit:Fractions as numbers")
	uitest.NoEditing(t, w, "a unit")

	// The store itself refuses.
	ctx := context.Background()
	if _, err := rw.Review().Store.AddEvidence(ctx, continuum.Evidence{Continuum: demoID, Student: "S001", Target: "NO.1.1", Date: reviewDay, Score: 3}); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("AddEvidence: %v", err)
	}
	if err := rw.Review().Store.PutStudents(ctx, continuum.Student{ID: "S099", Name: "New"}); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("PutStudents: %v", err)
	}
	if a.ws.ReadOnly() != true {
		t.Error("the workspace is not read-only")
	}
}

// The banner names the file and the day it is a snapshot of, and says
// where that day comes from; so does the window's title.
func TestReviewBannerShowsFileAndDate(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	w, rw := reviewLaunch(t, f, "")
	if rw.banner == nil {
		t.Fatalf("no banner: %q", rw.status.Text)
	}
	name := filepath.Base(f.book)
	day := reviewDay.Long()
	text := rw.banner.Text()
	for _, want := range []string{"Review of " + name + " — as of " + day + " (read-only)", "Exported on " + day, "Nothing can be changed"} {
		if !strings.Contains(text, want) {
			t.Errorf("banner %q lacks %q", text, want)
		}
	}
	if want := "Continuum Planner — Review of " + name + " — as of " + day + " (read-only)"; w.Title() != want {
		t.Errorf("title %q, want %q", w.Title(), want)
	}
	var found bool
	for _, o := range test.LaidOutObjects(w.Content()) {
		if o == rw.banner {
			found = true
		}
	}
	if !found {
		t.Error("the banner is not in the window")
	}
}

// The workspace's today is the snapshot's day, so positions and pace are
// judged as of then.
func TestReviewTodayIsTheSnapshotDay(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	_, rw := reviewLaunch(t, f, "")
	if rw.app == nil {
		t.Fatalf("the review did not open: %q", rw.status.Text)
	}
	if got := rw.ws.Today(); got != reviewDay {
		t.Errorf("Today() = %v, want %v", got, reviewDay)
	}
	// That the class map is judged as of the workspace's day is
	// TestReadOnlyClassMapIsJudgedAsOfTheWorkspaceDay (ui/classmap).
	if err := rw.app.Show(ViewClassMap); err != nil {
		t.Fatal(err)
	}
}

// A password-protected workbook asks for its password, again after a
// wrong one, and opens with the right one; without it, the window says
// why and offers to try again.
func TestReviewAsksForThePassword(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "plc-2027")
	name := filepath.Base(f.book)
	w, rw := reviewLaunch(t, f, "")
	if rw.app != nil || rw.load.password == nil || !uitest.DialogShows(w, name+" is protected with a password") {
		t.Fatalf("no password asked; shown %q", uitest.DialogTexts(w))
	}
	test.Type(rw.load.passEntry, "guess")
	test.Tap(rw.load.password.ConfirmButton())
	if rw.app != nil || !uitest.DialogShows(w, "That password does not open "+name) {
		t.Fatalf("a wrong password: %q", uitest.DialogTexts(w))
	}
	test.Tap(rw.load.password.CancelButton())
	if !strings.Contains(rw.status.Text, "protected with a password") || !rw.retry.Visible() {
		t.Fatalf("after cancelling: %q, retry shown %v", rw.status.Text, rw.retry.Visible())
	}
	test.Tap(rw.retry)
	test.Type(rw.load.passEntry, "plc-2027")
	rw.load.passEntry.OnSubmitted(rw.load.passEntry.Text)
	if rw.app == nil || rw.Review() == nil || rw.Review().Name != demo.Name {
		t.Fatalf("the right password: %q", uitest.DialogTexts(w))
	}
	w.Close()
	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// A file that is not a workbook says so in the window and in a dialog;
// nothing is left behind.
func TestReviewOfAFileThatIsNotAWorkbook(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	if err := os.WriteFile(f.book, []byte("\x00\x01Code,Statement") /* binary: text is read as a CSV list */, 0o600); err != nil {
		t.Fatal(err)
	}
	w, rw := reviewLaunch(t, f, "")
	if rw.app != nil || !strings.Contains(rw.status.Text, "is not an Excel workbook") || !uitest.DialogShows(w, "is not an Excel workbook") {
		t.Errorf("status %q, dialogs %q", rw.status.Text, uitest.DialogTexts(w))
	}
	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// Rows the review cannot show are left out and listed behind a button of
// the banner; the rest is reviewed.
func TestReviewListsWhatCouldNotBeRead(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	x, err := excelize.OpenFile(f.book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Evidence")
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := excelize.CoordinatesToCellName(1, len(rows)+1)
	if err := x.SetSheetRow("Evidence", cell, &[]any{"S001", "ZZ.9.9", "2026-11-02", 3}); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(f.book); err != nil {
		t.Fatal(err)
	}
	x.Close()
	w, rw := reviewLaunch(t, f, "")
	if rw.app == nil {
		t.Fatalf("the review did not open: %q", rw.status.Text)
	}
	if got := rw.Review().Problems; len(got) != 1 || !strings.Contains(got[0], "ZZ.9.9") {
		t.Fatalf("problems %q", got)
	}
	if rw.banner.problems == nil || rw.banner.problems.Text != "1 row could not be read…" {
		t.Fatalf("the banner does not say a row could not be read")
	}
	test.Tap(rw.banner.problems)
	if !uitest.DialogShows(w, "ZZ.9.9") {
		t.Errorf("the problems dialog: %q", uitest.DialogTexts(w))
	}
}

// Open for review… opens the workbook in a window of its own, with its own
// shell, and leaves the main window as it is; the welcome screen offers
// it too. Quitting the app closes reviews still open.
func TestReviewFromTheApp(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	w := test.NewTempWindow(t, nil)
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start("")
	if !a.reviewBtn.Visible() || a.reviewBtn.Text != "Open for review…" {
		t.Fatalf("review button %q shown %v", a.reviewBtn.Text, a.reviewBtn.Visible())
	}
	test.Tap(a.reviewBtn)
	if a.reviewer.fileDialog == nil {
		t.Fatal("no file dialog")
	}
	uitest.CloseDialogs(w)
	content := w.Content()
	a.reviewer.Open(f.book, "")
	rw := a.reviewer.opened
	if rw == nil || rw.win == w || rw.app == a {
		t.Fatalf("no new window: %v", rw)
	}
	if w.Content() != content || ws.ReadOnly() || !a.importBtn.Visible() {
		t.Error("the main window changed")
	}
	if !strings.HasPrefix(rw.win.Title(), "Continuum Planner — Review of "+filepath.Base(f.book)) {
		t.Errorf("title %q", rw.win.Title())
	}
	// Opened from the app, the review keeps the coach's visit notes in the
	// coach's own store.
	if _, _, ok := rw.app.find(ViewNotes); !ok || rw.own == nil {
		t.Error("a review opened from the app has no visit notes")
	}
	if !rw.ws.ReadOnly() || rw.ws == ws {
		t.Error("the review does not have a read-only workspace of its own")
	}
	exchange.CloseReviews() // as the app does when it quits
	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
	rw.win.Close()

	// The welcome screen of an empty store.
	empty := storagetest.Open(t)
	w2 := test.NewTempWindow(t, nil)
	Launch(w2, shellServices(empty), "", nil)
	review := findButton(w2, "Open a workbook for review…")
	if review == nil {
		t.Fatal("the welcome screen does not offer a review")
	}
	test.Tap(review)
	if !slices.ContainsFunc(w2.Canvas().Overlays().List(), func(o fyne.CanvasObject) bool { return o != nil }) {
		t.Error("no file dialog from the welcome screen")
	}
}
