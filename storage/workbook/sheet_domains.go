package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var domainCols = []column{
	{names: []string{"Domain", "Name", "Strand"}, required: true, expect: "the name of a domain"},
	{names: []string{"Category"}, expect: "academic, transferable or lifelong"},
	{names: []string{"Description"}, expect: "what the domain covers"},
}

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
		name, ok := r.require(0, domainCols[0].expect)
		if !ok {
			return
		}
		cat, err := continuum.ParseCategory(r.str(1))
		if err != nil {
			r.problemErr(1, err)
			return
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			r.problem(0, "domain %q is already on row %d; domains must differ", name, first)
			return
		}
		seen[strings.ToLower(name)] = r.num
		c.Domains = append(c.Domains, continuum.Domain{Name: name, Category: cat, Description: r.text(2)})
	})
	src.domains = ref.name
	return true, err
}

// writeDomains writes the Domains sheet in the continuum's order.
func writeDomains(w *writer, c *continuum.Continuum) {
	w.sheet(sheetDomains, colNames(domainCols), []float64{32, 14, 60}, func(add func(...any)) {
		for _, d := range c.Domains {
			add(d.Name, string(d.Category), w.wrapped(d.Description))
		}
	})
}
