package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/continuum-planner/planner/storage"
)

// startDisplay starts a private virtual X display for one test and returns
// its name (":N"). Xvfb picks a free display number itself and writes it
// on a pipe (-displayfd), so tests and other programs starting displays
// at the same time never race for one; the display is returned once a
// client has connected to it (a server that dies at birth is replaced).
// It stops when the test ends, cleanly, so it leaves no lock or socket
// behind. The test is skipped when Xvfb is not installed.
func startDisplay(tb testing.TB) string {
	tb.Helper()
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Skipf("%s not installed", tool)
		}
	}
	var why string
	for range 3 {
		display, stop, err := launchXvfb()
		if err == nil {
			if err = waitForDisplay(display); err == nil {
				tb.Cleanup(stop)
				return display
			}
		}
		if stop != nil {
			stop()
		}
		why = err.Error()
	}
	tb.Fatalf("no virtual display would start: %s", why)
	return ""
}

// launchXvfb starts Xvfb on a display it chooses and returns the
// display's name and how to stop the server.
func launchXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w} // fd 3 in Xvfb
	if err := x.Start(); err != nil {
		w.Close()
		return "", nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	stop := func() {
		x.Process.Signal(syscall.SIGTERM) // it removes its lock file and socket
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			x.Process.Kill()
			<-done
		}
	}
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			return "", stop, errors.New("Xvfb exited before reporting its display")
		}
		return ":" + n, stop, nil
	case <-time.After(20 * time.Second):
		return "", stop, errors.New("Xvfb did not report its display within 20 s")
	}
}

// waitForDisplay waits until an X client can connect to display.
func waitForDisplay(display string) error {
	var out []byte
	var err error
	for range 50 {
		if out, err = exec.Command("xwininfo", "-root", "-display", display).CombinedOutput(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("display %s does not answer: %v: %s", display, err, out)
}

// buildApp builds the app into a folder of the test's and returns its path.
func buildApp(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "continuum-planner")
	if out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// Given no display, or one that does not answer, when the app starts,
// then it says so in one line on standard error and exits with status 1:
// no crash report, no stack.
func TestNoDisplaySaysSoInOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the display check is for Linux desktops")
	}
	bin := buildApp(t)
	for _, display := range []string{"", ":4711", "nonsense"} {
		cmd := exec.Command(bin, "--db", t.TempDir())
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "WAYLAND_DISPLAY=", "LANG=en_US.UTF-8", "HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("DISPLAY=%q: exit %v, want status 1\n%s", display, err, out)
		}
		got := string(out)
		if !strings.Contains(got, "continuum-planner: open the window:") || !strings.Contains(got, "start Continuum Planner from the desktop") {
			t.Errorf("DISPLAY=%q: output does not say what happened and what to do:\n%s", display, got)
		}
		for _, crash := range []string{"panic", "goroutine", ".go:"} {
			if strings.Contains(got, crash) {
				t.Errorf("DISPLAY=%q: output shows a crash (%q):\n%s", display, crash, got)
			}
		}
	}
}

func TestParseDisplay(t *testing.T) {
	for _, c := range []struct {
		in   string
		host string
		num  int
		ok   bool
	}{
		{":0", "", 0, true}, {":1.0", "", 1, true}, {"localhost:10.0", "localhost", 10, true},
		{"unix:2", "unix", 2, true}, {"0", "", 0, false}, {":x", "", 0, false}, {":-1", "", 0, false},
	} {
		host, num, ok := parseDisplay(c.in)
		if host != c.host || num != c.num || ok != c.ok {
			t.Errorf("parseDisplay(%q) = %q, %d, %v; want %q, %d, %v", c.in, host, num, ok, c.host, c.num, c.ok)
		}
	}
}

// The start-up screen says what to do about an encrypted folder the app
// cannot open yet, and about a damaged one.
func TestStartupHints(t *testing.T) {
	if h := startupHint(fmt.Errorf("open: %w", storage.ErrPassphraseNeeded)); !strings.Contains(h, "encrypted") || !strings.Contains(h, "asks for the passphrase") {
		t.Errorf("encrypted: %q", h)
	}
	if h := startupHint(fmt.Errorf("open: %w", storage.ErrDamaged)); !strings.Contains(h, "restore the newest backup") {
		t.Errorf("damaged: %q", h)
	}
}
