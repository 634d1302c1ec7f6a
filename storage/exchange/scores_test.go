package exchange_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/scores"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// writeFile writes text to a file of that name in a folder of the test's.
func writeFile(t testing.TB, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// planScores plans the import of the score sheet at path.
func planScores(t *testing.T, st *storage.Store, path string, opts exchange.ScoresOptions) *exchange.ScoresPlan {
	t.Helper()
	p, err := exchange.PlanScores(context.Background(), st, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// allEvidence is the demo continuum's evidence.
func allEvidence(t *testing.T, st *storage.Store) []continuum.Evidence {
	t.Helper()
	ev, err := st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// newSince is the evidence of after that before does not hold, in short:
// "S001 NO.1.1 2027-01-11 3 formative MR".
func newSince(before, after []continuum.Evidence) []string {
	had := map[string]bool{}
	for _, e := range before {
		had[e.UID] = true
	}
	var out []string
	for _, e := range after {
		if !had[e.UID] {
			out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s %s %s %s", e.Student, e.Target, e.Date, continuum.FormatScore(e.Score), e.Kind, e.Scorer)))
		}
	}
	slices.Sort(out)
	return out
}

func issues(is []exchange.Issue) string {
	var b strings.Builder
	for _, i := range is {
		b.WriteString("\n  " + i.String())
	}
	return b.String()
}

// wideSheet is a teacher's standards-based gradebook for one unit: the
// date once above the table, codes and a statement across, a column of
// averages, blank and dashed cells, one cell with its own date, a word,
// a label of the scale, and a name written family name first.
const wideSheet = "Unit 3 — Number\n" +
	"Date: 2027-01-11\n" +
	"\n" +
	"Student,Student ID,NO.1.1,NO.1.2,I can describe and extend number and shape patterns,Average\n" +
	"Amara Okafor,S001,3,M,4,3\n" +
	"Ben Carter,,2,—,,2\n" +
	"\"Reyes, Camila\",,4 (2027-01-12),NC,Proficient,\n"

// Given the demo class and a wide score sheet, when it is imported, then
// every score is stored as evidence of the right student on the right
// target on its date, words read as points, blank and dashed cells
// stored as nothing; and when the same file is imported again, nothing is
// added.
func TestImportWideScores(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	before := allEvidence(t, st)
	path := writeFile(t, "Unit 3.csv", wideSheet)
	p := planScores(t, st, path, exchange.ScoresOptions{Scorer: "MR"})
	if len(p.Problems) > 0 {
		t.Fatalf("problems:%s", issues(p.Problems))
	}
	if p.Continuum.ID != demoID || p.Scores.Layout() != scores.Wide || p.Scores.NoEvidence != 1 {
		t.Errorf("continuum %q, layout %q, no evidence %d", p.Continuum.ID, p.Scores.Layout(), p.Scores.NoEvidence)
	}
	by := map[string]continuum.RosterMatchBy{}
	for _, m := range p.Students {
		by[m.Student.ID] = m.By
	}
	if by["S001"] != continuum.MatchedByID || by["S002"] != continuum.MatchedByName || by["S003"] != continuum.MatchedByName {
		t.Errorf("students matched %v", by)
	}
	if tm := p.Targets[2]; tm.Code != "AT.1.1" || tm.By != "statement" {
		t.Errorf("the statement's column is %+v", tm)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].String(), "Unit 3, row 4: column F (Average) left out") {
		t.Errorf("warnings:%s", issues(p.Warnings))
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"S001 AT.1.1 2027-01-11 4 formative MR", "S001 NO.1.1 2027-01-11 3 formative MR", "S001 NO.1.2 2027-01-11 3 formative MR",
		"S002 NO.1.1 2027-01-11 2 formative MR",
		"S003 AT.1.1 2027-01-11 3 formative MR", "S003 NO.1.1 2027-01-12 4 formative MR", "S003 NO.1.2 2027-01-11 1 formative MR",
	}
	after := allEvidence(t, st)
	if got := newSince(before, after); !slices.Equal(got, want) {
		t.Errorf("stored\n got %q\nwant %q", got, want)
	}

	again := planScores(t, st, path, exchange.ScoresOptions{Scorer: "MR"})
	if n := again.Count(continuum.SectionEvidence, continuum.Unchanged); n != 7 || !again.NothingToDo() {
		t.Errorf("the same file again: %d unchanged, nothing to do %v", n, again.NothingToDo())
	}
	if _, err := again.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("importing the same file twice: %v", err)
	}
	if n := len(allEvidence(t, st)); n != len(after) {
		t.Errorf("the second import stored %d more", n-len(after))
	}
}

// longSheet is a gradebook's export of one score per row, scores written
// as the letters of a standards-based gradebook and a 3+.
const longSheet = "Student ID,Student,Target,Date,Score,Kind,Scorer,Note\n" +
	"S001,Amara Okafor,NO.1.1,2027-01-11,M,Quiz,MR,\n" +
	"S002,Ben Carter,NO.1.1,2027-01-11,J,Quiz,MR,\n" +
	"S003,Camila Reyes,NO.1.2,2027-01-12,A,Unit test,MR,retake\n" +
	"S004,Dev Patel,NO.1.2,2027-01-12,NC,Unit test,MR,\n" +
	"S005,Ella Nguyen,NO.1.3,1/13/2027,3+,Project,MR,\n" +
	"S006,Farah Haddad,NO.1.3,2027-01-13,m,Project,MR,\n"

// Given a long sheet of letters, when it is planned, then each letter
// gets a proposed point (M mastery, J just below, A the highest, NC the
// lowest, 3+ the point 3 on a scale without halves), the --words flag
// that reproduces the mapping is offered, and planning with that flag
// reads every score the same; a teacher's word overrides a guess.
func TestImportLongScoresWords(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	before := allEvidence(t, st)
	path := writeFile(t, "gradebook.csv", longSheet)
	p := planScores(t, st, path, exchange.ScoresOptions{})
	if len(p.Problems) > 0 {
		t.Fatalf("problems:%s", issues(p.Problems))
	}
	var words []string
	for _, w := range p.Words {
		words = append(words, w.String())
	}
	want := []string{
		"NC → 1 Beginning (guessed: lowest), 1 score",
		"J → 2 Developing (guessed: just below mastery), 1 score",
		"3+ → 3 Proficient (a point with + or -), 1 score",
		"M → 3 Proficient (guessed: mastery), 2 scores",
		"A → 4 Extending (guessed: highest), 1 score",
	}
	if !slices.Equal(words, want) {
		t.Errorf("words\n got %q\nwant %q", words, want)
	}
	flag := p.WordsFlag()
	if flag != `--words "NC=1,J=2,3+=3,M=3,A=4"` {
		t.Errorf("words flag %s", flag)
	}
	given, err := exchange.ParseWords(strings.Trim(strings.TrimPrefix(flag, "--words "), `"`))
	if err != nil {
		t.Fatal(err)
	}
	same := planScores(t, st, path, exchange.ScoresOptions{Words: given})
	for i, w := range same.Words {
		if w.Value != p.Words[i].Value || w.From != exchange.WordGiven {
			t.Errorf("with the flag, %s", w)
		}
	}
	mine := planScores(t, st, path, exchange.ScoresOptions{Words: map[string]string{"A": "3", "j": "Beginning"}})
	if _, err := mine.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	wantStored := []string{
		"S001 NO.1.1 2027-01-11 3 formative MR", "S002 NO.1.1 2027-01-11 1 formative MR",
		"S003 NO.1.2 2027-01-12 3 summative MR", "S004 NO.1.2 2027-01-12 1 summative MR",
		"S005 NO.1.3 2027-01-13 3 performance-task MR", "S006 NO.1.3 2027-01-13 3 performance-task MR",
	}
	if got := newSince(before, allEvidence(t, st)); !slices.Equal(got, wantStored) {
		t.Errorf("stored\n got %q\nwant %q", got, wantStored)
	}
	if _, err := exchange.PlanScores(ctx, st, path, exchange.ScoresOptions{Words: map[string]string{"A": "5"}}); err == nil || !strings.Contains(err.Error(), `--words: A=5: "5" is not on the scale`) {
		t.Errorf("a word given a point off the scale: %v", err)
	}
}

// Given a continuum whose scale has half points, when scores written
// with + and - and the scale's own labels are read, then 3+ is 3.5, 3- is
// 2.5, 4+ (nothing above 4) is 4, and a label is its point.
func TestScoreWordsOnAHalfPointScale(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	c := continuum.NewContinuum("Writing", "Grade 7")
	c.Domains = []continuum.Domain{{Name: "Argument", Category: continuum.Academic}}
	c.Scale = continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Emerging"}, {Value: 2, Label: "Developing"}, {Value: 2.5, Label: "Nearly"},
		{Value: 3, Label: "Secure"}, {Value: 3.5, Label: "Secure plus"}, {Value: 4, Label: "Exceeding"}}, Cut: 3}
	if err := st.CreateContinuum(ctx, &c, []continuum.Target{{Code: "W.1", Statement: "I can state a claim.", Domain: "Argument", Level: "Grade 7", Order: 1, EvidenceRequired: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana López"}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "w.csv", "Date: 2027-01-11\nName,W.1,W.1,W.1,W.1,W.1\nAna López,3+,3-,4+,secure plus,Proficient\n")
	p := planScores(t, st, path, exchange.ScoresOptions{})
	got := map[string]float64{}
	for _, w := range p.Words {
		got[w.Word] = w.Value
	}
	want := map[string]float64{"3+": 3.5, "3-": 2.5, "4+": 4, "secure plus": 3.5, "Proficient": 3}
	for w, v := range want {
		if got[w] != v {
			t.Errorf("%s read as %v, want %v", w, got[w], v)
		}
	}
}

// Given each kind of bad input (a score off the scale, a date that is
// not a date, a target code the continuum does not have, a student
// nobody on the roster is, a word nothing says the worth of), when the
// file is planned, then each is a problem named with its sheet, row and
// column, and applying stores nothing.
func TestBadScoreInput(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, text, want string
		refused          int // scores refused
	}{
		{"off the scale", "Date: 2027-01-11\nStudent ID,NO.1.1,NO.1.2\nS001,3,5\n",
			"bad, row 3, column C (NO.1.2): 5 is off the scale; expected one of 1 Beginning, 2 Developing, 3 Proficient, 4 Extending", 1},
		{"not a date", "Student ID,Target,Date,Score\nS001,NO.1.1,2027-02-30,3\n",
			`bad, row 2, column C (Date): "2027-02-30" is not a date`, 1},
		{"unknown target", "Date: 2027-01-11\nStudent ID,NO.1.1,NO.9.9\nS001,3,2\n",
			`bad, row 2, column C (NO.9.9): "NO.9.9" is not a target of Math Foundations (1 score)`, 1},
		{"unknown student", "Student,Target,Date,Score\nZed Quinn,NO.1.1,2027-01-11,3\n",
			"bad, row 2, column A (Student): Zed Quinn (1 score): not on your roster", 1},
		{"unknown word", "Student,Target,Date,Score\nAmara Okafor,NO.1.1,2027-01-11,NE\n",
			`bad, row 2, column D (Score): "NE" is not a score on the scale`, 1},
		{"no date", "Student,NO.1.1\nAmara Okafor,3\n",
			"bad: 1 score has no date: give the sheet's date in the preview (--date 2026-09-14 on the command line)", 1},
		{"no dates", "Student,NO.1.1,NO.1.2\nAmara Okafor,3,2\n",
			"bad: 2 scores have no date: give the sheet's date", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := demoStore(t)
			n := len(allEvidence(t, st))
			p := planScores(t, st, writeFile(t, "bad.csv", tc.text), exchange.ScoresOptions{})
			if len(p.Problems) != 1 || !strings.HasPrefix(p.Problems[0].String(), tc.want) {
				t.Fatalf("problems:%s\nwant one starting %q", issues(p.Problems), tc.want)
			}
			if p.Count(continuum.SectionEvidence, continuum.Refused) != tc.refused {
				t.Errorf("refused %d", p.Count(continuum.SectionEvidence, continuum.Refused))
			}
			if _, err := p.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrProblems) {
				t.Errorf("apply: %v", err)
			}
			if got := len(allEvidence(t, st)); got != n {
				t.Errorf("a refused file stored %d pieces of evidence", got-n)
			}
		})
	}
}

