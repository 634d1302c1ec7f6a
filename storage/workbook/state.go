package workbook

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// state is what the readers of one decoding share: the open package, the
// options, the problems and warnings found so far, and the progress made.
// What one layout's sheets share besides lives with that layout.
type state struct {
	ctx      context.Context
	opts     Options
	file     string
	x        *xlsxFile
	problems Problems
	warnings Problems

	progressTotal int64
	progressDone  int64
}

func newState(ctx context.Context, opts Options, x *xlsxFile) *state {
	return &state{ctx: ctx, opts: opts, file: opts.Name, x: x}
}

// problem records something refused.
func (st *state) problem(p Problem) {
	p.File = st.file
	st.problems = append(st.problems, p)
}

// warn records something ignored or guessed.
func (st *state) warn(p Problem) {
	p.File = st.file
	st.warnings = append(st.warnings, p)
}

// quiet returns a copy of st that starts with no problems or warnings, so
// that a trial reading (looking for a header row) reports nothing.
func (st *state) quiet() *state {
	q := *st
	q.problems, q.warnings = nil, nil
	return &q
}

// setupProgress sums the sizes of the sheets, when progress is reported.
func (st *state) setupProgress() {
	if st.opts.Progress == nil {
		return
	}
	for _, s := range st.x.sheets {
		if f := st.x.parts[strings.ToLower(s.part)]; f != nil {
			st.progressTotal += int64(f.UncompressedSize64)
		}
	}
}

// progressFor returns the progress callback of reading sheet ref, or nil.
func (st *state) progressFor(ref sheetRef) func(done, total int64) {
	if st.opts.Progress == nil || st.progressTotal <= 0 {
		return nil
	}
	base := st.progressDone
	if f := st.x.parts[strings.ToLower(ref.part)]; f != nil {
		st.progressDone += int64(f.UncompressedSize64)
	}
	return func(done, _ int64) {
		st.opts.Progress(min(float64(base+done)/float64(st.progressTotal), 1))
	}
}

// sheet returns the sheet named name (case-insensitively, ignoring surrounding spaces).
func (st *state) sheet(name string) (sheetRef, bool) {
	k := normHeader(name)
	for _, s := range st.x.sheets {
		if normHeader(s.name) == k {
			return s, true
		}
	}
	return sheetRef{}, false
}

// sheetName returns the name a sheet has in the workbook (its capitals), or name.
func (st *state) sheetName(name string) string {
	if ref, ok := st.sheet(name); ok {
		return ref.name
	}
	return name
}

// sheetList lists the workbook's sheets, quoted, for messages.
func (st *state) sheetList() string {
	names := make([]string, len(st.x.sheets))
	for i, s := range st.x.sheets {
		names[i] = fmt.Sprintf("%q", s.name)
	}
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// continuumName picks the continuum's name: the option, what the workbook
// says, or the file name without its extension.
func (st *state) continuumName(fromBook string) string {
	switch {
	case strings.TrimSpace(st.opts.Continuum) != "":
		return strings.TrimSpace(st.opts.Continuum)
	case strings.TrimSpace(fromBook) != "":
		return strings.TrimSpace(fromBook)
	}
	base := filepath.Base(st.file)
	return strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
}

// rawRow is a row kept in memory: standards lists are small.
type rawRow struct {
	num   int
	cells []cell
}

// loadRows reads the non-blank rows of a sheet into memory.
func (st *state) loadRows(ref sheetRef) ([]rawRow, error) {
	var rows []rawRow
	err := st.x.readWholeSheet(ref, func(n int, cells []cell) error {
		if err := st.ctx.Err(); err != nil {
			return err
		}
		if !blankCells(cells) {
			rows = append(rows, rawRow{num: n, cells: slices.Clone(cells)})
		}
		return nil
	}, st.progressFor(ref))
	return rows, err
}
