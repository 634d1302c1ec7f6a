package transfer

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/widgets"
)

// issueLine is one problem or warning as the preview lists it.
type issueLine struct {
	place string // "Evidence, row 12, column D (Score)", `CFItems item 4, field "notes"`
	what  string // what is wrong
	kind  string // the message with its particulars left out, to group alike lines
}

// issueLines lists issues with their places. The decoder's problems come
// first in issues, parallel to decoded; a place written out for a file
// without sheets (a JSON item and field) is taken from there.
func issueLines(issues []exchange.Issue, decoded []workbook.Problem) []issueLine {
	out := make([]issueLine, len(issues))
	for i, is := range issues {
		place := is.Place()
		if i < len(decoded) && is.Sheet == "" && is.Row == 0 && decoded[i].Where != "" && decoded[i].Message == is.What {
			place = decoded[i].Where
		}
		what := strings.ReplaceAll(is.What, "\n", " ")
		out[i] = issueLine{place: place, what: what, kind: issueKind(what)}
	}
	return out
}

var (
	// quotedText is a quoted name or value in a message.
	quotedText = regexp.MustCompile(`"[^"]*"|“[^”]*”|«[^»]*»`)
	// particular is a word of a message with a digit in it: a number, a
	// code, a row, an identifier.
	particular = regexp.MustCompile(`[^\s,;:()"“”]*\d[^\s,;:()"“”]*`)
	// elided is a run of left-out particulars.
	elided = regexp.MustCompile(`…(\s*…)+`)
)

// issueKind is a message with its particulars (quoted text, numbers,
// codes, identifiers) left out, so that "row 7: code 3.OA.1 is used
// twice" and "row 9: code 4.NF.2 is used twice" are one kind.
func issueKind(what string) string {
	k := quotedText.ReplaceAllString(what, "…")
	k = particular.ReplaceAllString(k, "…")
	return elided.ReplaceAllString(k, "…")
}

// importIssueTable lists problems or warnings as a table of where and
// what is wrong, the chosen line shown whole below it. Many lines of a
// few kinds (hundreds of associations left out) can be narrowed to one
// kind at a time.
type importIssueTable struct {
	all     []issueLine
	lines   []issueLine // the lines shown: all, or one kind's
	kinds   []issueKindCount
	show    *widgets.Select // All, or one kind; nil with fewer than two kinds
	table   *widget.Table
	detail  *widget.Label
	content fyne.CanvasObject
}

// issueKindCount is a kind of line and how many lines are of it.
type issueKindCount struct {
	kind string
	n    int
}

var importIssueHeaders = []string{"Where", "What is wrong"}

// minGrouped is how many lines a list has before they can be shown one
// kind at a time.
const minGrouped = 10

// newImportIssueTable lists lines; noun names them ("warning", "warnings").
func newImportIssueTable(lines []issueLine, one, many string) *importIssueTable {
	t := &importIssueTable{all: lines, lines: lines}
	t.table = widget.NewTable(
		func() (int, int) { return len(t.lines), len(importIssueHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.cell(id.Row, id.Col)) })
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(importIssueHeaders) {
			o.(*widget.Label).SetText(importIssueHeaders[id.Col])
		}
	}
	t.table.SetColumnWidth(0, 340)
	t.table.SetColumnWidth(1, 580)
	t.detail = widget.NewLabel("Choose a line to read it whole.")
	t.detail.Wrapping = fyne.TextWrapWord
	t.detail.Importance = widget.LowImportance
	t.table.OnSelected = func(id widget.TableCellID) { t.showLine(id.Row) }
	top := t.kindChoice(one, many)
	t.content = container.NewBorder(top, container.NewVBox(widget.NewSeparator(), t.detail), nil, nil, t.table)
	if len(lines) > 0 {
		t.showLine(0)
	}
	return t
}

// kindChoice counts the lines of each kind and, when there are several
// kinds, offers to show one kind at a time, the commonest first.
func (t *importIssueTable) kindChoice(one, many string) fyne.CanvasObject {
	counts := map[string]int{}
	for _, l := range t.all {
		if counts[l.kind] == 0 {
			t.kinds = append(t.kinds, issueKindCount{kind: l.kind})
		}
		counts[l.kind]++
	}
	for i := range t.kinds {
		t.kinds[i].n = counts[t.kinds[i].kind]
	}
	slices.SortStableFunc(t.kinds, func(a, b issueKindCount) int { return cmp.Compare(b.n, a.n) })
	total := continuum.Plural(len(t.all), one, many)
	if len(t.kinds) < 2 || len(t.all) < minGrouped || len(t.kinds) == len(t.all) {
		return nil // a short list, or one of a kind each, reads as it is
	}
	options := []string{"All " + total}
	for _, k := range t.kinds {
		options = append(options, fmt.Sprintf("%s × %s", continuum.GroupThousands(k.n), shorten(k.kind, 110)))
	}
	t.show = widgets.NewSelect(options, func(string) { t.onKindChosen() })
	t.show.SetSelectedIndex(0)
	label := widget.NewLabel(fmt.Sprintf("%s of %d kinds. Show:", total, len(t.kinds)))
	return container.NewBorder(nil, nil, label, nil, t.show)
}

// onKindChosen shows the lines of the kind chosen, or all of them.
func (t *importIssueTable) onKindChosen() {
	i := t.show.SelectedIndex()
	if i <= 0 || i > len(t.kinds) {
		t.lines = t.all
	} else {
		kind := t.kinds[i-1].kind
		t.lines = nil
		for _, l := range t.all {
			if l.kind == kind {
				t.lines = append(t.lines, l)
			}
		}
	}
	t.table.UnselectAll()
	t.table.ScrollToTop()
	t.table.Refresh()
	if len(t.lines) > 0 {
		t.showLine(0)
	}
}

// shorten cuts s to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func (t *importIssueTable) cell(row, col int) string {
	if row < 0 || row >= len(t.lines) {
		return ""
	}
	if col == 0 {
		return t.lines[row].place
	}
	return t.lines[row].what
}

func (t *importIssueTable) showLine(row int) {
	if row < 0 || row >= len(t.lines) {
		return
	}
	l := t.lines[row]
	t.detail.Importance = widget.MediumImportance
	t.detail.SetText(l.place + ": " + l.what)
}
