package transfer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// sameCheck finds the check with this text in the window's dialogs.
func sameCheck(t *testing.T, w fyne.Window, text string) *widget.Check {
	t.Helper()
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if c, ok := o.(*widget.Check); ok && c.Text == text {
				return c
			}
		}
	}
	t.Fatalf("no check %q in %q", text, wbioTexts(w))
	return nil
}

// Given a colleague's workbook of her class numbered from S001 like the
// store's, where her S001 is in fact the store's first student under a
// shorter name, when the teacher opens Same IDs and ticks "Same person as
// S001 …", then the preview counts that student as the stored one (the
// name shown under Defined differently) and the others as new; unticked,
// all are new again; ticked and applied, only the others are added and
// the stored student keeps their name.
func TestWorkbookImportSamePerson(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st := wbioDemoStore(t)
	hers := storagetest.Open(t)
	d := demo.Classroom()
	first := d.Students[0]
	for i := range d.Students {
		d.Students[i].Name = "Colleague's " + d.Students[i].Name
		d.Students[i].ExternalID = ""
	}
	d.Students[0].Name = strings.Fields(first.Name)[0]
	if err := d.Load(ctx, hers); err != nil {
		t.Fatal(err)
	}
	path := wbioExportDemo(t, hers)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	v := io.preview
	if v == nil || v.sameTab == nil {
		t.Fatalf("no preview with a Same IDs tab: %q", wbioTexts(w))
	}
	n := len(d.Students)
	if v.sameTab.Text != fmt.Sprintf("Same IDs (%d)", n) {
		t.Errorf("tab %q, want Same IDs (%d)", v.sameTab.Text, n)
	}
	v.tabs.Select(v.sameTab)
	label := "Same person as " + first.ID + " " + first.Name
	check := sameCheck(t, w, label)
	if check.Checked {
		t.Error("the check is on before the teacher ticks it")
	}
	students := func() (added, conflicting int) {
		return v.p.Count(continuum.SectionStudents, continuum.Added), v.p.Count(continuum.SectionStudents, continuum.Conflicting)
	}

	test.Tap(check)
	if a, c := students(); a != n-1 || c != 1 {
		t.Errorf("ticked: %d students added, %d conflicting; want %d and 1", a, c, n-1)
	}
	if v.tabs.Selected() != v.sameTab {
		t.Errorf("the preview left the Same IDs tab for %q", v.tabs.Selected().Text)
	}
	for _, want := range []string{
		first.ID + " Amara in the workbook: their evidence goes to your " + first.ID + " " + first.Name,
	} {
		if !wbioShows(w, want) {
			t.Errorf("ticked: the preview does not say %q: %q", want, wbioTexts(w))
		}
	}
	v.tabs.SelectIndex(0)
	for _, want := range []string{
		fmt.Sprintf("%d students of the workbook have the IDs of your students but are other people", n-1),
		"1 student of the workbook with one of your students' IDs is your own",
	} {
		if !wbioShows(w, want) {
			t.Errorf("ticked: the summary does not say %q: %q", want, wbioTexts(w))
		}
	}
	var conflicts []string
	for _, it := range v.tabs.Items {
		if strings.HasPrefix(it.Text, "Defined differently") {
			v.tabs.Select(it)
			conflicts = wbioTexts(w)
		}
	}
	if !slices.Contains(conflicts, "Student "+first.ID) || !slices.Contains(conflicts, "Amara") {
		t.Errorf("the name is not shown as defined differently: %q", conflicts)
	}

	v.tabs.Select(v.sameTab)
	test.Tap(sameCheck(t, w, label))
	if a, c := students(); a != n || c != 0 {
		t.Errorf("unticked: %d students added, %d conflicting; want %d and 0", a, c, n)
	}
	test.Tap(sameCheck(t, w, label))
	test.Tap(v.dlg.ConfirmButton())

	roster, err := st.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(roster) != 2*n-1 {
		t.Errorf("the store has %d students, want %d", len(roster), 2*n-1)
	}
	for _, s := range roster {
		if s.ID == first.ID && s.Name != first.Name {
			t.Errorf("%s is now %q, want %q kept", s.ID, s.Name, first.Name)
		}
		if s.Name == "Amara" {
			t.Errorf("her copy of %s was added as %s", first.Name, s.ID)
		}
	}
}
