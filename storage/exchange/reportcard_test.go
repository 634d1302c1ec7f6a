package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// mappingCSV maps three of the demo's strands, one standard over two rows.
const mappingCSV = "\ufeffStandard,Name,Rule,Targets,Bands\n" +
	"MA.NS,Number sense,most frequent,NO.1.1; NO.1.2; NO.1.3,\n" +
	"MA.NS,,,\"NO.2.1,NO.2.2\",\n" +
	"MA.PS,Problem solving,bands,PS.1.1;PS.1.2;PS.2.1;PS.2.2,90%=4; 60%=3; 30%=2; 0%=1\n" +
	",,,,\n" +
	"HS.WH,Work habits,lowest,HS.1.1;HS.1.2,\n"

func TestReadReportCardCSV(t *testing.T) {
	scale := continuum.DefaultScale()
	card, err := exchange.ReadReportCardCSV(strings.NewReader(mappingCSV), "card.csv", &scale)
	if err != nil {
		t.Fatal(err)
	}
	want := &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "MA.NS", Name: "Number sense", Targets: []string{"NO.1.1", "NO.1.2", "NO.1.3", "NO.2.1", "NO.2.2"}, Rule: continuum.RuleMostFrequent},
		{Code: "MA.PS", Name: "Problem solving", Targets: []string{"PS.1.1", "PS.1.2", "PS.2.1", "PS.2.2"}, Rule: continuum.RuleBands,
			Bands: []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}},
		{Code: "HS.WH", Name: "Work habits", Targets: []string{"HS.1.1", "HS.1.2"}, Rule: continuum.RuleLowest},
	}}
	if !reflect.DeepEqual(card, want) {
		t.Fatalf("card = %+v\nwant %+v", card, want)
	}
	// What WriteReportCardMapping writes reads back the same.
	var buf bytes.Buffer
	if err := exchange.WriteReportCardMapping(&buf, card); err != nil {
		t.Fatal(err)
	}
	back, err := exchange.ReadReportCardCSV(&buf, "again.csv", &scale)
	if err != nil || !reflect.DeepEqual(back, want) {
		t.Fatalf("written and read back: %+v, %v\n%s", back, err, buf.String())
	}
	for _, tc := range []struct{ in, want string }{
		{"", "card.csv: the file is empty"},
		{"standard,name,targets\n", "the header has no rule column"},
		{"standard,rule,targets\nMA.X,median,A1\n", `card.csv row 2, column rule: "median" is not a roll-up rule`},
		{"standard,rule,targets\n,lowest,A1\n", "row 2, column standard: is empty"},
		{"standard,rule,targets\nMA.X,,A1\n", "row 2, column rule: is empty for standard MA.X"},
		{"standard,rule,targets\nMA.X,lowest,A1\nMA.X,mean,A2\n", "row 3, column rule: standard MA.X has the rule lowest above and mean here"},
		{"standard,rule,targets,bands\nMA.X,bands,A1,90%=9\n", "row 2, column bands:"},
		{"standard,rule,targets\nMA.X,bands,A1\n", "uses the bands rule but has no bands"},
		{"standard,rule,targets\n", "no standard is listed"},
	} {
		_, err := exchange.ReadReportCardCSV(strings.NewReader(tc.in), "card.csv", &scale)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.in, err, tc.want)
		}
	}
}

