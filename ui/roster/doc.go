// Package roster is the Students screen: the class list with search and a
// group filter, and a form to add, edit and remove a student and set
// where they start on the continuum being worked on.
package roster
