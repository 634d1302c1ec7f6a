package continuum

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Snapshot is one continuum with everything that belongs to it: what a
// colleague's workbook brings, or what the store holds.
type Snapshot struct {
	// Continuum is the continuum's own fields.
	Continuum Continuum
	// Targets are the continuum's targets.
	Targets []Target
	// Students are the students the snapshot concerns.
	Students []Student
	// Evidence is the evidence in the continuum.
	Evidence []Evidence
	// Overrides are the teacher overrides in the continuum.
	Overrides []Override
	// Units are the continuum's units.
	Units []Unit
	// Flex are the continuum's flex blocks.
	Flex []FlexBlock
	// VisitNotes are a coach's notes on the continuum.
	VisitNotes []VisitNote
	// Calibration are the scores of a PLC's calibration exercise.
	Calibration []CalibrationScore
}

// Outcome is what a merge does with one incoming record.
type Outcome string

// The outcomes, in the order a preview lists them.
const (
	// Added records are new to the store.
	Added Outcome = "added"
	// Changed records extend what is stored without contradicting it (e.g. a new level appended).
	Changed Outcome = "changed"
	// Unchanged records are already stored exactly.
	Unchanged Outcome = "unchanged"
	// Conflicting records differ from what is stored; the teacher chooses.
	Conflicting Outcome = "conflicting"
	// Refused records cannot be stored (an unknown student or target, a score off the scale).
	Refused Outcome = "refused"
)

// Outcomes lists every outcome in preview order.
var Outcomes = []Outcome{Added, Changed, Unchanged, Conflicting, Refused}

// Sections of a merge preview, named after the workbook's sheets.
const (
	SectionContinuum = "Continuum"
	SectionTargets   = "Targets"
	SectionStudents  = "Students"
	SectionEvidence  = "Evidence"
	SectionOverrides = "Overrides"
)

// Sections lists the preview's sections in order.
var Sections = []string{SectionContinuum, SectionTargets, SectionStudents, SectionEvidence, SectionOverrides, SectionUnits, SectionFlex, SectionVisitNotes, SectionCalibration}

// Choice is the teacher's decision on a conflict.
type Choice int

// The choices. Keeping what is stored is the default: nothing is silently overwritten.
const (
	// KeepMine keeps what is stored.
	KeepMine Choice = iota
	// TakeTheirs replaces it with the incoming version.
	TakeTheirs
)

// Conflict is a record defined differently in the store and in the
// incoming data, shown side by side.
type Conflict struct {
	// Section is Targets, Students, Overrides, Units, Flex, Calibration or Continuum.
	Section string
	// Key names the record: a target code, a student ID, "student/target".
	Key string
	// Fields names the fields that differ.
	Fields []string
	// Mine is the stored version (a Target, Student, Override, Unit, FlexBlock, CalibrationScore or Continuum).
	Mine any
	// Theirs is the incoming version, of the same type.
	Theirs any
	// Choice is what the merge will do; KeepMine until the teacher decides.
	Choice Choice
}

// Refusal is an incoming record that cannot be stored, and why.
type Refusal struct {
	// Section is where the record came from.
	Section string
	// Key names the record.
	Key string
	// Reason says what is wrong.
	Reason string
}

// Plan is the preview of merging incoming data into the store, and, once
// the teacher has chosen on every conflict, the change to apply.
type Plan struct {
	// Continuum is the continuum after the merge.
	Continuum Continuum
	// NewContinuum is true when the store has no such continuum yet.
	NewContinuum bool
	// CardOnly is true when the continuum changes only by the report card
	// the file adds (the store had none).
	CardOnly bool
	// Counts holds, per section, how many records have each outcome.
	Counts map[string]map[Outcome]int
	// Conflicts are the records defined differently, for the teacher to decide.
	Conflicts []Conflict
	// Refusals are the records that cannot be stored.
	Refusals []Refusal
	// Notes say what the merge keeps as it is without asking, in a teacher's words.
	Notes []string
	// Renames are the stored targets whose code the source has changed:
	// matched by their source identifier, they take the incoming code
	// (evidence and everything else that names them follow).
	Renames []Rename
	// Renumbered are the incoming students whose short ID a different
	// stored student has: added under a new ID, unless the teacher says
	// (SamePerson) that one is that stored student after all.
	Renumbered []Renumbered

	// The records to write: new ones, and those with a conflict are added by Apply.
	targets   []Target
	students  []Student
	evidence  []Evidence
	overrides []Override
	units     []Unit
	flex      []FlexBlock
	notes     []VisitNote
	// calibration are the calibration scores to add.
	calibration []CalibrationScore
	// studentIDs maps incoming student IDs to the stored ones they matched.
	studentIDs map[string]string

	// What was compared, kept so that the teacher's word on who a student
	// is (SamePerson) can plan the merge again.
	mine     *Snapshot
	roster   []Student
	incoming Snapshot
	// same holds the incoming short IDs the teacher says are the stored
	// students with those IDs.
	same map[string]bool
}

