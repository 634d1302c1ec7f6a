package widgets

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// FormDialog is a modal dialog around a form: a body, a line
// for what went wrong, and Cancel and confirm buttons (plus any on the
// left, such as Delete). It stays open until the work succeeds, so a
// refused change can be corrected; a problem with one input goes once
// that input changes (SetFieldError, SetProblem). Escape closes it from
// any field.
type FormDialog struct {
	win       fyne.Window
	title     string
	body      fyne.CanvasObject
	content   *fyne.Container
	dlg       *dialog.CustomDialog
	message   *widget.Label
	confirm   *Button
	cancel    *Button
	onConfirm func()
	// First is focused when the dialog is shown.
	First fyne.Focusable

	open     bool              // shown and not yet closed
	overlay  fyne.CanvasObject // the dialog's layer on the window, while open
	prevKey  func(*fyne.KeyEvent)
	onClosed func()   // told once the dialog has closed, however
	shown    []string // the fields as they were when the dialog was shown

	// Fields maps the field codes of domain errors (continuum.ErrorField,
	// e.g. "target.code") to the inputs that hold them, for SetProblem.
	Fields map[string]fyne.CanvasObject

	problemOf    fyne.CanvasObject          // the input the line is about; nil: the whole dialog
	problemState []string                   // what problemOf held when the line was shown
	watched      map[fyne.CanvasObject]bool // inputs whose changes are watched
	filling      bool                       // Fill is running
}

// NewFormDialog builds a dialog around body. confirm names the action
// ("Create", "Save"); onConfirm runs when it is chosen (or Enter is
// pressed in a field wired to submit). left holds extra buttons.
func NewFormDialog(win fyne.Window, title string, body fyne.CanvasObject, confirm string, onConfirm func(), left ...fyne.CanvasObject) *FormDialog {
	d := &FormDialog{win: win, title: title, body: body, onConfirm: onConfirm}
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.DangerImportance
	d.message.Hide()
	d.cancel = NewButton("Cancel", theme.CancelIcon(), d.Hide)
	d.confirm = NewButton(confirm, theme.ConfirmIcon(), d.Submit)
	d.confirm.Importance = widget.HighImportance
	buttons := container.NewBorder(nil, nil, container.NewHBox(left...), container.NewHBox(d.cancel, d.confirm))
	d.content = container.NewBorder(nil, container.NewVBox(d.message, buttons), nil, nil, body)
	SetOnEscape(d.content, d.Hide)
	d.dlg = dialog.NewCustomWithoutButtons(title, d.content, win)
	d.dlg.SetOnClosed(d.closed)
	return d
}

// Show opens the dialog at least size big and focuses the first field.
func (d *FormDialog) Show(size fyne.Size) {
	c := d.win.Canvas()
	d.prevKey = c.OnTypedKey()
	// With nothing focused, keys go to the window: Escape closes this
	// dialog when it is the one on top (not, say, an error shown over it).
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && d.open && c.Overlays().Top() == d.overlay {
			d.Hide()
			return
		}
		if d.prevKey != nil {
			d.prevKey(ev)
		}
	})
	d.open = true
	d.shown = fieldState(d.body, nil)
	openForms.add(d)
	if !size.IsZero() {
		d.dlg.Resize(size.Max(d.dlg.MinSize()))
	}
	d.dlg.Show()
	d.overlay = c.Overlays().Top()
	if d.First != nil {
		c.Focus(d.First)
	}
}

// Hide closes the dialog without doing anything more.
func (d *FormDialog) Hide() {
	if d.open {
		d.dlg.Hide()
	}
}

func (d *FormDialog) closed() {
	if !d.open {
		return
	}
	d.open = false
	d.overlay = nil
	openForms.remove(d)
	d.win.Canvas().SetOnTypedKey(d.prevKey)
	if d.onClosed != nil {
		d.onClosed()
	}
}

