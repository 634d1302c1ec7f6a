//go:build !linux

package main

// displayProblem returns nil: on Windows and macOS the desktop is always
// there when the app is started from it.
func displayProblem() error { return nil }
