package report

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// The PNG is the PDF's page: poppler's rendering of the PDF at PNGDPI and
// ours of the same page agree on where the ink is, cell by cell of a
// coarse grid (fonts are rasterised a little differently, so single
// pixels are not compared).
func TestPNGIsThePDFPage(t *testing.T) {
	bin := needTool(t, "pdftoppm")
	for _, c := range []struct {
		name  string
		r     cr.Report
		paper Paper
	}{{"english letter", sampleReport("Zoë Ñúñez"), Letter}, {"spanish a4", spanishReport(), A4}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			pdf := filepath.Join(dir, "r.pdf")
			if err := os.WriteFile(pdf, pdfOf(t, []cr.Report{c.r}, nil, c.paper), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(bin, "-png", "-r", strconv.Itoa(PNGDPI), "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, "poppler")).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			theirs := readPNG(t, filepath.Join(dir, "poppler.png"))
			var buf bytes.Buffer
			if err := WritePNG(&buf, c.r, c.paper, 1); err != nil {
				t.Fatal(err)
			}
			ours, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if d := ours.Bounds().Size().Sub(theirs.Bounds().Size()); d.X < -1 || d.X > 1 || d.Y < -1 || d.Y > 1 {
				t.Fatalf("ours is %v, poppler's %v", ours.Bounds().Size(), theirs.Bounds().Size())
			}
			const cell = 12
			inked, differ := 0, 0
			for y := 0; y+cell <= theirs.Bounds().Dy() && y+cell <= ours.Bounds().Dy(); y += cell {
				for x := 0; x+cell <= theirs.Bounds().Dx() && x+cell <= ours.Bounds().Dx(); x += cell {
					a, b := darkness(ours, x, y, cell), darkness(theirs, x, y, cell)
					if a > 0.02 || b > 0.02 {
						inked++
						if a-b > 0.12 || b-a > 0.12 {
							differ++
						}
					}
				}
			}
			if inked < 500 || float64(differ) > 0.03*float64(inked) {
				t.Errorf("%d of %d inked cells differ between our PNG and poppler's rendering of the PDF", differ, inked)
			}
		})
	}
}

// darkness is how dark a cell of img is on average, from 0 (white) to 1.
func darkness(img image.Image, x0, y0, n int) float64 {
	b := img.Bounds().Min
	sum := 0.0
	for y := y0; y < y0+n; y++ {
		for x := x0; x < x0+n; x++ {
			r, g, bl, _ := img.At(b.X+x, b.Y+y).RGBA()
			sum += 1 - float64(r+g+bl)/3/0xffff
		}
	}
	return sum / float64(n*n)
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
