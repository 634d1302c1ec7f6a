// Package classmap is the class map screen: the whole class on the
// continuum being worked on as a heat map of students by targets, with
// filters, orders and one-click questions (who is stuck, who is ready for
// extension), and a panel to see a cell's evidence and score it.
package classmap
