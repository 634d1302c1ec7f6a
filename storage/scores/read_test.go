package scores_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/scores"
)

// write writes text to a file of that name in a folder of the test's.
func write(t testing.TB, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t *testing.T, name, text string) *scores.File {
	t.Helper()
	f, err := scores.Read(context.Background(), write(t, name, text), scores.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// score is a score in short: who, what, when, how much.
type score struct{ student, target, date, text string }

func short(f *scores.File) []score {
	var out []score
	for _, s := range f.Scores {
		st := f.Students[s.Student]
		who := st.Name
		if st.ID != "" {
			who = st.ID
		}
		out = append(out, score{who, f.Targets[s.Target].Text, s.Date.String(), s.Text})
	}
	return out
}

func messages(ps []scores.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// Given a wide sheet with a title and "Date: 2026-09-14" above its
// header, codes and statements across, a column of averages, blank and
// dashed cells and a cell with its own date, when it is read, then every
// score is there with the sheet's date or its own, the dashes are
// counted as no evidence, and the averages are left out with a warning.
func TestWideSheetDate(t *testing.T) {
	f := read(t, "Period 2.csv", "Unit 3 — fractions,,,\n"+
		"Date: 2026-09-14,,,\n"+
		"\n"+
		"Student,NO.1.1,I can compare fractions,Average\n"+
		"Amara Okafor,3,M,3\n"+
		"Ben Carter,—,,2\n"+
		"\"Reyes, Camila\",4 (9/20/2026),n/a,4\n")
	if f.Layout() != scores.Wide || f.Sheets[0].HeaderRow != 4 || f.Sheets[0].Date != continuum.NewDate(2026, 9, 14) {
		t.Fatalf("sheets %+v", f.Sheets)
	}
	want := []score{
		{"Amara Okafor", "NO.1.1", "2026-09-14", "3"},
		{"Amara Okafor", "I can compare fractions", "2026-09-14", "M"},
		{"Reyes, Camila", "NO.1.1", "2026-09-20", "4"},
	}
	if got := short(f); !reflect.DeepEqual(got, want) {
		t.Errorf("scores\n got %v\nwant %v", got, want)
	}
	if f.NoEvidence != 2 {
		t.Errorf("no evidence %d, want 2 (— and n/a)", f.NoEvidence)
	}
	if len(f.Students) != 3 || f.StudentPlaces[2] != (scores.Place{Sheet: "Period 2", Row: 7, Column: "A", Header: "Student"}) {
		t.Errorf("students %v at %v", f.Students, f.StudentPlaces)
	}
	if got := f.Scores[2].Place.String(); got != "Period 2, row 7, column B (NO.1.1)" {
		t.Errorf("place %q", got)
	}
	if len(f.Problems) != 0 || len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Message, "column D (Average) left out") {
		t.Errorf("problems %v, warnings %v", messages(f.Problems), messages(f.Warnings))
	}
}

// Given a wide sheet with a row of dates under its header, a target
// repeated for a second attempt, a Date column right of one target
// giving its dates per student, and first and family names apart, when
// it is read, then each score takes its column's date, or its own row's
// date in the target's date column.
func TestWideColumnDates(t *testing.T) {
	f := read(t, "tracker.csv", "First name,Last name,Student ID,NO.1.1,NO.1.1,AT.1.1,Date\n"+
		"Date,,,2026-09-14,2026-10-02,,\n"+
		"Amara,Okafor,S001,2,3,4,2026-09-30\n"+
		"Ben,Carter,S002,,2,3,\n")
	want := []score{
		{"S001", "NO.1.1", "2026-09-14", "2"},
		{"S001", "NO.1.1", "2026-10-02", "3"},
		{"S001", "AT.1.1", "2026-09-30", "4"},
		{"S002", "NO.1.1", "2026-10-02", "2"},
		{"S002", "AT.1.1", "", "3"},
	}
	if got := short(f); !reflect.DeepEqual(got, want) {
		t.Errorf("scores\n got %v\nwant %v", got, want)
	}
	if f.Students[0].Name != "Amara Okafor" || len(f.Targets) != 2 {
		t.Errorf("students %v, targets %v", f.Students, f.Targets)
	}
	if len(f.Problems) != 0 {
		t.Errorf("problems %v", messages(f.Problems))
	}
}

// Given a wide sheet whose dates sit in a row over the header, and a
// Date column that is each row's date, when it is read, then the
// column's date wins over the row's.
func TestWideDateRowOverHeaderAndRowDates(t *testing.T) {
	f := read(t, "t.csv", ",9/14/2026,\nName,NO.1.1,NO.1.2,Date,Teacher\nAmara Okafor,3,2,2026-09-01,MR\n")
	want := []score{{"Amara Okafor", "NO.1.1", "2026-09-14", "3"}, {"Amara Okafor", "NO.1.2", "2026-09-01", "2"}}
	if got := short(f); !reflect.DeepEqual(got, want) {
		t.Errorf("scores\n got %v\nwant %v", got, want)
	}
	if f.Scores[0].Scorer != "MR" {
		t.Errorf("scorer %q", f.Scores[0].Scorer)
	}
}

// Given a long sheet with every optional column, when it is read, then
// each row is a score with its kind (a gradebook's word read as a kind),
// scorer and note (task and comment), and a kind it does not know is
// formative with one warning.
func TestLongSheet(t *testing.T) {
	f := read(t, "gradebook.csv", "Student ID,Student,Standard,Date assessed,Score,Type,Teacher,Assignment,Comment\n"+
		"S001,Amara Okafor,NO.1.1,2026-09-14,3,Quiz,MR,Quiz 2,mixed up denominators\n"+
		"S001,Amara Okafor,NO.1.2,9/15/2026,Proficient,Unit test,MR,,\n"+
		"S002,Ben Carter,NO.1.1,2026-09-14,,Quiz,MR,,absent\n"+
		"S002,Ben Carter,NO.1.2,2026-09-16,2,Homework,,,\n"+
		"S003,Camila Reyes,NO.1.2,2026-09-16,—,Warm-up drill,,,\n"+
		"S003,Camila Reyes,NO.1.1,2026-09-17,1,Warm-up drill,,,\n")
	if f.Layout() != scores.Long {
		t.Fatalf("layout %q", f.Layout())
	}
	want := []score{
		{"S001", "NO.1.1", "2026-09-14", "3"},
		{"S001", "NO.1.2", "2026-09-15", "Proficient"},
		{"S002", "NO.1.2", "2026-09-16", "2"},
		{"S003", "NO.1.1", "2026-09-17", "1"},
	}
	if got := short(f); !reflect.DeepEqual(got, want) {
		t.Errorf("scores\n got %v\nwant %v", got, want)
	}
	s := f.Scores[0]
	if s.Kind != continuum.Formative || s.Scorer != "MR" || s.Note != "Quiz 2 — mixed up denominators" {
		t.Errorf("first score %+v", s)
	}
	if f.Scores[1].Kind != continuum.Summative || f.Scores[3].Kind != continuum.Formative {
		t.Errorf("kinds %q %q", f.Scores[1].Kind, f.Scores[3].Kind)
	}
	if f.NoEvidence != 1 {
		t.Errorf("no evidence %d, want 1 (the dash)", f.NoEvidence)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].String(), `gradebook, row 7, column F (Type): "Warm-up drill" is not a kind of evidence`) {
		t.Errorf("warnings %v", messages(f.Warnings))
	}
}

// Given Canvas's Learning Mastery Gradebook export as Canvas writes it
// (outcome_results_rollups_csv: Student name, Student ID, Student SIS ID,
// then "<path> result" and "<path> mastery points" per outcome), when it
// is read, then it is recognised, each outcome's title is its target, a
// student's SIS ID is their external ID ("N/A" none), and there are no dates.
func TestCanvasMastery(t *testing.T) {
	text := "Student name,Student ID,Student SIS ID,Number > NO.1.1 result,Number > NO.1.1 mastery points,Number > Fractions > Compare fractions result,Number > Fractions > Compare fractions mastery points\n" +
		"Amara Okafor,101,SIS-40210,3.0,3,2.67,3\n" +
		"Ben Carter,102,N/A,,3,4,3\n"
	path := write(t, "Outcomes-Math_7.csv", text)
	if l, ok := scores.Recognise(context.Background(), path, scores.Options{}); !ok || l != scores.CanvasMastery {
		t.Fatalf("recognised as %q, %v", l, ok)
	}
	f, err := scores.Read(context.Background(), path, scores.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []score{{"Amara Okafor", "NO.1.1", "", "3.0"}, {"Amara Okafor", "Compare fractions", "", "2.67"}, {"Ben Carter", "Compare fractions", "", "4"}}
	if got := short(f); !reflect.DeepEqual(got, want) {
		t.Errorf("scores\n got %v\nwant %v", got, want)
	}
	if f.Students[0].ExternalID != "SIS-40210" || f.Students[1].ExternalID != "" || f.Students[0].ID != "" {
		t.Errorf("students %+v", f.Students)
	}
	if tg := f.Targets[1]; tg.Path != "Number > Fractions > Compare fractions" || tg.Mastery != "3" {
		t.Errorf("target %+v", tg)
	}
}

// Given each kind of bad cell, when the sheet is read, then each is a
// problem named with its sheet, row and column, and the good scores are
// still read.
func TestBadCells(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"sheet date", "Date: someday\nName,NO.1.1\nAmara,3\n", `t, row 1, column A: "someday" is not a date`},
		{"date row", "Name,NO.1.1,NO.1.2,NO.1.3\nDate,2026-09-14,2026-09-15,soon\nAmara,3,3,3\n", `t, row 2, column D (NO.1.3): "soon" is not a date`},
		{"date column", "Name,NO.1.1,Date\nAmara,3,31/12/2026\n", `t, row 2, column C (Date): "31/12/2026" is not a date`},
		{"cell date", "Name,NO.1.1\nAmara,3 (late)\n", `t, row 2, column B (NO.1.1): the date in brackets in "3 (late)" is not a date`},
		{"no student", "Name,NO.1.1\nAmara,3\n,4\n", `t, row 3: the row holds scores but names no student`},
		{"long date", "Student,Target,Date,Score\nAmara,NO.1.1,tomorrow,3\n", `t, row 2, column C (Date): "tomorrow" is not a date`},
		{"long target", "Student,Target,Date,Score\nAmara,,2026-09-14,3\n", `t, row 2, column B (Target): is empty; expected the target's code or statement`},
		{"long student", "Student,Target,Date,Score\n,NO.1.1,2026-09-14,3\n", `t, row 2: the row names no student`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := read(t, "t.csv", tc.text)
			got := messages(f.Problems)
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("problems %q, want one starting %q", got, tc.want)
			}
		})
	}
}

