package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/oneroster/onerostertest"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// importRoster plans the class list at path (every class of a OneRoster
// set unless classes are named) and applies it, failing on any problem.
func importRoster(t *testing.T, st *storage.Store, path string, opts exchange.RosterReadOptions, classes ...string) (*exchange.RosterImport, exchange.RosterApplied) {
	t.Helper()
	p, err := exchange.PlanRosterImport(context.Background(), st, path, opts, classes)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) > 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	a, err := p.Apply(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return p, a
}

func students(t *testing.T, st *storage.Store) []continuum.Student {
	t.Helper()
	all, err := st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// byExternal indexes students by external ID, failing when one is doubled.
func byExternal(t *testing.T, all []continuum.Student) map[string]continuum.Student {
	t.Helper()
	m := map[string]continuum.Student{}
	for _, s := range all {
		if _, dup := m[s.ExternalID]; dup {
			t.Fatalf("external ID %s is stored twice", s.ExternalID)
		}
		m[s.ExternalID] = s
	}
	return m
}

// Given the real OneRoster set, when every class is imported into an
// empty store, then its 18 students are stored after a backup, and
// importing it again changes nothing.
func TestImportRealOneRoster(t *testing.T) {
	path := realdata(t, "oneroster_lepo-ja")
	st := mustOpen(t)
	p, a := importRoster(t, st, path, exchange.RosterReadOptions{})
	if p.File.Format != exchange.FormatOneRoster || p.File.Kind != "OneRoster 1.1 CSV set, bulk" || len(p.File.Classes) != 5 {
		t.Errorf("read as %s (%s), %d classes", p.File.Format, p.File.Kind, len(p.File.Classes))
	}
	if a.Students != 18 || !slices.Equal(a.Written, []string{"Students: 18 added"}) {
		t.Errorf("applied %+v", a)
	}
	if _, err := os.Stat(a.Backup); err != nil || !strings.Contains(a.Backup, "-before-roster-import") {
		t.Errorf("backup %s: %v", a.Backup, err)
	}
	all := students(t, st)
	m := byExternal(t, all)
	if len(all) != 18 || m["us0003"].Name != "名03 姓03" || m["us0003"].Group != "情報処理入門 (period 1-2, C401)" || m["us0003"].ID != "S001" {
		t.Errorf("stored %d; us0003 = %+v", len(all), m["us0003"])
	}
	again, err := exchange.PlanRosterImport(context.Background(), st, path, exchange.RosterReadOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := again.Change(); !errors.Is(err, exchange.ErrNothingToImport) || again.Plan.Count(continuum.RosterUnchanged) != 18 {
		t.Errorf("second import: %v, %d unchanged", err, again.Plan.Count(continuum.RosterUnchanged))
	}
}

// Given a generated district set (2,000 students, 80 classes; a folder
// and a zip), when every class is imported, then every student is
// stored once with their class as their group, no teacher, parent or
// guardian is, and the zip imported after the folder changes nothing.
func TestImportGeneratedOneRoster(t *testing.T) {
	g := onerostertest.Generate(onerostertest.Options{})
	dir, err := g.WriteDir(filepath.Join(t.TempDir(), "set"))
	if err != nil {
		t.Fatal(err)
	}
	zip, err := g.WriteZip(filepath.Join(t.TempDir(), "set.zip"), "")
	if err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	p, _ := importRoster(t, st, dir, exchange.RosterReadOptions{})
	if p.Plan.Count(continuum.RosterAdded) != 2000 || len(p.Warnings) != 200 {
		t.Errorf("added %d, %d warnings (want 200: students in two classes)", p.Plan.Count(continuum.RosterAdded), len(p.Warnings))
	}
	all := students(t, st)
	m := byExternal(t, all)
	want := g.Expected()
	if len(all) != 2000 {
		t.Fatalf("%d stored, want 2000", len(all))
	}
	for ext, w := range want {
		if s := m[ext]; s.Name != w[0] || s.Group != w[1] || s.Inactive {
			t.Fatalf("%s = %+v, want %v", ext, s, w)
		}
	}
	for _, s := range all {
		if strings.HasPrefix(s.Name, "Teacher ") || s.Name == "Gloria Okafor" || s.Name == "Peter Okafor" {
			t.Errorf("%s is not a student, yet stored", s.Name)
		}
	}
	again, err := exchange.PlanRosterImport(context.Background(), st, zip, exchange.RosterReadOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := again.Change(); !errors.Is(err, exchange.ErrNothingToImport) || !again.File.Set().Zipped {
		t.Errorf("the zip after the folder: %v", err)
	}
}

// Given last month's set imported, when next month's comes (students
// renamed, moved to another section, gone, new), as a bulk set or as a
// delta, then the renamed and moved are updated, those who left are
// inactive with their ID kept, newcomers are added, nobody is doubled,
// and the bulk set and the delta leave the same roster.
func TestImportNextMonth(t *testing.T) {
	g := onerostertest.Generate(onerostertest.Options{Students: 600, Classes: 24})
	next, ch := g.NextMonth(4)
	base := t.TempDir()
	first, _ := g.WriteDir(filepath.Join(base, "september"))
	bulk, _ := next.WriteDir(filepath.Join(base, "october"))
	delta, _ := onerostertest.DeltaOf(next, ch).WriteZip(filepath.Join(base, "october-delta.zip"), "")
	results := map[string]map[string]continuum.Student{}
	for _, month := range []string{bulk, delta} {
		st := mustOpen(t)
		importRoster(t, st, first, exchange.RosterReadOptions{})
		before := byExternal(t, students(t, st))
		p, _ := importRoster(t, st, month, exchange.RosterReadOptions{})
		after := byExternal(t, students(t, st))
		if len(after) != 600+len(ch.Newcomers) {
			t.Fatalf("%s: %d stored, want %d", month, len(after), 600+len(ch.Newcomers))
		}
		for _, i := range ch.Renamed {
			if s := after[next.Students[i].Identifier]; s.Name != next.Students[i].Name() || s.ID != before[s.ExternalID].ID {
				t.Errorf("%s: renamed %+v", month, s)
			}
		}
		for _, i := range ch.Moved {
			if s := after[next.Students[i].Identifier]; s.Group != next.Classes[next.Students[i].Classes[0]].Group || s.Inactive {
				t.Errorf("%s: moved %+v", month, s)
			}
		}
		for _, i := range ch.Left {
			if s := after[next.Students[i].Identifier]; !s.Inactive || s.ID != before[s.ExternalID].ID || s.Group != before[s.ExternalID].Group {
				t.Errorf("%s: left %+v", month, s)
			}
		}
		if p.Plan.Count(continuum.RosterAdded) != len(ch.Newcomers) || p.Plan.Count(continuum.RosterLeft) != len(ch.Left) ||
			p.Plan.Count(continuum.RosterUpdated) != len(ch.Renamed)+len(ch.Moved) {
			t.Errorf("%s: %v", month, p.Written())
		}
		results[month] = after
		// The same month again changes nothing.
		again, err := exchange.PlanRosterImport(context.Background(), st, month, exchange.RosterReadOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := again.Change(); !errors.Is(err, exchange.ErrNothingToImport) {
			t.Errorf("%s twice: %v (%v)", month, err, again.Written())
		}
	}
	for ext, s := range results[bulk] {
		d := results[delta][ext]
		if s.Name != d.Name || s.Group != d.Group || s.Inactive != d.Inactive || s.ID != d.ID {
			t.Errorf("bulk gives %+v, delta %+v", s, d)
		}
	}
}

// A teacher imports her own classes: only their students come in; a
// later import of one class leaves the others' students alone.
func TestImportChosenClasses(t *testing.T) {
	g := onerostertest.Generate(onerostertest.Options{Students: 400, Classes: 20})
	dir, _ := g.WriteDir(t.TempDir())
	f, err := exchange.ReadRoster(context.Background(), dir, exchange.RosterReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	if _, err := f.Plan(context.Background(), st); !errors.Is(err, exchange.ErrNoClassChosen) {
		t.Errorf("planned with no class chosen: %v", err)
	}
	if err := f.ChooseClasses([]string{"Algebra I"}); err == nil || !strings.Contains(err.Error(), "2 classes are") {
		t.Errorf("a shared title: %v", err)
	}
	if err := f.ChooseClasses([]string{"C001", "class-0002"}); err != nil {
		t.Fatal(err)
	}
	p, err := f.Plan(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, s := range g.Students {
		if slices.Contains(s.Classes, 0) || slices.Contains(s.Classes, 1) {
			want++
		}
	}
	if n := len(students(t, st)); n != want || want != 60 {
		t.Errorf("%d stored, want %d: the 40 of the two classes and the 20 in the first as their second class", n, want)
	}
	p2, err := exchange.PlanRosterImport(context.Background(), st, dir, exchange.RosterReadOptions{}, []string{"C002"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p2.Change(); !errors.Is(err, exchange.ErrNothingToImport) || p2.Plan.Count(continuum.RosterLeft) != 0 || len(p2.Plan.Groups) != 1 {
		t.Errorf("importing C002 alone: %v, %v", err, p2.Written())
	}
}

// Bad input: nothing is stored, and each problem names its place.
func TestImportRosterProblems(t *testing.T) {
	dir, _ := onerostertest.Generate(onerostertest.Options{Students: 50, Classes: 2}).WriteDir(t.TempDir())
	enr, _ := os.ReadFile(filepath.Join(dir, "enrollments.csv"))
	enr = append(enr, []byte("\"enr-bad-1\",\"\",\"\",\"class-0001\",\"org-1\",\"user-99999\",\"student\",\"false\",\"\",\"\",\"\"\r\n\"enr-bad-2\",\"\",\"\",\"class-0777\",\"org-1\",\"user-00001\",\"student\",\"false\",\"\",\"\",\"\"\r\n")...)
	if err := os.WriteFile(filepath.Join(dir, "enrollments.csv"), enr, 0o644); err != nil {
		t.Fatal(err)
	}
	table := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(table, []byte("Student ID,Name,Group\nS001,Ana,P1\nS002,Ben,P1\nS001,Cleo,P1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path string
		want []string
	}{
		{dir, []string{"enrollments.csv, row 61, column F (userSourcedId): user \"user-99999\" is not in users.csv", "enrollments.csv, row 62, column D (classSourcedId): class \"class-0777\" is not in classes.csv"}},
		{table, []string{"roster, row 4, column A (Student ID): student ID S001 is already on row 2"}},
	}
	for _, tc := range cases {
		st := mustOpen(t)
		p, err := exchange.PlanRosterImport(context.Background(), st, tc.path, exchange.RosterReadOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Problems) != len(tc.want) {
			t.Fatalf("%s: problems %v", tc.path, p.Problems)
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(p.Problems[i].String(), w) {
				t.Errorf("problem %q, want %q…", p.Problems[i], w)
			}
		}
		if _, err := p.Apply(context.Background(), st); !errors.Is(err, exchange.ErrProblems) {
			t.Errorf("applied with problems: %v", err)
		}
		if n := len(students(t, st)); n != 0 {
			t.Errorf("%d students stored from a file with problems", n)
		}
		if backups, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Dir()), "*.backup")); len(backups) != 0 {
			t.Errorf("backups made of a refused import: %v", backups)
		}
	}
}

// A OneRoster set whose two users share an identifier: refused, at the
// second user's row and identifier column.
func TestImportRosterDuplicateIdentifier(t *testing.T) {
	dir, _ := onerostertest.Generate(onerostertest.Options{Students: 20, Classes: 2}).WriteDir(t.TempDir())
	users, _ := os.ReadFile(filepath.Join(dir, "users.csv"))
	users = bytes.Replace(users, []byte(`"100001"`), []byte(`"100000"`), 1)
	os.WriteFile(filepath.Join(dir, "users.csv"), users, 0o644)
	p, err := exchange.PlanRosterImport(context.Background(), mustOpen(t), dir, exchange.RosterReadOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 1 || !strings.HasPrefix(p.Problems[0].String(), "users.csv, row 3, column L (identifier): external ID 100000 is already") {
		t.Errorf("problems %v", p.Problems)
	}
}

// A student typed by hand as "Ana Lopez" and listed as "Ana López" is
// flagged, not merged; the teacher's word merges her.
func TestImportRosterNearMiss(t *testing.T) {
	st := mustOpen(t)
	if err := st.PutStudents(context.Background(), continuum.Student{ID: "S001", Name: "Ana Lopez", Group: "Period 2"}); err != nil {
		t.Fatal(err)
	}
	table := filepath.Join(t.TempDir(), "period2.csv")
	os.WriteFile(table, []byte("Name,SIS ID,Period\nAna López,5001,2\nBen Li,5002,2\n"), 0o644)
	p, err := exchange.PlanRosterImport(context.Background(), st, table, exchange.RosterReadOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Plan.NearMisses) != 1 || p.Plan.NearMisses[0].Stored.ID != "S001" || !strings.Contains(p.Plan.NearMisses[0].Why, "accents") {
		t.Fatalf("near-misses %+v", p.Plan.NearMisses)
	}
	if p.Plan.Count(continuum.RosterAdded) != 2 || len(p.Plan.Left) != 1 {
		t.Errorf("by default: %v, left %v", p.Written(), p.Plan.Left)
	}
	if err := p.SameStudents([]string{"Nobody"}); err == nil || !strings.Contains(err.Error(), "5001 Ana López") {
		t.Errorf("--same Nobody: %v", err)
	}
	if err := p.SameStudents([]string{"5001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	m := byExternal(t, students(t, st))
	if len(m) != 2 || m["5001"].ID != "S001" || m["5001"].Name != "Ana López" {
		t.Errorf("stored %+v", m)
	}
}

// Given a class list saved by LibreOffice Calc as xlsx, when it is
// imported, then its students are stored.
func TestImportRosterFromLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll([][]string{{"Last Name", "First Name", "Student Number", "Homeroom", "Grade"},
		{"Okafor", "Amara", "00987", "7B", "07"}, {"Nguyen", "Bao", "00988", "7B", "07"}, {"Müller", "Lena", "00989", "7C", "07"}})
	src := filepath.Join(dir, "homerooms.csv")
	os.WriteFile(src, b.Bytes(), 0o644)
	storagetest.Soffice(t, dir, "--infilter=CSV:44,34,UTF8,1,1/2/2/2/3/2/4/2/5/2", "--convert-to", "xlsx", "--outdir", dir, src)
	xlsx := filepath.Join(dir, "homerooms.xlsx")
	if !exchange.LooksLikeRoster(xlsx) {
		t.Error("LibreOffice's class list is not recognised")
	}
	st := mustOpen(t)
	p, _ := importRoster(t, st, xlsx, exchange.RosterReadOptions{})
	if !strings.Contains(p.File.Kind, "Excel workbook") {
		t.Errorf("kind %q", p.File.Kind)
	}
	m := byExternal(t, students(t, st))
	if len(m) != 3 || m["00987"].Name != "Amara Okafor" || m["00989"].Group != "7C" || m["00988"].Grade != "07" {
		t.Errorf("stored %+v", m)
	}
}

// IsOneRoster and LooksLikeRoster tell the files apart.
func TestRecogniseRosters(t *testing.T) {
	dir := t.TempDir()
	g := onerostertest.Generate(onerostertest.Options{Students: 10, Classes: 2})
	set, _ := g.WriteDir(filepath.Join(dir, "set"))
	zip, _ := g.WriteZip(filepath.Join(dir, "set.zip"), "inner")
	table := filepath.Join(dir, "list.csv")
	os.WriteFile(table, []byte("Student ID,First name,Last name\nS1,Ana,Li\n"), 0o644)
	scores := filepath.Join(dir, "scores.csv")
	os.WriteFile(scores, []byte("Student ID,Name,NO.1.1,NO.1.2\nS1,Ana,3,4\n"), 0o644)
	oneTarget := filepath.Join(dir, "one-target.csv")
	os.WriteFile(oneTarget, []byte("Student ID,Name,NO.1.1\nS1,Ana,3\n"), 0o644)
	if _, err := exchange.ReadRoster(context.Background(), dir, exchange.RosterReadOptions{}); err == nil || !strings.Contains(err.Error(), "holds no OneRoster set") {
		t.Errorf("a folder of other things: %v", err)
	}
	if _, err := exchange.ReadRoster(context.Background(), filepath.Join(set, "users.csv"), exchange.RosterReadOptions{}); err == nil || !strings.Contains(err.Error(), "import that folder") {
		t.Errorf("users.csv of a set: %v", err)
	}
	for _, tc := range []struct {
		path            string
		oneRoster, list bool
	}{{set, true, false}, {zip, true, false}, {table, false, true}, {scores, false, false}, {oneTarget, false, false}, {filepath.Join(set, "users.csv"), false, false}} {
		if got := exchange.IsOneRoster(tc.path); got != tc.oneRoster {
			t.Errorf("IsOneRoster(%s) = %v", tc.path, got)
		}
		if got := exchange.LooksLikeRoster(tc.path); got != tc.list {
			t.Errorf("LooksLikeRoster(%s) = %v", tc.path, got)
		}
	}
	// A sheet of one target's scores is imported as scores, not as a class list.
	if got := exchange.Route(oneTarget, ""); got != exchange.FormatScores {
		t.Errorf("one target's scores route to %q, want %q", got, exchange.FormatScores)
	}
}

// BenchmarkImportRoster2000 is the whole roster import a teacher runs on
// a district's OneRoster zip of 2,000 students in 80 classes, every
// class chosen, into an empty store: read the set, plan against the
// store, back up, store the students. The store is opened before the
// clock starts, as the app holds it open.
func BenchmarkImportRoster2000(b *testing.B) {
	path, err := onerostertest.Generate(onerostertest.Options{}).WriteZip(filepath.Join(b.TempDir(), "district.zip"), "")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := exchange.PlanRosterImport(ctx, st, path, exchange.RosterReadOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		a, err := p.Apply(ctx, st)
		if err != nil || a.Students != 2000 {
			b.Fatal(a, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
