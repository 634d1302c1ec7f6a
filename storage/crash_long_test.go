package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// The long-write crash tests kill (SIGKILL) a child that runs one long
// write — an import that is staged, a restore, the purge of a deleted
// continuum, a backup to a file — at a random moment, on a fresh copy of
// the same store each round. A new process then opens the store (only a
// process started after the kill may tidy what the dead one left), and
// the test checks that the store holds the old state or the new one,
// whole, and that nothing temporary is left anywhere.
const (
	envLongCrashOp   = "CONTINUUM_LONG_CRASH_OP"
	envLongCrashDir  = "CONTINUUM_LONG_CRASH_DIR"
	envLongCrashFile = "CONTINUUM_LONG_CRASH_FILE"
	longCrashRounds  = 6
)

// longCrashImport is the workbook the import crash test imports: more
// evidence than one transaction of smallMemTable holds, so it is staged.
func longCrashImport() *demo.Dataset {
	return demo.Generate("District", demo.Size{Students: 60, Targets: 40, Evidence: 6000, Seed: 7})
}

// longCrash runs op on a copy of the store in template for each round,
// killing it at a random moment up to spread after its start or after it
// opened the store, then opens the copy in a new process and calls check
// on the copy's data folder with whether the child acknowledged the end
// of op, and check says whether it found the state after op. file, when given, is copied too and passed to the child.
func longCrash(t *testing.T, op, template, file string, spread time.Duration, check func(t *testing.T, dir, file string, done bool) (after bool)) {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d, kills within %v", seed, spread)
	done, after := 0, 0
	for round := range longCrashRounds {
		root := t.TempDir()
		dir := filepath.Join(root, "data")
		must(t, os.CopyFS(dir, os.DirFS(template)))
		copied := ""
		if file != "" {
			copied = filepath.Join(root, filepath.Base(file))
			b, err := os.ReadFile(file)
			must(t, err)
			must(t, os.WriteFile(copied, b, 0o600))
		}
		env := []string{envLongCrashOp + "=" + op, envLongCrashDir + "=" + dir, envLongCrashFile + "=" + copied}
		acks := killedChild(t, rng, "TestLongWriteCrashChild", env, round, 1, int(spread.Milliseconds())+1)
		finished := slices.Contains(acks, "ack done")
		if finished {
			done++
		}
		openInNewProcess(t, dir)
		if left := leftovers(t, root); len(left) > 0 {
			t.Fatalf("round %d (%s finished: %v): left behind after the next open: %v", round, op, finished, left)
		}
		if check(t, dir, copied, finished) {
			after++
		}
		if t.Failed() {
			t.Fatalf("round %d (%s finished: %v) failed", round, op, finished)
		}
	}
	t.Logf("%d rounds: %s acknowledged before the kill in %d; the store held the state after it in %d", longCrashRounds, op, done, after)
}

// openInNewProcess opens and closes the store in dir in a child process,
// as the next run of the program would.
func openInNewProcess(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLongWriteCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envLongCrashOp+"=open", envLongCrashDir+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("open after the kill: %v\n%s", err, out)
	}
}

// leftovers lists what is temporary under root: *.tmp files, the hidden
// check folders of a restore, a staged restore.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	var left []string
	must(t, filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, ".tmp") || strings.Contains(name, "-restore-check-") || name == restorePending {
			left = append(left, strings.TrimPrefix(path, root))
		}
		return nil
	}))
	return left
}

// timed returns how long op takes on a copy of the store in template,
// run here, so the kills can be spread over the whole of it.
func timed(t *testing.T, template string, op func(s *Store)) time.Duration {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	must(t, os.CopyFS(dir, os.DirFS(template)))
	s := mustOpenDir(t, dir, smallMemTable)
	start := time.Now()
	op(s)
	took := time.Since(start)
	must(t, s.Close())
	return took
}