// Given files that are not score sheets (a class list, a standards list,
// text with no header naming students), when they are looked at, then
// they are not recognised, and reading one says why.
func TestNotScores(t *testing.T) {
	ctx := context.Background()
	for name, text := range map[string]string{
		"roster.csv":    "Student ID,First name,Last name,Grade,Period,Email\nS001,Amara,Okafor,7,2,a@school.org\nS002,Ben,Carter,7,5,b@school.org\n",
		"standards.csv": "Code,Statement,Grade\nNO.1.1,Read and write numbers,1\n",
		"notes.csv":     "Hello,world\n1,2\n",
	} {
		path := write(t, name, text)
		if l, ok := scores.Recognise(ctx, path, scores.Options{}); ok {
			t.Errorf("%s recognised as %q", name, l)
		}
	}
	_, err := scores.Read(ctx, write(t, "notes.csv", "Hello,world\n1,2\n"), scores.Options{})
	if !errors.Is(err, scores.ErrNoScores) || !strings.Contains(err.Error(), "expected a header row naming the students") {
		t.Errorf("reading a file with no score table: %v", err)
	}
	for name, text := range map[string]string{
		"wide.csv": "Name,NO.1.1,NO.1.2\nAmara,3,M\nBen,2,\n",
		"long.csv": "Student,Target,Date,Score\nAmara,NO.1.1,2026-09-14,3\n",
	} {
		if _, ok := scores.Recognise(ctx, write(t, name, text), scores.Options{}); !ok {
			t.Errorf("%s is not recognised", name)
		}
	}
}

