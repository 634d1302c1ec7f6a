package screen

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// fakeScreen loads a number from a function the test controls.
type fakeScreen struct {
	Base[int]
	shown []int
	calls int
	read  func(calls int) (int, error)
}

func newFakeScreen(t *testing.T, ws *Workspace) *fakeScreen {
	return newFakeScreenKeeping(t, ws, false)
}

// newFakeScreenKeeping is newFakeScreen with the loader's KeepShown set.
func newFakeScreenKeeping(t *testing.T, ws *Workspace, keep bool) *fakeScreen {
	s := &fakeScreen{}
	s.read = func(n int) (int, error) { return n, nil }
	body := widget.NewLabel("body")
	s.Init(ws, test.NewTempWindow(t, nil), body, Loader[int]{
		What:    "The numbers",
		Follows: FollowsContinuum(ws, EvidenceChanged),
		Read: func() func(context.Context) (int, error) {
			s.calls++
			n := s.calls
			return func(context.Context) (int, error) { return s.read(n) }
		},
		Show:      func(v int) { s.shown = append(s.shown, v) },
		KeepShown: keep,
	})
	return s
}

func TestBaseCoalescesLoadsAndTellsWatchersOnce(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	ws := NewWorkspace()
	s := newFakeScreen(t, ws)
	var log []string
	s.WhenLoaded(func() { log = append(log, "watcher") })
	// Given a load under way, when two more are asked for, then one more
	// load runs after it and only its result is shown.
	s.read = func(n int) (int, error) {
		if n == 1 {
			s.Load()
			s.Load()
		}
		return n, nil
	}
	s.Load()
	if !slices.Equal(s.shown, []int{2}) {
		t.Errorf("shown %v, want only the second load's result", s.shown)
	}
	if s.calls != 2 {
		t.Errorf("%d loads, want 2 (two asks become one reload)", s.calls)
	}
	if want := []string{"watcher"}; !slices.Equal(log, want) {
		t.Errorf("log %v, want %v", log, want)
	}
	s.Load()
	if len(log) != 1 {
		t.Errorf("watchers told twice: %v", log)
	}
}

func TestBaseFollowsOnlyItsChangesAndOnlyOnView(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	ws := NewWorkspace()
	ws.SelectContinuum("c1")
	s := newFakeScreen(t, ws)
	ws.Changed(Change{Kind: EvidenceChanged, Continuum: "c2"})
	ws.Changed(Change{Kind: FlexChanged, Continuum: "c1"})
	if s.calls != 0 {
		t.Errorf("%d loads for changes the screen does not follow", s.calls)
	}
	ws.Changed(Change{Kind: EvidenceChanged, Continuum: "c1"})
	if s.calls != 1 {
		t.Errorf("%d loads after a change it follows, want 1", s.calls)
	}
	s.frame.Hide()
	ws.Changed(Change{Kind: RosterChanged})
	if s.calls != 1 {
		t.Errorf("a screen off view loaded at once (%d loads)", s.calls)
	}
}

func TestBaseShowsWhyALoadFailed(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	s := newFakeScreen(t, NewWorkspace())
	s.read = func(int) (int, error) { return 0, errors.New("disk on fire") }
	s.Load()
	if got := s.Notice(); !strings.HasPrefix(got, "The numbers could not be read: disk on fire") {
		t.Errorf("notice %q", got)
	}
	if s.body.Visible() {
		t.Error("the body is still shown under the notice")
	}
	s.read = func(int) (int, error) { return 0, &continuum.Error{Kind: continuum.ErrNotFound, Message: "gone"} }
	s.Load()
	if got := s.Notice(); !strings.Contains(got, "no longer in the store") {
		t.Errorf("notice for a missing continuum %q", got)
	}
	s.read = func(n int) (int, error) { return n, nil }
	s.Load()
	s.HideNotice()
	if s.Notice() != "" || !s.body.Visible() {
		t.Error("HideNotice left the notice up")
	}
}

func TestBaseKeepingWhatItShowsReadsAgainOnlyAfterAChange(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	ws := NewWorkspace()
	ws.SelectContinuum("c1")
	ws.SetToday(continuum.NewDate(2026, 3, 2))
	s := newFakeScreenKeeping(t, ws, true)
	told := 0
	s.WhenLoaded(func() { told++ })
	s.Refresh()
	// Given a shown load, when the screen is shown again with nothing
	// changed, then it reads nothing and those waiting are still told.
	s.WhenLoaded(func() { told++ })
	s.Refresh()
	s.Refresh()
	if s.calls != 1 || s.Reads() != 1 || !s.Current() {
		t.Errorf("%d reads after three visits with nothing changed, want 1", s.calls)
	}
	if told != 2 {
		t.Errorf("watchers told %d times, want 2", told)
	}
	// A change the screen does not follow keeps it; one it follows, made
	// while it was off view, makes the next visit read again.
	s.frame.Hide()
	ws.Changed(Change{Kind: FlexChanged, Continuum: "c1"})
	s.Refresh()
	if s.calls != 1 {
		t.Errorf("a change it does not follow made it read again (%d reads)", s.calls)
	}
	ws.Changed(Change{Kind: EvidenceChanged, Continuum: "c1"})
	if s.Current() {
		t.Error("still current after a change it follows")
	}
	s.Refresh()
	if s.calls != 2 {
		t.Errorf("%d reads after a change it follows, want 2", s.calls)
	}
	// A new day reads again: positions and pace depend on it.
	ws.SetToday(continuum.NewDate(2026, 3, 3))
	s.Refresh()
	if s.calls != 3 {
		t.Errorf("%d reads after the day moved on, want 3", s.calls)
	}
	// A failed load is not kept: the next visit tries again.
	s.read = func(int) (int, error) { return 0, errors.New("disk on fire") }
	s.Load()
	s.read = func(n int) (int, error) { return n, nil }
	s.Refresh()
	if s.calls != 5 || !slices.Equal(s.shown[len(s.shown)-1:], []int{5}) {
		t.Errorf("%d reads, shown %v: a failed load was kept", s.calls, s.shown)
	}
}

func TestBaseNotKeepingReadsOnEveryVisit(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	s := newFakeScreen(t, NewWorkspace())
	s.Refresh()
	s.Refresh()
	if s.calls != 2 {
		t.Errorf("%d reads for two visits without KeepShown, want 2", s.calls)
	}
}

// Given a load under way, when a change it follows is announced while the
// screen is off view, then what the load shows is not kept as current:
// the next visit reads again.
func TestBaseKeepingDoesNotKeepALoadAChangeCameDuring(t *testing.T) {
	test.NewTempApp(t)
	SetInline(true)
	defer SetInline(false)
	ws := NewWorkspace()
	s := newFakeScreenKeeping(t, ws, true)
	s.read = func(n int) (int, error) {
		if n == 1 {
			s.frame.Hide()
			ws.Changed(Change{Kind: RosterChanged})
		}
		return n, nil
	}
	s.Refresh()
	if s.Current() {
		t.Fatal("a load that a change came during is kept as current")
	}
	s.frame.Show()
	s.Refresh()
	if s.calls != 2 || !s.Current() {
		t.Errorf("%d reads, current %v: the visit after did not read the change", s.calls, s.Current())
	}
}
