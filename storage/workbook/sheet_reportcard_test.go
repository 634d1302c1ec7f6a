package workbook_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// demoCard is a report card over the demo's targets, every rule used once.
func demoCard() *continuum.ReportCard {
	return &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "MA.NS", Name: "Number sense", Targets: []string{"NO.1.1", "NO.1.2", "NO.1.3", "NO.2.1", "NO.2.2", "NO.2.3"}, Rule: continuum.RuleMostFrequent},
		{Code: "MA.FR", Name: "Fractions, decimals; ratios", Targets: []string{"NO.3.1", "NO.3.2", "NO.3.3"}, Rule: continuum.RuleMeanDown},
		{Code: "MA.AL", Name: "Algebraic thinking", Targets: []string{"AT.1.1", "AT.1.2", "AT.2.1"}, Rule: continuum.RuleLowest},
		{Code: "MA.PS", Name: "Problem solving", Targets: []string{"PS.1.1", "PS.1.2", "PS.2.1", "PS.2.2", "NO.1.2"}, Rule: continuum.RuleBands,
			Bands: []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}},
	}}
}

// cardBook is the demo classroom's Book with demoCard.
func cardBook() *workbook.Book {
	d := demo.Classroom()
	d.Continuum.ReportCard = demoCard()
	return bookOf(d)
}

// Given the demo with a report card, when it is exported, LibreOffice saves
// it again and it is imported, then the mapping is the same; the Report
// card sheet reads as a teacher wrote it, and Report card levels has a
// row per student and standard of the exported group, with why.
func TestReportCardRoundTrip(t *testing.T) {
	data := encode(t, cardBook(), workbook.EncodeOptions{Group: "Period 5", On: positionsDay})
	b := mustDecode(t, data, workbook.Options{})
	if len(b.Warnings) > 0 {
		t.Errorf("warnings:\n%s", problemTexts(b.Warnings))
	}
	if !reflect.DeepEqual(b.Continuum.ReportCard, demoCard()) {
		t.Fatalf("card read back:\n%+v\nwant\n%+v", b.Continuum.ReportCard, demoCard())
	}
	v := sheetValues(t, data)
	if got := v["Report card"][0]; !slices.Equal(got, []string{"Standard", "Name", "Rule", "Targets", "Bands", "How the rule works"}) {
		t.Errorf("Report card header %q", got)
	}
	if got := v["Report card"][4]; !slices.Equal(got[:5], []string{"MA.PS", "Problem solving", "bands", "PS.1.1; PS.1.2; PS.2.1; PS.2.2; NO.1.2", "90%=4; 60%=3; 30%=2; 0%=1"}) ||
		got[5] != continuum.RuleBands.Explain() {
		t.Errorf("Report card row of MA.PS %q", got)
	}
	levels := v["Report card levels"]
	if !slices.Equal(levels[0], []string{"Student ID", "External ID", "Student", "Standard", "Level", "Label", "Why"}) || len(levels) != 1+14*4 {
		t.Fatalf("Report card levels: header %q, %d rows; want 57", levels[0], len(levels))
	}
	for _, r := range levels[1:] {
		if !strings.HasPrefix(r[1], "SIS-") || len(r) < 7 || !strings.Contains(r[6], ": ") {
			t.Errorf("level row %q", r)
		}
	}

	dir := t.TempDir()
	src := filepath.Join(dir, "card.xlsx")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	storagetest.Soffice(t, dir, "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "resaved"), src)
	resaved, err := os.ReadFile(filepath.Join(dir, "resaved", "card.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(resaved, data) {
		t.Fatal("LibreOffice wrote the same bytes; the test proves nothing")
	}
	again := mustDecode(t, resaved, workbook.Options{})
	if !reflect.DeepEqual(again.Continuum.ReportCard, demoCard()) {
		t.Errorf("card after LibreOffice:\n%+v", again.Continuum.ReportCard)
	}
}

// Given a continuum without a report card, the Report card sheet has only
// its header and the import has no card.
func TestNoReportCardRoundTrip(t *testing.T) {
	d := demo.Classroom()
	d.Continuum.ReportCard = nil
	data := encode(t, bookOf(d), workbook.EncodeOptions{On: positionsDay})
	v := sheetValues(t, data)
	if len(v["Report card"]) != 1 || len(v["Report card levels"]) != 1 {
		t.Errorf("report card sheets of a continuum without a card: %d and %d rows", len(v["Report card"]), len(v["Report card levels"]))
	}
	if b := mustDecode(t, data, workbook.Options{}); b.Continuum.ReportCard != nil {
		t.Errorf("card %+v", b.Continuum.ReportCard)
	}
}

// Given a Report card sheet as a teacher types it (a standard over two
// rows, codes in other capitals) and rows with mistakes, each mistake is a
// problem naming the row and column and what to write, its standard is
// left out, and the rest is read.
func TestReportCardSheetProblems(t *testing.T) {
	targets := sheet{"Targets", [][]any{{"Code", "Statement", "Domain", "Level"},
		{"A1", "I can add", "Number", "1"}, {"A2", "I can subtract", "Number", "1"}, {"A3", "I can count", "Number", "1"}}}
	card := sheet{"Report card", [][]any{{"Standard", "Name", "Rule", "Targets", "Bands"},
		{"N.1", "Number", "Most frequent", "a1; A2"},
		{"N.1", "", "", "A3"},
		{"N.2", "Typo", "lowest", "A1; A9"},
		{"N.3", "Odd rule", "median", "A1"},
		{"N.4", "No bands", "bands", "A1"},
		{"N.5", "Bad band", "bands", "A1", "90%=7"},
		{"N.6", "Share", "percent mastered", "A2, A3", "else=Beginning; 50%=Proficient"},
	}}
	b, err := decode(build(t, targets, card), workbook.Options{})
	var ps workbook.Problems
	if !errors.As(err, &ps) || b == nil {
		t.Fatalf("err = %v, want the problems with the book", err)
	}
	want := &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "N.1", Name: "Number", Targets: []string{"A1", "A2", "A3"}, Rule: continuum.RuleMostFrequent},
		{Code: "N.6", Name: "Share", Targets: []string{"A2", "A3"}, Rule: continuum.RuleBands, Bands: []continuum.CardBand{{MinPercent: 0, Level: 1}, {MinPercent: 50, Level: 3}}},
	}}
	if !reflect.DeepEqual(b.Continuum.ReportCard, want) {
		t.Errorf("card %+v\nwant %+v", b.Continuum.ReportCard, want)
	}
	text := problemTexts(b.Problems)
	if len(b.Problems) != 4 {
		t.Errorf("%d problems, want 4:\n%s", len(b.Problems), text)
	}
	for _, p := range []string{
		`sheet "Report card" row 4 column D (Targets): A9 is not a target code of the Targets sheet; fix the code or take it out of standard N.2`,
		`sheet "Report card" row 5 column C (Rule): "median" is not a roll-up rule; expected most-frequent, mean, lowest or bands`,
		`sheet "Report card" row 6`, `N.4 uses the bands rule but has no bands`,
		`sheet "Report card" row 7 column E (Bands): in "90%=7", "7" is not on the scale`,
	} {
		if !strings.Contains(text, p) {
			t.Errorf("problems lack %q:\n%s", p, text)
		}
	}
}