// Given students the file names nearly as the roster does (an accent
// missing, first and family names swapped), and an ID that is another
// student's, when the file is planned, then they are flagged with whom
// they resemble and their scores refused, not merged; and once the
// teacher says who they are (--match), their scores go to those students.
func TestScoreStudentsNearMisses(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	path := writeFile(t, "near.csv", "Date: 2027-01-11\nStudent,Student ID,NO.1.1\nRosa Martinez,,3\nOkafor Amara,,2\nBen Carter,S003,4\n")
	p := planScores(t, st, path, exchange.ScoresOptions{})
	if len(p.Problems) != 3 {
		t.Fatalf("problems:%s", issues(p.Problems))
	}
	for i, want := range []string{
		`near, row 3, column A (Student): Rosa Martinez (1 score): not on your roster, but like S018 Rosa Martínez (the same name once accents are set aside); if they are the same, say so with --match "Rosa Martinez=S018"`,
		"near, row 4, column A (Student): Okafor Amara (1 score): not on your roster, but like S001 Amara Okafor (the same names in another order",
		"near, row 5, column A (Student): Ben Carter (S003) (1 score): the file's student ID is Camila Reyes's on your roster (S003), but the file names Ben Carter",
	} {
		if !strings.HasPrefix(p.Problems[i].String(), want) {
			t.Errorf("problem %d\n got %s\nwant %s…", i, p.Problems[i], want)
		}
	}
	if len(p.Students[0].Near) != 1 || p.Students[0].Near[0].Stored.ID != "S018" {
		t.Errorf("near-misses %+v", p.Students[0].Near)
	}
	match, err := exchange.ParseMatch("Rosa Martinez=S018;Okafor Amara=S001;Ben Carter=S002")
	if err != nil {
		t.Fatal(err)
	}
	before := allEvidence(t, st)
	p = planScores(t, st, path, exchange.ScoresOptions{Match: match})
	if len(p.Problems) > 0 {
		t.Fatalf("problems with --match:%s", issues(p.Problems))
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	want := []string{"S001 NO.1.1 2027-01-11 2 formative", "S002 NO.1.1 2027-01-11 4 formative", "S018 NO.1.1 2027-01-11 3 formative"}
	if got := newSince(before, allEvidence(t, st)); !slices.Equal(got, want) {
		t.Errorf("stored\n got %q\nwant %q", got, want)
	}
	if _, err := exchange.PlanScores(ctx, st, path, exchange.ScoresOptions{Match: map[string]string{"Rosa Martinez": "S999"}}); err == nil || !strings.Contains(err.Error(), "no student on your roster has the ID S999") {
		t.Errorf("--match to nobody: %v", err)
	}
}

// Given a student nobody on the roster is and a column of homework, when
// the teacher adds the students and leaves the homework out, then the
// student is added with their scores and the homework is a warning, not
// a problem; importing again adds nobody and nothing.
func TestScoresAddStudentsAndLeaveOut(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	path := writeFile(t, "new.csv", "Date: 2027-01-11\nStudent,NO.1.1,Homework 3\nZed Quinn,3,10\nAmara Okafor,2,9\n")
	opts := exchange.ScoresOptions{AddStudents: true, LeaveOut: []string{"homework 3"}}
	p := planScores(t, st, path, opts)
	if len(p.Problems) > 0 {
		t.Fatalf("problems:%s", issues(p.Problems))
	}
	if m := p.Students[0]; !m.Added || m.Student.ID != "S029" || m.Student.Name != "Zed Quinn" {
		t.Errorf("the new student %+v", m)
	}
	if !strings.Contains(issues(p.Warnings), `"Homework 3": 2 scores left out, as you said`) {
		t.Errorf("warnings:%s", issues(p.Warnings))
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	if s, err := st.Student(ctx, "S029"); err != nil || s.Name != "Zed Quinn" {
		t.Errorf("stored student %+v, %v", s, err)
	}
	again := planScores(t, st, path, opts)
	if m := again.Students[0]; m.Added || m.Student.ID != "S029" || m.By != continuum.MatchedByName {
		t.Errorf("the second time %+v", m)
	}
	if _, err := again.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("the second import: %v", err)
	}
}

// canvasExport is a Learning Mastery Gradebook export as Canvas writes it
// (Api::V1::OutcomeResults#outcome_results_rollups_csv), for outcomes the
// continuum's export to Canvas titled by their codes.
const canvasExport = "Student name,Student ID,Student SIS ID,Math Foundations > Number > NO.1.1 result,Math Foundations > Number > NO.1.1 mastery points,Math Foundations > Number > NO.1.2 result,Math Foundations > Number > NO.1.2 mastery points\n" +
	"Amara Okafor,5301,SIS-40210,3.0,3,2.67,3\n" +
	"Ben Carter,5302,SIS-40217,1.5,3,,3\n" +
	"Camila Reyes,5303,N/A,4,3,3.5,3\n"

// Given Canvas's Learning Mastery Gradebook export, when it is looked at
// and imported, then it is recognised by its header, students are found
// by their SIS IDs (or names), rollups between points are rounded to the
// nearest point (halves down), and the scores are dated by the day the
// export was saved unless the teacher gives a date.
func TestImportCanvasMastery(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	path := writeFile(t, "Outcomes-Math_Foundations.csv", canvasExport)
	saved := time.Date(2027, 1, 15, 16, 0, 0, 0, time.Local)
	if err := os.Chtimes(path, saved, saved); err != nil {
		t.Fatal(err)
	}
	if !exchange.LooksLikeScores(path) {
		t.Fatal("the export is not recognised")
	}
	before := allEvidence(t, st)
	p := planScores(t, st, path, exchange.ScoresOptions{})
	if len(p.Problems) > 0 {
		t.Fatalf("problems:%s", issues(p.Problems))
	}
	if p.Scores.Layout() != scores.CanvasMastery || !strings.Contains(p.Dated, "dated 2027-01-15, the day the export was saved") {
		t.Errorf("layout %q, dated %q", p.Scores.Layout(), p.Dated)
	}
	if p.Students[0].By != continuum.MatchedByExternalID || p.Students[2].By != continuum.MatchedByName {
		t.Errorf("matched by %q, %q", p.Students[0].By, p.Students[2].By)
	}
	if !strings.Contains(issues(p.Warnings), "3 scores between the scale's points (Canvas's rollups are averages) rounded to the nearest point") {
		t.Errorf("warnings:%s", issues(p.Warnings))
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	after := allEvidence(t, st)
	want := []string{"S001 NO.1.1 2027-01-15 3 formative", "S001 NO.1.2 2027-01-15 3 formative", "S002 NO.1.1 2027-01-15 1 formative",
		"S003 NO.1.1 2027-01-15 4 formative", "S003 NO.1.2 2027-01-15 3 formative"}
	if got := newSince(before, after); !slices.Equal(got, want) {
		t.Errorf("stored\n got %q\nwant %q", got, want)
	}
	for _, e := range after {
		if e.Date == continuum.NewDate(2027, 1, 15) && e.Note != "Canvas mastery rollup" {
			t.Errorf("note %q", e.Note)
		}
	}
	dated := planScores(t, st, path, exchange.ScoresOptions{Date: continuum.NewDate(2027, 1, 20)})
	if dated.Count(continuum.SectionEvidence, continuum.Added) != 5 || !strings.Contains(dated.Dated, "dated 2027-01-20, as you said") {
		t.Errorf("with --date: %d added, %q", dated.Count(continuum.SectionEvidence, continuum.Added), dated.Dated)
	}
}

// Given a store of two continua, when a score sheet names no continuum,
// then it goes to the one that knows its targets; when none or both know
// them, the teacher is asked to say which; a continuum named that is not
// there is said so.
func TestScoresContinuumChosen(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	sci := continuum.NewContinuum("Science", "Level 1")
	sci.Domains = []continuum.Domain{{Name: "Matter", Category: continuum.Academic}}
	if err := st.CreateContinuum(ctx, &sci, []continuum.Target{{Code: "SC.1", Statement: "I can describe matter.", Domain: "Matter", Level: "Level 1", Order: 1, EvidenceRequired: 1}}); err != nil {
		t.Fatal(err)
	}
	math := writeFile(t, "m.csv", "Date: 2027-01-11\nStudent,NO.1.1\nAmara Okafor,3\n")
	if p := planScores(t, st, math, exchange.ScoresOptions{}); p.Continuum.ID != demoID {
		t.Errorf("chose %q", p.Continuum.Name)
	}
	science := writeFile(t, "s.csv", "Date: 2027-01-11\nStudent,SC.1\nAmara Okafor,3\n")
	if p := planScores(t, st, science, exchange.ScoresOptions{}); p.Continuum.Name != "Science" {
		t.Errorf("chose %q", p.Continuum.Name)
	}
	neither := writeFile(t, "x.csv", "Date: 2027-01-11\nStudent,ZZ.1\nAmara Okafor,3\n")
	_, err := exchange.PlanScores(ctx, st, neither, exchange.ScoresOptions{})
	if err == nil || !strings.Contains(err.Error(), `say which continuum the scores are on (--continuum NAME): "Math Foundations" (0 of the file's 1 targets), "Science" (0 of the file's 1 targets)`) {
		t.Errorf("neither: %v", err)
	}
	if p := planScores(t, st, math, exchange.ScoresOptions{Continuum: "science"}); p.Continuum.Name != "Science" || len(p.Problems) != 1 {
		t.Errorf("--continuum science: %q, problems:%s", p.Continuum.Name, issues(p.Problems))
	}
	if _, err := exchange.PlanScores(ctx, st, math, exchange.ScoresOptions{Continuum: "Art"}); !errors.Is(err, continuum.ErrNotFound) || !strings.Contains(err.Error(), `there is no continuum "Art"`) {
		t.Errorf("--continuum Art: %v", err)
	}
	if _, err := exchange.PlanScores(ctx, mustOpen(t), math, exchange.ScoresOptions{}); err == nil || !strings.Contains(err.Error(), "the store holds no continuum") {
		t.Errorf("an empty store: %v", err)
	}
}

// Given score sheets and files that are not (the app's own workbook, a
// class list, a standards list, Canvas outcomes), when they are looked
// at, then only the score sheets are recognised.
func TestLooksLikeScores(t *testing.T) {
	for name, text := range map[string]string{"wide.csv": wideSheet, "long.csv": longSheet, "canvas.csv": canvasExport} {
		if !exchange.LooksLikeScores(writeFile(t, name, text)) {
			t.Errorf("%s is not recognised", name)
		}
	}
	for name, path := range map[string]string{
		"the app's workbook": exportDemo(t),
		"a class list":       writeFile(t, "roster.csv", "Student ID,First name,Last name,Grade,Period\nS001,Amara,Okafor,7,2\n"),
		"a standards list":   writeFile(t, "list.csv", "Code,Statement,Grade\nNO.1.1,Read numbers,1\n"),
	} {
		if exchange.LooksLikeScores(path) {
			t.Errorf("%s is taken for scores", name)
		}
	}
	if path := filepath.Join(shared(t), "realdata", "canvas_outcomes-scoring.csv"); exchange.LooksLikeScores(path) {
		t.Error("Canvas outcomes are taken for scores")
	}
}

// shared is the folder of shared test files, or skips the test.
func shared(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared test files")
	}
	return dir
}

// Given the wide and the long score sheets saved by LibreOffice as xlsx
// (its dates become date cells, its numbers numbers), when each is
// imported into the demo class, then the store holds the same evidence
// as after importing the CSV file.
func TestScoresWrittenByLibreOffice(t *testing.T) {
	ctx := context.Background()
	for name, text := range map[string]string{"wide": wideSheet, "long": longSheet} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, name+".csv")
			if err := os.WriteFile(src, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			storagetest.Soffice(t, dir, "--infilter=CSV:44,34,UTF8", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "xlsx"), src)
			book := filepath.Join(dir, "xlsx", name+".xlsx")
			if !exchange.LooksLikeScores(book) {
				t.Fatal("the xlsx file is not recognised as scores")
			}
			if name == "long" { // LibreOffice made the dates date cells
				tables, err := workbook.ReadTables(ctx, book, workbook.Options{}, 0)
				if err != nil {
					t.Fatal(err)
				}
				if c := tables.Sheets[0].Rows[5].Cells[3]; !c.Date || c.Text != "2027-01-13" {
					t.Errorf("the date 1/13/2027 is %+v in the xlsx", c)
				}
			}
			var stored [2][]string
			for i, path := range []string{src, book} {
				st := demoStore(t)
				before := allEvidence(t, st)
				p := planScores(t, st, path, exchange.ScoresOptions{})
				if len(p.Problems) > 0 {
					t.Fatalf("%s: problems:%s", filepath.Base(path), issues(p.Problems))
				}
				if _, err := p.Apply(ctx, st, nil); err != nil {
					t.Fatal(err)
				}
				stored[i] = newSince(before, allEvidence(t, st))
			}
			if len(stored[0]) == 0 || !slices.Equal(stored[0], stored[1]) {
				t.Errorf("from CSV %q\nfrom xlsx %q", stored[0], stored[1])
			}
		})
	}
}

