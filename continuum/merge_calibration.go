package continuum

import (
	"fmt"
	"slices"
	"strings"
)

// SectionCalibration is the section of a merge preview for the scores of
// a PLC's calibration exercise, named after the workbook's sheet.
const SectionCalibration = "Calibration"

// Key names the score as a merge preview and its messages do: "Essay B on
// NO.1.1 by AB".
func (s CalibrationScore) Key() string {
	return strings.TrimSpace(strings.TrimSpace(s.Sample) + " on " + strings.TrimSpace(s.Target) + " by " + strings.TrimSpace(s.Scorer))
}

// calibrationKey is what makes two calibration scores the score of one
// scorer on one sample and target, as the store keys them: names and code
// compared without regard to case.
type calibrationKey struct{ target, sample, scorer string }

func keyOfCalibration(s CalibrationScore) calibrationKey {
	return calibrationKey{strings.ToLower(NormalizeCode(s.Target)), strings.ToLower(strings.TrimSpace(s.Sample)),
		strings.ToLower(strings.TrimSpace(s.Scorer))}
}

// calibrationDiff names the fields in which two scores of one scorer,
// sample and target differ.
func calibrationDiff(a, b CalibrationScore) []string {
	var out []string
	if a.Score != b.Score {
		out = append(out, "score")
	}
	if strings.TrimSpace(a.Note) != strings.TrimSpace(b.Note) {
		out = append(out, "note")
	}
	return out
}

// calibrationField writes a field of a calibration score.
func calibrationField(s CalibrationScore, field string) string {
	switch field {
	case "score":
		return FormatScore(s.Score)
	case "note":
		return orDash(s.Note)
	}
	return s.Key()
}

// planCalibration merges the incoming calibration scores. Each belongs to
// its scorer: a score by a scorer, on a sample and target, that the store
// does not hold is added; one it holds exactly is unchanged; one it holds
// with another score or note is a conflict, kept as stored unless the
// teacher takes theirs. So a colleague's scores arrive under her name
// beside the teacher's own, and never replace them unasked. A score on a
// target the merged continuum does not have, or off its scale, is refused,
// and so is a second, different score by the same scorer in the workbook.
func (p *Plan) planCalibration(mine *Snapshot, incoming []CalibrationScore, known map[string]string) {
	if len(incoming) == 0 {
		return
	}
	stored := map[calibrationKey]CalibrationScore{}
	if mine != nil {
		for _, s := range mine.Calibration {
			stored[keyOfCalibration(s)] = s
		}
	}
	seen := map[calibrationKey]CalibrationScore{}
	for _, s := range incoming {
		s.Sample, s.Scorer, s.Note, s.Place = strings.TrimSpace(s.Sample), strings.TrimSpace(s.Scorer), strings.TrimSpace(s.Note), ""
		key := s.Key()
		code, ok := known[strings.ToLower(NormalizeCode(s.Target))]
		switch {
		case s.Sample == "" || s.Scorer == "":
			p.refuse(SectionCalibration, key, "a calibration score needs a sample and a scorer")
			continue
		case !ok:
			p.refuse(SectionCalibration, key, fmt.Sprintf("target %s is not a target of %s", strings.TrimSpace(s.Target), p.Continuum.Name))
			continue
		}
		s.Target = code
		if _, ok := p.Continuum.Scale.Point(s.Score); !ok {
			p.refuse(SectionCalibration, key, fmt.Sprintf("%s is not on the scale (%s)", FormatScore(s.Score), p.Continuum.Scale.describe()))
			continue
		}
		k := keyOfCalibration(s)
		if first, dup := seen[k]; dup {
			if len(calibrationDiff(first, s)) > 0 {
				p.refuse(SectionCalibration, key, fmt.Sprintf("%s scored this sample twice in the workbook (%s, then %s); keep one score",
					s.Scorer, FormatScore(first.Score), FormatScore(s.Score)))
			} else {
				p.count(SectionCalibration, Unchanged) // the same score written twice
			}
			continue
		}
		seen[k] = s
		old, ok := stored[k]
		switch diff := calibrationDiff(old, s); {
		case !ok:
			p.calibration = append(p.calibration, s)
			p.count(SectionCalibration, Added)
		case len(diff) == 0:
			p.count(SectionCalibration, Unchanged)
		default:
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionCalibration, Key: old.Key(), Fields: diff, Mine: old, Theirs: s})
			p.count(SectionCalibration, Conflicting)
		}
	}
}

// calibrationAfter returns the calibration scores a merge writes once the
// teacher has chosen: the new ones, then those whose conflict she resolved
// by taking theirs.
func (p *Plan) calibrationAfter() []CalibrationScore {
	out := slices.Clone(p.calibration)
	for _, c := range p.Conflicts {
		if s, ok := c.Theirs.(CalibrationScore); ok && c.Choice == TakeTheirs {
			out = append(out, s)
		}
	}
	return out
}
