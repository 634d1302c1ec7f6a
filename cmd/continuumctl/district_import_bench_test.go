package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// districtWorkbook returns the district workbook `make bench-district`
// caches (2,000 students × 300 targets × 200,000 pieces of evidence), or
// $CONTINUUM_DISTRICT_XLSX when set; it skips when there is none.
func districtWorkbook(b *testing.B) string {
	b.Helper()
	if p := os.Getenv("CONTINUUM_DISTRICT_XLSX"); p != "" {
		return p
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			b.Skipf("no home folder for the cached district workbook: %v", err)
		}
		cache = filepath.Join(home, ".cache")
	}
	p := filepath.Join(cache, "continuum-planner", "bench-district", "district.xlsx")
	if _, err := os.Stat(p); err != nil {
		b.Skipf("no district workbook at %s: run make bench-district once", p)
	}
	return p
}

// BenchmarkDistrictImport runs `continuumctl --db NEW import district.xlsx`
// in this process, from parsing its arguments to the store closed: the
// whole import but for the process start (goal: at most half of
// LibreOffice's headless conversion of the same file, under 300 MB).
func BenchmarkDistrictImport(b *testing.B) {
	book := districtWorkbook(b)
	root := b.TempDir()
	n := 0
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(root, strconv.Itoa(n))
		n++
		b.StartTimer()
		if code := run(context.Background(), []string{"--db", dir, "import", book}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import %s: exit %d", book, code)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
