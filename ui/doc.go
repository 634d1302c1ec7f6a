// Package ui is Continuum Planner's desktop interface: the app shell with
// its continuum chooser and undo, and one screen per task (the continuum
// builder, the roster, scoring, the student profile), each a small
// controller over the store. Reusable widgets live in ui/widgets.
package ui
