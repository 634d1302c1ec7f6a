package report

import (
	"bytes"
	"os"
	"testing"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// TestWriteLookFiles writes sample PDFs to $REPORT_LOOK_DIR for a person
// to look at; it does nothing otherwise.
func TestWriteLookFiles(t *testing.T) {
	dir := os.Getenv("REPORT_LOOK_DIR")
	if dir == "" {
		t.Skip("set REPORT_LOOK_DIR to write sample reports there")
	}
	for name, rs := range map[string][]cr.Report{
		"sample": {sampleReport("Zoë Ñúñez")}, "long": {longReport()}, "empty": {emptyReport("王小明")}, "spanish": {spanishReport()},
	} {
		var buf bytes.Buffer
		cover := &cr.Cover{Title: "Progress reports: Period 2", Lines: []string{"Math Foundations, December 2, 2026", "3 students"}, Students: []string{"Zoë Ñúñez", "Nguyễn Thị Hằng", "王小明"}}
		if err := WritePDF(&buf, rs, cover, Letter); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+name+".pdf", buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := WritePNG(&buf, rs[0], A4, 1); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+name+".png", buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
