package screen

import (
	"fmt"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// reportShown says whether $CONTINUUM_PLANNER_REPORT_SAVED is set.
var reportShown = sync.OnceValue(func() bool { return os.Getenv("CONTINUUM_PLANNER_REPORT_SAVED") != "" })

// ReportShown prints "<what> shown at N" on standard error when
// $CONTINUUM_PLANNER_REPORT_SAVED is set, N being the Unix time in
// microseconds, on the UI loop's next turn (when the frame showing it is
// drawn). A measurement of the real window compares it with the moment
// it sent the key. Otherwise, and in tests, it does nothing.
func ReportShown(what string) {
	if !reportShown() || Inline() {
		return
	}
	fyne.Do(func() {
		fmt.Fprintf(os.Stderr, "%s shown at %d\n", what, time.Now().UnixMicro())
	})
}
