package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// writeList writes a semicolon-separated standards list.
func writeList(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// countOf reads the list at path with a mapping, as the importer will.
func countOf(t *testing.T, path, sheet string, m map[string]string) mappingCount {
	t.Helper()
	f, err := exchange.Read(context.Background(), path, exchange.ReadOptions{Sheet: sheet, Map: m})
	if err != nil {
		t.Fatal(err)
	}
	return mappingCount{targets: len(f.Book.Targets), warnings: len(f.Book.Warnings), problems: len(f.Book.Problems)}
}

// A list whose code column has a header no one recognises. Row 3 has no
// text in Text but has one in Alt.
const unmappedList = "Ref;Text;Alt;Year\r\nR1;Add fractions;Add fractions with like denominators;4\r\nR2;;Subtract fractions;4\r\nR3;Compare;Compare fractions;4\r\nR4;Order;Order fractions;5\r\n"

// Given a list whose code column is not recognised, when it is imported,
// then the mapping asks for the code, and each choice updates the count
// of targets and warnings the list gives, as the importer reads it.
func TestMappingCountsWhatTheChoicesGive(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := writeList(t, "Grade 4.csv", unmappedList)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	m := io.mapping
	if m == nil || io.preview != nil {
		t.Fatalf("no mapping dialog; shown %q", wbioTexts(w))
	}
	if m.chosen("code") != -1 || !strings.HasPrefix(m.count.Text, "Choose a column for the code") {
		t.Errorf("code %d, count %q", m.chosen("code"), m.count.Text)
	}
	var seen []string
	for _, step := range []struct {
		field string
		col   int
		want  string
	}{
		{"code", 0, "With these columns: 3 targets, 3 warnings, no problems."},
		{"statement", 2, "With these columns: 4 targets, 2 warnings, no problems."},
		{"level", 3, "With these columns: 4 targets, 1 warning, no problems."},
	} {
		m.Choose(step.field, step.col)
		sheet, cols := m.Mapping()
		if got := "With these columns: " + countOf(t, path, sheet, cols).String() + "."; got != m.count.Text {
			t.Errorf("after %s → %d the count says %q; the importer reads %q", step.field, step.col, m.count.Text, got)
		}
		if m.count.Text != step.want {
			t.Errorf("after %s → %d: %q, want %q", step.field, step.col, m.count.Text, step.want)
		}
		seen = append(seen, m.count.Text)
	}
	if !wbioShows(w, seen[len(seen)-1]) {
		t.Errorf("the count is not shown: %q", wbioTexts(w))
	}
	// Two fields in one column: nothing is counted.
	m.Choose("level", 0)
	if !strings.HasPrefix(m.count.Text, "Choose a column for the code") {
		t.Errorf("with a bad choice the count says %q", m.count.Text)
	}
}

// Given a mapping saved for a list's headers, when a list with the same
// headers (in another case and spacing) is imported, then it goes
// straight to the preview read with that mapping, saying so; Change the
// columns goes back to the saved choices, and unticking Remember forgets
// them, so that the next list asks again.
func TestMappingRememberedForTheSameHeaders(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(writeList(t, "Grade 4.csv", unmappedList))
	m := io.mapping
	if m == nil {
		t.Fatalf("no mapping dialog; shown %q", wbioTexts(w))
	}
	if m.remember.Checked || !m.remember.Visible() || m.remember.Text != "Remember this mapping for files with these headers" || m.savedBox.Visible() {
		t.Errorf("remember starts %v, shown %v: %q; saved note shown %v", m.remember.Checked, m.remember.Visible(), m.remember.Text, m.savedBox.Visible())
	}
	m.Choose("code", 0)
	m.Choose("statement", 2)
	m.Choose("level", 3)
	test.Tap(m.remember)
	test.Tap(m.dlg.ConfirmButton())
	if io.preview == nil || wbioShows(w, "Using the mapping you saved") {
		t.Fatalf("after the mapping: %q", wbioTexts(w))
	}
	wbioCloseOverlays(w)

	io.mapping, io.preview = nil, nil
	other := writeList(t, "Grade 5.csv", " ref ;TEXT;Alt ;  year\r\nF1;;Divide fractions;5\r\nF2;Multiply;Multiply fractions;5\r\n")
	io.importFrom(other)
	p := io.preview
	if io.mapping != nil || p == nil {
		t.Fatalf("the saved mapping was not used: mapping %v; shown %q", io.mapping != nil, wbioTexts(w))
	}
	today := time.Now().Format("January 2, 2006")
	if !wbioShows(w, "Using the mapping you saved on "+today+" for files with these headers") {
		t.Errorf("no note of the saved mapping; shown %q", wbioTexts(w))
	}
	ts := p.p.File.Book.Targets
	if len(ts) != 2 || ts[0].Code != "F1" || ts[0].Statement != "Divide fractions" || ts[0].Level != "5" {
		t.Errorf("read with the saved mapping: %+v", ts)
	}
	if p.back == nil {
		t.Fatal("no way to change the columns")
	}
	test.Tap(p.back)
	m = io.mapping
	if m == nil {
		t.Fatalf("no mapping dialog after Change the columns; shown %q", wbioTexts(w))
	}
	for field, col := range map[string]int{"code": 0, "statement": 2, "level": 3} {
		if m.chosen(field) != col {
			t.Errorf("%s starts at column %d, want %d", field, m.chosen(field), col)
		}
	}
	if !m.remember.Checked || !m.savedBox.Visible() || !strings.HasPrefix(m.saved.Text, "Using the mapping you saved on "+today) {
		t.Errorf("remember %v, note %q", m.remember.Checked, m.saved.Text)
	}
	test.Tap(m.remember) // forget it
	test.Tap(m.dlg.ConfirmButton())
	wbioCloseOverlays(w)

	io.mapping, io.preview = nil, nil
	io.importFrom(other)
	if io.mapping == nil || io.preview != nil {
		t.Errorf("a forgotten mapping was used: mapping %v, preview %v", io.mapping != nil, io.preview != nil)
	}
}

// A saved mapping that no longer reads the file (its column is gone)
// gives a preview with the problem, Apply off, and the way back to the
// columns, where the choice that cannot be made is asked for.
func TestMappingSavedThatNoLongerFitsCanBeChanged(t *testing.T) {
	a := test.NewTempApp(t)
	st := storagetest.Open(t)
	path := writeList(t, "Grade 4.csv", unmappedList)
	first, err := exchange.Look(context.Background(), path, exchange.ReadOptions{}, previewRows)
	if err != nil {
		t.Fatal(err)
	}
	mem := &mappingMemory{prefs: a.Preferences(), now: time.Now}
	mem.Save(first.Sheets[0].Headers, first.Sheets[0].Name, map[string]string{"code": "Ref", "statement": "Nowhere"})
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	p := io.preview
	if io.mapping != nil || p == nil || len(p.p.Problems) == 0 || !p.dlg.ConfirmButton().Disabled() {
		t.Fatalf("mapping %v, preview %v; shown %q", io.mapping != nil, p != nil, wbioTexts(w))
	}
	t.Logf("the problem: %s", p.p.Problems[0])
	test.Tap(p.back)
	m := io.mapping
	if m == nil || m.chosen("code") != 0 || m.chosen("statement") != -1 || !m.dlg.ConfirmButton().Disabled() {
		t.Fatalf("the mapping: %v; shown %q", m != nil, wbioTexts(w))
	}
	m.Choose("statement", 2)
	test.Tap(m.dlg.ConfirmButton())
	if io.preview == p || io.preview == nil || len(io.preview.p.Problems) != 0 {
		t.Errorf("no good preview after the columns were chosen; shown %q", wbioTexts(w))
	}
}

// The signature of headers ignores case, spacing and empty headers at
// the end, and nothing else.
func TestHeaderSignature(t *testing.T) {
	base := headerSignature([]string{"Standard ID", "Description", "Grade"})
	for _, same := range [][]string{
		{"standard id", "DESCRIPTION", "Grade"},
		{"  Standard   ID ", "Description", "Grade", "", " "},
	} {
		if headerSignature(same) != base {
			t.Errorf("%q has another signature", same)
		}
	}
	for _, other := range [][]string{
		{"Standard ID", "Grade", "Description"},
		{"Standard ID", "Description"},
		{"Standard ID", "Description", "Grade", "Notes"},
		{"", "Standard ID", "Description", "Grade"},
	} {
		if headerSignature(other) == base {
			t.Errorf("%q has the same signature", other)
		}
	}
	if headerSignature(nil) != "" || headerSignature([]string{"", " "}) != "" {
		t.Error("no headers have a signature")
	}
}

// Mappings are saved in the preferences as JSON, found again by their
// headers, and forgotten; an unreadable value is no mapping.
func TestMappingMemory(t *testing.T) {
	a := test.NewTempApp(t)
	day := time.Date(2027, 3, 2, 9, 30, 0, 0, time.Local)
	mem := &mappingMemory{prefs: a.Preferences(), now: func() time.Time { return day }}
	headers := []string{"Ref", "Text", "Alt"}
	if _, ok := mem.Lookup(headers); ok {
		t.Fatal("a mapping before any was saved")
	}
	mem.Save(headers, "list", map[string]string{"code": "Ref", "statement": "Alt"})
	got, ok := mem.Lookup([]string{"REF", "text", "alt", ""})
	if !ok || got.Sheet != "list" || got.Map["statement"] != "Alt" || !got.Saved.Equal(day) || savedOn(got) != "March 2, 2027" {
		t.Errorf("found %+v, %v", got, ok)
	}
	key := mappingKeyPrefix + headerSignature(headers)
	if raw := a.Preferences().String(key); !strings.Contains(raw, `"sheet":"list"`) || !strings.Contains(raw, `"map":{`) {
		t.Errorf("stored %q", raw)
	}
	// Find prefers the sheet of the saved name among sheets with the headers.
	pv := &workbook.Preview{Sheets: []workbook.SheetPreview{
		{Name: "Notes", HeaderRow: 1, Headers: []string{"Note"}},
		{Name: "Copy", HeaderRow: 1, Headers: headers},
		{Name: "list", HeaderRow: 1, Headers: headers},
	}}
	if i, sm := mem.Find(pv); i != 2 || sm.Map["code"] != "Ref" {
		t.Errorf("found sheet %d, %+v", i, sm)
	}
	a.Preferences().SetString(key, "{not json")
	if _, ok := mem.Lookup(headers); ok {
		t.Error("an unreadable value was taken for a mapping")
	}
	mem.Save(headers, "list", nil)
	mem.Forget(headers)
	if _, ok := mem.Lookup(headers); ok || a.Preferences().String(key) != "" {
		t.Error("the mapping was not forgotten")
	}
	var none *mappingMemory
	if i, _ := none.Find(pv); i != -1 {
		t.Error("no memory found a mapping")
	}
}

// columnOf finds a column by its header, case and spacing aside, or by
// its letter.
func TestColumnOf(t *testing.T) {
	s := workbook.SheetPreview{Headers: []string{"Ref", "Statement text", "Ref"}, Rows: [][]string{{"a", "b", "c", "d"}}}
	for spec, want := range map[string]int{"Ref": 0, "statement  TEXT": 1, "C": 2, "d": 3, "E": -1, "Nowhere": -1} {
		if got := columnOf(s, spec); got != want {
			t.Errorf("%q is column %d, want %d", spec, got, want)
		}
	}
}

// A count started while another waits or reads drops the other: its wait
// is called off, its read is cancelled, and only the latest is shown.
func TestLiveCountShowsOnlyTheLatest(t *testing.T) {
	var waits []func()
	stopped := 0
	l := &liveCount{delay: time.Second, later: func(d time.Duration, f func()) func() bool {
		if d != time.Second {
			t.Errorf("waits %v", d)
		}
		waits = append(waits, f)
		return func() bool { stopped++; return true }
	}}
	var shown []int
	reads := 0
	count := func(n int) func(context.Context) (mappingCount, error) {
		return func(context.Context) (mappingCount, error) { reads++; return mappingCount{targets: n}, nil }
	}
	show := func(c mappingCount) { shown = append(shown, c.targets) }
	fail := func(err error) { t.Errorf("failed: %v", err) }
	for n := 1; n <= 3; n++ {
		l.start(count(n), show, fail)
	}
	if stopped != 2 || len(waits) != 3 || reads != 0 {
		t.Fatalf("stopped %d of %d waits, %d reads before the wait", stopped, len(waits), reads)
	}
	for _, f := range waits { // timers that fired before they were stopped
		f()
	}
	if reads != 1 || len(shown) != 1 || shown[0] != 3 {
		t.Errorf("%d reads, shown %v; want one read showing 3", reads, shown)
	}

	// A choice made while the latest count reads cancels that read.
	waits = nil
	var first context.Context
	l.start(func(ctx context.Context) (mappingCount, error) {
		first = ctx
		l.start(count(5), show, fail)
		return mappingCount{}, ctx.Err()
	}, show, func(err error) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("failed: %v", err)
		}
	})
	waits[0]()
	if first == nil || first.Err() == nil {
		t.Error("the older read was not cancelled")
	}
	waits[1]()
	if shown[len(shown)-1] != 5 || len(shown) != 2 {
		t.Errorf("shown %v", shown)
	}
}

// The count says what a list gives in words.
func TestMappingCountWords(t *testing.T) {
	for c, want := range map[mappingCount]string{
		{targets: 1, warnings: 0}:                 "1 target, 0 warnings, no problems",
		{targets: 1200, warnings: 1, problems: 2}: "1,200 targets, 1 warning, 2 problems",
	} {
		if got := c.String(); got != want {
			t.Errorf("%+v: %q, want %q", c, got, want)
		}
	}
}
