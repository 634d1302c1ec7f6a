// Package reportcard is the report-card screen: the standards of a
// district's report card that the chosen continuum's targets roll up
// into, each with its rule explained in one sentence; an editor that maps
// targets to a standard; each student's level on each standard, and why;
// and the CSV a school's information system imports.
package reportcard
