package continuum

import "context"

// Store is everything the program needs from storage. Every method that
// changes data is atomic and durable when it returns nil: a failure leaves
// nothing half-written, and an acknowledged change survives a crash.
type Store interface {
	ContinuumStore
	RosterStore
	EvidenceStore
	FlexStore
	UnitStore
	VisitStore
	CalibrationStore
	MergeStore
}

// ContinuumStore keeps continua and their targets.
type ContinuumStore interface {
	// Continua returns every continuum, sorted by name.
	Continua(ctx context.Context) ([]Continuum, error)
	// Continuum returns the continuum with the given ID.
	Continuum(ctx context.Context, id string) (Continuum, error)
	// FindContinuum returns the continuum whose name matches (case-insensitively) or whose ID is nameOrID.
	FindContinuum(ctx context.Context, nameOrID string) (Continuum, error)
	// CreateContinuum stores a new continuum with its targets in one change,
	// after checking them as a whole (NewGraph). It assigns c.ID when empty
	// and sets CreatedAt and UpdatedAt. A name already in use is ErrConflict.
	CreateContinuum(ctx context.Context, c *Continuum, targets []Target) error
	// UpdateContinuum changes the continuum's own fields. Renamed levels and
	// domains are carried into its targets; a change that would leave a
	// target on a level or domain that no longer exists is refused.
	UpdateContinuum(ctx context.Context, id string, upd ContinuumUpdate) (Continuum, error)
	// DeleteContinuum removes the continuum with its targets, evidence and overrides.
	DeleteContinuum(ctx context.Context, id string) error

	// Targets returns the continuum's targets in graph order.
	Targets(ctx context.Context, continuumID string) ([]Target, error)
	// Graph returns the continuum with its targets, checked and indexed;
	// when the continuum has units, pace is judged against them (WithUnits).
	Graph(ctx context.Context, continuumID string) (*Graph, error)
	// PutTargets adds or replaces targets (matched by code) in one change,
	// after checking the resulting continuum as a whole: a prerequisite
	// cycle or an unknown prerequisite is refused and nothing is stored.
	PutTargets(ctx context.Context, continuumID string, targets ...Target) error
	// DeleteTarget removes a target with its evidence, overrides and
	// calibration scores, in one change. It is refused while other targets
	// list it as a prerequisite.
	DeleteTarget(ctx context.Context, continuumID, code string) error
	// RenameTarget changes a target's code in one change; everything that
	// names it follows (prerequisites, evidence, overrides, units, flex
	// focus, calibration scores, visit notes) and it keeps its UID. A code
	// another target has is ErrConflict.
	RenameTarget(ctx context.Context, continuumID, old, code string) error
}

// ContinuumUpdate changes only the fields that are non-nil.
type ContinuumUpdate struct {
	// Name renames the continuum.
	Name *string
	// Subject replaces the subject.
	Subject *string
	// Description replaces the description.
	Description *string
	// Levels replaces the ordered levels.
	Levels *[]string
	// Domains replaces the ordered domains.
	Domains *[]Domain
	// Groups replaces the groups between domains and targets. A group that
	// targets still sit in cannot go.
	Groups *[]Group
	// Scale replaces the proficiency scale.
	Scale *Scale
	// Method replaces the mastery method.
	Method *Method
	// Pacing replaces the pacing plan; see ClearPacing to remove it.
	Pacing *PacingPlan
	// ClearPacing removes the pacing plan.
	ClearPacing bool
	// RenameLevels maps old level names to new ones, applied to the targets,
	// the students' starting levels and the pacing checkpoints.
	RenameLevels map[string]string
	// RenameDomains maps old domain names to new ones, applied to the targets and starting levels.
	RenameDomains map[string]string
}

// RosterStore keeps the students.
type RosterStore interface {
	// Students returns every student, sorted by group, then name, then ID.
	Students(ctx context.Context) ([]Student, error)
	// Student returns the student with the given ID.
	Student(ctx context.Context, id string) (Student, error)
	// PutStudents adds or replaces students (matched by ID) in one change.
	PutStudents(ctx context.Context, students ...Student) error
	// DeleteStudent removes a student and everything kept about them, in
	// one change however large: their record (with starting levels), their
	// evidence and overrides in every continuum, their flex places, and the
	// calibration scores and visit notes that name them (Student.NamedIn).
	DeleteStudent(ctx context.Context, id string) error
	// StudentFootprint counts what DeleteStudent would take along.
	StudentFootprint(ctx context.Context, id string) (Footprint, error)
}

// EvidenceFilter selects evidence of one continuum.
type EvidenceFilter struct {
	// Continuum is the continuum's ID; required.
	Continuum string
	// Student, when set, keeps only that student's evidence.
	Student string
	// Target, when set, keeps only evidence on that target code.
	Target string
}

// EvidenceStore keeps evidence and overrides.
type EvidenceStore interface {
	// Evidence returns the evidence matching f, ordered by student ID, then date, then entry.
	Evidence(ctx context.Context, f EvidenceFilter) ([]Evidence, error)
	// AddEvidence records new evidence in one change, checking that each
	// continuum, student and target exists and each score is on the scale.
	// It returns the evidence as stored, with IDs and RecordedAt set.
	AddEvidence(ctx context.Context, ev ...Evidence) ([]Evidence, error)
	// UpdateEvidence replaces the evidence with e.ID (same continuum and student).
	UpdateEvidence(ctx context.Context, e Evidence) error
	// DeleteEvidence removes the evidence with the given ID and returns what was removed.
	DeleteEvidence(ctx context.Context, id uint64) (Evidence, error)
	// Overrides returns the continuum's overrides, of one student when student is not empty.
	Overrides(ctx context.Context, continuumID, student string) ([]Override, error)
	// PutOverride records or replaces the override of a student on a target.
	PutOverride(ctx context.Context, o Override) error
	// DeleteOverride removes the override of a student on a target.
	DeleteOverride(ctx context.Context, continuumID, student, target string) error
}

