// Package ui is the shell of Continuum Planner's desktop app: the main
// window with its continuum chooser, undo, and Import…, Export… and Open
// for review… actions; one tab per screen, reached with Ctrl+1 … or
// --view; the welcome screen of an empty store; and the read-only window
// of a review. The screens themselves are packages of their own under
// ui/ (builder, roster, scoring, profile, classmap, flex, units, notes,
// calibration, transfer), built on ui/screen and ui/widgets. The shell
// reaches the store only through continuum's interfaces: cmd/ hands it
// Services.
package ui
