package storage

import (
	"bytes"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// FuzzRestore feeds the restore any bytes as a backup file from outside:
// it never panics, and a backup it refuses leaves the store holding what
// it held.
func FuzzRestore(f *testing.F) {
	src := mustOpen(f)
	must(f, src.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}))
	var good bytes.Buffer
	must(f, src.Backup(&good))
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:len(good.Bytes())/2])
	f.Add([]byte{})
	f.Add([]byte("\x1f\x8b\x08\x00not a backup"))
	f.Add(bytes.Repeat([]byte{0xff}, 64))
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
