package exchange_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// coachNotes are visit notes of every kind of subject, with a line break
// and text that is not ASCII, as a coach writes them in the app.
func coachNotes() []continuum.VisitNote {
	day := continuum.MustParseDate
	return []continuum.VisitNote{
		{Continuum: demoID, Date: day("2026-11-02"), Coach: "J. Rivera", About: continuum.OnContinuum, LookFor: "Targets are posted", Note: "The wall shows\nevery level."},
		{Continuum: demoID, Date: day("2026-11-09"), Coach: "J. Rivera", About: continuum.OnTarget, Subject: "NO.2.2", Note: "Zoë's group used strips; ask for a number line next."},
		{Continuum: demoID, Date: day("2026-11-09"), Coach: "A. Chen", About: continuum.OnUnit, Subject: "Place value and operations", Note: "On pace"},
		{Continuum: demoID, Date: day("2026-11-16"), About: continuum.OnClass, Subject: "Period 5", Note: "Calm start"},
		{Continuum: demoID, Date: day("2026-11-16"), About: continuum.OnClass, Subject: "Period 2", Note: "Quick transitions"},
	}
}

// plcScores are two teachers' scores of two anchor samples.
func plcScores() []continuum.CalibrationScore {
	return []continuum.CalibrationScore{
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 3, Note: "counts on\nfrom ten"},
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Mr Osei", Score: 2},
		{Sample: "Essay B", Target: "NO.2.2", Scorer: "Ms Rivera", Score: 4},
		{Sample: "Essay B", Target: "NO.2.2", Scorer: "Mr Osei", Score: 3.5},
	}
}

