package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// reviewDirPattern names the temporary folder of a review's store.
const reviewDirPattern = "continuum-planner-review-*"

// TempStore is a store of its own that a review reads a workbook into,
// closed when the review is.
type TempStore interface {
	continuum.Store
	// Close releases the store; it is not used afterwards.
	Close() error
}

// OpenStore opens a new, empty store in the folder dir (which does not
// exist yet): the app and the command line give one that opens their
// kind of store.
type OpenStore func(dir string) (TempStore, error)

// ReviewDateSource says where a review's "as of" day comes from.
type ReviewDateSource string

// Where the day a workbook is a snapshot of is read from, best first.
const (
	// ReviewDateExported is the export time in the workbook's About sheet.
	ReviewDateExported ReviewDateSource = "exported"
	// ReviewDatePositions is the day its Positions sheet was calculated for.
	ReviewDatePositions ReviewDateSource = "positions"
	// ReviewDateFile is the file's last modification, when the workbook says neither.
	ReviewDateFile ReviewDateSource = "file"
)

// Explain says in a sentence what the day on is, for a review's banner.
func (s ReviewDateSource) Explain(on continuum.Date) string {
	day := on.Long()
	switch s {
	case ReviewDateExported:
		return "Exported on " + day + ": positions and pace are judged as of that day."
	case ReviewDatePositions:
		return "The workbook does not say when it was exported; its positions were calculated for " + day +
			", so positions and pace are judged as of that day."
	}
	return "The workbook does not say when it was exported; " + day +
		" is when the file was last changed, so positions and pace are judged as of that day."
}

// ReviewAsOf picks the day a workbook is a snapshot of: the local day it
// was exported, else the day its positions were calculated for, else the
// local day the file was last changed.
func ReviewAsOf(about workbook.About, modified time.Time) (continuum.Date, ReviewDateSource) {
	switch {
	case !about.ExportedAt.IsZero():
		return continuum.DateOf(about.ExportedAt.Local()), ReviewDateExported
	case !about.PositionsOn.IsZero():
		return about.PositionsOn, ReviewDatePositions
	}
	return continuum.DateOf(modified.Local()), ReviewDateFile
}

// AsOf is the day the file is a snapshot of, and where it comes from (ReviewAsOf).
func (f *File) AsOf() (continuum.Date, ReviewDateSource) {
	return ReviewAsOf(f.Book.About, f.Modified)
}

// ReviewProblems are the rows of the file a review leaves out, each in a
// sentence with its place but not the file's name (a review names the
// file once): the rows the decoder could not read, then the records that
// could not be stored on their own.
func (f *File) ReviewProblems() []string {
	_, problems := f.reviewPlan()
	return problems
}

// reviewPlan plans the file into an empty store.
func (f *File) reviewPlan() (*continuum.Plan, []string) {
	var problems []string
	for _, p := range f.Book.Problems {
		if place := p.Place(); place != "" {
			problems = append(problems, place+": "+p.Message)
		} else {
			problems = append(problems, p.Message)
		}
	}
	plan := continuum.PlanMerge(nil, nil, f.Snapshot())
	for _, rf := range plan.Refusals {
		problems = append(problems, fmt.Sprintf("%s %s: %s", rf.Section, rf.Key, rf.Reason))
	}
	return plan, problems
}

// Review is a workbook opened for review: what it holds, read into a
// temporary store of its own that is shown read-only. The teacher's own
// store is never opened. Close removes the temporary store.
type Review struct {
	// Path is the workbook's path.
	Path string
	// File is the workbook's file name, as a review's banner shows it.
	File string
	// Store shows the workbook's data; every change is refused with continuum.ErrReadOnly.
	Store continuum.ReadOnlyStore
	// Continuum is the ID of the workbook's continuum in Store.
	Continuum string
	// Name is the continuum's name.
	Name string
	// AsOf is the day the workbook is a snapshot of.
	AsOf continuum.Date
	// AsOfSource says where AsOf was read from.
	AsOfSource ReviewDateSource
	// Problems are the rows of the workbook that could not be read and the
	// records that could not be shown, each in a sentence with its place.
	Problems []string

	dir  string
	st   TempStore
	once sync.Once
	err  error
}

