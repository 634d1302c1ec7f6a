package render

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// rostersDemo is the demo block with the suggestion stored as its
// assignments, and the roster.
func rostersDemo(t *testing.T) (continuum.FlexBlock, []continuum.Student) {
	t.Helper()
	d := demo.Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	b := d.Flex[0]
	for _, p := range g.Suggest(b, g.ClassPositions(d.Class(), b.Date)).Placements {
		if p.Assignment.Offering != "" {
			b.Assignments = append(b.Assignments, p.Assignment)
		}
	}
	return b, d.Students
}

// inked reports whether the rectangle holds any pixel darker than the
// column's backgrounds: something was written there.
func inked(img image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R < 0xa0 && c.G < 0xa0 && c.B < 0xa0 {
				return true
			}
		}
	}
	return false
}

func TestRostersDrawAColumnPerOffering(t *testing.T) {
	b, students := rostersDemo(t)
	var buf bytes.Buffer
	if err := Rosters(&buf, b, students, "Math Foundations — WIN time, Monday 23 November 2026"); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	// Six offerings and nobody unplaced: six columns side by side.
	wantW := 2*margin + 6*rosterColW + 5*rosterGap
	if got := img.Bounds().Dx(); got != wantW {
		t.Errorf("width %d, want %d", got, wantW)
	}
	cols := rosterColumns(b, students)
	if len(cols) != len(b.Offerings) {
		t.Fatalf("%d columns for %d offerings and nobody unplaced", len(cols), len(b.Offerings))
	}
	total := 0
	for i, c := range cols {
		if c.title != b.Offerings[i].Title {
			t.Errorf("column %d is %q, want %q", i, c.title, b.Offerings[i].Title)
		}
		total += len(c.names)
		if !strings.HasPrefix(c.count, strings.Split(c.count, " ")[0]+" / ") {
			t.Errorf("count %q", c.count)
		}
	}
	if total != len(students) {
		t.Errorf("%d names on the rosters, want %d", total, len(students))
	}
	// The first column: a grey heading band with its title written on it,
	// then a name on the first row.
	x, y := margin, margin+titleH+rosterGap
	if got := color.NRGBAModel.Convert(img.At(x+rosterColW-4, y+rosterHeadH-10)); got != bandBg {
		t.Errorf("heading band colour %v, want %v", got, bandBg)
	}
	if !inked(img, image.Rect(x+8, y+6, x+rosterColW/2, y+24)) {
		t.Error("no title in the first column's heading")
	}
	rowTop := y + rosterHeadH
	if !inked(img, image.Rect(x+8+rosterBox+8, rowTop, x+rosterColW-8, rowTop+rosterRowH)) {
		t.Error("no name on the first row of the first column")
	}
	if os.Getenv("ROSTERS_PNG") != "" {
		f, _ := os.Create(os.Getenv("ROSTERS_PNG"))
		png.Encode(f, img)
		f.Close()
	}
}

func TestRostersListTheUnplacedLast(t *testing.T) {
	b, students := rostersDemo(t)
	b.Assignments = b.Assignments[:3]
	cols := rosterColumns(b, students)
	last := cols[len(cols)-1]
	if !last.unplaced || len(last.names) != len(students)-3 {
		t.Fatalf("last column %q with %d names, want Not placed with %d", last.title, len(last.names), len(students)-3)
	}
	for i := 1; i < len(last.names); i++ {
		if strings.ToLower(last.names[i-1]) > strings.ToLower(last.names[i]) {
			t.Errorf("not by name: %q before %q", last.names[i-1], last.names[i])
		}
	}
	// Seven columns go in two balanced rows of four and three.
	img, err := RostersImage(b, students, "Partial")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Dx(), 2*margin+4*rosterColW+3*rosterGap; got != want {
		t.Errorf("width %d, want %d (four columns)", got, want)
	}
}

func TestRostersRefuseABlockWithoutOfferings(t *testing.T) {
	b := continuum.FlexBlock{ID: "empty", Date: continuum.NewDate(2026, 11, 23), Slot: "Flex"}
	if err := Rosters(&bytes.Buffer{}, b, nil, "Empty"); err == nil || !strings.Contains(err.Error(), "no offerings") {
		t.Errorf("err = %v", err)
	}
}
