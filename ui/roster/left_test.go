package roster

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// leave marks the demo students ids as having left, as a class list
// imported that no longer lists them does, and reloads the screen.
func (f *rosterFixture) leave(t *testing.T, ids ...string) {
	t.Helper()
	for _, id := range ids {
		st, ok := f.student(t, id)
		if !ok {
			t.Fatalf("no student %s", id)
		}
		st.Inactive = true
		if err := f.st.PutStudents(f.ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	uitest.Eventually(t, "the roster to reload", func() bool { return len(f.r.left) == len(ids) })
}

// leftButton finds a button of the row of the student named name under
// Left the class.
func (f *rosterFixture) leftButton(t *testing.T, name, button string) *widgets.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(f.r.leftSection.list) {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			continue
		}
		lines, ok := row.Objects[0].(*fyne.Container)
		if !ok {
			continue
		}
		if _, ok := lines.Layout.(*tightLines); !ok || !slices.Contains(uitest.Texts(lines), name) {
			continue
		}
		for _, k := range test.LaidOutObjects(row) {
			if b, ok := k.(*widgets.Button); ok && b.Text == button && b.Visible() {
				return b
			}
		}
	}
	t.Fatalf("no %q beside %s under Left the class", button, name)
	return nil
}

// Given two students who have left (a class list imported no longer lists
// them), the class list counts and lists the 26 others; the two are under
// Left the class, greyed, with their evidence, which is kept; one is
// brought back, which can be undone; a profile opens from there.
func TestRosterShowsWhoLeftTheClass(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	ev, err := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: "S003"})
	if err != nil || len(ev) == 0 {
		t.Fatalf("the demo's S003 has no evidence: %v", err)
	}
	var opened []string
	r.SetOpenProfile(func(id string) { opened = append(opened, id) })
	f.leave(t, "S003", "S010")

	if len(r.shown) != 26 || r.count.Text != "26 students" {
		t.Errorf("the class shows %d (%q), want 26", len(r.shown), r.count.Text)
	}
	for _, i := range r.shown {
		if id := r.students[i].ID; id == "S003" || id == "S010" {
			t.Errorf("%s, who has left, is in the class list", id)
		}
	}
	if !r.leftSection.content.Visible() || r.leftSection.toggle.Text != "Left the class (2)" {
		t.Fatalf("the section reads %q, shown %v", r.leftSection.toggle.Text, r.leftSection.content.Visible())
	}
	texts := uitest.Texts(r.leftSection.content)
	for _, want := range []string{"Camila Reyes", "Jada Williams", "S003 · Period 2 · " + continuum.Plural(len(ev), "piece", "pieces") + " of evidence"} {
		if !slices.Contains(texts, want) {
			t.Errorf("Left the class does not show %q: %q", want, texts)
		}
	}
	// Their group keeps only the students in it.
	r.groupFilter.SetSelected("Period 2")
	if r.leftSection.toggle.Text != "Left the class (1 of 2)" || len(r.shown) != 13 {
		t.Errorf("Period 2: %q, %d shown", r.leftSection.toggle.Text, len(r.shown))
	}
	r.groupFilter.SetSelected(allGroups)

	test.Tap(f.leftButton(t, "Camila Reyes", "Profile"))
	if !slices.Equal(opened, []string{"S003"}) {
		t.Errorf("profiles opened %v", opened)
	}

	test.Tap(f.leftButton(t, "Camila Reyes", "Bring back"))
	if st, _ := f.student(t, "S003"); st.Inactive || st.Group != "Period 2" {
		t.Errorf("after Bring back: %+v", st)
	}
	if len(r.shown) != 27 || r.leftSection.toggle.Text != "Left the class (1)" || r.status.Text != "Camila Reyes (S003) is back in the class in Period 2, with their evidence." {
		t.Errorf("after Bring back: %d shown, %q, status %q", len(r.shown), r.leftSection.toggle.Text, r.status.Text)
	}
	if ev2, _ := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: "S003"}); len(ev2) != len(ev) {
		t.Errorf("evidence %d after, %d before", len(ev2), len(ev))
	}
	if label, _ := f.ws.CanUndo(); label != "bringing back Camila Reyes" {
		t.Errorf("undo label %q", label)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.student(t, "S003"); !st.Inactive {
		t.Error("undo did not mark her as having left again")
	}
}

// A student who has left keeps it when their details are saved from the
// form, and so does their grade, which the form does not show.
func TestRosterSaveKeepsWhatTheFormDoesNotShow(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	st, _ := f.student(t, "S004")
	st.Grade, st.Inactive = "07", true
	if err := f.st.PutStudents(f.ctx, st); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	uitest.Eventually(t, "the roster to reload", func() bool { return len(r.left) == 1 })
	r.fillForm(r.find("S004"))
	typeInto(f.w, r.name, "Dev Patel-Singh")
	r.onSave()
	got, _ := f.student(t, "S004")
	if got.Name != "Dev Patel-Singh" || got.Grade != "07" || !got.Inactive || got.UID != st.UID {
		t.Errorf("saved %+v", got)
	}
}

// Import class list… is offered once the shell wires it, and runs it.
func TestRosterOffersImportClassList(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	if r.importBtn.Visible() {
		t.Error("Import class list… shown with nothing to run")
	}
	calls := 0
	r.SetImportClassList(func() { calls++ })
	if !r.importBtn.Visible() {
		t.Fatal("Import class list… not shown")
	}
	test.Tap(r.importBtn)
	if calls != 1 {
		t.Errorf("%d imports started", calls)
	}
}

// In a review, a student who has left is listed, but not offered back,
// and no class list is offered for import.
func TestReadOnlyRosterLeftHasNoBringBack(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	s, err := st.Student(context.Background(), "S003")
	if err != nil {
		t.Fatal(err)
	}
	s.Inactive = true
	if err := st.PutStudents(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	w := uitest.Window(t)
	r := New(continuum.ReadOnlyStore{Store: st}, uitest.ReviewWorkspace(), w)
	w.SetContent(r.Content())
	r.SetImportClassList(func() {})
	r.Refresh()
	if len(r.left) != 1 || r.importBtn.Visible() {
		t.Fatalf("%d left, import shown %v", len(r.left), r.importBtn.Visible())
	}
	if texts := uitest.Texts(r.leftSection.content); slices.Contains(texts, "Bring back") || !slices.Contains(texts, "Camila Reyes") {
		t.Errorf("the review's Left the class shows %q", texts)
	}
}
