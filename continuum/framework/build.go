package framework

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The level and domain a target gets when its framework names none.
const (
	DefaultLevel  = "Level 1"
	DefaultDomain = "General"
)

// ErrEmpty means a framework holds no item that can be a target.
var ErrEmpty = errors.New("the framework holds no standards; expected items with a statement")

// node is an item while Build places it.
type node struct {
	Item
	parent   int   // index of the item it sits under; -1 at the top
	children []int // in order
	extra    []parentRef
	levels   []string // levels, its own or (for a grade grouping) read from its name
	grade    bool     // a grade or level grouping: gives levels, names no domain or group
	hollow   bool     // a placeholder ("Not applicable"): its children count as its parent's
	skip     bool     // left out: a framework node, a duplicate, no key
	depth    int      // 1 at the top
}

// parentRef is a parent of an item as the source names it.
type parentRef struct {
	key, assoc string
	at         int // the parent's index, or -1 when it is not in the file
}

// builder holds Build's work.
type builder struct {
	fw     *Framework
	nodes  []node
	index  map[string]int // key → node
	folded map[string]int // lower-case key → node
	res    *Result
	warned map[string]int // warnings of one kind so far, to cap repeats
	// records says what each node became.
	records map[int]record
	// codeIndex finds a target by its lower-cased code.
	codeIndex map[string]int
	// lonely are groupings with nothing under them whose members all name
	// them as a further parent: kept as groups, so those links resolve.
	lonely []int
}

// maxRepeats bounds how many warnings of one kind are given one by one;
// the rest are counted in one last warning.
const maxRepeats = 10

// Build turns a framework into a continuum: the items under the framework
// (or at the top) name the domains, unless the items say their domain;
// items with children below a domain become groups, nested as in the
// source, keeping any statement of their own; the other items become
// targets. Grade groupings ("Grade 3", CASE "Grade Level" items) give
// levels and vanish, as do placeholders ("Not applicable"), framework rows
// and groupings with nothing in them. An item with several parents sits
// under the first and keeps the others as "isChildOf" links, with a
// warning. "precedes" between two targets makes a prerequisite; every
// other association is kept as a link on the item inside the file, to an
// item outside it as an external link. Every step that guesses or leaves
// something out says so in Result.Warnings, with the place.
func Build(fw *Framework) (*Result, error) {
	b := &builder{fw: fw, res: &Result{Warnings: slices.Clone(fw.Warnings)}, warned: map[string]int{}, records: map[int]record{}}
	b.indexItems()
	b.link()
	b.breakLoops()
	roots := b.tree()
	b.classify()
	leaves := b.leaves(roots)
	if len(leaves) == 0 {
		return nil, fmt.Errorf("build %s: %w", b.name(), ErrEmpty)
	}
	b.start()
	b.addTargets(leaves)
	if len(b.res.Targets) == 0 {
		return nil, fmt.Errorf("build %s: %w", b.name(), ErrEmpty)
	}
	b.addExtraParents()
	b.addAssociations()
	b.flushRepeats()
	b.count()
	if _, err := continuum.NewGraph(b.res.Continuum, b.res.Targets); err != nil {
		return nil, fmt.Errorf("build %s: %w", b.name(), err)
	}
	return b.res, nil
}

// name is the continuum's name: the framework's, else its title.
func (b *builder) name() string {
	return cmp.Or(strings.TrimSpace(b.fw.Name), strings.TrimSpace(b.fw.Origin.Title), "Imported standards")
}

// warn records a warning at place. Warnings of the same kind past
// maxRepeats are only counted.
func (b *builder) warn(kind string, place Place, format string, args ...any) {
	b.warned[kind]++
	if kind != "" && b.warned[kind] > maxRepeats {
		return
	}
	b.res.Warnings = append(b.res.Warnings, Warning{Place: place, Message: fmt.Sprintf(format, args...)})
}

