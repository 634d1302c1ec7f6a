package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

// studentBatch is how many students' judgements are computed at a time.
const studentBatch = 256

// writeComputed writes the Positions and Class map sheets side by side, a
// batch of students at a time, so that the judgements of a whole district
// are never all in memory.
func writeComputed(w *writer, g *continuum.Graph, r roster, on continuum.Date) {
	if w.err != nil {
		return
	}
	ps := newPositionsSheet(w, &g.Continuum)
	cm := newClassMapSheet(w, g)
	if ps.sd == nil || cm.sd == nil {
		return
	}
	evBy := make(map[string][]int32, len(r.students))
	for i := range r.evidence {
		evBy[r.evidence[i].Student] = append(evBy[r.evidence[i].Student], int32(i))
	}
	ovBy := map[string][]int32{}
	for i := range r.overrides {
		ovBy[r.overrides[i].Student] = append(ovBy[r.overrides[i].Student], int32(i))
	}
	var class continuum.Class
	for lo := 0; lo < len(r.students) && w.err == nil; lo += studentBatch {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return
		}
		class.Students = r.students[lo:min(lo+studentBatch, len(r.students))]
		class.Evidence, class.Overrides = class.Evidence[:0], class.Overrides[:0]
		for _, st := range class.Students {
			for _, i := range evBy[st.ID] {
				class.Evidence = append(class.Evidence, r.evidence[i])
			}
			for _, i := range ovBy[st.ID] {
				class.Overrides = append(class.Overrides, r.overrides[i])
			}
		}
		for _, sp := range g.ClassPositions(class, on) {
			if err := ps.add(&sp); err != nil {
				w.err = err
				return
			}
			if err := cm.add(&sp); err != nil {
				w.err = err
				return
			}
		}
	}
	ps.finish()
	if w.err != nil {
		return
	}
	cm.finish()
}
