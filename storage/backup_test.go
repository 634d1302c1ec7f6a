package storage

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// snapshot is everything a store holds, read through the public API.
type snapshot struct {
	Continua  []continuum.Continuum
	Targets   map[string][]continuum.Target
	Students  []continuum.Student
	Evidence  map[string][]continuum.Evidence
	Overrides map[string][]continuum.Override
}

func takeSnapshot(t *testing.T, s *Store) snapshot {
	t.Helper()
	var snap snapshot
	var err error
	snap.Continua, err = s.Continua(ctx)
	must(t, err)
	snap.Students, err = s.Students(ctx)
	must(t, err)
	snap.Targets = map[string][]continuum.Target{}
	snap.Evidence = map[string][]continuum.Evidence{}
	snap.Overrides = map[string][]continuum.Override{}
	for _, c := range snap.Continua {
		snap.Targets[c.ID], err = s.Targets(ctx, c.ID)
		must(t, err)
		snap.Evidence[c.ID], err = s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
		must(t, err)
		snap.Overrides[c.ID], err = s.Overrides(ctx, c.ID, "")
		must(t, err)
	}
	return snap
}

func sameSnapshot(t *testing.T, what string, got, want snapshot) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: data differs\n got %d continua, %d students, evidence %v\nwant %d continua, %d students, evidence %v",
			what, len(got.Continua), len(got.Students), evidenceCounts(got), len(want.Continua), len(want.Students), evidenceCounts(want))
	}
}

func evidenceCounts(s snapshot) map[string]int {
	m := map[string]int{}
	for k, v := range s.Evidence {
		m[k] = len(v)
	}
	return m
}

// classroom fills s with a continuum, a roster, evidence and an override.
func classroom(t *testing.T, s *Store) continuum.Continuum {
	t.Helper()
	c := createMath(t, s)
	students := roster(5)
	students[0].StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "1"}}
	must(t, s.PutStudents(ctx, students...))
	_, targets := mathContinuum()
	fillEvidence(t, s, c.ID, students, targets, 20)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S02", Target: "NUM.K.1", Mastered: true, Reason: "Seen", Date: continuum.MustParseDate("2026-10-01")}))
	return c
}

func TestBackupAndRestore(t *testing.T) {
	s := mustOpen(t)
	c := classroom(t, s)
	atBackup := takeSnapshot(t, s)
	var backup bytes.Buffer
	must(t, s.Backup(&backup))
	if !strings.HasPrefix(backup.String(), "CONTINUUM-PLANNER-BACKUP 1\n") {
		t.Fatalf("backup starts %q", backup.String()[:min(40, backup.Len())])
	}

	// When more work is done after the backup...
	more := continuum.NewContinuum("Science", "1")
	must(t, s.CreateContinuum(ctx, &more, nil))
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S99", Name: "New"}))
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "GEO.K.1", "2026-11-01", 4))
	must(t, err)
	must(t, s.DeleteStudent(ctx, "S03"))
	must(t, s.DeleteTarget(ctx, c.ID, "GEO.2.1"))
	beforeRestore := takeSnapshot(t, s)

	// ...and the backup is restored, the data is as it was at the backup.
	safety, err := s.Restore(bytes.NewReader(backup.Bytes()))
	must(t, err)
	sameSnapshot(t, "after restore", takeSnapshot(t, s), atBackup)
	assertIndexMatches(t, s)
	if filepath.Dir(safety) != BackupsDir(s.Dir()) || !strings.HasSuffix(safety, "-before-restore.backup") {
		t.Errorf("safety backup at %q, want %s/<time>-before-restore.backup", safety, BackupsDir(s.Dir()))
	}
	if entries, _ := os.ReadDir(s.Dir()); hasRestoreFiles(entries) {
		t.Errorf("restore files left in the data folder: %v", entries)
	}

	// Evidence IDs keep increasing past those used before the restore.
	again, err := s.AddEvidence(ctx, ev(c.ID, "S01", "GEO.K.1", "2026-11-02", 4))
	must(t, err)
	if again[0].ID <= added[0].ID {
		t.Errorf("ID after restore = %d, want more than %d", again[0].ID, added[0].ID)
	}
	_, err = s.DeleteEvidence(ctx, again[0].ID)
	must(t, err)

	// The safety backup holds the data as it was before the restore.
	f, err := os.Open(safety)
	must(t, err)
	defer f.Close()
	safety2, err := s.Restore(f)
	must(t, err)
	sameSnapshot(t, "after restoring the safety backup", takeSnapshot(t, s), beforeRestore)
	if safety2 == safety {
		t.Error("two restores wrote the same safety backup")
	}
	// And it survives reopening.
	dir := s.Dir()
	must(t, s.Close())
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "after reopening", takeSnapshot(t, s), beforeRestore)
}

