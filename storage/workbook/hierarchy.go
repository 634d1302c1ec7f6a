package workbook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
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

	parent      int
	children    []int
	placeholder bool
}

// hierarchyOrder says how the rows of a level of the hierarchy are ordered:
// by an explicit order when there is an order column (explicit) or both
// rows give one, then by code compared naturally (byCode), then by row.
type hierarchyOrder struct {
	explicit bool
	byCode   bool
}

// hierarchy turns the rows of a standards list or the items of a CASE
// document into the Book's continuum and targets: leaves are targets; the
// top-most ancestor that is not a grade grouping names the domain; the
// lowest grade a leaf (or, failing that, a placeholder below it or an
// ancestor) lists is its level.
type hierarchy struct {
	st    *state
	b     *Book
	nodes []node
	index map[string]int // key → its first node
	cells map[[2]int]int // domain and level indexes → targets so far
}

// build makes the Book's continuum and targets from nodes; "A precedes B"
// pairs of keys make A a prerequisite of B.
func build(st *state, b *Book, nodes []node, order hierarchyOrder, precedes [][2]string) {
	h := &hierarchy{st: st, b: b, nodes: nodes, cells: map[[2]int]int{}}
	h.link()
	h.breakLoops()
	leaves := h.leaves(h.tree(order))
	leafGrades := make([][]string, len(leaves))
	var allGrades []string
	for k, i := range leaves {
		leafGrades[k] = h.gradesOf(i)
		allGrades = append(allGrades, leafGrades[k]...)
	}
	domainOf := make([]string, len(leaves))
	domainDesc := map[string]string{}
	for k, i := range leaves {
		domainOf[k] = domainFor(nodes, i, domainDesc)
	}
	c := &b.Continuum
	var canon map[string]string
	c.Levels, canon = mergeGrades(orderLevels(allGrades, func(int) string { return "" }))
	if len(c.Levels) == 0 {
		c.Levels = []string{defaultLevel}
	}
	codes := &codeMaker{taken: map[string]bool{}}
	leafCode := map[int]string{}
	for k, i := range leaves {
		leafCode[i] = codes.make(&nodes[i])
		level := lowestLevel(c, canon, leafGrades[k])
		h.addTarget(&nodes[i], leafCode[i], level, domainOf[k], domainDesc)
	}
	if len(leaves) > 0 {
		codes.warn(st, nodes[leaves[0]].sheet)
	}
	h.addPrerequisites(precedes, leafCode)
	if len(b.Targets) == 0 && len(st.problems) == 0 {
		st.problem(Problem{Message: "the list holds no standards; expected rows with a code and a statement"})
		return
	}
	h.check()
}

// link finds each node's parent by its parent key (capitals aside when
// no key matches exactly).
func (h *hierarchy) link() {
	nodes := h.nodes
	h.index = make(map[string]int, len(nodes))
	folded := make(map[string]int, len(nodes))
	for i, n := range nodes {
		if _, dup := h.index[n.key]; !dup {
			h.index[n.key] = i
		}
		k := strings.ToLower(n.key)
		if _, dup := folded[k]; !dup {
			folded[k] = i
		}
	}
	for i := range nodes {
		n := &nodes[i]
		if n.parentKey == "" {
			continue
		}
		p, ok := h.index[n.parentKey]
		if !ok {
			p, ok = folded[strings.ToLower(n.parentKey)]
		}
		if !ok || p == i {
			continue // a parent outside the list (the CASE document itself)
		}
		n.parent = p
	}
}

// breakLoops breaks any loop in the parent links so every walk up ends.
func (h *hierarchy) breakLoops() {
	nodes := h.nodes
	for i := range nodes {
		seen := map[int]bool{i: true}
		for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
			if seen[p] {
				h.st.warn(Problem{Sheet: nodes[i].sheet, Row: nodes[i].row, Message: fmt.Sprintf("%s is its own ancestor; its parent link is ignored", nodes[i].key)})
				nodes[i].parent = -1
				break
			}
			seen[p] = true
		}
	}
}

// tree gives every node its children, in order, and returns the roots in order.
func (h *hierarchy) tree(order hierarchyOrder) []int {
	nodes := h.nodes
	for i := range nodes {
		nodes[i].placeholder = isPlaceholder(&nodes[i])
		if p := nodes[i].parent; p >= 0 {
			nodes[p].children = append(nodes[p].children, i)
		}
	}
	var roots []int
	for i := range nodes {
		if nodes[i].parent < 0 {
			roots = append(roots, i)
		}
	}
	less := func(a, b int) int {
		na, nb := &nodes[a], &nodes[b]
		if order.explicit || (na.hasOrder && nb.hasOrder) {
			if r := cmp.Compare(na.order, nb.order); r != 0 && na.hasOrder && nb.hasOrder {
				return r
			}
		}
		if order.byCode && na.code != "" && nb.code != "" {
			if r := naturalCompare(na.code, nb.code); r != 0 {
				return r
			}
		}
		return cmp.Compare(na.row, nb.row)
	}
	slices.SortStableFunc(roots, less)
	for i := range nodes {
		slices.SortStableFunc(nodes[i].children, less)
	}
	return roots
}

