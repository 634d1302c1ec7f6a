package calibration

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	plannerstorage "github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// calibUIDemo is the demo continuum's ID.
const calibUIDemo = "demo-math-foundations"

type calibUIFixture struct {
	st *plannerstorage.Store
	ws *screen.Workspace
	w  fyne.Window
	c  *Screen
	g  *continuum.Graph
}

// calibUISetup shows the calibration screen of the demo continuum in a
// window of the app's usual size.
func calibUISetup(t *testing.T) *calibUIFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	g, err := st.Graph(ctx, calibUIDemo)
	if err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SelectContinuum(calibUIDemo)
	w := test.NewTempWindow(t, nil)
	c := New(st, ws, w)
	w.SetContent(c.Content())
	w.Resize(fyne.NewSize(1100, 720))
	loaded := false
	c.WhenLoaded(func() { loaded = true })
	c.Refresh()
	uitest.Eventually(t, "the first load", func() bool { return loaded })
	return &calibUIFixture{st: st, ws: ws, w: w, c: c, g: g}
}

// calibUIEnter scores a sample in the form as a teacher would: types the
// sample, finds the target and confirms it with Enter, types the scorer
// and the score, and presses Save.
func (f *calibUIFixture) calibUIEnter(sample, target, scorer, score string) {
	c := f.c
	c.sample.SetText("")
	test.Type(c.sample, sample)
	field := c.targets.SearchField()
	field.SetText("")
	f.w.Canvas().Focus(field)
	test.Type(field, target)
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	c.scorer.SetText("")
	test.Type(c.scorer, scorer)
	c.score.SetText("")
	test.Type(c.score, score)
	test.Tap(c.saveBtn)
}

// calibUIStored reads the scores entered in the app from the store.
func (f *calibUIFixture) calibUIStored(t *testing.T) []continuum.CalibrationScore {
	t.Helper()
	scores, err := f.st.CalibrationScores(context.Background(), calibUIDemo)
	if err != nil {
		t.Fatal(err)
	}
	return scores
}

// calibUIWorkbook writes a workbook of the demo continuum (or of another
// continuum, when name is set) holding scores in its Calibration sheet.
func (f *calibUIFixture) calibUIWorkbook(t *testing.T, file, name string, scores ...continuum.CalibrationScore) string {
	t.Helper()
	c := f.g.Continuum
	if name != "" {
		c.Name = name
	}
	b := workbook.New(c, f.g.Targets, continuum.Class{})
	b.Calibration = scores
	path := filepath.Join(t.TempDir(), file)
	var buf bytes.Buffer
	if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func calibUIScore(sample, target, scorer string, score float64) continuum.CalibrationScore {
	return continuum.CalibrationScore{Sample: sample, Target: target, Scorer: scorer, Score: score}
}

// calibUIOverlay returns the text of the dialog on top, or "".
func calibUIOverlay(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var parts []string
	for _, o := range test.LaidOutObjects(top) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, " ")
}

// calibUITexts returns every text the object draws, in order.
func calibUITexts(o fyne.CanvasObject) string {
	var parts []string
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && t.Text != "" && x.Visible() {
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, " ")
}

// calibUISixScores enters two scorers' scores of three samples on NO.1.2.
func (f *calibUIFixture) calibUISixScores() {
	for _, s := range []struct{ sample, scorer, score string }{
		{"Essay A", "Ana", "3"}, {"Essay A", "Ben", "3"},
		{"Essay B", "Ana", "2"}, {"Essay B", "Ben", "4"},
		{"Essay C", "Ana", "4"}, {"Essay C", "Ben", "Extending"},
	} {
		f.calibUIEnter(s.sample, "no.1.2", s.scorer, s.score)
	}
}