// Given a workbook of two units' sheets, one naming the students by ID
// and the other by name, when it is imported, then each student's scores
// on both sheets go to them.
func TestScoresOneStudentOnTwoSheets(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	dir := t.TempDir()
	fods := filepath.Join(dir, "units.fods")
	sheet := func(name, header, student string) string {
		return `<table:table table:name="` + name + `"><table:table-row>` + cell(header) + cell("NO.1.1") + `</table:table-row>` +
			`<table:table-row>` + cell(student) + `<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row></table:table>`
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>` +
		sheet("Unit 1", "Student ID", "S001") + sheet("Unit 2", "Student", "Amara Okafor") + `</office:spreadsheet></office:body></office:document>`
	if err := os.WriteFile(fods, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	storagetest.Soffice(t, dir, "--convert-to", "xlsx", "--outdir", dir, fods)
	p := planScores(t, st, filepath.Join(dir, "units.xlsx"), exchange.ScoresOptions{Date: continuum.NewDate(2027, 1, 11)})
	if len(p.Problems) > 0 || len(p.Students) != 2 {
		t.Fatalf("%d students, problems:%s", len(p.Students), issues(p.Problems))
	}
	for _, m := range p.Students {
		if m.Outcome != exchange.ScoresTaken || m.Student.ID != "S001" {
			t.Errorf("%s", m)
		}
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
}

// cell is a flat ODS text cell.
func cell(text string) string {
	return `<table:table-cell office:value-type="string"><text:p>` + text + `</text:p></table:table-cell>`
}

// Given a real OneRoster set's files, when each is looked at, then none
// is taken for a score sheet.
func TestOneRosterFilesAreNotScores(t *testing.T) {
	dir := filepath.Join(shared(t), "realdata", "oneroster_lepo-ja")
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no OneRoster files: %v", err)
	}
	for _, f := range files {
		if exchange.LooksLikeScores(f) {
			t.Errorf("%s is taken for scores", filepath.Base(f))
		}
	}
}
