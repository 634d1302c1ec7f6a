package exchange_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
)

// BenchmarkImportCCSSMathCASE is the whole import of CCSS Mathematics
// (703 items) from its CASE package into an empty store: read the file,
// build the continuum, plan, back up, apply and sync (goal < 1 s). The
// store is opened before the clock starts, as the app holds it open.
func BenchmarkImportCCSSMathCASE(b *testing.B) {
	path := realdata(b, "ccss-math_case-cfpackage_opensalt.json")
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Apply(ctx, st, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
