package report

import (
	"bytes"
	"testing"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// BenchmarkWritePDF150 is the drawing alone of a group's PDF: 150
// reports of the sample's length, built beforehand, and their cover.
func BenchmarkWritePDF150(b *testing.B) {
	names := []string{"Zoë Ñúñez", "Nguyễn Thị Hằng", "王小明"}
	var reports []cr.Report
	cover := &cr.Cover{Title: "Progress reports: Period 2"}
	for i := 0; i < 150; i++ {
		reports = append(reports, sampleReport(names[i%3]))
		cover.Students = append(cover.Students, names[i%3])
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WritePDF(&buf, reports, cover, Letter); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB")
}
