package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Given the demo exported as a workbook and an empty store, when it is
// planned and applied, then the store holds the continuum with its
// class, a backup was saved first, and importing it again finds nothing
// to do and writes nothing.
func TestImportIntoAnEmptyStore(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	st := mustOpen(t)

	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Merge.NewContinuum || p.Stored != nil || p.Merge.Continuum.ID != demoID {
		t.Fatalf("plan: new %v, stored %v, ID %q", p.Merge.NewContinuum, p.Stored != nil, p.Merge.Continuum.ID)
	}
	for section, want := range map[string]int{continuum.SectionTargets: 36, continuum.SectionStudents: 28, continuum.SectionEvidence: 1042, continuum.SectionUnits: 2, continuum.SectionFlex: 1} {
		if got := p.Count(section, continuum.Added); got != want {
			t.Errorf("%s added: %d, want %d", section, got, want)
		}
	}
	if len(p.Problems) != 0 || p.NothingToDo() {
		t.Fatalf("problems %v, nothing to do %v", p.Problems, p.NothingToDo())
	}

	var calls, last int
	a, err := p.Apply(ctx, st, func(done, total int) { calls++; last = done })
	if err != nil {
		t.Fatal(err)
	}
	if !a.NewContinuum || a.Continuum.Name != demo.Name || calls == 0 || last == 0 {
		t.Errorf("applied %+v after %d progress calls", a, calls)
	}
	if _, err := os.Stat(a.Backup); err != nil {
		t.Errorf("backup %q: %v", a.Backup, err)
	}
	want := []string{continuum.SectionContinuum, continuum.SectionTargets, continuum.SectionStudents, continuum.SectionEvidence,
		continuum.SectionOverrides, continuum.SectionUnits, continuum.SectionFlex}
	if !slices.Equal(a.Sections, want) {
		t.Errorf("sections written %v, want %v", a.Sections, want)
	}
	g, class, err := continuum.LoadClass(ctx, st, demoID)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Targets) != 36 || len(class.Students) != 28 || len(class.Evidence) != 1042 {
		t.Errorf("stored %d targets, %d students, %d evidence", len(g.Targets), len(class.Students), len(class.Evidence))
	}

	again, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Merge.NewContinuum || !again.NothingToDo() || len(again.Written()) != 0 {
		t.Errorf("second plan: new %v, nothing to do %v, written %v", again.Merge.NewContinuum, again.NothingToDo(), again.Written())
	}
	before := backups(t, st)
	if _, err := again.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("second apply: %v, want ErrNothingToImport", err)
	}
	if after := backups(t, st); !slices.Equal(before, after) {
		t.Errorf("a second apply with nothing to do saved a backup: %v", after)
	}
}

// Given the demo in the store, renamed there, when its exported workbook
// (which carries the old name) is planned, then the stored continuum is
// found by its ID and keeps its new name; nothing is doubled.
func TestPlanFindsTheStoredContinuumByID(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	st := demoStore(t)
	renamed := "Math Foundations 2027"
	if _, err := st.UpdateContinuum(ctx, demoID, continuum.ContinuumUpdate{Name: &renamed}); err != nil {
		t.Fatal(err)
	}
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Merge.NewContinuum || p.Stored == nil || p.Stored.Continuum.ID != demoID || p.Merge.Continuum.Name != renamed {
		t.Fatalf("plan: new %v, into %q", p.Merge.NewContinuum, p.Merge.Continuum.Name)
	}
	if !p.NothingToDo() || p.Count(continuum.SectionEvidence, continuum.Unchanged) != 1042 {
		t.Errorf("nothing to do %v; evidence unchanged %d", p.NothingToDo(), p.Count(continuum.SectionEvidence, continuum.Unchanged))
	}
}

