package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum"
	plannerstorage "github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// reviewDirPattern names the temporary folder of a review's store.
const reviewDirPattern = "continuum-planner-review-*"

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

// Explain says in a sentence what the day on is, for the banner.
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

// Review is a workbook opened for review: what it holds, read into a
// temporary store of its own that is shown read-only. The teacher's own
// store is never opened. Close removes the temporary store.
type Review struct {
	// Path is the workbook's path.
	Path string
	// File is the workbook's file name, as the banner shows it.
	File string
	// Store shows the workbook's data; every change is refused with continuum.ErrReadOnly.
	Store ReadOnlyStore
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
	st   *plannerstorage.Store
	once sync.Once
	err  error
}

// openReviews are the reviews not closed yet, for CloseReviews.
var openReviews = struct {
	sync.Mutex
	all map[*Review]bool
}{all: map[*Review]bool{}}

// LoadReview reads the workbook at path (with password, when it has one)
// into a new temporary store and returns it as a review, as of the day
// the workbook was exported. A password-protected workbook without the
// right password gives an error wrapping workbook.ErrPasswordProtected.
// Rows the workbook could not read are left out and listed in Problems.
func LoadReview(ctx context.Context, path, password string) (*Review, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	book, err := workbook.DecodeFile(ctx, path, workbook.Options{Name: name, Password: password})
	if book == nil {
		return nil, err
	}
	r := &Review{Path: path, File: name}
	r.AsOf, r.AsOfSource = reviewAsOf(book.About, fi.ModTime())
	for _, p := range book.Problems {
		r.Problems = append(r.Problems, reviewProblem(p))
	}
	incoming := continuum.Snapshot{Continuum: book.Continuum, Targets: book.Targets, Students: book.Students,
		Evidence: book.Evidence, Overrides: book.Overrides, Units: book.Units, Flex: book.Flex, VisitNotes: book.VisitNotes}
	plan := continuum.PlanMerge(nil, nil, incoming)
	for _, rf := range plan.Refusals {
		r.Problems = append(r.Problems, fmt.Sprintf("%s %s: %s", rf.Section, rf.Key, rf.Reason))
	}
	change, err := plan.Change(nil)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	r.Continuum, r.Name = change.Continuum.ID, change.Continuum.Name

	if r.dir, err = os.MkdirTemp("", reviewDirPattern); err != nil {
		return nil, fmt.Errorf("review %s: make a temporary folder: %w", name, err)
	}
	// The merge's backup of the (empty) store lands next to the data
	// folder, so inside the temporary folder too.
	st, err := plannerstorage.Open(filepath.Join(r.dir, "store"), plannerstorage.Options{})
	if err != nil {
		os.RemoveAll(r.dir)
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	if _, err := st.ApplyMerge(ctx, change, nil); err != nil {
		st.Close()
		os.RemoveAll(r.dir)
		return nil, fmt.Errorf("review %s: %w", name, err)
	}
	r.st = st
	r.Store = ReadOnlyStore{Store: st}
	openReviews.Lock()
	openReviews.all[r] = true
	openReviews.Unlock()
	return r, nil
}

// reviewAsOf picks the day a workbook is a snapshot of: when it was
// exported, else the day its positions were calculated for, else when the
// file was last changed.
func reviewAsOf(about workbook.About, modified time.Time) (continuum.Date, ReviewDateSource) {
	switch {
	case !about.ExportedAt.IsZero():
		return continuum.DateOf(about.ExportedAt.Local()), ReviewDateExported
	case !about.PositionsOn.IsZero():
		return about.PositionsOn, ReviewDatePositions
	}
	return continuum.DateOf(modified.Local()), ReviewDateFile
}

// reviewProblem writes a problem of the workbook with its place, without
// the file's name (the banner names the file).
func reviewProblem(p workbook.Problem) string {
	if place := p.Place(); place != "" {
		return place + ": " + p.Message
	}
	return p.Message
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

// reviewError says in plain words why a workbook could not be opened for review.
func reviewError(name string, err error) error {
	switch {
	case errors.Is(err, workbook.ErrNotWorkbook):
		return fmt.Errorf("could not open %s for review: it is not an Excel workbook, or it is damaged or cut short. Open it in your spreadsheet program, save it as Excel Workbook (.xlsx) and open it again", name)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("could not open %s for review: there is no such file", name)
	}
	return fmt.Errorf("could not open %s for review: %s", name, continuum.ErrorMessage(err))
}

// reviewTitle is a review window's title: "Continuum Planner — Review of
// FILE", and once it is read, the day it is a snapshot of.
func reviewTitle(file string, r *Review) string {
	title := screen.Title + " — Review of " + file
	if r != nil {
		title += " — as of " + r.AsOf.Long() + " (read-only)"
	}
	return title
}

// NewReviewWindow returns a window for reviewing the workbook at path,
// as big as the main window was last.
func NewReviewWindow(a fyne.App, path string) fyne.Window {
	w := a.NewWindow(reviewTitle(filepath.Base(path), nil))
	p := a.Preferences()
	w.Resize(fyne.NewSize(
		float32(p.FloatWithFallback(prefWidth, 1100)),
		float32(p.FloatWithFallback(prefHeight, 720)),
	))
	return w
}

// reviewPlural counts problems for the banner.
func reviewPlural(problems []string) string {
	return screen.Plural(len(problems), "row", "rows") + " could not be read"
}

// reviewJoin lists problems for a dialog, at most most of them.
func reviewJoin(problems []string, most int) string {
	if len(problems) <= most {
		return strings.Join(problems, "\n")
	}
	return strings.Join(problems[:most], "\n") + fmt.Sprintf("\n… and %d more", len(problems)-most)
}
