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
// The work itself is package exchange's, the same the command line runs,
// so the app and continuumctl cannot disagree on what a file means; this
// package adds the dialogs, the progress with Cancel, and the telling of
// the other screens what an import changed.
package transfer