// effective returns the children of node i, a placeholder's children
// counting as its parent's: a placeholder is transparent.
func (h *hierarchy) effective(i int) []int {
	var out []int
	for _, k := range h.nodes[i].children {
		if h.nodes[k].placeholder {
			out = append(out, h.effective(k)...)
		} else {
			out = append(out, k)
		}
	}
	return out
}

// leaves returns the leaves below roots in tree order.
func (h *hierarchy) leaves(roots []int) []int {
	var leaves []int
	var walk func(i int)
	walk = func(i int) {
		kids := h.effective(i)
		if !h.nodes[i].placeholder && len(kids) == 0 {
			leaves = append(leaves, i)
			return
		}
		for _, k := range kids {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return leaves
}

// gradesOf returns the grades of leaf i: its own, else those of the
// placeholders below it, else those of its nearest ancestor that has some.
func (h *hierarchy) gradesOf(i int) []string {
	nodes := h.nodes
	if g := nodes[i].grades; len(g) > 0 {
		return g
	}
	var below []string
	var collect func(k int)
	collect = func(k int) {
		for _, ch := range nodes[k].children {
			if nodes[ch].placeholder {
				below = append(below, nodes[ch].grades...)
				collect(ch)
			}
		}
	}
	collect(i)
	if len(below) > 0 {
		return below
	}
	for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
		if g := nodes[p].grades; len(g) > 0 {
			return g
		}
	}
	return nil
}

// mergeGrades makes one level of the grades of the same rank spelled
// differently ("1" and "01"): it returns the levels and, for each
// lower-cased grade, the level it belongs to.
func mergeGrades(levels []string) ([]string, map[string]string) {
	canon := map[string]string{}
	var merged []string
	byRank := map[float64]string{}
	for _, l := range levels {
		if r, ok := gradeRank(l); ok {
			if first, seen := byRank[r]; seen {
				canon[strings.ToLower(l)] = first
				continue
			}
			byRank[r] = l
		}
		canon[strings.ToLower(l)] = l
		merged = append(merged, l)
	}
	return merged, canon
}

// lowestLevel returns the lowest level of c among grades, or defaultLevel.
func lowestLevel(c *continuum.Continuum, canon map[string]string, grades []string) string {
	best := -1
	for _, x := range grades {
		if li := c.LevelIndex(canon[strings.ToLower(x)]); li >= 0 && (best < 0 || li < best) {
			best = li
		}
	}
	if best < 0 {
		return defaultLevel
	}
	return c.Levels[best]
}

// codeMaker makes the targets' codes from the rows' codes or keys:
// cleaned, and unique, counting the changes for a warning.
type codeMaker struct {
	taken            map[string]bool
	renamed, dups    int
	renamedEx, dupEx string
}

// make returns the code of leaf n.
func (cm *codeMaker) make(n *node) string {
	code := n.code
	if code == "" {
		code = n.key
	}
	cc := cleanCode(code)
	if cc != code {
		if cm.renamedEx == "" {
			cm.renamedEx = fmt.Sprintf("%s became %s", code, cc)
		}
		cm.renamed++
	}
	uc := uniqueCode(cc, cm.taken)
	if uc != cc {
		cm.dups++
		if cm.dupEx == "" {
			cm.dupEx = fmt.Sprintf("row %d: %s became %s", n.row, cc, uc)
		}
	}
	return uc
}

// warn reports the codes that were changed, on sheet.
func (cm *codeMaker) warn(st *state, sheet string) {
	if cm.renamed > 0 {
		st.warn(Problem{Sheet: sheet, Message: fmt.Sprintf("%d codes held characters a code cannot (/ , ; or line breaks), or were longer than 64 characters, and were adjusted (e.g. %s)", cm.renamed, cm.renamedEx)})
	}
	if cm.dups > 0 {
		st.warn(Problem{Sheet: sheet, Message: fmt.Sprintf("%d codes appeared more than once and were made unique with a number (%s)", cm.dups, cm.dupEx)})
	}
}

// addTarget adds leaf n to the Book as the target code, adding its domain
// to the continuum when it is new.
func (h *hierarchy) addTarget(n *node, code, level, dom string, domainDesc map[string]string) {
	b, c := h.b, &h.b.Continuum
	cat := continuum.Academic
	if n.category != "" {
		var err error
		if cat, err = continuum.ParseCategory(n.category); err != nil {
			h.st.problem(Problem{Sheet: n.sheet, Row: n.row, Header: "Category", Message: plain(err), Err: err})
			return
		}
	}
	di := c.DomainIndex(dom)
	if di < 0 {
		c.Domains = append(c.Domains, continuum.Domain{Name: dom, Category: cat, Description: domainDesc[dom]})
		di = len(c.Domains) - 1
	}
	statement := n.statement
	if statement == "" {
		statement = n.short
	}
	if statement == "" {
		h.st.problem(Problem{Sheet: n.sheet, Row: n.row, Header: "Statement", Message: fmt.Sprintf("target %s has no statement; expected the standard's text", code)})
		return
	}
	key := [2]int{di, c.LevelIndex(level)}
	h.cells[key]++
	b.Targets = append(b.Targets, continuum.Target{Code: code, Statement: statement, Domain: c.Domains[di].Name,
		Level: level, Order: h.cells[key], EvidenceRequired: 1})
	b.Places.Targets = append(b.Places.Targets, Place{Sheet: n.sheet, Row: n.row})
}

// addPrerequisites makes A a prerequisite of B for each "A precedes B"
// pair of keys that are both targets.
func (h *hierarchy) addPrerequisites(precedes [][2]string, leafCode map[int]string) {
	b := h.b
	pos := map[string]int{}
	for k, t := range b.Targets {
		pos[t.Code] = k
	}
	for _, p := range precedes {
		a, okA := h.index[p[0]]
		z, okZ := h.index[p[1]]
		if !okA || !okZ {
			continue
		}
		ca, cz := leafCode[a], leafCode[z]
		if k, ok := pos[cz]; ok && ca != "" && ca != cz {
			b.Targets[k].Prerequisites = append(b.Targets[k].Prerequisites, ca)
		}
	}
}

// check validates what build made; a cycle among "precedes" links
// is reported, as in a Targets sheet.
func (h *hierarchy) check() {
	st, b := h.st, h.b
	if err := b.Continuum.Validate(); err != nil {
		st.problem(Problem{Message: plain(err), Err: err})
		return
	}
	for k, t := range b.Targets {
		if err := t.Validate(&b.Continuum); err != nil {
			pl := b.Places.Targets[k]
			st.problem(Problem{Sheet: pl.Sheet, Row: pl.Row, Message: plain(err), Err: err})
		}
	}
	if len(st.problems) == 0 {
		if _, err := continuum.NewGraph(b.Continuum, b.Targets); err != nil {
			st.problem(Problem{Sheet: b.Places.Targets[0].Sheet, Message: plain(err), Err: err})
		}
	}
}

// domainFor names the domain of leaf i: its own Domain column, else its
// top-most ancestor that is not a grade grouping (ancestors called
// "Grade 3" or typed Grade Level group by grade, not by subject).
func domainFor(nodes []node, i int, desc map[string]string) string {
	if d := strings.TrimSpace(nodes[i].domain); d != "" {
		return d
	}
	var chain []int // i's ancestors, top first
	for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
		chain = append([]int{p}, chain...)
	}
	for _, a := range chain {
		if nodes[a].domain != "" {
			return nodes[a].domain
		}
		if !isGradeGroup(&nodes[a]) {
			name, full := domainName(&nodes[a])
			if full != "" && full != name {
				if _, ok := desc[name]; !ok {
					desc[name] = full
				}
			}
			return name
		}
	}
	return defaultDomain
}

