package screen

import (
	"fmt"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// reportShown says whether $CONTINUUM_PLANNER_REPORT_SAVED is set.
var reportShown = sync.OnceValue(func() bool { return os.Getenv("CONTINUUM_PLANNER_REPORT_SAVED") != "" })

// reporting says whether a measurement asked the app to report when it
// shows things ($CONTINUUM_PLANNER_REPORT_SAVED or _READY).
var reporting = sync.OnceValue(func() bool {
	return reportShown() || os.Getenv("CONTINUUM_PLANNER_REPORT_READY") != ""
})

// probe is a pixel drawn in the window while a measurement asks for
// reports: its image is made again while a frame is painted, which tells
// that the frame has begun. pending is what waits for that frame; both are
// used on the UI goroutine only.
var probe struct {
	raster  *canvas.Raster
	pending []func()
}

// WithProbe returns content as it is, or, while a measurement asks for
// reports, with the probe pixel in its top left corner, so that AfterFrame
// can tell when a frame is drawn.
func WithProbe(content fyne.CanvasObject) fyne.CanvasObject {
	if !reporting() {
		return content
	}
	if probe.raster == nil {
		probe.raster = canvas.NewRaster(func(int, int) image.Image {
			// Painting: what waits runs on the loop's next turn, once
			// the frame is on screen.
			run := probe.pending
			probe.pending = nil
			for _, f := range run {
				fyne.Do(f)
			}
			return image.NewNRGBA(image.Rect(0, 0, 1, 1))
		})
		probe.raster.Resize(fyne.NewSize(1, 1))
	}
	return container.NewStack(content, container.NewWithoutLayout(probe.raster))
}

// AfterFrame runs f on the UI goroutine once the window has drawn a frame
// begun after this call, so that f sees on screen what was changed before
// it. Without the probe it runs f on the loop's next turn.
func AfterFrame(f func()) {
	if probe.raster == nil || Inline() {
		fyne.Do(f)
		return
	}
	probe.pending = append(probe.pending, f)
	probe.raster.Refresh()
}

// ReportShown prints "<what> shown at N" on standard error when
// $CONTINUUM_PLANNER_REPORT_SAVED is set, N being the Unix time in
// microseconds once the window has drawn the frame that shows what was
// changed before the call. A measurement of the real window compares it
// with the moment it sent the key. Otherwise, and in tests, it does
// nothing.
func ReportShown(what string) {
	if !reportShown() || Inline() {
		return
	}
	AfterFrame(func() {
		fmt.Fprintf(os.Stderr, "%s shown at %d\n", what, time.Now().UnixMicro())
	})
}
