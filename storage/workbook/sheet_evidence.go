package workbook

import (
	"slices"
	"strconv"

	"github.com/continuum-planner/planner/continuum"
)

var evidenceCols = []column{
	{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
	{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
	{names: []string{"Date", "Day"}, required: true, expect: "a date such as 2026-09-14 or 9/14/2026"},
	{names: []string{"Score"}, required: true, expect: "a point of the scale"},
	{names: []string{"Kind", "Type"}, expect: "formative, summative, performance-task, observation or self-assessment"},
	{names: []string{"Scorer", "By"}, expect: "who scored it"},
	{names: []string{"Note", "Notes", "Comment"}, expect: "a note"},
	{names: []string{"UID", "Evidence UID"}, expect: "the evidence's identity as the program wrote it; leave blank for new evidence"},
}

// evidenceRowBytes is about the fewest bytes of sheet XML a row of
// evidence takes (ours take about 300).
const evidenceRowBytes = 256

// evidenceReader reads the Evidence sheet, the largest of a workbook:
// the kinds it names are parsed once, and the student IDs and scorers it
// repeats are kept once in memory.
type evidenceReader struct {
	rf     *refs
	sheet  string
	kinds  map[string]continuum.EvidenceKind
	intern map[string]string
}

// readEvidence reads the evidence, numbering it from 1 in row order.
func readEvidence(st *state, rf *refs) error {
	ref, ok := st.sheet(sheetEvidence)
	if !ok {
		return nil
	}
	if !rf.haveRoster {
		st.warn(Problem{Sheet: ref.name, Message: "there is no Students sheet, so the student IDs are not checked here; they must match students already in the program"})
	}
	er := &evidenceReader{rf: rf, sheet: ref.name, kinds: map[string]continuum.EvidenceKind{}, intern: map[string]string{}}
	// A district's sheet holds 200,000 rows: room for them is made once,
	// from the sheet's size, rather than by regrowing as rows come.
	if n := int(min(st.x.partSize(ref.part)/evidenceRowBytes, 1<<20)); n > 0 {
		rf.b.Evidence = slices.Grow(rf.b.Evidence, n)
		rf.b.Places.Evidence = slices.Grow(rf.b.Places.Evidence, n)
	}
	if _, err := st.readTable(ref, evidenceCols, true, nil, er.row); err != nil {
		return err
	}
	b := rf.b
	for i := range b.Evidence {
		b.Evidence[i].ID = uint64(i + 1)
	}
	return nil
}

func (er *evidenceReader) row(r *row) {
	b := er.rf.b
	e := continuum.Evidence{Continuum: b.Continuum.ID}
	sid, ok1 := r.require(0, evidenceCols[0].expect)
	code, ok2 := r.require(1, evidenceCols[1].expect)
	var ok bool
	if ok1 {
		e.Student, ok1 = er.rf.student(r, 0, sid, studentCols[0].expect)
	}
	if ok2 {
		if e.Target, ok = er.rf.target(code); !ok {
			r.problem(1, "target %s is not on the Targets sheet; expected %s", code, evidenceCols[1].expect)
		}
	}
	if !r.present(2) {
		r.problem(2, "is empty; expected %s", evidenceCols[2].expect)
	} else {
		e.Date, _ = r.date(2)
	}
	if !r.present(3) {
		r.problem(3, "is empty; expected %s", evidenceCols[3].expect)
	} else if c, ok := r.raw(3); ok {
		v, err := scoreOf(&b.Continuum.Scale, c)
		if err != nil {
			r.problemErr(3, err)
		}
		e.Score = v
	}
	e.Kind = er.kind(r)
	e.Scorer = er.str(r.str(5))
	e.Note = r.text(6)
	e.UID = r.str(7)
	if e.UID != "" {
		if err := e.ValidateUID(); err != nil {
			r.problemErr(7, err)
		}
	}
	if r.bad || !ok1 || !ok2 {
		return
	}
	if !er.rf.haveRoster { // a roster's IDs are kept once already
		e.Student = er.str(e.Student)
	}
	b.Evidence = append(b.Evidence, e)
	b.Places.Evidence = append(b.Places.Evidence, Place{Sheet: er.sheet, Row: r.num})
}

// kind reads column 4 as an evidence kind; blank is formative.
func (er *evidenceReader) kind(r *row) continuum.EvidenceKind {
	k := r.str(4)
	if k == "" {
		return continuum.Formative
	}
	kind, ok := er.kinds[k]
	if !ok {
		var err error
		if kind, err = continuum.ParseEvidenceKind(k); err != nil {
			r.problemErr(4, err)
		}
		er.kinds[k] = kind
	}
	return kind
}

// str returns s, kept once however many rows repeat it.
func (er *evidenceReader) str(s string) string {
	if v, ok := er.intern[s]; ok {
		return v
	}
	er.intern[s] = s
	return s
}

// scoreOf reads a score cell against the scale.
func scoreOf(sc *continuum.Scale, c *cell) (float64, error) {
	if c.kind == kindNumber {
		if v, err := strconv.ParseFloat(c.text, 64); err == nil {
			if _, ok := sc.Point(v); ok {
				return v, nil
			}
		}
	}
	return sc.ParseScore(c.text)
}

// writeEvidence writes the evidence in order of entry.
func writeEvidence(w *writer, evidence []continuum.Evidence) (join func()) {
	return w.sheetAside(sheetEvidence, colNames(evidenceCols), []float64{14, 14, 12, 7, 16, 10, 50, 38}, func(add func(...any)) {
		for i := range evidence {
			ev := &evidence[i]
			add(ev.Student, ev.Target, w.date(ev.Date), ev.Score, string(ev.Kind), ev.Scorer, w.wrapped(ev.Note), ev.UID)
		}
	})
}
