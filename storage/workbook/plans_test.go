package workbook_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// plansTargets and plansStudents are the Targets and Students sheets the
// plan sheets of these tests refer to.
var (
	plansTargets  = sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}, {"T2", "D", "1", "I can two.", "T1"}, {"T3", "D", "2", "I can three.", "T2"}}}
	plansStudents = sheet{"Students", [][]any{{"Student ID", "Name"}, {"S1", "Ann"}, {"S2", "Ben"}}}
)

// Given plan sheets typed by hand (headers in other words and capitals,
// dates as text, a block's fields given once, codes in other capitals),
// when decoded, then units, blocks, notes and scores read as meant.
func TestDecodePlansLenient(t *testing.T) {
	data := build(t,
		sheet{"About", [][]any{{"Field", "Value"}, {"Continuum", "Science 4"}}},
		plansTargets, plansStudents,
		sheet{"units", [][]any{
			{"Title", "Start date", "End date", "Target codes", "Supports"},
			{"Forces and motion", "9/7/2026", "2026-10-02", "t1; T2", "Ramps\non every table"},
		}},
		sheet{"Unit Experiences", [][]any{{"Unit", "Title", "Builds"}, {"forces-and-motion", "Ramp lab", "t2"}}},
		sheet{"Unit checkpoints", [][]any{{"Unit", "Target", "Date", "Type"}, {"FORCES AND MOTION", "T2", "2026-09-30", "Performance task"}}},
		sheet{"Flex", [][]any{
			{"Block ID", "Date", "Slot", "Length", "Offering ID", "Title", "Type", "Seats", "Focus targets"},
			{"wk2", "2026-09-14", "WIN", 30, "again", "Once more", "Recuperation", 4, "t1"},
			{"WK2", nil, nil, nil, "open", "Open study", "open study", "20"},
		}},
		sheet{"Flex assignments", [][]any{
			{"Block", "Student", "Offering", "Tier", "Pinned", "Attended"},
			{"wk2", "S1", "AGAIN", "", "x", "absent"},
			{"wk2", "S2", "open", "open", "", "present"},
		}},
		sheet{"Visit notes", [][]any{
			{"Date", "Visitor", "About", "Subject", "Look for", "Notes"},
			{"2026-11-20", "JC", "", "", "", "Clear targets"},
			{"2026-11-20", "JC", "Target", "t3", "", "No recent evidence"},
			{"2026-11-20", "JC", "unit", "forces and motion", "", "On pace"},
		}},
		sheet{"Calibration", [][]any{
			{"Work sample", "Code", "Teacher", "Score", "Comment"},
			{"Essay A", "t1", "AB", "Proficient", "ok"},
			{"Essay A", "T1", "CD", 7},
		}},
	)
	b := mustDecode(t, data, workbook.Options{Name: "plans.xlsx"})
	if b.About.Continuum != "Science 4" {
		t.Errorf("About.Continuum = %q", b.About.Continuum)
	}
	if len(b.Units) != 1 {
		t.Fatalf("units %+v", b.Units)
	}
	u := b.Units[0]
	if u.ID != "forces-and-motion" || u.Start != continuum.NewDate(2026, 9, 7) || strings.Join(u.Targets, ",") != "T1,T2" ||
		u.Supports != "Ramps\non every table" || len(u.Experiences) != 1 || u.Experiences[0].Targets[0] != "T2" ||
		len(u.Checkpoints) != 1 || u.Checkpoints[0].Kind != continuum.PerformanceTask {
		t.Errorf("unit %+v", u)
	}
	if len(b.Flex) != 1 || len(b.Flex[0].Offerings) != 2 || len(b.Flex[0].Assignments) != 2 {
		t.Fatalf("flex %+v", b.Flex)
	}
	fb := b.Flex[0]
	if fb.ID != "wk2" || fb.Minutes != 30 || fb.Offerings[0].Kind != continuum.Reteach || fb.Offerings[1].Capacity != 20 || fb.Offerings[0].Focus[0] != "T1" {
		t.Errorf("block %+v", fb)
	}
	a0, a1 := fb.Assignments[0], fb.Assignments[1]
	if a0.Offering != "again" || a0.Tier != continuum.TierSuggested || !a0.Pinned || a0.Attended == nil || *a0.Attended ||
		a1.Tier != continuum.TierOpen || a1.Attended == nil || !*a1.Attended {
		t.Errorf("assignments %+v %+v", a0, a1)
	}
	if len(b.VisitNotes) != 3 || b.VisitNotes[0].About != continuum.OnContinuum || b.VisitNotes[1].Subject != "T3" || b.VisitNotes[2].Subject != "Forces and motion" {
		t.Errorf("visit notes %+v", b.VisitNotes)
	}
	if len(b.Calibration) != 2 || b.Calibration[0].Score != 3 || b.Calibration[0].Target != "T1" || b.Calibration[1].Score != 7 ||
		b.Calibration[1].Place != `plans.xlsx sheet "Calibration" row 3` {
		t.Errorf("calibration %+v", b.Calibration)
	}
	if len(b.Places.Units) != 1 || b.Places.Flex[0].Row != 2 || b.Places.VisitNotes[2].Row != 4 || b.Places.Calibration[1].Row != 3 {
		t.Errorf("places %+v", b.Places)
	}
	// A score off the scale is left for Calibrate, which names where it is.
	_, err := continuum.Calibrate(&b.Continuum.Scale, b.Calibration)
	if err == nil || !strings.Contains(err.Error(), `plans.xlsx sheet "Calibration" row 3: CD scored Essay A on T1 as 7, which is not on the scale`) {
		t.Errorf("Calibrate = %v", err)
	}
}

