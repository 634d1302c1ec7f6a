package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// plans is what the sheets of units, flex time, visit notes and
// calibration share: the targets and roster, the targets as a graph, and
// the units read so far.
type plans struct {
	st          *state
	*refs                        // the targets by code and the roster
	g           *continuum.Graph // nil when the targets could not be read as a whole
	unitByID    map[string]int   // lower-cased unit ID → index in units
	unitByTitle map[string]int   // lower-cased unit title → index in units
	units       []planned[continuum.Unit]
}

// planned is a record with the row it came from and whether a row of it
// had a problem.
type planned[T any] struct {
	v   T
	row int
	bad bool
}

// readPlans reads the sheets of units, flex time, visit notes and
// calibration, then keeps the units that are valid.
func readPlans(st *state, rf *refs, src *continuumSheets) error {
	b := rf.b
	p := &plans{st: st, refs: rf, unitByID: map[string]int{}, unitByTitle: map[string]int{}}
	if !src.invalid && len(st.problems.Sheet(src.targets)) == 0 {
		p.g, _ = continuum.NewGraph(b.Continuum, b.Targets)
	}
	for _, read := range []func(*plans) error{readUnits, readUnitExperiences, readUnitCheckpoints, readFlex, readVisitNotes, readCalibration} {
		if err := read(p); err != nil {
			return err
		}
	}
	for _, u := range p.units {
		if u.bad {
			continue
		}
		if p.g != nil {
			if err := u.v.Validate(p.g); err != nil {
				st.problem(Problem{Sheet: st.sheetName(sheetUnits), Row: u.row, Message: plain(err), Err: err})
				continue
			}
		}
		b.Units = append(b.Units, u.v)
		b.Places.Units = append(b.Places.Units, Place{Sheet: st.sheetName(sheetUnits), Row: u.row})
	}
	return nil
}

// findUnit returns the index of the unit whose ID, else whose title, is name (capitals aside).
func (p *plans) findUnit(name string) (int, bool) {
	k := strings.ToLower(strings.TrimSpace(name))
	if i, ok := p.unitByID[k]; ok {
		return i, true
	}
	i, ok := p.unitByTitle[k]
	return i, ok
}

// unitOf finds the unit named in column 0 of a row of Unit experiences or Unit checkpoints.
func (p *plans) unitOf(r *row, what string) *planned[continuum.Unit] {
	name, ok := r.require(0, what)
	if !ok {
		return nil
	}
	i, ok := p.findUnit(name)
	if !ok {
		r.problem(0, "unit %q is not on the Units sheet; expected %s", name, what)
		return nil
	}
	return &p.units[i]
}

// inUnit returns the canonical code when code is a target the unit teaches.
func (p *plans) inUnit(r *row, i int, u *continuum.Unit, code string) (string, bool) {
	t, ok := p.target(code)
	if !ok {
		r.problem(i, "target %s is not on the Targets sheet", code)
		return "", false
	}
	for _, c := range u.Targets {
		if c == t {
			return t, true
		}
	}
	r.problem(i, "unit %q does not teach %s; expected one of its targets (%s)", u.Title, t, strings.Join(u.Targets, ", "))
	return "", false
}

// writePlans writes the sheets of units, flex time, visit notes and
// calibration. keep, when not nil, holds the students whose flex
// assignments are written (an export of one group).
func writePlans(w *writer, b *Book, keep map[string]bool) {
	writeUnits(w, b.Units)
	writeUnitExperiences(w, b.Units)
	writeUnitCheckpoints(w, b.Units)
	writeFlex(w, b.Flex)
	writeFlexAssignments(w, b.Flex, keep)
	writeVisitNotes(w, b.VisitNotes)
	writeCalibration(w, b.Calibration)
}

// checkPlans checks the Book's units, flex blocks and visit notes against
// its continuum before anything is written.
func checkPlans(g *continuum.Graph, b *Book) error {
	for _, u := range b.Units {
		if err := u.Validate(g); err != nil {
			return err
		}
	}
	for _, fb := range b.Flex {
		if err := fb.Validate(g); err != nil {
			return err
		}
	}
	for _, n := range b.VisitNotes {
		if err := n.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// joinCodes writes a list of target codes as one cell.
func joinCodes(cs []string) string { return strings.Join(cs, ", ") }