func hasRestoreFiles(entries []os.DirEntry) bool {
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "restore-") {
			return true
		}
	}
	return false
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	s := mustOpen(t)
	classroom(t, s)
	before := takeSnapshot(t, s)
	var good bytes.Buffer
	must(t, s.Backup(&good))
	truncated := good.Bytes()[:good.Len()*2/3]
	corrupt := bytes.Clone(good.Bytes())
	corrupt[len(corrupt)/2] ^= 0xff

	cases := map[string]struct {
		data []byte
		is   error
		text string
	}{
		"spreadsheet":    {[]byte("PK\x03\x04 not a backup at all"), ErrNotBackup, `expected a file that starts with "CONTINUUM-PLANNER-BACKUP"`},
		"empty":          {nil, ErrNotBackup, "CONTINUUM-PLANNER-BACKUP"},
		"newer format":   {[]byte("CONTINUUM-PLANNER-BACKUP 2\n..."), ErrNewerVersion, "made by a newer version"},
		"not gzip":       {[]byte("CONTINUUM-PLANNER-BACKUP 1\nhello"), nil, "damaged"},
		"truncated":      {truncated, nil, "damaged"},
		"corrupted":      {corrupt, nil, "damaged"},
		"bad first line": {[]byte("CONTINUUM-PLANNER-BACKUP one\n"), ErrNotBackup, "first line"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			safety, err := s.Restore(bytes.NewReader(tc.data))
			if err == nil || (tc.is != nil && !errors.Is(err, tc.is)) || !strings.Contains(err.Error(), tc.text) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("Restore = %v, want an error (%v) mentioning %q and that nothing changed", err, tc.is, tc.text)
			}
			if safety != "" {
				t.Errorf("a refused restore wrote a safety backup %s", safety)
			}
			sameSnapshot(t, "after a refused restore", takeSnapshot(t, s), before)
		})
	}
	if entries, _ := os.ReadDir(s.Dir()); hasRestoreFiles(entries) {
		t.Errorf("restore files left in the data folder: %v", entries)
	}
	parent, _ := os.ReadDir(filepath.Dir(s.Dir()))
	if len(parent) != 1 {
		t.Errorf("refused restores left files next to the data folder: %v", parent)
	}
}

// rawBackup writes a backup file of a database filled by hand.
func rawBackup(t *testing.T, kv map[string]any) []byte {
	t.Helper()
	db := rawBadger(t, t.TempDir())
	defer db.Close()
	writeRaw(t, db, kv)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s %d\n", backupMagic, backupFormat)
	gz := gzip.NewWriter(&buf)
	_, err := db.Backup(gz, 0)
	must(t, err)
	must(t, gz.Close())
	return buf.Bytes()
}

func TestRestoreRefusesNewerSchemaAndForeignData(t *testing.T) {
	s := mustOpen(t)
	classroom(t, s)
	before := takeSnapshot(t, s)
	newer := rawBackup(t, map[string]any{keySchema: []byte{0, 0, 0, 9}})
	if _, err := s.Restore(bytes.NewReader(newer)); !errors.Is(err, ErrNewerVersion) {
		t.Errorf("restore of schema 9 = %v, want ErrNewerVersion", err)
	}
	foreign := rawBackup(t, map[string]any{"users/1": []byte("x")})
	if _, err := s.Restore(bytes.NewReader(foreign)); err == nil || !strings.Contains(err.Error(), "users/1") {
		t.Errorf("restore of foreign data = %v, want an error naming the record", err)
	}
	sameSnapshot(t, "after refused restores", takeSnapshot(t, s), before)
}

