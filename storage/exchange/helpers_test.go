package exchange_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// demoID is the demo continuum's ID.
const demoID = "demo-math-foundations"

// exported is when the test workbooks say they were exported, and
// exportDay the day that is.
var (
	exported  = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	exportDay = continuum.DateOf(exported.Local())
)

// mustOpen opens a store in a new folder of its own, closed at the end of the test.
func mustOpen(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(filepath.Join(t.TempDir(), "data"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// demoStore opens a store holding the demo classroom.
func demoStore(t *testing.T) *storage.Store {
	t.Helper()
	st := mustOpen(t)
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

// openTemp opens a review's temporary store as the app and the command line do.
func openTemp(dir string) (exchange.TempStore, error) {
	return storage.Open(dir, storage.Options{})
}

// exportDemo writes the demo classroom, exported from a store, to a
// workbook in a folder of its own and returns its path.
func exportDemo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Math Foundations 2026-11-20.xlsx")
	if _, err := exchange.Export(context.Background(), demoStore(t), exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeBook writes b to dir/name as a workbook exported at exported.
func writeBook(t *testing.T, dir, name string, b *workbook.Book) string {
	t.Helper()
	path := filepath.Join(dir, name)
	err := workbook.WriteFile(context.Background(), path, func(w io.Writer) error {
		return workbook.NewEncoder(w, workbook.EncodeOptions{On: exportDay, Now: exported}).Encode(context.Background(), b)
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// protect saves the workbook at path again, encrypted with password.
func protect(t *testing.T, path, password string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.SaveAs(path, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
}

// appendRow adds a row at the end of a sheet of the workbook at path and
// returns its row number.
func appendRow(t *testing.T, path, sheet string, cells ...any) int {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := excelize.CoordinatesToCellName(1, len(rows)+1)
	if err := x.SetSheetRow(sheet, cell, &cells); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return len(rows) + 1
}

// backups lists the files beside the store's data folder: where it saves its backups.
func backups(t *testing.T, st *storage.Store) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(st.Dir()))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(st.Dir()) {
			out = append(out, e.Name())
		}
	}
	return out
}
