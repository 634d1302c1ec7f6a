package builder

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// Given a review (a read-only workspace over a store that refuses every
// change), the builder shows no action; a target opens read-only, with no
// field to type in; adding a target and the settings do not open.
func TestReadOnlyBuilderHasNoEditing(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	c := New(continuum.ReadOnlyStore{Store: storagetest.OpenDemo(t)}, uitest.ReviewWorkspace(), w)
	w.SetContent(c.Content())
	c.Refresh()
	c.FocusFirst()

	uitest.NoEditing(t, w, "builder")
	uitest.Hidden(t, "builder", c.newBtn, c.renameBtn, c.duplicateBtn, c.deleteBtn, c.settingsBtn, c.groupsBtn, c.addBtn, c.emptyNew)
	c.onTargetTapped("NO.2.3")
	if c.editor != nil || c.view == nil || c.view.code != "NO.2.3" {
		t.Fatalf("a target opens an editor in a review: editor %v view %v", c.editor, c.view)
	}
	if uitest.DialogShows(w, "Save") || uitest.DialogShows(w, "Delete target…") || !uitest.DialogShows(w, "Target NO.2.3 (read-only)") {
		t.Errorf("the target's view: %q", uitest.DialogTexts(w))
	}
	for _, o := range test.LaidOutObjects(c.view.body) {
		if _, ok := o.(*widget.Entry); ok {
			t.Error("the target's view has a field to type in")
			break
		}
	}
	uitest.CloseDialogs(w)
	c.onAddInCell("Number and operations", "", "Level 1")
	c.onSettings()
	c.onGroups()
	if c.editor != nil || c.settings != nil || c.groups != nil {
		t.Error("adding, settings or groups open in a review")
	}
}
