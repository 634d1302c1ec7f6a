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
//
// # Building a progress report
//
// Load the words once per language, then build one report per student:
//
//	data, _ := assets.ReportWords("es") // or any translation file
//	cat, err := report.LoadCatalog(data)
//	r, err := report.Build(report.Input{
//		Graph: g, Student: st, Evidence: ev, Overrides: ov,
//		AsOf: day, Catalog: cat, Comment: comment,
//	})
//	cover := report.BuildCover(cat, "Period 2", g.Continuum.Name, day, students)
//
// Build takes one student's evidence and overrides (a store hands them
// over per student); it never judges the rest of the class. Evidence and
// overrides dated after AsOf are left out, so a report can be rebuilt as
// it stood on any day. Per domain, with academics, transferable skills
// and habits of success in sections of their own:
//
//   - CanNow are the mastered targets' statements (by evidence, placement
//     or override);
//   - WorkingOn are the targets ready next (Position.ReadyNext), each with
//     its descriptor at the scale's first point that counts as mastered
//     as LooksLike;
//   - Revisit are the gaps (Position.Gaps);
//   - Pace is Position.Pace in words ("2 targets ahead"), empty without a
//     plan;
//   - Growth counts the mastered targets on the term's first day (what the
//     student brought: only earlier evidence counts), at the end of each
//     month after it (one within a week of AsOf left out) and on AsOf. The
//     term starts on the pacing plan's start, or without a plan on the
//     student's first evidence.
//
// Recent are the newest pieces of evidence (DefaultRecent unless
// Input.Recent says otherwise) with their notes, each level named by the
// scale's own label. A report never shows a score, a decimal or a
// mastery method. A continuum without targets, or a student with no
// evidence and no override by AsOf, gives a report whose Empty sentence
// says so; an inactive student gets a report like anyone else.
//
// # Translation files
//
// A Catalog is read from JSON: {"lang": "es", "name": "Español",
// "words": {key: text}}, with every key of Keys. Texts fill named
// placeholders such as {student} or {n}; a key that counts takes forms
// instead of a text: {"=0": "…", "one": "…", "other": "{n} …"}, an exact
// count winning over "one" (a count of 1), and "other" required. Dates
// use the file's month names and order ("{day} de {month} de {year}").
// A missing key, a placeholder the key does not fill, or a count without
// "other" is refused with the key and the file named. Another language
// is another file (assets/i18n/report.<lang>.json), not code.
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
