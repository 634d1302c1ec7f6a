package report

import (
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// demoClass150 is the demo classroom grown to 150 students: each demo
// student's evidence and overrides copied under new IDs.
func demoClass150(b *testing.B) (*continuum.Graph, *demo.Dataset) {
	b.Helper()
	d := demo.Classroom()
	g, err := d.Graph()
	if err != nil {
		b.Fatal(err)
	}
	base := *d
	d.Students, d.Evidence, d.Overrides = nil, nil, nil
	for i := range 150 {
		st := base.Students[i%len(base.Students)]
		old := st.ID
		st.ID = fmt.Sprintf("B%03d", i+1)
		d.Students = append(d.Students, st)
		for _, e := range base.Evidence {
			if e.Student == old {
				e.Student = st.ID
				d.Evidence = append(d.Evidence, e)
			}
		}
		for _, o := range base.Overrides {
			if o.Student == old {
				o.Student = st.ID
				d.Overrides = append(d.Overrides, o)
			}
		}
	}
	return g, d
}

// BenchmarkBuild150 builds the progress reports of 150 students of the
// demo continuum (36 targets, about 40 pieces of evidence each) in
// Spanish, with the group's cover, from the class's evidence split by
// student: what "Reports for this group" asks of this package.
func BenchmarkBuild150(b *testing.B) {
	g, d := demoClass150(b)
	cat := catalog(b, "es")
	b.ReportAllocs()
	for b.Loop() {
		ev, ov := byStudent(d)
		_ = BuildCover(cat, "Period 2", g.Continuum.Name, demoDay, d.Students)
		for _, st := range d.Students {
			if _, err := Build(Input{Graph: g, Student: st, Evidence: ev[st.ID], Overrides: ov[st.ID], AsOf: demoDay, Catalog: cat}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
