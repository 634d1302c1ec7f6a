// Package transfer is the app's way in and out for files. Export… writes
// the continuum being worked on as a workbook with everything (the whole
// roster or one group), or its standards alone as a CASE package (JSON),
// a Moodle competency framework or Canvas outcomes (CSV). Import… reads a
// colleague's workbook, a teacher's standards list (after its columns are
// mapped, or with the mapping remembered for lists with the same
// headers), an OpenSALT CASE spreadsheet, a CASE package, a Moodle
// framework or Canvas outcomes into a preview of what it would add,
// change or refuse, with each conflict side by side, and applies it when
// the teacher says so.
//
// Import… also recognises, as continuumctl import does and in its order,
// a OneRoster set (zipped), a class list as a school's system exports one
// and a score sheet. A class list, or a OneRoster set chosen as a file or
// a folder by the Students screen's Import class list…, goes to the
// roster's preview: the set's classes ticked first, a list whose columns
// are not recognised mapped first (and the mapping remembered), then who
// is added, who changes and how, who has left, and the near-misses, each
// with the teacher's word on whether it is the same person. A score sheet
// goes to the scores' preview: who each student is, which target each
// column is, the point each word or letter is read as (changeable, and
// remembered for the next file), the date of undated scores, and what is
// left out.
//
// The work itself is package exchange's, the same the command line runs,
// so the app and continuumctl cannot disagree on what a file means; this
// package adds the dialogs, the progress with Cancel, and the telling of
// the other screens what an import changed.
package transfer
