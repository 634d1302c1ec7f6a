package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
)

// gradebookWords are the scores of the long gradebook, in turn: letters
// and words as a standards-based gradebook writes them, a number, and the
// blank and dash that say there is no evidence.
var gradebookWords = []string{"M", "J", "A", "NC", "Proficient", "", "—", "3", "m"}

// longGradebook writes a long score list of the demo's 28 students on five
// targets, one row per score, Rosa Martínez written without her accent
// and without her ID; it returns the path, how many rows hold a score,
// and how many of those are an A.
func longGradebook(t *testing.T) (path string, scored, as int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Student ID,Student,Target,Date,Score\n")
	names := []string{"Amara Okafor", "Ben Carter", "Camila Reyes", "Dev Patel", "Ella Nguyen", "Farah Haddad", "Gabriel Silva",
		"Hana Kim", "Isaac Cohen", "Jada Williams", "Kai Tanaka", "Lena Fischer", "Mateo García", "Nia Mensah",
		"Omar Siddiqui", "Priya Sharma", "Quinn O'Brien", "Rosa Martinez", "Sami Laine", "Tariq Hassan",
		"Uma Rao", "Victor Dubois", "Wen Li", "Ximena Torres", "Yusuf Demir", "Zoe Anderson", "Aiden Murphy", "Bea Santos"}
	n := 0
	for i, name := range names {
		id := fmt.Sprintf("S%03d", i+1)
		if name == "Rosa Martinez" {
			id = ""
		}
		for _, code := range []string{"NO.1.1", "NO.1.2", "NO.1.3", "AT.1.1", "AT.1.2"} {
			w := gradebookWords[n%len(gradebookWords)]
			n++
			if w != "" && w != "—" {
				scored++
			}
			if w == "A" {
				as++
			}
			fmt.Fprintf(&b, "%s,%s,%s,2027-01-14,%s\n", id, name, code, w)
		}
	}
	path = filepath.Join(t.TempDir(), "gradebook.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, scored, as
}

// chooseOption chooses the option of a select that starts with prefix,
// as a teacher picks it from the list.
func chooseOption(t *testing.T, s interface {
	SetSelected(string)
}, options []string, prefix string) {
	t.Helper()
	for _, o := range options {
		if strings.HasPrefix(o, prefix) {
			s.SetSelected(o)
			return
		}
	}
	t.Fatalf("no option %q among %q", prefix, options)
}

// Given a long gradebook of letters and words, when the teacher picks it
// in Import…, then the preview reads each word as a point (A, the
// highest, is 4), flags Rosa, written without her accent, as resembling
// Rosa Martínez and refuses her scores until the teacher says she is the
// same person; the teacher reads A as 3, Apply stores every score that is
// not blank as evidence, and the words' points are remembered: the same
// file again reads A as 3 and adds nothing.
func TestImportLongScoresWithWordsMapped(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	ctx := context.Background()
	before, _ := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: wbioDemoID})
	path, scored, as := longGradebook(t)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	v := io.scoresPreview
	if v == nil {
		t.Fatalf("no scores preview; shown %q", wbioTexts(w))
	}
	word := func(text string) exchange.WordScore {
		for _, ws := range v.p.Words {
			if ws.Word == text {
				return ws
			}
		}
		t.Fatalf("no word %q among %+v", text, v.p.Words)
		return exchange.WordScore{}
	}
	if a := word("A"); a.Value != 4 || !strings.HasPrefix(a.From, exchange.WordGuessed) || word("Proficient").From != exchange.WordLabel {
		t.Errorf("A read as %+v, Proficient %+v", a, word("Proficient"))
	}
	if !v.dlg.ConfirmButton().Disabled() || !selectTab(v.tabs, "Who and what (1)") || !wbioShows(w, "like S018 Rosa Martínez") {
		t.Fatalf("Rosa is not flagged; apply disabled %v; shown %q", v.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
	rosa := v.students["Rosa Martinez"]
	chooseOption(t, rosa, rosa.Options, "Same person as S018")
	v = io.scoresPreview
	if len(v.p.Problems) != 0 {
		t.Fatalf("problems after the word on Rosa: %+v", v.p.Problems)
	}
	if !selectTab(v.tabs, "Words (") {
		t.Fatalf("no words tab: %v", v.tabs.Items)
	}
	a := v.words["A"]
	chooseOption(t, a, a.Options, "3 ")
	if got := word("A"); got.Value != 3 || got.From != exchange.WordGiven || !wbioShows(w, "as you said") {
		t.Errorf("A after the teacher's word %+v", got)
	}
	if got := v.p.Count(continuum.SectionEvidence, continuum.Added); got != scored || v.dlg.ConfirmButton().Disabled() {
		t.Fatalf("%d scores to add, want %d; apply disabled %v", got, scored, v.dlg.ConfirmButton().Disabled())
	}
	if f := v.file.Scores; f.NoEvidence == 0 {
		t.Errorf("no cell counted as no evidence")
	}
	test.Tap(v.dlg.ConfirmButton())

	after, _ := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: wbioDemoID})
	if len(after)-len(before) != scored {
		t.Errorf("%d pieces of evidence stored, want %d", len(after)-len(before), scored)
	}
	threes, rosas := 0, 0
	for _, e := range after {
		if e.Date == continuum.NewDate(2027, 1, 14) && e.Score == 3 {
			threes++
		}
		if e.Date == continuum.NewDate(2027, 1, 14) && e.Student == "S018" {
			rosas++
		}
	}
	if threes < as || rosas == 0 {
		t.Errorf("%d scores of 3 (the %d A's among them), %d of Rosa's", threes, as, rosas)
	}
	if saved := savedScoreWords(); saved["A"] != "3" || saved["M"] != "3" || saved["NC"] != "1" {
		t.Errorf("words saved %v", saved)
	}
	if !wbioShows(w, "Scores imported") || !wbioShows(w, "before-") {
		t.Errorf("no report naming the backup; shown %q", wbioTexts(w))
	}
	wbioCloseOverlays(w)

	io.importFrom(path)
	v = io.scoresPreview
	if got := word("A"); got.Value != 3 || got.From != exchange.WordGiven {
		t.Errorf("A the second time %+v", got)
	}
	rosa = v.students["Rosa Martinez"]
	chooseOption(t, rosa, rosa.Options, "Same person as S018")
	v = io.scoresPreview
	if got := v.p.Count(continuum.SectionEvidence, continuum.Added); got != 0 || !v.dlg.ConfirmButton().Disabled() || !wbioShows(w, "Nothing to import") {
		t.Errorf("again: %d to add, apply disabled %v; shown %q", got, v.dlg.ConfirmButton().Disabled(), wbioTexts(w))
	}
}

