package storage

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func calib(sample, target, scorer string, score float64) continuum.CalibrationScore {
	return continuum.CalibrationScore{Sample: sample, Target: target, Scorer: scorer, Score: score}
}

func TestCalibrationScoresRoundTrip(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	// Given scores entered with codes and names in any case, and a sample
	// name holding the characters a key part escapes,
	must(t, s.PutCalibrationScores(ctx, c.ID,
		calib("Essay B", "num.k.1", "Ana", 3),
		calib(" Essay A ", "NUM.K.1", "Ben", 2),
		calib("50% of 1/2", "geo.2.1", "Ana", 4),
		continuum.CalibrationScore{Sample: "Essay A", Target: "NUM.K.1", Scorer: "Ana", Score: 2, Note: " counts on ", Place: "not kept"},
	))
	got, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	// then they come back trimmed, with the continuum's codes, by target, sample and scorer.
	want := []continuum.CalibrationScore{
		calib("50% of 1/2", "GEO.2.1", "Ana", 4),
		{Sample: "Essay A", Target: "NUM.K.1", Scorer: "Ana", Score: 2, Note: "counts on"},
		calib("Essay A", "NUM.K.1", "Ben", 2),
		calib("Essay B", "NUM.K.1", "Ana", 3),
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scores\n got %+v\nwant %+v", got, want)
	}
	if n := countPrefix(t, s, []byte("k/"+c.ID+"/geo.2.1/50%25 of 1%2F2/")); n != 1 {
		t.Errorf("escaped key: %d records under it", n)
	}

	// A scorer's second score of a sample replaces the first, whatever the case.
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("ESSAY B", "NUM.K.1", "ana", 4)))
	got, err = s.CalibrationScores(ctx, c.ID)
	must(t, err)
	if len(got) != 4 || got[3].Score != 4 || got[3].Sample != "ESSAY B" {
		t.Errorf("after replacing: %+v", got)
	}

	// Deleting needs the sample, target and scorer, in any case.
	must(t, s.DeleteCalibrationScore(ctx, c.ID, "essay b", "num.k.1", "ANA"))
	if err := s.DeleteCalibrationScore(ctx, c.ID, "essay b", "num.k.1", "ANA"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if got, _ := s.CalibrationScores(ctx, c.ID); len(got) != 3 {
		t.Errorf("after delete: %+v", got)
	}
	if _, err := s.CalibrationScores(ctx, "nope"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("scores of a continuum that does not exist: %v", err)
	}
}

func TestCalibrationScoresRefusedWhole(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3)))
	for _, tt := range []struct {
		name  string
		score continuum.CalibrationScore
		kind  error
		field string
		says  string
	}{
		{"off the scale", calib("Essay B", "NUM.K.1", "Ben", 7), continuum.ErrInvalid, "calibration.score",
			"Ben scored Essay B on NUM.K.1 as 7, which is not on the scale (1 Beginning, 2 Developing, 3 Proficient, 4 Extending)"},
		{"half a point the scale lacks", calib("Essay B", "NUM.K.1", "Ben", 2.5), continuum.ErrInvalid, "calibration.score", "as 2.5"},
		{"unknown target", calib("Essay B", "ART.1", "Ben", 3), continuum.ErrNotFound, "calibration.target", "Mathematics has no target ART.1"},
		{"no sample", calib("  ", "NUM.K.1", "Ben", 3), continuum.ErrInvalid, "calibration.sample", "needs a sample"},
		{"no scorer", calib("Essay B", "NUM.K.1", "", 3), continuum.ErrInvalid, "calibration.scorer", "needs a scorer"},
		{"a control character", calib("Essay\tB", "NUM.K.1", "Ben", 3), continuum.ErrInvalid, "calibration.sample", "control character"},
		{"a name too long", calib(strings.Repeat("x", 101), "NUM.K.1", "Ben", 3), continuum.ErrInvalid, "calibration.sample", "keep it to 100"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Given a good score and a bad one saved together, nothing is stored.
			err := s.PutCalibrationScores(ctx, c.ID, calib("Essay C", "NUM.K.1", "Ben", 2), tt.score)
			if !errors.Is(err, tt.kind) || continuum.ErrorField(err) != tt.field || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v (field %q), want %v on %s saying %q", err, continuum.ErrorField(err), tt.kind, tt.field, tt.says)
			}
			if got, _ := s.CalibrationScores(ctx, c.ID); len(got) != 1 {
				t.Errorf("something was stored: %+v", got)
			}
		})
	}
	if err := s.PutCalibrationScores(ctx, "nope", calib("Essay B", "NUM.K.1", "Ben", 3)); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("a continuum that does not exist: %v", err)
	}
}

