package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

const testPassword = "correct horse battery staple ünï"

// msoffcrypto decrypts the file at path with Debian's python3-msoffcrypto-tool,
// a reader written apart from this program, or skips the test without it.
func msoffcrypto(t *testing.T, path, password string) []byte {
	t.Helper()
	bin, err := exec.LookPath("msoffcrypto-tool")
	if err != nil {
		t.Skip("msoffcrypto-tool is not installed (Debian: python3-msoffcrypto-tool)")
	}
	out := path + ".decrypted"
	if b, err := exec.Command(bin, "-p", password, path, out).CombinedOutput(); err != nil {
		t.Fatalf("msoffcrypto-tool: %v\n%s", err, b)
	}
	plain, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

// Given an exported workbook, when it is encrypted with a password, then an
// independent reader decrypts it to the same bytes, and our reader opens it
// with the password, to the same Book, and refuses it without.
func TestEncryptedWorkbook(t *testing.T) {
	d := demo.Classroom()
	enrich(d, 0)
	plain := encode(t, bookOf(d), workbook.EncodeOptions{})
	locked, err := workbook.Encrypt(plain, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(locked, []byte("Targets")) || bytes.Contains(locked, []byte(d.Class().Students[0].Name)) {
		t.Fatal("the encrypted workbook holds plain text of the workbook")
	}
	path := filepath.Join(t.TempDir(), "classroom.xlsx")
	if err := os.WriteFile(path, locked, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("our reader", func(t *testing.T) {
		want := normalised(mustDecode(t, plain, workbook.Options{}))
		got := normalised(mustDecode(t, locked, workbook.Options{Password: testPassword}))
		if !reflect.DeepEqual(want, got) {
			diffBooks(t, want, got)
		}
		for _, pw := range []string{"", "wrong", strings.ToUpper(testPassword)} {
			if _, err := decode(locked, workbook.Options{Password: pw}); !errors.Is(err, workbook.ErrPasswordProtected) {
				t.Errorf("password %q: %v, want ErrPasswordProtected", pw, err)
			}
		}
	})
	t.Run("msoffcrypto-tool", func(t *testing.T) {
		if got := msoffcrypto(t, path, testPassword); !bytes.Equal(got, plain) {
			t.Errorf("msoffcrypto-tool decrypted %d bytes, want the %d written", len(got), len(plain))
		}
		bin, _ := exec.LookPath("msoffcrypto-tool")
		if err := exec.Command(bin, "-p", "wrong", path, path+".wrong").Run(); err == nil {
			t.Error("msoffcrypto-tool accepted a wrong password")
		}
	})
}

// zipOfSize returns a zip archive of at least n bytes (exactly n when n
// exceeds the archive's own overhead), holding random bytes: msoffcrypto
// checks that what it decrypts is a zip.
func zipOfSize(t *testing.T, n int) []byte {
	t.Helper()
	archive := func(k int) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "data", Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		data := make([]byte, k)
		rng := rand.New(rand.NewPCG(uint64(k), 1))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		w.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	overhead := len(archive(0))
	out := archive(max(n-overhead, 0))
	if n > overhead && len(out) != n {
		t.Fatalf("the archive has %d bytes, want %d", len(out), n)
	}
	return out
}

// Given packages of every size the container lays out differently (one in
// the mini stream, one in ordinary sectors, one so large its sector table
// needs DIFAT sectors), when each is encrypted, then both readers get the
// bytes back.
func TestEncryptEverySize(t *testing.T) {
	// The package stream is 8 bytes and the package padded to 16: 4080
	// bytes stay under the mini stream's 4096, 4088 do not.
	for _, n := range []int{0, 4080, 4088, 200_000, 8 << 20} {
		plain := zipOfSize(t, n)
		locked, err := workbook.Encrypt(plain, "pw")
		if err != nil {
			t.Fatal(err)
		}
		if difat := binary.LittleEndian.Uint32(locked[72:]); (n > 7<<20) != (difat > 0) {
			t.Errorf("%d bytes: %d DIFAT sectors", n, difat)
		}
		got, err := excelize.Decrypt(locked, &excelize.Options{Password: "pw"})
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%d bytes: excelize got %d bytes back, %v", n, len(got), err)
		}
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, locked, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := msoffcrypto(t, path, "pw"); !bytes.Equal(got, plain) {
			t.Errorf("%d bytes: msoffcrypto-tool got %d bytes back", n, len(got))
		}
	}
}

func TestEncryptRefusesEmptyAndOverlongPasswords(t *testing.T) {
	if _, err := workbook.Encrypt([]byte("x"), ""); err == nil {
		t.Error("an empty password was taken")
	}
	if _, err := workbook.Encrypt([]byte("x"), strings.Repeat("a", 256)); !errors.Is(err, workbook.ErrPasswordTooLong) {
		t.Errorf("256 characters: %v", err)
	}
	if _, err := workbook.Encrypt([]byte("x"), strings.Repeat("é", 255)); err != nil {
		t.Errorf("255 characters: %v", err)
	}
}
