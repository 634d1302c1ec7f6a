package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The sheets of an OpenSALT CASE spreadsheet.
const (
	sheetCFDoc         = "CF Doc"
	sheetCFItem        = "CF Item"
	sheetCFAssociation = "CF Association"
)

var (
	cfDocCols  = []column{{names: []string{"title"}}, {names: []string{"subject"}}, {names: []string{"description"}}}
	cfItemCols = []column{
		{names: []string{"identifier"}, required: true, expect: "the item's identifier"},
		{names: []string{"fullStatement"}, required: true, expect: "the item's statement"},
		{names: []string{"humanCodingScheme"}, expect: "the item's code"},
		{names: []string{"abbreviatedStatement"}, expect: "a short statement"},
		{names: []string{"educationLevel", "educationalLevel"}, expect: "grades such as 01 or KG,01"},
		{names: []string{"CFItemType"}, expect: "an item type"},
		{names: []string{"sequenceNumber"}, expect: "a whole number"},
	}
	cfAssociationCols = []column{
		{names: []string{"originNodeIdentifier"}, expect: "an item identifier"},
		{names: []string{"associationType"}, required: true, expect: "an association type such as Is Child Of"},
		{names: []string{"destinationNodeIdentifier"}, expect: "an item identifier"},
		{names: []string{"originNodeUri"}, expect: "an item URI"},
		{names: []string{"destinationNodeUri"}, expect: "an item URI"},
	}
)

// decodeCASE reads an OpenSALT CASE spreadsheet: CF Doc, CF Item and CF Association.
func decodeCASE(st *state, b *Book) error {
	b.About.Layout = LayoutCASE
	title, err := readCFDoc(st, &b.Continuum)
	if err != nil {
		return err
	}
	subject, desc := b.Continuum.Subject, b.Continuum.Description
	b.Continuum = continuum.NewContinuum(st.continuumName(title))
	b.Continuum.Subject, b.Continuum.Description = subject, desc
	items := &cfItems{index: map[string]int{}}
	if err := items.read(st); err != nil {
		return err
	}
	if err := items.readAssociations(st); err != nil {
		return err
	}
	build(st, b, items.nodes, hierarchyOrder{byCode: true}, items.precedes)
	return nil
}

// readCFDoc reads the document's title, and its subject and description into c.
func readCFDoc(st *state, c *continuum.Continuum) (string, error) {
	ref, ok := st.sheet(sheetCFDoc)
	if !ok {
		return "", nil
	}
	title := ""
	_, err := st.readTable(ref, cfDocCols, false, nil, func(r *row) {
		if title == "" {
			title, c.Subject, c.Description = r.str(0), r.str(1), r.text(2)
		}
	})
	return title, err
}

// cfItems are the items of a CASE document, found by identifier, and the
// "precedes" associations between them.
type cfItems struct {
	nodes    []node
	index    map[string]int // identifier → index in nodes
	precedes [][2]string
}

// read reads the CF Item sheet.
func (it *cfItems) read(st *state) error {
	ref, _ := st.sheet(sheetCFItem)
	_, err := st.readTable(ref, cfItemCols, false, nil, func(r *row) {
		n := node{row: r.num, sheet: ref.name, parent: -1}
		var ok bool
		if n.key, ok = r.require(0, cfItemCols[0].expect); !ok {
			return
		}
		n.statement = r.text(1)
		n.code = r.str(2)
		n.short = r.str(3)
		n.grades = splitGrades(r.str(4))
		n.itemType = r.str(5)
		if r.present(6) {
			if v, ok := r.integer(6); ok {
				n.order, n.hasOrder = v, true
			}
		}
		if _, dup := it.index[n.key]; dup {
			r.problem(0, "item %s is already listed; identifiers must be unique", n.key)
			return
		}
		it.index[n.key] = len(it.nodes)
		it.nodes = append(it.nodes, n)
	})
	return err
}

// readAssociations reads the CF Association sheet: "is child of" links
// make the hierarchy, "precedes" links prerequisites.
func (it *cfItems) readAssociations(st *state) error {
	ref, ok := st.sheet(sheetCFAssociation)
	if !ok {
		return nil
	}
	_, err := st.readTable(ref, cfAssociationCols, false, nil, func(r *row) {
		origin, dest := r.str(0), r.str(2)
		if origin == "" {
			origin = strings.TrimPrefix(r.str(3), "local:")
		}
		if dest == "" {
			dest = strings.TrimPrefix(r.str(4), "local:")
		}
		switch normHeader(r.str(1)) {
		case "ischildof":
			if i, ok := it.index[origin]; ok {
				if it.nodes[i].parentKey != "" && it.nodes[i].parentKey != dest {
					r.warn(0, "item %s already has a parent; this second one is ignored", origin)
					return
				}
				it.nodes[i].parentKey = dest
			}
		case "precedes":
			it.precedes = append(it.precedes, [2]string{origin, dest})
		}
	})
	return err
}
