package storage

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// prefixCalibration holds the calibration scores entered in the app:
// k/<cid>/<lower(code)>/<sample>/<scorer> → CalibrationScore, where sample
// and scorer are lower-cased and escaped (calibrationPart). KEYS.md is the
// reference.
const prefixCalibration = "k/"

// maxCalibrationName is how long a sample's or a scorer's name may be.
const maxCalibrationName = 100

// calibrationEscaper makes free text a key part: '/' separates parts and
// '%' escapes, so both are written as %XX.
var calibrationEscaper = strings.NewReplacer("%", "%25", "/", "%2F")

// calibrationPart is the key form of a sample's or a scorer's name: names
// are unique case-insensitively, as Calibrate compares them.
func calibrationPart(name string) string {
	return calibrationEscaper.Replace(strings.ToLower(strings.TrimSpace(name)))
}

func calibrationPrefix(cid string) []byte { return []byte(prefixCalibration + cid + "/") }

func calibrationKey(cid, code, sample, scorer string) []byte {
	return []byte(prefixCalibration + cid + "/" + foldCode(code) + "/" + calibrationPart(sample) + "/" + calibrationPart(scorer))
}

// CalibrationScores returns the continuum's calibration scores, by target
// code, then sample, then scorer.
func (s *Store) CalibrationScores(ctx context.Context, continuumID string) ([]continuum.CalibrationScore, error) {
	var out []continuum.CalibrationScore
	err := s.view(ctx, func(txn *badger.Txn) error {
		if _, err := loadContinuum(txn, continuumID); err != nil {
			return err
		}
		return scanValues(ctx, txn, calibrationPrefix(continuumID), func(_ []byte, c *continuum.CalibrationScore) error {
			out = append(out, *c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read calibration scores: %w", err)
	}
	slices.SortFunc(out, func(a, b continuum.CalibrationScore) int {
		return cmp.Or(
			cmp.Compare(foldCode(a.Target), foldCode(b.Target)),
			cmp.Compare(strings.ToLower(a.Sample), strings.ToLower(b.Sample)),
			cmp.Compare(strings.ToLower(a.Scorer), strings.ToLower(b.Scorer)))
	})
	return out, nil
}

// PutCalibrationScores adds or replaces scores in one change. Each must
// name a sample and a scorer, be on a target of the continuum (stored
// with the code as the continuum writes it) and be a point of its scale;
// the first that is not is refused, named, and nothing is stored.
func (s *Store) PutCalibrationScores(ctx context.Context, continuumID string, scores ...continuum.CalibrationScore) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		g, err := loadGraph(ctx, txn, continuumID)
		if err != nil {
			return err
		}
		ch.what = thousands(len(scores)) + " calibration scores"
		for _, sc := range scores {
			if err := putCalibrationScore(ch, g, sc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save calibration scores: %w", err)
	}
	return nil
}

// putCalibrationScore checks a score against the continuum g, as
// PutCalibrationScores promises, and prepares its write: names trimmed,
// the code as the continuum writes it.
func putCalibrationScore(ch *change, g *continuum.Graph, sc continuum.CalibrationScore) error {
	sc.Sample, sc.Scorer, sc.Note = strings.TrimSpace(sc.Sample), strings.TrimSpace(sc.Scorer), strings.TrimSpace(sc.Note)
	sc.Place = ""
	if err := checkCalibrationName("sample", sc.Sample); err != nil {
		return err
	}
	if err := checkCalibrationName("scorer", sc.Scorer); err != nil {
		return err
	}
	t, ok := g.Target(sc.Target)
	if !ok {
		return continuum.NotFoundf("calibration.target", "%s has no target %s (sample %s, scored by %s)",
			g.Continuum.Name, strings.TrimSpace(sc.Target), sc.Sample, sc.Scorer)
	}
	sc.Target = t.Code
	scale := &g.Continuum.Scale
	if _, ok := scale.Point(sc.Score); !ok {
		return continuum.Invalidf("calibration.score", "%s scored %s on %s as %s, which is not on the scale (%s)",
			sc.Scorer, sc.Sample, sc.Target, continuum.FormatScore(sc.Score), scalePoints(scale))
	}
	return ch.put(calibrationKey(g.Continuum.ID, sc.Target, sc.Sample, sc.Scorer), sc)
}

// mergeCalibrationOps prepares the writes of a merge's calibration
// scores, checked as PutCalibrationScores checks them against the merged
// continuum g; each adds a score or replaces the one its scorer gave the
// sample on the target.
func mergeCalibrationOps(ch *change, g *continuum.Graph, mc continuum.MergeChange) error {
	for i, sc := range mc.Calibration {
		if err := putCalibrationScore(ch, g, sc); err != nil {
			return inRecord(err, "calibration score", i, len(mc.Calibration))
		}
	}
	return nil
}

// DeleteCalibrationScore removes the score scorer gave sample on target.
func (s *Store) DeleteCalibrationScore(ctx context.Context, continuumID, sample, target, scorer string) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		key := calibrationKey(continuumID, target, sample, scorer)
		ok, err := exists(txn, key)
		if err != nil {
			return err
		}
		if !ok {
			return continuum.NotFoundf("calibration", "there is no score by %s of sample %s on %s",
				strings.TrimSpace(scorer), strings.TrimSpace(sample), strings.TrimSpace(target))
		}
		ch.del(key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete calibration score: %w", err)
	}
	return nil
}

// checkCalibrationName checks a sample's or a scorer's name: present,
// printable, and short enough for a key.
func checkCalibrationName(what, name string) error {
	field := "calibration." + what
	if name == "" {
		return continuum.Invalidf(field, "a calibration score needs a %s", what)
	}
	if n := len([]rune(name)); n > maxCalibrationName {
		return continuum.Invalidf(field, "the %s %.20q… is %d characters long; keep it to %d", what, name, n, maxCalibrationName)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return continuum.Invalidf(field, "the %s %q holds a control character", what, name)
		}
	}
	return nil
}

// scalePoints lists a scale's points for messages: "1 Beginning, 2 Developing".
func scalePoints(s *continuum.Scale) string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, ", ")
}

// calibrationRemoval prepares in ch the deletion of every calibration
// score, of every continuum, whose sample or note names st, and counts them.
func calibrationRemoval(ctx context.Context, txn *badger.Txn, ch *change, st *continuum.Student) (int, error) {
	n := 0
	err := scanValues(ctx, txn, []byte(prefixCalibration), func(key []byte, c *continuum.CalibrationScore) error {
		if st.NamedIn(c.Sample) || st.NamedIn(c.Note) {
			n++
			ch.del(bytes.Clone(key))
		}
		return nil
	})
	return n, err
}
