package report

import (
	"bytes"
	"testing"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// FuzzLayout lays out reports whose every text is open (teachers write
// statements, names and notes in any script, with any characters): the
// layout never panics, every text stays inside the page's text area, and
// the PDF is written.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"Zoë Ñúñez", "Nguyễn Thị Hằng", "王小明", "", " ", "\n\n", "a\x00b\u202e", "🦄🦄", "%d %s %!", "x\ty\r\nz"} {
		f.Add(s, s+s, 3)
	}
	fs, err := loadFonts()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, text string, n int) {
		r := sampleReport(name)
		r.Comment, r.Intro, r.Labels.Page = text, text, text
		d := &r.Sections[0].Domains[0]
		for i := 0; i < n%40; i++ {
			d.CanNow = append(d.CanNow, cr.Line{Text: text})
			d.WorkingOn = append(d.WorkingOn, cr.Line{Text: name, LooksLike: text})
		}
		d.Growth = append(d.Growth, cr.GrowthPoint{Label: text, Mastered: n})
		for _, paper := range Papers {
			for i, p := range layoutReport(fs, r, paper) {
				for _, o := range p.ops {
					if why := outside(fs, o, paper); why != "" {
						t.Fatalf("page %d: %q drawn at (%.1f, %.1f), %s", i+1, o.text, o.x, o.y, why)
					}
				}
			}
		}
		if err := WritePDF(&bytes.Buffer{}, []cr.Report{r}, &cr.Cover{Title: name, Students: []string{name, text}}, Letter); err != nil {
			t.Fatal(err)
		}
	})
}
