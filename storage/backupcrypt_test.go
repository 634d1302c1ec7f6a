package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// encryptedStore makes plainFolder, encrypts it, adds notes that do not
// compress (so its backup spans several chunks), and returns it open, with
// its recovery key.
func encryptedStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := plainFolder(t)
	rk, err := Encrypt(dir, testPassphrase)
	must(t, err)
	s := mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	cs, err := s.Continua(ctx)
	must(t, err)
	var batch []continuum.Evidence
	for i := range 400 {
		e := ev(cs[0].ID, "S01", "GEO.K.1", "2026-10-01", float64(1+i%4))
		noise := make([]byte, 700)
		_, _ = rand.Read(noise)
		e.Note = hex.EncodeToString(noise)
		batch = append(batch, e)
	}
	_, err = s.AddEvidence(ctx, batch...)
	must(t, err)
	return s, rk
}

func backupBytes(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	must(t, s.Backup(&buf))
	return buf.Bytes()
}

// sealedChunks returns where each chunk of an encrypted backup starts, and
// where its content ends.
func sealedChunks(t *testing.T, b []byte) (starts []int, end int) {
	t.Helper()
	at := bytes.IndexByte(b, '\n') + 1
	at += 4 + int(binary.BigEndian.Uint32(b[at:]))
	for at < len(b) {
		starts = append(starts, at)
		word := binary.BigEndian.Uint32(b[at:])
		at += 4 + int(word&^lastChunkMark)
		if word&lastChunkMark != 0 {
			break
		}
	}
	return starts, at
}

func TestEncryptedBackupFormat(t *testing.T) {
	s, _ := encryptedStore(t)
	b := backupBytes(t, s)
	if !bytes.HasPrefix(b, []byte("CONTINUUM-PLANNER-ENCRYPTED-BACKUP 1\n")) {
		t.Fatalf("an encrypted store's backup starts %q", b[:min(40, len(b))])
	}
	for _, needle := range []string{secretName, secretNote, "Exit ticket", "Mathematics"} {
		if holdsText(b, []byte(needle)) {
			t.Errorf("the encrypted backup holds %q", needle)
		}
	}
	starts, end := sealedChunks(t, b)
	if len(starts) < 3 || end != len(b) {
		t.Errorf("%d chunks ending at %d of %d bytes; want at least 3 ending at the end", len(starts), end, len(b))
	}
	// Two backups of the same data share no chunk: each has its own key.
	if again := backupBytes(t, s); bytes.Equal(again[starts[0]:starts[1]], b[starts[0]:starts[1]]) {
		t.Error("two backups begin with the same encrypted chunk")
	}
	// The listing still says what an automatic backup was taken before.
	_, err := s.AutoBackup("before-import", "import into Mathematics")
	must(t, err)
	all, err := s.Backups()
	must(t, err)
	if len(all) != 1 || all[0].Before != "import into Mathematics" {
		t.Errorf("backups listed: %+v; want one taken before \"import into Mathematics\"", all)
	}
}

// Given an encrypted backup, when it is restored where the folder's key
// is not, then the refusal is one sentence and nothing changes; with the
// folder's passphrase or recovery key it restores.
func TestEncryptedBackupElsewhere(t *testing.T) {
	src, rk := encryptedStore(t)
	want := takeSnapshot(t, src)
	b := backupBytes(t, src)

	plain := mustOpen(t)
	classroom(t, plain)
	before := takeSnapshot(t, plain)
	other := mustOpenEncrypted(t)
	for name, s := range map[string]*Store{"plain store": plain, "other encrypted store": other} {
		_, err := s.Restore(bytes.NewReader(b))
		if !errors.Is(err, ErrPassphraseNeeded) || !strings.Contains(err.Error(), "passphrase or recovery key") || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("%s: Restore = %v; want ErrPassphraseNeeded, asking for the passphrase, saying nothing changed", name, err)
		}
		if _, err := s.RestoreWithPassphrase(bytes.NewReader(b), "incorrect horse"); !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%s: RestoreWithPassphrase with a wrong one = %v; want ErrWrongPassphrase", name, err)
		}
	}
	sameSnapshot(t, "after refused restores", takeSnapshot(t, plain), before)
	if all, _ := plain.Backups(); len(all) != 0 {
		t.Errorf("refused restores wrote %d safety backups", len(all))
	}

	_, err := plain.RestoreWithPassphrase(bytes.NewReader(b), testPassphrase)
	must(t, err)
	sameSnapshot(t, "restored with the passphrase", takeSnapshot(t, plain), want)
	_, err = other.RestoreWithPassphrase(bytes.NewReader(b), strings.ToLower(rk))
	must(t, err)
	sameSnapshot(t, "restored with the recovery key", takeSnapshot(t, other), want)
	dir := other.Dir()
	must(t, other.Close())
	if f := fileWith(t, filepath.Dir(dir), secretName); f != "" {
		t.Errorf("%s holds the name after a restore into an encrypted store", f)
	}
}

