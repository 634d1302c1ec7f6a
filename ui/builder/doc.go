// Package builder is the continuum builder screen: a continuum at a glance
// as a grid of target cards (levels across, domains down), the actions on
// continua (new, rename, duplicate, delete, settings), the target editor
// and a search that finds targets by code or words.
package builder
