package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
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
	bin := buildApp(b)
	dir := b.TempDir()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	st.Close()
	display := startDisplay(b)
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
