package notes

import (
	"testing"
	"time"

	"github.com/continuum-planner/planner/storage"
)

// shellStore opens an empty store in a folder of its own, closed at the end of the test.
func shellStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// eventually waits up to five seconds for cond. Loads run inline in tests
// (see TestMain), so most conditions hold at once; the wait covers work a
// screen starts on purpose in the background.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
