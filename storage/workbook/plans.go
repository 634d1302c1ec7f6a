package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The sheets of units, flex time, visits and calibration (docs/workbook.md).
const (
	sheetUnits             = "Units"
	sheetUnitExperiences   = "Unit experiences"
	sheetUnitCheckpoints   = "Unit checkpoints"
	sheetFlex              = "Flex"
	sheetFlexAssignments   = "Flex assignments"
	sheetVisitNotes        = "Visit notes"
	sheetCalibration       = "Calibration"
	sheetCalibrationReport = "Calibration report"
)

var (
	unitCols = []column{
		{names: []string{"Unit", "Title", "Unit title"}, required: true, expect: "the unit's title, such as Fractions as numbers"},
		{names: []string{"ID", "Unit ID"}, expect: "the unit's ID (blank: made from the title)"},
		{names: []string{"Order"}, expect: "the unit's place in the calendar, such as 1"},
		{names: []string{"Start", "Start date", "From"}, required: true, expect: "the unit's first day, such as 2026-11-30"},
		{names: []string{"End", "End date", "To"}, required: true, expect: "the unit's last day, such as 2026-12-18"},
		{names: []string{"Targets", "Target codes"}, required: true, expect: "the codes of the targets the unit teaches, separated by commas or semicolons"},
		{names: []string{"Supports"}, expect: "a note on supports for students who need them"},
		{names: []string{"Extensions"}, expect: "a note on extensions for students ready for more"},
	}
	experienceCols = []column{
		{names: []string{"Unit", "Unit title", "Unit ID"}, required: true, expect: "a unit of the Units sheet, by title or ID"},
		{names: []string{"Experience", "Title"}, required: true, expect: "the experience's title, such as Fraction strips"},
		{names: []string{"Kind", "Type"}, expect: "e.g. practice, performance task, project, discussion"},
		{names: []string{"Targets", "Builds"}, expect: "codes of the unit's targets it builds, separated by commas or semicolons"},
		{names: []string{"Link", "Resource", "URL"}, expect: "a resource address"},
		{names: []string{"Notes", "Note"}, expect: "the teacher's notes"},
	}
	unitCheckpointCols = []column{
		{names: []string{"Unit", "Unit title", "Unit ID"}, required: true, expect: "a unit of the Units sheet, by title or ID"},
		{names: []string{"Target", "Code"}, required: true, expect: "a target the unit teaches"},
		{names: []string{"Date", "Day"}, required: true, expect: "the day of the assessment, such as 2026-12-04"},
		{names: []string{"Kind", "Type"}, expect: "formative, summative, performance-task, observation or self-assessment"},
	}
	flexCols = []column{
		{names: []string{"Block", "Block ID"}, required: true, expect: "the block's ID, such as 2026-11-23-win"},
		{names: []string{"Date", "Day"}, expect: "the day of the block, such as 2026-11-23"},
		{names: []string{"Slot"}, expect: "the block's name in the day, such as WIN time"},
		{names: []string{"Minutes", "Length"}, expect: "the block's length in minutes, such as 40"},
		{names: []string{"Offering", "Offering ID"}, expect: "the offering's ID, unique in its block"},
		{names: []string{"Title"}, expect: "what students see, such as Fractions on the number line"},
		{names: []string{"Kind", "Type"}, expect: "reteach, practice, extension, habits or open-study"},
		{names: []string{"Teacher"}, expect: "who leads the offering"},
		{names: []string{"Room"}, expect: "where it meets"},
		{names: []string{"Capacity", "Seats"}, expect: "how many students it takes, at least 1"},
		{names: []string{"Focus", "Focus targets"}, expect: "target codes separated by commas or semicolons (blank for open study)"},
	}
	assignmentCols = []column{
		{names: []string{"Block", "Block ID"}, required: true, expect: "a block of the Flex sheet"},
		{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
		{names: []string{"Offering", "Offering ID"}, required: true, expect: "an offering of the block on the Flex sheet"},
		{names: []string{"Tier"}, expect: "required, priority, suggested or open"},
		{names: []string{"Pinned", "Pin"}, expect: "yes when the teacher placed the student by hand"},
		{names: []string{"Reason", "Why"}, expect: "why the student is there, in one line"},
		{names: []string{"Attended", "Attendance"}, expect: "yes, no, or blank when not recorded"},
		{names: []string{"Outcome"}, expect: "a quick note on how it went"},
	}
	visitCols = []column{
		{names: []string{"Date", "Visit date"}, required: true, expect: "the day of the visit, such as 2026-11-20"},
		{names: []string{"Coach", "By", "Visitor"}, expect: "who wrote the note"},
		{names: []string{"Subject kind", "About", "Kind"}, expect: "continuum, target, unit or class"},
		{names: []string{"Subject"}, expect: "a target code, a unit's title, or a group (blank for the continuum)"},
		{names: []string{"Look-for", "Look for"}, expect: "the look-for the note answers"},
		{names: []string{"Note", "Notes", "Comment"}, required: true, expect: "what the coach saw or suggests"},
	}
	calibrationCols = []column{
		{names: []string{"Sample", "Work sample", "Anchor"}, required: true, expect: "the name of the work sample, such as Essay B"},
		{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
		{names: []string{"Scorer", "By", "Teacher"}, required: true, expect: "who scored the sample"},
		{names: []string{"Score"}, required: true, expect: "a point of the scale"},
		{names: []string{"Note", "Notes", "Comment"}, expect: "the scorer's comment"},
	}
)

// plans holds what readPlans needs across the plan sheets.
type plans struct {
	g           *continuum.Graph // nil when the targets could not be read as a whole
	codes       map[string]string
	unitByID    map[string]int // lower-cased unit ID → index in units
	unitByTitle map[string]int // lower-cased unit title → index in units
	units       []planned[continuum.Unit]
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

// planned is a record with the row it came from and whether a row of it
// had a problem.
type planned[T any] struct {
	v   T
	row int
	bad bool
}

// target returns the canonical form of a target code of the workbook.
func (p *plans) target(s string) (string, bool) {
	if t, ok := p.codes[s]; ok {
		return t, true
	}
	t, ok := p.codes[strings.ToLower(s)]
	return t, ok
}

// readPlans reads the sheets of units, flex time, visit notes and calibration.
func (st *state) readPlans() error {
	b := st.book
	p := &plans{codes: make(map[string]string, len(b.Targets)*2), unitByID: map[string]int{}, unitByTitle: map[string]int{}}
	for _, t := range b.Targets {
		p.codes[t.Code] = t.Code
		p.codes[strings.ToLower(t.Code)] = t.Code
	}
	if !st.badContinuum && len(st.problems.Sheet(st.targetSheet)) == 0 {
		p.g, _ = continuum.NewGraph(b.Continuum, b.Targets)
	}
	for _, read := range []func(*plans) error{st.readUnits, st.readExperiences, st.readUnitCheckpoints, st.readFlex, st.readVisitNotes, st.readCalibration} {
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

// sheetName returns the name a sheet has in the workbook (its capitals), or name.
func (st *state) sheetName(name string) string {
	if ref, ok := st.sheet(name); ok {
		return ref.name
	}
	return name
}

// codeList reads column i as target codes of the workbook, reporting unknown ones.
func (p *plans) codeList(r *row, i int) []string {
	var out []string
	for _, code := range splitCodes(r.str(i)) {
		t, ok := p.target(code)
		if !ok {
			r.problem(i, "target %s is not on the Targets sheet; expected %s", code, r.t.cols[i].expect)
			continue
		}
		out = append(out, t)
	}
	return out
}

// unitID makes a unit's ID from its title: lower case, words joined by hyphens.
func unitID(title string) string {
	return strings.Join(strings.Fields(strings.ToLower(cleanCode(title))), "-")
}

func (st *state) readUnits(p *plans) error {
	ref, ok := st.sheet(sheetUnits)
	if !ok {
		return nil
	}
	cid := st.book.Continuum.ID
	_, err := st.readTable(ref, unitCols, true, nil, func(r *row) {
		u := continuum.Unit{Continuum: cid}
		var ok bool
		if u.Title, ok = r.require(0, unitCols[0].expect); !ok {
			return
		}
		u.ID = r.str(1)
		if u.ID == "" {
			u.ID = unitID(u.Title)
		}
		if r.present(2) {
			u.Order, _ = r.integer(2)
		}
		if !r.present(3) {
			r.problem(3, "is empty; expected %s", unitCols[3].expect)
		} else {
			u.Start, _ = r.date(3)
		}
		if !r.present(4) {
			r.problem(4, "is empty; expected %s", unitCols[4].expect)
		} else {
			u.End, _ = r.date(4)
		}
		if !r.present(5) {
			r.problem(5, "is empty; expected %s", unitCols[5].expect)
		}
		u.Targets = p.codeList(r, 5)
		u.Supports, u.Extensions = r.text(6), r.text(7)
		if i, dup := p.unitByTitle[strings.ToLower(u.Title)]; dup {
			r.problem(0, "unit %q is already on row %d; unit titles must differ (capitals do not count)", u.Title, p.units[i].row)
			return
		}
		if i, dup := p.unitByID[strings.ToLower(u.ID)]; dup {
			r.problem(1, "unit ID %s is already used on row %d; unit IDs must differ (capitals do not count)", u.ID, p.units[i].row)
			return
		}
		p.unitByID[strings.ToLower(u.ID)] = len(p.units)
		p.unitByTitle[strings.ToLower(u.Title)] = len(p.units)
		p.units = append(p.units, planned[continuum.Unit]{v: u, row: r.num, bad: r.bad})
	})
	return err
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

func (st *state) readExperiences(p *plans) error {
	ref, ok := st.sheet(sheetUnitExperiences)
	if !ok {
		return nil
	}
	_, err := st.readTable(ref, experienceCols, true, nil, func(r *row) {
		u := p.unitOf(r, experienceCols[0].expect)
		title, ok := r.require(1, experienceCols[1].expect)
		if u == nil || !ok {
			if u != nil {
				u.bad = true
			}
			return
		}
		e := continuum.Experience{Title: title, Kind: r.str(2), Link: r.str(4), Notes: r.text(5)}
		for _, code := range splitCodes(r.str(3)) {
			if t, ok := p.inUnit(r, 3, &u.v, code); ok {
				e.Targets = append(e.Targets, t)
			}
		}
		if r.bad {
			u.bad = true
			return
		}
		u.v.Experiences = append(u.v.Experiences, e)
	})
	return err
}

func (st *state) readUnitCheckpoints(p *plans) error {
	ref, ok := st.sheet(sheetUnitCheckpoints)
	if !ok {
		return nil
	}
	_, err := st.readTable(ref, unitCheckpointCols, true, nil, func(r *row) {
		u := p.unitOf(r, unitCheckpointCols[0].expect)
		code, ok := r.require(1, unitCheckpointCols[1].expect)
		if u == nil || !ok {
			if u != nil {
				u.bad = true
			}
			return
		}
		cp := continuum.UnitCheckpoint{Kind: continuum.Formative}
		cp.Target, _ = p.inUnit(r, 1, &u.v, code)
		if !r.present(2) {
			r.problem(2, "is empty; expected %s", unitCheckpointCols[2].expect)
		} else {
			cp.Date, _ = r.date(2)
		}
		if k := r.str(3); k != "" {
			kind, err := continuum.ParseEvidenceKind(k)
			if err != nil {
				r.problemErr(3, err)
			}
			cp.Kind = kind
		}
		if r.bad {
			u.bad = true
			return
		}
		u.v.Checkpoints = append(u.v.Checkpoints, cp)
	})
	return err
}

// readFlex reads the Flex and Flex assignments sheets.
func (st *state) readFlex(p *plans) error {
	ref, ok := st.sheet(sheetFlex)
	if !ok {
		if ref, ok := st.sheet(sheetFlexAssignments); ok {
			st.problem(Problem{Sheet: ref.name, Message: "there is no Flex sheet, so these assignments place students in blocks that do not exist; add the Flex sheet with the blocks and their offerings"})
		}
		return nil
	}
	b := st.book
	cid := b.Continuum.ID
	var blocks []planned[continuum.FlexBlock]
	at := map[string]int{}             // lower block ID → index in blocks
	offeringRow := map[[2]string]int{} // lower block and offering IDs → row
	_, err := st.readTable(ref, flexCols, true, nil, func(r *row) {
		id, ok := r.require(0, flexCols[0].expect)
		if !ok {
			return
		}
		k := strings.ToLower(id)
		i, seen := at[k]
		if !seen {
			fb := continuum.FlexBlock{ID: id, Continuum: cid}
			if !r.present(1) {
				r.problem(1, "is empty; expected %s on the block's first row", flexCols[1].expect)
			} else {
				fb.Date, _ = r.date(1)
			}
			if fb.Slot = r.str(2); fb.Slot == "" {
				r.problem(2, "is empty; expected %s on the block's first row", flexCols[2].expect)
			}
			if r.present(3) {
				fb.Minutes, _ = r.integer(3)
			}
			i = len(blocks)
			at[k] = i
			blocks = append(blocks, planned[continuum.FlexBlock]{v: fb, row: r.num})
		} else {
			fb := &blocks[i]
			if r.present(1) {
				if d, ok := r.date(1); ok && d != fb.v.Date {
					r.problem(1, "block %s is on %s on row %d; a block has one date", fb.v.ID, fb.v.Date, fb.row)
				}
			}
			if s := r.str(2); s != "" && s != fb.v.Slot {
				r.problem(2, "block %s is %q on row %d; a block has one slot", fb.v.ID, fb.v.Slot, fb.row)
			}
			if r.present(3) {
				if m, ok := r.integer(3); ok && m != fb.v.Minutes {
					r.problem(3, "block %s lasts %d minutes on row %d; a block has one length", fb.v.ID, fb.v.Minutes, fb.row)
				}
			}
		}
		fb := &blocks[i]
		if !r.present(4) {
			for col := 5; col < len(flexCols); col++ {
				if r.present(col) {
					r.problem(4, "is empty; expected %s, since the row describes an offering", flexCols[4].expect)
					break
				}
			}
			fb.bad = fb.bad || r.bad
			return
		}
		o := continuum.Offering{ID: r.str(4), Teacher: r.str(7), Room: r.str(8)}
		o.Title, _ = r.require(5, flexCols[5].expect)
		if kind, ok := r.require(6, flexCols[6].expect); ok {
			var err error
			if o.Kind, err = continuum.ParseOfferingKind(kind); err != nil {
				r.problemErr(6, err)
			}
		}
		if !r.present(9) {
			r.problem(9, "is empty; expected %s", flexCols[9].expect)
		} else if n, ok := r.integer(9); ok {
			if n < 1 {
				r.problem(9, "%d seats; expected %s", n, flexCols[9].expect)
			}
			o.Capacity = n
		}
		o.Focus = p.codeList(r, 10)
		key := [2]string{k, strings.ToLower(o.ID)}
		if first, dup := offeringRow[key]; dup && o.ID != "" {
			r.problem(4, "offering %s of block %s is already on row %d; offerings of a block must differ", o.ID, fb.v.ID, first)
		}
		offeringRow[key] = r.num
		if r.bad {
			fb.bad = true
			return
		}
		fb.v.Offerings = append(fb.v.Offerings, o)
	})
	if err != nil {
		return err
	}
	if ref, ok := st.sheet(sheetFlexAssignments); ok {
		placed := map[[2]string]int{} // lower block ID, student ID → row
		_, err := st.readTable(ref, assignmentCols, true, nil, func(r *row) {
			bid, ok1 := r.require(0, assignmentCols[0].expect)
			sid, ok2 := r.require(1, assignmentCols[1].expect)
			oid, ok3 := r.require(2, assignmentCols[2].expect)
			if !ok1 || !ok2 || !ok3 {
				return
			}
			i, ok := at[strings.ToLower(bid)]
			if !ok {
				r.problem(0, "block %s is not on the Flex sheet; expected %s", bid, assignmentCols[0].expect)
				return
			}
			fb := &blocks[i]
			a := continuum.Assignment{Reason: r.text(5), Outcome: r.text(7)}
			if st.haveRoster {
				si, known := st.roster[sid]
				if !known {
					r.problem(1, "student %s is not on the Students sheet; expected %s", sid, assignmentCols[1].expect)
				} else {
					a.Student = b.Students[si].ID
				}
			} else {
				a.Student = sid
			}
			if o, ok := fb.v.Offering(oid); ok {
				a.Offering = o.ID
			} else {
				r.problem(2, "%s is not an offering of block %s on the Flex sheet; expected %s", oid, fb.v.ID, assignmentCols[2].expect)
			}
			if tier, err := continuum.ParseTier(r.str(3)); err != nil {
				r.problemErr(3, err)
			} else {
				a.Tier = tier
			}
			a.Pinned, _ = r.flag(4, "pinned")
			if r.present(6) {
				switch strings.ToLower(r.str(6)) {
				case "absent", "no show", "no-show":
					a.Attended = new(bool)
				default:
					if v, ok := r.flag(6, "attended", "present", "came"); ok {
						a.Attended = &v
					}
				}
			}
			k := [2]string{strings.ToLower(fb.v.ID), sid}
			if first, dup := placed[k]; dup {
				r.problem(1, "student %s is already placed in block %s on row %d; place a student once per block", sid, fb.v.ID, first)
			}
			placed[k] = r.num
			if r.bad {
				fb.bad = true
				return
			}
			fb.v.Assignments = append(fb.v.Assignments, a)
		})
		if err != nil {
			return err
		}
	}
	for _, fb := range blocks {
		if fb.bad {
			continue
		}
		if err := fb.v.Validate(p.g); err != nil {
			st.problem(Problem{Sheet: ref.name, Row: fb.row, Message: plain(err), Err: err})
			continue
		}
		b.Flex = append(b.Flex, fb.v)
		b.Places.Flex = append(b.Places.Flex, Place{Sheet: ref.name, Row: fb.row})
	}
	return nil
}

func (st *state) readVisitNotes(p *plans) error {
	ref, ok := st.sheet(sheetVisitNotes)
	if !ok {
		return nil
	}
	b := st.book
	fieldCol := map[string]int{"visit.date": 0, "visit.subject_kind": 2, "visit.subject": 3, "visit.note": 5}
	_, err := st.readTable(ref, visitCols, true, nil, func(r *row) {
		n := continuum.VisitNote{Continuum: b.Continuum.ID, Coach: r.str(1), Subject: r.str(3), LookFor: r.text(4), Note: r.text(5)}
		if !r.present(0) {
			r.problem(0, "is empty; expected %s", visitCols[0].expect)
		} else {
			n.Date, _ = r.date(0)
		}
		about, err := continuum.ParseVisitSubject(r.str(2))
		if err != nil {
			r.problemErr(2, err)
			return
		}
		n.About = about
		switch {
		case n.About == continuum.OnTarget && n.Subject != "":
			t, ok := p.target(n.Subject)
			if !ok {
				r.problem(3, "target %s is not on the Targets sheet; a note on a target names its code", n.Subject)
			}
			n.Subject = t
		case n.About == continuum.OnUnit && n.Subject != "":
			i, ok := p.findUnit(n.Subject)
			if !ok {
				r.problem(3, "unit %q is not on the Units sheet; a note on a unit names its title", n.Subject)
			} else {
				n.Subject = p.units[i].v.Title
			}
		}
		if r.bad {
			return
		}
		if err := n.Validate(); err != nil {
			i, ok := fieldCol[continuum.ErrorField(err)]
			if !ok {
				i = 5
			}
			r.problemErr(i, err)
			return
		}
		b.VisitNotes = append(b.VisitNotes, n)
		b.Places.VisitNotes = append(b.Places.VisitNotes, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

func (st *state) readCalibration(p *plans) error {
	ref, ok := st.sheet(sheetCalibration)
	if !ok {
		return nil
	}
	b := st.book
	_, err := st.readTable(ref, calibrationCols, true, nil, func(r *row) {
		s := continuum.CalibrationScore{Note: r.text(4), Place: fmt.Sprintf("%s sheet %q row %d", st.file, ref.name, r.num)}
		s.Sample, _ = r.require(0, calibrationCols[0].expect)
		if code, ok := r.require(1, calibrationCols[1].expect); ok {
			t, known := p.target(code)
			if !known {
				r.problem(1, "target %s is not on the Targets sheet; expected %s", code, calibrationCols[1].expect)
			}
			s.Target = t
		}
		s.Scorer, _ = r.require(2, calibrationCols[2].expect)
		if !r.present(3) {
			r.problem(3, "is empty; expected %s", calibrationCols[3].expect)
		} else if c, okc := r.raw(3); okc {
			v, err := st.score(c)
			if err != nil {
				// A number off the scale is kept: Calibrate names it with the others.
				f, perr := strconv.ParseFloat(strings.Replace(strings.TrimSpace(c.text), ",", ".", 1), 64)
				if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) {
					r.problemErr(3, err)
				}
				v = f
			}
			s.Score = v
		}
		if r.bad {
			return
		}
		b.Calibration = append(b.Calibration, s)
		b.Places.Calibration = append(b.Places.Calibration, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

// writePlans writes the sheets of units, flex time, visit notes and
// calibration. keep, when not nil, holds the students whose flex
// assignments are written (an export of one group).
func (w *writer) writePlans(b *Book, keep map[string]bool) {
	codes := func(cs []string) string { return strings.Join(cs, ", ") }
	w.sheet(sheetUnits, colNames(unitCols), []float64{30, 18, 7, 12, 12, 36, 40, 40}, func(add func(...any)) {
		for _, u := range b.Units {
			add(u.Title, u.ID, u.Order, w.date(u.Start), w.date(u.End), codes(u.Targets), w.wrapped(u.Supports), w.wrapped(u.Extensions))
		}
	})
	w.sheet(sheetUnitExperiences, colNames(experienceCols), []float64{30, 30, 18, 24, 30, 40}, func(add func(...any)) {
		for _, u := range b.Units {
			for _, e := range u.Experiences {
				add(u.Title, e.Title, e.Kind, codes(e.Targets), e.Link, w.wrapped(e.Notes))
			}
		}
	})
	w.sheet(sheetUnitCheckpoints, colNames(unitCheckpointCols), []float64{30, 14, 12, 18}, func(add func(...any)) {
		for _, u := range b.Units {
			for _, cp := range u.Checkpoints {
				add(u.Title, cp.Target, w.date(cp.Date), string(cp.Kind))
			}
		}
	})
	w.sheet(sheetFlex, colNames(flexCols), []float64{18, 12, 14, 9, 18, 32, 12, 16, 10, 9, 24}, func(add func(...any)) {
		for _, fb := range b.Flex {
			var minutes any
			if fb.Minutes != 0 {
				minutes = fb.Minutes
			}
			if len(fb.Offerings) == 0 {
				add(fb.ID, w.date(fb.Date), fb.Slot, minutes)
			}
			for _, o := range fb.Offerings {
				add(fb.ID, w.date(fb.Date), fb.Slot, minutes, o.ID, o.Title, string(o.Kind), o.Teacher, o.Room, o.Capacity, codes(o.Focus))
			}
		}
	})
	w.sheet(sheetFlexAssignments, colNames(assignmentCols), []float64{18, 14, 18, 10, 8, 50, 10, 40}, func(add func(...any)) {
		for _, fb := range b.Flex {
			for _, a := range fb.Assignments {
				if keep != nil && !keep[a.Student] {
					continue
				}
				attended := ""
				if a.Attended != nil {
					attended = "no"
					if *a.Attended {
						attended = "yes"
					}
				}
				add(fb.ID, a.Student, a.Offering, a.Tier.String(), yesNo(a.Pinned), w.wrapped(a.Reason), attended, w.wrapped(a.Outcome))
			}
		}
	})
	w.sheet(sheetVisitNotes, colNames(visitCols), []float64{12, 16, 12, 24, 36, 60}, func(add func(...any)) {
		for _, n := range b.VisitNotes {
			add(w.date(n.Date), n.Coach, string(n.About), n.Subject, w.wrapped(n.LookFor), w.wrapped(n.Note))
		}
	})
	w.sheet(sheetCalibration, colNames(calibrationCols), []float64{20, 14, 16, 7, 50}, func(add func(...any)) {
		for _, s := range b.Calibration {
			add(s.Sample, s.Target, s.Scorer, s.Score, w.wrapped(s.Note))
		}
	})
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
