package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// ReportLanguage is a language progress reports can be written in.
type ReportLanguage struct {
	// Code is the language's code, e.g. "es".
	Code string
	// Name is the language's name in itself, e.g. "Español", as a menu shows it.
	Name string
}

// ReportChoice is what the teacher chose for a progress report.
type ReportChoice struct {
	// Lang is the code of the report's language.
	Lang string
	// AsOf is the day the report describes.
	AsOf continuum.Date
	// Paper is "letter" or "a4".
	Paper string
	// Format is "pdf" or "png".
	Format string
	// Comment is the teacher's comment for the report; "" for none.
	Comment string
}

// The paper and format choices, as shown and as a ReportChoice holds them.
const (
	reportPaperLetter = "Letter"
	reportPaperA4     = "A4"
	reportFormatPDF   = "PDF"
	reportFormatPNG   = "PNG (first page)"
)

// ReportOptions is the form of a progress report's options: the
// language (each named in itself), the day it is as of, the paper, and,
// when asked for, the file format and the teacher's comment.
type ReportOptions struct {
	// Language chooses the report's language by its name.
	Language *Select
	// AsOf holds the day, written YYYY-MM-DD.
	AsOf *Entry
	// Paper chooses Letter or A4.
	Paper *widget.RadioGroup
	// Format chooses PDF or PNG; nil when only PDF is offered.
	Format *widget.RadioGroup
	// Comment holds the teacher's comment; nil when none is asked for.
	Comment *Entry

	langs []ReportLanguage
	form  *widget.Form
}

// NewReportOptions builds the form for langs (the first chosen unless
// lang names another), as of today, on Letter paper, as a PDF.
// withFormat offers a PNG too; withComment asks for a comment.
func NewReportOptions(langs []ReportLanguage, lang string, today continuum.Date, withFormat, withComment bool) *ReportOptions {
	o := &ReportOptions{langs: slices.Clone(langs)}
	names := make([]string, len(langs))
	for i, l := range langs {
		names[i] = l.Name
	}
	o.Language = NewSelect(names, nil)
	if i := slices.IndexFunc(langs, func(l ReportLanguage) bool { return l.Code == lang }); i >= 0 {
		o.Language.SetSelectedIndex(i)
	} else if len(langs) > 0 {
		o.Language.SetSelectedIndex(0)
	}
	o.AsOf = NewEntry()
	o.AsOf.SetText(today.String())
	o.AsOf.PlaceHolder = "YYYY-MM-DD"
	o.Paper = widget.NewRadioGroup([]string{reportPaperLetter, reportPaperA4}, nil)
	o.Paper.Horizontal = true
	o.Paper.Required = true
	o.Paper.SetSelected(reportPaperLetter)
	items := []*widget.FormItem{
		widget.NewFormItem("Language", o.Language),
		{Text: "As of", Widget: o.AsOf, HintText: "Evidence after this day is left out"},
		widget.NewFormItem("Paper", o.Paper),
	}
	if withFormat {
		o.Format = widget.NewRadioGroup([]string{reportFormatPDF, reportFormatPNG}, nil)
		o.Format.Required = true
		o.Format.Horizontal = true
		o.Format.SetSelected(reportFormatPDF)
		items = append(items, widget.NewFormItem("File", o.Format))
	}
	if withComment {
		o.Comment = NewMultiLineEntry(4)
		o.Comment.Wrapping = fyne.TextWrapWord
		o.Comment.PlaceHolder = "A few words for the student and the family (optional)"
		items = append(items, widget.NewFormItem("Comment", o.Comment))
	}
	o.form = widget.NewForm(items...)
	return o
}

// Form returns the form to place in a dialog.
func (o *ReportOptions) Form() *widget.Form { return o.form }

// SetPaper chooses "letter" or "a4" (capitals aside); anything else is ignored.
func (o *ReportOptions) SetPaper(paper string) {
	switch strings.ToLower(strings.TrimSpace(paper)) {
	case "letter":
		o.Paper.SetSelected(reportPaperLetter)
	case "a4":
		o.Paper.SetSelected(reportPaperA4)
	}
}

// Choice reads the form. A day that is not a date is continuum.ErrInvalid
// with the field "report.as_of", saying how to write it.
func (o *ReportOptions) Choice() (ReportChoice, error) {
	ch := ReportChoice{Paper: "letter", Format: "pdf"}
	if i := o.Language.SelectedIndex(); i >= 0 && i < len(o.langs) {
		ch.Lang = o.langs[i].Code
	}
	if ch.Lang == "" {
		return ReportChoice{}, continuum.Invalidf("report.language", "no language is chosen; choose the language the report is written in")
	}
	day, err := continuum.ParseDate(o.AsOf.Text)
	if err != nil {
		return ReportChoice{}, continuum.Invalidf("report.as_of", "the day %q is not a date; write it like %s", strings.TrimSpace(o.AsOf.Text), continuum.Today())
	}
	ch.AsOf = day
	if o.Paper.Selected == reportPaperA4 {
		ch.Paper = "a4"
	}
	if o.Format != nil && o.Format.Selected == reportFormatPNG {
		ch.Format = "png"
	}
	if o.Comment != nil {
		ch.Comment = strings.TrimSpace(o.Comment.Text)
	}
	return ch, nil
}

// Fields maps the fields of Choice's errors to their inputs, for a
// FormDialog's Fields.
func (o *ReportOptions) Fields() map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{"report.language": o.Language, "report.as_of": o.AsOf}
}
