// Package scoring is the scoring screen: evidence recorded fast from the
// keyboard, one target for a group of students or one student across many
// targets, with each row's history open for editing (EvidenceEditor).
package scoring
