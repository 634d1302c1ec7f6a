package continuum

import (
	"cmp"
	"slices"
	"strings"
)

// Graph is a continuum with its targets, checked as a whole and indexed for
// calculation: every target valid, codes unique, every prerequisite known,
// and no cycle among prerequisites. A Graph is immutable and safe for
// concurrent use.
type Graph struct {
	// Continuum is the continuum the targets belong to.
	Continuum Continuum
	// Targets are sorted by domain, level, order and code.
	Targets []Target

	index      map[string]int // exact code → position in Targets
	folded     map[string]int // lower-cased code → position
	domainOf   []int          // target → domain index
	levelOf    []int          // target → level index
	prereqs    [][]int        // target → its prerequisites
	dependents [][]int        // target → the targets that need it
	cells      [][][]int      // domain → level → targets in order
	units      *unitPlan      // when set, pace is judged against the unit calendar
}

// NewGraph checks targets against c and against each other and returns the
// indexed graph. A prerequisite cycle is refused with the cycle named.
func NewGraph(c Continuum, targets []Target) (*Graph, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	g := &Graph{
		Continuum: c,
		Targets:   make([]Target, len(targets)),
		index:     make(map[string]int, len(targets)),
		folded:    make(map[string]int, len(targets)),
	}
	copy(g.Targets, targets)
	groups := make(map[string]int, len(c.Groups))
	for i, gr := range c.Groups {
		groups[strings.ToLower(strings.TrimSpace(gr.Key))] = i
	}
	groupIndex := func(key string) int {
		if i, ok := groups[strings.ToLower(strings.TrimSpace(key))]; ok {
			return i
		}
		return -1
	}
	for i := range g.Targets {
		t := &g.Targets[i]
		if err := t.validate(&c, groupIndex); err != nil {
			return nil, err
		}
		t.Code = NormalizeCode(t.Code)
	}
	slices.SortStableFunc(g.Targets, func(a, b Target) int {
		return cmp.Or(
			cmp.Compare(c.DomainIndex(a.Domain), c.DomainIndex(b.Domain)),
			cmp.Compare(c.LevelIndex(a.Level), c.LevelIndex(b.Level)),
			cmp.Compare(a.Order, b.Order),
			strings.Compare(a.Code, b.Code),
		)
	})
	n := len(g.Targets)
	g.domainOf = make([]int, n)
	g.levelOf = make([]int, n)
	g.cells = make([][][]int, len(c.Domains))
	for d := range g.cells {
		g.cells[d] = make([][]int, len(c.Levels))
	}
	for i, t := range g.Targets {
		k := strings.ToLower(t.Code)
		if j, dup := g.folded[k]; dup {
			return nil, Conflictf("target.code", "code %s is used by two targets (%q and %q); codes must be unique in a continuum",
				t.Code, g.Targets[j].Statement, t.Statement)
		}
		g.index[t.Code] = i
		g.folded[k] = i
		g.domainOf[i] = c.DomainIndex(t.Domain)
		g.levelOf[i] = c.LevelIndex(t.Level)
		g.cells[g.domainOf[i]][g.levelOf[i]] = append(g.cells[g.domainOf[i]][g.levelOf[i]], i)
	}
	g.prereqs = make([][]int, n)
	g.dependents = make([][]int, n)
	for i, t := range g.Targets {
		for _, p := range t.Prerequisites {
			j, ok := g.Lookup(p)
			if !ok {
				return nil, Invalidf("target.prerequisites", "target %s needs %s, which is not a target of %s", t.Code, NormalizeCode(p), c.Name)
			}
			g.prereqs[i] = append(g.prereqs[i], j)
			g.dependents[j] = append(g.dependents[j], i)
		}
	}
	if cycle := g.findCycle(); cycle != nil {
		return nil, Invalidf("target.prerequisites", "prerequisites form a cycle: %s (each target needs the next); remove one of these links", strings.Join(cycle, " → "))
	}
	return g, nil
}

// WithTarget returns a new graph in which t is added, or replaces the
// target whose code is replacing (which may differ from t.Code on a code
// change). It is how an editor checks a change, cycles included, before
// storing it.
func (g *Graph) WithTarget(replacing string, t Target) (*Graph, error) {
	targets := make([]Target, 0, len(g.Targets)+1)
	for _, old := range g.Targets {
		if replacing != "" && SameCode(old.Code, replacing) {
			continue
		}
		targets = append(targets, old)
	}
	targets = append(targets, t)
	return NewGraph(g.Continuum, targets)
}

// WithoutTarget returns a new graph without the target code. It fails when
// other targets still list code as a prerequisite.
func (g *Graph) WithoutTarget(code string) (*Graph, error) {
	i, ok := g.Lookup(code)
	if !ok {
		return nil, NotFoundf("target.code", "%s is not a target of %s", code, g.Continuum.Name)
	}
	if deps := g.dependents[i]; len(deps) > 0 {
		names := make([]string, len(deps))
		for k, d := range deps {
			names[k] = g.Targets[d].Code
		}
		return nil, Conflictf("target.code", "%s is a prerequisite of %s; remove it from those targets first", g.Targets[i].Code, strings.Join(names, ", "))
	}
	targets := slices.Delete(slices.Clone(g.Targets), i, i+1)
	return NewGraph(g.Continuum, targets)
}

// Lookup returns the position in Targets of the target with code (matched
// exactly first, then case-insensitively).
func (g *Graph) Lookup(code string) (int, bool) {
	if i, ok := g.index[code]; ok {
		return i, true
	}
	i, ok := g.folded[strings.ToLower(NormalizeCode(code))]
	return i, ok
}

// Target returns the target with code.
func (g *Graph) Target(code string) (Target, bool) {
	i, ok := g.Lookup(code)
	if !ok {
		return Target{}, false
	}
	return g.Targets[i], true
}

// Cell returns the targets of a domain at a level, in order.
func (g *Graph) Cell(domain, level int) []Target {
	idx := g.cells[domain][level]
	out := make([]Target, len(idx))
	for k, i := range idx {
		out[k] = g.Targets[i]
	}
	return out
}

// Dependents returns the codes of the targets that list code as a prerequisite.
func (g *Graph) Dependents(code string) []string {
	i, ok := g.Lookup(code)
	if !ok {
		return nil
	}
	out := make([]string, len(g.dependents[i]))
	for k, d := range g.dependents[i] {
		out[k] = g.Targets[d].Code
	}
	return out
}

// methodFor returns the mastery method that applies to target i.
func (g *Graph) methodFor(i int) Method {
	if m := g.Targets[i].Method; m != nil {
		return *m
	}
	return g.Continuum.Method
}

// findCycle returns the codes along one prerequisite cycle, first code
// repeated at the end, or nil when the prerequisites form a DAG.
func (g *Graph) findCycle() []string {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(g.Targets))
	var stack []int
	var cycle []string
	var visit func(i int) bool
	visit = func(i int) bool {
		color[i] = grey
		stack = append(stack, i)
		for _, p := range g.prereqs[i] {
			switch color[p] {
			case grey:
				start := slices.Index(stack, p)
				for _, s := range stack[start:] {
					cycle = append(cycle, g.Targets[s].Code)
				}
				cycle = append(cycle, g.Targets[p].Code)
				return true
			case white:
				if visit(p) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
		return false
	}
	for i := range g.Targets {
		if color[i] == white && visit(i) {
			return cycle
		}
	}
	return nil
}