// SetOnClosed sets what is done once the dialog has closed, whether by
// its buttons, Escape or Hide.
func (d *FormDialog) SetOnClosed(f func()) { d.onClosed = f }

// Submit runs the confirm action, as Enter in a field wired to it does,
// unless the dialog is closed or the action is already running.
func (d *FormDialog) Submit() {
	if d.open && !d.confirm.Disabled() && d.onConfirm != nil {
		d.onConfirm()
	}
}

// SetError shows what went wrong under the body ("" hides it). The line
// stays until the next SetError: a problem with one input is better shown
// with SetFieldError, so that it goes once that input is corrected.
func (d *FormDialog) SetError(msg string) { d.SetFieldError(nil, msg) }

// SetFieldError shows msg under the body as a problem with field, an
// input of the body or a container of the inputs it concerns. As soon as
// what field holds changes, the problem may no longer hold and the line
// goes; changes to other inputs leave it. A nil field is SetError.
func (d *FormDialog) SetFieldError(field fyne.CanvasObject, msg string) {
	d.problemOf, d.problemState = nil, nil
	if field != nil && msg != "" {
		d.problemOf, d.problemState = field, fieldState(field, nil)
		d.watch(field)
	}
	d.message.SetText(msg)
	if msg == "" {
		d.message.Hide()
	} else {
		d.message.Show()
	}
	d.content.Refresh()
}

// SetProblem shows err as a teacher reads it (continuum.ErrorMessage),
// about the input Fields maps its field to (continuum.ErrorField), if any:
// the field itself ("method.recent") or else the part before its first dot
// ("method"). A nil err hides the line.
func (d *FormDialog) SetProblem(err error) {
	if err == nil {
		d.SetError("")
		return
	}
	field := continuum.ErrorField(err)
	in, ok := d.Fields[field]
	if !ok {
		if head, _, cut := strings.Cut(field, "."); cut {
			in = d.Fields[head]
		}
	}
	d.SetFieldError(in, continuum.ErrorMessage(err))
}

// InputsOf groups inputs that one problem concerns (a choice and the
// entry beside it), for SetFieldError and Fields. The group is not shown:
// the inputs stay where the body puts them.
func InputsOf(inputs ...fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Objects: inputs}
}

// ProblemField returns the input the problem line is about, or nil when
// the line is about the whole dialog or hidden.
func (d *FormDialog) ProblemField() fyne.CanvasObject { return d.problemOf }

// Fill runs fill, which puts other values in the inputs (another of
// several records shown in the same inputs), without it counting as the
// teacher's change: a problem line stays, and goes once the teacher
// changes its input afterwards. Inputs fill adds under the problem's
// field are watched too.
func (d *FormDialog) Fill(fill func()) {
	d.filling = true
	defer func() {
		d.filling = false
		if d.problemOf != nil {
			d.problemState = fieldState(d.problemOf, nil)
			d.watch(d.problemOf)
		}
	}()
	fill()
}

// InputsChanged tells the dialog that inputs were added, moved or removed
// (rows of a list, say): a problem about them goes if they hold something
// else now, and inputs added under its field are watched.
func (d *FormDialog) InputsChanged() {
	if d.problemOf != nil {
		d.watch(d.problemOf)
	}
	d.onInputChanged()
}

// onInputChanged hides a problem line about an input once that input holds
// something else than when the line was shown.
func (d *FormDialog) onInputChanged() {
	if d.filling {
		return
	}
	if d.problemOf != nil && !slices.Equal(d.problemState, fieldState(d.problemOf, nil)) {
		d.SetError("")
	}
}

// watch has every input under o tell the dialog when it changes, after
// whatever it already does. Each input is wired once.
func (d *FormDialog) watch(o fyne.CanvasObject) {
	if d.watched == nil {
		d.watched = map[fyne.CanvasObject]bool{}
	}
	eachInput(o, func(in fyne.CanvasObject) {
		if d.watched[in] {
			return
		}
		d.watched[in] = true
		if g, ok := in.(InputGroup); ok {
			g.SetOnInputsChanged(d.InputsChanged)
			return
		}
		hookInput(in, d.onInputChanged)
	})
}

