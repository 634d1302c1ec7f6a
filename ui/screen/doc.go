// Package screen is what every screen of Continuum Planner builds on: the
// Workspace the screens share (the continuum being worked on, undo, the
// changes announced), Run for work off the UI goroutine, Base for the
// load lifecycle, friendly errors, the workbook file dialogs, and the
// coach's notes shown beside a target or unit. Screens import it and
// ui/widgets; they never import one another.
package screen

// Title is the app's name; every window's title starts with it.
const Title = "Continuum Planner"
