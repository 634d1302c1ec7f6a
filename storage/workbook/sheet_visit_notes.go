package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var visitCols = []column{
	{names: []string{"Date", "Visit date"}, required: true, expect: "the day of the visit, such as 2026-11-20"},
	{names: []string{"Coach", "By", "Visitor"}, expect: "who wrote the note"},
	{names: []string{"Subject kind", "About", "Kind"}, expect: "continuum, target, unit or class"},
	{names: []string{"Subject"}, expect: "a target code, a unit's title, or a group (blank for the continuum)"},
	{names: []string{"Look-for", "Look for"}, expect: "the look-for the note answers"},
	{names: []string{"Note", "Notes", "Comment"}, required: true, expect: "what the coach saw or suggests"},
}

// visitFieldCol is the Visit notes column of each field of a note's errors.
var visitFieldCol = map[string]int{"visit.date": 0, "visit.subject_kind": 2, "visit.subject": 3, "visit.note": 5}

// readVisitNotes reads a coach's notes; a note on a target or a unit
// names one of the workbook.
func readVisitNotes(p *plans) error {
	ref, ok := p.st.sheet(sheetVisitNotes)
	if !ok {
		return nil
	}
	b := p.b
	_, err := p.st.readTable(ref, visitCols, true, nil, func(r *row) {
		n, ok := p.visitNote(r)
		if !ok || r.bad {
			return
		}
		if err := n.Validate(); err != nil {
			i, ok := visitFieldCol[continuum.ErrorField(err)]
			if !ok {
				i = 5
			}
			r.problemErr(i, err)
			return
		}
		b.VisitNotes = append(b.VisitNotes, n)
		b.Places.VisitNotes = append(b.Places.VisitNotes, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

// visitNote reads one row; ok is false when its subject kind is not one.
func (p *plans) visitNote(r *row) (continuum.VisitNote, bool) {
	n := continuum.VisitNote{Continuum: p.b.Continuum.ID, Coach: r.str(1), Subject: r.str(3), LookFor: r.text(4), Note: r.text(5)}
	if !r.present(0) {
		r.problem(0, "is empty; expected %s", visitCols[0].expect)
	} else {
		n.Date, _ = r.date(0)
	}
	about, err := continuum.ParseVisitSubject(r.str(2))
	if err != nil {
		r.problemErr(2, err)
		return n, false
	}
	n.About = about
	switch {
	case n.About == continuum.OnTarget && n.Subject != "":
		t, ok := p.target(n.Subject)
		if !ok {
			r.problem(3, "target %s is not on the Targets sheet; a note on a target names its code", n.Subject)
		}
		n.Subject = t
	case n.About == continuum.OnUnit && n.Subject != "":
		i, ok := p.findUnit(n.Subject)
		if !ok {
			r.problem(3, "unit %q is not on the Units sheet; a note on a unit names its title", n.Subject)
		} else {
			n.Subject = p.units[i].v.Title
		}
	}
	return n, true
}

// writeVisitNotes writes a coach's notes.
func writeVisitNotes(w *writer, notes []continuum.VisitNote) {
	w.sheet(sheetVisitNotes, colNames(visitCols), []float64{12, 16, 12, 24, 36, 60}, func(add func(...any)) {
		for _, n := range notes {
			add(w.date(n.Date), n.Coach, string(n.About), n.Subject, w.wrapped(n.LookFor), w.wrapped(n.Note))
		}
	})
}