func (p *Plan) count(section string, o Outcome) {
	if p.Counts[section] == nil {
		p.Counts[section] = map[Outcome]int{}
	}
	p.Counts[section][o]++
}

// Resolve records the teacher's choice on conflict i.
func (p *Plan) Resolve(i int, c Choice) { p.Conflicts[i].Choice = c }

// PlanMerge compares incoming data with what the store holds: mine is the
// stored continuum (nil when there is none), roster the whole stored
// roster. Targets match by code, students as matchStudents says (a short
// ID held by someone else is never a match: they are added, renumbered),
// overrides by student and target; evidence by UID, else, identical in
// student, target, date, score and scorer, is not doubled. Nothing stored is overwritten
// unless the teacher resolves a conflict with TakeTheirs.
func PlanMerge(mine *Snapshot, roster []Student, incoming Snapshot) *Plan {
	return planMerge(mine, roster, incoming, nil)
}

// planMerge is PlanMerge with the incoming short IDs the teacher says are
// the stored students with those IDs.
func planMerge(mine *Snapshot, roster []Student, incoming Snapshot, same map[string]bool) *Plan {
	p := &Plan{Counts: map[string]map[Outcome]int{}, studentIDs: map[string]string{},
		mine: mine, roster: roster, incoming: incoming, same: same}
	p.planContinuum(mine, incoming.Continuum)
	p.incoming.Continuum.ID = p.Continuum.ID // a new continuum keeps the ID it was given when planned again
	known := p.planTargets(mine, incoming.Targets)
	p.planReportCard(mine, incoming.Continuum.ReportCard, known)
	p.planStudents(roster, incoming.Students)
	p.planEvidence(mine, incoming.Evidence, known)
	p.planOverrides(mine, incoming.Overrides, known)
	p.planUnits(mine, incoming.Units, known)
	p.planFlex(mine, incoming.Flex, known)
	p.planVisitNotes(mine, incoming.VisitNotes, known)
	p.planCalibration(mine, incoming.Calibration, known)
	return p
}

// Rename is a stored target's code changed by an import.
type Rename struct{ Old, New string }

