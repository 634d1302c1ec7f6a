package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var unitCols = []column{
	{names: []string{"Unit", "Title", "Unit title"}, required: true, expect: "the unit's title, such as Fractions as numbers"},
	{names: []string{"ID", "Unit ID"}, expect: "the unit's ID (blank: made from the title)"},
	{names: []string{"Order"}, expect: "the unit's place in the calendar, such as 1"},
	{names: []string{"Start", "Start date", "From"}, required: true, expect: "the unit's first day, such as 2026-11-30"},
	{names: []string{"End", "End date", "To"}, required: true, expect: "the unit's last day, such as 2026-12-18"},
	{names: []string{"Targets", "Target codes"}, required: true, expect: "the codes of the targets the unit teaches, separated by commas or semicolons"},
	{names: []string{"Supports"}, expect: "a note on supports for students who need them"},
	{names: []string{"Extensions"}, expect: "a note on extensions for students ready for more"},
}

// unitID makes a unit's ID from its title: lower case, words joined by hyphens.
func unitID(title string) string {
	return strings.Join(strings.Fields(strings.ToLower(cleanCode(title))), "-")
}

// readUnits reads the Units sheet into p: titles and IDs must differ.
func readUnits(p *plans) error {
	ref, ok := p.st.sheet(sheetUnits)
	if !ok {
		return nil
	}
	_, err := p.st.readTable(ref, unitCols, true, nil, func(r *row) {
		u, ok := p.unit(r)
		if !ok {
			return
		}
		if i, dup := p.unitByTitle[strings.ToLower(u.Title)]; dup {
			r.problem(0, "unit %q is already on row %d; unit titles must differ (capitals do not count)", u.Title, p.units[i].row)
			return
		}
		if i, dup := p.unitByID[strings.ToLower(u.ID)]; dup {
			r.problem(1, "unit ID %s is already used on row %d; unit IDs must differ (capitals do not count)", u.ID, p.units[i].row)
			return
		}
		p.unitByID[strings.ToLower(u.ID)] = len(p.units)
		p.unitByTitle[strings.ToLower(u.Title)] = len(p.units)
		p.units = append(p.units, planned[continuum.Unit]{v: u, row: r.num, bad: r.bad})
	})
	return err
}

// unit reads one row of the Units sheet; ok is false without a title.
func (p *plans) unit(r *row) (continuum.Unit, bool) {
	u := continuum.Unit{Continuum: p.b.Continuum.ID}
	var ok bool
	if u.Title, ok = r.require(0, unitCols[0].expect); !ok {
		return u, false
	}
	u.ID = r.str(1)
	if u.ID == "" {
		u.ID = unitID(u.Title)
	}
	if r.present(2) {
		u.Order, _ = r.integer(2)
	}
	if !r.present(3) {
		r.problem(3, "is empty; expected %s", unitCols[3].expect)
	} else {
		u.Start, _ = r.date(3)
	}
	if !r.present(4) {
		r.problem(4, "is empty; expected %s", unitCols[4].expect)
	} else {
		u.End, _ = r.date(4)
	}
	if !r.present(5) {
		r.problem(5, "is empty; expected %s", unitCols[5].expect)
	}
	u.Targets = p.codeList(r, 5)
	u.Supports, u.Extensions = r.text(6), r.text(7)
	return u, true
}

// writeUnits writes the Units sheet: one unit a row.
func writeUnits(w *writer, units []continuum.Unit) {
	w.sheet(sheetUnits, colNames(unitCols), []float64{30, 18, 7, 12, 12, 36, 40, 40}, func(add func(...any)) {
		for _, u := range units {
			add(u.Title, u.ID, u.Order, w.date(u.Start), w.date(u.End), joinCodes(u.Targets), w.wrapped(u.Supports), w.wrapped(u.Extensions))
		}
	})
}
