package storage

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

const (
	testPassphrase = "correct horse battery"
	// secretName is a student's name that must never appear in an encrypted folder's files.
	secretName = "Rosalind Quaternion-Okafor"
	// secretNote is a note on a piece of evidence, likewise.
	secretNote = "Counted backwards from forty with Wenceslas"
)

// plainFolder makes a plain store in a new folder holding the math
// continuum, a student named secretName with a noted piece of evidence,
// and 28 other students; it returns the folder, closed.
func plainFolder(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir, Options{})
	must(t, err)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, append(roster(28), continuum.Student{ID: "S99", Name: secretName, Group: "Period 1"})...))
	e := ev(c.ID, "S99", "NUM.K.1", "2026-09-14", 3)
	e.Note = secretNote
	_, err = s.AddEvidence(ctx, e, ev(c.ID, "S01", "NUM.K.1", "2026-09-15", 2))
	must(t, err)
	must(t, s.Close())
	return dir
}

// fileWith returns a file under dir that holds needle, or "": in its
// bytes, or inside a gzip stream in it (a plain backup is compressed, so
// a name in it is not in its bytes as written).
func fileWith(t testing.TB, dir, needle string) string {
	t.Helper()
	var found string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if holdsText(b, []byte(needle)) {
			found = path
		}
		return nil
	})
	must(t, err)
	return found
}

// holdsText says whether b holds needle as written or inside a gzip
// stream starting anywhere in b.
func holdsText(b, needle []byte) bool {
	if bytes.Contains(b, needle) {
		return true
	}
	for at := 0; ; at++ {
		i := bytes.Index(b[at:], []byte{0x1f, 0x8b, 0x08})
		if i < 0 {
			return false
		}
		at += i
		if gz, err := gzip.NewReader(bytes.NewReader(b[at:])); err == nil {
			inflated, _ := io.ReadAll(io.LimitReader(gz, 256<<20)) // what inflates before an error counts
			if bytes.Contains(inflated, needle) {
				return true
			}
		}
	}
}

// checkData opens dir with passphrase and checks what plainFolder stored.
func checkData(t *testing.T, dir, passphrase string, students, evidence int) {
	t.Helper()
	s, err := Open(dir, Options{Passphrase: passphrase})
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	defer s.Close()
	st, err := s.Student(ctx, "S99")
	must(t, err)
	if st.Name != secretName {
		t.Errorf("S99 is %q, want %q", st.Name, secretName)
	}
	all, err := s.Students(ctx)
	must(t, err)
	cs, err := s.Continua(ctx)
	must(t, err)
	if len(cs) != 1 {
		t.Fatalf("%d continua, want 1", len(cs))
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cs[0].ID})
	must(t, err)
	if len(all) != students || len(evs) != evidence {
		t.Errorf("%d students and %d pieces of evidence, want %d and %d", len(all), len(evs), students, evidence)
	}
}

// noLeftovers fails when a rewrite left a folder beside dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	must(t, err)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".rewrite-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestEncryptedFolderHoldsNoStudentName(t *testing.T) {
	dir := plainFolder(t)
	if fileWith(t, dir, secretName) == "" {
		t.Fatal("the plain folder does not hold the name: the search below would prove nothing")
	}
	rk, err := Encrypt(dir, testPassphrase)
	must(t, err)
	if !regexp.MustCompile(`^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$`).MatchString(rk) {
		t.Errorf("recovery key %q is not 8 groups of 4 characters", rk)
	}
	noLeftovers(t, dir)
	// Write more after encrypting: the write-ahead files must be encrypted too.
	s, err := Open(dir, Options{Passphrase: testPassphrase})
	must(t, err)
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S98", Name: "Bartholomew Zyxwvut", Group: "Period 2"}))
	must(t, s.Close())
	noNames := func(when string) {
		t.Helper()
		for _, needle := range []string{secretName, secretNote, "Bartholomew Zyxwvut"} {
			if f := fileWith(t, filepath.Dir(dir), needle); f != "" {
				t.Errorf("%s: %s holds %q in plain text", when, f, needle)
			}
		}
	}
	noNames("after encrypting and writing")
	checkData(t, dir, testPassphrase, 30, 2)
	if enc, err := IsEncrypted(dir); err != nil || !enc {
		t.Errorf("IsEncrypted = %v, %v; want true", enc, err)
	}

	// Every backup and every file a restore writes is encrypted too: the
	// data folder's parent holds the backups folder and the hand backup.
	s = mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	_, err = s.AutoBackup("before-import", "import into Mathematics")
	must(t, err)
	noNames("after an automatic backup")
	hand := filepath.Join(filepath.Dir(dir), "friday.backup")
	must(t, s.BackupFile(hand))
	noNames("after a backup to a file")
	f, err := os.Open(hand)
	must(t, err)
	_, err = s.Restore(f)
	f.Close()
	must(t, err)
	if all, _ := s.Backups(); len(all) != 2 {
		t.Errorf("%d automatic backups; want the one before an import and the one before the restore", len(all))
	}
	noNames("after a restore")
	// A restore cut short once staged (as by a kill) leaves its staged copy
	// of the data in the data folder until the next Open finishes it.
	b, err := os.ReadFile(hand)
	must(t, err)
	staged := filepath.Join(dir, restoreStaging)
	_, err = s.stageRestore(bytes.NewReader(b), staged, 0, "")
	must(t, err)
	must(t, os.Rename(staged, filepath.Join(dir, restorePending)))
	must(t, s.Close())
	noNames("with a restore cut short")
	checkData(t, dir, testPassphrase, 30, 2)
	noNames("after the restore cut short was finished")
}

