package classmap

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// reviewClassMap is the class map of a review, in a window.
func reviewClassMap(t *testing.T) (*Screen, *screen.Workspace, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := uitest.Window(t)
	ws := uitest.ReviewWorkspace()
	s := New(continuum.ReadOnlyStore{Store: storagetest.OpenDemo(t)}, ws, w)
	w.SetContent(s.Content())
	s.Refresh()
	s.FocusFirst()
	if s.data == nil {
		t.Fatal("the class map did not load")
	}
	return s, ws, w
}

// Given a review (a read-only workspace over a store that refuses every
// change), a cell's detail has no score entry, and typing on the map
// starts no score.
func TestReadOnlyClassMapHasNoEditing(t *testing.T) {
	m, _, w := reviewClassMap(t)
	col := slices.IndexFunc(m.columns, func(c classMapColumn) bool { return c.target >= 0 })
	m.onCellTapped(0, col)
	if m.open.target == "" || !m.detail.content.Visible() {
		t.Fatal("no cell opened")
	}
	uitest.NoEditing(t, w, "class map")
	uitest.Hidden(t, "class map", m.detail.form)
	m.onRuneTyped('3')
	if m.detail.score.Text != "" {
		t.Error("typing on the map starts a score")
	}
}

// In a review the class map is judged as of the workspace's day (the day
// the workbook is a snapshot of), not the calendar's.
func TestReadOnlyClassMapIsJudgedAsOfTheWorkspaceDay(t *testing.T) {
	m, ws, _ := reviewClassMap(t)
	if ws.Today() != uitest.ReviewDay {
		t.Fatalf("the workspace's today is %v, want %v", ws.Today(), uitest.ReviewDay)
	}
	if m.data == nil {
		t.Fatal("the class map shows nothing")
	}
	if m.data.on != uitest.ReviewDay {
		t.Errorf("the class map is judged as of %v, want %v", m.data.on, uitest.ReviewDay)
	}
}
