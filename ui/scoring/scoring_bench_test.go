package scoring

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// BenchmarkScoredCellToUpdatedRow is the time from a score typed in the
// scoring column and Enter pressed to the row showing the student's new
// standing: the evidence is stored (synced to disk), the student's mastery
// recomputed and the row redrawn (goal ≤ 50 ms). It runs the real screen
// on Fyne's test driver, on the demo classroom.
func BenchmarkScoredCellToUpdatedRow(b *testing.B) {
	test.NewTempApp(b)
	st, err := storage.Open(b.TempDir(), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SelectContinuum(demoID)
	w := test.NewTempWindow(b, nil)
	s := New(st, ws, w)
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 760))
	s.Refresh()
	w.Canvas().Focus(s.picker.SearchField())
	uitest.TypeText(w, "NO.1.2")
	uitest.PressKey(w, fyne.KeyReturn)
	if s.target != "NO.1.2" {
		b.Fatalf("chose %q", s.target)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.column.FocusRow(0, widgets.ScoreField) // back to the first row: Enter moved on
		before := s.column.Row(0).Saved
		uitest.TypeText(w, []string{"3", "2"}[i%2])
		uitest.PressKey(w, fyne.KeyReturn)
		if row := s.column.Row(0); row.Saved == before && i > 0 {
			b.Fatalf("row not updated: %+v", row)
		}
	}
}
