package continuum

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// OfferingKind says what a flex offering is for.
type OfferingKind string

// The kinds of flex offering.
const (
	// Reteach (recuperation) teaches a target again to students who have a gap on it.
	Reteach OfferingKind = "reteach"
	// Practice gives guided practice on targets students are working on.
	Practice OfferingKind = "practice"
	// Extension (enrichment) takes students who have mastered the focus further.
	Extension OfferingKind = "extension"
	// HabitsSupport supports habits of success and social-emotional learning.
	HabitsSupport OfferingKind = "habits"
	// OpenStudy is supervised time for students with no urgent need.
	OpenStudy OfferingKind = "open-study"
)

// OfferingKinds lists every kind in menu order.
var OfferingKinds = []OfferingKind{Reteach, Practice, Extension, HabitsSupport, OpenStudy}

// Label returns the kind's name for people.
func (k OfferingKind) Label() string {
	switch k {
	case Reteach:
		return "Reteach (recuperation)"
	case Practice:
		return "Practice"
	case Extension:
		return "Extension (enrichment)"
	case HabitsSupport:
		return "Habits / SEL support"
	case OpenStudy:
		return "Open study"
	}
	return string(k)
}

// ParseOfferingKind reads a kind from its code or a common spelling.
func ParseOfferingKind(s string) (OfferingKind, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(k, "reteach") || strings.HasPrefix(k, "recup"):
		return Reteach, nil
	case strings.HasPrefix(k, "practi"):
		return Practice, nil
	case strings.HasPrefix(k, "exten") || strings.HasPrefix(k, "enrich"):
		return Extension, nil
	case strings.HasPrefix(k, "habit") || k == "sel" || strings.HasPrefix(k, "sel "):
		return HabitsSupport, nil
	case strings.HasPrefix(k, "open"):
		return OpenStudy, nil
	}
	return "", Invalidf("offering.kind", "%q is not a kind of offering; expected reteach, practice, extension, habits or open-study", s)
}

// Tier is how firmly a student is placed in an offering. Higher tiers are
// placed first and are not displaced by lower ones.
type Tier int

// The tiers, lowest first.
const (
	// TierOpen places a student with no urgent need, e.g. in open study.
	TierOpen Tier = iota
	// TierSuggested places a student for practice or extension.
	TierSuggested
	// TierPriority places a student for a gap that holds them back.
	TierPriority
	// TierRequired is a placement the teacher requires.
	TierRequired
)

// String returns the tier in words.
func (t Tier) String() string {
	switch t {
	case TierRequired:
		return "required"
	case TierPriority:
		return "priority"
	case TierSuggested:
		return "suggested"
	}
	return "open"
}

// ParseTier reads a tier from its word.
func ParseTier(s string) (Tier, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "required", "required by teacher":
		return TierRequired, nil
	case "priority":
		return TierPriority, nil
	case "suggested", "":
		return TierSuggested, nil
	case "open":
		return TierOpen, nil
	}
	return 0, Invalidf("assignment.tier", "%q is not a tier; expected required, priority, suggested or open", s)
}

// FlexBlock is one flex-time block: a slot on a day in which students are
// regrouped by need across several offerings.
type FlexBlock struct {
	// ID identifies the block, e.g. "2026-11-23-flex1"; unique in its continuum.
	ID string `json:"id"`
	// Continuum is the ID of the continuum whose positions drive the suggestions.
	Continuum string `json:"continuum"`
	// Date is the day of the block.
	Date Date `json:"date"`
	// Slot names the block in the day, e.g. "WIN time" or "Flex 2".
	Slot string `json:"slot"`
	// Minutes is the block's length.
	Minutes int `json:"minutes"`
	// Offerings are what students can be placed in.
	Offerings []Offering `json:"offerings"`
	// Assignments place students in offerings.
	Assignments []Assignment `json:"assignments,omitempty"`
}

// Offering is one group of a flex block.
type Offering struct {
	// ID identifies the offering in its block, e.g. "fractions-reteach".
	ID string `json:"id"`
	// Title is what students see, e.g. "Fractions on the number line".
	Title string `json:"title"`
	// Kind says what the offering is for.
	Kind OfferingKind `json:"kind"`
	// Teacher leads the offering.
	Teacher string `json:"teacher,omitempty"`
	// Room is where it meets.
	Room string `json:"room,omitempty"`
	// Capacity is how many students it can take (at least 1).
	Capacity int `json:"capacity"`
	// Focus are the codes of the targets it works on (none for open study).
	Focus []string `json:"focus,omitempty"`
}

