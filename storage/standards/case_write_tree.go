package standards

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// caseNode is a record of the package being written: the document, a
// domain, a group or a target.
type caseNode struct {
	id, uri, title string // as the package's links name it
	// source is the identifier the record had in its source, when that
	// was not a UUID and id was derived from it.
	source string
	// assoc is the identifier of the isChildOf association that placed
	// the record in its source.
	assoc    string
	item     caseItemOut
	parent   *caseNode
	children []*caseNode
	placed   bool
}

// link returns how an association names the node.
func (n *caseNode) link() caseLink { return caseLink{Title: n.title, Identifier: n.id, URI: n.uri} }

// caseWriter turns a continuum into a package.
type caseWriter struct {
	c       continuum.Continuum
	targets []continuum.Target
	seed    string // what derived identifiers are made from
	when    string // every record's lastChangeDateTime
	used    map[string]bool
	doc     *caseNode
	domains map[string]*caseNode // by lower-cased name
	groups  map[string]*caseNode // by lower-cased key
	codes   map[string]*caseNode // targets by lower-cased code
	tnodes  []*caseNode          // parallel to targets
	out     casePackageOut
	written map[string]bool // associations written, by identifier and by ends
	types   map[string]caseLink
}

func newCaseWriter(c continuum.Continuum, targets []continuum.Target) *caseWriter {
	o := continuum.Origin{}
	if c.Origin != nil {
		o = *c.Origin
	}
	w := &caseWriter{
		c: c, targets: targets, seed: cmp.Or(c.ID, o.ID, c.Name),
		when:    caseDateTime(o.LastChange, c.UpdatedAt, c.CreatedAt),
		used:    map[string]bool{},
		domains: map[string]*caseNode{}, groups: map[string]*caseNode{}, codes: map[string]*caseNode{},
		written: map[string]bool{}, types: map[string]caseLink{},
	}
	w.out.CFItems = []caseItemOut{}
	w.out.CFAssociations = []caseAssociationOut{}
	w.out.CFDefinitions.CFItemTypes = []caseItemTypeOut{}
	return w
}

// write makes the package.
func (w *caseWriter) write() casePackageOut {
	w.writeDocument()
	w.makeNodes()
	w.orderTree()
	w.emit(w.doc)
	w.writePrerequisites()
	for _, d := range w.c.Domains {
		w.writeLinks(w.domains[strings.ToLower(strings.TrimSpace(d.Name))], d.Links)
	}
	for i := range w.c.Groups {
		g := &w.c.Groups[i]
		w.writeLinks(w.groups[strings.ToLower(g.Key)], g.Links)
	}
	for i := range w.targets {
		w.writeLinks(w.tnodes[i], w.targets[i].Links)
	}
	return w.out
}

// identify gives node n its identifier: the source's when it is a UUID,
// one derived from the source's otherwise (kept as n.source), else one
// derived from the continuum and name; never one already taken.
func (w *caseWriter) identify(n *caseNode, sourceID, name string) {
	sourceID = strings.TrimSpace(sourceID)
	switch {
	case isUUID(sourceID):
		n.id = sourceID
	case sourceID != "":
		n.id, n.source = identifierUUID(sourceID), sourceID
	default:
		n.id = uuidV5(namespacePlanner, w.seed+"\x00"+name)
	}
	for k := 2; w.used[strings.ToLower(n.id)]; k++ {
		n.id = uuidV5(namespacePlanner, w.seed+"\x00"+name+"\x00"+strconv.Itoa(k))
		n.source = sourceID
	}
	w.used[strings.ToLower(n.id)] = true
}

// uriOf returns the record's URI as a URI, or the URN of its identifier.
func uriOf(src *continuum.SourceRef, id string) string {
	if src != nil {
		if u := cleanURI(src.URI); u != "" {
			return u
		}
	}
	return syntheticURI(id)
}

// extensions returns what a record keeps in its extensions, or nil.
func extensions(source, kind string) *caseExtensions {
	if source == "" && kind == "" {
		return nil
	}
	return &caseExtensions{SourceIdentifier: source, SourceAssociationType: kind}
}