// The search for names finds them in a plain store's backup, compressed
// as it is: the searches above can fail.
func TestPlainBackupHoldsStudentName(t *testing.T) {
	dir := plainFolder(t)
	s := mustOpenDir(t, dir, Options{})
	hand := filepath.Join(t.TempDir(), "plain.backup")
	must(t, s.BackupFile(hand))
	b, err := os.ReadFile(hand)
	must(t, err)
	if bytes.Contains(b, []byte(secretName)) {
		t.Log("the name is in the backup's bytes as written")
	}
	if !holdsText(b, []byte(secretName)) || !holdsText(b, []byte(secretNote)) {
		t.Error("the search finds no name in a plain backup")
	}
}

// folderSums returns a checksum of every file under dir.
func folderSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	must(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		sums[path] = sha256.Sum256(b)
		return err
	}))
	return sums
}

func TestWrongPassphraseChangesNothing(t *testing.T) {
	dir := plainFolder(t)
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	before := folderSums(t, dir)
	_, err = Open(dir, Options{Passphrase: "incorrect horse"})
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Open with a wrong passphrase: %v; want ErrWrongPassphrase", err)
	}
	want := "The passphrase does not open " + dir + "; nothing was changed. Try again, or use your recovery key."
	if err.Error() != want {
		t.Errorf("error %q\nwant  %q", err, want)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrPassphraseNeeded) {
		t.Errorf("Open without a passphrase: %v; want ErrPassphraseNeeded", err)
	}
	if _, err := Open(dir, Options{Passphrase: testPassphrase, ReadOnly: true}); err != nil {
		t.Fatalf("read-only Open with the passphrase: %v", err)
	}
	if err := ChangePassphrase(dir, "incorrect horse", "another passphrase"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("ChangePassphrase with a wrong one: %v", err)
	}
	if err := Decrypt(dir, "incorrect horse"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Decrypt with a wrong one: %v", err)
	}
	after := folderSums(t, dir)
	if len(after) != len(before) {
		t.Errorf("%d files after, %d before", len(after), len(before))
	}
	for path, sum := range before {
		if after[path] != sum {
			t.Errorf("%s changed", path)
		}
	}
	// A plain folder refuses a passphrase rather than pretend to protect it.
	plain := plainFolder(t)
	if _, err := Open(plain, Options{Passphrase: testPassphrase}); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("Open of a plain folder with a passphrase: %v; want ErrNotEncrypted", err)
	}
}

func TestChangePassphraseAndRecoveryKey(t *testing.T) {
	dir := plainFolder(t)
	rk, err := Encrypt(dir, testPassphrase)
	must(t, err)
	if err := ChangePassphrase(dir, testPassphrase, "short"); err == nil {
		t.Error("a 5-character passphrase was accepted")
	}
	must(t, ChangePassphrase(dir, testPassphrase, "a new passphrase"))
	if _, err := Open(dir, Options{Passphrase: testPassphrase}); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens: %v", err)
	}
	checkData(t, dir, "a new passphrase", 29, 2)
	// The recovery key opens however it is typed, and resets a forgotten passphrase.
	typed := strings.ToLower(strings.ReplaceAll(rk, "-", " "))
	checkData(t, dir, typed, 29, 2)
	must(t, ChangePassphrase(dir, rk, "third passphrase"))
	checkData(t, dir, "third passphrase", 29, 2)
	checkData(t, dir, rk, 29, 2)
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	dir := plainFolder(t)
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	if _, err := Encrypt(dir, testPassphrase); !errors.Is(err, ErrEncrypted) {
		t.Errorf("Encrypt twice: %v; want ErrEncrypted", err)
	}
	must(t, Decrypt(dir, testPassphrase))
	noLeftovers(t, dir)
	if _, err := os.Stat(filepath.Join(dir, KeyringFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the keyring is still there: %v", err)
	}
	checkData(t, dir, "", 29, 2)
	if fileWith(t, dir, secretName) == "" {
		t.Error("the decrypted folder does not hold the name in plain text")
	}
	if err := Decrypt(dir, testPassphrase); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("Decrypt of a plain folder: %v; want ErrNotEncrypted", err)
	}
}

func TestEncryptNewFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh")
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	s, err := Open(dir, Options{Passphrase: testPassphrase})
	must(t, err)
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S99", Name: secretName}))
	must(t, s.Close())
	if f := fileWith(t, dir, secretName); f != "" {
		t.Errorf("%s holds the name in plain text", f)
	}
}

// TestEncryptCutShort stops Encrypt at each step, as a crash would, and
// checks that the next Open finds either the old plain folder or the new
// encrypted one, whole, and nothing left beside it.
func TestEncryptCutShort(t *testing.T) {
	for _, step := range []string{"loading", "copied", "ready", "swapping"} {
		t.Run(step, func(t *testing.T) {
			dir := plainFolder(t)
			rewriteFault = func(s string) error {
				if s == step {
					return errors.New("cut short at " + s)
				}
				return nil
			}
			_, err := Encrypt(dir, testPassphrase)
			rewriteFault = nil
			if err == nil {
				t.Fatal("Encrypt succeeded")
			}
			if step == "swapping" {
				if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("the data folder is there mid-swap: %v", err)
				}
				checkData(t, dir, testPassphrase, 29, 2)
				if f := fileWith(t, filepath.Dir(dir), secretName); f != "" {
					t.Errorf("%s still holds the name", f)
				}
			} else {
				if !strings.Contains(err.Error(), "the data folder is unchanged") {
					t.Errorf("error %q does not say the folder is unchanged", err)
				}
				checkData(t, dir, "", 29, 2)
			}
			noLeftovers(t, dir)
		})
	}
}

// mustOpenEncrypted opens a new encrypted store, closed when the test ends.
func mustOpenEncrypted(t testing.TB) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	return mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
}

// BenchmarkAddEvidenceEncrypted is BenchmarkAddEvidence on an encrypted store.
func BenchmarkAddEvidenceEncrypted(b *testing.B) { benchAddEvidence(b, mustOpenEncrypted(b)) }

// BenchmarkEvidenceLoadEncrypted is BenchmarkEvidenceLoad on an encrypted store.
func BenchmarkEvidenceLoadEncrypted(b *testing.B) { benchEvidenceLoad(b, mustOpenEncrypted(b)) }

// BenchmarkStudentPositionEncrypted is BenchmarkStudentPosition on an encrypted store.
func BenchmarkStudentPositionEncrypted(b *testing.B) { benchStudentPosition(b, mustOpenEncrypted(b)) }

const envEncryptCrashDir = "CONTINUUM_ENCRYPT_CRASH_DIR"

// TestEncryptCrash kills a child that encrypts and decrypts a folder in a
// loop at random moments; after each kill the folder must open, encrypted
// or not, with all its data, and nothing may be left beside it.
func TestEncryptCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	dir := plainFolder(t)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	acks := 0
	for round := range 8 {
		acks += len(killedChild(t, rng, "TestEncryptCrashChild", []string{envEncryptCrashDir + "=" + dir}, round, 20, 1200))
		enc, err := IsEncrypted(dir)
		must(t, err)
		pass := ""
		if enc {
			pass = testPassphrase
		}
		checkData(t, dir, pass, 29, 2)
		noLeftovers(t, dir)
	}
	if acks == 0 {
		t.Fatal("no rewrite finished")
	}
	t.Logf("8 kills; %d rewrites finished", acks)
}

// TestEncryptCrashChild is the child of TestEncryptCrash.
func TestEncryptCrashChild(t *testing.T) {
	dir := os.Getenv(envEncryptCrashDir)
	if dir == "" {
		t.Skip("run by TestEncryptCrash")
	}
	for i := range 100 {
		enc, err := IsEncrypted(dir)
		must(t, err)
		if enc {
			must(t, Decrypt(dir, testPassphrase))
		} else {
			_, err := Encrypt(dir, testPassphrase)
			must(t, err)
		}
		fmt.Println("ack", i)
	}
}

