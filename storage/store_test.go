package storage

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

func TestOpenCreatesFolderAndSchema(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "store")
	s := mustOpenDir(t, dir, Options{})
	if s.Dir() != dir {
		t.Errorf("Dir() = %q, want %q", s.Dir(), dir)
	}
	fi, err := os.Stat(dir)
	must(t, err)
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", fi.Mode().Perm())
	}
	var version uint64
	must(t, s.db.View(func(txn *badger.Txn) (err error) {
		version, _, err = readUint(txn, keySchema)
		return err
	}))
	if version != schemaVersion {
		t.Errorf("schema = %d, want %d", version, schemaVersion)
	}
}

func TestOpenRelativeDirIsAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	s := mustOpenDir(t, "store", Options{})
	if !filepath.IsAbs(s.Dir()) {
		t.Errorf("Dir() = %q, want an absolute path", s.Dir())
	}
}

func TestDefaultDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "from-env")
	t.Setenv(EnvDir, dir)
	got, err := DefaultDir()
	must(t, err)
	if got != dir {
		t.Errorf("DefaultDir() = %q, want %q", got, dir)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("DefaultDir did not create %s with mode 0700: %v %v", dir, fi, err)
	}

	cfg := t.TempDir()
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CONFIG_HOME", cfg) // Linux
	t.Setenv("HOME", cfg)            // macOS
	t.Setenv("AppData", cfg)         // Windows
	got, err = DefaultDir()
	must(t, err)
	base, _ := os.UserConfigDir()
	if want := filepath.Join(base, "continuum-planner", "store"); got != want {
		t.Errorf("DefaultDir() = %q, want %q", got, want)
	}
}

func TestSecondOpenIsRefusedWithOneSentence(t *testing.T) {
	dir := t.TempDir()
	mustOpenDir(t, dir, Options{})
	for _, ro := range []bool{false, true} {
		_, err := Open(dir, Options{ReadOnly: ro})
		if !errors.Is(err, ErrAlreadyOpen) {
			t.Fatalf("second Open (read-only %v) = %v, want ErrAlreadyOpen", ro, err)
		}
		want := "This data folder is already open in another Continuum Planner window: " + dir
		if err.Error() != want {
			t.Errorf("error text = %q, want %q", err.Error(), want)
		}
	}
}

func TestReadOnlyHolderBlocksWriter(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	must(t, s.Close())
	mustOpenDir(t, dir, Options{ReadOnly: true})
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrAlreadyOpen) {
		t.Errorf("read-write Open while a read-only Store holds the folder = %v, want ErrAlreadyOpen", err)
	}
}

// TestSecondProcessIsRefused opens the folder here and again in a child
// process, which reports the error it gets.
func TestSecondProcessIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	mustOpenDir(t, dir, Options{})
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CONTINUUM_LOCK_CHILD_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := "open error: This data folder is already open in another Continuum Planner window: " + dir + " (ErrAlreadyOpen)"
	if !strings.Contains(string(out), want) {
		t.Errorf("child said:\n%s\nwant a line %q", out, want)
	}
}

func TestLockChild(t *testing.T) {
	dir := os.Getenv("CONTINUUM_LOCK_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestSecondProcessIsRefused")
	}
	s, err := Open(dir, Options{})
	if err == nil {
		s.Close()
		os.Stdout.WriteString("opened: no error\n")
		return
	}
	if errors.Is(err, ErrAlreadyOpen) {
		os.Stdout.WriteString("open error: " + err.Error() + " (ErrAlreadyOpen)\n")
	} else {
		os.Stdout.WriteString("open error: " + err.Error() + "\n")
	}
}

func TestOpenAfterCloseAndCloseTwice(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	must(t, s.Close())
	must(t, s.Close())
	if _, err := s.Students(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("Students after Close = %v, want ErrClosed", err)
	}
	s2 := mustOpenDir(t, dir, Options{})
	if _, err := s2.Students(ctx); err != nil {
		t.Errorf("Students after reopening: %v", err)
	}
}

func TestOpenRefusesFolderWithOtherFiles(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "homework.txt"), []byte("mine"), 0o600))
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrNotStore) {
		t.Fatalf("Open of a folder with other files = %v, want ErrNotStore", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		t.Error("Open wrote into a folder that is not a data folder")
	}
	// Hidden files such as .DS_Store do not count.
	hidden := t.TempDir()
	must(t, os.WriteFile(filepath.Join(hidden, ".DS_Store"), nil, 0o600))
	mustOpenDir(t, hidden, Options{})
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	must(t, s.Close())

	ro := mustOpenDir(t, dir, Options{ReadOnly: true})
	if got, err := ro.Continua(ctx); err != nil || len(got) != 1 {
		t.Fatalf("Continua read-only = %v, %v", got, err)
	}
	writes := map[string]error{
		"PutStudents":     ro.PutStudents(ctx, roster(1)...),
		"DeleteStudent":   ro.DeleteStudent(ctx, "S01"),
		"CreateContinuum": ro.CreateContinuum(ctx, ptr(continuum.NewContinuum("Art", "1")), nil),
		"PutTargets":      ro.PutTargets(ctx, c.ID, continuum.Target{Code: "X"}),
		"DeleteContinuum": ro.DeleteContinuum(ctx, c.ID),
	}
	_, writes["AddEvidence"] = ro.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3))
	_, writes["Restore"] = ro.Restore(strings.NewReader(""))
	for name, err := range writes {
		if !errors.Is(err, continuum.ErrReadOnly) {
			t.Errorf("%s on a read-only store = %v, want ErrReadOnly", name, err)
		} else if !strings.Contains(err.Error(), "opened read-only") {
			t.Errorf("%s: unclear error %q", name, err)
		}
	}
}