// writeDocument writes the CFDocument and makes its node.
func (w *caseWriter) writeDocument() {
	o := continuum.Origin{}
	if w.c.Origin != nil {
		o = *w.c.Origin
	}
	n := &caseNode{title: cmp.Or(strings.TrimSpace(w.c.Name), o.Title)}
	w.identify(n, o.ID, "continuum")
	n.uri = cmp.Or(cleanURI(o.URI), syntheticURI(n.id))
	d := caseDocumentOut{
		Identifier: n.id, URI: n.uri, Creator: cmp.Or(strings.TrimSpace(o.Creator), defaultCreator),
		Title: n.title, LastChangeDateTime: w.when, OfficialSourceURL: cleanURI(o.OfficialURL),
		Publisher: o.Publisher, Description: w.c.Description, Language: o.Language,
		Version: o.Version, AdoptionStatus: o.AdoptionStatus, Extensions: extensions(n.source, ""),
	}
	if s := strings.TrimSpace(w.c.Subject); s != "" {
		d.Subject = []string{s}
	}
	if l := strings.TrimSpace(o.License); l != "" {
		id := identifierUUID(l)
		d.LicenseURI = &caseLink{Title: l, Identifier: id, URI: cmp.Or(cleanURI(l), syntheticURI(id))}
	}
	w.out.CFDocument = d
	w.doc = n
}

// makeNodes makes a node for every domain (those the groups and targets
// name too), group and target.
func (w *caseWriter) makeNodes() {
	for _, d := range w.c.Domains {
		w.domain(d.Name, &d)
	}
	for i := range w.c.Groups {
		g := &w.c.Groups[i]
		if w.groups[strings.ToLower(g.Key)] != nil {
			continue
		}
		n := &caseNode{assoc: assocOf(g.Source), title: cmp.Or(g.Code, g.Name, g.Key)}
		w.identify(n, sourceID(g.Source), "group\x00"+strings.ToLower(g.Key))
		n.uri = uriOf(g.Source, n.id)
		statement := cmp.Or(g.Statement, g.Name)
		code := g.Code
		if code == "" && sourceID(g.Source) == "" {
			code = g.Key // a group made here is known by its key
		}
		n.item = caseItemOut{FullStatement: statement, HumanCodingScheme: code,
			AbbreviatedStatement: g.Name, CFItemType: cmp.Or(kindOf(g.Source), "Cluster")}
		if g.Name == statement {
			n.item.AbbreviatedStatement = ""
		}
		if g.Level != "" {
			n.item.EducationLevel = []string{caseGrade(g.Level)}
		}
		w.groups[strings.ToLower(g.Key)] = n
	}
	for _, g := range w.c.Groups {
		n := w.groups[strings.ToLower(g.Key)]
		if p := w.groups[strings.ToLower(g.Parent)]; g.Parent != "" && p != nil && p != n {
			n.parent = p
		} else {
			n.parent = w.domain(g.Domain, nil)
		}
	}
	for _, g := range w.c.Groups { // a group inside itself goes to the top of its domain
		n := w.groups[strings.ToLower(g.Key)]
		steps := 0
		for p := n.parent; p != nil && p != w.doc && steps <= len(w.groups); p = p.parent {
			steps++
		}
		if steps > len(w.groups) {
			n.parent = w.domain(g.Domain, nil)
		}
	}
	w.tnodes = make([]*caseNode, len(w.targets))
	for i := range w.targets {
		w.tnodes[i] = w.target(&w.targets[i])
	}
}

