package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

// Given the demo classroom, when it is exported, then the sheets come in
// the documented order, the class map is coloured with a legend, frozen
// and filtered, dates are date cells, and the output is the same bytes
// every time.
func TestEncode(t *testing.T) {
	d := demo.Classroom()
	data := encode(t, bookOf(d), workbook.EncodeOptions{})
	if again := encode(t, bookOf(d), workbook.EncodeOptions{}); !bytes.Equal(data, again) {
		t.Error("two exports of the same data differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{"About", "Scale", "Levels", "Domains", "Groups", "Pacing", "Targets", "Report card", "Students", "Starting levels",
		"Evidence", "Overrides", "Units", "Unit experiences", "Unit checkpoints", "Flex", "Flex assignments",
		"Visit notes", "Calibration", "Positions", "Class map", "Report card levels"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Errorf("sheets %q, want %q", got, wantSheets)
	}
	// Dates are real date cells in ISO form.
	v, _ := f.GetCellValue("Evidence", "C2")
	typ, _ := f.GetCellType("Evidence", "C2")
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || len(v) != 10 || v[4] != '-' {
		t.Errorf("Evidence!C2 = %q (type %v), want an ISO date cell", v, typ)
	}
	// Class map: students × targets, legend below, panes frozen at C2.
	rows, _ := f.GetRows("Class map")
	if len(rows[0]) != 2+len(d.Targets) || rows[0][0] != "Student ID" || len(rows) < 1+len(d.Students)+7 {
		t.Fatalf("class map is %d rows, header %q", len(rows), rows[0])
	}
	if rows[len(d.Students)+2][0] != "Legend" {
		t.Errorf("no legend below the table: %q", rows[len(d.Students)+2])
	}
	panes, _ := f.GetPanes("Class map")
	if !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 1 {
		t.Errorf("panes %+v, want the header row and two columns frozen", panes)
	}
	// Every cell has the colour the app and the picture give it
	// (palette.ForMastery), overrides outlined in palette.Override.
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	hex := func(c color.NRGBA) string { return strings.TrimPrefix(palette.Hex(c), "#") }
	seen := map[string]int{}
	for i, sp := range g.ClassPositions(d.Class(), positionsDay) {
		for k, m := range sp.Mastery {
			ref, _ := excelize.CoordinatesToCellName(k+3, i+2)
			v, _ := f.GetCellValue("Class map", ref)
			s, _ := f.GetCellStyle("Class map", ref)
			style, _ := f.GetStyle(s)
			if got, want := style.Fill.Color[0], hex(palette.ForMastery(m, &d.Continuum.Scale)); !strings.EqualFold(got, want) {
				t.Fatalf("Class map!%s (%s on %s) is filled %s, want %s as in the app", ref, sp.Student.ID, g.Targets[k].Code, got, want)
			}
			outlined := len(style.Border) == 4 && strings.EqualFold(style.Border[0].Color, hex(palette.Override))
			if outlined != (m.Source == continuum.FromOverride) {
				t.Errorf("Class map!%s: outlined %v, override %v", ref, outlined, m.Source == continuum.FromOverride)
			}
			seen[v]++
		}
	}
	for _, want := range []string{"M", "NY", "", "M*", "NY*", "P"} {
		if seen[want] == 0 {
			t.Errorf("no class map cell reads %q; saw %v", want, seen)
		}
	}
	// The legend is palette.Key's, in its colours.
	keys := palette.Key(&d.Continuum.Scale)
	for i, k := range keys {
		row := len(d.Students) + 4 + i
		label, _ := f.GetCellValue("Class map", fmt.Sprintf("B%d", row))
		s, _ := f.GetCellStyle("Class map", fmt.Sprintf("C%d", row))
		style, _ := f.GetStyle(s)
		if label != k.Label || !strings.EqualFold(style.Fill.Color[0], hex(k.Color)) || (len(style.Border) == 4) != k.Outlined {
			t.Errorf("legend row %d: %q filled %s, want %q in %s (outlined %v)", row, label, style.Fill.Color[0], k.Label, hex(k.Color), k.Outlined)
		}
	}
	// Positions: one row per student and domain.
	prows, _ := f.GetRows("Positions")
	if len(prows) != 1+len(d.Students)*len(d.Continuum.Domains) {
		t.Errorf("positions has %d rows", len(prows))
	}
}

// Given a group, when exported, then only its students, evidence and overrides are written.
func TestEncodeGroup(t *testing.T) {
	d := demo.Classroom()
	b := mustDecode(t, encode(t, bookOf(d), workbook.EncodeOptions{Group: "period 5"}), workbook.Options{})
	if len(b.Students) == 0 || len(b.Students) == len(d.Students) {
		t.Fatalf("%d students of %d", len(b.Students), len(d.Students))
	}
	in := map[string]bool{}
	for _, s := range b.Students {
		if s.Group != "Period 5" {
			t.Errorf("student %s of %s", s.ID, s.Group)
		}
		in[s.ID] = true
	}
	for _, e := range b.Evidence {
		if !in[e.Student] {
			t.Fatalf("evidence of %s exported", e.Student)
		}
	}
	var buf bytes.Buffer
	if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{Group: "Nobody"}).Encode(context.Background(), bookOf(d)); err == nil {
		t.Error("an empty group was exported")
	}
}

// Given invalid data or a text too long for a cell, when exported, then it is refused with the place named.
func TestEncodeRefuses(t *testing.T) {
	d := demo.Classroom()
	d.Evidence[5].Note = strings.Repeat("x", 32768)
	var buf bytes.Buffer
	err := workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(context.Background(), bookOf(d))
	if err == nil || !strings.Contains(err.Error(), `sheet "Evidence" row 7 column G: the text has 32768 characters`) {
		t.Errorf("long note: %v", err)
	}
	// The evidence is written beside the sheets after it; when one of
	// them is refused too, the evidence's problem, the first in the
	// workbook, is the one named.
	d = demo.Classroom()
	d.Evidence[5].Note = strings.Repeat("x", 32768)
	if len(d.Overrides) == 0 {
		t.Fatal("the demo has no override")
	}
	d.Overrides[0].Reason = strings.Repeat("y", 32768)
	err = workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(context.Background(), bookOf(d))
	if err == nil || !strings.Contains(err.Error(), `sheet "Evidence" row 7 column G`) {
		t.Errorf("long note and long reason: %v", err)
	}
	d.Evidence[5].Note = ""
	err = workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(context.Background(), bookOf(d))
	if err == nil || !strings.Contains(err.Error(), `sheet "Overrides" row 2 column D`) {
		t.Errorf("long reason: %v", err)
	}
	d = demo.Classroom()
	d.Targets[0].Prerequisites = []string{d.Targets[3].Code}
	d.Targets[3].Prerequisites = append(d.Targets[3].Prerequisites, d.Targets[0].Code)
	if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(context.Background(), bookOf(d)); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
	_ = continuum.ErrInvalid
}
