package flex

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/widgets"
)

// Given a review (a read-only workspace over a store that refuses every
// change), the flex planner has no block, placement or move actions, a
// move that slips through changes nothing, and the attendance taken is
// shown with nothing to change it.
func TestReadOnlyFlexHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := reviewWindow(t)
	p := New(reviewStore(t), reviewWorkspace(), w)
	w.SetContent(p.Content())
	p.Refresh()
	p.FocusFirst()

	if p.blockID == "" {
		t.Fatal("no flex block shown")
	}
	reviewNoEditing(t, w, "flex")
	reviewHidden(t, "flex", p.newBtn, p.editBtn, p.dupBtn, p.delBtn, p.planSep, p.suggestBtn, p.resuggest, p.saveBtn, p.pickBar)
	placed := len(p.plan.placed)
	for id := range p.rows {
		p.onMove(id, 0)
		p.onTakeOut(id)
		break
	}
	if p.plan.dirty || len(p.plan.placed) != placed {
		t.Error("a student was moved in a review")
	}
	p.onShowAttendance(true)
	reviewNoEditing(t, w, "flex attendance")
	reviewHidden(t, "flex attendance", p.suggestBtn, p.saveBtn, p.pickBar)
	if len(p.attendance) > 0 {
		t.Error("attendance can be recorded")
	}
	came := 0
	for _, o := range reviewShown(p.attScroll) {
		switch v := o.(type) {
		case *widget.RadioGroup, *widget.Entry, *widgets.Entry, *flexOutcomeEntry:
			t.Errorf("the attendance shows a %T to change", o)
		case *widget.Label:
			if v.Text == flexCame {
				came++
			}
		}
	}
	if came == 0 {
		t.Error("the attendance recorded is not shown")
	}
	p.onShowAttendance(false)
	reviewHidden(t, "flex placements", p.suggestBtn, p.resuggest, p.saveBtn, p.pickBar)
}