// planTargets matches incoming targets with stored ones: by UID, so a
// target renamed in one store is still found by a workbook with its old
// code (the stored code stays); else by source identifier, so a newer
// version of a framework updates the targets it made (a code the source
// renamed follows, see Plan.Renames); else by code. It returns the codes the
// merged continuum knows, stored or incoming, by their lower-case normal
// form, the incoming codes mapped to the stored targets they matched.
func (p *Plan) planTargets(mine *Snapshot, incoming []Target) (known map[string]string) {
	stored, byUID, bySource := map[string]Target{}, map[string]Target{}, map[string]Target{}
	if mine != nil {
		for _, t := range mine.Targets {
			stored[strings.ToLower(NormalizeCode(t.Code))] = t
			if t.UID != "" {
				byUID[t.UID] = t
			}
			if t.Source != nil && t.Source.ID != "" {
				bySource[t.Source.ID] = t
			}
		}
	}
	known = map[string]string{}
	for k, t := range stored {
		known[k] = t.Code
	}
	// First who is who, so that prerequisites can be read in the store's codes.
	type match struct {
		t   Target
		old Target
		ok  bool
	}
	var matches []match
	claimed := map[string]string{} // lower stored code → the incoming code that matched it
	for _, t := range incoming {
		if err := t.Validate(&p.Continuum); err != nil {
			p.refuse(SectionTargets, t.Code, ErrorMessage(err))
			continue
		}
		k := strings.ToLower(NormalizeCode(t.Code))
		old, ok := byUID[t.UID]
		if !ok || t.UID == "" {
			if old, ok = p.bySource(t, bySource, stored); ok && !SameCode(old.Code, t.Code) {
				p.Renames = append(p.Renames, Rename{Old: old.Code, New: NormalizeCode(t.Code)})
				known[strings.ToLower(old.Code)] = NormalizeCode(t.Code)
				old = RenameCode([]Target{old}, old.Code, NormalizeCode(t.Code))[0]
			}
		}
		if !ok {
			old, ok = stored[k]
		}
		if ok {
			sk := strings.ToLower(old.Code)
			if other, taken := claimed[sk]; taken {
				p.refuse(SectionTargets, t.Code, fmt.Sprintf("is target %s in the store, which %s of this workbook already is (their UIDs say so); give one of them another code", old.Code, other))
				continue
			}
			claimed[sk] = t.Code
			known[k] = old.Code
		} else {
			known[k] = NormalizeCode(t.Code)
		}
		matches = append(matches, match{t, old, ok})
	}
	for _, m := range matches {
		t := m.t
		t.Prerequisites = canonicalCodes(t.Prerequisites, known)
		switch {
		case !m.ok:
			p.targets = append(p.targets, t)
			p.count(SectionTargets, Added)
		case sameTarget(m.old, t) && p.renamed(m.old.Code):
			p.count(SectionTargets, Changed)
		case sameTarget(m.old, t):
			p.count(SectionTargets, Unchanged)
		default:
			t.Code, t.UID = m.old.Code, m.old.UID
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionTargets, Key: m.old.Code, Fields: targetDiff(m.old, t), Mine: m.old, Theirs: t})
			p.count(SectionTargets, Conflicting)
		}
	}
	return known
}

// bySource finds the stored target with t's source identifier, unless
// t's code is another stored target's (then codes decide).
func (p *Plan) bySource(t Target, bySource, stored map[string]Target) (Target, bool) {
	if t.Source == nil || t.Source.ID == "" {
		return Target{}, false
	}
	old, ok := bySource[t.Source.ID]
	if !ok {
		return Target{}, false
	}
	if other, taken := stored[strings.ToLower(NormalizeCode(t.Code))]; taken && !SameCode(other.Code, old.Code) {
		return Target{}, false
	}
	return old, true
}

// renamed reports whether the stored target now coded code is renamed by the plan.
func (p *Plan) renamed(code string) bool {
	return slices.ContainsFunc(p.Renames, func(r Rename) bool { return SameCode(r.New, code) })
}

// canonicalCodes writes codes as the merged continuum has them (known);
// a code it does not know is left for the graph check to name.
func canonicalCodes(codes []string, known map[string]string) []string {
	if len(codes) == 0 {
		return codes
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		if k, ok := known[strings.ToLower(NormalizeCode(c))]; ok {
			out[i] = k
		} else {
			out[i] = c
		}
	}
	return out
}

// evidenceKey is what makes two pieces of evidence without a UID the same
// demonstration.
type evidenceKey struct {
	student, target, date, score, scorer string
}

func keyOfEvidence(e Evidence) evidenceKey {
	return evidenceKey{e.Student, strings.ToLower(NormalizeCode(e.Target)), e.Date.String(), FormatScore(e.Score), strings.TrimSpace(e.Scorer)}
}

