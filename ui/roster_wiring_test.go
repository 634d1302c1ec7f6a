package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// tabButton finds a button by its text in the tab shown.
func tabButton(t *testing.T, a *App, text string) *widgets.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(a.tabs.Selected().Content) {
		if b, ok := o.(*widgets.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q in the tab shown", text)
	return nil
}

// The Students screen's Import class list… opens the shell's import of a
// class list, and the profile of a student who has left opens from Left
// the class in the profile's tab.
func TestStudentsScreenImportsAndOpensProfilesOfWhoLeft(t *testing.T) {
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
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start(ViewStudents)
	uitest.Eventually(t, "the Students screen", func() bool { return a.tabs.SelectedIndex() == 1 })

	test.Tap(tabButton(t, a, "Import class list…"))
	if !uitest.DialogShows(w, "Choose the class list your school's system exported") {
		t.Errorf("no choice of a class list; shown %q", uitest.DialogTexts(w))
	}
	uitest.CloseDialogs(w)

	uitest.Eventually(t, "Left the class", func() bool {
		for _, o := range test.LaidOutObjects(a.tabs.Selected().Content) {
			if b, ok := o.(*widgets.Button); ok && b.Text == "Profile" {
				return true
			}
		}
		return false
	})
	test.Tap(tabButton(t, a, "Profile"))
	uitest.Eventually(t, "the profile", func() bool { return a.tabs.SelectedIndex() == 3 && ws.Student() == "S003" })
}
