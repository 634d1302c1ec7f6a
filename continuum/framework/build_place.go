package framework

import (
	"cmp"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// start makes the continuum's own fields: name, subject, description,
// origin, scale and method.
func (b *builder) start() {
	c := continuum.NewContinuum(b.name())
	c.Subject, c.Description = strings.TrimSpace(b.fw.Subject), strings.TrimSpace(b.fw.Description)
	if o := b.fw.Origin; !reflect.DeepEqual(o, continuum.Origin{}) {
		c.Origin = &o
	}
	if b.fw.Scale != nil {
		c.Scale = *b.fw.Scale
	}
	if b.fw.Method != nil {
		c.Method = *b.fw.Method
	}
	b.res.Continuum = c
}

// spot is where a leaf goes: its domain, named by a node or explicitly,
// and the chain of nodes between the domain and the leaf that become groups.
type spot struct {
	domain     string
	domainNode int // -1 when the domain is named explicitly or by default
	chain      []int
	levels     []string
	category   string // the category as the leaf or an ancestor writes it
}

// ancestors returns the nodes above i that can name a domain or a group
// (grade groupings and placeholders aside), the top-most first.
func (b *builder) ancestors(i int) []int {
	var up []int
	for p := b.nodes[i].parent; p >= 0; p = b.nodes[p].parent {
		if !b.nodes[p].grade && !b.nodes[p].hollow {
			up = append(up, p)
		}
	}
	for l, r := 0, len(up)-1; l < r; l, r = l+1, r-1 {
		up[l], up[r] = up[r], up[l]
	}
	return up
}

// spotOf finds leaf i's domain and groups.
func (b *builder) spotOf(i int) spot {
	up := b.ancestors(i)
	s := spot{domainNode: -1, levels: b.levelsOf(i)}
	for p := i; p >= 0 && s.category == ""; p = b.nodes[p].parent {
		s.category = strings.TrimSpace(b.nodes[p].Category)
	}
	if d := strings.TrimSpace(b.nodes[i].Domain); d != "" {
		s.domain, s.chain = d, up
		return s
	}
	for k := len(up) - 1; k >= 0; k-- {
		if d := strings.TrimSpace(b.nodes[up[k]].Domain); d != "" {
			s.domain, s.chain = d, up[k+1:]
			return s
		}
	}
	at := 0
	if b.fw.DomainsAt > 1 {
		for k, p := range up {
			if b.nodes[p].depth <= b.fw.DomainsAt {
				at = k
			}
		}
	}
	if len(up) == 0 {
		s.domain = DefaultDomain
		return s
	}
	s.domainNode, s.chain = up[at], up[at+1:]
	s.domain, _ = groupName(&b.nodes[up[at]].Item)
	return s
}

// levelsOf returns leaf i's levels: with LevelsAt, the name of its
// ancestor at that depth; else its own, else its nearest ancestor's.
func (b *builder) levelsOf(i int) []string {
	if b.fw.LevelsAt > 0 {
		for p := b.nodes[i].parent; p >= 0; p = b.nodes[p].parent {
			if b.nodes[p].depth == b.fw.LevelsAt {
				return []string{nodeName(&b.nodes[p].Item)}
			}
		}
	}
	if l := b.nodes[i].levels; len(l) > 0 {
		return l
	}
	for p := b.nodes[i].parent; p >= 0; p = b.nodes[p].parent {
		if l := b.nodes[p].levels; len(l) > 0 {
			return l
		}
	}
	return nil
}

// addTargets makes the continuum's levels, domains, groups and targets
// from the leaves.
func (b *builder) addTargets(leaves []int) {
	spots := make([]spot, len(leaves))
	var all []string
	for k, i := range leaves {
		spots[k] = b.spotOf(i)
		all = append(all, spots[k].levels...)
	}
	c := &b.res.Continuum
	canon := b.makeLevels(all)
	codes := &codeMaker{taken: map[string]bool{}}
	made := make([]string, len(leaves))
	for k, i := range leaves {
		made[k] = codes.make(&b.nodes[i])
	}
	codes.warn(b)
	g := &grouper{b: b, keys: map[int]string{}, taken: codes.taken, sharedDomain: b.sharedDomains(spots), canon: canon, at: map[string]int{}}
	cells := map[[2]int]int{}
	for k, i := range leaves {
		n, s := &b.nodes[i], spots[k]
		statement := cmp.Or(strings.TrimSpace(n.Statement), strings.TrimSpace(n.Short))
		if statement == "" {
			b.res.Counts.Skipped++
			b.warn("no statement", n.Place, "%s has no statement; it is left out", made[k])
			continue
		}
		di := g.domain(s)
		level := lowestLevel(c, canon, s.levels)
		t := continuum.Target{Code: made[k], Statement: statement, Domain: c.Domains[di].Name, Level: level,
			EvidenceRequired: 1, Group: g.chain(s)}
		cell := [2]int{di, c.LevelIndex(level)}
		cells[cell]++
		t.Order = cells[cell]
		b.finishTarget(&t, n)
		b.res.Targets = append(b.res.Targets, t)
		b.res.Places = append(b.res.Places, n.Place)
		b.records[i] = record{code: t.Code, at: len(b.res.Targets) - 1}
	}
	for _, i := range b.lonely {
		s := b.spotOf(i)
		if s.domainNode < 0 && s.domain == DefaultDomain && strings.TrimSpace(b.nodes[i].Domain) == "" {
			s.domainNode, s.domain = i, nodeName(&b.nodes[i].Item) // a top grouping names a domain
		} else {
			s.chain = append(s.chain, i)
		}
		g.domain(s)
		g.chain(s)
	}
}

// finishTarget gives t the item's source, method and descriptors.
func (b *builder) finishTarget(t *continuum.Target, n *node) {
	c := &b.res.Continuum
	if !n.Source.IsZero() {
		src := n.Source
		t.Source = &src
	}
	if n.Method != nil && *n.Method != c.Method {
		m := *n.Method
		t.Method = &m
	}
	if n.Scale != nil && !reflect.DeepEqual(*n.Scale, c.Scale) {
		b.warn("own scale", n.Place, "%s has a scale of its own (%s); a continuum has one scale, so %s is judged on %s",
			t.Code, n.Scale.Range(), t.Code, c.Scale.Range())
	}
	for _, d := range n.Descriptors {
		if _, ok := c.Scale.Point(d.Value); ok && strings.TrimSpace(d.Text) != "" {
			t.SetDescriptor(d.Value, strings.TrimSpace(d.Text))
		}
	}
}

// makeLevels sets the continuum's levels: the framework's order when it
// gives one, else the levels named, ordered as grades or numbers. It
// returns, for each lower-cased level as written, the level it is.
func (b *builder) makeLevels(all []string) map[string]string {
	c := &b.res.Continuum
	levels, canon := mergeGrades(OrderLevels(all, func(int) string { return "" }))
	if len(b.fw.Levels) > 0 {
		ordered, more := mergeGrades(b.fw.Levels)
		for _, l := range levels {
			if _, ok := more[strings.ToLower(l)]; !ok {
				ordered = append(ordered, l)
			}
		}
		for k, v := range more {
			canon[k] = v
		}
		levels = ordered
	}
	if len(levels) == 0 {
		levels = []string{DefaultLevel}
	}
	c.Levels = levels
	return canon
}

// sharedDomains returns the domain names that several domain nodes give
// (CCSS writes "Operations and Algebraic Thinking" once per grade): each
// such node becomes a group of the domain, so no item's identity is lost.
func (b *builder) sharedDomains(spots []spot) map[string]bool {
	nodesOf := map[string]map[int]bool{}
	for _, s := range spots {
		if s.domainNode < 0 {
			continue
		}
		k := strings.ToLower(s.domain)
		if nodesOf[k] == nil {
			nodesOf[k] = map[int]bool{}
		}
		nodesOf[k][s.domainNode] = true
	}
	shared := map[string]bool{}
	for k, m := range nodesOf {
		if len(m) > 1 {
			shared[k] = true
		}
	}
	return shared
}

// groupName picks a grouping's name from an item: its short form, its
// statement when short enough, else its code; description is the full
// statement when the name is not it.
func groupName(it *Item) (name, description string) {
	st := strings.TrimSpace(strings.ReplaceAll(it.Statement, "\n", " "))
	short := strings.TrimSpace(it.Short)
	switch {
	case short != "":
		name = short
	case st != "" && utf8.RuneCountInString(st) <= 100:
		name = st
	case strings.TrimSpace(it.Code) != "":
		name = strings.TrimSpace(it.Code)
	case st != "":
		name = string([]rune(st)[:99]) + "…"
	default:
		return strings.TrimSpace(it.Key), ""
	}
	if st != name {
		description = strings.TrimSpace(it.Statement)
	}
	return name, description
}

// mergeGrades makes one level of the grades of the same rank spelled
// differently ("1" and "01"): it returns the levels and, for each
// lower-cased grade, the level it belongs to.
func mergeGrades(levels []string) ([]string, map[string]string) {
	canon := map[string]string{}
	var merged []string
	byRank := map[float64]string{}
	for _, l := range levels {
		if r, ok := GradeRank(l); ok {
			if first, seen := byRank[r]; seen {
				canon[strings.ToLower(l)] = first
				continue
			}
			byRank[r] = l
		}
		if _, seen := canon[strings.ToLower(l)]; seen {
			continue
		}
		canon[strings.ToLower(l)] = l
		merged = append(merged, l)
	}
	return merged, canon
}

// lowestLevel returns the lowest level of c among grades, or c's first level.
func lowestLevel(c *continuum.Continuum, canon map[string]string, grades []string) string {
	best := -1
	for _, x := range grades {
		if li := c.LevelIndex(canon[strings.ToLower(strings.TrimSpace(x))]); li >= 0 && (best < 0 || li < best) {
			best = li
		}
	}
	if best < 0 {
		return c.Levels[0]
	}
	return c.Levels[best]
}

// codeMaker makes the targets' codes from the items' codes or keys:
// cleaned, and unique, counting the changes for a warning.
type codeMaker struct {
	taken            map[string]bool
	renamed, dups    int
	renamedEx, dupEx string
}

// make returns the code of leaf n.
func (cm *codeMaker) make(n *node) string {
	code := cmp.Or(strings.TrimSpace(n.Code), n.Key)
	cc := CleanCode(code)
	if cc != code {
		if cm.renamedEx == "" {
			cm.renamedEx = fmt.Sprintf("%s became %s", code, cc)
		}
		cm.renamed++
	}
	uc := UniqueCode(cc, cm.taken)
	if uc != cc {
		cm.dups++
		if cm.dupEx == "" {
			cm.dupEx = fmt.Sprintf("%s: %s became %s", n.Place, cc, uc)
		}
	}
	return uc
}

// warn reports the codes that were changed.
func (cm *codeMaker) warn(b *builder) {
	if cm.renamed > 0 {
		b.warn("", Place{}, "%d codes held characters a code cannot (/ , ; or line breaks), or were longer than 64 characters, and were adjusted (e.g. %s)", cm.renamed, cm.renamedEx)
	}
	if cm.dups > 0 {
		b.warn("", Place{}, "%d codes appeared more than once and were made unique with a number (%s)", cm.dups, cm.dupEx)
	}
}