// Assignment places a student in an offering of a block.
type Assignment struct {
	// Student is the student's ID.
	Student string `json:"student"`
	// Offering is the offering's ID.
	Offering string `json:"offering"`
	// Tier is how firmly the student is placed.
	Tier Tier `json:"tier"`
	// Pinned keeps the placement when the rest is suggested again (the teacher moved the student).
	Pinned bool `json:"pinned,omitempty"`
	// Reason says in one line why the student is there.
	Reason string `json:"reason"`
	// Attended records, after the block, whether the student came (nil: not recorded).
	Attended *bool `json:"attended,omitempty"`
	// Outcome is the teacher's quick note after the block.
	Outcome string `json:"outcome,omitempty"`
}

// Fixed reports whether the suggestion must keep this placement.
func (a Assignment) Fixed() bool { return a.Pinned || a.Tier == TierRequired }

// Offering returns the offering with id.
func (b *FlexBlock) Offering(id string) (Offering, bool) {
	for _, o := range b.Offerings {
		if strings.EqualFold(o.ID, id) {
			return o, true
		}
	}
	return Offering{}, false
}

// Validate checks the block: an ID without '/', a date, a slot, offerings
// with distinct IDs, titles, known kinds and a capacity, focus codes known
// to g (when g is not nil), and assignments to existing offerings with no
// student placed twice.
func (b *FlexBlock) Validate(g *Graph) error {
	if !validCode(strings.TrimSpace(b.ID)) {
		return Invalidf("flex.id", "%q cannot be a block ID: use up to 64 printable characters without / , or ;", b.ID)
	}
	if b.Date.IsZero() {
		return Invalidf("flex.date", "block %s has no date", b.ID)
	}
	if strings.TrimSpace(b.Slot) == "" {
		return Invalidf("flex.slot", "block %s has no slot name (e.g. \"Flex 1\")", b.ID)
	}
	if b.Minutes < 0 {
		return Invalidf("flex.minutes", "block %s: length %d is negative", b.ID, b.Minutes)
	}
	ids := map[string]bool{}
	for _, o := range b.Offerings {
		k := strings.ToLower(strings.TrimSpace(o.ID))
		switch {
		case !validCode(k):
			return Invalidf("offering.id", "block %s: %q cannot be an offering ID", b.ID, o.ID)
		case ids[k]:
			return Invalidf("offering.id", "block %s: offering %s appears twice", b.ID, o.ID)
		case strings.TrimSpace(o.Title) == "":
			return Invalidf("offering.title", "block %s: offering %s has no title", b.ID, o.ID)
		case o.Capacity < 1:
			return Invalidf("offering.capacity", "block %s: offering %s has capacity %d; expected at least 1", b.ID, o.ID, o.Capacity)
		}
		ids[k] = true
		if _, err := ParseOfferingKind(string(o.Kind)); err != nil {
			return Invalidf("offering.kind", "block %s: offering %s: %q is not a kind of offering", b.ID, o.ID, o.Kind)
		}
		if g != nil {
			for _, f := range o.Focus {
				if _, ok := g.Lookup(f); !ok {
					return Invalidf("offering.focus", "block %s: offering %s focuses on %s, which is not a target of %s", b.ID, o.ID, f, g.Continuum.Name)
				}
			}
		}
	}
	placed := map[string]bool{}
	for _, a := range b.Assignments {
		if !ids[strings.ToLower(strings.TrimSpace(a.Offering))] {
			return Invalidf("assignment.offering", "block %s: student %s is placed in %s, which is not an offering of the block", b.ID, a.Student, a.Offering)
		}
		if placed[a.Student] {
			return Invalidf("assignment.student", "block %s: student %s is placed twice", b.ID, a.Student)
		}
		placed[a.Student] = true
	}
	return nil
}

// Placement is one student's suggested (or fixed) place in a block.
type Placement struct {
	// Student is the student.
	Student Student
	// Assignment is the placement; its Offering is "" when the student is unplaced.
	Assignment Assignment
}

// Suggestion is a proposal for a whole block.
type Suggestion struct {
	// Placements follow the order of the class's students.
	Placements []Placement
	// Unplaced are the students who fit nowhere, with the reason in their Assignment.
	Unplaced []Placement
}

// need is one reason a student could go to an offering, with its weight.
type need struct {
	student  int // index in class
	offering int // index in block.Offerings
	tier     Tier
	urgency  int // higher first, within a tier
	reason   string
}