// planEvidence adds the incoming evidence that is not stored already: it
// is never doubled. A piece whose UID the store holds is that record: the
// same is unchanged, a corrected one (score, date, kind, scorer, note,
// target) a conflict for the teacher. Others match as they always have,
// by student, target, date, score and scorer.
func (p *Plan) planEvidence(mine *Snapshot, incoming []Evidence, known map[string]string) {
	cid := p.Continuum.ID
	// Stored copies of each record, counted: an incoming record matching a
	// stored one uses it up, so a workbook merged twice adds nothing, while
	// two identical demonstrations in one workbook both arrive.
	stored := map[evidenceKey]int{}
	byUID := map[string]Evidence{}
	if mine != nil {
		for _, e := range mine.Evidence {
			stored[keyOfEvidence(e)]++
			if e.UID != "" {
				byUID[e.UID] = e
			}
		}
	}
	seenUID := make(map[string]bool, len(incoming))
	codes := map[string]string{} // target as the file writes it → its code, or "" when unknown
	if p.evidence == nil && len(stored) == 0 {
		p.evidence = make([]Evidence, 0, len(incoming)) // a district's 200,000 new pieces, without regrowing
	}
	for _, e := range incoming {
		// The place (as the file names it) is only written out for a
		// refusal or a conflict.
		student, target := e.Student, e.Target
		sid, ok := p.studentIDs[strings.TrimSpace(e.Student)]
		if !ok {
			p.refuse(SectionEvidence, evidencePlace(student, target, e.Date), fmt.Sprintf("student %s is neither in the store nor in the workbook", e.Student))
			continue
		}
		code, ok := codes[e.Target]
		if !ok {
			code = known[strings.ToLower(NormalizeCode(e.Target))]
			codes[e.Target] = code
		}
		if code == "" {
			p.refuse(SectionEvidence, evidencePlace(student, target, e.Date), fmt.Sprintf("target %s is not a target of %s", e.Target, p.Continuum.Name))
			continue
		}
		e.Student, e.Target, e.Continuum, e.ID = sid, code, cid, 0
		if err := e.Validate(&p.Continuum); err != nil {
			p.refuse(SectionEvidence, evidencePlace(student, target, e.Date), ErrorMessage(err))
			continue
		}
		if e.UID != "" {
			if seenUID[e.UID] {
				p.refuse(SectionEvidence, evidencePlace(student, target, e.Date), fmt.Sprintf("has the same UID (%s) as another row; a UID is one piece of evidence's", e.UID))
				continue
			}
			seenUID[e.UID] = true
		}
		if old, ok := byUID[e.UID]; ok && e.UID != "" {
			p.planStoredEvidence(old, e, evidencePlace(student, target, e.Date), stored)
			continue
		}
		if len(stored) > 0 {
			if k := keyOfEvidence(e); stored[k] > 0 {
				stored[k]--
				p.count(SectionEvidence, Unchanged)
				continue
			}
		}
		p.evidence = append(p.evidence, e)
		p.count(SectionEvidence, Added)
	}
}

// evidencePlace names a row of evidence in a refusal or a conflict: its
// student, target and date as the file writes them.
func evidencePlace(student, target string, d Date) string {
	return student + " " + target + " " + d.String()
}

// planStoredEvidence compares incoming evidence e with the stored record
// old that has its UID.
func (p *Plan) planStoredEvidence(old, e Evidence, place string, stored map[evidenceKey]int) {
	if old.Student != e.Student {
		p.refuse(SectionEvidence, place, fmt.Sprintf("is %s's evidence in the store (its UID says so); evidence cannot move to another student: delete it and record it again", old.Student))
		return
	}
	if k := keyOfEvidence(old); stored[k] > 0 {
		stored[k]-- // used up: a copy without a UID is another piece
	}
	fields := evidenceDiff(old, e)
	if len(fields) == 0 {
		p.count(SectionEvidence, Unchanged)
		return
	}
	theirs := e
	theirs.ID, theirs.UID, theirs.RecordedAt = old.ID, old.UID, old.RecordedAt
	p.Conflicts = append(p.Conflicts, Conflict{Section: SectionEvidence, Key: place, Fields: fields, Mine: old, Theirs: theirs})
	p.count(SectionEvidence, Conflicting)
}

// evidenceDiff names the fields in which two versions of a piece of
// evidence differ.
func evidenceDiff(a, b Evidence) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("target", !SameCode(a.Target, b.Target))
	add("date", a.Date != b.Date)
	add("score", a.Score != b.Score)
	add("kind", a.Kind != b.Kind)
	add("scorer", strings.TrimSpace(a.Scorer) != strings.TrimSpace(b.Scorer))
	add("note", strings.TrimSpace(a.Note) != strings.TrimSpace(b.Note))
	return f
}

