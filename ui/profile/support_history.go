package profile

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// supportHistorySection is the student profile's section on flex time:
// the supports the student was placed in, newest first, each with how it
// went and the mastery on its focus targets before the block and now, so
// the teacher can see whether the support worked.
func supportHistorySection(supports []continuum.Support, today continuum.Date) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("Flex supports", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	if len(supports) == 0 {
		none := widget.NewLabelWithStyle("No flex supports yet.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		return container.NewVBox(heading, none)
	}
	rows := container.NewVBox()
	for i := len(supports) - 1; i >= 0; i-- {
		s := supports[i]
		title := widget.NewLabelWithStyle(supportTitle(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		about := widget.NewLabel(supportAbout(s, today))
		about.Wrapping = fyne.TextWrapWord
		about.SizeName = theme.SizeNameCaptionText
		rows.Add(title)
		rows.Add(about)
		for _, f := range s.Focus {
			l := widget.NewLabel(supportFocusLine(f, s.Date.After(today)))
			l.Wrapping = fyne.TextWrapWord
			rows.Add(l)
		}
		if i > 0 {
			rows.Add(widget.NewSeparator())
		}
	}
	return container.NewVBox(heading, widget.NewCard("", "", rows))
}

// supportTitle is a support's first line: "Mon, Nov 23, 2026 · WIN time — Place value, once more".
func supportTitle(s continuum.Support) string {
	return fmt.Sprintf("%s · %s — %s", s.Date.WithWeekday(), s.Slot, s.Offering.Title)
}

// supportAbout says what the support was and how it went: the kind, the
// tier, attendance and the teacher's outcome.
func supportAbout(s continuum.Support, today continuum.Date) string {
	parts := []string{s.Offering.Kind.Label(), s.Tier.String()}
	switch {
	case s.Date.After(today):
		parts = append(parts, "planned")
	case s.Attended == nil:
		parts = append(parts, "attendance not recorded")
	case *s.Attended:
		parts = append(parts, "came")
	default:
		parts = append(parts, "absent")
	}
	text := strings.Join(parts, " · ")
	if s.Outcome != "" {
		text += " · “" + s.Outcome + "”"
	}
	return text
}

// supportFocusLine reads one focus target before the block and now:
// "NO.1.1: 1.65 not yet → 3.48 mastered (+1.83, 2 new pieces of evidence)".
func supportFocusLine(f continuum.FocusChange, planned bool) string {
	if planned {
		return fmt.Sprintf("%s: %s now", f.Target, supportValue(f.Now))
	}
	text := fmt.Sprintf("%s: %s → %s", f.Target, supportValue(f.Before), supportValue(f.Now))
	var after []string
	if g, ok := f.Gain(); ok && f.NewEvidence() > 0 {
		sign := ""
		if g > 0 {
			sign = "+"
		}
		after = append(after, sign+continuum.FormatScore(g))
	}
	if n := f.NewEvidence(); n > 0 {
		after = append(after, continuum.Plural(n, "new piece of evidence", "new pieces of evidence"))
	} else {
		after = append(after, "no evidence since")
	}
	return text + " (" + strings.Join(after, ", ") + ")"
}

// supportValue writes a judgement briefly: "2.35 not yet", "3 mastered",
// "no evidence", "mastered (override)".
func supportValue(m continuum.Mastery) string {
	status := m.Status().String()
	switch {
	case m.Source == continuum.FromOverride:
		status += " (override)"
	case m.Source == continuum.FromPlacement && m.Mastered:
		status += " (starting level)"
	}
	if m.HasValue {
		return continuum.FormatScore(m.Value) + " " + status
	}
	return status
}