// OnInputChanged has every input under o call f after it changes (typed
// in, chosen, ticked), after what it already does: a problem shown beside
// them, say, goes. Call it once for each input: again for rows added later.
func OnInputChanged(o fyne.CanvasObject, f func()) {
	eachInput(o, func(in fyne.CanvasObject) { hookInput(in, f) })
}

// hookInput has the input in call f after it changes.
func hookInput(in fyne.CanvasObject, f func()) {
	switch v := in.(type) {
	case *Entry:
		after(&v.OnChanged, f)
	case *CellEntry:
		after(&v.OnChanged, f)
	case *widget.Entry:
		after(&v.OnChanged, f)
	case *widget.SelectEntry:
		after(&v.OnChanged, f)
	case *Select:
		after(&v.OnChanged, f)
	case *widget.Select:
		after(&v.OnChanged, f)
	case *widget.RadioGroup:
		after(&v.OnChanged, f)
	case *widget.CheckGroup:
		after(&v.OnChanged, f)
	case *Check:
		after(&v.OnChanged, f)
	case *widget.Check:
		after(&v.OnChanged, f)
	case *SearchList:
		after(&v.OnSelected, f)
	case *ChoiceList:
		prev := v.onChosen
		v.onChosen = func() {
			if prev != nil {
				prev()
			}
			f()
		}
	}
}

// after makes *f call g after what it already does.
func after[T any](f *func(T), g func()) {
	prev := *f
	*f = func(v T) {
		if prev != nil {
			prev(v)
		}
		g()
	}
}

// SetBusy disables the confirm button while the work runs.
func (d *FormDialog) SetBusy(busy bool) {
	if busy {
		d.confirm.Disable()
	} else {
		d.confirm.Enable()
	}
}

// ConfirmButton returns the button that confirms the dialog.
func (d *FormDialog) ConfirmButton() *Button { return d.confirm }

// CancelButton returns the dialog's Cancel button.
func (d *FormDialog) CancelButton() *Button { return d.cancel }

// Error returns what the dialog says went wrong, or "" when it says nothing.
func (d *FormDialog) Error() string {
	if !d.message.Visible() {
		return ""
	}
	return d.message.Text
}

// IsOpen reports whether the dialog is shown.
func (d *FormDialog) IsOpen() bool { return d.open }

// Title returns the dialog's title.
func (d *FormDialog) Title() string { return d.title }

// Changed reports whether the dialog is open with a field that differs
// from what it held when the dialog was shown: work a close would lose.
func (d *FormDialog) Changed() bool {
	return d.open && !slices.Equal(d.shown, fieldState(d.body, nil))
}

// UnsavedForms returns the titles of the form dialogs open over win whose
// fields were changed, for the window to ask about before it closes.
func UnsavedForms(win fyne.Window) []string {
	var out []string
	for _, d := range openForms.over(win) {
		if d.Changed() {
			out = append(out, d.title)
		}
	}
	return out
}

// formRegistry lists the form dialogs open over each window.
type formRegistry struct {
	mu   sync.Mutex
	open map[fyne.Window][]*FormDialog
}

var openForms = &formRegistry{open: map[fyne.Window][]*FormDialog{}}

func (r *formRegistry) add(d *FormDialog) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.open[d.win], d) {
		r.open[d.win] = append(r.open[d.win], d)
	}
}

func (r *formRegistry) remove(d *FormDialog) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open[d.win] = slices.DeleteFunc(r.open[d.win], func(o *FormDialog) bool { return o == d })
	if len(r.open[d.win]) == 0 {
		delete(r.open, d.win)
	}
}

func (r *formRegistry) over(win fyne.Window) []*FormDialog {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.open[win])
}