// Given the demo in the store and a workbook of a continuum of the same
// name but an ID the store does not know, when it is planned and
// applied, then it merges into the stored continuum found by name.
func TestPlanFindsTheStoredContinuumByName(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	d := demo.Classroom()
	d.Continuum.ID = "from-another-computer"
	b := workbook.New(d.Continuum, d.Targets, continuum.Class{})
	b.Targets = append(b.Targets, continuum.Target{Code: "NO.4.9", Statement: "I can explain a percent of a percent.",
		Domain: d.Targets[0].Domain, Level: "Level 4", Order: 99})
	path := writeBook(t, t.TempDir(), "colleague.xlsx", b)

	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Merge.NewContinuum || p.Stored == nil || p.Stored.Continuum.ID != demoID || p.Merge.Continuum.ID != demoID {
		t.Fatalf("plan: new %v, into %q", p.Merge.NewContinuum, p.Merge.Continuum.ID)
	}
	if got := p.Written(); !slices.Equal(got, []string{"Targets: 1 added"}) {
		t.Errorf("written %q", got)
	}
	a, err := p.Apply(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.NewContinuum || a.Continuum.ID != demoID || !slices.Equal(a.Sections, []string{continuum.SectionContinuum, continuum.SectionTargets}) {
		t.Errorf("applied %+v", a)
	}
	all, err := st.Continua(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("continua %v %v", all, err)
	}
	if _, err := st.Graph(ctx, demoID); err != nil {
		t.Fatal(err)
	}
	if ts, _ := st.Targets(ctx, demoID); len(ts) != 37 {
		t.Errorf("%d targets stored, want 37", len(ts))
	}
}

// Given a store, when a workbook is only planned (a dry run, or a
// preview closed without Apply), then the store holds what it held and
// no backup was made.
func TestPlanWithoutApplyStoresNothing(t *testing.T) {
	ctx := context.Background()
	d := demo.Classroom()
	d.Continuum.ID, d.Continuum.Name = "", "Science 4"
	b := workbook.New(d.Continuum, d.Targets, d.Class())
	path := writeBook(t, t.TempDir(), "science.xlsx", b)
	st := demoStore(t)
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Merge.NewContinuum || p.NothingToDo() {
		t.Fatalf("new %v, nothing to do %v", p.Merge.NewContinuum, p.NothingToDo())
	}
	if _, err := p.Change(); err != nil {
		t.Fatal(err)
	}
	all, err := st.Continua(ctx)
	if err != nil || len(all) != 1 || all[0].ID != demoID {
		t.Errorf("continua after planning %v %v", all, err)
	}
	if b := backups(t, st); len(b) != 0 {
		t.Errorf("planning left %v beside the store", b)
	}
}

// Given a password-protected workbook, when it is read without its
// password or with a wrong one, then the error wraps
// workbook.ErrPasswordProtected and names the file; with it, it reads.
func TestReadPasswordProtectedWorkbook(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	protect(t, path, "plc-2027")
	st := mustOpen(t)
	for _, password := range []string{"", "guess"} {
		_, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{Password: password})
		if !errors.Is(err, workbook.ErrPasswordProtected) || !strings.HasPrefix(err.Error(), "import "+filepath.Base(path)+": ") {
			t.Errorf("password %q: %v", password, err)
		}
	}
	f, err := exchange.Read(ctx, path, exchange.ReadOptions{Password: "plc-2027"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Book.Continuum.Name != demo.Name || len(f.Book.Evidence) != 1042 {
		t.Errorf("read %q with %d evidence", f.Book.Continuum.Name, len(f.Book.Evidence))
	}
}

// Given a file that is not a workbook, or none at all, when it is read,
// then the error says which and names the operation and the file.
func TestReadWhatIsNotAWorkbook(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "list.xlsx")
	if err := os.WriteFile(junk, []byte("\x00\x01Code,Statement") /* binary: text is read as a CSV list */, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Read(context.Background(), junk, exchange.ReadOptions{}); !errors.Is(err, workbook.ErrNotWorkbook) || !strings.HasPrefix(err.Error(), "import list.xlsx: ") {
		t.Errorf("junk: %v", err)
	}
	if _, err := exchange.Read(context.Background(), filepath.Join(dir, "gone.xlsx"), exchange.ReadOptions{}); !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "import gone.xlsx: ") {
		t.Errorf("missing: %v", err)
	}
}

// Given a workbook with a row that cannot be read, when it is planned,
// then the problem is listed with its sheet and row, counted as refused
// on its section, and Apply refuses and writes nothing.
func TestPlanListsProblemsWithTheirPlaces(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	row := appendRow(t, path, "Evidence", "S001", "NO.1.1", "2026-11-02", "lots")
	st := mustOpen(t)
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(p.Problems, func(is exchange.Issue) bool { return is.Sheet == "Evidence" && is.Row == row })
	if i < 0 {
		t.Fatalf("no problem on Evidence row %d: %v", row, p.Problems)
	}
	if got := p.Problems[i].Place(); !strings.HasPrefix(got, "Evidence, row "+strconv.Itoa(row)) {
		t.Errorf("place %q", got)
	}
	if p.Count(continuum.SectionEvidence, continuum.Refused) != 1 {
		t.Errorf("evidence refused %d, want 1", p.Count(continuum.SectionEvidence, continuum.Refused))
	}
	if _, err := p.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrProblems) {
		t.Errorf("apply: %v, want ErrProblems", err)
	}
	if all, _ := st.Continua(ctx); len(all) != 0 {
		t.Errorf("a refused import stored %v", all)
	}
}

