package standards

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// moodleNode is a competency WriteMoodle writes: a domain, a group or a target.
type moodleNode struct {
	what     string // names it in messages: `domain "Number"`, `group NUM.A`, `target NUM.1`
	id       string
	ids      []string // the ID numbers it may take, in order of preference
	fixed    bool     // it must take ids[0] or fail
	parent   *moodleNode
	short    string // its name as plain text
	text     string // its description as plain text
	links    []continuum.Link
	children []*moodleNode
	related  []*moodleNode
	depth    int
	row      int // its place in the file
	group    *continuum.Group
	target   *continuum.Target
}

// moodlePlan is what WriteMoodle writes.
type moodlePlan struct {
	c       *continuum.Continuum
	frameID string
	domains []*moodleNode
	nodes   []*moodleNode // every competency, in the order written
	terms   []string
}

// WriteMoodle writes c and its targets as a CSV Moodle's "Import
// competency framework" (admin/tool/lpimportcsv) accepts, with the header
// and column order its exporter writes. The first row is the framework:
// its ID number (c.Origin.ID when c came from Moodle, else one made from
// c's ID), its name, its scale (the labels of c.Scale's points in order;
// a configuration with the lowest point the default and every point from
// the cut up proficient) and its taxonomy (c.Origin's when c came from
// Moodle, else domain then competency for each depth below; a term Moodle
// does not accept becomes competency). Each domain is a competency at the
// top, each group sits under its parent group or domain, each target
// under its group or domain. ID numbers come from the source identity
// (Source.ID) when there is one, else from the code (a group's key when
// codes are shared, a domain's name when it has no code). Names are short
// names (cut to Moodle's 100 characters); statements and descriptions
// are HTML descriptions (format 1) that ReadMoodle reads back as written.
// "isRelatedTo" links between items of the file become cross-references.
// Domains and groups that hold no target are left out: Moodle would read
// them back as competencies to assess. An ID number Moodle cannot keep
// (too long, repeated, holding "<" or a line break, or the same number as
// another to Moodle's importer) is an error saying what to change.
func WriteMoodle(w io.Writer, c continuum.Continuum, targets []continuum.Target) error {
	p := &moodlePlan{c: &c}
	if err := p.plan(targets); err != nil {
		return fmt.Errorf("write Moodle competency framework %s: %w", c.Name, err)
	}
	rows, err := p.rows()
	if err != nil {
		return fmt.Errorf("write Moodle competency framework %s: %w", c.Name, err)
	}
	var b strings.Builder
	for _, row := range rows {
		moodleWriteRecord(&b, row)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write Moodle competency framework %s: %w", c.Name, err)
	}
	return nil
}

// plan builds the tree of competencies and gives each its ID number.
func (p *moodlePlan) plan(targets []continuum.Target) error {
	groups, err := p.addDomainsAndGroups()
	if err != nil {
		return err
	}
	if err := p.addTargets(targets, groups); err != nil {
		return err
	}
	p.prune()
	p.order()
	if err := p.assignIDs(); err != nil {
		return err
	}
	if err := moodleSameNumbers(p.nodes); err != nil {
		return err
	}
	if err := p.frameworkID(); err != nil {
		return err
	}
	p.relate()
	p.taxonomy()
	return nil
}