func TestCalibrationScoresEnteredShowTheAgreement(t *testing.T) {
	f := calibUISetup(t)
	// Given two scorers' scores of three samples entered in the form,
	f.calibUISixScores()
	stored := f.calibUIStored(t)
	if len(stored) != 6 || stored[0].Target != "NO.1.2" || stored[5].Score != 4 {
		t.Fatalf("stored %+v", stored)
	}
	// then the report is continuum.Calibrate's over them,
	want, err := continuum.Calibrate(&f.g.Continuum.Scale, stored)
	if err != nil {
		t.Fatal(err)
	}
	c := f.c
	if c.report == nil || len(c.report.Targets) != 1 {
		t.Fatalf("report %+v, problems %v", c.report, c.problems)
	}
	got, exp := c.report.Targets[0], want.Targets[0]
	if got != exp {
		t.Errorf("agreement\n got %+v\nwant %+v", got, exp)
	}
	// (hand-checked: two pairs of three the same, Essay B two points
	// apart; po 2/3, pe from Ana 3,2,4 and Ben 3,4,4 is 1/9 + 2/9 = 1/3,
	// so kappa is (2/3 − 1/3) / (1 − 1/3) = 0.5),
	if got.Pairs != 3 || got.Exact != 2.0/3 || got.Adjacent != 2.0/3 || got.KappaKind != "cohen" || !got.HasKappa || math.Abs(got.Kappa-0.5) > 1e-9 {
		t.Errorf("agreement %+v, want 3 pairs, exact 2/3, adjacent 2/3, Cohen's kappa 0.5", got)
	}
	// drawn on the chart and written in the table,
	bars := c.chart.Bars()
	if len(bars) != 1 || bars[0].Target != "NO.1.2" || bars[0].Exact != got.Exact || bars[0].Adjacent != got.Adjacent || bars[0].Kappa != got.Kappa {
		t.Errorf("chart bars %+v", bars)
	}
	// but with three samples the kappa is not worth reading yet: the
	// table and the chart say how many samples it needs instead.
	table := calibUITexts(c.table)
	for _, want := range []string{"NO.1.2", "66.7%", "— Cohen"} {
		if !strings.Contains(table, want) {
			t.Errorf("table %q lacks %q", table, want)
		}
	}
	if strings.Contains(table, "0.50") || bars[0].HasKappa || bars[0].KappaWaiting != "needs 5 samples (3 so far)" {
		t.Errorf("a kappa over 3 samples is shown: table %q, bar %+v", table, bars[0])
	}
	// and the samples most disputed first, with the descriptors of the scores given.
	if len(c.report.Samples) != 3 || c.report.Samples[0].Sample != "Essay B" {
		t.Fatalf("samples %+v", c.report.Samples)
	}
	c.tabs.SelectIndex(1)
	samples := calibUITexts(c.sampleList)
	for _, want := range []string{"Essay B · NO.1.2", "2 steps apart", "2 Developing", "Ana", "4 Extending", "explain the reasoning"} {
		if !strings.Contains(samples, want) {
			t.Errorf("samples %q lack %q", samples, want)
		}
	}
	if !strings.Contains(c.summary.Text, "6 scores of 3 samples by 2 scorers") {
		t.Errorf("summary %q", c.summary.Text)
	}
	// Tapping the target on the chart shows its samples only.
	c.tabs.SelectIndex(0)
	c.chart.OnSelected("NO.1.2")
	if c.tabs.SelectedIndex() != 1 || !strings.HasPrefix(c.sampleHead.Text, "NO.1.2: 3 samples") || !c.showAllBtn.Visible() {
		t.Errorf("after tapping the chart: tab %d, %q", c.tabs.SelectedIndex(), c.sampleHead.Text)
	}
	if c.exportBtn.Disabled() {
		t.Error("export is disabled with a report to export")
	}
	if pref := fyne.CurrentApp().Preferences().String(prefCalibrationScorer); pref != "Ben" {
		t.Errorf("the scorer remembered is %q", pref)
	}
}

func TestCalibrationOffScaleRefusedAtEntry(t *testing.T) {
	f := calibUISetup(t)
	f.calibUIEnter("Essay A", "NO.1.2", "Ana", "7")
	if n := len(f.calibUIStored(t)); n != 0 {
		t.Errorf("%d scores stored", n)
	}
	msg := f.c.formMsg
	if !msg.Visible() || !strings.Contains(msg.Text, `"7" is not on the scale`) || !strings.Contains(msg.Text, "Ana's score of Essay A on NO.1.2") {
		t.Errorf("form says %q (shown %v)", msg.Text, msg.Visible())
	}
	// Something left out: the form says what is missing.
	f.calibUIEnter("", "NO.1.2", "Ana", "3")
	if !strings.Contains(msg.Text, "Name the sample") {
		t.Errorf("form says %q", msg.Text)
	}
	// Corrected, it is saved and the message goes.
	f.calibUIEnter("Essay A", "NO.1.2", "Ana", "proficient")
	if got := f.calibUIStored(t); len(got) != 1 || got[0].Score != 3 || msg.Visible() {
		t.Errorf("after correcting: %+v, message shown %v", got, msg.Visible())
	}
}