func TestReadOnlyOfMissingFolder(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nothing"), Options{ReadOnly: true})
	if !errors.Is(err, ErrNotStore) {
		t.Errorf("read-only Open of a missing folder = %v, want ErrNotStore", err)
	}
}

func TestCancelledContext(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	errs := map[string]error{
		"PutStudents": s.PutStudents(cctx, roster(2)...),
		"PutTargets":  s.PutTargets(cctx, c.ID, continuum.Target{Code: "NUM.2.1", Statement: "x", Domain: "Number", Level: "2"}),
	}
	_, errs["Students"] = s.Students(cctx)
	_, errs["Evidence"] = s.Evidence(cctx, continuum.EvidenceFilter{Continuum: c.ID})
	_, errs["AddEvidence"] = s.AddEvidence(cctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3))
	for name, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v, want context.Canceled", name, err)
		}
	}
	if st, _ := s.Students(ctx); len(st) != 1 {
		t.Errorf("a cancelled PutStudents stored something: %d students", len(st))
	}
}

func TestLoggerReceivesBadgerMessages(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := mustOpenDir(t, t.TempDir(), Options{Logger: log})
	must(t, s.Close())
	if !strings.Contains(buf.String(), "source=badger") {
		t.Errorf("no Badger message reached the logger:\n%s", buf.String())
	}
}

func TestOptionsChecked(t *testing.T) {
	_, err := Open(t.TempDir(), Options{MemTableSize: 1000})
	if err == nil || !strings.Contains(err.Error(), "memtable size") {
		t.Errorf("Open with a tiny memtable = %v, want a clear refusal", err)
	}
	// The smallest memtable allowed still opens: the value threshold follows it.
	s := mustOpenDir(t, t.TempDir(), Options{MemTableSize: 1 << 20})
	createMath(t, s)
}

func TestEncodeDecode(t *testing.T) {
	st := continuum.Student{ID: "S01", Name: "Ada", Group: "P1"}
	b, err := encode(st)
	must(t, err)
	if b[0] != valueFormat {
		t.Fatalf("format byte = %d", b[0])
	}
	var got continuum.Student
	must(t, decode(b, &got))
	if got.ID != st.ID || got.Name != st.Name || got.Group != st.Group {
		t.Errorf("round trip = %+v", got)
	}
	b[0] = 9
	err = decode(b, &got)
	if err == nil || !strings.Contains(err.Error(), "format 9") || !strings.Contains(err.Error(), "newer version") {
		t.Errorf("decode of format 9 = %v, want a clear error", err)
	}
	if err := decode(nil, &got); err == nil {
		t.Error("decode of an empty value succeeded")
	}
}

func TestUnknownValueFormatIsReported(t *testing.T) {
	s := mustOpen(t)
	must(t, s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(studentKey("S09"), append([]byte{7}, `{"id":"S09","name":"X"}`...))
	}))
	_, err := s.Students(ctx)
	if err == nil || !strings.Contains(err.Error(), "s/S09") || !strings.Contains(err.Error(), "format 7") {
		t.Errorf("Students with a value in format 7 = %v, want an error naming the record and format", err)
	}
}

func TestKeys(t *testing.T) {
	k := evidenceKey("c1", "S01", 0x2f2f2f2f2f2f2f2f) // every ID byte a '/'
	cid, sid, id, ok := parseEvidenceKey(k)
	if !ok || cid != "c1" || sid != "S01" || id != 0x2f2f2f2f2f2f2f2f {
		t.Errorf("parseEvidenceKey(%q) = %q %q %x %v", k, cid, sid, id, ok)
	}
	if bytes.Compare(evidenceKey("c", "s", 255), evidenceKey("c", "s", 256)) >= 0 {
		t.Error("evidence keys do not sort by ID")
	}
	if string(targetKey("c1", " Num.1 ")) != "t/c1/num.1" {
		t.Errorf("targetKey = %q", targetKey("c1", " Num.1 "))
	}
	for _, id := range []string{"", " a", "a/b", "a\nb", strings.Repeat("x", 65)} {
		if validID(id) {
			t.Errorf("validID(%q) = true", id)
		}
	}
	if got := thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %q", got)
	}
}

// TestConcurrentUse runs writers, readers, a backup and a restore at the
// same time; run with -race it checks the locking.
func TestConcurrentUse(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(4)...))
	var backup bytes.Buffer
	must(t, s.Backup(&backup))

	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Go(func() {
			for i := range 25 {
				if _, err := s.AddEvidence(ctx, ev(c.ID, roster(4)[w].ID, "NUM.K.1", "2026-09-14", float64(1+i%4))); err != nil {
					errs <- err
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 25 {
				if _, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Go(func() {
		if err := s.Backup(io.Discard); err != nil {
			errs <- err
		}
	})
	wg.Go(func() {
		if _, err := s.Restore(bytes.NewReader(backup.Bytes())); err != nil {
			errs <- err
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Whatever the order, IDs stayed unique and the index matches.
	assertIndexMatches(t, s)
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	seen := map[uint64]bool{}
	for _, e := range evs {
		if seen[e.ID] {
			t.Errorf("evidence ID %d twice", e.ID)
		}
		seen[e.ID] = true
	}
}

// Given a data folder where a crash left an empty memtable file (killed
// just after Badger created it), when it is opened, then it opens with its
// data.
func TestOpenAfterACrashLeftAnEmptyMemtableFile(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	must(t, s.PutStudents(ctx, roster(2)...))
	must(t, s.Close())
	must(t, os.WriteFile(filepath.Join(dir, "09999.mem"), nil, 0o600))

	s = mustOpenDir(t, dir, Options{})
	if sts, err := s.Students(ctx); err != nil || len(sts) != 2 {
		t.Errorf("students after opening: %v, %v", sts, err)
	}
}
