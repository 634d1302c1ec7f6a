package reportcard

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/screen"
)

// BenchmarkReportCardFirstRender150x300 is the time from constructing the
// report-card screen to its table drawn, for a generated class of 150
// students by 300 targets with a card of 10 standards of 30 targets
// each: the class read from a real store, every student judged and
// rolled up, the screen laid out in a 1100×720 window on Fyne's test
// driver (goal ≤ 300 ms, as the class map's).
func BenchmarkReportCardFirstRender150x300(b *testing.B) {
	test.NewTempApp(b)
	st, err := storage.Open(b.TempDir(), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	d := demo.Generate("Report card bench", demo.Size{Students: 150, Targets: 300})
	if err := d.Load(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	card := &continuum.ReportCard{}
	for i := range 10 {
		s := continuum.CardStandard{Code: "STD." + string(rune('A'+i)), Rule: continuum.CardRules[i%3]}
		for _, t := range d.Targets[i*30 : (i+1)*30] {
			s.Targets = append(s.Targets, t.Code)
		}
		card.Standards = append(card.Standards, s)
	}
	if err := st.SetReportCard(context.Background(), d.Continuum.ID, card); err != nil {
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
	if rows, cols := s.tableSize(); rows != 151 || cols != 11 {
		b.Fatalf("table of %d×%d", rows, cols)
	}
}
