// Package storagetest opens real stores, in a test's temporary folder,
// for the tests of the packages that use one: the screens, the shell, the
// use cases. A test runs against Badger as the app does, never a mock;
// and what leaves the app is checked with LibreOffice (Soffice).
package storagetest

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
)

// Open opens an empty store in a temporary folder of t's, closed when
// the test ends.
func Open(t testing.TB) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// OpenDemo opens a store holding the demo classroom (demo.Classroom).
func OpenDemo(t testing.TB) *storage.Store {
	t.Helper()
	st := Open(t)
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

// Soffice runs LibreOffice headless with a private profile in dir, the
// independent program the workbook tests check exports against, or skips
// the test when it is not installed.
func Soffice(t testing.TB, dir string, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	args = append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless"}, args...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
