package units

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// Given a review (a read-only workspace over a store that refuses every
// change), a unit shows no new, edit, reorder, duplicate, delete or
// support-block action, and the editor does not open.
func TestReadOnlyUnitsHaveNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	u := New(continuum.ReadOnlyStore{Store: storagetest.OpenDemo(t)}, uitest.ReviewWorkspace(), w)
	w.SetContent(u.Content())
	u.ShowUnit("Fractions as numbers") // as the shell opens unit:Fractions as numbers
	u.Refresh()
	u.FocusFirst()

	if u.data == nil || u.data.unit == nil {
		t.Fatal("no unit shown")
	}
	uitest.NoEditing(t, w, "units")
	uitest.Hidden(t, "units", u.newBtn, u.editBtn, u.upBtn, u.downBtn, u.dupBtn, u.delBtn)
	for _, o := range test.LaidOutObjects(container.NewVBox(u.readiness.Objects...)) {
		if o == u.supportBtn {
			t.Error("the readiness offers to make a flex block")
		}
	}
	u.onNewUnit()
	u.onEdit()
	if u.editor != nil {
		t.Error("the unit editor opens in a review")
	}
}
