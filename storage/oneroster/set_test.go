package oneroster_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/continuum-planner/planner/storage/oneroster"
	"github.com/continuum-planner/planner/storage/oneroster/onerostertest"
)

func open(t *testing.T, path string) *oneroster.Set {
	t.Helper()
	s, err := oneroster.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, files map[string]string) *oneroster.Set {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	s, err := oneroster.Read(context.Background(), fsys, "set", false)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func allClasses(s *oneroster.Set) []string {
	var ids []string
	for _, c := range s.ActiveClasses() {
		ids = append(ids, c.SourcedID)
	}
	return ids
}

// Given a generated district set of 2,000 students in 80 classes, as a
// folder, a zip with its files in a folder, OneRoster 1.2 with roles.csv,
// and files starting with a BOM, when every class is chosen, then every
// student comes in once with their first class as their group, and no
// teacher, parent or guardian does.
func TestGeneratedSets(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		opts onerostertest.Options
		zip  bool
	}{
		{"folder, 1.1", onerostertest.Options{}, false},
		{"zip, 1.1", onerostertest.Options{}, true},
		{"folder, 1.2 with roles.csv", onerostertest.Options{Version: "1.2"}, false},
		{"zip, 1.2, byte order marks", onerostertest.Options{Version: "1.2", BOM: true}, true},
	}
	for k, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := onerostertest.Generate(tc.opts)
			var path string
			var err error
			if tc.zip {
				path, err = g.WriteZip(filepath.Join(dir, tc.name+".zip"), "export/2026-10")
			} else {
				path, err = g.WriteDir(filepath.Join(dir, string(rune('a'+k))))
			}
			if err != nil {
				t.Fatal(err)
			}
			if !oneroster.Is(path) {
				t.Fatalf("Is(%s) = false", path)
			}
			s := open(t, path)
			if len(s.Problems) > 0 || len(s.Warnings) > 0 {
				t.Fatalf("problems %v, warnings %v", s.Problems, s.Warnings)
			}
			if s.Version != tc.opts.Version && !(tc.opts.Version == "" && s.Version == "1.1") || s.Zipped != tc.zip || s.Delta() {
				t.Errorf("version %q zipped %v delta %v", s.Version, s.Zipped, s.Delta())
			}
			if n := len(s.ActiveClasses()); n != 80 {
				t.Fatalf("%d classes, want 80", n)
			}
			ro := s.Roster(allClasses(s))
			want := g.Expected()
			if len(ro.Students) != 2000 || len(want) != 2000 {
				t.Fatalf("%d students, want 2000 (%d expected)", len(ro.Students), len(want))
			}
			for i, st := range ro.Students {
				w, ok := want[st.ExternalID]
				if !ok || st.Name != w[0] || st.Group != w[1] || st.Inactive || st.Grade == "" {
					t.Fatalf("student %d = %+v, want %v", i, st, w)
				}
				if ro.Places[i].File != "users.csv" || ro.Places[i].Row < 2 {
					t.Fatalf("place %+v", ro.Places[i])
				}
			}
			if len(ro.Groups) != 80 || len(ro.Warnings) != 200 {
				t.Errorf("%d groups (want 80), %d warnings (want 200, one per student in two classes)", len(ro.Groups), len(ro.Warnings))
			}
		})
	}
}

// Choosing classes: by code, sourcedId, name or title; a shared title
// or an unknown one is an error naming the choices.
func TestFindClasses(t *testing.T) {
	dir, err := onerostertest.Generate(onerostertest.Options{Students: 100, Classes: 20}).WriteDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	got, err := s.FindClasses([]string{" c003 ", "class-0001", "Biology (period 2, C012)"})
	if err != nil || !slices.Equal(got, []string{"class-0001", "class-0003", "class-0012"}) {
		t.Errorf("FindClasses = %v, %v", got, err)
	}
	if _, err := s.FindClasses([]string{"Algebra I"}); err == nil || !strings.Contains(err.Error(), "2 classes are") || !strings.Contains(err.Error(), "C011") {
		t.Errorf("shared title: %v", err)
	}
	if _, err := s.FindClasses([]string{"Underwater Basket Weaving"}); err == nil || !strings.Contains(err.Error(), "the classes are") {
		t.Errorf("unknown: %v", err)
	}
	ro := s.Roster([]string{"class-0003"})
	if len(ro.Students) != 5 || len(ro.Groups) != 1 || ro.Groups[0] != "World History (period 1, C003)" {
		t.Errorf("one class: %d students, groups %v", len(ro.Students), ro.Groups)
	}
	for _, st := range ro.Students {
		if st.Group != ro.Groups[0] {
			t.Errorf("%+v is not in the chosen class's group", st)
		}
	}
}

