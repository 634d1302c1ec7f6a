package settings

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Unlock is the screen an encrypted data folder opens with: its
// passphrase (or, on request, its recovery key), Open, and one sentence
// when what was typed does not open it.
type Unlock struct {
	open     func(ctx context.Context, secret string) error
	onOpened func()
	onFailed func(error)

	recovery   bool // the recovery key is asked instead of the passphrase
	prompt     *widget.Label
	passphrase *widget.Entry
	key        *widget.Entry
	openBtn    *widget.Button
	switchBtn  *widget.Button
	problem    *widget.Label
	content    fyne.CanvasObject
	canvas     fyne.Canvas // the window's, once Focus is called
}

// NewUnlock builds the screen for the encrypted data folder at folder.
// open opens it with a passphrase or recovery key, off the UI goroutine,
// and returns an error matching ErrWrongPassphrase when it does not open
// it; onOpened is called once it has opened, onFailed with any other error.
func NewUnlock(folder string, open func(ctx context.Context, secret string) error, onOpened func(), onFailed func(error)) *Unlock {
	u := &Unlock{open: open, onOpened: onOpened, onFailed: onFailed}
	heading := widget.NewLabelWithStyle("This computer's student data is protected", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	where := widgets.Hint("Data folder: " + folder)
	where.Alignment = fyne.TextAlignCenter
	u.prompt = widgets.Wrapped("")
	u.passphrase = widget.NewPasswordEntry()
	u.passphrase.SetPlaceHolder("Passphrase")
	u.passphrase.OnSubmitted = func(string) { u.onOpen() }
	u.key = widget.NewEntry()
	u.key.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	u.key.TextStyle.Monospace = true
	u.key.OnSubmitted = func(string) { u.onOpen() }
	u.openBtn = widget.NewButtonWithIcon("Open", theme.LoginIcon(), u.onOpen)
	u.openBtn.Importance = widget.HighImportance
	u.switchBtn = widget.NewButton("", u.onSwitch)
	u.switchBtn.Importance = widget.LowImportance
	u.problem = widget.NewLabel("")
	u.problem.Wrapping = fyne.TextWrapWord
	u.problem.Importance = widget.DangerImportance
	u.problem.Hide()
	u.content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 520},
		container.NewVBox(heading, where, u.prompt, u.passphrase, u.key, u.problem,
			container.NewBorder(nil, nil, u.switchBtn, u.openBtn))))
	u.show()
	return u
}

// Content returns the screen's root object.
func (u *Unlock) Content() fyne.CanvasObject { return u.content }

// Focus puts the focus of c, the window's canvas, in the passphrase (or
// recovery key) field.
func (u *Unlock) Focus(c fyne.Canvas) {
	u.canvas = c
	c.Focus(u.field())
}

// refocus puts the focus back in the field in use.
func (u *Unlock) refocus() {
	if u.canvas != nil {
		u.canvas.Focus(u.field())
	}
}

// field is the entry in use.
func (u *Unlock) field() *widget.Entry {
	if u.recovery {
		return u.key
	}
	return u.passphrase
}

// show shows the passphrase's field or the recovery key's.
func (u *Unlock) show() {
	if u.recovery {
		u.prompt.SetText("Type the recovery key you wrote down when the data was encrypted (the dashes may be left out).")
		u.switchBtn.SetText("Use the passphrase instead")
		u.passphrase.Hide()
		u.key.Show()
	} else {
		u.prompt.SetText("Type the passphrase to open it.")
		u.switchBtn.SetText("Use the recovery key instead")
		u.key.Hide()
		u.passphrase.Show()
	}
}

func (u *Unlock) onSwitch() {
	u.recovery = !u.recovery
	u.problem.Hide()
	u.show()
	u.refocus()
}

func (u *Unlock) onOpen() {
	secret := u.field().Text
	if secret == "" {
		if u.recovery {
			u.say("Type the recovery key first.")
		} else {
			u.say("Type the passphrase first.")
		}
		return
	}
	u.openBtn.Disable()
	u.switchBtn.Disable()
	u.problem.Hide()
	u.prompt.SetText("Opening…")
	screen.Run(func(ctx context.Context) (struct{}, error) { return struct{}{}, u.open(ctx, secret) },
		func(struct{}) { u.onOpened() },
		func(err error) {
			u.openBtn.Enable()
			u.switchBtn.Enable()
			u.show()
			if !errors.Is(err, ErrWrongPassphrase) {
				u.onFailed(err)
				return
			}
			u.field().SetText("")
			if u.recovery {
				u.say("That recovery key does not open this data folder; nothing was changed. Check it and try again.")
			} else {
				u.say("That passphrase does not open this data folder; nothing was changed. Try again, or use the recovery key.")
			}
			u.refocus()
		})
}

// say shows one sentence under the field.
func (u *Unlock) say(sentence string) {
	u.problem.SetText(sentence)
	u.problem.Show()
}