// planOverrides matches incoming overrides with stored ones: one per
// student and target.
func (p *Plan) planOverrides(mine *Snapshot, incoming []Override, known map[string]string) {
	cid := p.Continuum.ID
	stored := map[string]Override{}
	if mine != nil {
		for _, o := range mine.Overrides {
			stored[o.Student+"/"+strings.ToLower(o.Target)] = o
		}
	}
	for _, o := range incoming {
		sid, ok := p.studentIDs[strings.TrimSpace(o.Student)]
		code, ok2 := known[strings.ToLower(NormalizeCode(o.Target))]
		key := o.Student + "/" + o.Target
		if !ok || !ok2 {
			p.refuse(SectionOverrides, key, "names a student or target that is neither in the store nor in the workbook")
			continue
		}
		o.Student, o.Target, o.Continuum = sid, code, cid
		if err := o.Validate(); err != nil {
			p.refuse(SectionOverrides, key, ErrorMessage(err))
			continue
		}
		old, ok := stored[sid+"/"+strings.ToLower(code)]
		switch {
		case !ok:
			p.overrides = append(p.overrides, o)
			p.count(SectionOverrides, Added)
		case reflect.DeepEqual(old, o):
			p.count(SectionOverrides, Unchanged)
		default:
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionOverrides, Key: sid + "/" + code, Fields: overrideDiff(old, o), Mine: old, Theirs: o})
			p.count(SectionOverrides, Conflicting)
		}
	}
}

// planContinuum merges the continuum's own fields: a new continuum is
// taken whole; for a stored one, new levels and domains are appended (a
// change), and a different scale or method is a conflict.
func (p *Plan) planContinuum(mine *Snapshot, in Continuum) {
	if mine == nil {
		p.Continuum = in
		if p.Continuum.ID == "" {
			p.Continuum.ID = NewID()
		}
		p.NewContinuum = true
		p.count(SectionContinuum, Added)
		return
	}
	c := mine.Continuum
	c.Levels, c.Domains, c.Groups = slices.Clone(c.Levels), slices.Clone(c.Domains), slices.Clone(c.Groups)
	changed := false
	for _, l := range in.Levels {
		if c.LevelIndex(l) < 0 {
			c.Levels = append(c.Levels, l)
			changed = true
		}
	}
	for _, d := range in.Domains {
		i := c.DomainIndex(d.Name)
		switch {
		case i < 0:
			c.Domains = append(c.Domains, d)
			changed = true
		case c.Domains[i].Source.IsZero() && !d.Source.IsZero():
			c.Domains[i].Code, c.Domains[i].Source, c.Domains[i].Links = d.Code, d.Source, d.Links
			changed = true
		case len(d.Links) > 0 && !reflect.DeepEqual(c.Domains[i].Links, d.Links) && reflect.DeepEqual(c.Domains[i].Source, d.Source):
			c.Domains[i].Links = d.Links
			changed = true
		}
	}
	if mergeGroups(&c, in.Groups) {
		changed = true
	}
	switch {
	case in.Origin != nil && (c.Origin == nil || c.Origin.ID == in.Origin.ID) && !reflect.DeepEqual(c.Origin, in.Origin):
		o := *in.Origin
		c.Origin = &o // a newer version of the same framework
		changed = true
	case in.Origin != nil && c.Origin != nil && c.Origin.ID != in.Origin.ID:
		p.Notes = append(p.Notes, fmt.Sprintf("%s came from %s (%s); this file is from %s (%s): the continuum keeps saying where it came from first",
			c.Name, cmp.Or(c.Origin.Title, c.Origin.Format), c.Origin.ID, cmp.Or(in.Origin.Title, in.Origin.Format), in.Origin.ID))
	}
	if err := c.validateGroups(); err != nil {
		p.refuse(SectionContinuum, c.Name, "the file's groups do not fit the stored ones: "+ErrorMessage(err))
		c.Groups = mine.Continuum.Groups
	}
	p.Continuum = c
	var fields []string
	if len(in.Scale.Points) > 0 && !reflect.DeepEqual(in.Scale, c.Scale) {
		fields = append(fields, "scale")
	}
	if in.Method.Kind != "" && in.Method != c.Method {
		fields = append(fields, "method")
	}
	switch {
	case len(fields) > 0:
		theirs := c
		if slices.Contains(fields, "scale") {
			theirs.Scale = in.Scale
		}
		if slices.Contains(fields, "method") {
			theirs.Method = in.Method
		}
		p.Conflicts = append(p.Conflicts, Conflict{Section: SectionContinuum, Key: c.Name, Fields: fields, Mine: c, Theirs: theirs})
		p.count(SectionContinuum, Conflicting)
	case changed:
		p.count(SectionContinuum, Changed)
	default:
		p.count(SectionContinuum, Unchanged)
	}
}