// Urgencies within a tier; larger numbers are placed first.
const (
	urgencyGapKey      = 3000 // a gap on a milestone or on a target many others need
	urgencyGap         = 2000 // any other gap
	urgencyDeveloping  = 1000 // ready next, and the evidence shows developing
	urgencyExtension   = 500  // the focus is mastered: extend
	urgencyFirstLesson = 200  // ready next, no evidence yet
)

// keyDependents is how many targets must need a target for a gap on it to
// count with gaps on milestones.
const keyDependents = 2

// Suggest proposes a placement for every student of the class in block,
// from their positions (ClassPositions on the block's date). Fixed
// assignments (pinned or required) are kept and use up capacity; every
// other student is placed by need: first gaps on milestones and on targets
// many others depend on, then other gaps, then ready-next targets where the
// evidence shows developing, then extension where the focus is already
// mastered, then first lessons on ready-next targets, then open study.
// Higher tiers are placed before lower ones, and within a tier the more
// urgent need first; ties go by student name, then ID, then offering order,
// so the result is deterministic. Students who fit nowhere are listed as
// unplaced with the reason.
func (g *Graph) Suggest(block FlexBlock, class []StudentPositions) Suggestion {
	pl := newPlacing(block, class)
	pl.keepFixed()
	needs := g.needs(block, class, pl.done)
	sortNeeds(needs, class)
	pl.place(needs)
	return pl.suggestion()
}

// placing is a block's suggestion as it is made.
type placing struct {
	block  FlexBlock
	class  []StudentPositions
	taken  []int        // per offering, the seats taken
	done   []bool       // per student, placed
	result []Assignment // per student, the place
	full   [][]string   // per student, the offerings that matched but were full
}

func newPlacing(block FlexBlock, class []StudentPositions) *placing {
	n := len(class)
	return &placing{
		block: block, class: class,
		taken: make([]int, len(block.Offerings)), done: make([]bool, n),
		result: make([]Assignment, n), full: make([][]string, n),
	}
}

// keepFixed keeps the pinned and required assignments of students in the
// class to offerings of the block; they use up capacity.
func (pl *placing) keepFixed() {
	offeringIndex := map[string]int{}
	for i, o := range pl.block.Offerings {
		offeringIndex[strings.ToLower(o.ID)] = i
	}
	studentIndex := map[string]int{}
	for i, sp := range pl.class {
		studentIndex[sp.Student.ID] = i
	}
	for _, a := range pl.block.Assignments {
		s, ok1 := studentIndex[a.Student]
		o, ok2 := offeringIndex[strings.ToLower(a.Offering)]
		if !a.Fixed() || !ok1 || !ok2 {
			continue
		}
		a.Offering = pl.block.Offerings[o].ID
		pl.result[s], pl.done[s] = a, true
		pl.taken[o]++
	}
}

// needs returns, for every student not yet placed and every offering of
// the block that suits them, the strongest reason to go there.
func (g *Graph) needs(block FlexBlock, class []StudentPositions, done []bool) []need {
	var needs []need
	gaps, ready := map[int]bool{}, map[int]bool{} // reused from student to student
	for s, sp := range class {
		if done[s] {
			continue
		}
		clear(gaps)
		clear(ready)
		g.markGapsAndReady(sp, gaps, ready)
		for o := range block.Offerings {
			if nd := g.bestNeed(s, o, &block.Offerings[o], sp.Mastery, gaps, ready); nd.urgency >= 0 {
				needs = append(needs, nd)
			}
		}
	}
	return needs
}

// markGapsAndReady marks the targets (by index) that are gaps for the
// student in gaps, and those ready next in ready, on any domain.
func (g *Graph) markGapsAndReady(sp StudentPositions, gaps, ready map[int]bool) {
	for _, p := range sp.Positions {
		for _, c := range p.Gaps {
			if i, ok := g.Lookup(c); ok {
				gaps[i] = true
			}
		}
		for _, c := range p.ReadyNext {
			if i, ok := g.Lookup(c); ok {
				ready[i] = true
			}
		}
	}
}

