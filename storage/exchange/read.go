package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// ErrNoList means a standards list has no sheet with a header row to map.
var ErrNoList = errors.New("it has no Targets sheet and no sheet with a header row")

// ReadOptions tune how a file is read for import or review.
type ReadOptions struct {
	// Name is the file's name as messages show it (default: the path's base name).
	Name string
	// Password opens a password-protected workbook.
	Password string
	// Continuum names the continuum, whatever the file says.
	Continuum string
	// Format says what the file is (one of ImportFormats: a workbook, a
	// CSV table, a CASE package, a Moodle framework, Canvas outcomes);
	// empty or workbook.FormatAuto recognises it by its content.
	Format string
	// Sheet names the sheet to read as a standards list.
	Sheet string
	// Map maps the fields of a standards list to its columns (workbook.ParseMap).
	Map map[string]string
	// LevelsAt, when not 0, takes each target's level from its ancestor
	// at that depth of a framework's tree (1 the top: a Moodle taxonomy
	// level, a Canvas group) instead of the items' education levels.
	LevelsAt int
	// DomainsAt, when not 0, names the domains by the items at that depth
	// of a framework's tree instead of the top-most ones.
	DomainsAt int
	// Progress, when set, is told now and then the share of the file read, from 0 to 1.
	Progress func(done float64)
}

// workbookOptions returns the options of the workbook decoder.
func (o ReadOptions) workbookOptions(path string) workbook.Options {
	name := o.Name
	if name == "" {
		name = filepath.Base(path)
	}
	return workbook.Options{Name: name, Password: o.Password, Continuum: o.Continuum, Format: o.Format, Sheet: o.Sheet, Map: o.Map, Progress: o.Progress}
}

// File is a workbook or standards list (xlsx or CSV) read from disk, not yet compared
// with any store.
type File struct {
	// Path is where the file was read from.
	Path string
	// Modified is when the file was last changed.
	Modified time.Time
	// Book is what the file holds, with the problems and warnings the
	// decoder found, each with its place.
	Book *workbook.Book
}

// Look takes a first look at the file at path, cheap even for a large
// one: the layout it will be read as, and the header and first rows of
// each sheet, so that a person can map a standards list's columns before
// Read. A standards list with no sheet to map gives an error wrapping
// ErrNoList; a file that cannot be read fails as Read does.
func Look(ctx context.Context, path string, opts ReadOptions, rows int) (*workbook.Preview, error) {
	wo := opts.workbookOptions(path)
	if kind := lookFramework(path, opts.Format); kind != "" {
		return &workbook.Preview{Layout: layoutOf(kind), Format: formatName(kind), List: -1}, nil
	}
	pv, err := workbook.PreviewFile(ctx, path, wo, rows)
	if err != nil {
		return nil, err
	}
	if pv.Layout == workbook.LayoutStandards && !slices.ContainsFunc(pv.Sheets, func(s workbook.SheetPreview) bool { return s.HeaderRow > 0 }) {
		return nil, fmt.Errorf("import %s: %w", wo.Name, ErrNoList)
	}
	return pv, nil
}

// Read decodes the workbook or standards list at path. The problems it
// finds in rows are in File.Book.Problems, with their places; an error
// is returned only when the file cannot be read at all: it wraps
// workbook.ErrNotWorkbook, workbook.ErrPasswordProtected (no password,
// or a wrong one), os.ErrNotExist or the context's error.
func Read(ctx context.Context, path string, opts ReadOptions) (*File, error) {
	wo := opts.workbookOptions(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", wo.Name, err)
	}
	if book, ok, err := readFramework(ctx, path, opts); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return &File{Path: path, Modified: fi.ModTime(), Book: book}, nil
	}
	book, err := workbook.DecodeFile(ctx, path, wo)
	if book == nil {
		if err == nil { // the decoder promises one or the other
			err = fmt.Errorf("import %s: the file could not be read", wo.Name)
		}
		return nil, err // the decoder's errors name the operation and the file
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("import %s: %w", wo.Name, err)
	}
	return &File{Path: path, Modified: fi.ModTime(), Book: book}, nil
}

// Name is the file's name as messages show it.
func (f *File) Name() string { return f.Book.About.File }

// Snapshot is what the file brings, as continuum.PlanMerge takes it.
func (f *File) Snapshot() continuum.Snapshot {
	b := f.Book
	return continuum.Snapshot{Continuum: b.Continuum, Targets: b.Targets, Students: b.Students,
		Evidence: b.Evidence, Overrides: b.Overrides, Units: b.Units, Flex: b.Flex, VisitNotes: b.VisitNotes,
		Calibration: b.Calibration}
}

// Source is what planning an import and an export read from a store.
type Source interface {
	// Continuum returns the continuum with the given ID.
	Continuum(ctx context.Context, id string) (continuum.Continuum, error)
	// FindContinuum returns the continuum whose name (or ID) is nameOrID.
	FindContinuum(ctx context.Context, nameOrID string) (continuum.Continuum, error)
	// Graph returns the continuum with its targets.
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	// Students returns the whole roster.
	Students(ctx context.Context) ([]continuum.Student, error)
	// Evidence returns the evidence matching f.
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	// Overrides returns the continuum's overrides.
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	// Units returns the continuum's units.
	Units(ctx context.Context, continuumID string) ([]continuum.Unit, error)
	// FlexBlocks returns the continuum's flex blocks.
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
	// VisitNotes returns the notes on the continuum.
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
	// CalibrationScores returns the continuum's calibration scores.
	CalibrationScores(ctx context.Context, continuumID string) ([]continuum.CalibrationScore, error)
}

// FindStored returns the stored continuum a file of continuum id and name
// belongs to: the one with that ID, else the one with that name
// (case-insensitively); nil when the store has neither. A continuum
// renamed in the store is still found by its ID, and a teacher's list
// without an ID by its name.
func FindStored(ctx context.Context, s Source, id, name string) (*continuum.Continuum, error) {
	if id = strings.TrimSpace(id); id != "" {
		c, err := s.Continuum(ctx, id)
		if err == nil {
			return &c, nil
		}
		if !errors.Is(err, continuum.ErrNotFound) {
			return nil, err
		}
	}
	if name = strings.TrimSpace(name); name != "" {
		c, err := s.FindContinuum(ctx, name)
		if err == nil {
			return &c, nil
		}
		if !errors.Is(err, continuum.ErrNotFound) {
			return nil, err
		}
	}
	return nil, nil
}

// snapshot reads the stored continuum c with everything recorded in it,
// and the whole roster.
func snapshot(ctx context.Context, s Source, c continuum.Continuum) (*continuum.Snapshot, error) {
	g, err := s.Graph(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	snap := &continuum.Snapshot{Continuum: c, Targets: g.Targets}
	if snap.Students, err = s.Students(ctx); err != nil {
		return nil, err
	}
	if snap.Evidence, err = s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); err != nil {
		return nil, err
	}
	if snap.Overrides, err = s.Overrides(ctx, c.ID, ""); err != nil {
		return nil, err
	}
	if snap.Units, err = s.Units(ctx, c.ID); err != nil {
		return nil, err
	}
	if snap.Flex, err = s.FlexBlocks(ctx, c.ID); err != nil {
		return nil, err
	}
	if snap.VisitNotes, err = s.VisitNotes(ctx, c.ID); err != nil {
		return nil, err
	}
	if snap.Calibration, err = s.CalibrationScores(ctx, c.ID); err != nil {
		return nil, err
	}
	return snap, nil
}
