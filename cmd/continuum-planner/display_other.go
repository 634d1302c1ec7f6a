//go:build !linux

package main

// displayNameProblem returns nil: on Windows and macOS the desktop is
// always there when the app is started from it.
func displayNameProblem() error { return nil }

// displayProblem returns nil, as displayNameProblem does.
func displayProblem() error { return nil }
