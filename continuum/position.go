package continuum

import (
	"runtime"
	"slices"
	"sync"
)

// LevelCount counts one level's targets in a domain and how many a student has mastered.
type LevelCount struct {
	// Level is the level's name.
	Level string
	// Targets is how many targets the domain has at this level.
	Targets int
	// Mastered is how many of them the student has mastered.
	Mastered int
}

// Position is where a student sits on one domain of a continuum.
type Position struct {
	// Student is the student's ID.
	Student string
	// Domain is the domain's name.
	Domain string
	// Category is the domain's category, so academics and habits are reported apart.
	Category Category
	// Secured is the index of the highest level such that every target at it
	// and below is mastered (levels without targets do not count), or -1.
	Secured int
	// Working is the index of the level the student is working at: the lowest
	// level at or above both the reach and the level after Secured that still
	// has a target to master; when everything above is mastered, the lowest
	// level with a gap; when everything is mastered, the top level with targets.
	Working int
	// ReadyNext are the codes of targets not yet mastered whose prerequisites
	// are all mastered, at or below the working level, excluding gaps.
	ReadyNext []string
	// Gaps are the codes of targets not mastered below the highest level at
	// which the student has mastered anything.
	Gaps []string
	// Levels counts targets and mastered targets per level.
	Levels []LevelCount
	// Mastered is how many of the domain's targets are mastered.
	Mastered int
	// Total is how many targets the domain has.
	Total int
	// Pace compares progress with the pacing plan on the day asked.
	Pace Pace
}

// Complete reports whether every target of the domain is mastered.
func (p *Position) Complete() bool { return p.Total > 0 && p.Mastered == p.Total }

// Words says the position as a teacher would, with the continuum's
// levels: "Level 1 secured, working at Level 2", or "working at Level 1"
// when no level is secured yet; "all mastered", "no targets".
func (p *Position) Words(levels []string) string {
	switch {
	case p.Total == 0:
		return "no targets"
	case p.Complete():
		return "all mastered"
	}
	working := "working at " + levelName(levels, p.Working)
	if p.Secured < 0 || p.Secured >= len(levels) {
		return working
	}
	return levels[p.Secured] + " secured, " + working
}

// Short says the position in few words for a cell headed "secured →
// working": "Level 1 → Level 2", or "working at Level 1" when no level is
// secured yet (never a dash and an arrow).
func (p *Position) Short(levels []string) string {
	switch {
	case p.Total == 0:
		return "no targets"
	case p.Complete():
		return "all mastered"
	case p.Secured < 0 || p.Secured >= len(levels):
		return "working at " + levelName(levels, p.Working)
	}
	return levels[p.Secured] + " → " + levelName(levels, p.Working)
}

// levelName returns level i's name, or "no level" for an index outside levels.
func levelName(levels []string, i int) string {
	if i < 0 || i >= len(levels) {
		return "no level"
	}
	return levels[i]
}

