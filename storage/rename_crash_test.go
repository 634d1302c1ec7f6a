package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The rename crash test runs the test binary again as a child that renames
// a target with more evidence than one transaction holds, over and over
// (NUM.K.1, then NUM.K.R1, NUM.K.R2, ...), acknowledging each rename on
// stdout; the parent kills it with SIGKILL at random moments. In the end
// every record names one code: the last acknowledged one or the next.
const envRenameCrashDir = "CONTINUUM_RENAME_CRASH_DIR"

// renameNumber is n for the code NUM.K.Rn, and 0 for NUM.K.1.
func renameNumber(code string) (int, error) {
	if code == "NUM.K.1" {
		return 0, nil
	}
	return strconv.Atoi(strings.TrimPrefix(code, "NUM.K.R"))
}

func TestRenameCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	dir := t.TempDir()
	s := mustOpenDir(t, dir, smallMemTable)
	cid, uid := storeWithLargeTarget(t, s)
	must(t, s.Close())

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	lastAck, acked := 0, 0
	const rounds = 8
	for round := range rounds {
		// Even rounds kill while renaming; odd rounds may also land while
		// Open finishes a rename.
		acks := killedChild(t, rng, "TestRenameCrashChild", []string{envRenameCrashDir + "=" + dir}, round, 20, 400)
		for _, line := range acks {
			n, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
			if err != nil || n <= lastAck {
				t.Fatalf("round %d: child wrote %q after ack %d", round, line, lastAck)
			}
			lastAck = n
		}
		acked += len(acks)
		// A rename done but killed before its acknowledgement is the
		// next round's starting point.
		lastAck = checkRenamedWhole(t, dir, cid, uid, round, lastAck)
	}
	t.Logf("%d rounds: %d renames acknowledged, %d done", rounds, acked, lastAck)
	if acked == 0 {
		t.Fatal("no rename was acknowledged")
	}
}

// checkRenamedWhole opens the store in dir after a kill and checks that
// the target is at the last acknowledged rename or the next, with every
// record on that code; it returns the rename the target is at. The next
// rename would otherwise hide a half-done one, so the check runs after
// every kill.
func checkRenamedWhole(t *testing.T, dir, cid, uid string, round, lastAck int) int {
	t.Helper()
	s, err := Open(dir, smallMemTable)
	must(t, err)
	defer s.Close()
	ts, err := s.Targets(ctx, cid)
	must(t, err)
	code := ""
	for _, tg := range ts {
		if tg.UID == uid {
			code = tg.Code
		}
	}
	n, err := renameNumber(code)
	if err != nil || (n != lastAck && n != lastAck+1) {
		t.Fatalf("round %d: the target is %q after %d acknowledged renames; want rename %d or %d", round, code, lastAck, lastAck, lastAck+1)
	}
	assertCodeEverywhere(t, s, cid, uid, code)
	if t.Failed() {
		t.Fatalf("round %d: a rename to %s is there in part", round, code)
	}
	return n
}

// TestRenameCrashChild is the child of TestRenameCrash: it renames until it
// is killed.
func TestRenameCrashChild(t *testing.T) {
	dir := os.Getenv(envRenameCrashDir)
	if dir == "" {
		t.Skip("run by TestRenameCrash")
	}
	s, err := Open(dir, smallMemTable)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Continua(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("continua: %v %v", cs, err)
	}
	cid := cs[0].ID
	deadline := time.Now().Add(30 * time.Second) // in case the parent is gone
	for time.Now().Before(deadline) {
		ts, err := s.Targets(ctx, cid)
		if err != nil {
			t.Fatal(err)
		}
		n := -1
		for _, tg := range ts {
			if tg.Domain == "Number" && tg.Level == "K" {
				if n, err = renameNumber(tg.Code); err != nil {
					t.Fatal(err)
				}
				if err := s.RenameTarget(ctx, cid, tg.Code, fmt.Sprintf("NUM.K.R%d", n+1)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if n < 0 {
			t.Fatal("the Number target at level K is gone")
		}
		// os.Stdout is unbuffered: the line is out before the next rename starts.
		fmt.Fprintf(os.Stdout, "ack %d\n", n+1)
	}
}
