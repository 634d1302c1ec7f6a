package transfer

import (
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
)

// Every section an import may write tells the screens showing it to
// reload: an import that brought calibration scores reloads the
// Calibration screen, one that brought visit notes the notes.
func TestEverySectionWrittenIsAnnounced(t *testing.T) {
	for _, sec := range continuum.Sections {
		if _, ok := sectionChanges[sec]; !ok {
			t.Errorf("section %q is announced as no change", sec)
		}
	}
	got := changesOf([]string{continuum.SectionContinuum, continuum.SectionVisitNotes, continuum.SectionCalibration})
	want := []screen.ChangeKind{screen.ContinuaChanged, screen.VisitNotesChanged, screen.CalibrationChanged}
	if !slices.Equal(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
}
