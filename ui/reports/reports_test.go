package reports

import (
	"errors"
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// Problem gives one sentence: no operation in front, no error kind
// behind, a capital first letter and a full stop.
func TestProblemIsOneSentence(t *testing.T) {
	err := fmt.Errorf("progress report: student %q: no student has this ID: %w", "S999", continuum.ErrNotFound)
	if got, want := Problem(err), `Student "S999": no student has this ID.`; got != want {
		t.Errorf("Problem = %q, want %q", got, want)
	}
	if got := Problem(errors.New("the disk is full.")); got != "The disk is full." {
		t.Errorf("Problem kept or doubled the full stop: %q", got)
	}
}

// Languages offers every embedded translation, each named in itself.
func TestLanguagesNameThemselves(t *testing.T) {
	names := map[string]string{}
	for _, l := range Languages() {
		names[l.Code] = l.Name
	}
	if names["en"] != "English" || names["es"] != "Español" {
		t.Errorf("languages %v, want en English and es Español", names)
	}
}
