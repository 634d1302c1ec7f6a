package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
)

// BenchmarkStartToFirstFrame measures process start to the first frame
// with the demo data on screen (goal ≤ 1.5 s): the real binary, on a
// virtual X display, from exec to its "ready" line (printed once the
// first view has shown its data). It needs Xvfb.
func BenchmarkStartToFirstFrame(b *testing.B) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		b.Skip("Xvfb not installed")
	}
	bin := filepath.Join(b.TempDir(), "continuum-planner")
	if out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	dir := b.TempDir()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	st.Close()
	display := startXvfb(b)
	config := b.TempDir()
	for _, view := range []string{"continua", "student:S003"} {
		b.Run(strings.ReplaceAll(view, ":", "="), func(b *testing.B) {
			for b.Loop() {
				startOnce(b, bin, dir, view, display, config)
			}
		})
	}
}

func startOnce(b *testing.B, bin, dir, view, display, config string) {
	cmd := exec.Command(bin, "--db", dir, "--view", view)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+config, "CONTINUUM_PLANNER_REPORT_READY=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	lines := bufio.NewScanner(stderr)
	deadline := time.AfterFunc(30*time.Second, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "ready after") {
			return
		}
	}
	b.Fatal("the app never reported ready")
}

// startXvfb starts a private X display for the benchmark and returns its name.
func startXvfb(b *testing.B) string {
	for n := 150; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { x.Process.Kill(); x.Wait() })
		for range 50 {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
		b.Fatal("Xvfb did not start")
	}
	b.Fatal("no free X display")
	return ""
}