// Given a score sheet with a target the continuum does not have, the
// teacher leaves its scores out and the rest can be imported; with no
// date in the file, the date she types dates them.
func TestImportScoresLeaveOutAndDate(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	path := filepath.Join(t.TempDir(), "wide.csv")
	if err := os.WriteFile(path, []byte("Student ID,Student,NO.1.1,NO.1.2,Homework 3\nS001,Amara Okafor,3,,9\nS002,Ben Carter,2,4,10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	v := io.scoresPreview
	if v == nil {
		t.Fatalf("no scores preview; shown %q", wbioTexts(w))
	}
	hw := v.targets["Homework 3"]
	if hw == nil || v.date == nil {
		t.Fatalf("no choice on Homework 3 or the date; shown %q", wbioTexts(w))
	}
	selectTab(v.tabs, "Who and what")
	test.TapAt(hw, fyne.NewPos(8, hw.Size().Height/2)) // on its box
	v = io.scoresPreview
	if v.p.Targets[2].Outcome != exchange.ScoresLeftOut || !v.dlg.ConfirmButton().Disabled() {
		t.Errorf("Homework 3 %+v, apply disabled %v", v.p.Targets[2], v.dlg.ConfirmButton().Disabled())
	}
	test.Type(v.date, "2027-01-12")
	v.date.OnSubmitted(v.date.Text)
	v = io.scoresPreview
	if got := v.p.Count(continuum.SectionEvidence, continuum.Added); got != 3 || v.dlg.ConfirmButton().Disabled() {
		t.Errorf("%d to add, apply disabled %v; problems %+v", got, v.dlg.ConfirmButton().Disabled(), v.p.Problems)
	}
}
