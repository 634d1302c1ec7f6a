package classmap

import (
	"context"
	"os"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// BenchmarkClassMapFirstRender150x300 is the time from constructing the
// class map to its table drawn, for a generated class of 150 students by
// 300 targets (3,000 pieces of evidence): the class read from a real
// store, every student judged and placed, the cell colours worked out,
// the screen laid out in a 1100×720 window on Fyne's test driver and the
// cells on view filled (goal ≤ 300 ms).
func BenchmarkClassMapFirstRender150x300(b *testing.B) {
	test.NewTempApp(b)
	st, err := storage.Open(b.TempDir(), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	d := demo.Generate("Class map bench", demo.Size{Students: 150, Targets: 300})
	if err := d.Load(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(continuum.NewDate(2027, 3, 1))
	ws.SelectContinuum(d.Continuum.ID)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1100, 720))
	var s *Screen
	for b.Loop() {
		s = New(st, ws, w)
		w.SetContent(s.Content())
		s.Refresh()
	}
	rows, cols := s.heat.Length()
	if rows != widgets.HeatMapHeaderRows+150 || cols != 1+5+300 {
		b.Fatalf("table of %d×%d", rows, cols)
	}
	if classMapDrawnCells(s.heat) == 0 {
		b.Fatal("no cell was drawn")
	}
}

// classMapDrawnCells counts the cells the table has on view.
func classMapDrawnCells(h *widgets.HeatMap) int {
	n := 0
	for _, o := range test.LaidOutObjects(h) {
		if _, ok := o.(fyne.Widget); ok && o.Visible() && o.Size().Width > 0 {
			n++
		}
	}
	return n
}

// BenchmarkClassMapReadDistrict is the class map's read of a district
// store ($CONTINUUM_DISTRICT_DB: 2,000 students × 300 targets × 200,000
// pieces of evidence; skipped without it), off the UI goroutine: the
// class read, every student judged and placed, the cells and colours
// worked out. MB-kept is what the map holds afterwards (the heap after a
// collection, less the heap before), MB-allocated what the read
// allocated in all.
func BenchmarkClassMapReadDistrict(b *testing.B) {
	dir := os.Getenv("CONTINUUM_DISTRICT_DB")
	if dir == "" {
		b.Skip("set CONTINUUM_DISTRICT_DB to a district store (continuumctl gen -students 2000 -targets 300 -evidence 200000)")
	}
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	all, err := st.Continua(context.Background())
	if err != nil || len(all) == 0 {
		b.Fatalf("no continuum in %s: %v", dir, err)
	}
	var kept, allocated float64
	for b.Loop() {
		var before, after, settled runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		d, err := readClassMap(context.Background(), st, all[0].ID, continuum.NewDate(2027, 3, 1))
		if err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		runtime.GC()
		runtime.ReadMemStats(&settled)
		kept += float64(settled.HeapAlloc-before.HeapAlloc) / (1 << 20)
		allocated += float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
		runtime.KeepAlive(d)
	}
	b.ReportMetric(kept/float64(b.N), "MB-kept")
	b.ReportMetric(allocated/float64(b.N), "MB-allocated")
}
