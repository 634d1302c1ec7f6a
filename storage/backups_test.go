package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// touch writes a small file at path.
func touch(t *testing.T, path string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, []byte("x"), 0o600))
}

func names(t *testing.T, folder string) []string {
	t.Helper()
	entries, err := os.ReadDir(folder)
	must(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Given 40 automatic backups taken every 18 hours over 30 days, when the
// retention runs, then the last 10 are kept plus the newest of each of the
// last 14 days, and nothing else of the folder's is touched.
func TestRetentionKeepsLastTenAndOnePerDay(t *testing.T) {
	s := mustOpen(t)
	folder := BackupsDir(s.Dir())
	now := time.Date(2026, 7, 31, 12, 0, 0, 0, time.Local) // no clock change in July
	var all []string
	for i := range 40 {
		name := now.Add(-18*time.Duration(i)*time.Hour).Format(stampLayout) + "-before-import.backup"
		touch(t, filepath.Join(folder, name))
		all = append(all, name)
	}
	touch(t, filepath.Join(folder, "mine.backup"))                 // put there by hand: not an automatic name
	touch(t, filepath.Join(filepath.Dir(s.Dir()), "term1.backup")) // made with continuumctl backup FILE
	must(t, s.pruneBackups(now))

	// Hand-checked: backup i is taken 18h×i before Jul 31 12:00. 0-9 are the
	// last ten (Jul 31 back to Jul 24 18:00); then the newest of Jul 23, 22,
	// 21, 20, 19, 18 are 11, 12, 13, 15, 16, 17 (10, 14 and 18 share a day
	// with a newer one; 19 on is before Jul 18).
	var want []string
	for _, i := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17} {
		want = append(want, all[i])
	}
	want = append(want, "mine.backup")
	slices.Sort(want)
	if got := names(t, folder); !slices.Equal(got, want) {
		t.Errorf("kept\n%v\nwant\n%v", got, want)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(s.Dir()), "term1.backup")); err != nil {
		t.Errorf("a backup made by hand was pruned: %v", err)
	}
}

func TestRetentionIsConfigurable(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{BackupsKept: 2, BackupDays: -1})
	classroom(t, s)
	var b bytes.Buffer
	must(t, s.Backup(&b))
	var safety []string
	for range 4 {
		saved, err := s.Restore(bytes.NewReader(b.Bytes()))
		must(t, err)
		safety = append(safety, saved)
	}
	got, err := s.Backups()
	must(t, err)
	if len(got) != 2 || got[0].Path != safety[3] || got[1].Path != safety[2] {
		t.Fatalf("kept %+v; want the last two of %v", got, safety)
	}
	for _, b := range got {
		if b.Before != "restore" {
			t.Errorf("%s: made before %q; want restore", b.Path, b.Before)
		}
		info, err := os.Stat(b.Path)
		must(t, err)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v; want 0600", b.Path, info.Mode().Perm())
		}
	}
	info, err := os.Stat(BackupsDir(dir))
	must(t, err)
	if info.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %v; want 0700", info.Mode().Perm())
	}
}

// The listing finds the backups folder's and the older ones beside the data
// folder, newest first, with what made each.
func TestBackupsListing(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "store")
	folder := BackupsDir(dir)
	if folder != filepath.Join(parent, "store.backups") {
		t.Fatalf("BackupsDir = %s", folder)
	}
	touch(t, filepath.Join(parent, "store-before-import-20260301-090000.backup"))
	touch(t, filepath.Join(parent, "store-before-roster-import-20260301-090000-2.backup"))
	touch(t, filepath.Join(parent, "store-before-restore-20260302-080000.backup.tmp")) // unfinished
	touch(t, filepath.Join(parent, "other-before-import-20260303-080000.backup"))      // another folder's
	touch(t, filepath.Join(parent, "term1.backup"))
	touch(t, filepath.Join(folder, "20260304-101500-before-import.backup"))
	touch(t, filepath.Join(folder, "20260304-101500-before-restore-2.backup"))
	must(t, os.WriteFile(filepath.Join(folder, "20260305-070000-before-import.backup"), make([]byte, 2048), 0o600))
	touch(t, filepath.Join(folder, "notes.txt"))

	got, err := Backups(dir)
	must(t, err)
	want := []struct{ name, before string }{
		{"store.backups/20260305-070000-before-import.backup", "import"},
		{"store.backups/20260304-101500-before-restore-2.backup", "restore"},
		{"store.backups/20260304-101500-before-import.backup", "import"},
		{"store-before-roster-import-20260301-090000-2.backup", "class-list import"},
		{"store-before-import-20260301-090000.backup", "import"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d backups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Path != filepath.Join(parent, w.name) || got[i].Before != w.before {
			t.Errorf("backup %d: %s before %q; want %s before %q", i, got[i].Path, got[i].Before, w.name, w.before)
		}
	}
	if got[0].Size != 2048 || !got[0].Taken.Equal(time.Date(2026, 3, 5, 7, 0, 0, 0, time.Local)) {
		t.Errorf("newest: size %d, taken %v", got[0].Size, got[0].Taken)
	}
	latest, err := LatestBackup(dir)
	must(t, err)
	if latest.Path != got[0].Path {
		t.Errorf("LatestBackup = %s; want %s", latest.Path, got[0].Path)
	}
	if _, err := LatestBackup(filepath.Join(parent, "empty")); !errors.Is(err, ErrNoBackup) {
		t.Errorf("LatestBackup of a folder without backups: %v; want ErrNoBackup", err)
	}
}

