package storage

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// smallOptions keep Badger's reserve at 3 MiB, to fit a small disk.
var smallOptions = Options{MemTableSize: 1 << 20, NumMemtables: 1, ValueLogFileSize: 1 << 20}

// smallDisk mounts a tmpfs of size (e.g. "16m") and returns its folder,
// unmounted when the test ends. It skips the test, saying why, when not
// running as root or when the mount fails.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the full-disk test mounts a small tmpfs and needs root; run the tests as root to include it")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("the full-disk test could not mount a tmpfs (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file into dir until the disk is full and returns its path.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !strings.Contains(err.Error(), "no space") {
				t.Fatalf("filling the disk: %v", err)
			}
			return path
		}
	}
}

func TestFullDiskIsAMessageNotACrash(t *testing.T) {
	disk := smallDisk(t, "16m")
	dir := filepath.Join(disk, "store")
	s, err := Open(dir, smallOptions)
	must(t, err)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(3)...))
	_, err = s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-20", 3))
	must(t, err)
	must(t, s.Close())

	filler := fillDisk(t, disk)
	s, err = Open(dir, smallOptions)
	if err != nil {
		t.Fatalf("Open on a full disk: %v; want the data readable", err)
	}
	got, err := s.Evidence(ctx, evidenceOf(c.ID))
	if err != nil || len(got) != 1 || got[0].Score != 3 {
		t.Fatalf("on a full disk the store holds %v, %v; want the one piece of evidence", got, err)
	}
	_, err = s.AddEvidence(ctx, ev(c.ID, "S02", "NUM.K.1", "2026-09-21", 2))
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("AddEvidence on a full disk: %v; want ErrDiskFull", err)
	}
	want := "The disk is full: " + dir + " has no room for this change; nothing was changed. Free some space ("
	if !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), " MB are needed) and try again.") {
		t.Errorf("full-disk error %q; want the sentence naming %s", err, dir)
	}
	backup := filepath.Join(disk, "copy.backup")
	if err := s.BackupFile(backup); !errors.Is(err, ErrDiskFull) {
		t.Errorf("BackupFile on a full disk: %v; want ErrDiskFull", err)
	}
	for _, p := range []string{backup, backup + ".tmp"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused backup left %s (%v)", p, err)
		}
	}
	if _, err := s.Restore(strings.NewReader("")); !errors.Is(err, ErrDiskFull) {
		t.Errorf("Restore on a full disk: %v; want ErrDiskFull", err)
	}
	must(t, s.Close())

	if _, err := Open(filepath.Join(disk, "new"), smallOptions); !errors.Is(err, ErrDiskFull) {
		t.Errorf("creating a store on a full disk: %v; want ErrDiskFull", err)
	}

	must(t, os.Remove(filler))
	s, err = Open(dir, smallOptions)
	must(t, err)
	defer s.Close()
	if _, err := s.AddEvidence(ctx, ev(c.ID, "S02", "NUM.K.1", "2026-09-21", 2)); err != nil {
		t.Fatalf("AddEvidence once space is freed: %v", err)
	}
	if got, err := s.Evidence(ctx, evidenceOf(c.ID)); err != nil || len(got) != 2 {
		t.Errorf("after freeing space the store holds %d pieces of evidence (%v); want 2", len(got), err)
	}
}

// TestChangeRefusedWhenSpaceRunsLow runs everywhere: the free space is
// pretended, so it checks the decision, not the file system.
func TestChangeRefusedWhenSpaceRunsLow(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), smallOptions)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	free := int64(1 << 40)
	old := freeSpace
	freeSpace = func(string) (int64, bool) { return free, true }
	t.Cleanup(func() { freeSpace = old })

	if _, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-20", 3)); err != nil {
		t.Fatalf("AddEvidence with room: %v", err)
	}
	free = reserve(smallOptions) - 2_500_000
	_, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-21", 3))
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("AddEvidence short of space: %v; want ErrDiskFull", err)
	}
	if !strings.Contains(err.Error(), "(3 MB are needed)") {
		t.Errorf("full-disk error %q; want it to say 3 MB are needed", err)
	}
	if got, _ := s.Evidence(ctx, evidenceOf(c.ID)); len(got) != 1 {
		t.Errorf("a refused change stored evidence: %d pieces; want 1", len(got))
	}
	if err := s.Backup(io.Discard); err != nil {
		t.Errorf("a backup to a stream needs no free space here: %v", err)
	}
}

func TestDiskFullWrapsENOSPC(t *testing.T) {
	err := diskFull("/data", &os.PathError{Op: "write", Path: "/data/000001.vlog", Err: errNoSpace})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("diskFull(ENOSPC) = %v; want ErrDiskFull", err)
	}
	if want := "The disk is full: /data has no room for this change; nothing was changed. Free some space and try again."; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	other := errors.New("permission denied")
	if got := diskFull("/data", other); got != other {
		t.Errorf("diskFull changed an unrelated error: %v", got)
	}
}

// errNoSpace is the operating system's full-disk error.
var errNoSpace = syscall.ENOSPC

func evidenceOf(cid string) continuum.EvidenceFilter { return continuum.EvidenceFilter{Continuum: cid} }

// A disk that fills while the store is open: the change is refused, and
// Close, which flushes Badger's write buffer into a new table through a
// memory mapping, does not die of SIGBUS: the space set aside at Open is
// given back first. The data written before the disk filled is kept.
func TestCloseOnADiskThatFilledUp(t *testing.T) {
	disk := smallDisk(t, "16m")
	dir := filepath.Join(disk, "store")
	s, err := Open(dir, smallOptions)
	must(t, err)
	info, err := os.Stat(filepath.Join(dir, ballastName))
	if err != nil || info.Mode().Perm() != 0o600 || info.Size() != ballastSize(smallOptions) {
		t.Fatalf("space set aside at Open: %v, %v; want a 0600 file of %d bytes", info, err, ballastSize(smallOptions))
	}
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(3)...))
	_, err = s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-20", 3))
	must(t, err)
	fillDisk(t, disk)
	if _, err := s.AddEvidence(ctx, ev(c.ID, "S02", "NUM.K.1", "2026-09-21", 2)); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("AddEvidence once the disk filled: %v; want ErrDiskFull", err)
	}
	must(t, s.Close())
	if _, err := os.Stat(filepath.Join(dir, ballastName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Close left the space set aside (%v)", err)
	}
	s, err = Open(dir, smallOptions)
	must(t, err)
	defer s.Close()
	got, err := s.Evidence(ctx, evidenceOf(c.ID))
	if err != nil || len(got) != 1 || got[0].Student != "S01" {
		t.Errorf("after closing on a full disk the store holds %v (%v); want the one piece written before", got, err)
	}
}
