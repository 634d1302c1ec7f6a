package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// EvidenceRow writes one piece of evidence: date and score (with the
// scale's label for it), then kind and scorer, then the note.
func EvidenceRow(scale *continuum.Scale, e continuum.Evidence) fyne.CanvasObject {
	score := continuum.FormatScore(e.Score)
	if p, ok := scale.Point(e.Score); ok {
		score += " " + p.Label
	}
	meta := []string{strings.ReplaceAll(string(e.Kind), "-", " ")}
	if e.Scorer != "" {
		meta = append(meta, "scored by "+e.Scorer)
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: e.Date.Long() + "   ", Style: widget.RichTextStyle{Inline: true}},
		&widget.TextSegment{Text: score, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "   " + strings.Join(meta, " · "), Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}},
	}
	if e.Note != "" {
		segs = append(segs, &widget.TextSegment{Text: e.Note, Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Italic: true}}})
	}
	t := widget.NewRichText(segs...)
	t.Wrapping = fyne.TextWrapWord
	return t
}