// A backup whose keyring asks for an outsized key derivation is refused
// before any derivation runs, with the passphrase or without.
func TestEncryptedBackupWithOutsizedKeyringIsRefused(t *testing.T) {
	src, _ := encryptedStore(t)
	good := backupBytes(t, src)
	headerAt := bytes.IndexByte(good, '\n') + 1
	n := int(binary.BigEndian.Uint32(good[headerAt:]))
	var h sealHeader
	must(t, json.Unmarshal(good[headerAt+4:headerAt+4+n], &h))
	h.Keyring.Memory = 1 << 30 // 1 TiB
	head, err := json.Marshal(h)
	must(t, err)
	crafted := append(bytes.Clone(good[:headerAt]), binary.BigEndian.AppendUint32(nil, uint32(len(head)))...)
	crafted = append(append(crafted, head...), good[headerAt+4+n:]...)

	s := mustOpen(t)
	_, err = s.RestoreWithPassphrase(bytes.NewReader(crafted), testPassphrase)
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "1073741824 KiB") {
		t.Errorf("RestoreWithPassphrase = %v; want the backup refused as damaged, naming the cost", err)
	}
	path := filepath.Join(t.TempDir(), "crafted.backup")
	must(t, os.WriteFile(path, crafted, 0o600))
	if kr := backupKeyring(path); kr != nil {
		t.Error("RestoreLatest would take the crafted keyring")
	}
}

// Given an encrypted backup changed in any way, the restore refuses it as
// damaged and nothing changes.
func TestTamperedEncryptedBackupIsRefused(t *testing.T) {
	s, _ := encryptedStore(t)
	good := backupBytes(t, s)
	before := takeSnapshot(t, s)
	starts, _ := sealedChunks(t, good)
	headerAt := bytes.IndexByte(good, '\n') + 1
	flip := func(at int) []byte { b := bytes.Clone(good); b[at] ^= 0x01; return b }
	swapped := bytes.Clone(good[:starts[1]])
	swapped = append(append(swapped, good[starts[2]:starts[3]]...), good[starts[1]:starts[2]]...)
	swapped = append(swapped, good[starts[3]:]...)
	lastMarked := bytes.Clone(good[:starts[1]])
	lastMarked[starts[0]] |= 0x80 // the first chunk claims to be the last
	cases := map[string][]byte{
		"a byte of the salt":      flip(bytes.Index(good, []byte(`"salt":"`)) + 9),
		"a byte of the about":     flip(headerAt + 6),
		"a byte of a chunk":       flip(starts[1] + 100),
		"the last byte":           flip(len(good) - 1),
		"a chunk's length":        flip(starts[1] + 2),
		"cut after a chunk":       good[:starts[2]],
		"cut inside a chunk":      good[:starts[2]+50],
		"last chunk dropped":      good[:starts[len(starts)-1]],
		"two chunks swapped":      swapped,
		"first chunk marked last": lastMarked,
		"bytes after the end":     append(bytes.Clone(good), 0),
		"header cut short":        good[:headerAt+10],
		"header length huge":      append(append(bytes.Clone(good[:headerAt]), 0x7f, 0xff, 0xff, 0xff), good[headerAt+4:]...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			safety, err := s.Restore(bytes.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "nothing was changed") || errors.Is(err, ErrPassphraseNeeded) {
				t.Errorf("Restore = %v; want the backup called damaged and nothing changed", err)
			}
			if safety != "" {
				t.Errorf("a refused restore wrote a safety backup %s", safety)
			}
		})
	}
	sameSnapshot(t, "after refused restores", takeSnapshot(t, s), before)
	if entries, _ := os.ReadDir(s.Dir()); hasRestoreFiles(entries) {
		t.Errorf("restore files left in the data folder: %v", entries)
	}
	_, err := s.Restore(bytes.NewReader(good))
	must(t, err)
	sameSnapshot(t, "after restoring the untouched backup", takeSnapshot(t, s), before)
}

