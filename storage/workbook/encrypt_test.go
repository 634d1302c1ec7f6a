package workbook_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/storagetest"
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
	t.Run("LibreOffice", func(t *testing.T) { libreOfficeOpens(t, path, testPassword, plain) })
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

// libreOfficeMacro converts a document opened with a password to CSV: the
// command line's --convert-to takes no password, a macro's
// loadComponentFromURL does.
const libreOfficeMacro = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Convert(src As String, pw As String, dst As String)
	Dim args(1) As New com.sun.star.beans.PropertyValue
	args(0).Name = &quot;Hidden&quot;
	args(0).Value = True
	args(1).Name = &quot;Password&quot;
	args(1).Value = pw
	doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
	Dim out(1) As New com.sun.star.beans.PropertyValue
	out(0).Name = &quot;FilterName&quot;
	out(0).Value = &quot;Text - txt - csv (StarCalc)&quot;
	out(1).Name = &quot;FilterOptions&quot;
	out(1).Value = &quot;44,34,76,1,,0,false,true,false,false,false,-1&quot;
	doc.storeToURL(ConvertToURL(dst), out())
	doc.close(True)
End Sub
</script:module>
`

// libreOfficeOpens has LibreOffice open the encrypted workbook at path
// with password and write its sheets as CSV, the Targets sheet of which must hold what
// the plain workbook's does.
func libreOfficeOpens(t *testing.T, path, password string, plain []byte) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	storagetest.Soffice(t, dir, "--terminate_after_init") // makes the profile
	module := filepath.Join(dir, "profile", "user", "basic", "Standard", "Module1.xba")
	if _, err := os.Stat(module); err != nil {
		t.Skipf("this LibreOffice keeps its macros elsewhere: %v", err)
	}
	if err := os.WriteFile(module, []byte(libreOfficeMacro), 0o600); err != nil {
		t.Fatal(err)
	}
	// Every sheet is written, each to out-<Sheet>.csv.
	out := filepath.Join(dir, "book.csv")
	macro := fmt.Sprintf("macro:///Standard.Module1.Convert(%q,%q,%q)", path, password, out)
	// A wrong password would leave LibreOffice waiting; the timeout ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", macro)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	f, err := os.Open(filepath.Join(dir, "book-Targets.csv"))
	if err != nil {
		t.Fatalf("LibreOffice did not open the encrypted workbook with its password: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := sheetValues(t, plain)["Targets"]
	if g, w := trimRows(got), trimRows(want); !reflect.DeepEqual(g, w) || len(w) < 2 {
		t.Errorf("LibreOffice read the Targets sheet as %d rows, want %d; first %q, want %q", len(g), len(w), at(g, 1), at(w, 1))
	}
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

// BenchmarkEncrypt encrypts a 10 MB package, the size of a large class's
// workbook: the password's 100,000 rounds of SHA-512 and then AES-256 over
// every byte.
func BenchmarkEncrypt(b *testing.B) {
	plain := make([]byte, 10<<20)
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		if _, err := workbook.Encrypt(plain, "pw"); err != nil {
			b.Fatal(err)
		}
	}
}
