package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var studentCols = []column{
	{names: []string{"Student ID", "ID", "Student"}, required: true, expect: "a student ID such as S014"},
	{names: []string{"Name", "Student name"}, required: true, expect: "the student's name"},
	{names: []string{"Group", "Class", "Section", "Period"}, expect: "a class or group"},
	{names: []string{"External ID", "SIS ID"}, expect: "the ID in the school's information system"},
	{names: []string{"UID", "Student UID"}, expect: "the student's identity as the program wrote it; leave blank for a new student"},
}

// readStudents reads the roster into the Book and rf, which then checks
// the student IDs of the other sheets against it.
func readStudents(st *state, rf *refs) error {
	ref, ok := st.sheet(sheetStudents)
	if !ok {
		return nil
	}
	rf.haveRoster = true
	b := rf.b
	rows := map[string]int{}
	_, err := st.readTable(ref, studentCols, true, nil, func(r *row) {
		s := continuum.Student{ExternalID: r.str(3), Group: r.str(2), UID: r.str(4)}
		var ok bool
		if s.ID, ok = r.require(0, studentCols[0].expect); !ok {
			return
		}
		if s.Name, ok = r.require(1, studentCols[1].expect); !ok {
			return
		}
		if err := s.Validate(); err != nil {
			r.problemErr(0, err)
			return
		}
		if first, dup := rows[s.ID]; dup {
			r.problem(0, "student %s is already on row %d; student IDs must be unique", s.ID, first)
			return
		}
		rows[s.ID] = r.num
		rf.students[s.ID] = len(b.Students)
		b.Students = append(b.Students, s)
		b.Places.Students = append(b.Places.Students, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

// writeStudents writes the roster.
func writeStudents(w *writer, students []continuum.Student) {
	w.sheet(sheetStudents, colNames(studentCols), []float64{14, 28, 16, 16, 38}, func(add func(...any)) {
		for _, s := range students {
			add(s.ID, s.Name, s.Group, s.ExternalID, s.UID)
		}
	})
}
