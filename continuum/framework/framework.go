// Package framework turns a standards framework as another system holds
// it (a CASE package, a Moodle competency framework, a Canvas outcome set,
// an OpenSALT spreadsheet, a teacher's standards list) into a continuum:
// domains, nested groups and targets, with the scale, the method, the
// source identifiers and the associations kept.
//
// Readers of each format (in storage/) fill a Framework: the items of the
// tree with their parents and the associations between them, as the source
// gives them. Build decides what becomes a domain, a group and a target.
// The package is pure Go: it reads and writes no files.
package framework

import (
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// Framework is a standards framework as its source holds it.
type Framework struct {
	// Name is the continuum's name (the framework's title, or the file's name).
	Name string
	// Subject and Description are the framework's, when it gives them.
	Subject     string
	Description string
	// Origin is the framework's identity in its source: kept on the continuum.
	Origin continuum.Origin
	// Items are the nodes of the tree, in the source's order.
	Items []Item
	// Associations are the links between items (and to items outside the
	// file) that the source gives apart from Item.Parents: CASE
	// CFAssociations. "isChildOf" ones place items in the tree.
	Associations []Association
	// Scale is the framework's proficiency scale; nil means the default.
	Scale *continuum.Scale
	// Method is the framework's mastery method; nil means the default.
	Method *continuum.Method
	// Levels, when set, orders the performance levels (lowest first);
	// otherwise the levels the items name are ordered as grades (K, 1 … 12).
	Levels []string
	// OrderByCode orders items that give no order by their codes compared
	// naturally (1.2 before 1.10); otherwise they keep the source's order.
	OrderByCode bool
	// DomainsAt is the depth of the tree that names the domains: 0 (the
	// default) lets Build choose the top-most items that are not grade
	// groupings; 1 means the top items, 2 their children, and so on.
	DomainsAt int
	// LevelsAt, when not 0, takes each target's level from its ancestor
	// at that depth (a Moodle taxonomy level, a Canvas group) instead of
	// the items' education levels.
	LevelsAt int
	// Warnings are what the reader already noticed: ignored columns,
	// fields it could not read. Build adds its own.
	Warnings []Warning
}

// Item is one node of a framework's tree.
type Item struct {
	// Key is what the item's parents, children and associations refer to
	// it by: a CASE identifier, a Moodle ID number, a Canvas vendor_guid,
	// a list's code or path.
	Key string
	// Source is the identity kept on the target or group it becomes.
	Source continuum.SourceRef
	// Code is the item's human code (CASE humanCodingScheme, a Moodle ID
	// number, a list's code). Build makes one when it is empty.
	Code string
	// Statement is the item's full statement.
	Statement string
	// Short is a short form of it (CASE abbreviatedStatement, a Moodle
	// short name, a Canvas title), used as a group's name.
	Short string
	// Kind is the source's type for the item (CFItemType, a taxonomy term).
	Kind string
	// Levels are the education levels the item is for, as written ("KG", "01", "9-12").
	Levels []string
	// Domain names the item's domain explicitly, when the source has a column for it.
	Domain string
	// Category is the domain's category as written (academic, transferable, lifelong).
	Category string
	// Order is the item's position among its siblings (CASE
	// sequenceNumber or listEnumeration), when HasOrder.
	Order    int
	HasOrder bool
	// Parents are the keys of the item's parents, the first the one it
	// sits under; empty at the top of the tree.
	Parents []string
	// IsGroup says the source declares the item a grouping (a Canvas
	// outcome group, a Moodle framework row): never a target, even when
	// it has no children.
	IsGroup bool
	// IsFramework says the item stands for the whole framework (a Moodle
	// framework row, a CASE document node): its children are the top.
	IsFramework bool
	// Method and Scale are the item's own, when the source gives each
	// target one (Canvas outcomes, Moodle competencies with their scale).
	Method *continuum.Method
	Scale  *continuum.Scale
	// Descriptors say what each scale point looks like on this item.
	Descriptors []continuum.Descriptor
	// Place is where the item is in its file, for messages.
	Place Place
}

// Association is a link between two items, or from an item to one outside
// the file.
type Association struct {
	// ID is the association's identifier in its source.
	ID string
	// Kind is the association's type written as CASE writes it
	// ("isChildOf", "precedes", "exactMatchOf" …); see NormalizeKind.
	Kind string
	// From and To are the keys of the origin and destination.
	From, To string
	// FromURI, FromTitle, ToURI and ToTitle name an end the file may not hold.
	FromURI, FromTitle string
	ToURI, ToTitle     string
	// Order is the origin's position among the destination's children
	// (CASE sequenceNumber), when HasOrder.
	Order    int
	HasOrder bool
	// Place is where the association is in its file.
	Place Place
}

// The association kinds Build gives a meaning of their own.
const (
	// IsChildOf places the origin under the destination.
	IsChildOf = "isChildOf"
	// Precedes makes the origin a prerequisite of the destination.
	Precedes = "precedes"
)

// Kinds are the CASE 1.0 association types, as CASE writes them.
var Kinds = []string{"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo",
	"replacedBy", "exemplar", "hasSkillLevel"}

// NormalizeKind returns an association type as CASE writes it, from the
// spellings sources use: "Is Child Of", "is_child_of", "ischildof",
// "exactMatchOf". A type CASE does not know is returned trimmed, as written.
func NormalizeKind(s string) string {
	flat := strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Kinds {
		if strings.ToLower(k) == flat {
			return k
		}
	}
	return strings.TrimSpace(s)
}

// Place is where something is in a file: a sheet's or a section's row
// and column, or a JSON array's item and field.
type Place struct {
	// Section is the sheet's name, or the JSON section ("CFItems").
	Section string
	// Row is the row number from 1, or the item's position in its section from 1.
	Row int
	// Column is the column's letter, when the file is a table.
	Column string
	// Field is the column's header or the JSON field's name.
	Field string
	// JSON says the place is in a JSON file: "CFItems item 3 field fullStatement".
	JSON bool
}

// String returns the place as a person reads it: `sheet "CF Item" row 7
// column C (humanCodingScheme)`, or `CFItems item 3, field "fullStatement"`.
func (p Place) String() string {
	var b strings.Builder
	switch {
	case p.JSON:
		b.WriteString(p.Section)
		if p.Row > 0 {
			fmt.Fprintf(&b, " item %d", p.Row)
		}
		if p.Field != "" {
			fmt.Fprintf(&b, ", field %q", p.Field)
		}
	default:
		if p.Section != "" {
			fmt.Fprintf(&b, "sheet %q", p.Section)
		}
		if p.Row > 0 {
			fmt.Fprintf(&b, " row %d", p.Row)
		}
		if p.Column != "" {
			fmt.Fprintf(&b, " column %s", p.Column)
			if p.Field != "" {
				fmt.Fprintf(&b, " (%s)", p.Field)
			}
		} else if p.Field != "" {
			fmt.Fprintf(&b, " field %q", p.Field)
		}
	}
	return strings.TrimSpace(b.String())
}

// Warning is something Build or a reader guessed, kept apart or left out,
// with its place. It does not stop an import.
type Warning struct {
	Place   Place
	Message string
}

func (w Warning) String() string {
	if p := w.Place.String(); p != "" {
		return p + ": " + w.Message
	}
	return w.Message
}

// Result is the continuum Build makes of a framework.
type Result struct {
	// Continuum holds the levels, domains, groups, scale, method and origin.
	Continuum continuum.Continuum
	// Targets are the targets, in the framework's order.
	Targets []continuum.Target
	// Places is parallel to Targets: where each came from.
	Places []Place
	// Warnings are what Build and the reader guessed, kept apart or left out.
	Warnings []Warning
	// Counts say what became of the framework's items.
	Counts Counts
}

// Counts say what became of a framework's items, for a preview.
type Counts struct {
	// Items is how many items the framework holds (the framework's own node aside).
	Items int
	// Domains, Groups and Targets are how many of each Build made.
	Domains, Groups, Targets int
	// Prerequisites is how many "precedes" associations became prerequisites.
	Prerequisites int
	// Links is how many associations were kept as links inside the
	// continuum; External how many point outside it.
	Links, External int
	// Skipped is how many items became nothing (level rows, empty groupings).
	Skipped int
}
