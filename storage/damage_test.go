package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/y"
)

// damageName is a student's name stored in the table file the tests harm;
// damageChanged is that name with one byte changed.
const (
	damageName    = "Amara Okafor"
	damageChanged = "Amora Okafor"
)

// folderWithTable makes a real store in a temporary folder with a continuum,
// a roster (one student named damageName) and evidence, closes it, and
// returns the folder and the path of its largest table file.
func folderWithTable(t testing.TB) (dir, sst string) {
	t.Helper()
	dir = t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	c := createMath(t, s)
	students := roster(28)
	students[3].Name = damageName
	must(t, s.PutStudents(ctx, students...))
	for i := range 200 {
		e := ev(c.ID, students[i%28].ID, "NUM.K.1", "2026-09-14", float64(1+i%4))
		if _, err := s.AddEvidence(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	must(t, s.Close())
	return dir, largestTable(t, dir)
}

// largestTable returns the path of the largest .sst file in dir.
func largestTable(t testing.TB, dir string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	must(t, err)
	var best string
	var size int64 = -1
	for _, p := range paths {
		fi, err := os.Stat(p)
		must(t, err)
		if fi.Size() > size {
			best, size = p, fi.Size()
		}
	}
	if best == "" {
		t.Fatalf("no table file in %s after closing the store", dir)
	}
	return best
}

// harms are the damages the trust issue found served as data or as a panic.
var harms = []struct {
	name string
	harm func(t *testing.T, data []byte) []byte
}{
	{"16 bytes flipped", func(t *testing.T, data []byte) []byte {
		at := len(data) / 3
		for i := at; i < at+16; i++ {
			data[i] ^= 0xff
		}
		return data
	}},
	{"first 4 KB zeroed", func(t *testing.T, data []byte) []byte {
		clear(data[:min(4096, len(data))])
		return data
	}},
	{"truncated", func(t *testing.T, data []byte) []byte { return data[:len(data)/2] }},
	{"name changed", func(t *testing.T, data []byte) []byte {
		i := bytes.Index(data, []byte(damageName))
		if i < 0 {
			t.Fatalf("the table file does not hold %q", damageName)
		}
		copy(data[i:], damageChanged)
		return data
	}},
}

// Given a table file damaged in each of the ways the issue found, when the
// folder is opened and read, then Open or the first read fails with
// ErrDamaged and the one sentence, never a panic and never the changed name.
func TestDamagedTableIsDetected(t *testing.T) {
	for _, h := range harms {
		t.Run(h.name, func(t *testing.T) {
			dir, sst := folderWithTable(t)
			data, err := os.ReadFile(sst)
			must(t, err)
			must(t, os.WriteFile(sst, h.harm(t, data), 0o600))

			err = openAndRead(dir)
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("open and read a folder with a table %s: got %v, want ErrDamaged", h.name, err)
			}
			assertDamageSentence(t, err, dir)
		})
	}
}

// openAndRead opens dir and reads the continua and the roster; it fails
// the way a damaged folder makes it fail, or with an error naming a student
// changed to damageChanged.
func openAndRead(dir string) error {
	s, err := Open(dir, Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Continua(ctx); err != nil {
		return err
	}
	students, err := s.Students(ctx)
	if err != nil {
		return err
	}
	for _, st := range students {
		if st.Name == damageChanged {
			return errors.New("the changed name was served: " + st.Name)
		}
	}
	return nil
}

func assertDamageSentence(t *testing.T, err error, dir string) {
	t.Helper()
	msg := err.Error()
	abs, _ := filepath.Abs(dir)
	for _, want := range []string{"The data folder " + abs + " is damaged (", "nothing was changed", "continuumctl restore --latest", "Settings → Restore"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Count(msg, ". ") > 1 || strings.Contains(msg, "\n") {
		t.Errorf("message %q is more than the one sentence", msg)
	}
}

// Given a table file the MANIFEST lists removed, Open fails with
// ErrDamaged naming it; the table check reads the MANIFEST again first, as
// another program holding the folder may have merged tables meanwhile.
func TestMissingTableIsDamage(t *testing.T) {
	dir, sst := folderWithTable(t)
	must(t, os.Remove(sst))
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), filepath.Base(sst)+" is missing") {
		t.Fatalf("Open without %s: got %v, want ErrDamaged naming it", filepath.Base(sst), err)
	}
	assertDamageSentence(t, err, dir)
}

// Given a sound folder, Check verifies its tables and decodes every record.
func TestCheckSoundFolder(t *testing.T) {
	dir, _ := folderWithTable(t)
	s := mustOpenDir(t, dir, Options{})
	rep, err := s.Check(ctx)
	must(t, err)
	if rep.Tables < 1 {
		t.Errorf("Tables = %d, want at least 1", rep.Tables)
	}
	for kind, want := range map[string]int{"students": 28, "evidence": 200, "evidence index": 200, "continua": 1, "targets": 4} {
		if got := rep.Records[kind]; got != want {
			t.Errorf("Records[%q] = %d, want %d (all: %v)", kind, got, want, rep.Records)
		}
	}
	if rep.Records["other"] != 0 {
		t.Errorf("Records[other] = %d, want 0", rep.Records["other"])
	}
}

// Given a table damaged while the store is open (the file changed under
// it), Check finds it and no read serves the changed name.
func TestCheckFindsDamageWhileOpen(t *testing.T) {
	dir, sst := folderWithTable(t)
	s := mustOpenDir(t, dir, Options{})
	data, err := os.ReadFile(sst)
	must(t, err)
	i := bytes.Index(data, []byte(damageName))
	if i < 0 {
		t.Fatalf("the table file does not hold %q", damageName)
	}
	f, err := os.OpenFile(sst, os.O_WRONLY, 0)
	must(t, err)
	_, err = f.WriteAt([]byte(damageChanged), int64(i))
	must(t, err)
	must(t, f.Close())

	if _, err := s.Check(ctx); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Check after damage: got %v, want ErrDamaged", err)
	} else {
		assertDamageSentence(t, err, dir)
	}
	students, err := s.Students(ctx)
	if err != nil && !errors.Is(err, ErrDamaged) {
		t.Fatalf("Students after damage: %v", err)
	}
	for _, st := range students {
		if st.Name == damageChanged {
			t.Fatalf("the changed name %q was served", st.Name)
		}
	}
}

