package oneroster_test

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/continuum-planner/planner/storage/oneroster"
)

// lepoSet is the real OneRoster 1.1 set beside the repository, or skips.
func lepoSet(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "realdata", "oneroster_lepo-ja")
	if _, err := os.Stat(filepath.Join(dir, "users.csv")); err != nil {
		t.Skip("the real OneRoster set is not here:", err)
	}
	return dir
}

// Given the real set of a Japanese learning portal (every field quoted,
// metadata.* columns, the manifest's "fiel.demographics", five sections
// of one course, two of them in the same period, teachers whose
// users.csv role says student), when every class is chosen, then its 18
// students come in, named given name first, grouped by class with names
// that never collide, and its two teachers do not.
func TestRealLepoSet(t *testing.T) {
	s := open(t, lepoSet(t))
	if len(s.Problems) > 0 || s.Version != "1.1" || s.Delta() {
		t.Fatalf("problems %v, version %q", s.Problems, s.Version)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Error(), "manifest.csv row 10 column A (propertyName): \"fiel.demographics\"") {
		t.Errorf("warnings %v", s.Warnings)
	}
	var names []string
	for _, c := range s.ActiveClasses() {
		names = append(names, c.Name)
	}
	want := []string{"情報処理入門 (period 1-2, C401)", "情報処理入門 (period 2-1, C402)", "情報システム特論", "情報処理入門 (period 3-1, C404)", "情報処理入門 (period 3-1, C405)"}
	if !slices.Equal(names, want) {
		t.Errorf("class names %q, want %q", names, want)
	}
	if got := s.Terms(s.Classes[2]); got != "2020年度 通年" {
		t.Errorf("term of cl0003 = %q", got)
	}
	ro := s.Roster(allClasses(s))
	if len(ro.Students) != 18 {
		t.Fatalf("%d students, want 18 (us0003 to us0020)", len(ro.Students))
	}
	groups := map[string]int{}
	for i, st := range ro.Students {
		if st.ExternalID == "us0001" || st.ExternalID == "us0002" {
			t.Errorf("teacher %s imported as a student", st.ExternalID)
		}
		if i == 0 && (st.Name != "名03 姓03" || st.ExternalID != "us0003" || ro.Places[0].Row != 4) {
			t.Errorf("first student %+v at %+v", st, ro.Places[0])
		}
		groups[st.Group]++
	}
	wantGroups := map[string]int{want[0]: 3, want[1]: 4, want[3]: 5, want[4]: 6} // cl0003's students are all in a section first
	if len(groups) != len(wantGroups) {
		t.Errorf("groups %v, want %v", groups, wantGroups)
	}
	for g, n := range wantGroups {
		if groups[g] != n {
			t.Errorf("group %s has %d, want %d", g, groups[g], n)
		}
	}
	var teachers, doubles int
	for _, w := range ro.Warnings {
		switch {
		case strings.Contains(w.Message, "only as teacher"):
			teachers++
		case strings.Contains(w.Message, "is in 2 of the chosen classes"):
			doubles++
		}
	}
	if teachers != 2 || doubles != 7 {
		t.Errorf("%d teacher warnings (want 2), %d two-class warnings (want 7): %v", teachers, doubles, ro.Warnings)
	}
	// One class alone: the seminar, whose 7 students are in sections too.
	ids, err := s.FindClasses([]string{"情報システム特論"})
	if err != nil {
		t.Fatal(err)
	}
	if ro := s.Roster(ids); len(ro.Students) != 7 || ro.Students[0].Group != "情報システム特論" {
		t.Errorf("the seminar alone: %d students, %+v", len(ro.Students), ro.Students)
	}
	if _, err := s.FindClasses([]string{"情報処理入門"}); err == nil || !strings.Contains(err.Error(), "4 classes are") {
		t.Errorf("the shared title: %v", err)
	}
}

