package exchange_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
)

// BenchmarkWriteReportsGroup150 is the whole command a teacher runs for a
// group of 150 students: load the continuum (120 targets), the students
// and 6,000 pieces of evidence from the store, build every report, draw
// the cover and every page, and write the PDF (goal < 10 s on 2 cores).
// Some names are Vietnamese and Chinese, so the CJK font is embedded too.
func BenchmarkWriteReportsGroup150(b *testing.B) {
	d := demo.Generate("Bench reports", demo.Size{Students: 150, Targets: 120, Evidence: 150 * 40})
	for i := range d.Students {
		d.Students[i].Group = "Period 2"
	}
	d.Students[0].Name, d.Students[1].Name, d.Students[2].Name = "Zoë Ñúñez", "Nguyễn Thị Hằng", "王小明"
	st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := d.Load(ctx, st); err != nil {
		b.Fatal(err)
	}
	req := exchange.ReportRequest{Continuum: d.Continuum.ID, Group: "Period 2", AsOf: continuum.NewDate(2027, 6, 1)}
	path := filepath.Join(b.TempDir(), "group.pdf")
	var got exchange.ReportsWritten
	start := time.Now()
	for b.Loop() {
		if got, err = exchange.WriteReports(ctx, st, req, path, nil); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(got.Pages), "pages")
	b.ReportMetric(float64(fi.Size())/1e6, "MB")
	if len(got.Students) != 150 {
		b.Errorf("%d students written, want 150", len(got.Students))
	}
	if per > 10*time.Second {
		b.Errorf("150 students took %v, over the 10 s goal", per)
	}
}