// fieldState appends what each input under o holds, in tree order: the
// text of entries, the choice of selects, radio groups and search lists,
// the state of check boxes and what is ticked in check groups and choice
// lists.
func fieldState(o fyne.CanvasObject, out []string) []string {
	eachInput(o, func(in fyne.CanvasObject) {
		switch v := in.(type) {
		case *Entry:
			out = append(out, v.Text)
		case *CellEntry:
			out = append(out, v.Text)
		case *widget.Entry:
			out = append(out, v.Text)
		case *widget.SelectEntry:
			out = append(out, v.Text)
		case *Select:
			out = append(out, v.Selected)
		case *widget.Select:
			out = append(out, v.Selected)
		case *widget.RadioGroup:
			out = append(out, v.Selected)
		case *widget.CheckGroup:
			out = append(out, strings.Join(v.Selected, "\x00"))
		case *Check:
			out = append(out, strconv.FormatBool(v.Checked))
		case *widget.Check:
			out = append(out, strconv.FormatBool(v.Checked))
		case *ChoiceList:
			out = append(out, strings.Join(v.Chosen(), "\x00"))
		case *SearchList:
			out = append(out, v.Selected())
		}
	})
	return out
}

// eachInput calls f with each input under o, in tree order, looking
// inside containers, scroll containers, tabs, splits and forms (not inside
// a choice list or a search list, each one input).
func eachInput(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	switch v := o.(type) {
	case *Entry, *CellEntry, *widget.Entry, *widget.SelectEntry, *Select, *widget.Select,
		*widget.RadioGroup, *widget.CheckGroup, *Check, *widget.Check, *ChoiceList, *SearchList:
		f(o)
	case InputGroup:
		f(o)
		eachInput(v.Inputs(), f)
	default:
		for _, c := range children(o) {
			eachInput(c, f)
		}
	}
}

// InputGroup is a widget made of inputs, such as a list of rows that can
// be added, moved and removed, that a form dialog looks into as it looks
// into containers: to tell unsaved changes, and to see a problem about
// the group go once what the group holds changes.
type InputGroup interface {
	fyne.Widget
	// Inputs returns what holds the group's inputs now.
	Inputs() fyne.CanvasObject
	// SetOnInputsChanged sets what is called after inputs are added,
	// moved or removed (changes their own callbacks do not tell). The
	// form dialog showing the group sets it.
	SetOnInputsChanged(f func())
}

// ShowConfirmation asks before a change that removes something, and
// returns the dialog shown. The focus starts on Cancel, so a stray key
// press removes nothing; Escape cancels; action, in the danger colour,
// runs onConfirm.
func ShowConfirmation(win fyne.Window, title, message, action string, onConfirm func()) *FormDialog {
	var d *FormDialog
	d = NewFormDialog(win, title, Wrapped(message), action, func() {
		d.Hide()
		onConfirm()
	})
	d.ConfirmButton().Importance = widget.DangerImportance
	d.ConfirmButton().Icon = theme.DeleteIcon()
	d.First = d.CancelButton()
	d.Show(fyne.NewSize(480, 0))
	return d
}

// ShowMessage shows a message with an OK button, as Fyne's information and
// error dialogs do, but one the keyboard can close: the focus starts on OK,
// so Enter, Space or Escape closes it. icon may be nil.
func ShowMessage(win fyne.Window, title, message string, icon fyne.Resource) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := NewButton("OK", nil, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	ok.OnEscape = func() { d.Hide() }
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), nil, nil, text)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	if icon != nil {
		d.SetIcon(icon)
	}
	// As wide as the longest line (a file's path, say), so that nothing is
	// broken mid-word, within reason: from 420 to 760 px.
	longest := widget.NewLabel(message).MinSize().Width + 10*theme.Padding() // the dialog's own margins
	d.Resize(fyne.NewSize(min(max(longest, 420), 760), 0))
	d.Show()
	win.Canvas().Focus(ok)
}