// Positions returns the student's position on every domain, in domain
// order, from the judgements of StudentMastery, with pace as of day on.
func (g *Graph) Positions(st *Student, m []Mastery, on Date) []Position {
	c := &g.Continuum
	out := make([]Position, len(c.Domains))
	for d, dom := range c.Domains {
		p := Position{Student: st.ID, Domain: dom.Name, Category: dom.Category, Secured: -1, Working: -1}
		p.Levels = make([]LevelCount, len(c.Levels))
		reach := -1
		secured, broken := -1, false
		lowestOpen, lowestGapLevel := -1, -1
		cum := make([]int, len(c.Levels))
		for l := range c.Levels {
			lc := LevelCount{Level: c.Levels[l], Targets: len(g.cells[d][l])}
			for _, i := range g.cells[d][l] {
				if m[i].Mastered {
					lc.Mastered++
				}
			}
			p.Levels[l] = lc
			p.Total += lc.Targets
			p.Mastered += lc.Mastered
			cum[l] = p.Total
			if lc.Mastered > 0 {
				reach = l
			}
			if lc.Targets > 0 {
				if lc.Mastered == lc.Targets && !broken {
					secured = l
				} else if lc.Mastered < lc.Targets {
					broken = true
				}
			}
		}
		p.Secured = secured
		// Working level: the first level with something left to master at or
		// above max(reach, secured+1).
		from := max(reach, secured+1)
		for l := range c.Levels {
			open := p.Levels[l].Mastered < p.Levels[l].Targets
			if open && lowestOpen < 0 {
				lowestOpen = l
			}
			if open && l >= from && p.Working < 0 {
				p.Working = l
			}
		}
		switch {
		case p.Working >= 0:
		case lowestOpen >= 0:
			p.Working = lowestOpen
		default:
			for l := len(c.Levels) - 1; l >= 0; l-- {
				if p.Levels[l].Targets > 0 {
					p.Working = l
					break
				}
			}
		}
		for l := 0; l < len(c.Levels); l++ {
			for _, i := range g.cells[d][l] {
				if m[i].Mastered {
					continue
				}
				if l < reach {
					p.Gaps = append(p.Gaps, g.Targets[i].Code)
					if lowestGapLevel < 0 {
						lowestGapLevel = l
					}
					continue
				}
				if l > p.Working || !g.prereqsMastered(i, m) {
					continue
				}
				p.ReadyNext = append(p.ReadyNext, g.Targets[i].Code)
			}
		}
		byUnits := g.units != nil && g.units.covers[d]
		if byUnits || c.Pacing != nil {
			base, start := 0, c.LevelIndex(st.StartingLevel(c.ID, dom.Name))
			if start > 0 {
				base = cum[start-1]
			}
			if byUnits {
				p.Pace = judgePace(g.expectedFromUnits(d, base, max(start, 0), on), p.Mastered, g.units.tolerance)
			} else {
				p.Pace = judgePace(c.Pacing.expected(c, cum, base, on), p.Mastered, c.Pacing.Tolerance)
			}
		}
		out[d] = p
	}
	return out
}

func (g *Graph) prereqsMastered(i int, m []Mastery) bool {
	for _, p := range g.prereqs[i] {
		if !m[p].Mastered {
			return false
		}
	}
	return true
}

// Class is everything needed to place a class on a continuum: the roster,
// and the evidence and overrides recorded in the continuum.
type Class struct {
	// Students are the students to place.
	Students []Student
	// Evidence is every piece of evidence in the continuum, in any order.
	Evidence []Evidence
	// Overrides are every override in the continuum.
	Overrides []Override
}

// StudentPositions is one student's judgements and positions.
type StudentPositions struct {
	// Student is the student.
	Student Student
	// Mastery is indexed like Graph.Targets.
	Mastery []Mastery
	// Positions has one entry per domain, in domain order.
	Positions []Position
}

// ClassPositions judges every student of the class on every target and
// places them on every domain, as of day on. The work is spread over the
// available processors; the result follows the order of class.Students.
func (g *Graph) ClassPositions(class Class, on Date) []StudentPositions {
	evBy := GroupEvidence(class.Evidence)
	ovBy := make(map[string][]Override)
	for _, o := range class.Overrides {
		ovBy[o.Student] = append(ovBy[o.Student], o)
	}
	out := make([]StudentPositions, len(class.Students))
	workers := min(runtime.GOMAXPROCS(0), max(len(class.Students)/64, 1))
	var wg sync.WaitGroup
	next := make(chan int, len(class.Students))
	for i := range class.Students {
		next <- i
	}
	close(next)
	for range workers {
		wg.Go(func() {
			for i := range next {
				st := &class.Students[i]
				m := g.StudentMastery(st, evBy[st.ID], ovBy[st.ID])
				out[i] = StudentPositions{Student: *st, Mastery: m, Positions: g.Positions(st, m, on)}
			}
		})
	}
	wg.Wait()
	return out
}

// GroupEvidence returns each student's evidence, in the order given. When
// every student's evidence is one run of ev (as a store returns it,
// ordered by student), the groups are parts of ev itself, capped so that
// appending to one copies it rather than writing over the next: a
// district's 200,000 pieces of evidence are then not copied again.
// Otherwise each group is a copy.
func GroupEvidence(ev []Evidence) map[string][]Evidence {
	out := map[string][]Evidence{}
	for lo := 0; lo < len(ev); {
		hi := lo + 1
		for hi < len(ev) && ev[hi].Student == ev[lo].Student {
			hi++
		}
		id := ev[lo].Student
		if prev, seen := out[id]; seen {
			// The student's evidence comes in more than one run.
			out[id] = append(slices.Clip(prev), ev[lo:hi]...)
		} else {
			out[id] = ev[lo:hi:hi]
		}
		lo = hi
	}
	return out
}