func TestCalibrationWorkbookScoresAreMerged(t *testing.T) {
	f := calibUISetup(t)
	f.calibUISixScores()
	// Given a colleague's workbook with a third scorer's scores of the same samples,
	path := f.calibUIWorkbook(t, "Cy.xlsx", "",
		calibUIScore("Essay A", "NO.1.2", "Cy", 3), calibUIScore("Essay B", "no.1.2", "Cy", 3),
		calibUIScore("Essay C", "NO.1.2", "Cy", 4), calibUIScore("Essay D", "NO.1.2", "Cy", 1))
	before := f.calibUIStored(t)
	f.c.addWorkbook(path, "")
	if len(f.c.files) != 1 || len(f.c.all) != 10 {
		t.Fatalf("files %+v, %d scores compared", f.c.files, len(f.c.all))
	}
	// the report merges them: three scorers, so Fleiss' kappa,
	var all []continuum.CalibrationScore
	for _, s := range before {
		s.Place = calibrationHere
		all = append(all, s)
	}
	book, _ := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	all = append(all, book.Calibration...)
	want, err := continuum.Calibrate(&f.g.Continuum.Scale, all)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*f.c.report, want) {
		t.Errorf("report\n got %+v\nwant %+v", *f.c.report, want)
	}
	if a := f.c.report.Targets[0]; a.Scorers != 3 || a.KappaKind != "fleiss" {
		t.Errorf("agreement %+v", a)
	}
	// the sample only Cy scored is left out and listed,
	if ex := f.c.report.Excluded; len(ex) != 1 || !strings.Contains(calibUITexts(f.c.sampleList), "Essay D on NO.1.2 (scored only by Cy)") {
		t.Errorf("left out %v", ex)
	}
	// the workbook is listed with its scores, and the store is as it was.
	if !strings.Contains(calibUITexts(f.c.fileList), "Cy.xlsx") || !strings.Contains(f.c.summary.Text, "4 from 1 workbook") {
		t.Errorf("files %q, summary %q", calibUITexts(f.c.fileList), f.c.summary.Text)
	}
	if got := f.calibUIStored(t); !reflect.DeepEqual(got, before) {
		t.Errorf("the store changed: %+v", got)
	}
	// Removed, its scores go.
	remove := f.c.fileList.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects[1]
	test.Tap(remove.(fyne.Tappable))
	if len(f.c.files) != 0 || len(f.c.all) != 6 || f.c.report.Targets[0].KappaKind != "cohen" {
		t.Errorf("after removing: %d files, %d scores, %+v", len(f.c.files), len(f.c.all), f.c.report.Targets)
	}
}

func TestCalibrationWorkbookOfAnotherContinuumRefused(t *testing.T) {
	f := calibUISetup(t)
	path := f.calibUIWorkbook(t, "reading.xlsx", "Reading Foundations", calibUIScore("Essay A", "NO.1.2", "Cy", 3))
	f.c.addWorkbook(path, "")
	said := calibUIOverlay(f.w)
	for _, want := range []string{"reading.xlsx", `"Reading Foundations"`, `"Math Foundations"`, "not added"} {
		if !strings.Contains(said, want) {
			t.Errorf("the refusal %q does not name %s", said, want)
		}
	}
	if len(f.c.files) != 0 || len(f.c.all) != 0 {
		t.Errorf("the workbook was added: %+v", f.c.files)
	}
}