// Given the demo in the store and a colleague's workbook defining a
// target differently, when it is planned, then the conflict keeps mine
// by default (nothing to import), and taking theirs replaces it.
func TestPlanConflictsKeepMineUnlessTheirsIsTaken(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	d := demo.Classroom()
	d.Targets[0].Statement = "I can read and write numbers to a million."
	path := writeBook(t, t.TempDir(), "colleague.xlsx", workbook.New(d.Continuum, d.Targets, continuum.Class{}))
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Merge.Conflicts) != 1 || p.Merge.Conflicts[0].Key != d.Targets[0].Code || p.NothingToDo() {
		t.Fatalf("conflicts %v", p.Merge.Conflicts)
	}
	if _, err := p.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("keeping mine: %v, want ErrNothingToImport", err)
	}
	p.Prefer(continuum.TakeTheirs)
	if got := p.Written(); !slices.Equal(got, []string{"Targets: 1 replaced"}) {
		t.Errorf("written %q", got)
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	g, err := st.Graph(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	if tg, _ := g.Target(d.Targets[0].Code); tg.Statement != d.Targets[0].Statement {
		t.Errorf("statement %q", tg.Statement)
	}
}

// Given a teacher's standards list whose columns have names of their
// own, when it is looked at, then it is a standards list to map; read
// with the mapping, it plans a new continuum with its targets.
func TestImportStandardsListWithColumnMapping(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "Grade 4 ELA.xlsx")
	x := excelize.NewFile()
	rows := [][]any{
		{"Std", "I can statement", "Band", "Strand"},
		{"RL.4.1", "I can refer to details when explaining a text.", "Grade 4", "Reading"},
		{"RL.4.2", "I can find the theme of a story.", "Grade 4", "Reading"},
		{"W.4.1", "I can write an opinion piece with reasons.", "Grade 4", "Writing"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	x.Close()

	pv, err := exchange.Look(ctx, path, exchange.ReadOptions{}, 6)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Layout != workbook.LayoutStandards {
		t.Fatalf("layout %q", pv.Layout)
	}
	opts := exchange.ReadOptions{Sheet: "Sheet1", Map: map[string]string{"code": "A", "statement": "B", "level": "C", "domain": "D"}}
	st := demoStore(t)
	p, err := exchange.PlanImport(ctx, st, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Merge.NewContinuum || p.Merge.Continuum.Name != "Grade 4 ELA" || p.Count(continuum.SectionTargets, continuum.Added) != 3 || len(p.Problems) != 0 {
		t.Fatalf("plan: new %v %q, %d targets, problems %v", p.Merge.NewContinuum, p.Merge.Continuum.Name, p.Count(continuum.SectionTargets, continuum.Added), p.Problems)
	}
	a, err := p.Apply(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := st.Targets(ctx, a.Continuum.ID)
	if err != nil || len(ts) != 3 {
		t.Fatalf("targets %v %v", ts, err)
	}
	// Read again, the list has no ID: it is found by its name.
	again, err := exchange.PlanImport(ctx, st, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again.Merge.NewContinuum || again.Stored.Continuum.ID != a.Continuum.ID || !again.NothingToDo() {
		t.Errorf("second plan: new %v, nothing to do %v", again.Merge.NewContinuum, again.NothingToDo())
	}
}
