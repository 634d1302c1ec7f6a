// Package units is the unit-planning screen: the term's units of the
// chosen continuum on a week-by-week calendar, and for the unit chosen its
// readiness, its progress and its plan, edited in the unit editor.
package units
