// Package standards reads and writes the files other systems keep
// standards frameworks in: CASE packages (1EdTech Competencies and
// Academic Standards Exchange, JSON), Moodle competency frameworks (CSV)
// and Canvas outcomes (CSV). Readers fill a framework.Framework, which
// framework.Build turns into a continuum; writers take a continuum with
// its targets and write what the other system's importer accepts,
// identifiers, hierarchy, associations, scale and method included.
package standards

import (
	"github.com/continuum-planner/planner/continuum/framework"
)

// Problem is why a file cannot be read at all, with its place: the file
// is not of the format, or a part every reader needs is missing.
type Problem struct {
	// Place is where in the file; its zero value means the whole file.
	Place framework.Place
	// Message says what was expected and what to do, in plain words.
	Message string
}

func (p *Problem) Error() string {
	if s := p.Place.String(); s != "" {
		return s + ": " + p.Message
	}
	return p.Message
}
