package reports

import (
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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

// The language and paper of the last report are kept in the app's
// preferences, so the next report (in this run or the next) offers them.
func TestRememberKeepsLanguageAndPaper(t *testing.T) {
	test.NewTempApp(t)
	if lang, paper := Remembered(); lang != "" || paper != "" {
		t.Fatalf("a new app remembers %q, %q", lang, paper)
	}
	Remember("es", "a4")
	if lang, paper := Remembered(); lang != "es" || paper != "a4" {
		t.Errorf("remembered %q, %q; want es, a4", lang, paper)
	}
	if got := fyne.CurrentApp().Preferences().String(prefLang); got != "es" {
		t.Errorf("the preference holds %q", got)
	}
}