// addDomainsAndGroups makes a node of each domain and group, each group
// under its parent, and returns the groups by lower-cased key.
func (p *moodlePlan) addDomainsAndGroups() (map[string]*moodleNode, error) {
	c := p.c
	codes := map[string]int{}
	for _, d := range c.Domains {
		if code := strings.ToLower(strings.TrimSpace(d.Code)); code != "" {
			codes[code]++
		}
	}
	for i := range c.Domains {
		d := &c.Domains[i]
		n := &moodleNode{what: fmt.Sprintf("domain %q", d.Name), short: d.Name, text: d.Description}
		if d.Source != nil {
			n.ids = append(n.ids, strings.TrimSpace(d.Source.ID))
		}
		if code := strings.TrimSpace(d.Code); code != "" && codes[strings.ToLower(code)] == 1 {
			n.ids = append(n.ids, code)
		}
		n.ids = append(n.ids, moodleSlug(d.Name), fmt.Sprintf("domain-%d", i+1))
		p.domains = append(p.domains, n)
	}
	groups := map[string]*moodleNode{}
	codes = map[string]int{}
	for _, g := range c.Groups {
		if code := strings.ToLower(strings.TrimSpace(g.Code)); code != "" {
			codes[code]++
		}
	}
	for i := range c.Groups {
		g := &c.Groups[i]
		n := &moodleNode{what: "group " + g.Key, short: g.Name, text: g.Statement, links: g.Links, group: g}
		if g.Source != nil {
			n.ids = append(n.ids, strings.TrimSpace(g.Source.ID))
		}
		if code := strings.TrimSpace(g.Code); code != "" && codes[strings.ToLower(code)] == 1 {
			n.ids = append(n.ids, code)
		}
		n.ids = append(n.ids, strings.TrimSpace(g.Key))
		if _, dup := groups[strings.ToLower(strings.TrimSpace(g.Key))]; dup {
			return nil, fmt.Errorf("group key %s appears twice; give each group its own key", g.Key)
		}
		groups[strings.ToLower(strings.TrimSpace(g.Key))] = n
	}
	for i := range c.Groups {
		g := &c.Groups[i]
		n := groups[strings.ToLower(strings.TrimSpace(g.Key))]
		parent, err := p.parentOf(groups, "group "+g.Key, g.Domain, g.Parent)
		if err != nil {
			return nil, err
		}
		n.parent = parent
	}
	for i := range c.Groups {
		n := groups[strings.ToLower(strings.TrimSpace(c.Groups[i].Key))]
		seen := 0
		for up := n.parent; up != nil; up = up.parent {
			if seen++; seen > len(groups) {
				return nil, fmt.Errorf("%s sits inside itself; give it another parent", n.what)
			}
		}
	}
	for i := range c.Groups {
		n := groups[strings.ToLower(strings.TrimSpace(c.Groups[i].Key))]
		n.parent.children = append(n.parent.children, n)
	}
	return groups, nil
}

// parentOf returns the node an item of domain sits in: group key when
// set, else the domain.
func (p *moodlePlan) parentOf(groups map[string]*moodleNode, what, domain, key string) (*moodleNode, error) {
	di := p.c.DomainIndex(domain)
	if di < 0 {
		return nil, fmt.Errorf("%s is in domain %q, which is not a domain of %s", what, domain, p.c.Name)
	}
	if strings.TrimSpace(key) == "" {
		return p.domains[di], nil
	}
	g, ok := groups[strings.ToLower(strings.TrimSpace(key))]
	if !ok {
		return nil, fmt.Errorf("%s sits in group %q, which is not a group of %s", what, key, p.c.Name)
	}
	return g, nil
}

// addTargets puts each target under its group or domain, in the
// continuum's order: by domain, level and order.
func (p *moodlePlan) addTargets(targets []continuum.Target, groups map[string]*moodleNode) error {
	c := p.c
	sorted := slices.Clone(targets)
	slices.SortStableFunc(sorted, func(a, b continuum.Target) int {
		return cmp.Or(cmp.Compare(c.DomainIndex(a.Domain), c.DomainIndex(b.Domain)),
			cmp.Compare(c.LevelIndex(a.Level), c.LevelIndex(b.Level)), cmp.Compare(a.Order, b.Order))
	})
	for i := range sorted {
		t := &sorted[i]
		code := strings.TrimSpace(t.Code)
		n := &moodleNode{what: "target " + code, short: t.Statement, text: t.Statement, links: t.Links, target: t, fixed: true}
		if t.Source != nil && strings.TrimSpace(t.Source.ID) != "" {
			n.ids = []string{strings.TrimSpace(t.Source.ID)}
		} else {
			n.ids = []string{code}
		}
		parent, err := p.parentOf(groups, n.what, t.Domain, t.Group)
		if err != nil {
			return err
		}
		n.parent = parent
		parent.children = append(parent.children, n)
	}
	return nil
}