// Given plan sheets with mistakes, when decoded, then every problem is
// listed with its sheet, row and column, and the records with problems
// are left out.
func TestDecodePlansProblems(t *testing.T) {
	tests := []struct {
		name   string
		sheets []sheet
		want   []string
	}{
		{"units", []sheet{{"Units", [][]any{
			{"Unit", "Start", "End", "Targets"},
			{"Forces", "2026-09-07", "", "T1, T9"},
			{"Light", "2026-10-05", "2026-09-30", "T3"},
			{"light", "2026-10-05", "2026-10-30", "T3"},
		}}, {"Unit experiences", [][]any{{"Unit", "Experience", "Targets"}, {"Sound", "Drums", "T1"}, {"Light", "Prisms", "T1"}}},
			{"Unit checkpoints", [][]any{{"Unit", "Target", "Date"}, {"Light", "T3", "soon"}}}},
			[]string{
				`sheet "Units" row 2 column C (End): is empty; expected the unit's last day`,
				`sheet "Units" row 2 column D (Targets): target T9 is not on the Targets sheet`,
				`sheet "Units" row 4 column A (Unit): unit "light" is already on row 3; unit titles must differ`,
				`sheet "Unit experiences" row 2 column A (Unit): unit "Sound" is not on the Units sheet`,
				`sheet "Unit experiences" row 3 column C (Targets): unit "Light" does not teach T1; expected one of its targets (T3)`,
				`sheet "Unit checkpoints" row 2 column C (Date): "soon" is not a date`,
			}},
		{"units checked as a whole", []sheet{{"Units", [][]any{{"Unit", "Start", "End", "Targets"}, {"Light", "2026-10-05", "2026-09-30", "T3"}}}},
			[]string{`sheet "Units" row 2: unit "Light" ends (2026-09-30) before it starts (2026-10-05)`}},
		{"flex", []sheet{{"Flex", [][]any{
			{"Block", "Date", "Slot", "Minutes", "Offering", "Title", "Kind", "Teacher", "Room", "Capacity", "Focus"},
			{"wk2", "2026-09-14", "WIN", 30, "a", "A", "reteach", "", "", 4, "T1"},
			{"wk2", "2026-09-15", "WIN", 30, "a", "A again", "lecture", "", "", 0, "T9"},
			{"wk3", "", "", nil, nil, "Orphan title"},
		}}, {"Flex assignments", [][]any{
			{"Block", "Student ID", "Offering", "Tier"},
			{"wk9", "S1", "a", ""},
			{"wk2", "S7", "b", "urgent"},
			{"wk2", "S1", "a", ""},
			{"wk2", "S1", "a", ""},
		}}},
			[]string{
				`sheet "Flex" row 3 column B (Date): block wk2 is on 2026-09-14 on row 2; a block has one date`,
				`sheet "Flex" row 3 column G (Kind): "lecture" is not a kind of offering`,
				`sheet "Flex" row 3 column J (Capacity): 0 seats; expected how many students it takes, at least 1`,
				`sheet "Flex" row 3 column K (Focus): target T9 is not on the Targets sheet`,
				`sheet "Flex" row 3 column E (Offering): offering a of block wk2 is already on row 2`,
				`sheet "Flex" row 4 column B (Date): is empty; expected the day of the block`,
				`sheet "Flex" row 4 column C (Slot): is empty`,
				`sheet "Flex" row 4 column E (Offering): is empty; expected the offering's ID, unique in its block, since the row describes an offering`,
				`sheet "Flex assignments" row 2 column A (Block): block wk9 is not on the Flex sheet`,
				`sheet "Flex assignments" row 3 column B (Student ID): student S7 is not on the Students sheet`,
				`sheet "Flex assignments" row 3 column C (Offering): b is not an offering of block wk2`,
				`sheet "Flex assignments" row 3 column D (Tier): "urgent" is not a tier`,
				`sheet "Flex assignments" row 5 column B (Student ID): student S1 is already placed in block wk2 on row 4`,
			}},
		{"assignments without blocks", []sheet{{"Flex assignments", [][]any{{"Block", "Student ID", "Offering"}, {"wk2", "S1", "a"}}}},
			[]string{`sheet "Flex assignments": there is no Flex sheet`}},
		{"visit notes", []sheet{{"Visit notes", [][]any{
			{"Date", "Coach", "Subject kind", "Subject", "Look-for", "Note"},
			{"2026-11-20", "JC", "lesson", "", "", "x"},
			{"2026-11-20", "JC", "target", "T9", "", "x"},
			{"2026-11-20", "JC", "unit", "Nowhere", "", "x"},
			{"2026-11-20", "JC", "target", "", "", "x"},
			{"", "JC", "", "", "", "x"},
			{"2026-11-20", "JC", "class", "", "Pacing", ""},
		}}},
			[]string{
				`sheet "Visit notes" row 2 column C (Subject kind): "lesson" is not what a visit note can be about`,
				`sheet "Visit notes" row 3 column D (Subject): target T9 is not on the Targets sheet`,
				`sheet "Visit notes" row 4 column D (Subject): unit "Nowhere" is not on the Units sheet`,
				`sheet "Visit notes" row 5 column D (Subject): a note on a target names the target's code`,
				`sheet "Visit notes" row 6 column A (Date): is empty; expected the day of the visit`,
				`sheet "Visit notes" row 7 column F (Note): the visit note on the class is empty`,
			}},
		{"calibration", []sheet{{"Calibration", [][]any{
			{"Sample", "Target", "Scorer", "Score"},
			{"Essay A", "T9", "AB", 3},
			{"Essay A", "T1", "", 3},
			{"Essay A", "T1", "CD", "brilliant"},
		}}},
			[]string{
				`sheet "Calibration" row 2 column B (Target): target T9 is not on the Targets sheet`,
				`sheet "Calibration" row 3 column C (Scorer): is empty; expected who scored the sample`,
				`sheet "Calibration" row 4 column D (Score): "brilliant" is not on the scale`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := build(t, append([]sheet{plansTargets, plansStudents}, tt.sheets...)...)
			b, err := decode(data, workbook.Options{Name: "bad.xlsx"})
			var ps workbook.Problems
			if !errors.As(err, &ps) || b == nil {
				t.Fatalf("err = %v, want the problems with the book", err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(ps), len(tt.want), problemTexts(ps))
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].Error(), w) {
					t.Errorf("problem %d = %q\nwant it to contain %q", i, ps[i].Error(), w)
				}
			}
			checkBook(t, b, err)
			if len(b.Units)+len(b.Flex) != 0 && tt.name != "units" {
				t.Errorf("records with problems kept: %+v %+v", b.Units, b.Flex)
			}
		})
	}
}

// Given a Book whose unit teaches a target it does not have, when
// exported, then the export is refused naming the unit.
func TestEncodeRefusesBadPlans(t *testing.T) {
	b := mustDecode(t, build(t, plansTargets), workbook.Options{})
	b.Units = []continuum.Unit{{ID: "u", Title: "U", Start: continuum.NewDate(2026, 9, 1), End: continuum.NewDate(2026, 9, 30), Targets: []string{"T9"}}}
	var buf bytes.Buffer
	err := workbook.NewEncoder(&buf, workbook.EncodeOptions{}).Encode(t.Context(), b)
	if err == nil || !strings.Contains(err.Error(), `unit "U": T9 is not a target`) {
		t.Errorf("Encode = %v", err)
	}
}
