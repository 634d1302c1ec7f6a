package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// privateTemp makes the temporary folder reviews use one of the test's
// own, and returns it.
func privateTemp(t *testing.T) string {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	return tmp
}

// leftovers lists what is in the temporary folder.
func leftovers(t *testing.T, tmp string) []string {
	t.Helper()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Given the demo exported, when it is opened for review, then its data
// is in a read-only store in a temporary folder, as of the day it was
// exported; closing the review removes the folder.
func TestReviewOpensAndCloses(t *testing.T) {
	ctx := context.Background()
	path := exportDemo(t)
	tmp := privateTemp(t)
	r, err := exchange.OpenReview(ctx, path, "", openTemp)
	if err != nil {
		t.Fatal(err)
	}
	if r.File != filepath.Base(path) || r.Name != demo.Name || r.Continuum != demoID || len(r.Problems) != 0 {
		t.Errorf("review of %q: %q %q, problems %v", r.File, r.Name, r.Continuum, r.Problems)
	}
	if r.AsOf != exportDay || r.AsOfSource != exchange.ReviewDateExported {
		t.Errorf("as of %v (%s), want %v", r.AsOf, r.AsOfSource, exportDay)
	}
	if !strings.HasPrefix(r.Dir(), tmp) {
		t.Errorf("the review's store is in %s, not in the temporary folder", r.Dir())
	}
	_, class, err := continuum.LoadClass(ctx, r.Store, r.Continuum)
	if err != nil || len(class.Students) != 28 || len(class.Evidence) != 1042 {
		t.Errorf("the review shows %d students, %d evidence: %v", len(class.Students), len(class.Evidence), err)
	}
	if _, err := r.Store.AddEvidence(ctx, continuum.Evidence{Continuum: demoID, Student: "S001", Target: "NO.1.1", Date: exportDay, Score: 3}); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("AddEvidence: %v", err)
	}
	if _, err := r.Store.ApplyMerge(ctx, continuum.MergeChange{}, nil); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("ApplyMerge: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if left := leftovers(t, tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// Reviews still open when the app quits are closed by CloseReviews.
func TestCloseReviewsClosesEveryOpenReview(t *testing.T) {
	path := exportDemo(t)
	tmp := privateTemp(t)
	for range 2 {
		if _, err := exchange.OpenReview(context.Background(), path, "", openTemp); err != nil {
			t.Fatal(err)
		}
	}
	if left := leftovers(t, tmp); len(left) != 2 {
		t.Fatalf("two reviews open, %d folders: %v", len(left), left)
	}
	exchange.CloseReviews()
	if left := leftovers(t, tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// A password-protected workbook needs its password: without it the
// error wraps workbook.ErrPasswordProtected and says "review", and
// nothing is left behind.
func TestReviewOfAPasswordProtectedWorkbook(t *testing.T) {
	path := exportDemo(t)
	protect(t, path, "plc-2027")
	tmp := privateTemp(t)
	for _, password := range []string{"", "guess"} {
		_, err := exchange.OpenReview(context.Background(), path, password, openTemp)
		if !errors.Is(err, workbook.ErrPasswordProtected) || !strings.HasPrefix(err.Error(), "review "+filepath.Base(path)+": ") {
			t.Errorf("password %q: %v", password, err)
		}
	}
	if left := leftovers(t, tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
	r, err := exchange.OpenReview(context.Background(), path, "plc-2027", openTemp)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Name != demo.Name {
		t.Errorf("review of %q", r.Name)
	}
}

// A file that is not a workbook says so; nothing is left behind.
func TestReviewOfAFileThatIsNotAWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.xlsx")
	if err := os.WriteFile(path, []byte("\x00\x01Code,Statement") /* binary: text is read as a CSV list */, 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := privateTemp(t)
	_, err := exchange.OpenReview(context.Background(), path, "", openTemp)
	if !errors.Is(err, workbook.ErrNotWorkbook) || !strings.HasPrefix(err.Error(), "review list.xlsx: not an xlsx workbook") {
		t.Errorf("junk: %v", err)
	}
	if left := leftovers(t, tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// When the temporary store cannot be opened, the review fails saying so
// and removes its folder.
func TestReviewWhoseStoreCannotOpen(t *testing.T) {
	path := exportDemo(t)
	tmp := privateTemp(t)
	refuse := func(string) (exchange.TempStore, error) { return nil, errors.New("no room") }
	if _, err := exchange.OpenReview(context.Background(), path, "", refuse); err == nil || !strings.Contains(err.Error(), "no room") {
		t.Errorf("got %v", err)
	}
	if left := leftovers(t, tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// Rows the review cannot show are left out and listed with their
// places; the rest is reviewed.
func TestReviewListsWhatCouldNotBeRead(t *testing.T) {
	path := exportDemo(t)
	appendRow(t, path, "Evidence", "S001", "ZZ.9.9", "2026-11-02", 3)
	privateTemp(t)
	r, err := exchange.OpenReview(context.Background(), path, "", openTemp)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "ZZ.9.9") {
		t.Fatalf("problems %q", r.Problems)
	}
	if ev, err := r.Store.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: r.Continuum}); err != nil || len(ev) != 1042 {
		t.Errorf("%d evidence shown: %v", len(ev), err)
	}
}

// The day comes from the export time, else the positions' day, else the
// file's modification, and Explain says which.
func TestReviewAsOfSources(t *testing.T) {
	modified := time.Date(2027, 2, 3, 10, 0, 0, 0, time.Local)
	for _, tt := range []struct {
		name  string
		about workbook.About
		day   continuum.Date
		src   exchange.ReviewDateSource
		says  string
	}{
		{"exported", workbook.About{ExportedAt: time.Date(2026, 11, 20, 12, 0, 0, 0, time.Local), PositionsOn: continuum.NewDate(2026, 12, 1)},
			continuum.NewDate(2026, 11, 20), exchange.ReviewDateExported, "Exported on Nov 20, 2026: positions and pace are judged as of that day."},
		{"positions", workbook.About{PositionsOn: continuum.NewDate(2026, 12, 1)},
			continuum.NewDate(2026, 12, 1), exchange.ReviewDatePositions, "positions were calculated for Dec 1, 2026"},
		{"file", workbook.About{}, continuum.NewDate(2027, 2, 3), exchange.ReviewDateFile, "Feb 3, 2027 is when the file was last changed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			day, src := exchange.ReviewAsOf(tt.about, modified)
			if day != tt.day || src != tt.src {
				t.Errorf("got %v %s, want %v %s", day, src, tt.day, tt.src)
			}
			if s := src.Explain(day); !strings.Contains(s, tt.says) {
				t.Errorf("Explain: %q lacks %q", s, tt.says)
			}
		})
	}
}
