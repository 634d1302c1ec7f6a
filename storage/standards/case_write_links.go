package standards

import (
	"cmp"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// caseKind returns the association type to write for kind, and the kind
// itself when CASE 1.0 does not list it (it is then written as
// isRelatedTo, the kind kept in the association's extensions).
func caseKind(kind string) (typ, ext string) {
	k := framework.NormalizeKind(kind)
	if slices.Contains(framework.Kinds, k) {
		return k, ""
	}
	return "isRelatedTo", strings.TrimSpace(kind)
}

// associate writes an association from one record to another, once for
// each pair of ends, type and identifier. given is its identifier in the
// source.
func (w *caseWriter) associate(from caseLink, kind string, to caseLink, given string, seq *int) {
	typ, ext := caseKind(kind)
	ends := from.Identifier + "\x00" + typ + "\x00" + ext + "\x00" + to.Identifier
	if w.written[ends+"\x00"+given] {
		return
	}
	w.written[ends+"\x00"+given] = true
	var n caseNode
	w.identify(&n, given, "association\x00"+ends)
	w.out.CFAssociations = append(w.out.CFAssociations, caseAssociationOut{
		Identifier: n.id, URI: syntheticURI(n.id), AssociationType: typ, SequenceNumber: seq,
		OriginNodeURI: from, DestinationNodeURI: to, LastChangeDateTime: w.when,
		Extensions: extensions(n.source, ext),
	})
}

// writePrerequisites writes a precedes association from each target's
// prerequisites to it, under the identifier its source gave it.
func (w *caseWriter) writePrerequisites() {
	at := make(map[string]int, len(w.targets))
	for i, t := range w.targets {
		if _, dup := at[strings.ToLower(t.Code)]; !dup {
			at[strings.ToLower(t.Code)] = i
		}
	}
	for i, t := range w.targets {
		for _, p := range t.Prerequisites {
			j, ok := at[strings.ToLower(strings.TrimSpace(p))]
			if !ok || j == i {
				continue
			}
			given := ""
			if t.Source != nil && sourceID(w.targets[j].Source) != "" {
				given = t.Source.Precedes[sourceID(w.targets[j].Source)]
			}
			w.associate(w.tnodes[j].link(), framework.Precedes, w.tnodes[i].link(), given, nil)
		}
	}
}

// writeLinks writes the links of the record n as associations.
func (w *caseWriter) writeLinks(n *caseNode, links []continuum.Link) {
	if n == nil {
		return
	}
	for _, l := range links {
		other, ok := w.otherEnd(l)
		if !ok {
			continue
		}
		from, to := n.link(), other
		if l.Inbound {
			from, to = other, n.link()
		}
		w.associate(from, l.Kind, to, l.AssociationID, nil)
	}
}

// otherEnd names a link's other end: the record of the continuum it
// names by code (a target's code, a group's key, a domain's name), else
// the identifier, URI and title the source gave.
func (w *caseWriter) otherEnd(l continuum.Link) (caseLink, bool) {
	code := strings.ToLower(strings.TrimSpace(l.Code))
	for _, records := range []map[string]*caseNode{w.codes, w.groups, w.domains} {
		if n := records[code]; code != "" && n != nil {
			return n.link(), true
		}
	}
	id := strings.TrimSpace(cmp.Or(l.ID, l.URI, l.Title, l.Code))
	if id == "" {
		return caseLink{}, false
	}
	return caseLink{Title: cmp.Or(strings.TrimSpace(l.Title), id), Identifier: id,
		URI: cmp.Or(cleanURI(l.URI), syntheticURI(id))}, true
}
