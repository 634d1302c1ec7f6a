package transfer

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/widgets"
)

// lineTable lists the lines of a preview (students, targets, words) as a
// table with a header, the chosen line shown whole below it, so that a
// cell cut short can still be read. Its table recycles its cells, so a
// district's 2,000 students list as quickly as ten.
type lineTable struct {
	headers []string
	rows    [][]string
	table   *widget.Table
	detail  *widget.Label
	content fyne.CanvasObject
}

// newLineTable lists rows under headers, each column as wide as widths says.
func newLineTable(headers []string, widths []float32, rows [][]string) *lineTable {
	t := &lineTable{headers: headers, rows: rows}
	t.table = widget.NewTable(
		func() (int, int) { return len(t.rows), len(t.headers) },
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
		if id.Col >= 0 && id.Col < len(t.headers) {
			o.(*widget.Label).SetText(t.headers[id.Col])
		}
	}
	for i, w := range widths {
		t.table.SetColumnWidth(i, w)
	}
	t.detail = widgets.Hint("Choose a line to read it whole.")
	t.table.OnSelected = func(id widget.TableCellID) { t.showLine(id.Row) }
	t.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), t.detail), nil, nil, t.table)
	return t
}

func (t *lineTable) cell(row, col int) string {
	if row < 0 || row >= len(t.rows) || col < 0 || col >= len(t.rows[row]) {
		return ""
	}
	return strings.ReplaceAll(t.rows[row][col], "\n", " ")
}

// showLine shows the row whole below the table.
func (t *lineTable) showLine(row int) {
	if row < 0 || row >= len(t.rows) {
		return
	}
	var parts []string
	for col, h := range t.headers {
		if v := t.cell(row, col); v != "" {
			parts = append(parts, h+": "+v)
		}
	}
	t.detail.TextStyle.Italic = false
	t.detail.SetText(strings.Join(parts, " · "))
}
