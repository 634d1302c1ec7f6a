package exchange

import (
	"errors"
	"io"

	"github.com/continuum-planner/planner/continuum"
)

var errPending = errors.New("moodle: not yet")

func writeMoodle(io.Writer, continuum.Continuum, []continuum.Target) error { return errPending }
