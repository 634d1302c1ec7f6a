package transfer

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	plannerstorage "github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// realdata returns the path of a file or folder of the real data beside
// the repository, skipping the test when it is not there.
func realdata(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realdata", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no real data here: %v", err)
	}
	return path
}

// roster reads the store's roster, by ID.
func roster(t *testing.T, st *plannerstorage.Store) map[string]continuum.Student {
	t.Helper()
	all, err := st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]continuum.Student{}
	for _, s := range all {
		out[s.ID] = s
	}
	return out
}

// tickClass ticks the class with code in the classes dialog as a teacher
// does: she types its code in the search and taps the one row left.
func tickClass(t *testing.T, c *rosterClasses, code string) {
	t.Helper()
	c.search.SetText("")
	test.Type(c.search, code)
	if len(c.shown) != 1 {
		t.Fatalf("searching %q shows %d classes", code, len(c.shown))
	}
	c.list.Select(0)
}

// Given the real OneRoster set of a Japanese university (five classes,
// several with one title), when the teacher imports its folder through
// Import class list… and ticks two classes, then the preview adds their
// students with each class as its group, Apply stores them after a backup,
// and importing the same classes again changes nothing.
func TestImportRealOneRosterSetChoosingTwoClasses(t *testing.T) {
	path := realdata(t, "oneroster_lepo-ja")
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w, io, ws := wbioSetup(t, st)
	var heard []screen.ChangeKind
	ws.OnChange(func(c screen.Change) { heard = append(heard, c.Kind) })

	io.ImportClassList()
	if io.rosterSource == nil {
		t.Fatal("no choice of a file or a folder")
	}
	uitest.OverlayButton(t, w, "Choose a file…")
	uitest.TapOverlayButton(t, w, "Choose a folder…")
	if io.folderDialog == nil {
		t.Fatal("no folder dialog")
	}
	wbioCloseOverlays(w)
	io.importRoster(path) // the folder chosen

	c := io.classes
	if c == nil {
		t.Fatalf("no choice of classes; shown %q", wbioTexts(w))
	}
	if len(c.file.Classes) != 5 || !c.dlg.ConfirmButton().Disabled() {
		t.Fatalf("%d classes, continue disabled %v", len(c.file.Classes), c.dlg.ConfirmButton().Disabled())
	}
	tickClass(t, c, "C401")
	tickClass(t, c, "C404")
	want := 0
	var groups, ids []string
	for _, cl := range c.file.Classes {
		if cl.Code == "C401" || cl.Code == "C404" {
			want += cl.Students
			groups, ids = append(groups, cl.Name), append(ids, cl.SourcedID)
		}
	}
	if n := enrolled(t, path, ids); n != want {
		t.Errorf("the classes say %d students, enrollments.csv %d", want, n)
	}
	if !wbioShows(w, "2 classes ticked, with "+continuum.Plural(want, "student", "students")) {
		t.Errorf("the count is not shown; shown %q", wbioTexts(w))
	}
	test.Tap(c.dlg.ConfirmButton())

	v := io.rosterPreview
	if v == nil {
		t.Fatalf("no preview; shown %q", wbioTexts(w))
	}
	if got := v.p.Plan.Count(continuum.RosterAdded); got != want || want == 0 {
		t.Errorf("%d students added, want %d", got, want)
	}
	if !wbioShows(w, "2 of its 5 classes") || v.dlg.ConfirmButton().Disabled() {
		t.Errorf("apply disabled %v; shown %q", v.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
	if len(roster(t, st)) != 0 {
		t.Fatal("something was written before Apply")
	}
	test.Tap(v.dlg.ConfirmButton())

	stored := roster(t, st)
	if len(stored) != want {
		t.Fatalf("%d students stored, want %d", len(stored), want)
	}
	for _, s := range stored {
		if !slices.Contains(groups, s.Group) || s.ExternalID == "" {
			t.Errorf("stored %+v; groups %q", s, groups)
		}
	}
	if !slices.Contains(heard, screen.RosterChanged) {
		t.Errorf("the screens did not hear of the roster (heard %v)", heard)
	}
	if !wbioShows(w, "Class list imported") || !wbioShows(w, "before-roster-import") {
		t.Errorf("no report naming the backup; shown %q", wbioTexts(w))
	}
	wbioCloseOverlays(w)

	// Again, the same two classes: nothing to import.
	io.importRoster(path)
	if got := io.classes.ids(); len(got) != 0 {
		t.Errorf("a new read starts with %v ticked", got)
	}
	tickClass(t, io.classes, "C401")
	tickClass(t, io.classes, "C404")
	test.Tap(io.classes.dlg.ConfirmButton())
	v = io.rosterPreview
	if got := v.p.Plan.Count(continuum.RosterUnchanged); got != want || !v.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Nothing to import: the roster already is this class list.") {
		t.Errorf("again: %d unchanged, apply disabled %v; shown %q", got, v.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
}

// enrolled counts the students enrolled in the classes of a OneRoster
// set, read from its enrollments.csv as it is written.
func enrolled(t *testing.T, dir string, classes []string) int {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "enrollments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("enrollments.csv: %v", err)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	students := map[string]bool{}
	for _, r := range rows[1:] {
		if r[col("role")] == "student" && slices.Contains(classes, r[col("classSourcedId")]) {
			students[r[col("userSourcedId")]] = true
		}
	}
	return len(students)
}

// selectTab opens the tab whose title starts with title, as a teacher
// clicks it, and reports whether there is one.
func selectTab(tabs *container.AppTabs, title string) bool {
	for _, it := range tabs.Items {
		if strings.HasPrefix(it.Text, title) {
			tabs.Select(it)
			return true
		}
	}
	return false
}

// period5 is a class list of the demo's Period 5 as the school's system
// exports it next month: Dev Patel's family name is longer, Rosa Martínez
// is written without her accent and without her ID, Bea Santos has left,
// and Noor Haddad has arrived.
func period5(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Student ID,First name,Last name,Class\n")
	for i, name := range []string{"Ben Carter", "Dev Patel-Singh", "Farah Haddad", "Hana Kim", "Jada Williams", "Lena Fischer", "Nia Mensah",
		"Priya Sharma", "Rosa Martinez", "Tariq Hassan", "Victor Dubois", "Ximena Torres", "Zoe Anderson"} {
		first, family, _ := strings.Cut(name, " ")
		id := ""
		if name != "Rosa Martinez" {
			id = fmt.Sprintf("S%03d", 2*i+2)
		}
		b.WriteString(id + "," + first + "," + family + ",Period 5\n")
	}
	b.WriteString(",Noor,Haddad,Period 5\n")
	path := filepath.Join(t.TempDir(), "period 5.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Given next month's class list of Period 5, when the teacher picks it
// in Import…, then the preview lists Dev's new name, Noor as added, Bea
// as leaving and Rosa, written without her accent, as resembling Rosa
// Martínez; the teacher says she is the same person, and Apply renames
// her (keeping her evidence), adds Noor and keeps Bea as having left.
// The same file again changes nothing.
func TestImportClassListNearMissSamePerson(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	ctx := context.Background()
	rosaEvidence, _ := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: wbioDemoID, Student: "S018"})
	w, io, _ := wbioSetup(t, st)
	path := period5(t)
	io.importFrom(path)
	v := io.rosterPreview
	if v == nil {
		t.Fatalf("no roster preview; shown %q", wbioTexts(w))
	}
	p := v.p.Plan
	if len(p.NearMisses) != 1 || p.NearMisses[0].Stored.ID != "S018" || len(v.near) != 1 || v.near[0].Selected != newStudent {
		t.Fatalf("near-misses %+v", p.NearMisses)
	}
	if !selectTab(v.tabs, "Resembling (1)") || !wbioShows(w, "Resembles your S018 Rosa Martínez (Period 5): the same name once accents are set aside.") {
		t.Errorf("the near-miss is not said; shown %q", wbioTexts(w))
	}
	// Until the teacher's word, Rosa of the list is someone new, and Rosa
	// of the roster has left with Bea.
	if p.Count(continuum.RosterAdded) != 2 || p.Count(continuum.RosterUpdated) != 1 || p.Count(continuum.RosterLeft) != 2 || p.Left[0].ID != "S028" {
		t.Errorf("before the word: added %d, updated %d, left %v", p.Count(continuum.RosterAdded), p.Count(continuum.RosterUpdated), p.Left)
	}
	v.near[0].SetSelected(samePerson) // the teacher taps Same person
	p = v.p.Plan
	if p.Count(continuum.RosterAdded) != 1 || p.Count(continuum.RosterUpdated) != 2 || p.Count(continuum.RosterLeft) != 1 || !p.NearMisses[0].Same {
		t.Errorf("after the word: added %d, updated %d, %+v", p.Count(continuum.RosterAdded), p.Count(continuum.RosterUpdated), p.NearMisses)
	}
	if !selectTab(v.tabs, "Leaving (1)") || !selectTab(v.tabs, "Changes (2)") {
		t.Errorf("changes or leaving not listed: %v", v.tabs.Items)
	}
	if got := v.changedRows(); len(got) != 2 || got[0][0] != "S004 Dev Patel" || got[0][3] != "name: Dev Patel → Dev Patel-Singh" || got[1][2] != "your word" {
		t.Errorf("changes %q", got)
	}
	test.Tap(v.dlg.ConfirmButton())

	after := roster(t, st)
	if len(after) != 29 || after["S018"].Name != "Rosa Martinez" || after["S018"].Inactive || !after["S028"].Inactive || after["S004"].Name != "Dev Patel-Singh" {
		t.Errorf("roster after: %d students, S018 %+v, S028 %+v, S004 %+v", len(after), after["S018"], after["S028"], after["S004"])
	}
	if ev, _ := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: wbioDemoID, Student: "S018"}); len(ev) != len(rosaEvidence) || len(ev) == 0 {
		t.Errorf("Rosa's evidence %d, was %d", len(ev), len(rosaEvidence))
	}
	wbioCloseOverlays(w)

	io.importFrom(path)
	v = io.rosterPreview
	if len(v.p.Plan.NearMisses) != 0 || !v.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Nothing to import") {
		t.Errorf("again: near-misses %+v, apply disabled %v; shown %q", v.p.Plan.NearMisses, v.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
}

// Given a class list whose headers the reader does not take for a class
// list's (French, but for its Student ID), when it is imported, then its
// columns are mapped first, the Student ID column chosen already; with
// the name and class chosen, the preview adds its students, and the
// mapping is remembered for the next list with these headers.
func TestImportClassListThroughTheMapping(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "classe.csv")
	if err := os.WriteFile(path, []byte("Nom complet;Student ID;Classe\nLéa Martin;E01;6e B\nHugo Bernard;E02;6e B\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	io.importRoster(path)
	m := io.mapping
	if m == nil || m.kind != rosterMapping {
		t.Fatalf("no class list mapping; shown %q", wbioTexts(w))
	}
	if m.chosen("id") != 1 || m.chosen("name") != -1 || !m.dlg.ConfirmButton().Disabled() {
		t.Errorf("prefilled id %d, name %d; confirm disabled %v", m.chosen("id"), m.chosen("name"), m.dlg.ConfirmButton().Disabled())
	}
	m.Choose("name", 0)
	m.Choose("group", 2)
	if !wbioShows(w, "With these columns: 2 students, ") {
		t.Errorf("no count; shown %q", wbioTexts(w))
	}
	m.remember.SetChecked(true)
	test.Tap(m.dlg.ConfirmButton())
	v := io.rosterPreview
	if v == nil {
		t.Fatalf("no preview; shown %q", wbioTexts(w))
	}
	added := v.addedRows()
	if len(added) != 2 || added[0][0] != "E01" || added[0][1] != "Léa Martin" || added[0][2] != "6e B" {
		t.Errorf("added %q", added)
	}
	test.Tap(v.dlg.ConfirmButton())
	wbioCloseOverlays(w)

	io.mapping, io.rosterPreview = nil, nil
	io.importRoster(path)
	if io.mapping != nil || io.rosterPreview == nil || !wbioShows(w, "Using the mapping you saved on") {
		t.Fatalf("the saved mapping was not used; shown %q", wbioTexts(w))
	}
	if got := io.rosterPreview.p.Plan.Count(continuum.RosterUnchanged); got != 2 {
		t.Errorf("%d unchanged the second time", got)
	}
}

// The class list's mapping asks for every field the reader can map, in its order.
func TestRosterMappingFieldsAreTheReaders(t *testing.T) {
	var keys []string
	for _, f := range rosterFields {
		keys = append(keys, f.key)
	}
	if !slices.Equal(keys, workbook.RosterFields) {
		t.Errorf("form fields %v, reader's %v", keys, workbook.RosterFields)
	}
}

// Import… sends each kind of file to its import, in continuumctl's order.
func TestImportRoute(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for path, want := range map[string]string{
		write("class.csv", "Student ID,Name,Group\nS1,Ana,P1\n"):                                  exchange.FormatRoster,
		write("scores.csv", "Student ID,Student,Target,Date,Score\nS1,Ana,NO.1.1,2027-01-11,3\n"): exchange.FormatScores,
		write("standards.csv", "Code,Statement\n3.OA.1,Interpret products\n"):                     "",
	} {
		if got := importRoute(path); got != want {
			t.Errorf("%s goes to %q, want %q", filepath.Base(path), got, want)
		}
	}
	if path, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "realdata", "oneroster_lepo-ja")); err == nil {
		if _, err := os.Stat(path); err == nil && importRoute(path) != exchange.FormatOneRoster {
			t.Errorf("the OneRoster folder goes to %q", importRoute(path))
		}
	}
}

// Whatever a file's headers are, looking at them as a class list's gives
// only columns among them, each field once, and never fails.
func FuzzRecognisedRosterFields(f *testing.F) {
	for _, seed := range []string{"Nom complet;Student ID;Classe", "First name,Last name", "\"a,b\",c", "", "Name,Name", "\x00\xff", "Student ID\tSIS ID\tGrade"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		headers := strings.FieldsFunc(line, func(r rune) bool { return r == ';' || r == ',' || r == '\t' })
		for field, col := range recognisedRosterFields(context.Background(), headers) {
			if col < 0 || col >= len(headers) || !slices.Contains(workbook.RosterFields, field) {
				t.Errorf("%q: %s at column %d", headers, field, col)
			}
		}
	})
}

// Given the real OneRoster set zipped, as a school's system hands it out,
// Import… takes it for a set and asks for its classes.
func TestImportZippedOneRosterSetThroughImport(t *testing.T) {
	dir := realdata(t, "oneroster_lepo-ja")
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "roster.zip")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	files, _ := os.ReadDir(dir)
	for _, fi := range files {
		data, err := os.ReadFile(filepath.Join(dir, fi.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(fi.Name())
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	if !importChoice.Shows(path) {
		t.Error("the Import… dialog does not show zips")
	}
	w, io, _ := wbioSetup(t, storagetest.Open(t))
	io.importFrom(path)
	if io.classes == nil || len(io.classes.file.Classes) != 5 || !strings.Contains(io.classes.file.Kind, "zip") {
		t.Fatalf("no choice of the set's classes; shown %q", wbioTexts(w))
	}
}
