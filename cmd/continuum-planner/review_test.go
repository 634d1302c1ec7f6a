package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// reviewWorkbook stores the demo in a data folder of its own, exports it
// to a workbook beside it, closes the store, and returns both paths.
func reviewWorkbook(t *testing.T) (data, book string) {
	t.Helper()
	root := t.TempDir()
	data, book = filepath.Join(root, "data"), filepath.Join(root, "demo.xlsx")
	ctx := context.Background()
	st, err := storage.Open(data, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Classroom().Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	g, class, err := continuum.LoadClass(ctx, st, "demo-math-foundations")
	if err != nil {
		t.Fatal(err)
	}
	b := workbook.New(g.Continuum, g.Targets, class)
	if b.Units, err = st.Units(ctx, g.Continuum.ID); err != nil {
		t.Fatal(err)
	}
	if b.Flex, err = st.FlexBlocks(ctx, g.Continuum.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	on := continuum.NewDate(2026, 11, 20)
	if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{On: on, Now: on.Time().Add(15 * time.Hour)}).Encode(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return data, book
}

// reviewHashes hashes every file under dir.
func reviewHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		sum := sha256.Sum256(b)
		out[path] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReviewWindowOpens runs `continuum-planner --review FILE` (on a
// student's profile, then on the class map) under a virtual X display,
// with the teacher's data folder as the default store, and checks that
// the review window appears with its title, that its temporary store
// goes when the app quits, and that the data folder is byte for byte as
// it was. It needs Xvfb and xwininfo.
func TestReviewWindowOpens(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the app")
	}
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	bin := buildApp(t)
	data, book := reviewWorkbook(t)
	before := reviewHashes(t, data)
	tmp := t.TempDir()

	// The window's name (not its class, which keeps the first title) is
	// the title; xwininfo shows it only in a UTF-8 locale.
	script := `"$1" --review "$2" --view "$3" & pid=$!
titles() { LC_ALL=C.UTF-8 xwininfo -root -tree | grep -o '0x[0-9a-f]* "Continuum Planner[^"]*"' | sed 's/^0x[0-9a-f]* //'; }
for i in $(seq 150); do
  if titles | grep -q 'as of'; then break; fi
  kill -0 $pid 2>/dev/null || { echo "app exited"; exit 3; }
  sleep 0.1
done
sleep 1
titles
ls "$TMPDIR" | sed 's/^/during: /'
kill $pid; wait $pid 2>/dev/null
ls "$TMPDIR" | sed 's/^/after: /'
exit 0`
	for _, view := range []string{"student:S003", "class-map"} {
		cmd := exec.Command("bash", "-c", script, "app", bin, book, view)
		cmd.Env = append(os.Environ(), "DISPLAY="+startDisplay(t), "LANG=en_US.UTF-8", "HOME="+t.TempDir(), "CONTINUUM_PLANNER_DB="+data, "TMPDIR="+tmp)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("app under Xvfb: %v\n%s", err, out.String())
			}
		case <-time.After(90 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("app under Xvfb did not finish\n%s", out.String())
		}
		got := out.String()
		if want := `"Continuum Planner — Review of demo.xlsx — as of Nov 20, 2026 (read-only)"`; !strings.Contains(got, want) {
			t.Errorf("%s: window titles: %s, want %s", view, got, want)
		}
		if !strings.Contains(got, "during: continuum-planner-review-") {
			t.Errorf("%s: no temporary store while the review was open:\n%s", view, got)
		}
		if strings.Contains(got, "after: continuum-planner-review-") {
			t.Errorf("%s: the temporary store is left after the app quit:\n%s", view, got)
		}
	}
	after := reviewHashes(t, data)
	if len(after) != len(before) {
		t.Errorf("the data folder had %d files, now %d", len(before), len(after))
	}
	for path, sum := range before {
		if after[path] != sum {
			t.Errorf("%s changed", path)
		}
	}
}

// reviewWindow is what main runs for --review: the window is titled for
// the file at once, before the workbook is read.
func TestOpenReviewTitlesTheWindow(t *testing.T) {
	data, book := reviewWorkbook(t)
	t.Setenv("CONTINUUM_PLANNER_DB", data)
	t.Setenv("TMPDIR", t.TempDir())
	a := test.NewTempApp(t)
	if err := os.WriteFile(book, []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	w, rw := reviewWindow(a, book, "", "", func() { close(ready) })
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("never ready")
	}
	if !strings.HasPrefix(w.Title(), "Continuum Planner — Review of demo.xlsx") || rw.Review() != nil {
		t.Errorf("title %q, review %v", w.Title(), rw.Review())
	}
	w.Close()
	exchange.CloseReviews()
}