// demoWithNotesAndScores opens the demo store and adds the notes and the
// scores, and returns them as the store gives them back.
func demoWithNotesAndScores(t *testing.T) (*storage.Store, []continuum.VisitNote, []continuum.CalibrationScore) {
	t.Helper()
	ctx := context.Background()
	st := storagetest.OpenDemo(t)
	for _, n := range coachNotes() {
		if _, err := st.PutVisitNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.Continuum(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's scale has no half points; Mr Osei's 3.5 becomes a 3.
	scores := plcScores()
	if _, ok := c.Scale.Point(3.5); !ok {
		scores[3].Score = 3
	}
	if err := st.PutCalibrationScores(ctx, demoID, scores...); err != nil {
		t.Fatal(err)
	}
	notes, err := st.VisitNotes(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.CalibrationScores(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 5 || len(stored) != 4 {
		t.Fatalf("the store holds %d notes and %d scores", len(notes), len(stored))
	}
	return st, notes, stored
}

// withoutIDs drops the store's IDs of notes, which workbooks do not carry.
func withoutIDs(notes []continuum.VisitNote) []continuum.VisitNote {
	out := slices.Clone(notes)
	for i := range out {
		out[i].ID = ""
	}
	return out
}

// Given the demo with a coach's notes and a PLC's calibration scores in
// the store, when it is exported and the workbook imported into a fresh
// store, then the fresh store holds the same notes and scores, the
// preview counted them, and importing the workbook again adds nothing.
func TestExportImportKeepsVisitNotesAndCalibration(t *testing.T) {
	ctx := context.Background()
	src, notes, scores := demoWithNotesAndScores(t)
	path := filepath.Join(t.TempDir(), "Math Foundations 2026-11-20.xlsx")
	e, err := exchange.Export(ctx, src, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path)
	if err != nil {
		t.Fatal(err)
	}
	if e.VisitNotes != 5 || e.Calibration != 4 {
		t.Errorf("export says it wrote %d notes and %d scores, want 5 and 4", e.VisitNotes, e.Calibration)
	}

	dst := storagetest.Open(t)
	p, err := exchange.PlanImport(ctx, dst, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 0 || p.Count(continuum.SectionVisitNotes, continuum.Added) != 5 || p.Count(continuum.SectionCalibration, continuum.Added) != 4 {
		t.Fatalf("preview: problems %v, counts %v", p.Problems, p.Merge.Counts)
	}
	if w := strings.Join(p.Written(), "; "); !strings.Contains(w, "Visit notes: 5 added") || !strings.Contains(w, "Calibration: 4 added") {
		t.Errorf("the preview says it writes %q", w)
	}
	a, err := p.Apply(ctx, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Sections, continuum.SectionVisitNotes) || !slices.Contains(a.Sections, continuum.SectionCalibration) {
		t.Errorf("sections written %v", a.Sections)
	}
	gotNotes, err := dst.VisitNotes(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withoutIDs(gotNotes), withoutIDs(notes)) {
		t.Errorf("notes after the round trip\n got %+v\nwant %+v", gotNotes, notes)
	}
	gotScores, err := dst.CalibrationScores(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotScores, scores) {
		t.Errorf("scores after the round trip\n got %+v\nwant %+v", gotScores, scores)
	}

	again, err := exchange.PlanImport(ctx, dst, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Count(continuum.SectionVisitNotes, continuum.Unchanged) != 5 || again.Count(continuum.SectionCalibration, continuum.Unchanged) != 4 || !again.NothingToDo() {
		t.Errorf("importing again: counts %v, nothing to do %v", again.Merge.Counts, again.NothingToDo())
	}
}

// Given my store with my calibration scores, when a colleague's workbook
// brings her own scores of the same samples and a different score under
// my name, then the preview shows hers as added and mine as a conflict;
// applying with the default choice adds hers under her name and keeps
// mine, and nothing of mine changes unless I take theirs.
func TestImportColleaguesCalibrationKeepsMine(t *testing.T) {
	ctx := context.Background()
	mine, _, scores := demoWithNotesAndScores(t)
	theirs, _, _ := demoWithNotesAndScores(t)
	colleague := []continuum.CalibrationScore{
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Diaz", Score: 2, Note: "no model shown"},
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 1},
	}
	if err := theirs.PutCalibrationScores(ctx, demoID, colleague...); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Diaz.xlsx")
	if _, err := exchange.Export(ctx, theirs, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	p, err := exchange.PlanImport(ctx, mine, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(continuum.SectionCalibration, continuum.Added) != 1 || p.Count(continuum.SectionCalibration, continuum.Conflicting) != 1 ||
		p.Count(continuum.SectionCalibration, continuum.Unchanged) != 3 {
		t.Fatalf("calibration counts %v", p.Merge.Counts[continuum.SectionCalibration])
	}
	var conflict *continuum.Conflict
	for i := range p.Merge.Conflicts {
		if p.Merge.Conflicts[i].Section == continuum.SectionCalibration {
			conflict = &p.Merge.Conflicts[i]
		}
	}
	if conflict == nil || conflict.Key != "Essay A on NO.1.1 by Ms Rivera" || continuum.FieldValue(conflict.Mine, "score") != "3" ||
		continuum.FieldValue(conflict.Theirs, "score") != "1" {
		t.Fatalf("conflict %+v", conflict)
	}
	if _, err := p.Apply(ctx, mine, nil); err != nil {
		t.Fatal(err)
	}
	got, err := mine.CalibrationScores(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(scores), colleague[0])
	slices.SortFunc(want, func(a, b continuum.CalibrationScore) int {
		return strings.Compare(a.Target+a.Sample+strings.ToLower(a.Scorer), b.Target+b.Sample+strings.ToLower(b.Scorer))
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the import\n got %+v\nwant %+v", got, want)
	}
}

// Given a workbook whose Calibration sheet has a score off the scale, when
// it is planned, then the score is refused with its row, as a piece of
// evidence that cannot be stored is, and applying stores the others only.
func TestImportRefusesCalibrationOffTheScale(t *testing.T) {
	ctx := context.Background()
	src, _, scores := demoWithNotesAndScores(t)
	path := filepath.Join(t.TempDir(), "Math Foundations.xlsx")
	if _, err := exchange.Export(ctx, src, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	row := appendRow(t, path, "Calibration", "Essay C", "NO.1.1", "Mr Osei", 7)
	dst := storagetest.Open(t)
	p, err := exchange.PlanImport(ctx, dst, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := exchange.Issue{Sheet: "Calibration", Row: row, What: "Essay C on NO.1.1 by Mr Osei: 7 is not on the scale (1 Beginning, 2 Developing, 3 Proficient, 4 Extending)"}
	if !slices.Contains(p.Problems, want) || p.Count(continuum.SectionCalibration, continuum.Refused) != 1 ||
		p.Count(continuum.SectionCalibration, continuum.Added) != 4 {
		t.Fatalf("problems %v, counts %v; want %v", p.Problems, p.Merge.Counts[continuum.SectionCalibration], want)
	}
	if _, err := p.Apply(ctx, dst, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := dst.CalibrationScores(ctx, demoID); err != nil || !reflect.DeepEqual(got, scores) {
		t.Errorf("stored %+v (%v), want %+v", got, err, scores)
	}
}

// Given notes on the class of two groups, when one group is exported,
// then the workbook holds that group's class notes and the others, not
// the other group's.
func TestExportOneGroupKeepsItsClassNotes(t *testing.T) {
	ctx := context.Background()
	src, _, _ := demoWithNotesAndScores(t)
	path := filepath.Join(t.TempDir(), "Period 2.xlsx")
	e, err := exchange.Export(ctx, src, exchange.ExportRequest{Continuum: demoID, Group: "period 2", On: exportDay, Now: exported}, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := workbook.DecodeFile(ctx, path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, n := range b.VisitNotes {
		subjects = append(subjects, string(n.About)+" "+n.Subject)
	}
	want := []string{"continuum ", "target NO.2.2", "unit Place value and operations", "class Period 2"}
	if !slices.Equal(subjects, want) || e.VisitNotes != 4 || len(b.Calibration) != 4 || e.Calibration != 4 {
		t.Errorf("notes %q (said %d), scores %d (said %d); want notes %q and 4 scores", subjects, e.VisitNotes, len(b.Calibration), e.Calibration, want)
	}
}