// prune drops the domains and groups that hold no target.
func (p *moodlePlan) prune() {
	var keep func(n *moodleNode) bool
	keep = func(n *moodleNode) bool {
		if n.target != nil {
			return true
		}
		n.children = slices.DeleteFunc(n.children, func(k *moodleNode) bool { return !keep(k) })
		return len(n.children) > 0
	}
	p.domains = slices.DeleteFunc(p.domains, func(d *moodleNode) bool { return !keep(d) })
}

// order lists the competencies as written: each domain, then what sits
// in it, targets before groups, depth first.
func (p *moodlePlan) order() {
	var walk func(n *moodleNode, depth int)
	walk = func(n *moodleNode, depth int) {
		n.depth, n.row = depth, len(p.nodes)
		p.nodes = append(p.nodes, n)
		slices.SortStableFunc(n.children, func(a, b *moodleNode) int {
			return cmp.Compare(moodleRank(a), moodleRank(b))
		})
		for _, k := range n.children {
			walk(k, depth+1)
		}
	}
	for _, d := range p.domains {
		walk(d, 1)
	}
}

// moodleRank puts targets before groups among siblings.
func moodleRank(n *moodleNode) int {
	if n.target != nil {
		return 0
	}
	return 1
}

// assignIDs gives each competency its ID number: targets first, as they
// have only one, then groups and domains, each the first of its
// candidates that Moodle can keep and no other competency has.
func (p *moodlePlan) assignIDs() error {
	taken := map[string]*moodleNode{}
	for _, pass := range []bool{true, false} {
		for _, n := range p.nodes {
			if n.fixed != pass {
				continue
			}
			if err := n.takeID(taken); err != nil {
				return err
			}
		}
	}
	return nil
}

// takeID gives n the first of its candidate ID numbers that is free and valid.
func (n *moodleNode) takeID(taken map[string]*moodleNode) error {
	var why string
	for _, id := range n.ids {
		if id == "" {
			continue
		}
		if problem := moodleIDProblem(id); problem != "" {
			why = fmt.Sprintf("%q cannot be a Moodle ID number: %s", id, problem)
			continue
		}
		if other, ok := taken[strings.ToLower(id)]; ok {
			why = fmt.Sprintf("its ID number %q is already %s's (Moodle needs each ID number once in a framework, whatever the case)", id, other.what)
			continue
		}
		n.id = id
		taken[strings.ToLower(id)] = n
		return nil
	}
	if n.fixed {
		if why == "" {
			why = "it has no code"
		}
		return fmt.Errorf("%s: %s; change the target's code (or clear its source identity) so that it is unique, at most %d characters, with no \"<\", line break or %%2C", n.what, why, moodleIDLimit)
	}
	return fmt.Errorf("%s: none of its source identity, code or key can be its Moodle ID number (%s); change the group's key", n.what, why)
}