// bestNeed weighs student s, with their mastery, gaps and ready-next
// targets, for offering o (off): the highest tier, then the most urgent
// reason, over the offering's focus. Its urgency is negative when the
// offering does not suit the student.
func (g *Graph) bestNeed(s, o int, off *Offering, mastery []Mastery, gaps, ready map[int]bool) need {
	developingFloor := g.Continuum.Scale.Cut - 1 // a value within one point below the cut is "developing"
	best := need{student: s, offering: o, urgency: -1}
	if off.Kind == OpenStudy || len(off.Focus) == 0 {
		best.consider(TierOpen, 0, "Open study: no gap or next step among this block's offerings")
	}
	allMastered := len(off.Focus) > 0
	for _, f := range off.Focus {
		i, ok := g.Lookup(f)
		if !ok {
			allMastered = false
			continue
		}
		t := g.Targets[i]
		m := mastery[i]
		if !m.Mastered {
			allMastered = false
		}
		switch {
		case off.Kind == Extension:
			// Extension only takes students who have mastered the whole focus.
		case gaps[i]:
			u, why := g.gapUrgency(i)
			best.consider(TierPriority, u, why)
		case ready[i] && m.Count > 0 && m.HasValue && m.Value >= developingFloor:
			best.consider(TierSuggested, urgencyDeveloping+int(m.Value*10), fmt.Sprintf("Ready next, developing (%s): %s", FormatScore(m.Value), t.Code))
		case ready[i] && m.Count == 0 && off.Kind != Reteach:
			best.consider(TierSuggested, urgencyFirstLesson, "Ready for first lessons: "+t.Code)
		}
	}
	if off.Kind == Extension && allMastered {
		best.consider(TierSuggested, urgencyExtension, "Mastered the focus ("+strings.Join(off.Focus, ", ")+"): ready to extend")
	}
	return best
}

// gapUrgency weighs a gap on target i: gaps on milestones and on targets
// many others need come first.
func (g *Graph) gapUrgency(i int) (urgency int, reason string) {
	t := g.Targets[i]
	switch deps := len(g.dependents[i]); {
	case t.Milestone:
		return urgencyGapKey + deps, "Gap on a milestone: " + t.Code
	case deps >= keyDependents:
		return urgencyGapKey + deps, fmt.Sprintf("Gap on %s, which %d other targets need", t.Code, deps)
	}
	return urgencyGap, "Gap below the level they work at: " + t.Code
}

// consider takes tier, urgency and reason when they outrank the need's own.
func (nd *need) consider(tier Tier, urgency int, reason string) {
	if tier > nd.tier || (tier == nd.tier && urgency > nd.urgency) {
		nd.tier, nd.urgency, nd.reason = tier, urgency, reason
	}
}

// sortNeeds puts higher tiers first, then more urgent needs; ties go by
// student name, then ID, then offering order.
func sortNeeds(needs []need, class []StudentPositions) {
	slices.SortFunc(needs, func(a, b need) int {
		return cmp.Or(
			cmp.Compare(b.tier, a.tier),
			cmp.Compare(b.urgency, a.urgency),
			strings.Compare(strings.ToLower(class[a.student].Student.Name), strings.ToLower(class[b.student].Student.Name)),
			strings.Compare(class[a.student].Student.ID, class[b.student].Student.ID),
			cmp.Compare(a.offering, b.offering),
		)
	})
}

// place gives each student the first of their needs, in order, whose
// offering has a seat left, and notes the full ones.
func (pl *placing) place(needs []need) {
	for _, nd := range needs {
		if pl.done[nd.student] {
			continue
		}
		off := pl.block.Offerings[nd.offering]
		if pl.taken[nd.offering] >= off.Capacity {
			pl.full[nd.student] = append(pl.full[nd.student], fmt.Sprintf("%s (%d/%d)", off.Title, pl.taken[nd.offering], off.Capacity))
			continue
		}
		pl.taken[nd.offering]++
		pl.done[nd.student] = true
		pl.result[nd.student] = Assignment{Student: pl.class[nd.student].Student.ID, Offering: off.ID, Tier: nd.tier, Reason: nd.reason}
	}
}

// suggestion lists every student's place in class order, and the students
// left without one, with the reason.
func (pl *placing) suggestion() Suggestion {
	var out Suggestion
	for s, sp := range pl.class {
		p := Placement{Student: sp.Student, Assignment: pl.result[s]}
		if !pl.done[s] {
			reason := "No offering of this block matches a gap or next step, and there is no open study"
			if len(pl.full[s]) > 0 {
				reason = "Every offering that fits is full: " + strings.Join(pl.full[s], ", ")
			}
			p.Assignment = Assignment{Student: sp.Student.ID, Reason: reason}
			out.Unplaced = append(out.Unplaced, p)
		}
		out.Placements = append(out.Placements, p)
	}
	return out
}