// openReviews are the reviews not closed yet, for CloseReviews.
var openReviews = struct {
	sync.Mutex
	all map[*Review]bool
}{all: map[*Review]bool{}}

// OpenReview reads the workbook at path (with password, when it has one)
// into a new temporary store, opened with open in a temporary folder, and
// returns it as a review, as of the day the workbook was exported. A
// password-protected workbook without the right password gives an error
// wrapping workbook.ErrPasswordProtected. Rows the workbook could not
// read are left out and listed in Problems.
func OpenReview(ctx context.Context, path, password string, open OpenStore) (*Review, error) {
	name := filepath.Base(path)
	f, err := Read(ctx, path, ReadOptions{Name: name, Password: password})
	if err != nil {
		return nil, retitle("review", name, err)
	}
	r := &Review{Path: path, File: name}
	r.AsOf, r.AsOfSource = f.AsOf()
	plan, problems := f.reviewPlan()
	r.Problems = problems
	change, err := plan.Change(nil)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	r.Continuum, r.Name = change.Continuum.ID, change.Continuum.Name
	if err := r.fill(ctx, change, open); err != nil {
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	openReviews.Lock()
	openReviews.all[r] = true
	openReviews.Unlock()
	return r, nil
}

// fill opens the review's temporary store and writes change into it;
// on failure nothing is left behind.
func (r *Review) fill(ctx context.Context, change continuum.MergeChange, open OpenStore) error {
	dir, err := os.MkdirTemp("", reviewDirPattern)
	if err != nil {
		return fmt.Errorf("make a temporary folder: %w", err)
	}
	// The merge's backup of the (empty) store lands next to the data
	// folder, so inside the temporary folder too.
	st, err := open(filepath.Join(dir, "store"))
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	if _, err := st.ApplyMerge(ctx, change, nil); err != nil {
		st.Close()
		os.RemoveAll(dir)
		return err
	}
	r.dir, r.st, r.Store = dir, st, continuum.ReadOnlyStore{Store: st}
	return nil
}

// Dir returns the temporary folder holding the review's store.
func (r *Review) Dir() string { return r.dir }

// Close closes the review's store and removes its temporary folder. It
// may be called more than once.
func (r *Review) Close() error {
	r.once.Do(func() {
		if r.st != nil {
			r.err = r.st.Close()
		}
		if r.dir != "" {
			if err := os.RemoveAll(r.dir); err != nil && r.err == nil {
				r.err = fmt.Errorf("remove the review's temporary folder: %w", err)
			}
		}
		openReviews.Lock()
		delete(openReviews.all, r)
		openReviews.Unlock()
	})
	return r.err
}

// CloseReviews closes every review still open. The app calls it when it
// quits: windows other than the main one are not told they close then.
func CloseReviews() {
	openReviews.Lock()
	all := make([]*Review, 0, len(openReviews.all))
	for r := range openReviews.all {
		all = append(all, r)
	}
	openReviews.Unlock()
	for _, r := range all {
		r.Close()
	}
}

// retitled is an error of the decoder headed with another operation:
// "review FILE: …" rather than "import FILE: …", wrapping the same errors.
type retitled struct {
	msg string
	err error
}

func (e *retitled) Error() string { return e.msg }
func (e *retitled) Unwrap() error { return e.err }

// retitle heads err, which the decoder headed "import NAME: ", with op.
func retitle(op, name string, err error) error {
	rest, ok := strings.CutPrefix(err.Error(), "import "+name+": ")
	if !ok {
		return fmt.Errorf("%s %s: %w", op, name, err)
	}
	return &retitled{msg: op + " " + name + ": " + rest, err: err}
}