// Given last month's set and this month's changes as a delta (users and
// enrollments only, with status and dateLastModified), when every class
// is chosen, then the moved are in their new class, those who left are
// inactive in their old one, newcomers come in, and the renamed are
// updates for the students the store holds.
func TestDeltaSet(t *testing.T) {
	g := onerostertest.Generate(onerostertest.Options{Students: 400, Classes: 16})
	next, ch := g.NextMonth(3)
	dir, err := onerostertest.DeltaOf(next, ch).WriteDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	if !s.Delta() || len(s.Problems) > 0 || !strings.HasSuffix(s.Describe(), "delta") {
		t.Fatalf("delta %v, problems %v", s.Delta(), s.Problems)
	}
	ro := s.Roster(allClasses(s))
	if ro.Groups != nil {
		t.Errorf("a delta names no whole class lists, got %v", ro.Groups)
	}
	byID := map[string]int{}
	for i, st := range ro.Students {
		byID[st.ExternalID] = i
	}
	for _, i := range ch.Moved {
		st := ro.Students[byID[next.Students[i].Identifier]]
		if st.Inactive || st.Group != next.Classes[next.Students[i].Classes[0]].Group {
			t.Errorf("moved %+v", st)
		}
	}
	for _, i := range ch.Left {
		st := ro.Students[byID[next.Students[i].Identifier]]
		if !st.Inactive {
			t.Errorf("left %+v", st)
		}
	}
	for _, i := range ch.Newcomers {
		if k, ok := byID[next.Students[i].Identifier]; !ok || ro.Students[k].Inactive {
			t.Errorf("newcomer %d missing", i)
		}
	}
	if len(ro.Students) != len(ch.Moved)+len(ch.Left)+len(ch.Newcomers) {
		t.Errorf("%d students in the delta's roster, want %d", len(ro.Students), len(ch.Moved)+len(ch.Left)+len(ch.Newcomers))
	}
	if len(ro.Updates) != len(ch.Renamed) || !strings.HasSuffix(ro.Updates[0].Name, "-Reyes") || ro.UpdatePlaces[0].Row < 2 {
		t.Errorf("updates %+v, want the %d renamed", ro.Updates, len(ch.Renamed))
	}
}

// What real sets do that the reader takes in stride.
func TestTolerance(t *testing.T) {
	s := read(t, map[string]string{
		"manifest.csv": "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.users,bulk\nfile.enrollments,bulk\nfile.classes,bulk\nfiel.demographics,absent\nfile.orgs,bulk\nfile.zebras,bulk\n",
		"users.csv": "\ufeff\"sourcedId\",\"status\",\"dateLastModified\",\"role\",\"givenName\",\"familyName\",\"middleName\",\"identifier\",\"grades\",\"metadata.ext.nickname\"\n" +
			"\"u1\",\"\",\"\",\"student\",\"Ana\",\"López\",\"María\",\"\",\"07\",\"Annie\"\n" +
			"\n" +
			"\"u2\",\"active\",\"2026-01-01\",\"Student\",\"Ben\",\"Li\",\"\",\"S-2\",\"\"\n" +
			"\"t1\",\"\",\"\",\"teacher\",\"Tess\",\"Cher\",\"\",\"\",\"\",\"\"\n" +
			"\"g1\",\"\",\"\",\"guardian\",\"Gil\",\"Li\",\"\",\"\",\"\",\"\"\n",
		"classes.csv":     "sourcedId,title,classCode,periods\nc1,Math 7,M7,3\n",
		"enrollments.csv": "sourcedId,classSourcedId,userSourcedId,role\ne1,c1,u1,student\ne2,c1,u2,student\ne3,c1,t1,teacher\ne4,c1,g1,student\n",
	})
	if len(s.Problems) > 0 {
		t.Fatalf("problems: %v", s.Problems)
	}
	warnings := strings.Join(problemsText(s.Warnings), "\n")
	for _, w := range []string{"fiel.demographics\" is read as file.demographics", "\"file.zebras\" is not a property", "lists orgs.csv, but the set does not have it"} {
		if !strings.Contains(warnings, w) {
			t.Errorf("no warning %q in\n%s", w, warnings)
		}
	}
	ro := s.Roster([]string{"c1"})
	var names []string
	for _, st := range ro.Students {
		names = append(names, st.Name+"|"+st.ExternalID+"|"+st.Grade+"|"+st.Group)
	}
	want := []string{"Ana María López|u1|07|Math 7", "Ben Li|S-2||Math 7"}
	if !slices.Equal(names, want) {
		t.Errorf("students %v, want %v", names, want)
	}
	if len(ro.Warnings) != 1 || !strings.Contains(ro.Warnings[0].Message, "role guardian") || ro.Warnings[0].Row != 6 {
		t.Errorf("roster warnings %v: want the guardian enrolled as a student, on users.csv row 6 (blank line 4 counted)", ro.Warnings)
	}
}

