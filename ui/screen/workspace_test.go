package screen

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func TestWorkspaceUndoInOrder(t *testing.T) {
	ws := NewWorkspace()
	var log []string
	var changes []ChangeKind
	ws.OnChange(func(c Change) { changes = append(changes, c.Kind) })
	for _, name := range []string{"first", "second"} {
		ws.Did(UndoStep{Label: name, Undo: func(context.Context) error { log = append(log, "undo "+name); return nil }, Change: Change{Kind: EvidenceChanged}})
	}
	if label, ok := ws.CanUndo(); !ok || label != "second" {
		t.Fatalf("CanUndo = %q, %v", label, ok)
	}
	for range 2 {
		if _, err := ws.Undo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(log, []string{"undo second", "undo first"}) {
		t.Errorf("undo order %v", log)
	}
	if len(changes) != 4 {
		t.Errorf("changes announced: %v", changes)
	}
	if _, err := ws.Undo(context.Background()); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("empty history: %v", err)
	}
}

func TestWorkspaceFailedUndoStays(t *testing.T) {
	ws := NewWorkspace()
	fail := true
	ws.Did(UndoStep{Label: "score", Undo: func(context.Context) error {
		if fail {
			return errors.New("disk full")
		}
		return nil
	}})
	if _, err := ws.Undo(context.Background()); err == nil {
		t.Fatal("failing undo reported success")
	}
	if _, ok := ws.CanUndo(); !ok {
		t.Fatal("a failed undo was dropped from the history")
	}
	fail = false
	if _, err := ws.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ok := ws.CanUndo(); ok {
		t.Error("history not empty")
	}
}

func TestWorkspaceKeepsAHundredSteps(t *testing.T) {
	ws := NewWorkspace()
	for range maxUndo + 20 {
		ws.Did(UndoStep{Undo: func(context.Context) error { return nil }})
	}
	n := 0
	for {
		if _, err := ws.Undo(context.Background()); err != nil {
			break
		}
		n++
	}
	if n != maxUndo {
		t.Errorf("undid %d steps, want %d", n, maxUndo)
	}
}

func TestWorkspaceSelectContinuumAnnouncesOnce(t *testing.T) {
	ws := NewWorkspace()
	var got []Change
	ws.OnChange(func(c Change) { got = append(got, c) })
	ws.SelectContinuum("c1")
	ws.SelectContinuum("c1")
	if len(got) != 1 || got[0] != (Change{Kind: SelectionChanged, Continuum: "c1"}) || ws.Continuum() != "c1" {
		t.Errorf("changes %v, continuum %q", got, ws.Continuum())
	}
}

func TestWorkspaceDropsAStepWhoseSubjectIsGone(t *testing.T) {
	ws := NewWorkspace()
	ws.Did(UndoStep{Label: "older", Undo: func(context.Context) error { return nil }})
	ws.Did(UndoStep{Label: "score in a deleted continuum", Undo: func(context.Context) error {
		return continuum.NotFoundf("continuum", "Science is no longer in the store")
	}})
	if _, err := ws.Undo(context.Background()); err == nil || !strings.Contains(err.Error(), "no longer applies") {
		t.Fatalf("err = %v", err)
	}
	if label, ok := ws.CanUndo(); !ok || label != "older" {
		t.Errorf("next step %q %v, want the older one", label, ok)
	}
}

func TestWorkspaceStudentAndUnsavedWork(t *testing.T) {
	ws := NewWorkspace()
	if ws.Student() != "" || len(ws.Unsaved()) != 0 {
		t.Fatalf("a new workspace: student %q, unsaved %v", ws.Student(), ws.Unsaved())
	}
	ws.SetStudent("S004")
	if ws.Student() != "S004" {
		t.Errorf("student %q, want S004", ws.Student())
	}
	typed := []Unsaved{{What: "the score “3” typed for Ana Lee on NO.1.2"}}
	ws.TrackUnsaved(func() []Unsaved { return typed })
	ws.TrackUnsaved(func() []Unsaved { return nil })
	ws.TrackUnsaved(func() []Unsaved { return []Unsaved{{What: "a note"}} })
	got := ws.Unsaved()
	if len(got) != 2 || got[0].What != typed[0].What || got[1].What != "a note" {
		t.Errorf("unsaved %v", got)
	}
	typed = nil // the score was stored
	if got := ws.Unsaved(); len(got) != 1 {
		t.Errorf("after the save: unsaved %v", got)
	}
}