// An import's automatic backup goes into the backups folder.
func TestImportBackupGoesToBackupsFolder(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	backup, err := s.ApplyMerge(ctx, continuum.MergeChange{Continuum: c, Students: roster(2)}, nil)
	must(t, err)
	if filepath.Dir(backup) != BackupsDir(s.Dir()) {
		t.Errorf("import backup at %s; want it in %s", backup, BackupsDir(s.Dir()))
	}
	got, err := s.Backups()
	must(t, err)
	if len(got) != 1 || got[0].Path != backup || got[0].Before != "import into Mathematics" {
		t.Errorf("Backups() = %+v; want the import's %s", got, backup)
	}
}

// What a backup was taken before is kept inside it, whatever its length
// and script, and the backup still restores.
func TestBackupSaysWhatItWasTakenBefore(t *testing.T) {
	s := mustOpen(t)
	classroom(t, s)
	for _, about := range []string{"import into Mathématiques 算数", strings.Repeat("算数", 600), "restore of \"a\nb\".backup"} {
		path := s.backupPath("before-import")
		must(t, s.backupFileAbout(path, about))
		got := readAbout(path)
		if about == strings.Repeat("算数", 600) {
			if got == "" || !strings.HasPrefix(about, got) {
				t.Errorf("a long note read back as %q", got)
			}
		} else if about == "restore of \"a\nb\".backup" {
			if got != "" {
				t.Errorf("a note with a line break read back as %q; want none", got)
			}
		} else if got != about {
			t.Errorf("note %q read back as %q", about, got)
		}
		f, err := os.Open(path)
		must(t, err)
		fresh := mustOpen(t)
		_, err = fresh.Restore(f)
		f.Close()
		must(t, err)
	}
}

// Given the leftovers of a backup and a restore killed midway, when the
// data folder is opened, then they are gone; newer files and files not
// ours stay.
func TestOpenRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "store")
	s := mustOpenDir(t, dir, Options{})
	must(t, s.Close())
	old := processStart.Add(-time.Hour)
	stale := []string{
		filepath.Join(BackupsDir(dir), "20260304-101500-before-import.backup.tmp"),
		filepath.Join(parent, "store-before-import-20260301-090000.backup.tmp"),
		filepath.Join(parent, ".store-restore-check-123456", "MANIFEST"),
	}
	for _, p := range stale {
		touch(t, p)
		must(t, os.Chtimes(p, old, old))
	}
	checkDir := filepath.Dir(stale[2])
	must(t, os.Chtimes(checkDir, old, old))
	keep := []string{
		filepath.Join(parent, "term1.backup.tmp"), // not named as ours
		filepath.Join(parent, ".other-restore-check-1", "MANIFEST"),
	}
	for _, p := range keep {
		touch(t, p)
		must(t, os.Chtimes(p, old, old))
	}
	fresh := filepath.Join(BackupsDir(dir), "20260305-101500-before-import.backup.tmp")
	touch(t, fresh)
	future := time.Now().Add(time.Hour)
	must(t, os.Chtimes(fresh, future, future))

	mustOpenDir(t, dir, Options{})
	for _, p := range []string{stale[0], stale[1], checkDir} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left after Open: %v", p, err)
		}
	}
	for _, p := range append(keep, fresh) {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
}

// A read-only Open removes nothing.
func TestReadOnlyOpenKeepsLeftovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := mustOpenDir(t, dir, Options{})
	createMath(t, s)
	must(t, s.Close())
	tmp := filepath.Join(BackupsDir(dir), "20260304-101500-before-import.backup.tmp")
	touch(t, tmp)
	old := processStart.Add(-time.Hour)
	must(t, os.Chtimes(tmp, old, old))
	mustOpenDir(t, dir, Options{ReadOnly: true})
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("read-only Open removed %s: %v", tmp, err)
	}
}