// Bad input is named with its file, row and column; the set still reads.
func TestProblems(t *testing.T) {
	s := read(t, map[string]string{
		"manifest.csv":    "propertyName,value\noneroster.version,1.1\n",
		"users.csv":       "sourcedId,role,givenName,familyName\nu1,student,Ana,Lopez\nu2,student,Ben,Li\nu1,student,Cleo,Park\n,student,Dev,Patel\n",
		"classes.csv":     "sourcedId,title\nc1,Math\n",
		"enrollments.csv": "sourcedId,status,classSourcedId,schoolSourcedId,userSourcedId,role\ne1,,c1,s,u1,student\ne2,,c9,s,u2,student\ne3,,c1,s,u7,student\ne4,tobedeleted,c1,s,u8,student\ne5,weird,c1,s,u2,student\n",
	})
	want := []string{
		"users.csv row 4 column A (sourcedId): sourcedId \"u1\" is already on row 2",
		"users.csv row 5 column A (sourcedId): is empty",
		"enrollments.csv row 3 column C (classSourcedId): class \"c9\" is not in classes.csv",
		"enrollments.csv row 4 column E (userSourcedId): user \"u7\" is not in users.csv",
	}
	got := problemsText(s.Problems)
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d = %q, want %q…", i, got[i], w)
		}
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Error(), "enrollments.csv row 6 column B (status): status \"weird\"") {
		t.Errorf("warnings %v", s.Warnings)
	}
	if got := s.Column("enrollments.csv", "userSourcedId"); got != "E (userSourcedId)" {
		t.Errorf("Column = %q", got)
	}
}

// Files that cannot be read: each is a problem, never a panic.
func TestUnreadable(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no users.csv", map[string]string{"manifest.csv": "propertyName,value\n", "enrollments.csv": "classSourcedId,userSourcedId,role\n", "classes.csv": "sourcedId,title\n"}, "the set has no users.csv"},
		{"no role column", map[string]string{"users.csv": "sourcedId,givenName\n", "enrollments.csv": "classSourcedId,userSourcedId\n", "classes.csv": "sourcedId,title\n"}, "enrollments.csv row 1: the header row has no column role"},
		{"no names", map[string]string{"users.csv": "sourcedId,email\nu1,a@b\n", "enrollments.csv": "classSourcedId,userSourcedId,role\n", "classes.csv": "sourcedId,title\n"}, "no givenName or familyName column"},
		{"empty file", map[string]string{"users.csv": "", "enrollments.csv": "classSourcedId,userSourcedId,role\n", "classes.csv": "sourcedId,title\n"}, "users.csv: the file is empty"},
		{"not UTF-8", map[string]string{"users.csv": "sourcedId,givenName\nu1,Jos\xe9\n", "enrollments.csv": "classSourcedId,userSourcedId,role\n", "classes.csv": "sourcedId,title\n"}, "not UTF-8"},
		{"a broken quote", map[string]string{"users.csv": "sourcedId,givenName\nu1,\"Ana\nu2,Ben\n", "enrollments.csv": "classSourcedId,userSourcedId,role\n", "classes.csv": "sourcedId,title\n"}, "users.csv row 2 column B (givenName): the field holds a line break"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := read(t, tc.files)
			if got := strings.Join(problemsText(s.Problems), "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("problems\n%s\nwant %q", got, tc.want)
			}
		})
	}
	if _, err := oneroster.Read(context.Background(), fstest.MapFS{"notes.txt": {}}, "x", false); !errors.Is(err, oneroster.ErrNotOneRoster) {
		t.Errorf("a folder of other files: %v", err)
	}
}

// Is and Open on what is not a set.
func TestNotASet(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "book.xlsx")
	if _, err := onerostertest.Generate(onerostertest.Options{Students: 5, Classes: 1}).WriteZip(xlsx, ""); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(text, []byte("Name,ID\nAna,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !oneroster.Is(xlsx) || oneroster.Is(text) || oneroster.Is(dir) || oneroster.Is(filepath.Join(dir, "none")) {
		t.Errorf("Is: a zip of a set %v, a CSV %v, an empty folder %v", oneroster.Is(xlsx), oneroster.Is(text), oneroster.Is(dir))
	}
	if _, err := oneroster.Open(context.Background(), text); !errors.Is(err, oneroster.ErrNotOneRoster) {
		t.Errorf("Open of a CSV: %v", err)
	}
}

func problemsText(ps []oneroster.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Error()
	}
	return out
}