func TestRestoreOfOlderSchemaIsUpgraded(t *testing.T) {
	c, targets := mathContinuum()
	c.ID = "c1"
	e := ev("c1", "S01", "NUM.K.1", "2026-09-14", 3)
	e.ID = 5
	old := rawBackup(t, map[string]any{
		keySchema:                           []byte{0, 0, 0, 1},
		keyEvidenceCounter:                  uint64Bytes(5),
		"c/c1":                              c,
		"cn/mathematics":                    []byte("c1"),
		"t/c1/num.k.1":                      targets[0],
		"s/S01":                             continuum.Student{ID: "S01", Name: "Ada"},
		string(evidenceKey("c1", "S01", 5)): e,
	})
	s := mustOpen(t)
	_, err := s.Restore(bytes.NewReader(old))
	must(t, err)
	assertIndexMatches(t, s)
	if _, err := s.DeleteEvidence(ctx, 5); err != nil {
		t.Errorf("DeleteEvidence after restoring a schema-1 backup: %v", err)
	}
}

// TestInterruptedRestoreFinishesOnOpen stages a restore as Restore does,
// then "crashes" before applying it: the next Open carries it through.
func TestInterruptedRestoreFinishesOnOpen(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	want := takeSnapshot(t, s)
	var backup bytes.Buffer
	must(t, s.Backup(&backup))
	must(t, s.DeleteStudent(ctx, "S01"))
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S42", Name: "Later"}))

	staged := filepath.Join(dir, restoreStaging)
	_, err := s.stageRestore(bytes.NewReader(backup.Bytes()), staged, 1000, "")
	must(t, err)
	must(t, s.Close())
	must(t, os.Rename(staged, filepath.Join(dir, restorePending)))

	if _, err := Open(dir, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("read-only Open with a restore pending = %v, want a refusal", err)
	}
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "after the interrupted restore finished", takeSnapshot(t, s), want)
	if _, err := os.Stat(filepath.Join(dir, restorePending)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("pending restore left behind: %v", err)
	}
	added, err := s.AddEvidence(ctx, ev(want.Continua[0].ID, "S02", "NUM.K.1", "2026-12-01", 3))
	must(t, err)
	if added[0].ID <= 1000 {
		t.Errorf("ID after restore = %d, want above the staged floor 1000", added[0].ID)
	}
}

// TestUnfinishedStagingIsDropped: a crash while a restore was being staged
// leaves the data untouched, and the staging file is removed.
func TestUnfinishedStagingIsDropped(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	want := takeSnapshot(t, s)
	must(t, s.Close())
	must(t, os.WriteFile(filepath.Join(dir, restoreStaging), []byte("CONTINUUM-PLANNER-RESTORE 0\npartial"), 0o600))
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "after reopening", takeSnapshot(t, s), want)
	if _, err := os.Stat(filepath.Join(dir, restoreStaging)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("staging file left behind: %v", err)
	}
}

func TestBackupFile(t *testing.T) {
	s := mustOpen(t)
	classroom(t, s)
	path := filepath.Join(t.TempDir(), "friday.backup")
	must(t, s.BackupFile(path))
	b, err := os.ReadFile(path)
	must(t, err)
	if !bytes.HasPrefix(b, []byte("CONTINUUM-PLANNER-BACKUP 1\n")) {
		t.Errorf("backup file starts %q", b[:20])
	}
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Error("temporary file left behind")
	}
	// A backup restores into a fresh store.
	fresh := mustOpen(t)
	_, err = fresh.Restore(bytes.NewReader(b))
	must(t, err)
	sameSnapshot(t, "fresh store from a backup file", takeSnapshot(t, fresh), takeSnapshot(t, s))
}