func TestCalibrationScoresPurgedWithTheirContinuum(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	other := continuum.NewContinuum("Reading", "1")
	other.Domains = []continuum.Domain{{Name: "Fluency", Category: continuum.Academic}}
	must(t, s.CreateContinuum(ctx, &other, []continuum.Target{{Code: "RD.1", Statement: "I can read.", Domain: "Fluency", Level: "1", Order: 1}}))
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3), calib("Essay A", "NUM.K.1", "Ben", 2)))
	must(t, s.PutCalibrationScores(ctx, other.ID, calib("Essay A", "RD.1", "Ana", 3)))
	must(t, s.DeleteContinuum(ctx, c.ID))
	if n := countPrefix(t, s, calibrationPrefix(c.ID)); n != 0 {
		t.Errorf("%d calibration scores left after deleting the continuum", n)
	}
	if got, err := s.CalibrationScores(ctx, other.ID); err != nil || len(got) != 1 {
		t.Errorf("the other continuum's scores: %+v %v", got, err)
	}
}

func TestCalibrationScoresSurviveBackupAndRestore(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3), calib("Essay A", "NUM.K.1", "Ben", 2)))
	want, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	var backup bytes.Buffer
	must(t, s.Backup(&backup))
	must(t, s.DeleteCalibrationScore(ctx, c.ID, "Essay A", "NUM.K.1", "Ben"))
	if _, err := s.Restore(bytes.NewReader(backup.Bytes())); err != nil {
		t.Fatalf("a backup with calibration scores is refused: %v", err)
	}
	got, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after restore\n got %+v\nwant %+v", got, want)
	}
}

// Given stored calibration scores, when a merge brings a colleague's
// scores (a code in other capitals) and a replacement of one stored
// score, then they are stored beside the others with the continuum's
// code; a merge with a score off the scale is refused, naming it, and
// stores nothing.
func TestApplyMergeStoresCalibrationScores(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3), calib("Essay B", "NUM.K.1", "Ana", 2)))
	mc := continuum.MergeChange{Continuum: c, Calibration: []continuum.CalibrationScore{
		calib(" Essay A", "num.k.1", "Ben", 2),
		{Sample: "essay b", Target: "NUM.K.1", Scorer: "ana", Score: 3, Note: "taken from the workbook"},
	}}
	_, err := s.ApplyMerge(ctx, mc, nil)
	must(t, err)
	got, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	want := []continuum.CalibrationScore{
		calib("Essay A", "NUM.K.1", "Ana", 3),
		calib("Essay A", "NUM.K.1", "Ben", 2),
		{Sample: "essay b", Target: "NUM.K.1", Scorer: "ana", Score: 3, Note: "taken from the workbook"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after the merge\n got %+v\nwant %+v", got, want)
	}

	mc.Calibration = []continuum.CalibrationScore{calib("Essay C", "NUM.K.1", "Cy", 4), calib("Essay C", "NUM.K.1", "Di", 7)}
	_, err = s.ApplyMerge(ctx, mc, nil)
	if !errors.Is(err, continuum.ErrInvalid) || !strings.Contains(err.Error(), "calibration score 2 of 2") ||
		!strings.Contains(err.Error(), "Di scored Essay C on NUM.K.1 as 7") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("off the scale: %v", err)
	}
	if after, _ := s.CalibrationScores(ctx, c.ID); !reflect.DeepEqual(after, want) {
		t.Errorf("a refused merge changed the scores: %+v", after)
	}
}
