// Package widgets holds the custom widgets of Continuum Planner's screens.
package widgets

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// Relation is how a card's target stands to the selected target.
type Relation int

// The relations a card can be marked with.
const (
	// Unrelated: no selection, or the target is neither before nor after it.
	Unrelated Relation = iota
	// PrerequisiteOfSelected: the selected target needs this one first.
	PrerequisiteOfSelected
	// DependsOnSelected: this target needs the selected one first.
	DependsOnSelected
)

// Tag returns the words a card shows for the relation ("" for Unrelated).
func (r Relation) Tag() string {
	switch r {
	case PrerequisiteOfSelected:
		return "needed first"
	case DependsOnSelected:
		return "builds on it"
	}
	return ""
}

// TargetCard shows one target on the continuum grid: its code, whether it
// is a milestone, how many prerequisites it has ("← 2"), its statement,
// and, when a student is shown, how that student stands on it. It can be
// tapped, and focused and activated from the keyboard with Space or Enter.
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
	relation Relation
	onEscape func() // Esc on the focused card
	onFocus  func() // the card has taken the focus
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

// SetRelation marks the card as a prerequisite of the selected target or
// as one that builds on it, each in its own way (Unrelated: no mark).
func (c *TargetCard) SetRelation(r Relation) {
	if c.relation != r {
		c.relation = r
		c.Refresh()
	}
}

// Relation returns how the card's target stands to the selected one.
func (c *TargetCard) Relation() Relation { return c.relation }

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
func (c *TargetCard) FocusGained() {
	c.focused = true
	c.Refresh()
	if c.onFocus != nil {
		c.onFocus()
	}
}

// FocusLost removes the focus ring.
func (c *TargetCard) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune activates the card on Space.
func (c *TargetCard) TypedRune(r rune) {
	if r == ' ' {
		c.Tapped(nil)
	}
}

// TypedKey activates the card on Enter; Esc clears the selection.
func (c *TargetCard) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		c.Tapped(nil)
	case fyne.KeyEscape:
		if c.onEscape != nil {
			c.onEscape()
		}
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
	r.badge = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.value = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.value.Alignment = fyne.TextAlignTrailing
	r.statement = widget.NewLabel("")
	r.statement.Wrapping = fyne.TextWrapWord
	r.statement.SizeName = theme.SizeNameCaptionText
	r.Refresh()
	return r
}

type targetCardRenderer struct {
	card      *TargetCard
	bg        *canvas.Rectangle
	code      *canvas.Text
	flag      *canvas.Text // "◆ milestone", or "◆" where that does not fit
	badge     *canvas.Text // "← 2", or the relation to the selected card
	value     *canvas.Text
	statement *widget.Label
}

// statementRunes keeps a card to about three lines of caption text; the
// whole statement is one tap away, in the target the card opens.
const statementRunes = 90

// Layout puts the head (code and milestone at the start, the badge and
// the value at the end) above the statement. Where the head is short of
// room, the milestone shrinks to its sign, then the code ends in "…".
func (r *targetCardRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	p := theme.InnerPadding() / 2
	gap := theme.Padding()
	inner := size.Width - 2*p
	headH := r.code.MinSize().Height

	end := inner + p
	for _, t := range []*canvas.Text{r.value, r.badge} {
		w := t.MinSize().Width
		t.Move(fyne.NewPos(end-w, p/2+(headH-t.MinSize().Height)))
		t.Resize(fyne.NewSize(w, t.MinSize().Height))
		if w > 0 {
			end -= w + gap
		}
	}
	room := end - p
	codeText, flagText := r.card.Target.Code, r.flagText()
	if measure(r.code, codeText)+gap+measure(r.flag, flagText) > room && flagText != "" {
		flagText = "◆"
	}
	flagW := measure(r.flag, flagText)
	if flagText != "" {
		flagW += gap
	}
	r.code.Text = FitText(codeText, r.code.TextSize, r.code.TextStyle, room-flagW)
	r.flag.Text = flagText
	r.code.Move(fyne.NewPos(p, p/2))
	r.code.Resize(r.code.MinSize())
	r.flag.Move(fyne.NewPos(p+r.code.MinSize().Width+gap, p/2+(headH-r.flag.MinSize().Height)))
	r.flag.Resize(r.flag.MinSize())
	r.code.Refresh()
	r.flag.Refresh()

	r.statement.Move(fyne.NewPos(p, p/2+headH))
	r.statement.Resize(fyne.NewSize(inner, max(size.Height-p-headH, 0)))
}

