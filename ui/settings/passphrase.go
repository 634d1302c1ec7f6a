package settings

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// passphraseForm is a form dialog of passphrase fields whose confirm runs
// work with a moving bar; what went wrong stays in the dialog to correct.
type passphraseForm struct {
	dlg     *widgets.FormDialog
	current *widget.Entry // the passphrase in use (or recovery key); nil when not asked
	fresh   *widget.Entry // the new passphrase; nil when not asked
	again   *widget.Entry // the new passphrase once more
	working *fyne.Container
	doing   string
	work    func(ctx context.Context, current, fresh string) (string, error)
	done    func(result string)
}

// newPassphraseForm builds the dialog: intro, then the fields asked for.
func newPassphraseForm(win fyne.Window, title, intro, confirm string, askCurrent, askNew bool) *passphraseForm {
	f := &passphraseForm{}
	var rows []fyne.CanvasObject
	rows = append(rows, widgets.Wrapped(intro))
	form := widget.NewForm()
	if askCurrent {
		f.current = widget.NewPasswordEntry()
		f.current.SetPlaceHolder("the passphrase, or the recovery key")
		form.Append("Passphrase now", f.current)
	}
	if askNew {
		f.fresh, f.again = widget.NewPasswordEntry(), widget.NewPasswordEntry()
		f.fresh.SetPlaceHolder("at least 8 characters; a short sentence is best")
		form.Append("New passphrase", f.fresh)
		form.Append("Once more", f.again)
	}
	rows = append(rows, form)
	f.working = container.NewVBox()
	rows = append(rows, f.working)
	f.dlg = widgets.NewFormDialog(win, title, container.NewVBox(rows...), confirm, f.onConfirm)
	for _, e := range []*widget.Entry{f.current, f.fresh, f.again} {
		if e != nil {
			e.OnSubmitted = func(string) { f.dlg.Submit() }
			if f.dlg.First == nil {
				f.dlg.First = e
			}
		}
	}
	return f
}

// show opens the dialog; work runs on confirm (doing says what it does,
// under the moving bar), done after it succeeded.
func (f *passphraseForm) show(doing string, work func(ctx context.Context, current, fresh string) (string, error), done func(string)) {
	f.doing, f.work, f.done = doing, work, done
	f.dlg.Show(fyne.NewSize(540, 0))
}

func (f *passphraseForm) onConfirm() {
	var current, fresh string
	if f.current != nil {
		if current = f.current.Text; current == "" {
			f.dlg.SetFieldError(f.current, "Type the passphrase in use (or the recovery key).")
			return
		}
	}
	if f.fresh != nil {
		if fresh = f.fresh.Text; fresh == "" {
			f.dlg.SetFieldError(f.fresh, "Type the new passphrase.")
			return
		}
		if f.again.Text != fresh {
			f.dlg.SetFieldError(f.again, "The two new passphrases differ; type the same one twice.")
			return
		}
	}
	f.busy(true)
	screen.Run(func(ctx context.Context) (string, error) { return f.work(ctx, current, fresh) },
		func(result string) {
			f.busy(false)
			f.dlg.Hide()
			f.done(result)
		},
		func(err error) {
			f.busy(false)
			if errors.Is(err, ErrWrongPassphrase) && f.current != nil {
				f.current.SetText("")
				f.dlg.SetFieldError(f.current, "That passphrase does not open the data folder; nothing was changed. Try again, or use the recovery key.")
				return
			}
			f.dlg.SetError(continuum.ErrorMessage(err))
		})
}

// busy shows the moving bar and keeps the buttons from being used while
// the work runs.
func (f *passphraseForm) busy(on bool) {
	f.working.RemoveAll()
	f.dlg.SetBusy(on)
	if on {
		f.dlg.SetError("")
		f.dlg.CancelButton().Disable()
		f.working.Add(widget.NewLabel(f.doing))
		f.working.Add(widget.NewProgressBarInfinite())
	} else {
		f.dlg.CancelButton().Enable()
	}
	f.working.Refresh()
}
