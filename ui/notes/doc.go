// Package notes is the visit notes screen: a coach writes notes on a
// visit to a class (on the continuum, a target, a unit or a group,
// against a look-for from the coach's list), edits and deletes them
// undoably, and exports them as a workbook for the teacher to import.
package notes
