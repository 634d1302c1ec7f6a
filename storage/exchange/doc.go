// Package exchange moves a continuum between the store and files: it
// imports a workbook or a teachers' standards list (read, find the stored
// continuum by ID then name, plan the merge, back up, apply), exports one,
// and opens one for review in a temporary store.
//
// The app and the command line both run these use cases through this
// package, so that they behave alike. It talks to the store only through
// the interfaces of package continuum: it never opens a data folder
// itself (a review is handed a function that opens its temporary store).
//
// An import runs in two phases, so that a person can see what it would do
// first: Read (or Look first, for a standards list whose columns are to be
// mapped), then File.Plan against the store, which a preview shows and
// the teacher's choices on conflicts adjust, then Plan.Apply.
package exchange