// The same real set zipped reads the same.
func TestRealLepoSetZipped(t *testing.T) {
	dir := lepoSet(t)
	zpath := filepath.Join(t.TempDir(), "roster.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(e.Name())
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s := open(t, zpath)
	if !s.Zipped || len(s.Problems) > 0 || len(s.Roster(allClasses(s)).Students) != 18 {
		t.Errorf("zipped: %v problems, %d students", s.Problems, len(s.Roster(allClasses(s)).Students))
	}
	if s.Describe() != "OneRoster 1.1 CSV set (zip), bulk" {
		t.Errorf("Describe = %q", s.Describe())
	}
}

// A delta whose enrollments name users sent before (not in its
// users.csv) gives updates keyed by their sourcedIds, with a warning.
func TestDeltaWithUsersSentBefore(t *testing.T) {
	s := read(t, map[string]string{
		"manifest.csv":    "propertyName,value\noneroster.version,1.1\nfile.users,delta\nfile.enrollments,delta\nfile.classes,bulk\n",
		"users.csv":       "sourcedId,status,dateLastModified,role,givenName,familyName\n",
		"classes.csv":     "sourcedId,title\nc1,Math\nc2,Art\n",
		"enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,userSourcedId,role\ne1,tobedeleted,2026-10-01,c1,us0003,student\ne2,active,2026-10-01,c2,us0003,student\ne3,tobedeleted,2026-10-01,c1,us0004,student\n",
	})
	ro := s.Roster([]string{"c1", "c2"})
	if len(ro.Students) != 0 || len(ro.Updates) != 2 {
		t.Fatalf("students %+v updates %+v", ro.Students, ro.Updates)
	}
	if u := ro.Updates[0]; u.ExternalID != "us0003" || u.Group != "Art" || u.Inactive || ro.UpdatePlaces[0] != (oneroster.Place{File: "enrollments.csv", Row: 2}) {
		t.Errorf("moved: %+v at %+v", u, ro.UpdatePlaces[0])
	}
	if u := ro.Updates[1]; u.ExternalID != "us0004" || !u.Inactive || u.Group != "Math" {
		t.Errorf("left: %+v", u)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Message, "not in this delta's users.csv") {
		t.Errorf("warnings %v", s.Warnings)
	}
}

// FuzzRead reads any content as each file of a set: it reads, or
// reports problems, and never panics.
func FuzzRead(f *testing.F) {
	f.Add("sourcedId,role,givenName,familyName\nu1,student,Ana,Lopez\n", "classSourcedId,userSourcedId,role\nc1,u1,student\n", "sourcedId,title,periods\nc1,Math,1\n", "propertyName,value\nfiel.users,delta\n")
	f.Add("\ufeff\"sourcedId\",\"givenName\"\n\"u1\",\"\"\n", "\"classSourcedId\",\"userSourcedId\",\"role\",\"status\"\n\"c1\",\"u9\",\"student\",\"tobedeleted\"\n", "sourcedId,title\nc1,\"Ma\"th\n", "")
	f.Add("sourcedId,givenName\nu1,\"Ana\nu2,Ben", "classSourcedId,userSourcedId,role\n,,\n", "sourcedId,title\n\n\n", "propertyName,value\noneroster.version,9\nfile.users,absent\n")
	f.Fuzz(func(t *testing.T, users, enrollments, classes, manifest string) {
		fsys := fstest.MapFS{"users.csv": {Data: []byte(users)}, "enrollments.csv": {Data: []byte(enrollments)}, "classes.csv": {Data: []byte(classes)}}
		if manifest != "" {
			fsys["manifest.csv"] = &fstest.MapFile{Data: []byte(manifest)}
		}
		s, err := oneroster.Read(context.Background(), fsys, "fuzz", false)
		if err != nil {
			t.Fatal(err)
		}
		ids := allClasses(s)
		ro := s.Roster(ids)
		if len(ro.Students) != len(ro.Places) || len(ro.Updates) != len(ro.UpdatePlaces) {
			t.Fatalf("places out of step: %d/%d, %d/%d", len(ro.Students), len(ro.Places), len(ro.Updates), len(ro.UpdatePlaces))
		}
		for _, c := range s.Classes {
			if c.Name == "" {
				t.Fatalf("class %+v has no name", c)
			}
		}
		_, _ = s.FindClasses(ids)
	})
}
