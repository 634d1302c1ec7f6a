package classmap

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/continuum-planner/planner/ui/screen"
)

// reviewClassMap is the class map of a review, in a window.
func reviewClassMap(t *testing.T) (*Screen, *screen.Workspace, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := reviewWindow(t)
	ws := reviewWorkspace()
	s := New(reviewStore(t), ws, w)
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
	reviewNoEditing(t, w, "class map")
	reviewHidden(t, "class map", m.detail.form)
	m.onRuneTyped('3')
	if m.detail.score.Text != "" {
		t.Error("typing on the map starts a score")
	}
}

// In a review the class map is judged as of the workspace's day (the day
// the workbook is a snapshot of), not the calendar's.
func TestReadOnlyClassMapIsJudgedAsOfTheWorkspaceDay(t *testing.T) {
	m, ws, _ := reviewClassMap(t)
	if ws.Today() != reviewDay {
		t.Fatalf("the workspace's today is %v, want %v", ws.Today(), reviewDay)
	}
	if m.data == nil {
		t.Fatal("the class map shows nothing")
	}
	if m.data.on != reviewDay {
		t.Errorf("the class map is judged as of %v, want %v", m.data.on, reviewDay)
	}
}
