package reportcard

import (
	"os"
	"testing"

	"github.com/continuum-planner/planner/ui/screen"
)

// TestMain runs every load of the screen on the test's own goroutine, so
// that tests are deterministic and free of data races.
func TestMain(m *testing.M) {
	screen.SetInline(true)
	os.Exit(m.Run())
}
