// Package render draws Continuum Planner's class map as a PNG image for
// reports: students down the side, targets across the top grouped by
// domain and level, each cell coloured as the app and the workbook colour
// it (package palette), with a position column per domain and a legend.
package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
)

// MaxStudents is the most students one picture holds; a larger class is
// drawn group by group.
const MaxStudents = 600

// Sizes of the picture, in pixels.
const (
	cellW     = 16
	cellH     = 20
	nameW     = 200
	positionW = 140
	margin    = 16
	codeH     = 64 // rotated target codes
	bandH     = 20 // domain and level bands
	titleH    = 30
	legendH   = 44
)

var (
	ink     = color.NRGBA{R: 0x22, G: 0x26, B: 0x2b, A: 0xff}
	muted   = color.NRGBA{R: 0x5f, G: 0x66, B: 0x70, A: 0xff}
	paper   = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	bandBg  = color.NRGBA{R: 0xf1, G: 0xf3, B: 0xf5, A: 0xff}
	fontsMu sync.Mutex
	faces   map[string]font.Face
)

func face(bold bool, size float64) font.Face {
	fontsMu.Lock()
	defer fontsMu.Unlock()
	key := fmt.Sprint(bold, size)
	if f, ok := faces[key]; ok {
		return f
	}
	ttf := goregular.TTF
	if bold {
		ttf = gobold.TTF
	}
	parsed, err := opentype.Parse(ttf)
	if err != nil {
		panic("picture: the bundled Go font does not parse: " + err.Error())
	}
	f, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("picture: " + err.Error())
	}
	if faces == nil {
		faces = map[string]font.Face{}
	}
	faces[key] = f
	return f
}

// ClassMap writes the class map of class on g as a PNG. title heads the
// picture (e.g. "Math Foundations, Period 2, 22 November 2026").
func ClassMap(w io.Writer, g *continuum.Graph, class []continuum.StudentPositions, title string) error {
	img, err := ClassMapImage(g, class, title)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img); err != nil {
		return fmt.Errorf("write class map picture: %w", err)
	}
	return nil
}

// CellOrigin returns the top-left pixel of the cell of the row-th student
// and the col-th target in grid order (domain, then level, then order):
// what a reader of the picture, or a test, needs to find a cell.
func CellOrigin(g *continuum.Graph, row, col int) image.Point {
	return image.Pt(margin+nameW+col*cellW, margin+titleH+2*bandH+codeH+row*cellH)
}

// ClassMapImage draws the class map as an image.
func ClassMapImage(g *continuum.Graph, class []continuum.StudentPositions, title string) (*image.NRGBA, error) {
	if len(class) > MaxStudents {
		return nil, fmt.Errorf("draw class map: %d students is more than one picture can show (%d); draw one group at a time", len(class), MaxStudents)
	}
	c := g.Continuum
	nt := len(g.Targets)
	nd := len(c.Domains)
	gridX := margin + nameW
	gridY := margin + titleH + 2*bandH + codeH
	width := gridX + nt*cellW + nd*positionW + margin
	width = max(width, margin*2+legendWidth(&c.Scale))
	height := gridY + len(class)*cellH + legendH + margin
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)

	text(img, face(true, 16), ink, margin, margin+18, title)

	// Domain and level bands, then the rotated codes.
	x := gridX
	for d, dom := range c.Domains {
		startD := x
		for l, level := range c.Levels {
			cell := g.Cell(d, l)
			if len(cell) == 0 {
				continue
			}
			wl := len(cell) * cellW
			fill(img, x, margin+titleH+bandH, wl-1, bandH-1, bandBg)
			clipText(img, face(false, 11), muted, x+2, margin+titleH+bandH+14, level, wl-4)
			for k, t := range cell {
				rotated(img, face(false, 10), ink, x+k*cellW+4, gridY-4, t.Code, codeH-6)
			}
			x += wl
		}
		fill(img, startD, margin+titleH, max(x-startD-1, 0), bandH-1, bandBg)
		clipText(img, face(true, 11), ink, startD+2, margin+titleH+14, dom.Name, x-startD-4)
	}
	for d, dom := range c.Domains {
		px := gridX + nt*cellW + d*positionW
		fill(img, px, margin+titleH, positionW-1, 2*bandH-1, bandBg)
		clipText(img, face(true, 11), ink, px+4, margin+titleH+14, dom.Name, positionW-8)
		clipText(img, face(false, 10), muted, px+4, margin+titleH+bandH+14, "secured → working", positionW-8)
	}

	// One row per student.
	for r, sp := range class {
		y := gridY + r*cellH
		if r%2 == 1 {
			fill(img, margin, y, nameW-4, cellH, bandBg)
		}
		clipText(img, face(false, 12), ink, margin+4, y+cellH-6, sp.Student.Name, nameW-12)
		col := 0
		for d := range c.Domains {
			for l := range c.Levels {
				for _, t := range g.Cell(d, l) {
					i, _ := g.Lookup(t.Code)
					m := sp.Mastery[i]
					cx := gridX + col*cellW
					col++
					fill(img, cx, y, cellW-1, cellH-1, palette.ForMastery(m, &c.Scale))
					if m.Source == continuum.FromOverride {
						outline(img, cx, y, cellW-1, cellH-1, palette.Override)
					}
				}
			}
		}
		for d, p := range sp.Positions {
			px := gridX + nt*cellW + d*positionW
			pos := p.Short(c.Levels) // "Level 1 → Level 2", "working at Level 1"
			clipText(img, face(false, 11), ink, px+4, y+cellH-6, pos, positionW-8)
		}
	}

	// The legend.
	lx, ly := margin, gridY+len(class)*cellH+16
	for _, k := range palette.Key(&c.Scale) {
		fill(img, lx, ly, 14, 14, k.Color)
		if k.Outlined {
			outline(img, lx, ly, 14, 14, palette.Override)
		}
		lx += 18
		lx += text(img, face(false, 11), ink, lx, ly+11, k.Label) + 14
	}
	return img, nil
}