// Given an encrypted store, a restore staged in its folder is encrypted,
// an interrupted one is finished by the next Open, and one whose staged
// copy was damaged meanwhile is refused before any data is dropped.
func TestEncryptedStagedRestore(t *testing.T) {
	s, _ := encryptedStore(t)
	dir := s.Dir()
	want := takeSnapshot(t, s)
	b := backupBytes(t, s)
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S42", Name: "Later Student"}))

	staged := filepath.Join(dir, restoreStaging)
	_, err := s.stageRestore(bytes.NewReader(b), staged, 1000, "")
	must(t, err)
	sb, err := os.ReadFile(staged)
	must(t, err)
	if first, _, _ := bytes.Cut(sb, []byte("\n")); string(first) != "CONTINUUM-PLANNER-RESTORE 1000 encrypted" {
		t.Errorf("staged restore's first line %q", first)
	}
	if holdsText(sb, []byte(secretName)) {
		t.Error("the staged restore holds the name")
	}
	pending := filepath.Join(dir, restorePending)
	must(t, os.Rename(staged, pending))
	must(t, s.Close())
	checkData(t, dir, testPassphrase, 29, 402)
	if _, err := os.Stat(pending); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the pending restore is still there: %v", err)
	}
	s = mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	sameSnapshot(t, "after the interrupted restore finished", takeSnapshot(t, s), want)

	// Damaged after staging: Open refuses to finish it, and the data is
	// still whole (nothing was dropped).
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S42", Name: "Later Student"}))
	later := takeSnapshot(t, s)
	_, err = s.stageRestore(bytes.NewReader(b), staged, 0, "")
	must(t, err)
	sb, err = os.ReadFile(staged)
	must(t, err)
	sb[len(sb)-40] ^= 0x01
	must(t, os.WriteFile(pending, sb, 0o600))
	must(t, os.Remove(staged))
	must(t, s.Close())
	if _, err := Open(dir, Options{Passphrase: testPassphrase}); !errors.Is(err, errStagedDamaged) || !strings.Contains(err.Error(), pending) {
		t.Fatalf("Open with a damaged staged restore = %v; want it refused, naming the file", err)
	}
	must(t, os.Remove(pending))
	s = mustOpenDir(t, dir, Options{Passphrase: testPassphrase})
	sameSnapshot(t, "after a damaged staged restore was refused", takeSnapshot(t, s), later)
}