// Given a table harmed in place while the store is open (all but the
// truncation, which a memory-mapped file turns into SIGBUS), reads return
// their data or ErrDamaged, never a panic and never the changed name, and
// Check finds the damage.
func TestDamageWhileOpenNeverPanics(t *testing.T) {
	for _, h := range harms {
		if h.name == "truncated" {
			continue
		}
		t.Run(h.name, func(t *testing.T) {
			dir, sst := folderWithTable(t)
			s := mustOpenDir(t, dir, Options{})
			data, err := os.ReadFile(sst)
			must(t, err)
			f, err := os.OpenFile(sst, os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteAt(h.harm(t, data), 0)
			must(t, err)
			must(t, f.Close())

			if _, err := s.Continua(ctx); err != nil && !errors.Is(err, ErrDamaged) {
				t.Errorf("Continua: %v", err)
			}
			students, err := s.Students(ctx)
			if err != nil && !errors.Is(err, ErrDamaged) {
				t.Errorf("Students: %v", err)
			}
			for _, st := range students {
				if st.Name == damageChanged {
					t.Errorf("the changed name %q was served", st.Name)
				}
			}
			if _, err := s.Check(ctx); !errors.Is(err, ErrDamaged) {
				t.Errorf("Check: got %v, want ErrDamaged", err)
			}
		})
	}
}

// A record whose value does not decode is damage too.
func TestCheckFindsUndecodableRecord(t *testing.T) {
	s := mustOpen(t)
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S01", Name: "Ada"}))
	must(t, s.update(ctx, func(_ *badger.Txn, ch *change) error {
		ch.set(studentKey("S02"), []byte{valueFormat, '{', 'x'})
		return nil
	}))
	_, err := s.Check(ctx)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "s/S02") {
		t.Fatalf("Check: got %v, want ErrDamaged naming s/S02", err)
	}
}

// A panic raised inside Badger (here reading a number from too few bytes,
// as it does from a damaged block) is the ErrDamaged sentence.
func TestCatchDamageTurnsBadgerPanic(t *testing.T) {
	err := func() (err error) {
		defer catchDamage("/tmp/x", &err)
		_ = y.BytesToU32(nil)
		return nil
	}()
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("got %v, want ErrDamaged", err)
	}
}

// A panic raised outside Badger is a fault of the program, not damage: it
// is passed on.
func TestCatchDamagePassesOtherPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "a fault" {
			t.Fatalf("recovered %v, want the original panic", r)
		}
	}()
	func() (err error) {
		defer catchDamage("/tmp/x", &err)
		panic("a fault")
	}()
}

// Badger's reports of damaged files become the sentence; other errors stay.
func TestAsDamage(t *testing.T) {
	err := asDamage("/d", errors.New("failed to read table: checksum mismatch, actual: 1, expected: 2"))
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("checksum mismatch: got %v, want ErrDamaged", err)
	}
	other := errors.New("no such file")
	if got := asDamage("/d", other); got != other {
		t.Errorf("other error: got %v, want it unchanged", got)
	}
}