func legendWidth(s *continuum.Scale) int {
	w := 0
	for _, k := range palette.Key(s) {
		w += 18 + font.MeasureString(face(false, 11), k.Label).Ceil() + 14
	}
	return w
}

func fill(img *image.NRGBA, x, y, w, h int, c color.Color) {
	draw.Draw(img, image.Rect(x, y, x+w, y+h), image.NewUniform(c), image.Point{}, draw.Src)
}

func outline(img *image.NRGBA, x, y, w, h int, c color.Color) {
	for _, r := range []image.Rectangle{
		image.Rect(x, y, x+w, y+2), image.Rect(x, y+h-2, x+w, y+h),
		image.Rect(x, y, x+2, y+h), image.Rect(x+w-2, y, x+w, y+h),
	} {
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
}

// text draws s with its baseline at y and returns its width.
func text(img draw.Image, f font.Face, c color.Color, x, y int, s string) int {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return (d.Dot.X - fixed.I(x)).Ceil()
}

// clipText draws s no wider than w, ending in "…" when cut.
func clipText(img draw.Image, f font.Face, c color.Color, x, y int, s string, w int) {
	if t := clippedString(f, s, w); t != "" {
		text(img, f, c, x, y, t)
	}
}

// clippedString returns s, or as much of it as fits in w pixels followed
// by "…", or "" when not even that fits.
func clippedString(f font.Face, s string, w int) string {
	if w <= 0 {
		return ""
	}
	if font.MeasureString(f, s).Ceil() <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(f, string(r)+"…").Ceil() > w {
		r = r[:len(r)-1]
	}
	if len(r) == 0 {
		return ""
	}
	return string(r) + "…"
}

// rotated draws s turned 90° anticlockwise, reading upwards from (x, y),
// clipped to length.
func rotated(img *image.NRGBA, f font.Face, c color.Color, x, y int, s string, length int) {
	m := f.Metrics()
	h := (m.Ascent + m.Descent).Ceil()
	tmp := image.NewNRGBA(image.Rect(0, 0, length, h))
	clipText(tmp, f, c, 0, m.Ascent.Ceil(), s, length)
	for tx := 0; tx < length; tx++ {
		for ty := 0; ty < h; ty++ {
			p := tmp.NRGBAAt(tx, ty)
			if p.A == 0 {
				continue
			}
			dx, dy := x+ty-h/2, y-tx
			if !(image.Point{dx, dy}.In(img.Bounds())) {
				continue
			}
			blend(img, dx, dy, p)
		}
	}
}

// blend lays p over the pixel at (x, y).
func blend(img *image.NRGBA, x, y int, p color.NRGBA) {
	q := img.NRGBAAt(x, y)
	a := float64(p.A) / 255
	mixc := func(s, d uint8) uint8 { return uint8(float64(s)*a + float64(d)*(1-a) + 0.5) }
	img.SetNRGBA(x, y, color.NRGBA{R: mixc(p.R, q.R), G: mixc(p.G, q.G), B: mixc(p.B, q.B), A: 0xff})
}
