package builder

import (
	"os"
	"testing"

	"github.com/continuum-planner/planner/ui/screen"
)

func TestMain(m *testing.M) {
	screen.SetInline(true)
	os.Exit(m.Run())
}