// mergeGroups adds the incoming groups to c and takes the incoming
// version of those c has (matched by key): a group is the framework's
// structure, not the teacher's work. Groups only c has stay. It reports
// whether anything changed.
func mergeGroups(c *Continuum, in []Group) bool {
	changed := false
	for _, g := range in {
		i := c.GroupIndex(g.Key)
		switch {
		case i < 0:
			c.Groups = append(c.Groups, g)
			changed = true
		case !reflect.DeepEqual(c.Groups[i], g):
			c.Groups = slices.Clone(c.Groups)
			c.Groups[i] = g
			changed = true
		}
	}
	return changed
}

func (p *Plan) refuse(section, key, reason string) {
	p.Refusals = append(p.Refusals, Refusal{Section: section, Key: key, Reason: reason})
	p.count(section, Refused)
}

// MergeChange is what applying a plan writes: the continuum's fields and the
// records to add or replace. Nothing is deleted by a merge.
type MergeChange struct {
	// Continuum is the continuum's fields after the merge.
	Continuum Continuum
	// NewContinuum is true when the continuum is created.
	NewContinuum bool
	// Targets are added or replaced by code.
	Targets []Target
	// Students are added or replaced by ID.
	Students []Student
	// Evidence is added (IDs assigned by the store).
	Evidence []Evidence
	// ReplacedEvidence replaces stored evidence by ID (a colleague's
	// correction the teacher took): same continuum and student.
	ReplacedEvidence []Evidence
	// Overrides are added or replaced by student and target.
	Overrides []Override
	// Units are added or replaced by ID.
	Units []Unit
	// Flex are flex blocks added or replaced by ID.
	Flex []FlexBlock
	// VisitNotes are visit notes added (IDs assigned by the store).
	VisitNotes []VisitNote
	// Calibration are calibration scores added or replaced by sample,
	// target and scorer.
	Calibration []CalibrationScore
	// Renames are stored targets to rename (RenameTarget) before the rest
	// is written: the source changed their codes.
	Renames []Rename
}

// Change returns what to write, with the teacher's choices applied, after
// checking the merged continuum as a whole (a prerequisite cycle formed by
// the merge is refused, naming it). Its Evidence shares the plan's array:
// read it, do not write into it.
func (p *Plan) Change(mine *Snapshot) (MergeChange, error) {
	ch := MergeChange{Continuum: p.Continuum, NewContinuum: p.NewContinuum, Renames: slices.Clone(p.Renames)}
	ch.Targets = slices.Clone(p.targets)
	ch.Students = slices.Clone(p.students)
	// The new evidence (a district's 200,000 pieces) is shared with the
	// plan, not copied: a merge only reads it, and an append reallocates.
	ch.Evidence = slices.Clip(p.evidence)
	ch.Overrides = slices.Clone(p.overrides)
	ch.Units = slices.Clone(p.units)
	ch.Flex = slices.Clone(p.flex)
	ch.VisitNotes = p.notesAfter()
	ch.Calibration = p.calibrationAfter()
	for _, c := range p.Conflicts {
		if c.Choice != TakeTheirs {
			continue
		}
		switch v := c.Theirs.(type) {
		case Target:
			ch.Targets = append(ch.Targets, v)
		case Student:
			ch.Students = append(ch.Students, v)
		case Override:
			ch.Overrides = append(ch.Overrides, v)
		case Evidence:
			ch.ReplacedEvidence = append(ch.ReplacedEvidence, v)
		case Unit:
			ch.Units = append(ch.Units, v)
		case FlexBlock:
			ch.Flex = append(ch.Flex, v)
		case Continuum:
			takeContinuumFields(&ch.Continuum, v, c.Fields)
		}
	}
	// Check the merged continuum as a whole.
	all := map[string]Target{}
	if mine != nil {
		stored := mine.Targets
		for _, r := range ch.Renames {
			stored = RenameCode(stored, r.Old, r.New)
		}
		for _, t := range stored {
			all[strings.ToLower(NormalizeCode(t.Code))] = t
		}
	}
	for _, t := range ch.Targets {
		all[strings.ToLower(NormalizeCode(t.Code))] = t
	}
	merged := make([]Target, 0, len(all))
	for _, t := range all {
		merged = append(merged, t)
	}
	g, err := NewGraph(ch.Continuum, merged)
	if err != nil {
		return MergeChange{}, fmt.Errorf("merge %s: %w", ch.Continuum.Name, err)
	}
	if err := checkPlans(g, &ch); err != nil {
		return MergeChange{}, fmt.Errorf("merge %s: %w", ch.Continuum.Name, err)
	}
	if card := ch.Continuum.ReportCard; card != nil {
		if err := card.CheckTargets(g); err != nil {
			return MergeChange{}, fmt.Errorf("merge %s: %w", ch.Continuum.Name, err)
		}
	}
	for _, e := range slices.Concat(ch.Evidence, ch.ReplacedEvidence) {
		if _, ok := ch.Continuum.Scale.Point(e.Score); !ok {
			return MergeChange{}, fmt.Errorf("merge %s: %w", ch.Continuum.Name, Invalidf("evidence.score",
				"%s on %s for %s is not on the scale chosen", FormatScore(e.Score), e.Target, e.Student))
		}
	}
	return ch, nil
}

