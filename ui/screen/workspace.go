package screen

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/continuum-planner/planner/continuum"
)

// ChangeKind says what kind of data a change touched, so that screens
// refresh only what they show.
type ChangeKind int

// The kinds of change.
const (
	// ContinuaChanged: a continuum was created, renamed, edited or deleted.
	ContinuaChanged ChangeKind = iota
	// TargetsChanged: targets of a continuum were added, edited, reordered or removed.
	TargetsChanged
	// RosterChanged: students were added, edited or removed.
	RosterChanged
	// EvidenceChanged: evidence or overrides were recorded, edited or removed.
	EvidenceChanged
	// SelectionChanged: another continuum was chosen.
	SelectionChanged
	// FlexChanged: flex blocks, their placements or their attendance changed.
	FlexChanged
	// UnitsChanged: units of a continuum were added, edited, reordered or removed.
	UnitsChanged
	// VisitNotesChanged: a coach's visit notes on a continuum, or the look-for list, changed.
	VisitNotesChanged
	// CalibrationChanged: the calibration scores entered in the app changed.
	CalibrationChanged
)

// Change is one change announced to the screens.
type Change struct {
	// Kind is what changed.
	Kind ChangeKind
	// Continuum is the ID of the continuum concerned, if any.
	Continuum string
}

// UndoStep reverses one change the teacher made.
type UndoStep struct {
	// Label says what will be undone, e.g. "score 3 for Ana on NO.1.2".
	Label string
	// Undo reverses the change in the store.
	Undo func(ctx context.Context) error
	// Change is announced after the undo succeeds.
	Change Change
}

// ErrNothingToUndo is returned by Undo when no change is waiting to be undone.
var ErrNothingToUndo = errors.New("there is nothing to undo")

// Workspace is the state the screens share: the continuum being worked
// on, the undo history, the day "today" is, and who is told of changes.
// Its methods are safe from any goroutine; listeners run on the goroutine
// that announced the change (the UI goroutine for every screen here).
type Workspace struct {
	mu        sync.Mutex
	continuum string
	undo      []UndoStep
	listeners []func(Change)
	today     func() continuum.Date
	readOnly  bool
	student   string
	unsaved   []func() []Unsaved
}

// Unsaved is one piece of work typed but not yet stored, which the window
// asks about before it closes.
type Unsaved struct {
	// What names the work as the teacher sees it, e.g. "the score 3 typed for Ana Lee on NO.1.2".
	What string
}

// maxUndo is how many changes can be undone.
const maxUndo = 100

// NewWorkspace returns a workspace with no continuum chosen yet.
func NewWorkspace() *Workspace {
	return &Workspace{today: continuum.Today}
}

// Today returns the current day (fixed in tests with SetToday).
func (w *Workspace) Today() continuum.Date {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.today()
}

// SetToday fixes the day the workspace calls today.
func (w *Workspace) SetToday(d continuum.Date) {
	w.mu.Lock()
	w.today = func() continuum.Date { return d }
	w.mu.Unlock()
}

// ReadOnly reports whether the screens only show the store: a review of
// a workbook, where every editing control is hidden or disabled.
func (w *Workspace) ReadOnly() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.readOnly
}

// SetReadOnly makes the workspace a read-only one (or not). Set it before
// the screens are built: they hide their editing controls as they build.
func (w *Workspace) SetReadOnly(on bool) {
	w.mu.Lock()
	w.readOnly = on
	w.mu.Unlock()
}

// Continuum returns the ID of the continuum being worked on, or "".
func (w *Workspace) Continuum() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.continuum
}

// SelectContinuum makes id the continuum being worked on and tells the screens.
func (w *Workspace) SelectContinuum(id string) {
	w.mu.Lock()
	same := w.continuum == id
	w.continuum = id
	w.mu.Unlock()
	if !same {
		w.Changed(Change{Kind: SelectionChanged, Continuum: id})
	}
}

// Student returns the ID of the student last worked on (scored, or shown
// in the profile), or "".
func (w *Workspace) Student() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.student
}

// SetStudent makes id the student last worked on, so that the profile
// opens on them.
func (w *Workspace) SetStudent(id string) {
	w.mu.Lock()
	w.student = id
	w.mu.Unlock()
}

// TrackUnsaved registers f, which lists the work a screen holds typed but
// not stored, for the window to ask about before it closes.
func (w *Workspace) TrackUnsaved(f func() []Unsaved) {
	w.mu.Lock()
	w.unsaved = append(w.unsaved, f)
	w.mu.Unlock()
}

// Unsaved lists the work typed on the screens and not yet stored. Call it
// on the UI goroutine: the screens read their widgets.
func (w *Workspace) Unsaved() []Unsaved {
	w.mu.Lock()
	fs := slices.Clone(w.unsaved)
	w.mu.Unlock()
	var out []Unsaved
	for _, f := range fs {
		out = append(out, f()...)
	}
	return out
}

// OnChange registers a listener for every change.
func (w *Workspace) OnChange(f func(Change)) {
	w.mu.Lock()
	w.listeners = append(w.listeners, f)
	w.mu.Unlock()
}

// Changed tells every listener about c.
func (w *Workspace) Changed(c Change) {
	w.mu.Lock()
	ls := slices.Clone(w.listeners)
	w.mu.Unlock()
	for _, f := range ls {
		f(c)
	}
}

// Did records a change the teacher made, with the step that reverses it,
// and announces the change.
func (w *Workspace) Did(step UndoStep) {
	w.Record(step)
	w.Changed(step.Change)
}

// Record records a change the teacher made, with the step that reverses
// it, without announcing it: Undo reverses it from now on, and the caller
// announces the change (Changed) when it can, e.g. after the frame that
// shows it done.
func (w *Workspace) Record(step UndoStep) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.undo = append(w.undo, step)
	if len(w.undo) > maxUndo {
		w.undo = w.undo[len(w.undo)-maxUndo:]
	}
}

// CanUndo returns the label of the change Undo would reverse.
func (w *Workspace) CanUndo() (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.undo) == 0 {
		return "", false
	}
	return w.undo[len(w.undo)-1].Label, true
}

// Undo reverses the last change and announces it. On failure the step
// stays on the history so it can be tried again, unless what it would
// restore is gone (ErrNotFound), when it is dropped.
func (w *Workspace) Undo(ctx context.Context) (string, error) {
	w.mu.Lock()
	if len(w.undo) == 0 {
		w.mu.Unlock()
		return "", ErrNothingToUndo
	}
	step := w.undo[len(w.undo)-1]
	w.mu.Unlock()
	if err := step.Undo(ctx); err != nil {
		if errors.Is(err, continuum.ErrNotFound) {
			// What the step would restore is gone (its continuum was
			// deleted, say): drop it rather than block the history.
			w.drop()
			return step.Label, fmt.Errorf("it no longer applies and was removed from the history: %w", err)
		}
		return step.Label, err
	}
	w.mu.Lock()
	if n := len(w.undo); n > 0 {
		w.undo = w.undo[:n-1]
	}
	w.mu.Unlock()
	w.Changed(step.Change)
	return step.Label, nil
}

// drop removes the last step of the history.
func (w *Workspace) drop() {
	w.mu.Lock()
	if n := len(w.undo); n > 0 {
		w.undo = w.undo[:n-1]
	}
	w.mu.Unlock()
}