func TestCalibrationScorerTwiceAcrossStoreAndFile(t *testing.T) {
	f := calibUISetup(t)
	f.calibUIEnter("Essay A", "NO.1.2", "Ana", "3")
	f.calibUIEnter("Essay A", "NO.1.2", "Ben", "2")
	before := f.calibUIStored(t)
	// Given a workbook where Ana scored Essay A again, and a score off the scale,
	path := f.calibUIWorkbook(t, "Ana.xlsx", "",
		calibUIScore("Essay A", "no.1.2", "ana", 4), calibUIScore("Essay B", "NO.1.2", "Ana", 9))
	f.c.addWorkbook(path, "")
	// then both problems are listed with their places, and nothing is calculated,
	if f.c.report != nil || len(f.c.problems) != 2 {
		t.Fatalf("report %+v, problems %q", f.c.report, f.c.problems)
	}
	twice, off := f.c.problems[0], f.c.problems[1]
	for _, want := range []string{`Ana.xlsx sheet "Calibration" row 2`, "scored sample Essay A on NO.1.2 twice", "first at " + calibrationHere} {
		if !strings.Contains(twice, want) {
			t.Errorf("%q does not say %q", twice, want)
		}
	}
	if !strings.Contains(off, `Ana.xlsx sheet "Calibration" row 3`) || !strings.Contains(off, "as 9, which is not on the scale") {
		t.Errorf("off the scale: %q", off)
	}
	shown := calibUITexts(f.c.problemBox)
	if !f.c.problemBox.Visible() || f.c.tabs.Visible() || !strings.Contains(shown, "cannot be compared") || !f.c.exportBtn.Disabled() {
		t.Errorf("problems shown %v %q, report tabs shown %v, export disabled %v", f.c.problemBox.Visible(), shown, f.c.tabs.Visible(), f.c.exportBtn.Disabled())
	}
	// and nothing stored changes.
	if got := f.calibUIStored(t); !reflect.DeepEqual(got, before) {
		t.Errorf("the store changed: %+v", got)
	}
}

func TestCalibrationExportReport(t *testing.T) {
	f := calibUISetup(t)
	f.calibUISixScores()
	path := filepath.Join(t.TempDir(), "report.xlsx")
	f.c.exportReport(path)
	if said := calibUIOverlay(f.w); !strings.Contains(said, "report.xlsx") {
		t.Errorf("after export the window says %q", said)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Calibration report")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][6] != "Kappa" || rows[1][0] != "NO.1.2" {
		t.Fatalf("rows %q", rows)
	}
	kappa, err := strconv.ParseFloat(rows[1][6], 64)
	if err != nil || kappa != 0.5 || rows[1][7] != "cohen" || rows[1][4] != "66.7" {
		t.Errorf("kappa cell %q (%v), kind %q, exact %q", rows[1][6], err, rows[1][7], rows[1][4])
	}
	// The save dialog offers a name of the continuum and the day.
	f.ws.SetToday(continuum.MustParseDate("2026-11-20"))
	f.c.onExportReport()
	if f.c.saveDialog == nil {
		t.Fatal("no save dialog")
	}
}

