package settings

import (
	"os"
	"testing"

	"github.com/continuum-planner/planner/ui/screen"
)

// TestMain runs the screens' work on the test's own goroutine.
func TestMain(m *testing.M) {
	screen.SetInline(true)
	os.Exit(m.Run())
}
