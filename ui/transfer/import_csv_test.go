package transfer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// The Import… dialog shows workbooks, lists saved as CSV, TSV or text
// and CASE packages (JSON), whatever the case of their extension, and
// nothing else.
func TestImportDialogShowsCSV(t *testing.T) {
	for path, want := range map[string]bool{
		"/school/Grade 3.xlsx": true, "/school/list.csv": true, "/school/LIST.CSV": true,
		"/school/list.tsv": true, "/school/list.txt": true, "/school/notes.pdf": false, "/school/framework.json": true, "/school/FRAMEWORK.JSON": true,
	} {
		if got := importChoice.Shows(path); got != want {
			t.Errorf("the dialog shows %s: %v, want %v", path, got, want)
		}
	}
}

// Given a standards list saved as semicolon-separated CSV, when the
// teacher picks it in the Import… dialog, then its columns are mapped
// from its headers, and the preview names the format and imports it.
func TestImportCSVThroughTheDialog(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "Grade 3.csv")
	text := "Standard ID;Description;Grade\r\n3.OA.1;Interpret products of whole numbers;3\r\n3.OA.2;\"Interpret \"\"whole-number\"\"\r\nquotients\";3\r\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	io.Import()
	if io.openDialog == nil {
		t.Fatal("no file open dialog")
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	answerOpen(w, rc, nil, io.importFrom)
	m := io.mapping
	if m == nil {
		t.Fatalf("no mapping dialog; shown %q", wbioTexts(w))
	}
	for field, col := range map[string]int{"code": 0, "statement": 1, "level": 2} {
		if got := m.chosen(field); got != col {
			t.Errorf("%s prefilled with column %d, want %d", field, got, col)
		}
	}
	test.Tap(m.dlg.ConfirmButton())
	p := io.preview
	if p == nil {
		t.Fatalf("no preview; shown %q", wbioTexts(w))
	}
	if !wbioShows(w, "Grade 3.csv, a standards list (CSV, semicolon-separated, UTF-8)") {
		t.Errorf("the preview does not name the format; shown %q", wbioTexts(w))
	}
	if got := p.p.Count(continuum.SectionTargets, continuum.Added); got != 2 {
		t.Errorf("%d targets added, want 2", got)
	}
	test.Tap(p.dlg.ConfirmButton())
	all, err := st.Continua(context.Background())
	if err != nil || len(all) != 1 || all[0].Name != "Grade 3" {
		t.Fatalf("continua %v, %v", all, err)
	}
	ts, _ := st.Targets(context.Background(), all[0].ID)
	if len(ts) != 2 || ts[1].Statement != "Interpret \"whole-number\"\nquotients" {
		t.Errorf("targets %+v", ts)
	}
}

// A JSON file that is not a whole CASE package is refused with the
// reader's reason and what to export instead; it is not called damaged.
func TestImportJSONWithoutItemsIsRefused(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := filepath.Join(t.TempDir(), "math.json")
	if err := os.WriteFile(path, []byte(`{"CFDocument": {"title": "Math"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	if io.mapping != nil || io.preview != nil || !wbioShows(w, "Could not import math.json: ") ||
		!wbioShows(w, "no CFItems") || wbioShows(w, "damaged") {
		t.Errorf("shown %q", wbioTexts(w))
	}
}

// A file of no kind the app reads is refused saying what it is not and
// what the app reads; only a zipped file that does not open is said to
// be damaged.
func TestImportRefusalSaysWhatIsRead(t *testing.T) {
	for _, c := range []struct {
		name    string
		content string
		want    string
		damaged bool
	}{
		{"scan.csv", "\x00\x01\x02\x03 a picture", "it is not an Excel workbook, nor a list or framework saved as text", false},
		{"empty.csv", "", "the file is empty", false},
		{"cut.xlsx", "PK\x03\x04 cut short", "it is an Excel workbook or another zipped file that does not open: it may be damaged or cut short", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			test.NewTempApp(t)
			st := storagetest.Open(t)
			path := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
			w, io, _ := wbioSetup(t, st)
			io.importFrom(path)
			if !wbioShows(w, "Could not read "+c.name+": "+c.want) || !wbioShows(w, "a CASE package (.json), a Moodle competency framework (.csv) and Canvas outcomes (.csv)") {
				t.Errorf("shown %q", wbioTexts(w))
			}
			if wbioShows(w, "damaged") != c.damaged {
				t.Errorf("damaged said %v, want %v: %q", !c.damaged, c.damaged, wbioTexts(w))
			}
		})
	}
}