// FuzzReportCardSheet: whatever a Report card sheet holds, the decoder
// gives a book or problems, and a book without problems has a card whose
// targets are all targets of the workbook.
func FuzzReportCardSheet(f *testing.F) {
	f.Add("N.1", "mode", "A1; a2", "", "N.1", "", "A3", "")
	f.Add("N.1", "bands", "A1", "50%=3; else=1", "N.2", "lowest", "A9", "")
	f.Add("", "median", ";;", "=", "n.1", "mean", "A1,A1", "90%=7")
	f.Fuzz(func(t *testing.T, code1, rule1, targets1, bands1, code2, rule2, targets2, bands2 string) {
		data := build(t,
			sheet{"Targets", [][]any{{"Code", "Statement", "Domain", "Level"},
				{"A1", "I can add", "Number", "1"}, {"A2", "I can subtract", "Number", "1"}, {"A3", "I can count", "Number", "1"}}},
			sheet{"Report card", [][]any{{"Standard", "Rule", "Targets", "Bands"},
				{code1, rule1, targets1, bands1}, {code2, rule2, targets2, bands2}}},
		)
		b, err := decode(data, workbook.Options{})
		checkBook(t, b, err)
		if b == nil || len(b.Problems) > 0 || b.Continuum.ReportCard == nil {
			return
		}
		g, err := b.Graph()
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Continuum.ReportCard.CheckTargets(g); err != nil {
			t.Fatalf("card %+v: %v", b.Continuum.ReportCard, err)
		}
	})
}
