// Package profile is the student profile screen: one student on the
// continuum being worked on, with their position on each domain, the
// continuum coloured by their mastery, the evidence behind each judgement
// and the flex supports they had.
package profile
