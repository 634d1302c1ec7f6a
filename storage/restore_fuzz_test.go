package storage

import (
	"bytes"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// restoreSeeds adds to f a backup of src, parts of it and bytes that are
// no backup.
func restoreSeeds(f *testing.F, src *Store) {
	f.Helper()
	must(f, src.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}))
	var good bytes.Buffer
	must(f, src.Backup(&good))
	b := good.Bytes()
	f.Add(b)
	f.Add(b[:len(b)/2])
	flipped := bytes.Clone(b)
	flipped[len(flipped)*2/3] ^= 0x10
	f.Add(flipped)
	f.Add(b[:bytes.IndexByte(b, '\n')+1])
}

// FuzzRestore feeds the restore any bytes as a backup file from outside:
// it never panics, and a backup it refuses leaves the store holding what
// it held. The seeds include encrypted backups, which a plain store
// refuses.
func FuzzRestore(f *testing.F) {
	restoreSeeds(f, mustOpen(f))
	restoreSeeds(f, mustOpenEncrypted(f))
	f.Add([]byte{})
	f.Add([]byte("\x1f\x8b\x08\x00not a backup"))
	f.Add(bytes.Repeat([]byte{0xff}, 64))
	f.Add([]byte("CONTINUUM-PLANNER-ENCRYPTED-BACKUP 1\n\x00\x00\x00\x02{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := mustOpen(t)
		must(t, s.PutStudents(ctx, continuum.Student{ID: "KEEP", Name: "Kept"}))
		if _, err := s.Restore(bytes.NewReader(data)); err != nil {
			if _, err := s.Student(ctx, "KEEP"); err != nil {
				t.Fatalf("a refused backup lost what the store held: %v", err)
			}
		}
	})
}

// FuzzRestoreEncrypted is FuzzRestore into an encrypted store, whose own
// encrypted backups it can open: the fuzzer changes them inside their
// encryption and framing. The store is made once (its key derivation is
// slow on purpose) and kept across inputs; each input first saves KEEP.
func FuzzRestoreEncrypted(f *testing.F) {
	s := mustOpenEncrypted(f)
	restoreSeeds(f, s)
	var other bytes.Buffer // another folder's: refused without its passphrase
	must(f, mustOpenEncrypted(f).Backup(&other))
	f.Add(other.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		must(t, s.PutStudents(ctx, continuum.Student{ID: "KEEP", Name: "Kept"}))
		if _, err := s.Restore(bytes.NewReader(data)); err != nil {
			if _, err := s.Student(ctx, "KEEP"); err != nil {
				t.Fatalf("a refused backup lost what the store held: %v", err)
			}
		}
	})
}