// FlexStore keeps the flex blocks of each continuum.
type FlexStore interface {
	// FlexBlocks returns the continuum's blocks, by date, then slot, then ID.
	FlexBlocks(ctx context.Context, continuumID string) ([]FlexBlock, error)
	// FlexBlock returns one block.
	FlexBlock(ctx context.Context, continuumID, id string) (FlexBlock, error)
	// PutFlexBlock adds or replaces a block (matched by ID), checked
	// against the continuum (FlexBlock.Validate) and the roster.
	PutFlexBlock(ctx context.Context, b FlexBlock) error
	// DeleteFlexBlock removes a block.
	DeleteFlexBlock(ctx context.Context, continuumID, id string) error
}

// UnitStore keeps the units of each continuum.
type UnitStore interface {
	// Units returns the continuum's units in calendar order (SortUnits).
	Units(ctx context.Context, continuumID string) ([]Unit, error)
	// PutUnit adds or replaces a unit (matched by ID), checked against the
	// continuum (Unit.Validate); titles are unique in a continuum.
	PutUnit(ctx context.Context, u Unit) error
	// DeleteUnit removes a unit.
	DeleteUnit(ctx context.Context, continuumID, id string) error
}

// CalibrationStore keeps the scores a PLC's teachers give anchor work
// samples in the app, for Calibrate.
type CalibrationStore interface {
	// CalibrationScores returns the continuum's calibration scores, by
	// target, then sample, then scorer.
	CalibrationScores(ctx context.Context, continuumID string) ([]CalibrationScore, error)
	// PutCalibrationScores adds or replaces scores (matched by sample,
	// target and scorer, case-insensitively) in one change, after checking
	// each names a sample, a scorer and a target of the continuum and is a
	// point of its scale; one off the scale is refused, naming it, and
	// nothing is stored.
	PutCalibrationScores(ctx context.Context, continuumID string, scores ...CalibrationScore) error
	// DeleteCalibrationScore removes the score one scorer gave a sample on a target.
	DeleteCalibrationScore(ctx context.Context, continuumID, sample, target, scorer string) error
}

// VisitStore keeps a coach's visit notes and look-for list. Notes are tied
// to a continuum by its ID only: a coach's own store keeps notes on the
// continua of the workbooks they review, which it does not hold, so notes
// for a continuum the store does not have are accepted (and then checked
// for their own fields only).
type VisitStore interface {
	// VisitNotes returns the notes on the continuum, by date, then entry.
	VisitNotes(ctx context.Context, continuumID string) ([]VisitNote, error)
	// PutVisitNote adds a note (assigning its ID when empty) or replaces
	// the one with its ID, after checking it (VisitNote.Validate; when the
	// store holds the continuum, that the target or unit named exists). It
	// returns the note as stored.
	PutVisitNote(ctx context.Context, n VisitNote) (VisitNote, error)
	// DeleteVisitNote removes a note.
	DeleteVisitNote(ctx context.Context, continuumID, id string) error
	// LookFors returns the coach's look-for list: DefaultLookFors until it
	// is edited.
	LookFors(ctx context.Context) ([]string, error)
	// PutLookFors replaces the look-for list; each is trimmed, and a blank
	// or repeated one is refused.
	PutLookFors(ctx context.Context, lookFors []string) error
}

// MergeStore takes in an import: a merge planned with PlanMerge.
type MergeStore interface {
	// ApplyMerge writes mc (Plan.Change) as one all-or-nothing change,
	// however large, after saving a backup of the whole store, and returns
	// the backup's path. progress, when not nil, is told now and then how
	// many of the merge's steps are done out of how many.
	ApplyMerge(ctx context.Context, mc MergeChange, progress func(done, total int)) (backup string, err error)
}

// ClassReader reads what LoadClass needs: the continuum, the roster, and
// the continuum's evidence and overrides.
type ClassReader interface {
	Graph(ctx context.Context, continuumID string) (*Graph, error)
	Students(ctx context.Context) ([]Student, error)
	Evidence(ctx context.Context, f EvidenceFilter) ([]Evidence, error)
	Overrides(ctx context.Context, continuumID, student string) ([]Override, error)
}

// LoadClass reads everything ClassPositions needs for a continuum.
func LoadClass(ctx context.Context, s ClassReader, continuumID string) (*Graph, Class, error) {
	g, err := s.Graph(ctx, continuumID)
	if err != nil {
		return nil, Class{}, err
	}
	var class Class
	if class.Students, err = s.Students(ctx); err != nil {
		return nil, Class{}, err
	}
	if class.Evidence, err = s.Evidence(ctx, EvidenceFilter{Continuum: continuumID}); err != nil {
		return nil, Class{}, err
	}
	if class.Overrides, err = s.Overrides(ctx, continuumID, ""); err != nil {
		return nil, Class{}, err
	}
	return g, class, nil
}