// moodleIDProblem says why id cannot be a Moodle ID number, or "". Moodle's
// importer cuts ID numbers to 100 characters and strips tags from them
// (clean_param PARAM_TEXT, shorten_text); its CSV reader (PHP's fgetcsv)
// misreads a backslash before a quote or at the end of a field; it reads
// %2C in cross-references as a comma.
func moodleIDProblem(id string) string {
	switch {
	case len([]rune(id)) > moodleIDLimit:
		return fmt.Sprintf("it is %d characters long and Moodle keeps %d", len([]rune(id)), moodleIDLimit)
	case strings.TrimSpace(id) != id:
		return "it starts or ends with a space"
	case strings.Contains(id, "<"):
		return `Moodle strips what follows a "<" from ID numbers`
	case strings.ContainsFunc(id, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "it holds a line break or another control character"
	case strings.Contains(id, `\"`) || strings.HasSuffix(id, `\`):
		return "Moodle's CSV reader misreads a backslash before a quote or at the end"
	case strings.Contains(id, "%2C"):
		return "Moodle reads %2C in cross-references as a comma"
	}
	return ""
}

// frameworkID sets the framework's ID number: the origin's when the
// continuum came from Moodle, else one made from the continuum's ID.
func (p *moodlePlan) frameworkID() error {
	c := p.c
	if o := c.Origin; o != nil && o.Format == continuum.FormatMoodle && strings.TrimSpace(o.ID) != "" {
		p.frameID = strings.TrimSpace(o.ID)
		if problem := moodleIDProblem(p.frameID); problem != "" {
			return fmt.Errorf("the framework's Moodle ID number %q cannot be used: %s", p.frameID, problem)
		}
		return nil
	}
	p.frameID = cmp.Or(moodleSlug(c.Name), "continuum")
	if id := strings.TrimSpace(c.ID); id != "" && moodleIDProblem("continuum-"+id) == "" {
		p.frameID = "continuum-" + id
	}
	return nil
}

// moodleSlug makes an ID number of a name: lower case, its words joined
// by hyphens, at most 60 characters.
func moodleSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		dash = false
	}
	s := []rune(b.String())
	if len(s) > 60 {
		return strings.TrimRight(string(s[:60]), "-")
	}
	return string(s)
}

// relate turns the "isRelatedTo" links between competencies of the file
// into cross-references, listed on both, as Moodle's exporter lists them.
func (p *moodlePlan) relate() {
	byCode, byKey, byID := map[string]*moodleNode{}, map[string]*moodleNode{}, map[string]*moodleNode{}
	for _, n := range p.nodes {
		byID[strings.ToLower(n.id)] = n
		switch {
		case n.target != nil:
			byCode[strings.ToLower(strings.TrimSpace(n.target.Code))] = n
		case n.group != nil:
			byKey[strings.ToLower(strings.TrimSpace(n.group.Key))] = n
		}
	}
	pairs := map[[2]*moodleNode]bool{}
	for _, n := range p.nodes {
		for _, l := range n.links {
			if framework.NormalizeKind(l.Kind) != "isRelatedTo" {
				continue
			}
			var other *moodleNode
			if code := strings.ToLower(strings.TrimSpace(l.Code)); code != "" {
				other = cmp.Or(byCode[code], byKey[code])
			} else if id := strings.ToLower(strings.TrimSpace(l.ID)); id != "" {
				other = byID[id]
			}
			if other == nil || other == n {
				continue
			}
			a, b := n, other
			if b.row < a.row {
				a, b = b, a
			}
			if !pairs[[2]*moodleNode{a, b}] {
				pairs[[2]*moodleNode{a, b}] = true
				a.related = append(a.related, b)
				b.related = append(b.related, a)
			}
		}
	}
	for _, n := range p.nodes {
		slices.SortFunc(n.related, func(a, b *moodleNode) int { return cmp.Compare(a.row, b.row) })
	}
}

// taxonomy sets the term of each depth: the origin's when the continuum
// came from Moodle, else domain at the top and competency below, as deep
// as the tree goes; a term Moodle does not accept becomes competency.
func (p *moodlePlan) taxonomy() {
	deepest := 1
	for _, n := range p.nodes {
		deepest = max(deepest, n.depth)
	}
	if o := p.c.Origin; o != nil && o.Format == continuum.FormatMoodle && len(o.Taxonomy) > 0 {
		p.terms = slices.Clone(o.Taxonomy)
	} else {
		p.terms = []string{"domain"}
	}
	for len(p.terms) < deepest {
		p.terms = append(p.terms, moodleDefaultTerm)
	}
	for i, t := range p.terms {
		t = strings.ToLower(strings.TrimSpace(t))
		if !slices.Contains(MoodleTaxonomyTerms, t) {
			t = moodleDefaultTerm
		}
		p.terms[i] = t
	}
}
