package workbook_test

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// trimRows drops trailing empty cells and rows, which CSV and excelize write differently.
func trimRows(rows [][]string) [][]string {
	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		if len(r) == 0 {
			r = nil
		}
		out = append(out, r)
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// Given an exported workbook, when LibreOffice converts every sheet to
// CSV, then each reads back the values of the sheet (Groups and the Links
// cells among them); and when LibreOffice saves the workbook again as
// xlsx, it imports to the same Book, its groups, origin and links too.
func TestLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	d := demo.Classroom()
	enrich(d, 0)
	data := encode(t, bookOf(d), workbook.EncodeOptions{})
	dir := t.TempDir()
	src := filepath.Join(dir, "classroom.xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("every sheet to CSV", func(t *testing.T) {
		out := filepath.Join(dir, "csv")
		storagetest.Soffice(t, dir, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", "--outdir", out, src)
		want := sheetValues(t, data)
		for name, rows := range want {
			f, err := os.Open(filepath.Join(out, "classroom-"+name+".csv"))
			if err != nil {
				t.Errorf("sheet %s was not converted: %v", name, err)
				continue
			}
			r := csv.NewReader(f)
			r.FieldsPerRecord = -1
			got, err := r.ReadAll()
			f.Close()
			if err != nil {
				t.Fatalf("sheet %s: %v", name, err)
			}
			g, w := trimRows(got), trimRows(rows)
			if !reflect.DeepEqual(g, w) {
				for i := range max(len(g), len(w)) {
					if i >= len(g) || i >= len(w) || !reflect.DeepEqual(g[i], w[i]) {
						t.Errorf("sheet %s row %d:\nLibreOffice %q\n       want %q", name, i+1, at(g, i), at(w, i))
						break
					}
				}
			}
		}
	})

	t.Run("saved by LibreOffice", func(t *testing.T) {
		out := filepath.Join(dir, "resaved")
		storagetest.Soffice(t, dir, "--convert-to", "xlsx", "--outdir", out, src)
		resaved, err := os.ReadFile(filepath.Join(out, "classroom.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(resaved, data) {
			t.Fatal("LibreOffice wrote the same bytes; the test proves nothing")
		}
		want := normalised(mustDecode(t, data, workbook.Options{}))
		got := normalised(mustDecode(t, resaved, workbook.Options{}))
		if !reflect.DeepEqual(want, got) {
			diffBooks(t, want, got)
		}
		if len(got.Continuum.Groups) == 0 || got.Continuum.Origin == nil || !slices.ContainsFunc(got.Targets, func(t continuum.Target) bool { return len(t.Links) > 0 }) {
			t.Errorf("the workbook LibreOffice saved has groups %+v, origin %+v and no links", got.Continuum.Groups, got.Continuum.Origin)
		}
	})
}
