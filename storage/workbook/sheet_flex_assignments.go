package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var assignmentCols = []column{
	{names: []string{"Block", "Block ID"}, required: true, expect: "a block of the Flex sheet"},
	{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
	{names: []string{"Offering", "Offering ID"}, required: true, expect: "an offering of the block on the Flex sheet"},
	{names: []string{"Tier"}, expect: "required, priority, suggested or open"},
	{names: []string{"Pinned", "Pin"}, expect: "yes when the teacher placed the student by hand"},
	{names: []string{"Reason", "Why"}, expect: "why the student is there, in one line"},
	{names: []string{"Attended", "Attendance"}, expect: "yes, no, or blank when not recorded"},
	{names: []string{"Outcome"}, expect: "a quick note on how it went"},
}

// readFlexAssignments places students in the blocks fr read: once per block.
func readFlexAssignments(p *plans, fr *flexReader) error {
	ref, ok := p.st.sheet(sheetFlexAssignments)
	if !ok {
		return nil
	}
	placed := map[[2]string]int{} // lower block ID, student ID → row
	_, err := p.st.readTable(ref, assignmentCols, true, nil, func(r *row) {
		bid, ok1 := r.require(0, assignmentCols[0].expect)
		sid, ok2 := r.require(1, assignmentCols[1].expect)
		oid, ok3 := r.require(2, assignmentCols[2].expect)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		i, ok := fr.at[strings.ToLower(bid)]
		if !ok {
			r.problem(0, "block %s is not on the Flex sheet; expected %s", bid, assignmentCols[0].expect)
			return
		}
		fb := &fr.blocks[i]
		a := readAssignment(r, p.refs, &fb.v, sid, oid)
		k := [2]string{strings.ToLower(fb.v.ID), sid}
		if first, dup := placed[k]; dup {
			r.problem(1, "student %s is already placed in block %s on row %d; place a student once per block", sid, fb.v.ID, first)
		}
		placed[k] = r.num
		if r.bad {
			fb.bad = true
			return
		}
		fb.v.Assignments = append(fb.v.Assignments, a)
	})
	return err
}

// readAssignment reads the placement of student sid in offering oid of block fb.
func readAssignment(r *row, rf *refs, fb *continuum.FlexBlock, sid, oid string) continuum.Assignment {
	a := continuum.Assignment{Reason: r.text(5), Outcome: r.text(7)}
	a.Student, _ = rf.student(r, 1, sid, assignmentCols[1].expect)
	if o, ok := fb.Offering(oid); ok {
		a.Offering = o.ID
	} else {
		r.problem(2, "%s is not an offering of block %s on the Flex sheet; expected %s", oid, fb.ID, assignmentCols[2].expect)
	}
	if tier, err := continuum.ParseTier(r.str(3)); err != nil {
		r.problemErr(3, err)
	} else {
		a.Tier = tier
	}
	a.Pinned, _ = r.flag(4, "pinned")
	if r.present(6) {
		switch strings.ToLower(r.str(6)) {
		case "absent", "no show", "no-show":
			a.Attended = new(bool)
		default:
			if v, ok := r.flag(6, "attended", "present", "came"); ok {
				a.Attended = &v
			}
		}
	}
	return a
}

// writeFlexAssignments writes where students are placed; keep, when not
// nil, holds the students to write.
func writeFlexAssignments(w *writer, blocks []continuum.FlexBlock, keep map[string]bool) {
	w.sheet(sheetFlexAssignments, colNames(assignmentCols), []float64{18, 14, 18, 10, 8, 50, 10, 40}, func(add func(...any)) {
		for _, fb := range blocks {
			for _, a := range fb.Assignments {
				if keep != nil && !keep[a.Student] {
					continue
				}
				add(fb.ID, a.Student, a.Offering, a.Tier.String(), yesNo(a.Pinned), w.wrapped(a.Reason), attendedText(a.Attended), w.wrapped(a.Outcome))
			}
		}
	})
}

// attendedText writes an attendance: yes, no, or blank when not recorded.
func attendedText(attended *bool) string {
	switch {
	case attended == nil:
		return ""
	case *attended:
		return "yes"
	}
	return "no"
}
