package framework

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// record is what a node became: a target or a group.
type record struct {
	code   string // the target's code, the group's key or the domain's name
	group  bool
	domain bool
	at     int // index in Result.Targets, Continuum.Groups or Continuum.Domains
}

// grouper makes the domains and groups the targets sit in.
type grouper struct {
	b            *builder
	keys         map[int]string  // node → its group's key
	taken        map[string]bool // lower-cased codes and keys in use
	sharedDomain map[string]bool // lower-cased domain names several nodes give
	canon        map[string]string
	at           map[string]int // lower-cased group key → index in Continuum.Groups
}

// domain returns the index of spot s's domain, adding it when new.
func (g *grouper) domain(s spot) int {
	c := &g.b.res.Continuum
	if di := c.DomainIndex(s.domain); di >= 0 {
		return di
	}
	d := continuum.Domain{Name: s.domain, Category: continuum.Academic}
	if s.category != "" {
		cat, err := continuum.ParseCategory(s.category)
		if err != nil {
			g.b.warn("category", Place{}, "domain %s: %s; it is counted as academic", s.domain, continuum.ErrorMessage(err))
		} else {
			d.Category = cat
		}
	}
	if s.domainNode >= 0 {
		n := &g.b.nodes[s.domainNode]
		_, d.Description = groupName(&n.Item)
		if !g.sharedDomain[strings.ToLower(s.domain)] {
			d.Code = strings.TrimSpace(n.Code)
			if !n.Source.IsZero() {
				src := n.Source
				d.Source = &src
			}
		}
	}
	c.Domains = append(c.Domains, d)
	if s.domainNode >= 0 && d.Source != nil {
		g.b.records[s.domainNode] = record{code: d.Name, domain: true, at: len(c.Domains) - 1}
	}
	return len(c.Domains) - 1
}

// chain makes the groups of spot s (once each) and returns the key of the
// innermost, the group a target of s sits in; "" when it sits directly in
// its domain.
func (g *grouper) chain(s spot) string {
	c := &g.b.res.Continuum
	nodes := s.chain
	if s.domainNode >= 0 && g.sharedDomain[strings.ToLower(s.domain)] {
		nodes = append([]int{s.domainNode}, nodes...)
	}
	domain := c.Domains[c.DomainIndex(s.domain)].Name
	parent := ""
	for _, i := range nodes {
		key, ok := g.keys[i]
		if !ok {
			key = g.add(i, domain, parent)
		}
		if gi := g.at[strings.ToLower(key)]; !strings.EqualFold(c.Groups[gi].Domain, domain) {
			break // a group of another domain: the target sits in the last one of its own
		}
		parent = key
	}
	return parent
}

// add makes node i a group of domain under parent and returns its key.
func (g *grouper) add(i int, domain, parent string) string {
	b, c := g.b, &g.b.res.Continuum
	n := &b.nodes[i]
	key := UniqueCode(CleanCode(cmp.Or(strings.TrimSpace(n.Code), n.Key)), g.taken)
	name, statement := groupName(&n.Item)
	gr := continuum.Group{Key: key, Code: strings.TrimSpace(n.Code), Name: name, Statement: statement,
		Domain: domain, Parent: parent}
	if len(n.levels) > 0 {
		gr.Level = lowestLevel(c, g.canon, n.levels)
	}
	if !n.Source.IsZero() {
		src := n.Source
		gr.Source = &src
	}
	c.Groups = append(c.Groups, gr)
	g.at[strings.ToLower(key)] = len(c.Groups) - 1
	g.keys[i] = key
	b.records[i] = record{code: key, group: true, at: len(c.Groups) - 1}
	return key
}

// links returns the links of a record.
func (b *builder) links(r record) *[]continuum.Link {
	if r.domain {
		return &b.res.Continuum.Domains[r.at].Links
	}
	if r.group {
		return &b.res.Continuum.Groups[r.at].Links
	}
	return &b.res.Targets[r.at].Links
}

// addExtraParents keeps each item's further parents as "isChildOf" links.
func (b *builder) addExtraParents() {
	for i := range b.nodes {
		n := &b.nodes[i]
		r, ok := b.records[i]
		if !ok || len(n.extra) == 0 {
			continue
		}
		var names []string
		for _, p := range n.extra {
			l := continuum.Link{Kind: IsChildOf, AssociationID: p.assoc}
			if pr, ok := b.records[p.at]; ok && p.at >= 0 {
				l.Code = pr.code
			} else {
				l.ID = p.key
				if p.at >= 0 {
					l.Title = nodeName(&b.nodes[p.at].Item)
				}
			}
			*b.links(r) = append(*b.links(r), l)
			names = append(names, l.Other())
		}
		under := "the top of its domain"
		if n.parent >= 0 {
			under = nodeName(&b.nodes[n.parent].Item)
		}
		b.warn("several parents", n.Place, "%s has %d parents; it sits under %s and keeps the others (%s) as links",
			r.code, len(n.extra)+1, under, strings.Join(names, ", "))
	}
}

