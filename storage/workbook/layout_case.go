package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// The sheets of an OpenSALT CASE spreadsheet.
const (
	sheetCFDoc         = "CF Doc"
	sheetCFItem        = "CF Item"
	sheetCFAssociation = "CF Association"
)

var (
	cfDocCols = []column{{names: []string{"title"}}, {names: []string{"subject"}}, {names: []string{"description"}},
		{names: []string{"identifier"}}, {names: []string{"uri"}}, {names: []string{"officialSourceURL"}},
		{names: []string{"version"}}, {names: []string{"creator"}}, {names: []string{"publisher"}},
		{names: []string{"adoptionStatus"}}, {names: []string{"language"}}, {names: []string{"lastChangeDate", "lastChangeDateTime"}},
		{names: []string{"license"}}}
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
		{names: []string{"identifier"}, expect: "the association's identifier"},
		{names: []string{"originNodeHumanCodingScheme"}, expect: "the origin's code"},
		{names: []string{"destinationNodeHumanCodingScheme"}, expect: "the destination's code"},
		{names: []string{"sequenceNumber"}, expect: "a whole number"},
	}
)

// decodeCASE reads an OpenSALT CASE spreadsheet: CF Doc, CF Item and CF Association.
func decodeCASE(st *state, b *Book) error {
	b.About.Layout = LayoutCASE
	var doc continuum.Continuum
	title, err := readCFDoc(st, &doc)
	if err != nil {
		return err
	}
	b.Continuum = continuum.NewContinuum(st.continuumName(title))
	b.Continuum.Subject, b.Continuum.Description, b.Continuum.Origin = doc.Subject, doc.Description, doc.Origin
	items := &cfItems{index: map[string]int{}}
	if err := items.read(st); err != nil {
		return err
	}
	if err := items.readAssociations(st); err != nil {
		return err
	}
	build(st, b, items.nodes, hierarchyOrder{byCode: true}, items.assocs)
	return nil
}

// readCFDoc reads the document's title, and its subject, description and
// identity (Origin) into c.
func readCFDoc(st *state, c *continuum.Continuum) (string, error) {
	ref, ok := st.sheet(sheetCFDoc)
	if !ok {
		return "", nil
	}
	title := ""
	_, err := st.readTable(ref, cfDocCols, false, nil, func(r *row) {
		if title != "" {
			return
		}
		title, c.Subject, c.Description = r.str(0), r.str(1), r.text(2)
		c.Origin = &continuum.Origin{Format: continuum.FormatCASE, Title: title, ID: r.str(3), URI: r.str(4),
			OfficialURL: r.str(5), Version: r.str(6), Creator: r.str(7), Publisher: r.str(8), AdoptionStatus: r.str(9),
			Language: r.str(10), LastChange: r.str(11), License: r.str(12)}
	})
	return title, err
}

// cfItems are the items of a CASE document, found by identifier, and the
// associations between them.
type cfItems struct {
	nodes  []node
	index  map[string]int // identifier → index in nodes
	assocs []framework.Association
}

// read reads the CF Item sheet.
func (it *cfItems) read(st *state) error {
	ref, _ := st.sheet(sheetCFItem)
	_, err := st.readTable(ref, cfItemCols, true, nil, func(r *row) {
		n := node{row: r.num, sheet: ref.name, source: true}
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

// readAssociations reads the CF Association sheet: every association,
// for framework.Build to place the items ("isChildOf"), make
// prerequisites ("precedes") and keep the rest as links.
func (it *cfItems) readAssociations(st *state) error {
	ref, ok := st.sheet(sheetCFAssociation)
	if !ok {
		return nil
	}
	_, err := st.readTable(ref, cfAssociationCols, true, nil, func(r *row) {
		a := framework.Association{ID: r.str(5), Kind: framework.NormalizeKind(r.str(1)),
			From: r.str(0), To: r.str(2), FromURI: r.str(3), ToURI: r.str(4), FromTitle: r.str(6), ToTitle: r.str(7),
			Place: framework.Place{Section: ref.name, Row: r.num}}
		if a.From == "" {
			a.From = strings.TrimPrefix(a.FromURI, "local:")
		}
		if a.To == "" {
			a.To = strings.TrimPrefix(a.ToURI, "local:")
		}
		if r.present(8) {
			if v, ok := r.integer(8); ok {
				a.Order, a.HasOrder = v, true
			}
		}
		it.assocs = append(it.assocs, a)
	})
	return err
}
