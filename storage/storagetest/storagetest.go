// Package storagetest opens real stores, in a test's temporary folder,
// for the tests of the packages that use one: the screens, the shell, the
// use cases. A test runs against Badger as the app does, never a mock.
package storagetest

import (
	"context"
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
