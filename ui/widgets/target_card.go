// Package widgets holds the custom widgets of Continuum Planner's screens.
package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
)

// Mark is how one student stands on a target, for colouring its card.
type Mark struct {
	// Status is no evidence, not yet or mastered.
	Status continuum.Status
	// Value is the mastery method's value written for people ("3.48"), or "".
	Value string
	// Override marks a judgement made by the teacher rather than calculated.
	Override bool
	// Placement marks a target counted as mastered because the student started above it.
	Placement bool
	// Fill is the standing's colour in every picture of the class
	// (palette.ForMastery of the judgement); the card shows it tinted
	// (CardTint). Zero: the card is coloured by Status alone.
	Fill color.NRGBA
}

// MarkOf returns the mark of a judgement on scale: its status, its value,
// what decided it, and its colour as the class map has it.
func MarkOf(m continuum.Mastery, scale *continuum.Scale) Mark {
	mark := Mark{
		Status:    m.Status(),
		Override:  m.Source == continuum.FromOverride,
		Placement: m.Source == continuum.FromPlacement,
		Fill:      palette.ForMastery(m, scale),
	}
	if m.HasValue {
		mark.Value = continuum.FormatScore(m.Value)
	}
	return mark
}

// CardTint returns fill made translucent over the theme's background, so
// that a card's text, in the theme's foreground colour, stays legible:
// fainter over a dark background than over a light one.
func CardTint(fill color.NRGBA) color.NRGBA {
	fill.A = 0x90
	if r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA(); r+g+b < 3*0x8000 {
		fill.A = 0x60
	}
	return fill
}

// Status colours, chosen to stay legible under dark and light themes:
// translucent fills over the theme's own background, text in the theme's
// foreground colour.
var (
	// MasteredColor fills the card of a mastered target.
	MasteredColor = color.NRGBA{R: 0x2e, G: 0xa0, B: 0x43, A: 0x70}
	// NotYetColor fills the card of a target with evidence but no mastery yet.
	NotYetColor = color.NRGBA{R: 0xe6, G: 0xa0, B: 0x1e, A: 0x70}
	// NoEvidenceColor fills the card of a target with nothing recorded.
	NoEvidenceColor = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x30}
)

// ChosenColor returns the fill of a chosen card: the theme's primary
// colour, translucent so the card's text stays legible.
func ChosenColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40}
}

// StatusColor returns the fill for a mark: its Fill tinted, or, without
// one, the colour of its Status.
func StatusColor(m Mark) color.Color {
	if m.Fill.A != 0 {
		return CardTint(m.Fill)
	}
	switch m.Status {
	case continuum.Mastered:
		return MasteredColor
	case continuum.NotYet:
		return NotYetColor
	}
	return NoEvidenceColor
}

// TargetCard shows one target on the continuum grid: its code, whether it
// is a milestone, its statement, and, when a student is shown, how that
// student stands on it. It can be tapped, and focused and activated from
// the keyboard with Space or Enter.
type TargetCard struct {
	widget.BaseWidget

	// Target is the target shown.
	Target continuum.Target
	// OnTapped is called with the target's code when the card is activated.
	OnTapped func(code string)

	mark     *Mark
	selected bool
	chosen   bool
	dimmed   bool
	focused  bool
	hovered  bool
}

// NewTargetCard returns a card for t.
func NewTargetCard(t continuum.Target, onTapped func(code string)) *TargetCard {
	c := &TargetCard{Target: t, OnTapped: onTapped}
	c.ExtendBaseWidget(c)
	return c
}

// SetMark colours the card by a student's standing (nil: no student).
func (c *TargetCard) SetMark(m *Mark) {
	c.mark = m
	c.Refresh()
}

// SetSelected draws the card as the one selected.
func (c *TargetCard) SetSelected(selected bool) {
	if c.selected != selected {
		c.selected = selected
		c.Refresh()
	}
}

// SetChosen draws the card as one of several targets chosen together
// (e.g. the targets of a unit): tinted, when no mark colours it, and outlined.
func (c *TargetCard) SetChosen(chosen bool) {
	if c.chosen != chosen {
		c.chosen = chosen
		c.Refresh()
	}
}

// SetDimmed fades the card, e.g. when it does not match a search.
func (c *TargetCard) SetDimmed(dimmed bool) {
	if c.dimmed != dimmed {
		c.dimmed = dimmed
		c.Refresh()
	}
}

// Tapped activates the card.
func (c *TargetCard) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped(c.Target.Code)
	}
}