// flushRepeats adds one warning per kind for the repeats not given one by one.
func (b *builder) flushRepeats() {
	kinds := make([]string, 0, len(b.warned))
	for k, n := range b.warned {
		if k != "" && n > maxRepeats {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		b.res.Warnings = append(b.res.Warnings, Warning{Message: fmt.Sprintf("%d more like the above (%s)", b.warned[k]-maxRepeats, k)})
	}
}

// index copies the items into nodes and finds them by key; an item
// without a key, or with a key already taken, is left out.
func (b *builder) indexItems() {
	b.nodes = make([]node, len(b.fw.Items))
	b.index = make(map[string]int, len(b.nodes))
	b.folded = make(map[string]int, len(b.nodes))
	for i, it := range b.fw.Items {
		n := &b.nodes[i]
		n.Item, n.parent = it, -1
		n.Key = strings.TrimSpace(it.Key)
		switch {
		case n.Key == "":
			n.skip = true
			b.warn("item without a key", it.Place, "this item has no identifier or code, so nothing can refer to it; it is left out")
			continue
		case b.has(n.Key):
			n.skip = true
			b.warn("duplicate key", it.Place, "%s is already listed; identifiers must be unique, so this second item is left out", n.Key)
			continue
		}
		b.index[n.Key] = i
		if _, dup := b.folded[strings.ToLower(n.Key)]; !dup {
			b.folded[strings.ToLower(n.Key)] = i
		}
		if it.IsFramework {
			n.skip = true
		}
	}
}

func (b *builder) has(key string) bool { _, ok := b.index[key]; return ok }

// find returns the node of key: matched exactly, else ignoring case.
func (b *builder) find(key string) (int, bool) {
	key = strings.TrimSpace(key)
	if i, ok := b.index[key]; ok {
		return i, true
	}
	i, ok := b.folded[strings.ToLower(key)]
	return i, ok
}

// link gives each item its parent: the first of its Parents, and of the
// "isChildOf" associations from it, found in the file. A parent that is
// the framework itself puts the item at the top; one that is not in the
// file too, with a warning. Further parents are kept for links.
func (b *builder) link() {
	parents := make([][]parentRef, len(b.nodes))
	for i, n := range b.nodes {
		for _, p := range n.Parents {
			if p = strings.TrimSpace(p); p != "" {
				parents[i] = append(parents[i], parentRef{key: p})
			}
		}
	}
	for _, a := range b.fw.Associations {
		if NormalizeKind(a.Kind) != IsChildOf {
			continue
		}
		c, ok := b.find(a.From)
		if !ok {
			if _, dest := b.find(a.To); dest {
				b.warn("child not in file", a.Place, "the child %s of this isChildOf association is not in the file; the association is left out", cmp.Or(a.FromTitle, a.From))
			}
			continue
		}
		if slices.ContainsFunc(parents[c], func(l parentRef) bool { return l.key == strings.TrimSpace(a.To) }) {
			continue
		}
		parents[c] = append(parents[c], parentRef{key: strings.TrimSpace(a.To), assoc: a.ID})
		if len(parents[c]) == 1 && a.HasOrder && !b.nodes[c].HasOrder {
			b.nodes[c].Order, b.nodes[c].HasOrder = a.Order, true
		}
	}
	for i := range b.nodes {
		b.placeUnder(i, parents[i])
	}
}

// placeUnder sets node i's parent from its list of parents.
func (b *builder) placeUnder(i int, parents []parentRef) {
	n := &b.nodes[i]
	placed := false
	for _, p := range parents {
		at, ok := b.find(p.key)
		if ok && at == i {
			continue
		}
		if !placed {
			placed = true
			if n.Source.Association == "" {
				n.Source.Association = p.assoc
			}
			switch {
			case ok && b.nodes[at].IsFramework:
			case ok:
				n.parent = at
			default:
				b.warn("parent not in file", n.Place, "its parent %s is not in the file; it is placed at the top", p.key)
			}
			continue
		}
		if ok && b.nodes[at].IsFramework {
			continue
		}
		p.at = -1
		if ok {
			p.at = at
		}
		n.extra = append(n.extra, p)
	}
}

// breakLoops breaks any loop of parents so every walk up ends.
func (b *builder) breakLoops() {
	state := make([]byte, len(b.nodes)) // 0 unseen, 1 on the walk, 2 done
	for i := range b.nodes {
		var walk []int
		for j := i; j >= 0 && state[j] == 0; j = b.nodes[j].parent {
			state[j] = 1
			walk = append(walk, j)
			if p := b.nodes[j].parent; p >= 0 && state[p] == 1 {
				b.warn("loop", b.nodes[j].Place, "%s is its own ancestor; its parent link is left out", b.nodes[j].Key)
				b.nodes[j].parent = -1
			}
		}
		for _, j := range walk {
			state[j] = 2
		}
	}
}

// tree gives every node its children, in order, and returns the roots in order.
func (b *builder) tree() []int {
	var roots []int
	for i := range b.nodes {
		n := &b.nodes[i]
		if n.skip {
			continue
		}
		if n.parent >= 0 {
			b.nodes[n.parent].children = append(b.nodes[n.parent].children, i)
		} else {
			roots = append(roots, i)
		}
	}
	less := func(x, y int) int {
		nx, ny := &b.nodes[x], &b.nodes[y]
		if nx.HasOrder && ny.HasOrder {
			if r := cmp.Compare(nx.Order, ny.Order); r != 0 {
				return r
			}
		}
		if b.fw.OrderByCode && nx.Code != "" && ny.Code != "" {
			if r := NaturalCompare(nx.Code, ny.Code); r != 0 {
				return r
			}
		}
		return cmp.Compare(x, y)
	}
	slices.SortStableFunc(roots, less)
	for i := range b.nodes {
		slices.SortStableFunc(b.nodes[i].children, less)
	}
	var depth func(i, d int)
	depth = func(i, d int) {
		b.nodes[i].depth = d
		for _, c := range b.nodes[i].children {
			depth(c, d+1)
		}
	}
	for _, r := range roots {
		depth(r, 1)
	}
	return roots
}

// classify marks grade groupings and placeholders, and reads each node's levels.
func (b *builder) classify() {
	for i := range b.nodes {
		n := &b.nodes[i]
		n.hollow = isPlaceholder(&n.Item)
		n.levels = n.Levels
		if isGradeGroup(&n.Item) {
			n.grade = true
			if len(n.levels) == 0 {
				if name := nodeName(&n.Item); name != "" {
					if _, ok := GradeRank(name); ok {
						n.levels = []string{name}
					}
				}
			}
		}
	}
}

// effective returns the children of node i, a placeholder's children
// counting as its parent's.
func (b *builder) effective(i int) []int {
	var out []int
	for _, k := range b.nodes[i].children {
		if b.nodes[k].hollow {
			out = append(out, b.effective(k)...)
		} else {
			out = append(out, k)
		}
	}
	return out
}

// leaves returns the nodes that become targets, in tree order. Groupings
// with nothing in them and grade rows are counted as skipped.
func (b *builder) leaves(roots []int) []int {
	var leaves []int
	extra := map[int]bool{}
	for _, n := range b.nodes {
		for _, p := range n.extra {
			if p.at >= 0 {
				extra[p.at] = true
			}
		}
	}
	var walk func(i int)
	walk = func(i int) {
		n := &b.nodes[i]
		kids := b.effective(i)
		if n.hollow {
			for _, k := range kids {
				walk(k)
			}
			return
		}
		if len(kids) > 0 {
			for _, k := range kids {
				walk(k)
			}
			return
		}
		switch {
		case n.IsGroup && extra[i]:
			b.lonely = append(b.lonely, i)
		case n.IsGroup:
			b.res.Counts.Skipped++
			b.warn("empty group", n.Place, "group %s holds nothing; it is left out", cmp.Or(nodeName(&n.Item), n.Key))
		case n.grade:
			b.res.Counts.Skipped++
			b.warn("level row", n.Place, "%q names a level, not a standard; it is left out", nodeName(&n.Item))
		default:
			leaves = append(leaves, i)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return leaves
}

// nodeName is how a grouping is named: its short form, its statement
// when short, else its code.
func nodeName(it *Item) string {
	name, _ := groupName(it)
	return name
}

// kindFolder folds an item type's spellings: "Grade Level", "grade_level".
var kindFolder = strings.NewReplacer(" ", "", "_", "", "-", "")

// isGradeGroup reports whether an item only gathers a grade's or a
// level's standards ("Grade 3", "Kindergarten", "Level 2", a CASE "Grade
// Level" item).
func isGradeGroup(it *Item) bool {
	t := strings.ToLower(kindFolder.Replace(it.Kind))
	if t == "gradelevel" || t == "grade" || t == "gradeband" {
		return true
	}
	for _, s := range []string{it.Short, it.Statement} {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || len([]rune(s)) > 24 {
			continue
		}
		if s == "kindergarten" || s == "pre-kindergarten" || strings.HasPrefix(s, "grade ") || strings.HasPrefix(s, "grades ") {
			return true
		}
		// "High School", "High School (9-12)"; not "High School — Algebra", a conceptual category.
		if rest, ok := strings.CutPrefix(s, "high school"); ok && strings.Trim(rest, " ()0123456789-–") == "" {
			return true
		}
		if rest, ok := strings.CutPrefix(s, "level "); ok && strings.Trim(rest, "0123456789.") == "" {
			return true
		}
	}
	return false
}

// isPlaceholder reports an item that stands for nothing ("NA", "Not
// Applicable"): Smarter Balanced pads its hierarchy with them.
func isPlaceholder(it *Item) bool {
	s := strings.ToLower(strings.TrimSpace(it.Statement))
	return s == "not applicable" || s == "n/a" || s == "na"
}
