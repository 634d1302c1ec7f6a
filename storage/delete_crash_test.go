package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// The removal crash test runs the test binary again as a child that
// removes students, each with more evidence than one transaction holds,
// one after the other, acknowledging each removal on stdout; the parent
// kills it with SIGKILL at random moments. After every kill each student
// is there whole or gone whole, and those gone are the first ones.
const (
	envDeleteCrashDir = "CONTINUUM_DELETE_CRASH_DIR"
	crashStudents     = 12
	crashEvidence     = 4000
)

// crashStudent is the i-th student the removal crash test removes.
func crashStudent(i int) continuum.Student {
	return continuum.Student{ID: fmt.Sprintf("CR-%02d", i+1), Name: fmt.Sprintf("Crash Pupil %c", 'A'+i)}
}

// storeForDeleteCrash fills the store with the crash students: each with
// crashEvidence pieces of evidence, an override, a flex place, a
// calibration score of their work and a visit note naming them.
func storeForDeleteCrash(t *testing.T, s *Store) string {
	t.Helper()
	c := createMath(t, s)
	b := flexBlock(c.ID)
	for i := range crashStudents {
		st := crashStudent(i)
		must(t, s.PutStudents(ctx, st))
		var batch []continuum.Evidence
		for k := range crashEvidence {
			batch = append(batch, ev(c.ID, st.ID, "NUM.K.1", "2026-09-14", float64(1+k%4)))
			if len(batch) == 250 {
				_, err := s.AddEvidence(ctx, batch...)
				must(t, err)
				batch = batch[:0]
			}
		}
		must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: st.ID, Target: "GEO.K.1", Mastered: true, Reason: "Seen", Date: continuum.MustParseDate("2026-09-20")}))
		b.Assignments = append(b.Assignments, continuum.Assignment{Student: st.ID, Offering: "open", Tier: continuum.TierOpen, Reason: "Open study"})
		must(t, s.PutCalibrationScores(ctx, c.ID, calib(st.Name+" essay", "NUM.K.1", "J. Rivera", 3)))
		_, err := s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-13", continuum.OnContinuum, "", st.Name+" was stuck"))
		must(t, err)
	}
	must(t, s.PutFlexBlock(ctx, b))
	return c.ID
}

func TestDeleteStudentCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	dir := t.TempDir()
	s := mustOpenDir(t, dir, smallMemTable)
	cid := storeForDeleteCrash(t, s)
	must(t, s.Close())

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	lastAck, acked, rounds := 0, 0, 0
	for ; lastAck < crashStudents && rounds < 3*crashStudents; rounds++ {
		round := rounds
		acks := killedChild(t, rng, "TestDeleteStudentCrashChild", []string{envDeleteCrashDir + "=" + dir}, round, 5, 150)
		for _, line := range acks {
			n, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
			if err != nil || n <= lastAck {
				t.Fatalf("round %d: child wrote %q after ack %d", round, line, lastAck)
			}
			lastAck = n
		}
		acked += len(acks)
		lastAck = checkRemovedWhole(t, dir, cid, round, lastAck)
	}
	t.Logf("%d rounds: %d removals acknowledged, %d done", rounds, acked, lastAck)
	if acked == 0 {
		t.Fatal("no removal was acknowledged")
	}
}

// checkRemovedWhole opens the store in dir after a kill and checks that
// the first lastAck students, or lastAck+1, are gone whole and the others
// there whole; it returns how many are gone.
func checkRemovedWhole(t *testing.T, dir, cid string, round, lastAck int) int {
	t.Helper()
	s, err := Open(dir, smallMemTable)
	must(t, err)
	defer s.Close()
	gone := 0
	for i := range crashStudents {
		st := crashStudent(i)
		fp, err := s.StudentFootprint(ctx, st.ID)
		if err != nil {
			if left := recordsNaming(t, s, st.ID, st.Name); len(left) > 0 {
				t.Fatalf("round %d: %s is removed, but %d records name them, the first %s", round, st.ID, len(left), left[0])
			}
			if i != gone {
				t.Fatalf("round %d: %s is removed before the students before them", round, st.ID)
			}
			gone++
			continue
		}
		if want := (continuum.Footprint{Evidence: crashEvidence, Overrides: 1, FlexPlaces: 1, CalibrationScores: 1, VisitNotes: 1}); fp != want {
			t.Fatalf("round %d: %s is there in part: %+v, want %+v", round, st.ID, fp, want)
		}
	}
	if gone != lastAck && gone != lastAck+1 {
		t.Fatalf("round %d: %d students are removed after %d acknowledged removals", round, gone, lastAck)
	}
	return gone
}

// TestDeleteStudentCrashChild is the child of TestDeleteStudentCrash: it
// removes the students still there, in order, until it is killed.
func TestDeleteStudentCrashChild(t *testing.T) {
	dir := os.Getenv(envDeleteCrashDir)
	if dir == "" {
		t.Skip("run by TestDeleteStudentCrash")
	}
	s, err := Open(dir, smallMemTable)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second) // in case the parent is gone
	for i := 0; i < crashStudents && time.Now().Before(deadline); i++ {
		st := crashStudent(i)
		if _, err := s.Student(ctx, st.ID); err != nil {
			continue // removed in an earlier round
		}
		if err := s.DeleteStudent(ctx, st.ID); err != nil {
			t.Fatal(err)
		}
		// os.Stdout is unbuffered: the line is out before the next removal starts.
		fmt.Fprintf(os.Stdout, "ack %d\n", i+1)
	}
	// Every student is removed: wait to be killed, as the parent expects.
	time.Sleep(time.Until(deadline))
}