// Given the demo classroom with a report card, the levels of Period 2
// as of the term's end are one row per student and standard, in roster
// order, with the SIS's IDs; the CSV has the header the SIS expects.
func TestReportCardLevelsOfAGroup(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	scale := continuum.DefaultScale()
	card, err := exchange.ReadReportCardCSV(strings.NewReader(mappingCSV), "card.csv", &scale)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetReportCard(ctx, demoID, card); err != nil {
		t.Fatal(err)
	}
	on := continuum.NewDate(2026, 11, 20)
	ru, err := exchange.ReportCardLevels(ctx, st, demoID, "period 2", on)
	if err != nil {
		t.Fatal(err)
	}
	if ru.Group != "Period 2" || ru.Students != 14 || len(ru.Levels) != 14*3 {
		t.Fatalf("group %q, %d students, %d levels; want Period 2, 14, 42", ru.Group, ru.Students, len(ru.Levels))
	}
	withLevel := 0
	for i, l := range ru.Levels {
		if l.Student.Group != "Period 2" || l.Standard.Code != card.Standards[i%3].Code {
			t.Fatalf("row %d: %s %s", i, l.Student.Group, l.Standard.Code)
		}
		if l.HasLevel {
			withLevel++
			if p, ok := scale.Point(l.Level); !ok || p.Label != l.Label {
				t.Errorf("row %d: level %v labelled %q", i, l.Level, l.Label)
			}
		}
		if !strings.Contains(l.Why, ": ") {
			t.Errorf("row %d: why %q", i, l.Why)
		}
	}
	if withLevel < 30 {
		t.Errorf("only %d of 42 rows have a level after a term of evidence", withLevel)
	}
	var buf bytes.Buffer
	if err := exchange.WriteReportCardCSV(&buf, ru.Levels); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	first := ru.Levels[0]
	wantFirst := strings.Join([]string{first.Student.ID, first.Student.ExternalID, first.Student.Name, "MA.NS", continuum.FormatScore(first.Level), first.Label}, ",")
	if len(lines) != 43 || lines[0] != "student_id,external_id,student,standard,level,label" || lines[1] != wantFirst {
		t.Errorf("csv starts\n%s\n%s\nwant the header then %s (%d lines)", lines[0], lines[1], wantFirst, len(lines))
	}
	if !strings.HasPrefix(lines[1], "S027,SIS-40392,Aiden Murphy,MA.NS,") {
		t.Errorf("first row %q: expected the first student of Period 2 in the roster's order (by name), with the SIS's ID", lines[1])
	}

	if _, err := exchange.ReportCardLevels(ctx, st, demoID, "Period 9", on); !errors.Is(err, continuum.ErrNotFound) ||
		!strings.Contains(err.Error(), `no student is in group "Period 9"; the groups are Period 2, Period 5`) {
		t.Errorf("unknown group: %v", err)
	}
	if err := st.SetReportCard(ctx, demoID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ReportCardLevels(ctx, st, demoID, "", on); !errors.Is(err, continuum.ErrNotFound) ||
		!strings.Contains(err.Error(), "has no report card yet") {
		t.Errorf("no card: %v", err)
	}
}

// Given the demo store's report card, an exported workbook imported into
// an empty store brings the same card; a colleague's workbook with another
// card is a conflict that keeps the stored card until the teacher takes
// theirs, and the levels then follow the new card.
func TestReportCardTravelsInWorkbooks(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	st := mustOpen(t)
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Continuum(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	want := demo.Classroom().Continuum.ReportCard
	if !reflect.DeepEqual(got.ReportCard, want) {
		t.Fatalf("imported card %+v\nwant %+v", got.ReportCard, want)
	}

	d := demo.Classroom()
	d.Continuum.ReportCard = &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "MA.ALL", Name: "Mathematics", Targets: []string{"no.1.1", "NO.1.2"}, Rule: continuum.RuleLowest}}}
	colleague := writeBook(t, t.TempDir(), "colleague.xlsx", workbook.New(d.Continuum, d.Targets, continuum.Class{}))
	p, err = exchange.PlanImport(ctx, st, colleague, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Merge.Conflicts) != 1 || p.Merge.Conflicts[0].Fields[0] != "report card" {
		t.Fatalf("conflicts %+v", p.Merge.Conflicts)
	}
	if _, err := p.Apply(ctx, st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("keeping mine: %v, want ErrNothingToImport", err)
	}
	p.Prefer(continuum.TakeTheirs)
	if w := strings.Join(p.Written(), "; "); !strings.Contains(w, "report card replaced") || strings.Contains(w, "scale or method") {
		t.Errorf("taking their card is written as %q", w)
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	ru, err := exchange.ReportCardLevels(ctx, st, demoID, "", continuum.NewDate(2026, 11, 20))
	if err != nil {
		t.Fatal(err)
	}
	if len(ru.Levels) != 28 || ru.Levels[0].Standard.Code != "MA.ALL" || !reflect.DeepEqual(ru.Levels[0].Standard.Targets, []string{"NO.1.1", "NO.1.2"}) {
		t.Errorf("levels after taking their card: %d, first %+v", len(ru.Levels), ru.Levels[0].Standard)
	}
}

// FuzzReadReportCardCSV: any bytes give a valid card or an error naming
// the file, never a panic.
func FuzzReadReportCardCSV(f *testing.F) {
	f.Add([]byte(mappingCSV))
	f.Add([]byte("standard,rule,targets\nMA.X,bands,A1\n"))
	f.Add([]byte("standard,rule,targets,bands\nX,lowest,\"A;B\",\nX,,C,90=4\n"))
	scale := continuum.DefaultScale()
	f.Fuzz(func(t *testing.T, data []byte) {
		card, err := exchange.ReadReportCardCSV(bytes.NewReader(data), "f.csv", &scale)
		if err != nil {
			if !strings.Contains(err.Error(), "f.csv") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		if err := card.Validate(&scale); err != nil || len(card.Standards) == 0 {
			t.Fatalf("a card read without error is invalid: %v", err)
		}
	})
}

// Given a store holding the demo continuum without a report card, a
// workbook with the card adds it, and the preview says so in those words.
func TestReportCardAddedIsSaidSo(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	d := demo.Classroom()
	d.Continuum.ReportCard = nil
	bare := writeBook(t, t.TempDir(), "bare.xlsx", workbook.New(d.Continuum, d.Targets, continuum.Class{}))
	p, err := exchange.PlanImport(ctx, st, bare, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	p, err = exchange.PlanImport(ctx, st, exportDemo(t), exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(p.Written(), "; ")
	if !strings.Contains(w, "report card added") || strings.Contains(w, "new levels or domains") {
		t.Errorf("a card added is written as %q", w)
	}
}