// TestLongWriteCrashChild is the child of the long-write crash tests: it
// opens the store, says so, runs one long write, says so, and waits to be
// killed.
func TestLongWriteCrashChild(t *testing.T) {
	op, dir, file := os.Getenv(envLongCrashOp), os.Getenv(envLongCrashDir), os.Getenv(envLongCrashFile)
	if op == "" {
		t.Skip("run by the long-write crash tests")
	}
	s, err := Open(dir, smallMemTable)
	if err != nil {
		t.Fatal(err)
	}
	if op == "open" {
		must(t, s.Close())
		return
	}
	fmt.Fprintln(os.Stdout, "ack open")
	runLongWrite(t, s, op, file)
	fmt.Fprintln(os.Stdout, "ack done")
	time.Sleep(30 * time.Second) // the parent kills it sooner
}

// runLongWrite runs the long write op names on s.
func runLongWrite(t testing.TB, s *Store, op, file string) {
	t.Helper()
	switch op {
	case "import":
		mc, err := continuum.PlanMerge(nil, nil, snapshotOf(longCrashImport())).Change(nil)
		must(t, err)
		_, err = s.ApplyMerge(ctx, mc, nil)
		must(t, err)
	case "restore":
		f, err := os.Open(file)
		must(t, err)
		defer f.Close()
		_, err = s.Restore(f)
		must(t, err)
	case "purge":
		c, err := s.FindContinuum(ctx, "Large")
		must(t, err)
		must(t, s.DeleteContinuum(ctx, c.ID))
	case "backup":
		must(t, s.BackupFile(file))
	default:
		t.Fatalf("no long write %q", op)
	}
}

// evidenceCount is how much evidence the store holds in all.
func evidenceCount(t *testing.T, s *Store) int {
	t.Helper()
	return countPrefix(t, s, []byte(prefixEvidence))
}

// longCrashTemplate makes a closed store with the Mathematics continuum
// and some evidence in a new folder and returns its path; more, when
// given, adds to it.
func longCrashTemplate(t *testing.T, more func(t *testing.T, s *Store)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	s := mustOpenDir(t, dir, Options{}) // the Large continuum's targets are one change
	c := createMath(t, s)
	students := roster(4)
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, []continuum.Target{{Code: "NUM.K.1"}, {Code: "GEO.K.1"}}, 5)
	if more != nil {
		more(t, s)
	}
	must(t, s.Close())
	return dir
}

func TestImportCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	template := longCrashTemplate(t, nil)
	took := timed(t, template, func(s *Store) { runLongWrite(t, s, "import", "") })
	d := longCrashImport()
	longCrash(t, "import", template, "", took, func(t *testing.T, dir, _ string, done bool) bool {
		s := mustOpenDir(t, dir, smallMemTable)
		n := evidenceCount(t, s)
		_, err := s.Continuum(ctx, d.Continuum.ID)
		switch {
		case n == 20 && err != nil && !done:
		case n == 20+len(d.Evidence) && err == nil:
			if got := storedSnapshot(t, s, d.Continuum.ID); len(got.Targets) != len(d.Targets) {
				t.Errorf("imported %d of %d targets", len(got.Targets), len(d.Targets))
			}
		default:
			t.Errorf("after the kill: %d pieces of evidence, continuum: %v; want 20 (before) or %d (after)", n, err, 20+len(d.Evidence))
		}
		if n := countPrefix(t, s, []byte(prefixStage)); n != 0 {
			t.Errorf("%d staged records left", n)
		}
		assertIndexMatches(t, s)
		return err == nil
	})
}

func TestRestoreCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	template := longCrashTemplate(t, nil)
	// The backup restored holds the Large continuum besides.
	bigger := longCrashTemplate(t, addLarge)
	s := mustOpenDir(t, bigger, smallMemTable)
	want := evidenceCount(t, s)
	file := filepath.Join(t.TempDir(), "class.backup")
	must(t, s.BackupFile(file))
	must(t, s.Close())

	took := timed(t, template, func(s *Store) { runLongWrite(t, s, "restore", file) })
	longCrash(t, "restore", template, file, took, func(t *testing.T, dir, _ string, done bool) bool {
		s := mustOpenDir(t, dir, smallMemTable)
		n := evidenceCount(t, s)
		_, err := s.FindContinuum(ctx, "Large")
		switch {
		case n == 20 && err != nil && !done:
		case n == want && err == nil:
		default:
			t.Errorf("after the kill: %d pieces of evidence, Large: %v; want 20 (before) or %d (after)", n, err, want)
		}
		assertIndexMatches(t, s)
		return err == nil
	})
}

