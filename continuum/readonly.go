package continuum

import "context"

// ReadOnlyStore shows a store without letting anything change it: every
// read passes through, every change fails with ErrReadOnly. A coach's
// review of a colleague's workbook runs on one.
type ReadOnlyStore struct {
	Store
}

var _ Store = ReadOnlyStore{}

// CreateContinuum refuses.
func (ReadOnlyStore) CreateContinuum(context.Context, *Continuum, []Target) error {
	return ErrReadOnly
}

// UpdateContinuum refuses.
func (ReadOnlyStore) UpdateContinuum(context.Context, string, ContinuumUpdate) (Continuum, error) {
	return Continuum{}, ErrReadOnly
}

// DeleteContinuum refuses.
func (ReadOnlyStore) DeleteContinuum(context.Context, string) error { return ErrReadOnly }

// PutTargets refuses.
func (ReadOnlyStore) PutTargets(context.Context, string, ...Target) error {
	return ErrReadOnly
}

// DeleteTarget refuses.
func (ReadOnlyStore) DeleteTarget(context.Context, string, string) error { return ErrReadOnly }

// RenameTarget refuses.
func (ReadOnlyStore) RenameTarget(context.Context, string, string, string) error { return ErrReadOnly }

// PutStudents refuses.
func (ReadOnlyStore) PutStudents(context.Context, ...Student) error { return ErrReadOnly }

// DeleteStudent refuses.
func (ReadOnlyStore) DeleteStudent(context.Context, string) error { return ErrReadOnly }

// AddEvidence refuses.
func (ReadOnlyStore) AddEvidence(context.Context, ...Evidence) ([]Evidence, error) {
	return nil, ErrReadOnly
}

// UpdateEvidence refuses.
func (ReadOnlyStore) UpdateEvidence(context.Context, Evidence) error { return ErrReadOnly }

// DeleteEvidence refuses.
func (ReadOnlyStore) DeleteEvidence(context.Context, uint64) (Evidence, error) {
	return Evidence{}, ErrReadOnly
}

// PutOverride refuses.
func (ReadOnlyStore) PutOverride(context.Context, Override) error { return ErrReadOnly }

// DeleteOverride refuses.
func (ReadOnlyStore) DeleteOverride(context.Context, string, string, string) error {
	return ErrReadOnly
}

// PutFlexBlock refuses.
func (ReadOnlyStore) PutFlexBlock(context.Context, FlexBlock) error { return ErrReadOnly }

// DeleteFlexBlock refuses.
func (ReadOnlyStore) DeleteFlexBlock(context.Context, string, string) error { return ErrReadOnly }

// PutUnit refuses.
func (ReadOnlyStore) PutUnit(context.Context, Unit) error { return ErrReadOnly }

// DeleteUnit refuses.
func (ReadOnlyStore) DeleteUnit(context.Context, string, string) error { return ErrReadOnly }

// PutVisitNote refuses. A coach reviewing a workbook writes notes to
// their own store: the visit notes screen takes it separately (NotesStore).
func (ReadOnlyStore) PutVisitNote(context.Context, VisitNote) (VisitNote, error) {
	return VisitNote{}, ErrReadOnly
}

// DeleteVisitNote refuses.
func (ReadOnlyStore) DeleteVisitNote(context.Context, string, string) error { return ErrReadOnly }

// PutLookFors refuses.
func (ReadOnlyStore) PutLookFors(context.Context, []string) error { return ErrReadOnly }

// PutCalibrationScores refuses.
func (ReadOnlyStore) PutCalibrationScores(context.Context, string, ...CalibrationScore) error {
	return ErrReadOnly
}

// DeleteCalibrationScore refuses.
func (ReadOnlyStore) DeleteCalibrationScore(context.Context, string, string, string, string) error {
	return ErrReadOnly
}

// ApplyMerge refuses: a review takes nothing in.
func (ReadOnlyStore) ApplyMerge(context.Context, MergeChange, func(done, total int)) (string, error) {
	return "", ErrReadOnly
}
