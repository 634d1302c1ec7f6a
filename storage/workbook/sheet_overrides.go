package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var overrideCols = []column{
	{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
	{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
	{names: []string{"Mastered", "Judgement", "Judgment"}, required: true, expect: "mastered (yes) or not yet (no)"},
	{names: []string{"Reason"}, required: true, expect: "why, in a sentence a colleague or family can read"},
	{names: []string{"Date"}, required: true, expect: "a date such as 2026-09-14 or 9/14/2026"},
	{names: []string{"By"}, expect: "who made the judgement"},
}

// readOverrides reads the teacher's overrides: one per student and target.
func readOverrides(st *state, rf *refs) error {
	ref, ok := st.sheet(sheetOverrides)
	if !ok {
		return nil
	}
	b := rf.b
	seen := map[[2]string]int{}
	_, err := st.readTable(ref, overrideCols, true, nil, func(r *row) {
		o, ok := readOverride(r, rf)
		if !ok {
			return
		}
		k := [2]string{o.Student, strings.ToLower(o.Target)}
		if first, dup := seen[k]; dup {
			r.problem(1, "student %s already has an override on %s on row %d; keep one", o.Student, o.Target, first)
			return
		}
		seen[k] = r.num
		b.Overrides = append(b.Overrides, o)
		b.Places.Overrides = append(b.Places.Overrides, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

// readOverride reads one row; ok is false when the row had a problem.
func readOverride(r *row, rf *refs) (continuum.Override, bool) {
	o := continuum.Override{Continuum: rf.b.Continuum.ID}
	sid, ok1 := r.require(0, overrideCols[0].expect)
	code, ok2 := r.require(1, overrideCols[1].expect)
	var ok bool
	if ok1 {
		o.Student, ok1 = rf.student(r, 0, sid, studentCols[0].expect)
	}
	if ok2 {
		if o.Target, ok = rf.target(code); !ok {
			r.problem(1, "target %s is not on the Targets sheet; expected %s", code, overrideCols[1].expect)
		}
	}
	if !r.present(2) {
		r.problem(2, "is empty; expected %s", overrideCols[2].expect)
	} else {
		switch strings.ToLower(strings.Join(strings.Fields(r.str(2)), " ")) {
		case "not yet", "not mastered", "nm", "ny":
			o.Mastered = false
		default:
			o.Mastered, _ = r.flag(2, "mastered", "m")
		}
	}
	o.Reason, _ = r.require(3, overrideCols[3].expect)
	o.Reason = normalizeNewlines(o.Reason)
	if !r.present(4) {
		r.problem(4, "is empty; expected %s", overrideCols[4].expect)
	} else {
		o.Date, _ = r.date(4)
	}
	o.By = r.str(5)
	return o, !r.bad && ok1 && ok2
}

// writeOverrides writes the teacher's overrides.
func writeOverrides(w *writer, overrides []continuum.Override) {
	w.sheet(sheetOverrides, colNames(overrideCols), []float64{14, 14, 10, 50, 12, 10}, func(add func(...any)) {
		for _, o := range overrides {
			add(o.Student, o.Target, masteredText(o.Mastered), w.wrapped(o.Reason), w.date(o.Date), o.By)
		}
	})
}
