package flex

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Given a review (a read-only workspace over a store that refuses every
// change), the flex planner has no block, placement or move actions, a
// move that slips through changes nothing, and the attendance taken is
// shown with nothing to change it.
func TestReadOnlyFlexHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	p := New(reviewStore(t), uitest.ReviewWorkspace(), w)
	w.SetContent(p.Content())
	p.Refresh()
	p.FocusFirst()

	if p.blockID == "" {
		t.Fatal("no flex block shown")
	}
	uitest.NoEditing(t, w, "flex")
	uitest.Hidden(t, "flex", p.newBtn, p.editBtn, p.dupBtn, p.delBtn, p.planSep, p.suggestBtn, p.resuggest, p.saveBtn, p.pickBar)
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
	uitest.NoEditing(t, w, "flex attendance")
	uitest.Hidden(t, "flex attendance", p.suggestBtn, p.saveBtn, p.pickBar)
	if len(p.attendance) > 0 {
		t.Error("attendance can be recorded")
	}
	came := 0
	for _, o := range uitest.Shown(p.attScroll) {
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
	uitest.Hidden(t, "flex placements", p.suggestBtn, p.resuggest, p.saveBtn, p.pickBar)
}

// reviewStore opens a real store holding the demo classroom, its flex
// block placed and attendance taken as the teacher did before exporting
// the workbook under review, and hands it out as a review does: every
// change refused with continuum.ErrReadOnly.
func reviewStore(t *testing.T) continuum.ReadOnlyStore {
	t.Helper()
	ctx := context.Background()
	st := storagetest.OpenDemo(t)
	g, class, err := continuum.LoadClass(ctx, st, uitest.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := st.FlexBlocks(ctx, uitest.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	came := true
	for _, b := range blocks {
		for _, pc := range g.Suggest(b, g.ClassPositions(class, b.Date)).Placements {
			if pc.Assignment.Offering != "" {
				pc.Assignment.Attended = &came
				b.Assignments = append(b.Assignments, pc.Assignment)
			}
		}
		if err := st.PutFlexBlock(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	return continuum.ReadOnlyStore{Store: st}
}