// domainName picks a domain's name from a grouping row: its short name,
// its statement when short enough, else its code.
func domainName(n *node) (name, description string) {
	st := strings.TrimSpace(strings.ReplaceAll(n.statement, "\n", " "))
	switch {
	case n.short != "":
		return n.short, st
	case st != "" && utf8.RuneCountInString(st) <= 100:
		return st, ""
	case n.code != "":
		return n.code, st
	case st != "":
		return string([]rune(st)[:99]) + "…", st
	}
	return n.key, ""
}

// isGradeGroup reports whether a grouping only gathers a grade's standards.
func isGradeGroup(n *node) bool {
	t := normHeader(n.itemType)
	if t == "gradelevel" || t == "grade" || t == "gradeband" {
		return true
	}
	s := strings.ToLower(strings.TrimSpace(n.statement))
	if utf8.RuneCountInString(s) > 24 {
		return false
	}
	return s == "kindergarten" || s == "pre-kindergarten" || strings.HasPrefix(s, "grade ") || strings.HasPrefix(s, "grades ") || strings.HasPrefix(s, "high school")
}

// isPlaceholder reports a row that stands for nothing ("NA", "Not
// Applicable"): Smarter Balanced pads its hierarchy with them.
func isPlaceholder(n *node) bool {
	s := strings.ToLower(strings.TrimSpace(n.statement))
	return s == "not applicable" || s == "n/a" || s == "na"
}
