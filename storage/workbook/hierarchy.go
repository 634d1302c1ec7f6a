package workbook

import (
	"errors"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// node is one row of a standards list or one CASE item: a target if it is
// a leaf of the hierarchy, a grouping otherwise.
type node struct {
	key       string // what other rows refer to it by
	code      string
	statement string
	short     string
	grades    []string // level names, lowest first as written
	domain    string   // an explicit domain
	category  string
	order     int
	hasOrder  bool
	itemType  string
	parentKey string
	row       int
	sheet     string
	source    bool   // the key is an identifier the source gives (CASE), kept on the target
	sourceID  string // the identifier the source gives, when the key is a code (an OpenSALT item list)
}

// hierarchyOrder says how the rows of a level of the hierarchy are ordered:
// by an explicit order when the rows give one, then by code compared
// naturally (byCode), then by row.
type hierarchyOrder struct {
	byCode bool
}

// build makes the Book's continuum and targets from nodes and the
// associations between them, with framework.Build: the domains, nested
// groups and targets, the prerequisites ("precedes") and links. The
// continuum's name, subject, description and origin already set on the
// Book are kept.
func build(st *state, b *Book, nodes []node, order hierarchyOrder, assocs []framework.Association) {
	fw := &framework.Framework{Name: b.Continuum.Name, Subject: b.Continuum.Subject, Description: b.Continuum.Description,
		OrderByCode: order.byCode, Associations: assocs}
	if b.Continuum.Origin != nil {
		fw.Origin = *b.Continuum.Origin
		fw.Items = append(fw.Items, framework.Item{Key: fw.Origin.ID, IsFramework: true})
	}
	for _, n := range nodes {
		it := framework.Item{Key: n.key, Code: n.code, Statement: n.statement, Short: n.short, Kind: n.itemType,
			Levels: n.grades, Domain: n.domain, Category: n.category, Order: n.order, HasOrder: n.hasOrder,
			Place: framework.Place{Section: n.sheet, Row: n.row}}
		if n.parentKey != "" {
			it.Parents = []string{n.parentKey}
		}
		switch {
		case n.source:
			it.Source = continuum.SourceRef{ID: n.key, Kind: n.itemType}
		case n.sourceID != "":
			it.Source = continuum.SourceRef{ID: n.sourceID, Kind: n.itemType}
		}
		fw.Items = append(fw.Items, it)
	}
	res, err := framework.Build(fw)
	switch {
	case errors.Is(err, framework.ErrEmpty):
		if len(st.problems) == 0 {
			st.problem(Problem{Message: "the list holds no standards; expected rows with a code and a statement"})
		}
		return
	case err != nil:
		st.problem(Problem{Message: plain(err), Err: err})
		return
	}
	b.Continuum, b.Targets = res.Continuum, res.Targets
	for _, pl := range res.Places {
		b.Places.Targets = append(b.Places.Targets, Place{Sheet: pl.Section, Row: pl.Row})
	}
	for _, w := range res.Warnings {
		st.warn(Problem{Sheet: w.Place.Section, Row: w.Place.Row, Column: w.Place.Column, Header: w.Place.Field, Message: w.Message})
	}
}
