package builder

import (
	"testing"

	"github.com/continuum-planner/planner/storage"
)

// shellStore opens a real store in a temporary folder, closed when the
// test ends.
func shellStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