// addLarge adds the Large continuum with 6,000 pieces of evidence.
func addLarge(t *testing.T, s *Store) {
	t.Helper()
	c, targets := realisticContinuum()
	c.Name = "Large"
	must(t, s.CreateContinuum(ctx, &c, targets))
	students := roster(30)
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, targets, 200)
}

func TestPurgeCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	template := longCrashTemplate(t, addLarge)
	took := timed(t, template, func(s *Store) { runLongWrite(t, s, "purge", "") })
	longCrash(t, "purge", template, "", took, func(t *testing.T, dir, _ string, done bool) bool {
		s := mustOpenDir(t, dir, smallMemTable)
		n := evidenceCount(t, s)
		_, err := s.FindContinuum(ctx, "Large")
		switch {
		case n == 20+6000 && err == nil && !done:
		case n == 20 && err != nil:
			if left := countPrefix(t, s, []byte(prefixTombstone)); left != 0 {
				t.Errorf("%d tombstones left", left)
			}
		default:
			t.Errorf("after the kill: %d pieces of evidence, Large: %v; want 6020 (before) or 20 (after)", n, err)
		}
		assertIndexMatches(t, s)
		return err != nil
	})
}

func TestBackupFileCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	template := longCrashTemplate(t, addLarge)
	// The file to replace holds an older backup: of the store before Large.
	small := longCrashTemplate(t, nil)
	file := filepath.Join(t.TempDir(), "class.backup")
	s := mustOpenDir(t, small, smallMemTable)
	must(t, s.BackupFile(file))
	must(t, s.Close())
	old, err := os.ReadFile(file)
	must(t, err)

	took := timed(t, template, func(s *Store) { runLongWrite(t, s, "backup", file) })
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d, kills within %v", seed, took)
	replaced := 0
	for round := range longCrashRounds {
		root := t.TempDir()
		dir := filepath.Join(root, "data")
		must(t, os.CopyFS(dir, os.DirFS(template)))
		user := filepath.Join(root, "class.backup")
		must(t, os.WriteFile(user, old, 0o600))
		env := []string{envLongCrashOp + "=backup", envLongCrashDir + "=" + dir, envLongCrashFile + "=" + user}
		acks := killedChild(t, rng, "TestLongWriteCrashChild", env, round, 1, int(took.Milliseconds())+1)
		got, err := os.ReadFile(user)
		must(t, err)
		if !bytes.Equal(got, old) {
			// Not the old file: the whole new backup, which restores.
			checkBackupRestores(t, got, 20+6000)
			replaced++
		} else if slices.Contains(acks, "ack done") {
			t.Fatalf("round %d: the backup was acknowledged, but the file is the old one", round)
		}
		// A temporary file beside a file the user named is not the
		// store's to find; the next backup to the same name replaces it.
		openInNewProcess(t, dir)
		s := mustOpenDir(t, dir, smallMemTable)
		must(t, s.BackupFile(user))
		must(t, s.Close())
		if left := leftovers(t, root); len(left) > 0 {
			t.Fatalf("round %d: left behind after the next backup: %v", round, left)
		}
	}
	t.Logf("%d rounds: the file was the new backup in %d, the old one in the others", longCrashRounds, replaced)
}

// checkBackupRestores restores the backup b into a new store and checks it
// holds want pieces of evidence.
func checkBackupRestores(t *testing.T, b []byte, want int) {
	t.Helper()
	s := mustOpenDir(t, filepath.Join(t.TempDir(), "data"), smallMemTable)
	if _, err := s.Restore(bytes.NewReader(b)); err != nil {
		t.Fatalf("the backup file is neither the old one nor a whole new one: %v", err)
	}
	if n := evidenceCount(t, s); n != want {
		t.Fatalf("the new backup holds %d pieces of evidence, want %d", n, want)
	}
}
