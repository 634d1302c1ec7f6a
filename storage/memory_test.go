package storage

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

const envMemoryDir = "CONTINUUM_MEMORY_DIR"

// idleRSSLimit is the most resident memory a store with a class's data may
// hold while idle: the program shares the laptop with a browser and more.
const idleRSSLimit = 100 << 20

// TestIdleRSS measures, in a fresh process, the resident memory of a store
// holding a continuum of 30 targets, 28 students and 700 pieces of
// evidence, after loading it all and settling. Linux only (/proc).
func TestIdleRSS(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/status")
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestIdleRSSChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envMemoryDir+"="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var rss, hwm int64 = -1, -1
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		fmt.Sscanf(strings.TrimSpace(sc.Text()), "idle rss %d kB, peak %d kB", &rss, &hwm)
	}
	if rss < 0 {
		t.Fatalf("child did not report its memory:\n%s", out)
	}
	t.Logf("idle RSS %.1f MB (peak %.1f MB) with 30 targets, 28 students, 700 pieces of evidence", float64(rss)/1024, float64(hwm)/1024)
	if rss*1024 > idleRSSLimit {
		t.Errorf("idle RSS %d kB is over %d MB", rss, idleRSSLimit>>20)
	}
}

func TestIdleRSSChild(t *testing.T) {
	dir := os.Getenv(envMemoryDir)
	if dir == "" {
		t.Skip("run by TestIdleRSS")
	}
	s := mustOpenDir(t, dir, Options{})
	c := continuum.NewContinuum("Mathematics 3-5", "3", "4", "5", "6", "7")
	c.Domains = []continuum.Domain{{Name: "Number", Category: continuum.Academic}, {Name: "Fractions", Category: continuum.Academic}, {Name: "Geometry", Category: continuum.Academic}}
	var targets []continuum.Target
	for _, d := range c.Domains {
		for _, l := range c.Levels {
			for k := 1; k <= 2; k++ {
				targets = append(targets, continuum.Target{Code: fmt.Sprintf("%s.%s.%d", d.Name[:3], l, k),
					Statement: "I can show this skill in a sentence of the usual length.", Domain: d.Name, Level: l, Order: k})
			}
		}
	}
	must(t, s.CreateContinuum(ctx, &c, targets))
	students := roster(28)
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, targets, 25)

	// What the class map does on opening: load the class and place it.
	g, class, err := continuum.LoadClass(ctx, s, c.ID)
	must(t, err)
	if len(class.Evidence) != 700 || len(g.Targets) != 30 {
		t.Fatalf("loaded %d pieces of evidence, %d targets", len(class.Evidence), len(g.Targets))
	}
	_ = g.ClassPositions(class, continuum.MustParseDate("2027-01-15"))

	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(500 * time.Millisecond) // let Badger's background work settle
	rss, hwm := procStatus(t, "VmRSS"), procStatus(t, "VmHWM")
	fmt.Printf("idle rss %d kB, peak %d kB\n", rss, hwm)
}

// procStatus reads a kB figure from /proc/self/status.
func procStatus(t *testing.T, field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	must(t, err)
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			must(t, err)
			return n
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}
