package scores_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/continuum-planner/planner/storage/scores"
)

// FuzzRead reads any bytes as a score sheet: it never panics, and what
// it reads holds together: every score names a student and a target of
// the file and has a place with a row, and every problem has a message.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"Date: 2026-09-14\nStudent,NO.1.1,NO.1.2\nAmara,3,M\nBen,—,4 (9/20/2026)\n",
		"Name,NO.1.1,NO.1.1,Date\nDate,2026-09-14,2026-10-01,\nAmara,2,3,2026-09-30\n",
		"Student ID,Student,Target,Date,Score,Kind,Scorer,Note\nS001,Amara,NO.1.1,2026-09-14,3,quiz,MR,ok\n",
		"Student name,Student ID,Student SIS ID,A > B result,A > B mastery points\nAmara,1,N/A,2.5,3\n",
		"Name;NO.1.1\r\n\"Okafor, Amara\";3 (\r\n",
		"\xff\xfeN\x00a\x00m\x00e\x00",
		"",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				panic(fmt.Sprintf("reading %q takes more than 5 s", data))
			}
		}()
		defer close(done)
		scores.Recognise(context.Background(), path, scores.Options{})
		file, err := scores.Read(context.Background(), path, scores.Options{})
		if err != nil {
			return
		}
		for _, s := range file.Scores {
			if s.Student < 0 || s.Student >= len(file.Students) || s.Target < 0 || s.Target >= len(file.Targets) {
				t.Fatalf("score %+v names no student or target of the file", s)
			}
			if s.Place.Row <= 0 || s.Place.Sheet == "" || s.Text == "" {
				t.Fatalf("score %+v has no place or no text", s)
			}
		}
		if len(file.StudentPlaces) != len(file.Students) {
			t.Fatalf("%d places for %d students", len(file.StudentPlaces), len(file.Students))
		}
		for _, p := range append(file.Problems, file.Warnings...) {
			if p.Message == "" {
				t.Fatalf("problem without a message at %v", p.Place)
			}
		}
	})
}
