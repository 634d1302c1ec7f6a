package workbook

import (
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The columns of the Domains sheet, by index into domainCols.
const (
	dcName = iota
	dcCategory
	dcDescription
	dcCode
	dcSourceID // the first of the source columns (sourceColumns)
	dcLinks    = dcSourceID + sourceColumnCount
)

var domainCols = slices.Concat([]column{
	dcName:        {names: []string{"Domain", "Name", "Strand"}, required: true, expect: "the name of a domain"},
	dcCategory:    {names: []string{"Category"}, expect: "academic, transferable or lifelong"},
	dcDescription: {names: []string{"Description"}, expect: "what the domain covers"},
	dcCode:        {names: []string{"Code", "Domain code"}, expect: "the domain's code in its source, such as RL or 6.RP"},
}, sourceColumns("domain", "Domain"), []column{
	{names: []string{"Links", "Associations"}, expect: linkExample},
})

// readDomains reads the ordered domains into c; it reports false without
// a Domains sheet.
func readDomains(st *state, c *continuum.Continuum, src *continuumSheets) (bool, error) {
	ref, ok := st.sheet(sheetDomains)
	if !ok {
		return false, nil
	}
	c.Domains = nil
	seen := map[string]int{}
	_, err := st.readTable(ref, domainCols, true, nil, func(r *row) {
		name, ok := r.require(dcName, domainCols[dcName].expect)
		if !ok {
			return
		}
		cat, err := continuum.ParseCategory(r.str(dcCategory))
		if err != nil {
			r.problemErr(dcCategory, err)
			return
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			r.problem(dcName, "domain %q is already on row %d; domains must differ", name, first)
			return
		}
		d := continuum.Domain{Name: name, Category: cat, Description: r.text(dcDescription), Code: r.str(dcCode),
			Source: readSource(r, dcSourceID), Links: readLinks(r, dcLinks)}
		if r.bad {
			return
		}
		seen[strings.ToLower(name)] = r.num
		c.Domains = append(c.Domains, d)
	})
	src.domains = ref.name
	return true, err
}

// writeDomains writes the Domains sheet in the continuum's order.
func writeDomains(w *writer, c *continuum.Continuum) {
	widths := slices.Concat([]float64{32, 14, 60, 12}, sourceWidths(), []float64{60})
	w.sheet(sheetDomains, colNames(domainCols), widths, func(add func(...any)) {
		for _, d := range c.Domains {
			row := []any{d.Name, string(d.Category), w.wrapped(d.Description), d.Code}
			row = append(row, sourceCells(w, d.Source)...)
			add(append(row, w.wrapped(formatLinks(d.Links)))...)
		}
	})
}