// addAssociations makes "precedes" between two targets a prerequisite
// and keeps every other association as a link on its end in the file.
func (b *builder) addAssociations() {
	for _, a := range b.fw.Associations {
		kind := NormalizeKind(a.Kind)
		if kind == IsChildOf {
			continue
		}
		from, fok := b.recordOf(a.From)
		to, tok := b.recordOf(a.To)
		switch {
		case kind == Precedes && fok && tok && !from.group && !to.group && !from.domain && !to.domain:
			b.addPrerequisite(from, to, a)
		case fok:
			l := continuum.Link{Kind: kind, AssociationID: a.ID}
			if tok && !to.domain {
				l.Code = to.code
			} else {
				l.ID, l.URI, l.Title = strings.TrimSpace(a.To), a.ToURI, cmp.Or(a.ToTitle, b.titleOf(a.To))
			}
			*b.links(from) = append(*b.links(from), l)
		case tok && fok: // from a domain (links name targets and groups by code, domains by source)
			l := continuum.Link{Kind: kind, AssociationID: a.ID, Inbound: true, ID: strings.TrimSpace(a.From), Title: from.code}
			*b.links(to) = append(*b.links(to), l)
		case tok:
			l := continuum.Link{Kind: kind, AssociationID: a.ID, Inbound: true,
				ID: strings.TrimSpace(a.From), URI: a.FromURI, Title: cmp.Or(a.FromTitle, b.titleOf(a.From))}
			*b.links(to) = append(*b.links(to), l)
		default:
			b.warn("association outside", a.Place, "this %s association joins %s and %s, neither of which became a target or group here; it is left out",
				kind, cmp.Or(a.FromTitle, a.From), cmp.Or(a.ToTitle, a.To))
		}
	}
}

// recordOf returns what the item with key became.
func (b *builder) recordOf(key string) (record, bool) {
	i, ok := b.find(key)
	if !ok {
		return record{}, false
	}
	r, ok := b.records[i]
	return r, ok
}

// titleOf names an item of the file that became no record (a domain item).
func (b *builder) titleOf(key string) string {
	if i, ok := b.find(key); ok {
		return cmp.Or(strings.TrimSpace(b.nodes[i].Code), nodeName(&b.nodes[i].Item))
	}
	return ""
}

// addPrerequisite makes from a prerequisite of to, unless that would
// close a cycle: then it is kept as a link, with a warning naming it.
func (b *builder) addPrerequisite(from, to record, a Association) {
	t := &b.res.Targets[to.at]
	if slices.ContainsFunc(t.Prerequisites, func(p string) bool { return continuum.SameCode(p, from.code) }) || from.at == to.at {
		return
	}
	if path := b.prereqPath(from.at, to.at); path != nil {
		t.Links = append(t.Links, continuum.Link{Kind: Precedes, Code: from.code, Inbound: true, AssociationID: a.ID})
		b.warn("precedes cycle", a.Place, "%s precedes %s would close a cycle (%s); it is kept as a link, not a prerequisite",
			from.code, to.code, strings.Join(path, " → "))
		return
	}
	t.Prerequisites = append(t.Prerequisites, from.code)
	b.res.Counts.Prerequisites++
	if a.ID != "" {
		if id := b.res.Targets[from.at].Source; id != nil && id.ID != "" {
			if t.Source == nil {
				t.Source = &continuum.SourceRef{}
			}
			if t.Source.Precedes == nil {
				t.Source.Precedes = map[string]string{}
			}
			t.Source.Precedes[id.ID] = a.ID
		}
	}
}

// prereqPath returns the codes along the prerequisites from target from
// back to target to (to needs … needs from's chain reaches to), or nil
// when to is not among from's prerequisites, however deep.
func (b *builder) prereqPath(from, to int) []string {
	ts := b.res.Targets
	if b.codeIndex == nil {
		b.codeIndex = map[string]int{}
	}
	for i := len(b.codeIndex); i < len(ts); i++ {
		b.codeIndex[strings.ToLower(ts[i].Code)] = i
	}
	prev := map[int]int{from: -1}
	queue := []int{from}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x == to {
			var path []string
			for k := x; k >= 0; k = prev[k] {
				path = append(path, ts[k].Code)
			}
			return append(path, ts[to].Code)
		}
		for _, p := range ts[x].Prerequisites {
			if j, ok := b.codeIndex[strings.ToLower(p)]; ok {
				if _, seen := prev[j]; !seen {
					prev[j] = x
					queue = append(queue, j)
				}
			}
		}
	}
	return nil
}

// count fills Result.Counts.
func (b *builder) count() {
	c, n := &b.res.Counts, &b.res.Continuum
	for _, nd := range b.nodes {
		if !nd.IsFramework && strings.TrimSpace(nd.Key) != "" {
			c.Items++
		}
	}
	c.Domains, c.Groups, c.Targets = len(n.Domains), len(n.Groups), len(b.res.Targets)
	tally := func(ls []continuum.Link) {
		for _, l := range ls {
			if l.External() {
				c.External++
			} else {
				c.Links++
			}
		}
	}
	for _, g := range n.Groups {
		tally(g.Links)
	}
	for _, d := range n.Domains {
		tally(d.Links)
	}
	for _, t := range b.res.Targets {
		tally(t.Links)
	}
}

// Summary says in one line what Build made, for a preview:
// "1,189 items: 3 domains, 198 groups, 905 targets, 2 prerequisites, 16 links (14 outside)".
func (c Counts) Summary() string {
	s := fmt.Sprintf("%s: %s, %s, %s", continuum.Plural(c.Items, "item", "items"), continuum.Plural(c.Domains, "domain", "domains"),
		continuum.Plural(c.Groups, "group", "groups"), continuum.Plural(c.Targets, "target", "targets"))
	if c.Prerequisites > 0 {
		s += ", " + continuum.Plural(c.Prerequisites, "prerequisite", "prerequisites")
	}
	if all := c.Links + c.External; all > 0 {
		s += fmt.Sprintf(", %s (%d outside)", continuum.Plural(all, "link", "links"), c.External)
	}
	if c.Skipped > 0 {
		s += fmt.Sprintf(", %d left out", c.Skipped)
	}
	return s
}
