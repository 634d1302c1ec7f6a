// Package assets holds the resources bundled into the app: its icon and
// the navigation's icons.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the app icon (512×512 PNG).
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

//go:embed icons/*.svg
var icons embed.FS

// Navigation icons, drawn in black on 24×24 for the theme to colour
// (theme.NewThemedResource): each shows what its screen is about.
var (
	// StudentsIcon is the roster: two people.
	StudentsIcon = svg("students.svg")
	// ProfileIcon is one student.
	ProfileIcon = svg("profile.svg")
	// ClassMapIcon is the class map: a grid of cells, some filled.
	ClassMapIcon = svg("classmap.svg")
	// FlexIcon is flex time: small groups with students moving between them.
	FlexIcon = svg("flex.svg")
	// CalibrationIcon is calibration: a balance.
	CalibrationIcon = svg("calibration.svg")
)

// svg reads a bundled icon; a name that is not bundled is a programming
// error that the assets test catches.
func svg(name string) fyne.Resource {
	data, err := icons.ReadFile("icons/" + name)
	if err != nil {
		return nil
	}
	return fyne.NewStaticResource(name, data)
}