func TestWrongPassphraseRestoreLatestMovesNothing(t *testing.T) {
	dir := plainFolder(t)
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	s := mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	_, err = s.AutoBackup("before-import", "")
	must(t, err)
	must(t, s.Close())
	if _, err := RestoreLatest(dir, Options{Passphrase: "incorrect horse"}); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("RestoreLatest with a wrong passphrase: %v", err)
	}
	if _, err := RestoreLatest(dir, Options{}); !errors.Is(err, ErrPassphraseNeeded) {
		t.Fatalf("RestoreLatest without a passphrase: %v", err)
	}
	entries, err := os.ReadDir(filepath.Dir(dir))
	must(t, err)
	for _, e := range entries {
		if strings.Contains(e.Name(), "damaged") {
			t.Errorf("the folder was moved aside: %s", e.Name())
		}
	}
	checkData(t, dir, testPassphrase, 29, 2)
}

func TestEncryptedStoreBackupRestore(t *testing.T) {
	dir := plainFolder(t)
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	s := mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	var buf bytes.Buffer
	must(t, s.Backup(&buf))
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S98", Name: "Later Student"}))
	_, err = s.Restore(&buf)
	must(t, err)
	must(t, s.Close())
	checkData(t, dir, testPassphrase, 29, 2)
	for _, needle := range []string{secretName, secretNote} {
		if f := fileWith(t, dir, needle); f != "" {
			t.Errorf("%s holds %q in plain text after a restore", f, needle)
		}
	}
}

func TestOpenRemovesRewriteLeftovers(t *testing.T) {
	dir := plainFolder(t)
	parent := filepath.Dir(dir)
	for _, name := range []string{".store.rewrite-new", ".store.rewrite-trash-0a1b2c"} {
		must(t, os.MkdirAll(filepath.Join(parent, name), 0o700))
		must(t, os.WriteFile(filepath.Join(parent, name, "000001.sst"), []byte(secretName), 0o600))
	}
	// A complete new folder beside a data folder still in place is dropped:
	// the rewrite had not started the swap.
	must(t, os.MkdirAll(filepath.Join(parent, ".store.rewrite-ready"), 0o700))
	checkData(t, dir, "", 29, 2)
	noLeftovers(t, dir)
}

const (
	envEncryptedRestoreDir  = "CONTINUUM_ENCRYPTED_RESTORE_DIR"
	envEncryptedRestoreFile = "CONTINUUM_ENCRYPTED_RESTORE_FILE"
)

// TestEncryptedRestoreKilled kills a child that restores a backup into an
// encrypted store in a loop, at random moments: what the kill leaves (a
// staged restore, the check database, temporary backups) holds no student
// name, and the next Open finds the data whole.
func TestEncryptedRestoreKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	dir := plainFolder(t)
	_, err := Encrypt(dir, testPassphrase)
	must(t, err)
	s := mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	file := filepath.Join(filepath.Dir(dir), "term1.backup")
	must(t, s.BackupFile(file))
	must(t, s.Close())
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	acks, left := 0, 0
	for round := range 6 {
		env := []string{envEncryptedRestoreDir + "=" + dir, envEncryptedRestoreFile + "=" + file}
		acks += len(killedChild(t, rng, "TestEncryptedRestoreKilledChild", env, round, 1, 900))
		if len(leftovers(t, filepath.Dir(dir))) > 0 {
			left++
		}
		for _, needle := range []string{secretName, secretNote} {
			if f := fileWith(t, filepath.Dir(dir), needle); f != "" {
				t.Fatalf("round %d: after the kill, %s holds %q in plain text", round, f, needle)
			}
		}
		checkData(t, dir, testPassphrase, 29, 2)
	}
	if acks == 0 {
		t.Fatal("no restore finished")
	}
	t.Logf("6 kills; %d restores finished; %d kills left a restore's files behind", acks, left)
}

// TestEncryptedRestoreKilledChild is the child of TestEncryptedRestoreKilled.
func TestEncryptedRestoreKilledChild(t *testing.T) {
	dir := os.Getenv(envEncryptedRestoreDir)
	if dir == "" {
		t.Skip("run by TestEncryptedRestoreKilled")
	}
	s, err := Open(dir, Options{Passphrase: testPassphrase})
	must(t, err)
	for i := range 100 {
		f, err := os.Open(os.Getenv(envEncryptedRestoreFile))
		must(t, err)
		_, err = s.Restore(f)
		f.Close()
		must(t, err)
		fmt.Println("ack", i)
	}
}
