package main

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

// wbcliHashes hashes every file under dir by its path: what "unchanged"
// means for a store's data folder.
func wbcliHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wbcliWorkbook writes the demo classroom (or d) with the given
// calibration scores to dir/name and returns its path.
func wbcliWorkbook(t *testing.T, dir, name string, d *demo.Dataset, scores ...continuum.CalibrationScore) string {
	t.Helper()
	if d == nil {
		d = demo.Classroom()
	}
	b := workbook.New(d.Continuum, d.Targets, d.Class())
	b.Units, b.Flex, b.Calibration = d.Units, d.Flex, scores
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := workbook.NewEncoder(f, workbook.EncodeOptions{On: continuum.NewDate(2026, 11, 22)}).Encode(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return path
}

// wbcliScore is one calibration score.
func wbcliScore(sample, target, scorer string, score float64) continuum.CalibrationScore {
	return continuum.CalibrationScore{Sample: sample, Target: target, Scorer: scorer, Score: score}
}

// Given sizes and a file, when gen runs, then it writes a district
// workbook that reads back whole, and the store is not even created;
// without a file, gen still fills the store.
func TestWbcliGenWorkbook(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	out := filepath.Join(dir, "district.xlsx")
	got := mustCtl(t, db, "gen", "--students", "60", "--targets", "40", "--evidence", "900", "--flex-offerings", "5", "--date", "2027-01-15", out)
	if !strings.Contains(got, "40 targets, 60 students, 900 evidence records, a flex block of 5 offerings; the store was not touched") {
		t.Errorf("gen says %q", got)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("gen with a file created the store: %v", err)
	}
	b, err := workbook.DecodeFile(context.Background(), out, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Students) != 60 || len(b.Targets) != 40 || len(b.Evidence) != 900 || len(b.Flex) != 1 || len(b.Flex[0].Offerings) != 5 {
		t.Errorf("the workbook holds %d students, %d targets, %d evidence, %d blocks", len(b.Students), len(b.Targets), len(b.Evidence), len(b.Flex))
	}
	if b.About.PositionsOn != continuum.NewDate(2027, 1, 15) {
		t.Errorf("positions as of %s", b.About.PositionsOn)
	}
	if code, _, errOut := ctl(t, db, "gen", out); code != 1 || !strings.Contains(errOut, "exists; choose another name, or add --force") {
		t.Errorf("gen over a file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "gen", filepath.Join(dir, "x.csv")); code != 2 || !strings.Contains(errOut, "must end in .xlsx") {
		t.Errorf("gen to csv: exit %d, %q", code, errOut)
	}
	if got := mustCtl(t, db, "gen", "--students", "3", "--targets", "5"); !strings.Contains(got, `Generated "Generated": 5 targets, 3 students`) {
		t.Errorf("gen into the store says %q", got)
	}
}

// Given a store and a workbook exported from it, when review reads the
// workbook with --db pointing at the store, then it says what the
// workbook holds and every file of the store is byte for byte the same.
func TestWbcliReviewLeavesStoreUnchanged(t *testing.T) {
	db := demoStore(t)
	out := filepath.Join(t.TempDir(), "term.xlsx")
	mustCtl(t, db, "export", out, "--date", "2026-11-22")
	before := wbcliHashes(t, db)
	if len(before) == 0 {
		t.Fatal("the store has no files")
	}
	got := mustCtl(t, db, "review", out)
	after := wbcliHashes(t, db)
	if !maps.Equal(before, after) {
		t.Errorf("review changed the store: %d files before, %d after", len(before), len(after))
	}
	for _, want := range []string{
		"Workbook     term.xlsx (a Continuum Planner workbook, format version 1, written by version 0.1.0)",
		"As of        ",
		"positions as of 2026-11-22)",
		"Continuum    Math Foundations (Mathematics)",
		"Levels       4: Level 1, Level 2, Level 3, Level 4",
		"Targets      36, 6 of them milestones",
		"Students     28 in 2 groups: Period 2 (14), Period 5 (14)",
		"Evidence     1042, from 2026-08-31 to 2026-11-20",
		"Units        2: Place value and operations (2026-08-31 to 2026-10-09, 7 targets); Fractions as numbers",
		"Flex blocks  1: 2026-11-23-win (2026-11-23, WIN time, 6 offerings, 0 placed)",
		"Problems     0",
		"Nothing was imported; the store was not opened.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("review does not say %q:\n%s", want, got)
		}
	}
	junk := filepath.Join(t.TempDir(), "junk.xlsx")
	// Binary junk: a text file would be read as a CSV list.
	if err := os.WriteFile(junk, []byte("\x00\x01not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := ctl(t, db, "review", junk); code != 1 || !strings.Contains(errOut, "continuumctl review: "+junk+": not an xlsx workbook") {
		t.Errorf("review of junk: exit %d, %q", code, errOut)
	}
	if after := wbcliHashes(t, db); !maps.Equal(before, after) {
		t.Error("a failed review changed the store")
	}
}

// Given an exported workbook, when it is imported into an empty store,
// then its units and flex block arrive, and importing it again adds nothing.
func TestWbcliExportImportPlans(t *testing.T) {
	db := demoStore(t)
	out := filepath.Join(t.TempDir(), "term.xlsx")
	if got := mustCtl(t, db, "export", out); !strings.Contains(got, "2 units, 1 flex block)") {
		t.Errorf("export says %q", got)
	}
	other := t.TempDir()
	preview := mustCtl(t, other, "import", out)
	for _, want := range [][]string{{"Units", "2"}, {"Flex", "1"}} {
		if !slices.ContainsFunc(strings.Split(preview, "\n"), func(line string) bool {
			f := strings.Fields(line)
			return len(f) > 1 && f[0] == want[0] && f[1] == want[1]
		}) {
			t.Errorf("preview lacks %s %s added:\n%s", want[0], want[1], preview)
		}
	}
	rows := readCSV(t, mustCtl(t, other, "units", "list", "--format", "csv"))
	if len(rows) != 3 || rows[1][0] != "Place value and operations" {
		t.Errorf("units after import: %v", rows)
	}
	rows = readCSV(t, mustCtl(t, other, "flex", "blocks", "--format", "csv"))
	if len(rows) != 7 || rows[1][0] != "2026-11-23-win" {
		t.Errorf("blocks after import: %v", rows)
	}
	if got := mustCtl(t, other, "import", out); !strings.Contains(got, "Nothing to import") {
		t.Errorf("second import: %s", got)
	}
}

// Given two teachers' workbooks of the same continuum, when calibrate
// merges them, then it reports per target and per sample, names the
// sample only one teacher scored, and writes the report workbook.
func TestWbcliCalibrate(t *testing.T) {
	dir := t.TempDir()
	a := wbcliWorkbook(t, dir, "ab.xlsx", nil,
		wbcliScore("Essay A", "NO.1.1", "AB", 3), wbcliScore("Essay B", "NO.1.1", "AB", 2), wbcliScore("Essay C", "NO.1.1", "AB", 4),
		wbcliScore("Essay A", "NO.1.2", "AB", 3), wbcliScore("Lonely", "NO.1.2", "AB", 2))
	b := wbcliWorkbook(t, dir, "cd.xlsx", nil,
		wbcliScore("Essay A", "NO.1.1", "CD", 3), wbcliScore("Essay B", "NO.1.1", "CD", 3), wbcliScore("Essay C", "NO.1.1", "CD", 4),
		wbcliScore("Essay A", "NO.1.2", "CD", 1))
	db := filepath.Join(dir, "db")
	report := filepath.Join(dir, "report.xlsx")
	code, out, errOut := ctl(t, db, "calibrate", a, b, "--format", "csv", "--report", report)
	if code != 0 {
		t.Fatalf("calibrate: exit %d: %s", code, errOut)
	}
	tables := strings.Split(out, "\n\n")
	if len(tables) != 2 {
		t.Fatalf("want two CSV tables:\n%s", out)
	}
	targets := readCSV(t, tables[0])
	// NO.1.1: A 3,2,4 and B 3,3,4: 2 of 3 pairs exact, all adjacent; po = 2/3, pe = 1/3, κ = 0.5.
	want := [][]string{
		{"target", "samples", "scorers", "exact_pct", "adjacent_pct", "kappa", "kappa_kind"},
		{"NO.1.1", "3", "2", "66.7", "100.0", "0.500", "cohen"},
		{"NO.1.2", "1", "2", "0.0", "0.0", "0.000", "cohen"},
	}
	if !slices.EqualFunc(targets, want, slices.Equal) {
		t.Errorf("per target:\n got %v\nwant %v", targets, want)
	}
	samples := readCSV(t, tables[1])
	if !slices.Equal(samples[0], []string{"sample", "target", "scores", "min", "max", "spread"}) ||
		!slices.Equal(samples[1], []string{"Essay A", "NO.1.2", "AB=3;CD=1", "1", "3", "2"}) || len(samples) != 5 {
		t.Errorf("per sample: %v", samples)
	}
	if !strings.Contains(errOut, "Left out, scored by one person only (1):\n  Lonely on NO.1.2 (scored only by AB)") {
		t.Errorf("stderr %q", errOut)
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, _ := f.GetRows("Calibration report"); len(rows) < 3 || rows[1][0] != "NO.1.1" || rows[1][4] != "66.7" {
		t.Errorf("report sheet %q", rows)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("calibrate created the store: %v", err)
	}
	table := mustCtl(t, db, "calibrate", a, b)
	if !strings.Contains(table, "NO.1.1  3        2        66.7       100.0         0.500  cohen") || !strings.Contains(table, "Lonely on NO.1.2") {
		t.Errorf("table:\n%s", table)
	}
}

// Given workbooks of different continua, a scorer who scored a sample
// twice, a score off the scale, or a bad score cell, when calibrate runs,
// then it refuses, naming the files and rows, and calculates nothing.
func TestWbcliCalibrateRefuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	good := wbcliWorkbook(t, dir, "good.xlsx", nil, wbcliScore("Essay A", "NO.1.1", "AB", 3))
	other := demo.Generate("Science 4", demo.Size{Students: 3, Targets: 4, Evidence: 5, Levels: 2, Domains: 2, Seed: 3})
	science := wbcliWorkbook(t, dir, "science.xlsx", other, wbcliScore("Essay A", other.Targets[0].Code, "CD", 3))
	twice := wbcliWorkbook(t, dir, "twice.xlsx", nil, wbcliScore("Essay A", "NO.1.1", "CD", 3), wbcliScore("Essay A", "NO.1.1", "CD", 2))
	offScale := wbcliWorkbook(t, dir, "off.xlsx", nil, wbcliScore("Essay A", "NO.1.1", "CD", 7))
	empty := wbcliWorkbook(t, dir, "empty.xlsx", nil)
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"different continua", []string{good, science},
			[]string{`good.xlsx is a workbook of "Math Foundations" and science.xlsx of "Science 4"; calibrate workbooks of one continuum together`}},
		{"scored twice", []string{good, twice},
			[]string{`twice.xlsx sheet "Calibration" row 3: CD scored sample Essay A on NO.1.1 twice (first at twice.xlsx sheet "Calibration" row 2); keep one score`,
				"the scores cannot be compared: 1 problem (listed above)"}},
		{"off the scale", []string{good, offScale},
			[]string{`off.xlsx sheet "Calibration" row 2: CD scored Essay A on NO.1.1 as 7, which is not on the scale`}},
		{"no scores", []string{empty},
			[]string{"empty.xlsx has no calibration scores", "none of the workbooks holds calibration scores"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := ctl(t, db, append([]string{"calibrate"}, tt.files...)...)
			if code != 1 || out != "" {
				t.Errorf("exit %d, output %q", code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr does not say %q:\n%s", w, errOut)
				}
			}
		})
	}
}

// Given the demo store with its continuum renamed, when the workbook
// exported before the rename is imported, then the stored continuum is
// found by its ID (not taken for a new one of the old name), and there
// is nothing to import.
func TestWbcliImportFindsTheContinuumByID(t *testing.T) {
	db := demoStore(t)
	out := filepath.Join(t.TempDir(), "term.xlsx")
	mustCtl(t, db, "export", out)
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	renamed := "Math Foundations 2027"
	if _, err := st.UpdateContinuum(context.Background(), "demo-math-foundations", continuum.ContinuumUpdate{Name: &renamed}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	got := mustCtl(t, db, "import", out, "--dry-run")
	if !strings.Contains(got, `into the stored continuum "Math Foundations 2027"`) || !strings.Contains(got, "Dry run: nothing was changed.") {
		t.Errorf("dry run:\n%s", got)
	}
	if got := mustCtl(t, db, "import", out); !strings.Contains(got, "Nothing to import") {
		t.Errorf("import:\n%s", got)
	}
	if rows := readCSV(t, mustCtl(t, db, "list", "continua", "--format", "csv")); len(rows) != 2 || rows[1][0] != renamed {
		t.Errorf("continua after import: %v", rows)
	}
}
