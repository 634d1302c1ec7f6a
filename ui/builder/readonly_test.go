package builder

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Given a review (a read-only workspace over a store that refuses every
// change), the builder shows no action; a target opens read-only, with no
// field to type in; adding a target and the settings do not open.
func TestReadOnlyBuilderHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := reviewWindow(t)
	c := New(reviewStore(t), reviewWorkspace(), w)
	w.SetContent(c.Content())
	c.Refresh()
	c.FocusFirst()

	reviewNoEditing(t, w, "builder")
	reviewHidden(t, "builder", c.newBtn, c.renameBtn, c.duplicateBtn, c.deleteBtn, c.settingsBtn, c.addBtn, c.emptyNew)
	c.onTargetTapped("NO.2.3")
	if c.editor != nil || c.view == nil || c.view.code != "NO.2.3" {
		t.Fatalf("a target opens an editor in a review: editor %v view %v", c.editor, c.view)
	}
	if reviewShows(w, "Save") || reviewShows(w, "Delete target…") || !reviewShows(w, "Target NO.2.3 (read-only)") {
		t.Errorf("the target's view: %q", reviewTexts(w))
	}
	for _, o := range test.LaidOutObjects(c.view.body) {
		if _, ok := o.(*widget.Entry); ok {
			t.Error("the target's view has a field to type in")
			break
		}
	}
	reviewCloseDialogs(w)
	c.onAddInCell("Number and operations", "Level 1")
	c.onSettings()
	if c.editor != nil || c.settings != nil {
		t.Error("adding or settings open in a review")
	}
}
