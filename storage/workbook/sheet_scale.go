package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var scaleCols = []column{
	{names: []string{"Value", "Score", "Point"}, required: true, expect: "the score of the scale point, such as 3 or 2.5"},
	{names: []string{"Label", "Name"}, required: true, expect: "the name of the scale point, such as Proficient"},
	{names: []string{"Meaning", "Description"}, expect: "what the point means, in a sentence"},
	{names: []string{"Mastery cut", "Cut", "Mastery"}, expect: "the lowest value that counts as mastered, such as 3"},
	{names: []string{"Method", "Mastery method"}, expect: "a mastery method such as decaying-average (r=0.65), latest or n-mastery (n=2)"},
}

// scaleSheet collects the Scale sheet's rows: the points, and the mastery
// cut and method, each given once.
type scaleSheet struct {
	points []continuum.ScalePoint
	cut    *float64
	method *continuum.Method
}

// readScale reads the scale points, the mastery cut and the method into c.
func readScale(st *state, c *continuum.Continuum, src *continuumSheets) error {
	ref, ok := st.sheet(sheetScale)
	if !ok {
		return nil
	}
	var s scaleSheet
	if _, err := st.readTable(ref, scaleCols, true, nil, s.row); err != nil {
		return err
	}
	if len(s.points) > 0 {
		c.Scale.Points = s.points
		if s.cut == nil {
			st.problem(Problem{Sheet: ref.name, Message: "no mastery cut is given; expected the lowest value that counts as mastered in the Mastery cut column"})
			src.invalid = true
		}
	}
	if s.cut != nil {
		c.Scale.Cut = *s.cut
	}
	if s.method != nil {
		c.Method = *s.method
	}
	src.scale = ref.name
	return nil
}

func (s *scaleSheet) row(r *row) {
	v, okV := r.number(0)
	if !r.present(0) {
		r.problem(0, "is empty; expected %s", scaleCols[0].expect)
	}
	label, okL := r.require(1, scaleCols[1].expect)
	if okV && okL {
		s.points = append(s.points, continuum.ScalePoint{Value: v, Label: label, Meaning: r.text(2)})
	}
	if cv, ok := r.number(3); ok {
		if s.cut != nil && *s.cut != cv {
			r.problem(3, "the mastery cut is already %s on an earlier row; give it once", continuum.FormatScore(*s.cut))
		}
		s.cut = &cv
	}
	if m := r.str(4); m != "" {
		s.readMethod(r, m)
	}
}

func (s *scaleSheet) readMethod(r *row, text string) {
	m, err := continuum.ParseMethod(text)
	switch {
	case err != nil:
		r.problemErr(4, err)
	case s.method != nil && *s.method != m:
		r.problem(4, "the method is already %s on an earlier row; give it once", continuum.FormatMethod(*s.method))
	default:
		s.method = &m
	}
}

// writeScale writes the Scale sheet; the first point's row carries the
// mastery cut and the method.
func writeScale(w *writer, c *continuum.Continuum) {
	w.sheet(sheetScale, colNames(scaleCols), []float64{8, 16, 60, 12, 28}, func(add func(...any)) {
		for i, p := range c.Scale.Points {
			if i == 0 {
				add(p.Value, p.Label, w.wrapped(p.Meaning), c.Scale.Cut, continuum.FormatMethod(c.Method))
			} else {
				add(p.Value, p.Label, w.wrapped(p.Meaning))
			}
		}
	})
}
