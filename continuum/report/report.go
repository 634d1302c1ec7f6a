// Package report turns a continuum, a student's evidence and a date into
// the content of a progress report that a student and a family can read:
// what I can do now, what I am working on next and what it looks like,
// what to revisit, pace in words and growth over the term. It also rolls
// fine-grained learning targets up into the levels of a district's report
// card standards.
//
// Everything here is pure: the words come from a Catalog (one per
// language, loaded from a translation file by the caller), and drawing a
// report on paper or on screen is an adapter's job (storage/report).
package report

import (
	"github.com/continuum-planner/planner/continuum"
)

// Report is one student's progress report, every sentence already in the
// report's language. An adapter draws it as it is, without adding words.
type Report struct {
	// Lang is the language of the report's own words ("en", "es").
	Lang string
	// Title is the report's heading, e.g. "Progress report".
	Title string
	// Student is the student's name as the teacher wrote it.
	Student string
	// StudentID is the student's ID in the app.
	StudentID string
	// Grade and Group say where the student is, when known.
	Grade, Group string
	// Continuum is the continuum's name.
	Continuum string
	// AsOf is the day the report describes, already written in the
	// report's language ("December 2, 2026", "2 de diciembre de 2026").
	AsOf string
	// Date is AsOf as a date.
	Date continuum.Date
	// Intro is one or two sentences on how to read the report.
	Intro string
	// Sections are academics first, then transferable skills, then habits
	// of success, each with its domains; empty sections are left out.
	Sections []Section
	// Recent are a few recent pieces of evidence, newest first, with the
	// teacher's notes.
	Recent []EvidenceLine
	// Comment is what the teacher wrote for this report (may be empty).
	Comment string
	// Labels are the report's fixed words, in its language.
	Labels Labels
	// Empty, when not empty, is the sentence shown instead of the sections
	// when the continuum has no targets or the student no evidence yet.
	Empty string
}

// Labels are the headings and fixed words of a report, in its language.
type Labels struct {
	CanNow, WorkingOn, Revisit, LooksLike, Growth, Recent, Comment, Pace string
	// Nothing is said under a heading with no entries ("Nothing yet").
	Nothing string
	// GrowthAxis names the growth picture's vertical axis ("targets mastered").
	GrowthAxis string
	// Page is "Page %d of %d" in the report's language.
	Page string
}

// Section groups the domains of one category (academics, transferable
// skills, habits of success): they are reported apart, never mixed.
type Section struct {
	// Category is the domains' category.
	Category continuum.Category
	// Heading is the category's name in the report's language.
	Heading string
	// Domains are the category's domains in the continuum's order.
	Domains []DomainReport
}

// DomainReport is what a student can do, works on and should revisit in
// one domain, and how the domain has grown over the term.
type DomainReport struct {
	// Name is the domain's name.
	Name string
	// Summary is one sentence such as "12 of 20 targets mastered".
	Summary string
	// Pace is the pace against the plan in words ("on pace", "2 targets
	// ahead"); empty when the continuum has no plan.
	Pace string
	// CanNow are the statements of the mastered targets ("I can now…").
	CanNow []Line
	// WorkingOn are the targets ready next ("I'm working on…"), each with
	// what it looks like when reached.
	WorkingOn []Line
	// Revisit are the gaps ("Let's revisit…").
	Revisit []Line
	// Growth is how many of the domain's targets were mastered at each
	// point of the term, oldest first (at least two points when there is
	// any evidence).
	Growth []GrowthPoint
	// Mastered and Total count the domain's targets.
	Mastered, Total int
}

// Line is one target as a report says it.
type Line struct {
	// Code is the target's code (adapters may leave it out).
	Code string
	// Text is the target's statement, as the teacher wrote it.
	Text string
	// LooksLike is the proficient descriptor ("what it looks like"), for
	// targets being worked on; empty when the target has none.
	LooksLike string
}

// GrowthPoint is the number of a domain's targets mastered on a day.
type GrowthPoint struct {
	// Date is the day.
	Date continuum.Date
	// Label is the day as the picture's axis writes it ("Sep", "sept.").
	Label string
	// Mastered is how many targets were mastered by then.
	Mastered int
}

// EvidenceLine is one recent piece of evidence as a report says it.
type EvidenceLine struct {
	// Date is the day, in the report's language.
	Date string
	// Target is the target's statement (its code when it has none).
	Target string
	// Level is the scale's own label for the score ("Proficient"), never a number.
	Level string
	// Note is the teacher's note on the evidence (may be empty).
	Note string
}

// Cover is the teacher's page at the front of a group's reports.
type Cover struct {
	// Title is e.g. "Progress reports: Period 2".
	Title string
	// Lines are the cover's sentences (continuum, date, how many students,
	// what each page holds).
	Lines []string
	// Students are the students' names in page order.
	Students []string
}