// domain returns the node of the domain called name, making it (from d
// when the continuum lists it) when new.
func (w *caseWriter) domain(name string, d *continuum.Domain) *caseNode {
	k := strings.ToLower(strings.TrimSpace(name))
	if n := w.domains[k]; n != nil {
		return n
	}
	if d == nil {
		d = &continuum.Domain{Name: strings.TrimSpace(name)}
	}
	n := &caseNode{assoc: assocOf(d.Source), title: cmp.Or(d.Name, d.Code), parent: w.doc}
	w.identify(n, sourceID(d.Source), "domain\x00"+k)
	n.uri = uriOf(d.Source, n.id)
	n.item = caseItemOut{FullStatement: cmp.Or(d.Description, d.Name), HumanCodingScheme: d.Code,
		AbbreviatedStatement: d.Name, CFItemType: cmp.Or(kindOf(d.Source), "Domain")}
	if n.item.AbbreviatedStatement == n.item.FullStatement {
		n.item.AbbreviatedStatement = ""
	}
	w.domains[k] = n
	n.placed = true
	w.doc.children = append(w.doc.children, n)
	return n
}

// target makes the node of target t.
func (w *caseWriter) target(t *continuum.Target) *caseNode {
	n := &caseNode{assoc: assocOf(t.Source), title: cmp.Or(t.Code, t.Statement)}
	src := sourceID(t.Source)
	if src == "" && isUUID(t.UID) {
		src = t.UID
	}
	w.identify(n, src, "target\x00"+strings.ToLower(t.Code))
	n.uri = uriOf(t.Source, n.id)
	n.item = caseItemOut{FullStatement: t.Statement, HumanCodingScheme: t.Code,
		CFItemType: cmp.Or(kindOf(t.Source), "Standard")}
	if t.Level != "" {
		n.item.EducationLevel = []string{caseGrade(t.Level)}
	}
	if g := w.groups[strings.ToLower(t.Group)]; t.Group != "" && g != nil {
		n.parent = g
	} else {
		n.parent = w.domain(t.Domain, nil)
	}
	if _, dup := w.codes[strings.ToLower(t.Code)]; !dup {
		w.codes[strings.ToLower(t.Code)] = n
	}
	return n
}

func sourceID(s *continuum.SourceRef) string {
	if s == nil {
		return ""
	}
	return s.ID
}

func kindOf(s *continuum.SourceRef) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(s.Kind)
}

func assocOf(s *continuum.SourceRef) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(s.Association)
}

// orderTree gives every node its place among its parent's children: in
// the order of the targets, a group where its first target is, then the
// groups that hold no target in the continuum's order.
func (w *caseWriter) orderTree() {
	place := func(n *caseNode) {
		var path []*caseNode
		for p := n; p != nil && p != w.doc && len(path) <= len(w.groups)+2; p = p.parent {
			path = append(path, p)
		}
		for k := len(path) - 1; k >= 0; k-- {
			if c := path[k]; !c.placed && c.parent != nil {
				c.placed = true
				c.parent.children = append(c.parent.children, c)
			}
		}
	}
	for _, n := range w.tnodes {
		place(n)
	}
	for _, g := range w.c.Groups {
		place(w.groups[strings.ToLower(g.Key)])
	}
}

// emit writes the items under n, depth first, each with its isChildOf
// association numbered among its siblings.
func (w *caseWriter) emit(n *caseNode) {
	for k, c := range n.children {
		it := c.item
		it.Identifier, it.URI, it.LastChangeDateTime = c.id, c.uri, w.when
		it.CFItemTypeURI = w.itemType(it.CFItemType)
		it.Extensions = extensions(c.source, "")
		w.out.CFItems = append(w.out.CFItems, it)
		seq := k + 1
		w.associate(c.link(), framework.IsChildOf, n.link(), c.assoc, &seq)
		w.emit(c)
	}
}

// itemType returns the link to the definition of an item type, adding
// the definition when new.
func (w *caseWriter) itemType(title string) *caseLink {
	if title == "" {
		return nil
	}
	if l, ok := w.types[title]; ok {
		return &l
	}
	id := uuidV5(namespacePlanner, "CFItemType\x00"+title)
	l := caseLink{Title: title, Identifier: id, URI: syntheticURI(id)}
	w.types[title] = l
	w.out.CFDefinitions.CFItemTypes = append(w.out.CFDefinitions.CFItemTypes, caseItemTypeOut{
		Identifier: id, URI: l.URI, Title: title, Description: title,
		HierarchyCode: strconv.Itoa(len(w.types)), TypeCode: title, LastChangeDateTime: w.when,
	})
	return &l
}
