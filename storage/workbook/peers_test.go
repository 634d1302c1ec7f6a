package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/storage/workbook"
)

// TestPeers measures import and export of the district workbook (2,000
// students × 300 targets × 200,000 evidence) side by side with LibreOffice
// converting the same file to CSV and openpyxl reading it (read-only mode)
// and writing the same cells (write-only mode). It takes minutes, so it
// runs only when asked:
//
//	WORKBOOK_PEERS=1 go test -run TestPeers -v -timeout 30m ./storage/workbook/
//
// It needs soffice (Debian libreoffice-calc) and python3 with openpyxl
// (Debian python3-openpyxl); a missing peer is skipped. Each side runs in
// its own process so that its peak memory (max RSS) can be read.
func TestPeers(t *testing.T) {
	if os.Getenv("WORKBOOK_PEERS") == "" {
		t.Skip("set WORKBOOK_PEERS=1 to measure against LibreOffice and openpyxl")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "district.xlsx")
	_, data := districtWorkbook(t)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("district workbook: %.1f MB", float64(len(data))/1e6)
	type result struct {
		name string
		wall time.Duration
		rss  int64 // KiB
	}
	var results []result
	// GNU time reports the peak memory of the command alone; measuring the
	// child from here would count this process's memory, which a forked
	// child inherits in its peak.
	timeBin, err := exec.LookPath("time")
	if err != nil {
		timeBin = "/usr/bin/time"
	}
	run := func(name string, cmd *exec.Cmd) {
		cmd.Args = append([]string{timeBin, "-f", "maxrss_kb=%M"}, cmd.Args...)
		cmd.Path = timeBin
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: %v\n%s", name, err, out.String())
			return
		}
		wall := time.Since(start)
		// A child that times itself prints "seconds=S" (its own setup not counted).
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "seconds="); ok {
				if s, err := strconv.ParseFloat(v, 64); err == nil {
					wall = time.Duration(s * float64(time.Second))
				}
			}
		}
		var rss int64
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "maxrss_kb="); ok {
				rss, _ = strconv.ParseInt(v, 10, 64)
			}
		}
		results = append(results, result{name, wall, rss})
		t.Logf("%-34s %8.2f s %8.0f MB peak  %s", name, wall.Seconds(), float64(rss)/1024, counts(out.String()))
	}
	self := func(mode string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPeerChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "WORKBOOK_PEER_CHILD="+mode, "WORKBOOK_PEER_FILE="+file, "WORKBOOK_PEERS=")
		return cmd
	}
	run("import (this package)", self("decode"))
	run("export (this package)", self("encode"))
	if _, err := exec.LookPath("soffice"); err == nil {
		profile := "file://" + filepath.Join(dir, "lo-profile")
		out := filepath.Join(dir, "csv")
		run("LibreOffice headless to CSV", exec.Command("soffice", "-env:UserInstallation="+profile, "--headless",
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", "--outdir", out, file))
	} else {
		t.Log("soffice not installed: LibreOffice skipped")
	}
	python := "python3"
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		python = "/usr/bin/python3" // Debian's, with python3-openpyxl
	}
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err == nil {
		script := filepath.Join(dir, "peer.py")
		if err := os.WriteFile(script, []byte(openpyxlScript), 0o644); err != nil {
			t.Fatal(err)
		}
		run("openpyxl read-only", exec.Command(python, script, "read", file))
		run("openpyxl write-only (same cells)", exec.Command(python, script, "write", file, filepath.Join(dir, "out.xlsx")))
	} else {
		t.Log("python3 with openpyxl not installed: openpyxl skipped")
	}
	// The targets, checked when both sides were measured.
	by := map[string]result{}
	for _, r := range results {
		by[r.name] = r
	}
	imp, exp := by["import (this package)"], by["export (this package)"]
	if lo, ok := by["LibreOffice headless to CSV"]; ok && imp.wall > lo.wall/2 {
		t.Errorf("import %.2fs is more than half of LibreOffice's %.2fs", imp.wall.Seconds(), lo.wall.Seconds())
	}
	if py, ok := by["openpyxl read-only"]; ok && imp.wall > py.wall/4 {
		t.Errorf("import %.2fs is more than a quarter of openpyxl's %.2fs", imp.wall.Seconds(), py.wall.Seconds())
	}
	if py, ok := by["openpyxl write-only (same cells)"]; ok && exp.wall > py.wall/2 {
		t.Errorf("export %.2fs is more than half of openpyxl's %.2fs", exp.wall.Seconds(), py.wall.Seconds())
	}
	if imp.rss > 500<<10 || exp.rss > 300<<10 {
		t.Errorf("peak memory: import %d MB (limit 500), export %d MB (limit 300)", imp.rss>>10, exp.rss>>10)
	}
}

// counts picks the "cells=", "rows=" and "evidence=" lines a child prints.
func counts(out string) string {
	var kept []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "cells=") || strings.HasPrefix(line, "rows=") || strings.HasPrefix(line, "evidence=") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, " ")
}

// TestPeerChild is the side of TestPeers that runs in its own process.
func TestPeerChild(t *testing.T) {
	mode, file := os.Getenv("WORKBOOK_PEER_CHILD"), os.Getenv("WORKBOOK_PEER_FILE")
	if mode == "" {
		t.Skip("run by TestPeers")
	}
	ctx := context.Background()
	switch mode {
	case "decode":
		start := time.Now()
		b, err := workbook.DecodeFile(ctx, file, workbook.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("seconds=%f\n", time.Since(start).Seconds())
		fmt.Printf("evidence=%d\n", len(b.Evidence))
	case "encode":
		b, err := workbook.DecodeFile(ctx, file, workbook.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(filepath.Dir(file), "export.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		start := time.Now()
		if err := workbook.NewEncoder(out, workbook.EncodeOptions{Now: exportTime, On: positionsDay}).Encode(ctx, b); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("seconds=%f\n", time.Since(start).Seconds())
	}
}

// openpyxlScript reads every sheet in read-only mode, or reads the cells
// (untimed) and then writes the same cells in write-only mode (timed).
const openpyxlScript = `
import sys, time, openpyxl
mode, path = sys.argv[1], sys.argv[2]
if mode == "read":
    start = time.time()
    wb = openpyxl.load_workbook(path, read_only=True)
    n = 0
    for ws in wb.worksheets:
        ws.reset_dimensions()  # the stream writer leaves the dimension out
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    print("seconds=%f" % (time.time() - start))
    print("cells=%d" % n)
else:
    src = openpyxl.load_workbook(path, read_only=True)
    sheets = []
    for ws in src.worksheets:
        ws.reset_dimensions()
        sheets.append((ws.title, [list(r) for r in ws.iter_rows(values_only=True)]))
    print("rows=%d" % sum(len(r) for _, r in sheets))
    src.close()
    start = time.time()
    wb = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(sys.argv[3])
    print("seconds=%f" % (time.time() - start))
`
