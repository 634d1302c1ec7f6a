package storage

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// The crash test runs the test binary again as a child that writes
// evidence in a loop and acknowledges each change on stdout; the parent
// kills it with SIGKILL at random moments and then checks that every
// acknowledged change is there whole and no change is there in part.
const (
	envCrashDir   = "CONTINUUM_CRASH_DIR"
	envCrashFirst = "CONTINUUM_CRASH_FIRST_BATCH"
	crashParts    = 3
)

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(4)...))
	must(t, s.Close())

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	acked := map[int]bool{}
	const rounds = 5
	for round := range rounds {
		first := round * 1_000_000
		roundAcks := killedChild(t, rng, "TestCrashChild", []string{envCrashDir + "=" + dir, envCrashFirst + "=" + strconv.Itoa(first)}, round, 50, 350)
		for _, line := range roundAcks {
			recordAck(t, line, acked)
		}
	}

	s = mustOpenDir(t, dir, Options{})
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	parts := map[int]int{}
	for _, e := range evs {
		var batch, part, of int
		if _, err := fmt.Sscanf(e.Note, "batch %d part %d/%d", &batch, &part, &of); err != nil {
			t.Fatalf("evidence %d has note %q", e.ID, e.Note)
		}
		parts[batch]++
	}
	for batch, n := range parts {
		if n != crashParts {
			t.Errorf("batch %d is there in part: %d of %d records", batch, n, crashParts)
		}
	}
	for batch := range acked {
		if parts[batch] != crashParts {
			t.Errorf("acknowledged batch %d has %d of %d records", batch, parts[batch], crashParts)
		}
	}
	if len(acked) == 0 {
		t.Fatal("no batch was acknowledged")
	}
	t.Logf("%d rounds: %d batches acknowledged, %d stored", rounds, len(acked), len(parts))
	assertIndexMatches(t, s)
}

// recordAck notes the batch of an "ack N" line.
func recordAck(t *testing.T, line string, acked map[int]bool) {
	batch, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
	if err != nil {
		t.Errorf("child wrote %q", line)
		return
	}
	acked[batch] = true
}

// TestCrashChild is the child of TestCrash: it writes until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(envCrashDir)
	if dir == "" {
		t.Skip("run by TestCrash")
	}
	first, _ := strconv.Atoi(os.Getenv(envCrashFirst))
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Continua(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("continua: %v %v", cs, err)
	}
	cid := cs[0].ID
	codes := []string{"NUM.K.1", "NUM.1.1", "GEO.K.1", "GEO.2.1"}
	deadline := time.Now().Add(30 * time.Second) // in case the parent is gone
	for batch := first; time.Now().Before(deadline); batch++ {
		ev := make([]continuum.Evidence, crashParts)
		for p := range ev {
			ev[p] = continuum.Evidence{
				Continuum: cid, Student: fmt.Sprintf("S%02d", 1+batch%4), Target: codes[(batch+p)%len(codes)],
				Date: continuum.MustParseDate("2026-09-14").AddDays(batch % 100), Score: float64(1 + p), Kind: continuum.Formative,
				Note: fmt.Sprintf("batch %d part %d/%d", batch, p+1, crashParts),
			}
		}
		if _, err := s.AddEvidence(ctx, ev...); err != nil {
			t.Fatal(err)
		}
		// os.Stdout is unbuffered: the line is out before the next write starts.
		fmt.Fprintf(os.Stdout, "ack %d\n", batch)
	}
}

// killedChild runs the test binary again as the child test run, with env
// added, and kills it (SIGKILL: no deferred cleanup runs) after a random
// pause of minMS plus up to spreadMS milliseconds. On even rounds the
// pause counts from the child's first acknowledgement, so the kill lands
// while it writes; on odd rounds from its start, so it may also land while
// it opens the store and finishes what was under way. It returns the
// "ack …" lines the child printed before it died.
func killedChild(t *testing.T, rng *rand.Rand, run string, env []string, round, minMS, spreadMS int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+run+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	// The reader records acknowledgements as they come, so the pipe
	// never fills, and signals the first one.
	var acks []string
	firstAck := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "ack ") {
				if acks = append(acks, sc.Text()); len(acks) == 1 {
					close(firstAck)
				}
			}
		}
	}()
	if round%2 == 0 {
		select {
		case <-firstAck:
		case <-done:
			t.Fatalf("round %d: the child stopped before it acknowledged anything", round)
		}
	}
	time.Sleep(time.Duration(minMS+rng.IntN(spreadMS)) * time.Millisecond)
	must(t, cmd.Process.Kill())
	<-done
	_ = cmd.Wait()
	return acks
}
