package exchange_test

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// csvSheet reads a sheet LibreOffice converted to CSV, without its blank cells at the ends of rows.
func csvSheet(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the sheet was not converted: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		rows[i] = row
	}
	return rows
}

// Given the demo with a coach's notes and a PLC's scores, exported, when
// LibreOffice opens the workbook, then its Visit notes and Calibration
// sheets show them as a teacher typed them; and when LibreOffice saves
// the workbook again, importing that file into a fresh store brings back
// the same notes and scores.
func TestExportedNotesAndCalibrationInLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	ctx := context.Background()
	src, notes, scores := demoWithNotesAndScores(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "math.xlsx")
	if _, err := exchange.Export(ctx, src, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "csv")
	storagetest.Soffice(t, dir, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", "--outdir", out, path)
	gotNotes := csvSheet(t, filepath.Join(out, "math-Visit notes.csv"))
	wantNotes := [][]string{{"Date", "Coach", "Subject kind", "Subject", "Look-for", "Note"}}
	for _, n := range notes {
		row := []string{n.Date.String(), n.Coach, string(n.About), n.Subject, n.LookFor, n.Note}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		wantNotes = append(wantNotes, row)
	}
	if !reflect.DeepEqual(gotNotes, wantNotes) {
		t.Errorf("Visit notes in LibreOffice\n got %q\nwant %q", gotNotes, wantNotes)
	}
	gotScores := csvSheet(t, filepath.Join(out, "math-Calibration.csv"))
	wantScores := [][]string{{"Sample", "Target", "Scorer", "Score", "Note"}}
	for _, s := range scores {
		row := []string{s.Sample, s.Target, s.Scorer, continuum.FormatScore(s.Score), s.Note}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		wantScores = append(wantScores, row)
	}
	if !reflect.DeepEqual(gotScores, wantScores) {
		t.Errorf("Calibration in LibreOffice\n got %q\nwant %q", gotScores, wantScores)
	}

	resavedDir := filepath.Join(dir, "resaved")
	storagetest.Soffice(t, dir, "--convert-to", "xlsx", "--outdir", resavedDir, path)
	resaved := filepath.Join(resavedDir, "math.xlsx")
	dst := storagetest.Open(t)
	p, err := exchange.PlanImport(ctx, dst, resaved, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 0 {
		t.Fatalf("the file LibreOffice saved has problems: %v", p.Problems)
	}
	if _, err := p.Apply(ctx, dst, nil); err != nil {
		t.Fatal(err)
	}
	back, err := dst.VisitNotes(ctx, demoID)
	if err != nil || !slices.Equal(withoutIDs(back), withoutIDs(notes)) {
		t.Errorf("notes after LibreOffice %+v (%v), want %+v", back, err, notes)
	}
	if got, err := dst.CalibrationScores(ctx, demoID); err != nil || !slices.Equal(got, scores) {
		t.Errorf("scores after LibreOffice %+v (%v), want %+v", got, err, scores)
	}
}
