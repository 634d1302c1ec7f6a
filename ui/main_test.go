package ui

import (
	"os"
	"testing"
)

// TestMain runs every load of the screens on the test's own goroutine
// (see inline), so that tests are deterministic and free of data races.
func TestMain(m *testing.M) {
	inline = true
	os.Exit(m.Run())
}