// Given an encrypted data folder that cannot be opened, RestoreLatest
// restores its newest backup into a new folder encrypted under the same
// key: from the damaged folder's keyring, or, when that is lost, from the
// copy in the backup. The passphrase and the recovery key still open it.
func TestRestoreLatestOfDamagedEncryptedFolder(t *testing.T) {
	for name, harm := range map[string]func(dir string) error{
		"manifest damaged": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "MANIFEST"), []byte("damaged damaged damaged"), 0o600)
		},
		"keyring damaged": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, KeyringFile), []byte("{not json"), 0o600)
		},
		"folder gone": os.RemoveAll,
	} {
		t.Run(name, func(t *testing.T) {
			s, rk := encryptedStore(t)
			dir := s.Dir()
			want := takeSnapshot(t, s)
			_, err := s.AutoBackup("before-import", "")
			must(t, err)
			must(t, s.Close())
			must(t, harm(dir))
			if _, err := RestoreLatest(dir, Options{}); !errors.Is(err, ErrPassphraseNeeded) {
				t.Errorf("RestoreLatest without the passphrase = %v; want ErrPassphraseNeeded", err)
			}
			if _, err := RestoreLatest(dir, Options{Passphrase: "incorrect horse"}); !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("RestoreLatest with a wrong passphrase = %v; want ErrWrongPassphrase", err)
			}
			if moved, _ := filepath.Glob(dir + "-damaged-*"); len(moved) != 0 {
				t.Errorf("refused restores moved the folder aside: %v", moved)
			}
			if _, err := os.Stat(dir); (name == "folder gone") != errors.Is(err, os.ErrNotExist) {
				t.Fatalf("refused restores changed the folder: %v", err)
			}
			done, err := RestoreLatest(dir, Options{Passphrase: testPassphrase})
			must(t, err)
			if (done.Damaged == "") != (name == "folder gone") {
				t.Errorf("RestoreLatest = %+v", done)
			}
			if enc, err := IsEncrypted(dir); err != nil || !enc {
				t.Fatalf("the new folder is not encrypted: %v, %v", enc, err)
			}
			r := mustOpenDir(t, dir, Options{Passphrase: rk})
			sameSnapshot(t, "restored in place of a damaged encrypted folder", takeSnapshot(t, r), want)
			must(t, r.Close())
			checkData(t, dir, testPassphrase, 29, 402)
			if f := fileWith(t, filepath.Dir(dir), secretName); f != "" {
				t.Errorf("%s holds the name", f)
			}
		})
	}
}

// A plain backup restores into an encrypted folder, and is kept encrypted.
func TestPlainBackupIntoEncryptedStore(t *testing.T) {
	plain := mustOpenDir(t, plainFolder(t), Options{})
	b := backupBytes(t, plain)
	s := mustOpenEncrypted(t)
	_, err := s.Restore(bytes.NewReader(b))
	must(t, err)
	sameSnapshot(t, "plain backup restored into an encrypted store", takeSnapshot(t, s), takeSnapshot(t, plain))
	dir := s.Dir()
	must(t, s.Close())
	if f := fileWith(t, dir, secretName); f != "" {
		t.Errorf("%s holds the name", f)
	}
}

// BenchmarkAutoBackup takes an automatic backup, as before every import,
// of a store holding 20,000 pieces of evidence (28 students, 300 targets):
// the stream written, compressed, synced, renamed into the backups folder,
// the old ones pruned.
func BenchmarkAutoBackup(b *testing.B) { benchAutoBackup(b, mustOpen(b)) }

// BenchmarkAutoBackupEncrypted is BenchmarkAutoBackup on an encrypted
// store, whose backups are encrypted.
func BenchmarkAutoBackupEncrypted(b *testing.B) { benchAutoBackup(b, mustOpenEncrypted(b)) }

func benchAutoBackup(b *testing.B, s *Store) {
	c, targets := realisticContinuum()
	must(b, s.CreateContinuum(ctx, &c, targets))
	students := roster(28)
	must(b, s.PutStudents(ctx, students...))
	fillEvidence(b, s, c.ID, students[:20], targets, 1000)
	b.ResetTimer()
	var path string
	for range b.N {
		var err error
		if path, err = s.AutoBackup("before-import", "import into Mathematics"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if info, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(info.Size()), "bytes")
	}
}

// BenchmarkSealBackupStream seals 8 MiB as an encrypted backup's content
// is sealed, alone: the part of an encrypted backup's cost that is the
// backup file's encryption (the rest is reading the encrypted store).
func BenchmarkSealBackupStream(b *testing.B) {
	key := make([]byte, 32)
	content := make([]byte, 8<<20)
	_, _ = rand.Read(content)
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		h, err := newSealHeader(key)
		must(b, err)
		sw, err := newSealWriter(io.Discard, key, h)
		must(b, err)
		for at := 0; at < len(content); at += 32 << 10 { // as gzip writes: 32 KiB at a time
			if _, err := sw.Write(content[at : at+32<<10]); err != nil {
				b.Fatal(err)
			}
		}
		must(b, sw.Close())
	}
}