func sameTarget(a, b Target) bool { return len(targetDiff(a, b)) == 0 }

// targetDiff names the fields in which two versions of a target differ.
func targetDiff(a, b Target) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("statement", strings.TrimSpace(a.Statement) != strings.TrimSpace(b.Statement))
	add("domain", !strings.EqualFold(a.Domain, b.Domain))
	add("level", !strings.EqualFold(a.Level, b.Level))
	add("order", a.Order != b.Order)
	add("milestone", a.Milestone != b.Milestone)
	add("prerequisites", !sameCodes(a.Prerequisites, b.Prerequisites))
	add("descriptors", !sameDescriptors(a.Descriptors, b.Descriptors))
	add("evidence required", a.Required() != b.Required())
	add("method", !reflect.DeepEqual(a.Method, b.Method))
	add("group", !strings.EqualFold(a.Group, b.Group))
	add("source", !reflect.DeepEqual(sourceOrZero(a.Source), sourceOrZero(b.Source)))
	add("links", !(len(a.Links) == 0 && len(b.Links) == 0) && !reflect.DeepEqual(a.Links, b.Links))
	return f
}

// sourceOrZero makes a missing source and an empty one alike.
func sourceOrZero(s *SourceRef) SourceRef {
	if s.IsZero() {
		return SourceRef{}
	}
	return *s
}

func sameCodes(a, b []string) bool {
	norm := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.ToLower(NormalizeCode(x))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(norm(a), norm(b))
}

func sameDescriptors(a, b []Descriptor) bool {
	m := map[float64]string{}
	for _, d := range a {
		if d.Text != "" {
			m[d.Value] = strings.TrimSpace(d.Text)
		}
	}
	n := 0
	for _, d := range b {
		if d.Text == "" {
			continue
		}
		n++
		if m[d.Value] != strings.TrimSpace(d.Text) {
			return false
		}
	}
	return n == len(m)
}

func sameStudent(a, b Student, cid string) bool { return len(studentDiff(a, b, cid)) == 0 }

// studentDiff names the fields in which two versions of a student differ;
// starting levels are compared for the continuum being merged only.
func studentDiff(a, b Student, cid string) []string {
	var f []string
	if strings.TrimSpace(a.Name) != strings.TrimSpace(b.Name) {
		f = append(f, "name")
	}
	if strings.TrimSpace(a.Group) != strings.TrimSpace(b.Group) {
		f = append(f, "group")
	}
	if b.ExternalID != "" && a.ExternalID != b.ExternalID {
		f = append(f, "external ID")
	}
	levels := func(s Student) map[string]string {
		m := map[string]string{}
		for _, sl := range s.StartingLevels {
			if sl.Continuum == cid {
				m[strings.ToLower(sl.Domain)] = strings.ToLower(sl.Level)
			}
		}
		return m
	}
	if !reflect.DeepEqual(levels(a), levels(b)) {
		f = append(f, "starting levels")
	}
	return f
}

func overrideDiff(a, b Override) []string {
	var f []string
	if a.Mastered != b.Mastered {
		f = append(f, "mastered")
	}
	if a.Reason != b.Reason {
		f = append(f, "reason")
	}
	if a.Date != b.Date {
		f = append(f, "date")
	}
	if a.By != b.By {
		f = append(f, "by")
	}
	return f
}
