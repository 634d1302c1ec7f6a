package storage

import (
	"errors"
	"os"
	"testing"
)

// Given an encrypted folder whose table file is damaged (bytes flipped,
// the first 4 KB zeroed, truncated, or 16 bytes overwritten where a block
// starts), when it is opened with its passphrase and read, then Open or the
// first read fails with ErrDamaged and the one sentence: the blocks are
// decrypted with the folder's keys and checked before Badger opens them,
// never a crash in Badger's own goroutines.
func TestDamagedEncryptedTableIsDetected(t *testing.T) {
	const pass = "a long enough passphrase"
	cases := []struct {
		name string
		harm func(data []byte) []byte
	}{
		{"16 bytes flipped", func(data []byte) []byte {
			at := len(data) / 3
			for i := at; i < at+16; i++ {
				data[i] ^= 0xff
			}
			return data
		}},
		{"first 4 KB zeroed", func(data []byte) []byte { clear(data[:min(4096, len(data))]); return data }},
		{"truncated", func(data []byte) []byte { return data[:len(data)/2] }},
		{"block start overwritten", func(data []byte) []byte {
			for i := 200; i < 216 && i < len(data); i++ {
				data[i] = 0xff
			}
			return data
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := folderWithTable(t)
			if _, err := Encrypt(dir, pass); err != nil {
				t.Fatal(err)
			}
			sst := largestTable(t, dir)
			data, err := os.ReadFile(sst)
			must(t, err)
			must(t, os.WriteFile(sst, c.harm(data), 0o600))

			s, err := Open(dir, Options{Passphrase: pass})
			if err == nil {
				_, err = s.Students(ctx)
				if err == nil {
					_, err = s.Continua(ctx)
				}
				_ = s.Close()
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("open and read an encrypted folder with a table %s: got %v, want ErrDamaged", c.name, err)
			}
			assertDamageSentence(t, err, dir)
		})
	}
}