func TestRestoreLatest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	want := takeSnapshot(t, s)
	auto := s.backupPath("before-import")
	must(t, s.backupFile(auto))
	must(t, s.PutStudents(ctx, roster(8)...)) // a change after the backup
	changed := takeSnapshot(t, s)
	must(t, s.Close())

	done, err := RestoreLatest(dir, Options{})
	must(t, err)
	if done.Backup.Path != auto || done.Damaged != "" || done.SafetyBackup == "" {
		t.Fatalf("RestoreLatest = %+v; want %s restored with a safety backup", done, auto)
	}
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "after restore --latest", takeSnapshot(t, s), want)
	// The safety backup holds the data replaced.
	fresh := mustOpen(t)
	f, err := os.Open(done.SafetyBackup)
	must(t, err)
	defer f.Close()
	_, err = fresh.Restore(f)
	must(t, err)
	sameSnapshot(t, "safety backup", takeSnapshot(t, fresh), changed)
}

// Given a data folder that cannot be opened, RestoreLatest moves it aside
// whole and restores the newest automatic backup in its place.
func TestRestoreLatestOfDamagedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	want := takeSnapshot(t, s)
	must(t, s.backupFile(s.backupPath("before-import")))
	must(t, s.Close())
	manifest := filepath.Join(dir, "MANIFEST")
	must(t, os.WriteFile(manifest, []byte("damaged damaged damaged"), 0o600))
	if s, err := Open(dir, Options{}); err == nil {
		s.Close()
		t.Fatal("the damaged folder opened")
	}

	done, err := RestoreLatest(dir, Options{})
	must(t, err)
	if done.Damaged == "" || done.SafetyBackup != "" {
		t.Fatalf("RestoreLatest = %+v; want the folder moved aside", done)
	}
	if b, err := os.ReadFile(filepath.Join(done.Damaged, "MANIFEST")); err != nil || string(b) != "damaged damaged damaged" {
		t.Errorf("the damaged folder was not kept as it was: %q, %v", b, err)
	}
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "restored in place of a damaged folder", takeSnapshot(t, s), want)
	if got, _ := s.Backups(); len(got) != 1 {
		t.Errorf("%d automatic backups; want only the one restored (an empty store is not worth one)", len(got))
	}
}

// A folder that is not a data folder, or one held open, is left alone.
func TestRestoreLatestLeavesOthersAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	must(t, s.backupFile(s.backupPath("before-import")))
	if _, err := RestoreLatest(dir, Options{}); !errors.Is(err, ErrAlreadyOpen) {
		t.Errorf("RestoreLatest of a folder held open: %v; want ErrAlreadyOpen", err)
	}
	must(t, s.Close())
	must(t, os.Remove(filepath.Join(dir, "MANIFEST")))
	touch(t, filepath.Join(dir, "homework.txt"))
	if _, err := RestoreLatest(dir, Options{}); !errors.Is(err, ErrNotStore) {
		t.Errorf("RestoreLatest of a folder of other files: %v; want ErrNotStore", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "homework.txt")); err != nil {
		t.Errorf("a folder of other files was touched: %v", err)
	}
	if _, err := RestoreLatest(filepath.Join(t.TempDir(), "none"), Options{}); !errors.Is(err, ErrNoBackup) {
		t.Errorf("RestoreLatest without backups: %v; want ErrNoBackup", err)
	}
}

// Given a data folder that is gone, RestoreLatest makes it anew from the
// newest backup, and saves no backup of the empty store it replaced.
func TestRestoreLatestOfMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := mustOpenDir(t, dir, Options{})
	classroom(t, s)
	want := takeSnapshot(t, s)
	must(t, s.backupFile(s.backupPath("before-import")))
	must(t, s.Close())
	must(t, os.RemoveAll(dir))

	done, err := RestoreLatest(dir, Options{})
	must(t, err)
	if done.SafetyBackup != "" || done.Damaged != "" {
		t.Errorf("RestoreLatest = %+v; want no safety backup and nothing moved", done)
	}
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "restored into a folder that was gone", takeSnapshot(t, s), want)
	if got, _ := s.Backups(); len(got) != 1 {
		t.Errorf("%d automatic backups; want only the one restored", len(got))
	}
}

// A backup written by hand removes the temporary file a killed backup
// left in that folder over an hour ago, and leaves a newer one and other
// files alone.
func TestHandBackupRemovesStaleTemps(t *testing.T) {
	s := mustOpen(t)
	dir := t.TempDir()
	old := filepath.Join(dir, "term1.backup.tmp")
	recent := filepath.Join(dir, "term2.backup.tmp")
	other := filepath.Join(dir, "notes.tmp")
	for _, p := range []string{old, recent, other} {
		must(t, os.WriteFile(p, []byte("x"), 0o600))
	}
	two := time.Now().Add(-2 * time.Hour)
	must(t, os.Chtimes(old, two, two))
	must(t, os.Chtimes(other, two, two))
	must(t, s.BackupFile(filepath.Join(dir, "term3.backup")))
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
	for _, p := range []string{recent, other, filepath.Join(dir, "term3.backup")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