func TestCalibrationEditAndDeleteAreUndone(t *testing.T) {
	f := calibUISetup(t)
	f.calibUIEnter("Essay A", "NO.1.2", "Ana", "3")
	f.calibUIEnter("Essay A", "NO.1.2", "Ben", "2")
	ctx := context.Background()
	// Editing Ben's score into another sample's replaces it.
	var ben continuum.CalibrationScore
	for _, s := range f.c.listed {
		if s.Scorer == "Ben" {
			ben = s
		}
	}
	f.c.onEdit(ben)
	if f.c.score.Text != "2" || f.c.targets.Selected() != "NO.1.2" || !f.c.cancelBtn.Visible() {
		t.Fatalf("the form holds %q on %q", f.c.score.Text, f.c.targets.Selected())
	}
	f.c.sample.SetText("Essay B")
	f.c.score.SetText("4")
	test.Tap(f.c.saveBtn)
	got := f.calibUIStored(t)
	if len(got) != 2 || got[1].Sample != "Essay B" || got[1].Score != 4 {
		t.Fatalf("after the edit: %+v", got)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	got = f.calibUIStored(t)
	if len(got) != 2 || got[1].Sample != "Essay A" || got[1].Scorer != "Ben" || got[1].Score != 2 {
		t.Fatalf("after undoing the edit: %+v", got)
	}
	// Deleting with the row's button, then undoing, puts it back.
	row := f.c.createScoreRow()
	f.c.updateScoreRow(0, row)
	buttons := row.(*fyne.Container).Objects[5].(*fyne.Container)
	test.Tap(buttons.Objects[1].(fyne.Tappable))
	if n := len(f.calibUIStored(t)); n != 1 || len(f.c.all) != 1 {
		t.Errorf("after delete: %d stored, %d shown", n, len(f.c.all))
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if again := f.calibUIStored(t); !reflect.DeepEqual(again, got) || len(f.c.all) != 2 {
		t.Errorf("after undoing the delete: %+v", again)
	}
}

func TestCalibrationReadOnlyReviewHidesTheForm(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	if err := st.PutCalibrationScores(ctx, calibUIDemo, calibUIScore("Essay A", "NO.1.2", "Ana", 3), calibUIScore("Essay A", "NO.1.2", "Ben", 3)); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetReadOnly(true)
	ws.SelectContinuum(calibUIDemo)
	w := test.NewTempWindow(t, nil)
	c := New(continuum.ReadOnlyStore{Store: st}, ws, w)
	w.SetContent(c.Content())
	w.Resize(fyne.NewSize(1100, 720))
	c.Refresh()
	if c.form.Visible() || !c.readOnly.Visible() || c.report == nil || c.report.Targets[0].Exact != 1 {
		t.Errorf("form shown %v, read-only note %v, report %+v", c.form.Visible(), c.readOnly.Visible(), c.report)
	}
	c.onDelete(c.listed[0])
	if got, _ := st.CalibrationScores(ctx, calibUIDemo); len(got) != 2 {
		t.Errorf("a read-only review deleted a score: %+v", got)
	}
}

func TestCalibrationPasswordProtectedWorkbookAsksForIt(t *testing.T) {
	f := calibUISetup(t)
	plain := f.calibUIWorkbook(t, "plain.xlsx", "", calibUIScore("Essay A", "NO.1.2", "Cy", 3), calibUIScore("Essay A", "NO.1.2", "Di", 3))
	x, err := excelize.OpenFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := x.SaveAs(locked, excelize.Options{Password: "plc"}); err != nil {
		t.Fatal(err)
	}
	x.Close()
	f.c.addWorkbook(locked, "")
	if f.c.password == nil || !strings.Contains(calibUIOverlay(f.w), "protected by a password") {
		t.Fatalf("no password asked: %q", calibUIOverlay(f.w))
	}
	test.Type(f.c.passEntry, "guess")
	test.Tap(f.c.password.ConfirmButton())
	if got := f.c.password.Error(); !strings.Contains(got, "does not open locked.xlsx") {
		t.Fatalf("a wrong password: line %q", got)
	}
	test.Type(f.c.passEntry, "plc")
	if got := f.c.password.Error(); got != "" {
		t.Errorf("another password was typed and the line still says %q", got)
	}
	test.Tap(f.c.password.ConfirmButton())
	if len(f.c.files) != 1 || f.c.report == nil || f.c.report.Targets[0].Samples != 1 {
		t.Errorf("after the password: files %+v, report %+v", f.c.files, f.c.report)
	}
}

// Given five samples of one target scored by two teachers, the kappa is
// worth reading: the table and the chart show it (hand-checked: Ana
// 1,2,3,4,4 and Ben 1,2,3,4,3 agree on 4 of 5, po 0.8; pe from their
// own shares is (1·1 + 1·1 + 1·2 + 2·1)/25 = 0.24; kappa (0.8 − 0.24) /
// (1 − 0.24) = 0.737).
func TestCalibrationShowsTheKappaFromFiveSamples(t *testing.T) {
	f := calibUISetup(t)
	ana := []string{"1", "2", "3", "4", "4"}
	ben := []string{"1", "2", "3", "4", "3"}
	for i := range ana {
		sample := fmt.Sprintf("Essay %c", 'A'+i)
		f.calibUIEnter(sample, "NO.1.2", "Ana", ana[i])
		f.calibUIEnter(sample, "NO.1.2", "Ben", ben[i])
	}
	if f.c.report == nil || len(f.c.report.Targets) != 1 {
		t.Fatalf("report %+v", f.c.report)
	}
	got := f.c.report.Targets[0]
	if got.Samples != 5 || !got.KappaShown() || math.Abs(got.Kappa-0.56/0.76) > 1e-9 {
		t.Fatalf("agreement %+v, want 5 samples and Cohen's kappa 0.737 shown", got)
	}
	if table := calibUITexts(f.c.table); !strings.Contains(table, "0.74 Cohen") {
		t.Errorf("table %q lacks 0.74 Cohen", table)
	}
	if bars := f.c.chart.Bars(); len(bars) != 1 || !bars[0].HasKappa || bars[0].KappaWaiting != "" {
		t.Errorf("chart bars %+v", bars)
	}
}
