package widgets

import (
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// GroupTree is a continuum's groups in the order the screens show them:
// each domain's top groups in the order of Continuum.Groups, each
// followed at once by the groups inside it (depth first). It answers by
// key in constant time, so a grid of thousands of targets can sort them
// by group cheaply.
type GroupTree struct {
	// Groups are every group in display order, with its depth and path.
	Groups []TreeGroup

	index map[string]int // lower-cased key → position in Groups
}

// TreeGroup is one group of a GroupTree.
type TreeGroup struct {
	continuum.Group
	// Depth is 0 for a group at the top of its domain, 1 for one inside it …
	Depth int
	// Rank is the group's position in display order, from 0.
	Rank int
}

// PathSeparator separates the groups of a path: "RL › Key Ideas and Details".
const PathSeparator = " › "

// NewGroupTree orders the groups of c. A group whose parent is missing,
// or that sits inside itself, is shown at the top of its domain rather
// than lost.
func NewGroupTree(c *continuum.Continuum) *GroupTree {
	t := &GroupTree{index: make(map[string]int, len(c.Groups))}
	children := map[string][]int{} // lower-cased parent key → positions in c.Groups
	keys := make(map[string]bool, len(c.Groups))
	for _, g := range c.Groups {
		keys[fold(g.Key)] = true
	}
	var tops []int
	for i, g := range c.Groups {
		p := fold(g.Parent)
		if p == "" || !keys[p] || p == fold(g.Key) {
			tops = append(tops, i)
			continue
		}
		children[p] = append(children[p], i)
	}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		k := fold(c.Groups[i].Key)
		if _, seen := t.index[k]; seen {
			return // a loop: shown once
		}
		t.index[k] = len(t.Groups)
		t.Groups = append(t.Groups, TreeGroup{Group: c.Groups[i], Depth: depth, Rank: len(t.Groups)})
		for _, ch := range children[k] {
			walk(ch, depth+1)
		}
	}
	// Domain by domain, so that a domain's groups stay together.
	for _, d := range c.Domains {
		for _, i := range tops {
			if strings.EqualFold(c.Groups[i].Domain, d.Name) {
				walk(i, 0)
			}
		}
	}
	for i := range c.Groups { // what no walk reached: a loop, or a group of no domain
		walk(i, 0)
	}
	return t
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Find returns the group with key; false when there is none.
func (t *GroupTree) Find(key string) (TreeGroup, bool) {
	i, ok := t.index[fold(key)]
	if !ok {
		return TreeGroup{}, false
	}
	return t.Groups[i], true
}

// Rank returns the display position of the group with key, or -1 for no
// group (targets directly in their domain come first).
func (t *GroupTree) Rank(key string) int {
	if i, ok := t.index[fold(key)]; ok {
		return i
	}
	return -1
}

// Ancestors returns the groups from the top of the domain down to the
// group with key, itself included, outermost first.
func (t *GroupTree) Ancestors(key string) []TreeGroup {
	var out []TreeGroup
	for g, ok := t.Find(key); ok && len(out) <= len(t.Groups); g, ok = t.Find(g.Parent) {
		out = append(out, g)
		if g.Depth == 0 {
			break
		}
	}
	slices.Reverse(out)
	return out
}

// Path returns the group with key and the groups it sits in, for
// people: "Reading: Literature › Key Ideas and Details". "" for no group.
func (t *GroupTree) Path(key string) string {
	anc := t.Ancestors(key)
	parts := make([]string, len(anc))
	for i, g := range anc {
		parts[i] = g.Title()
	}
	return strings.Join(parts, PathSeparator)
}

// InDomain returns the groups of a domain in display order.
func (t *GroupTree) InDomain(domain string) []TreeGroup {
	var out []TreeGroup
	for _, g := range t.Groups {
		if strings.EqualFold(g.Domain, domain) {
			out = append(out, g)
		}
	}
	return out
}

// Inside reports whether the group with key is the group with outer or
// sits (at any depth) inside it.
func (t *GroupTree) Inside(key, outer string) bool {
	for _, g := range t.Ancestors(key) {
		if strings.EqualFold(g.Key, outer) {
			return true
		}
	}
	return false
}

// SortTargets orders targets as a cell of the grid shows them: those
// directly in their domain first, then group by group in display order,
// each in the order it had (a cell's order).
func (t *GroupTree) SortTargets(targets []continuum.Target) {
	slices.SortStableFunc(targets, func(a, b continuum.Target) int {
		return t.Rank(a.Group) - t.Rank(b.Group)
	})
}
