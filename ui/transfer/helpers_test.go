package transfer

import (
	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/ui/screen"
)

// answerSave answers a file save dialog opened with screen.ChooseSave as
// it does itself: wc is the file the teacher named (nil when cancelled),
// and chosen gets its path with .xlsx added, as the dialog's onChosen.
func answerSave(w fyne.Window, wc fyne.URIWriteCloser, err error, chosen func(path string)) {
	if path, ok := screen.SavePath(w, ".xlsx", wc, err); ok {
		chosen(path)
	}
}

// answerOpen answers a file open dialog opened with screen.ChooseOpen as
// it does itself: rc is the file chosen (nil when cancelled).
func answerOpen(w fyne.Window, rc fyne.URIReadCloser, err error, chosen func(path string)) {
	if path, ok := screen.OpenPath(w, rc, err); ok {
		chosen(path)
	}
}
