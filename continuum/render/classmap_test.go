package render

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/palette"
)

func TestClassMapColoursEveryCellAsThePalette(t *testing.T) {
	d := demo.Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	class := g.ClassPositions(d.Class(), continuum.NewDate(2026, 11, 20))
	var buf bytes.Buffer
	if err := ClassMap(&buf, g, class, "Math Foundations, 20 November 2026"); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < len(g.Targets)*cellW || b.Dy() < len(class)*cellH {
		t.Fatalf("picture is %v", b)
	}
	statuses := map[continuum.Status]int{}
	for r, sp := range class {
		for col, tg := range g.Targets {
			i, _ := g.Lookup(tg.Code)
			m := sp.Mastery[i]
			want := palette.ForMastery(m, &g.Continuum.Scale)
			// The centre of the cell, away from an override's outline.
			p := CellOrigin(g, r, col).Add(image.Pt(cellW/2, cellH/2))
			got := img.At(p.X, p.Y)
			gr, gg, gb, _ := got.RGBA()
			if uint8(gr>>8) != want.R || uint8(gg>>8) != want.G || uint8(gb>>8) != want.B {
				t.Fatalf("%s on %s at %v: colour %v, want %v", sp.Student.Name, tg.Code, p, got, want)
			}
			statuses[m.Status()]++
		}
	}
	if len(statuses) != 3 {
		t.Errorf("the demo shows only statuses %v", statuses)
	}
	if os.Getenv("CLASSMAP_PNG") != "" {
		f, _ := os.Create(os.Getenv("CLASSMAP_PNG"))
		png.Encode(f, img)
		f.Close()
	}
}

func TestClassMapRefusesAHugeClass(t *testing.T) {
	d := demo.Generate("Big", demo.Size{Students: MaxStudents + 1, Targets: 20, Evidence: 10})
	g, _ := d.Graph()
	err := ClassMap(&bytes.Buffer{}, g, g.ClassPositions(d.Class(), continuum.NewDate(2027, 1, 1)), "Big")
	if err == nil || !strings.Contains(err.Error(), "one group at a time") {
		t.Errorf("err = %v", err)
	}
}

func TestClipTextEndsInAnEllipsis(t *testing.T) {
	f := face(false, 11)
	long := "Problem solving and reasoning"
	w := font.MeasureString(f, long).Ceil() / 2
	img := image.NewNRGBA(image.Rect(0, 0, 400, 20))
	clipText(img, f, ink, 0, 14, long, w)
	// The drawn text ends at most w pixels in.
	for x := w + 1; x < 400; x++ {
		for y := 0; y < 20; y++ {
			if img.NRGBAAt(x, y).A != 0 {
				t.Fatalf("ink at x=%d beyond the width %d", x, w)
			}
		}
	}
	if got := clippedString(f, long, w); !strings.HasSuffix(got, "…") || font.MeasureString(f, got).Ceil() > w {
		t.Errorf("clipped to %q", got)
	}
}
