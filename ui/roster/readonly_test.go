package roster

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Given a review (a read-only workspace over a store that refuses every
// change), the roster shows a student's details to read, with its fields
// disabled and no save, new or remove; a save that slips through is
// refused with continuum.ErrReadOnly's sentence.
func TestReadOnlyRosterHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	r := New(continuum.ReadOnlyStore{Store: storagetest.OpenDemo(t)}, uitest.ReviewWorkspace(), w)
	w.SetContent(r.Content())
	r.Refresh()
	r.FocusFirst()

	r.list.Select(2)
	if r.editing == "" {
		t.Fatal("no student shown")
	}
	uitest.NoEditing(t, w, "roster")
	uitest.Hidden(t, "roster", r.saveBtn, r.newBtn, r.removeBtn, r.fields)
	for i, e := range []fyne.Disableable{r.name, r.id, r.group, r.external} {
		if !e.Disabled() {
			t.Errorf("roster field %d is enabled", i)
		}
	}
	if st := r.find(r.editing); !r.facts.Visible() || r.factLabels[0].Text != st.Name || r.factLabels[1].Text != st.ID {
		t.Errorf("the student's details read %q %q", r.factLabels[0].Text, r.factLabels[1].Text)
	}
	for _, o := range uitest.Shown(r.content) {
		switch o.(type) {
		case *widget.Select, *widget.Entry, *widget.SelectEntry, *widgets.Entry:
			if o != fyne.CanvasObject(r.groupFilter) { // the list's filter changes nothing
				t.Errorf("the roster shows a %T to change", o)
			}
		}
	}
	if len(r.levelPicks) > 0 {
		t.Error("a starting level can be chosen")
	}
	r.onSave() // slips through: the store refuses, the teacher reads why
	if !uitest.DialogShows(w, continuum.ErrReadOnly.Error()) {
		t.Errorf("a refused save: %q", uitest.DialogTexts(w))
	}
}