// Given the words gradebooks write for scores, when they are ranked,
// then each sits where such gradebooks put it; and a dash, "n/a" and
// "excused" are no evidence.
func TestWordRanks(t *testing.T) {
	for word, want := range map[string]scores.Rank{
		"Beginning": scores.RankLowest, "NC": scores.RankLowest, "not yet": scores.RankLowest,
		"Developing": scores.RankApproaching, "J": scores.RankApproaching, "Approaching": scores.RankApproaching,
		"M": scores.RankMeets, "Proficient": scores.RankMeets, "Meets  Expectations": scores.RankMeets,
		"A": scores.RankExceeds, "Exceeds": scores.RankExceeds, "advanced": scores.RankExceeds,
	} {
		if got, ok := scores.WordRank(word); !ok || got != want {
			t.Errorf("WordRank(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	if _, ok := scores.WordRank("Homework"); ok {
		t.Error("Homework is ranked")
	}
	for _, s := range []string{"", " ", "-", "—", "–", "N/A", "Excused", "absent"} {
		if !scores.NoEvidence(s) {
			t.Errorf("%q is evidence", s)
		}
	}
	if scores.NoEvidence("0") || scores.NoEvidence("NC") {
		t.Error("0 or NC read as no evidence")
	}
}

// Given the Learning Mastery Gradebook export as Canvas writes it for a
// user whose CSV settings ask for a byte order mark and semicolons
// (CSVWithI18n), when it is read, then it is the same export.
func TestCanvasMasteryWithSemicolons(t *testing.T) {
	f := read(t, "Outcomes.csv", "\ufeffStudent name;Student ID;Student SIS ID;Math > NO.1.1 result;Math > NO.1.1 mastery points\r\nAmara Okafor;101;SIS-40210;2,67;3\r\n")
	want := []score{{"Amara Okafor", "NO.1.1", "", "2,67"}}
	if f.Layout() != scores.CanvasMastery || !reflect.DeepEqual(short(f), want) {
		t.Errorf("layout %q, scores %v", f.Layout(), short(f))
	}
}
