package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui"
)

// openSession opens a session's store on dir, as the app does at start.
func openSession(t *testing.T, dir string) (*session, error) {
	t.Helper()
	a := test.NewTempApp(t)
	s := newSession(a, test.NewTempWindow(t, nil), dir, "", nil)
	err := s.open()
	if err == nil {
		t.Cleanup(func() { s.close() })
	}
	return s, err
}

func TestOpenStoreSecondTimeSaysAlreadyOpen(t *testing.T) {
	dir := t.TempDir()
	if _, err := openSession(t, dir); err != nil {
		t.Fatal(err)
	}
	_, err := openSession(t, dir)
	if err == nil || !strings.Contains(err.Error(), "already open") || !strings.Contains(err.Error(), dir) {
		t.Errorf("second open: %v", err)
	}
}

// TestWindowOpensOnTheStore runs the real app under a virtual X display
// and checks that its window appears with the title the issue asks for.
// It needs Xvfb and xwininfo (the CI script installs them).
func TestWindowOpensOnTheStore(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the app")
	}
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	bin := buildApp(t)
	dir := t.TempDir()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// The script starts the app, waits for its window, lists the window
	// titles, then stops the app.
	script := `"$1" --db "$2" & pid=$!
for i in $(seq 100); do
  if xwininfo -root -tree | grep -q 'Continuum Planner'; then break; fi
  kill -0 $pid 2>/dev/null || { echo "app exited"; exit 3; }
  sleep 0.1
done
xwininfo -root -tree | grep -o '"Continuum Planner[^"]*"'
kill $pid; wait $pid 2>/dev/null; exit 0`
	cmd := exec.Command("bash", "-c", script, "app", bin, dir)
	cmd.Env = append(os.Environ(), "DISPLAY="+startDisplay(t), "LANG=en_US.UTF-8", "HOME="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("app under Xvfb: %v\n%s", err, out.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("app under Xvfb did not finish\n%s", out.String())
	}
	if want := `"Continuum Planner — ` + dir + `"`; !strings.Contains(out.String(), want) {
		t.Errorf("window titles: %s, want %s", out.String(), want)
	}
}

// Given the store already open (another window), when a second window
// starts on it, then it says so once, in a teacher's words: the screen
// names what happened and what to do, opens no dialog on top, and
// mentions no command-line flag.
func TestSecondWindowSaysItOnceInPlainWords(t *testing.T) {
	dir := t.TempDir()
	if _, err := openSession(t, dir); err != nil {
		t.Fatal(err)
	}
	_, err := openSession(t, dir)
	if err == nil {
		t.Fatal("the second open succeeded")
	}
	w := test.NewTempWindow(t, nil)
	w.SetContent(ui.NewStartupError(err, startupHint(err), func() {}).Content())
	var texts []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	if strings.Count(all, "already open") != 1 || !strings.Contains(all, "Switch to that window, or close it") {
		t.Errorf("the screen says:\n%s", all)
	}
	if strings.Contains(all, "--") {
		t.Errorf("the screen names a command-line flag:\n%s", all)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog repeats the message")
	}
}
