package transfer

import (
	"errors"

	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// gateApply turns a preview's Apply on or off and says why it is off:
// problems, when not "", is the sentence saying the file has problems;
// err is what the plan's Change says (exchange.ErrNothingToImport shows
// nothing, the notice, instead of an error); otherwise Apply is on.
func gateApply(dlg *widgets.FormDialog, notice *widget.Label, problems string, err error, nothing string) {
	apply := dlg.ConfirmButton()
	notice.Hide()
	switch {
	case problems != "":
		apply.Disable()
		dlg.SetError(problems)
	case errors.Is(err, exchange.ErrNothingToImport):
		apply.Disable()
		dlg.SetError("")
		notice.SetText(nothing)
		notice.Show()
	case err != nil:
		apply.Disable()
		dlg.SetError(screen.Problem(err))
	default:
		apply.Enable()
		dlg.SetError("")
	}
}