// FocusGained draws the focus ring.
func (c *TargetCard) FocusGained() { c.focused = true; c.Refresh() }

// FocusLost removes the focus ring.
func (c *TargetCard) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune activates the card on Space.
func (c *TargetCard) TypedRune(r rune) {
	if r == ' ' {
		c.Tapped(nil)
	}
}

// TypedKey activates the card on Enter.
func (c *TargetCard) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		c.Tapped(nil)
	}
}

// MouseIn highlights the card under the pointer.
func (c *TargetCard) MouseIn(*desktop.MouseEvent) { c.hovered = true; c.Refresh() }

// MouseMoved does nothing; it completes desktop.Hoverable.
func (c *TargetCard) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the pointer highlight.
func (c *TargetCard) MouseOut() { c.hovered = false; c.Refresh() }

// Cursor shows a pointing hand over the card.
func (c *TargetCard) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer builds the card's parts.
func (c *TargetCard) CreateRenderer() fyne.WidgetRenderer {
	r := &targetCardRenderer{card: c}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.code = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.code.TextStyle = fyne.TextStyle{Bold: true}
	r.flag = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	r.flag.TextStyle = fyne.TextStyle{Bold: true}
	r.value = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.value.Alignment = fyne.TextAlignTrailing
	r.statement = widget.NewLabel("")
	r.statement.Wrapping = fyne.TextWrapWord
	r.statement.SizeName = theme.SizeNameCaptionText
	head := container.NewBorder(nil, nil, container.NewHBox(r.code, r.flag), r.value)
	r.body = container.NewBorder(head, nil, nil, nil, r.statement)
	r.Refresh()
	return r
}

type targetCardRenderer struct {
	card      *TargetCard
	bg        *canvas.Rectangle
	code      *canvas.Text
	flag      *canvas.Text
	value     *canvas.Text
	statement *widget.Label
	body      *fyne.Container
}

// statementRunes keeps a card to about three lines of caption text.
const statementRunes = 90

func (r *targetCardRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	p := theme.InnerPadding() / 2
	r.body.Move(fyne.NewPos(p, p/2))
	r.body.Resize(fyne.NewSize(size.Width-2*p, size.Height-p))
}

func (r *targetCardRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding() / 2
	m := r.body.MinSize()
	return fyne.NewSize(m.Width+2*p, m.Height+p)
}

func (r *targetCardRenderer) Refresh() {
	c := r.card
	t := c.Target
	r.code.Text = t.Code
	r.code.Color = theme.Color(theme.ColorNameForeground)
	r.code.TextSize = theme.TextSize()
	r.flag.Text = ""
	if t.Milestone {
		r.flag.Text = "◆ milestone"
		r.flag.TextSize = theme.CaptionTextSize()
	}
	r.flag.Color = theme.Color(theme.ColorNamePrimary)
	statement := []rune(t.Statement)
	if len(statement) > statementRunes {
		statement = append(statement[:statementRunes-1], '…')
	}
	r.statement.Importance = widget.MediumImportance
	if c.dimmed {
		r.statement.Importance = widget.LowImportance
	}
	r.statement.SetText(string(statement))
	r.value.Text = ""
	r.value.TextSize = theme.CaptionTextSize()
	r.value.Color = theme.Color(theme.ColorNameForeground)
	fill := theme.Color(theme.ColorNameInputBackground)
	if m := c.mark; m != nil {
		fill = StatusColor(*m)
		switch {
		case m.Override:
			r.value.Text = "override"
		case m.Placement:
			r.value.Text = "placed"
		case m.Value != "":
			r.value.Text = m.Value
		}
	}
	if c.chosen && c.mark == nil {
		fill = ChosenColor()
	}
	if c.dimmed {
		// Everything on a dimmed card fades, so the cards that match a
		// search stand out even on a large grid.
		fill = theme.Color(theme.ColorNameDisabledButton)
		r.code.Color = theme.Color(theme.ColorNameDisabled)
		r.flag.Color = theme.Color(theme.ColorNameDisabled)
	}
	r.bg.FillColor = fill
	r.bg.StrokeWidth = 0
	switch {
	case c.focused:
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 2
	case c.selected, c.chosen:
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
	case c.hovered:
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 1
	case c.mark != nil && c.mark.Override:
		r.bg.StrokeColor = theme.Color(theme.ColorNameForeground)
		r.bg.StrokeWidth = 1
	}
	r.bg.Refresh()
	r.body.Refresh() // texts changed size: lay the head out again
}

func (r *targetCardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.body}
}

func (r *targetCardRenderer) Destroy() {}