// measure returns the width of text in t's size and style.
func measure(t *canvas.Text, text string) float32 {
	if text == "" {
		return 0
	}
	return fyne.MeasureText(text, t.TextSize, t.TextStyle).Width
}

func (r *targetCardRenderer) flagText() string {
	if r.card.Target.Milestone {
		return "◆ milestone"
	}
	return ""
}

func (r *targetCardRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding() / 2
	s := r.statement.MinSize()
	return fyne.NewSize(s.Width+2*p, r.code.MinSize().Height+s.Height+p)
}

func (r *targetCardRenderer) Refresh() {
	c := r.card
	t := c.Target
	r.code.Text = t.Code
	r.code.Color = theme.Color(theme.ColorNameForeground)
	r.code.TextSize = theme.TextSize()
	r.flag.TextSize = theme.CaptionTextSize()
	r.flag.Color = theme.Color(theme.ColorNamePrimary)
	r.refreshBadge()
	r.statement.Importance = widget.MediumImportance
	if c.dimmed {
		r.statement.Importance = widget.LowImportance
	}
	r.statement.SetText(ShortenWords(t.Statement, statementRunes))
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
		r.badge.Color = theme.Color(theme.ColorNameDisabled)
	}
	r.bg.FillColor = fill
	r.refreshStroke()
	r.bg.Refresh()
	r.badge.Refresh()
	r.value.Refresh()
	r.Layout(c.Size())
}

// refreshBadge shows the number of prerequisites ("← 2"), or, while
// another card is selected, how this one stands to it, in words.
func (r *targetCardRenderer) refreshBadge() {
	c := r.card
	r.badge.TextSize = theme.CaptionTextSize()
	r.badge.TextStyle = fyne.TextStyle{}
	r.badge.Color = theme.Color(theme.ColorNameForeground)
	r.badge.Text = ""
	if n := len(c.Target.Prerequisites); n > 0 {
		r.badge.Text = fmt.Sprintf("← %d", n)
	}
	if tag := c.relation.Tag(); tag != "" {
		r.badge.Text = tag
		r.badge.TextStyle = fyne.TextStyle{Bold: true}
		if c.relation == PrerequisiteOfSelected {
			r.badge.Color = theme.Color(theme.ColorNamePrimary)
		}
	}
}

// refreshStroke outlines the card: focus, then selection, then its
// relation to the selected card (a prerequisite in the primary colour, a
// target that builds on it in the text colour, both with their words in
// the badge), then the pointer, then a teacher's override.
func (r *targetCardRenderer) refreshStroke() {
	c := r.card
	r.bg.StrokeWidth = 0
	switch {
	case c.focused:
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 2
	case c.selected:
		// Heavier than the marks of its neighbours, so it stands out among them.
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 3
	case c.chosen:
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
	case c.relation == PrerequisiteOfSelected:
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
	case c.relation == DependsOnSelected:
		r.bg.StrokeColor = theme.Color(theme.ColorNameForeground)
		r.bg.StrokeWidth = 2
	case c.hovered:
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 1
	case c.mark != nil && c.mark.Override:
		r.bg.StrokeColor = theme.Color(theme.ColorNameForeground)
		r.bg.StrokeWidth = 1
	}
}

func (r *targetCardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.code, r.flag, r.badge, r.value, r.statement}
}

func (r *targetCardRenderer) Destroy() {}
