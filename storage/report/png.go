package report

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// PNGDPI is the resolution WritePNG draws at: a Letter page is 1275 ×
// 1650 pixels, enough to read on screen and to print.
const PNGDPI = 150

// WritePNG draws page (from 1) of a student's report as a PNG image at
// PNGDPI, the same page the PDF prints. It returns an error naming the
// pages there are when the report has no such page.
func WritePNG(w io.Writer, r cr.Report, paper Paper, pageNo int) (err error) {
	defer recoverDrawing("png", &err)
	fs, err := loadFonts()
	if err != nil {
		return err
	}
	if err := paper.valid(); err != nil {
		return fmt.Errorf("draw report png: %w", err)
	}
	pages := layoutReport(fs, r, paper)
	if pageNo < 1 || pageNo > len(pages) {
		return fmt.Errorf("draw report png: page %d: the report of %s has %d page(s); choose one from 1 to %d", pageNo, r.Student, len(pages), len(pages))
	}
	img, err := rasterize(fs, pages[pageNo-1], paper, PNGDPI)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("draw report png: %w", err)
	}
	return nil
}

// PageCount says how many pages a student's report takes on paper.
func PageCount(r cr.Report, paper Paper) (int, error) {
	fs, err := loadFonts()
	if err != nil {
		return 0, err
	}
	if err := paper.valid(); err != nil {
		return 0, fmt.Errorf("count report pages: %w", err)
	}
	return len(layoutReport(fs, r, paper)), nil
}

// rasterize draws a page's operations on a white image at dpi.
func rasterize(fs *fontSet, p page, paper Paper, dpi float64) (*image.RGBA, error) {
	k := dpi / 72
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(paper.Width*k)), int(math.Ceil(paper.Height*k))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	faces := map[faceKey]font.Face{}
	defer func() {
		for _, f := range faces {
			f.Close()
		}
	}()
	for _, o := range p.ops {
		switch o.kind {
		case opRect:
			fillRect(img, o.x*k, o.y*k, o.w*k, o.h*k, o.fill)
		case opText:
			key := faceKey{o.face, math.Round(o.size*k*4) / 4}
			f, ok := faces[key]
			if !ok {
				var err error
				f, err = opentype.NewFace(fs.fonts[o.face], &opentype.FaceOptions{Size: key.px, DPI: 72, Hinting: font.HintingNone})
				if err != nil {
					return nil, fmt.Errorf("draw report png: font at %.1f px: %w", key.px, err)
				}
				faces[key] = f
			}
			d := font.Drawer{Dst: img, Src: image.NewUniform(o.fill), Face: f,
				Dot: fixed.Point26_6{X: fixed.Int26_6(o.x * k * 64), Y: fixed.Int26_6(o.y * k * 64)}}
			d.DrawString(o.text)
		}
	}
	return img, nil
}

// faceKey is a font at a pixel size.
type faceKey struct {
	face face
	px   float64
}

// fillRect fills a rectangle given in fractional pixels, blending the
// partly covered edge pixels so that thin rules stay visible.
func fillRect(img *image.RGBA, x, y, w, h float64, c color.Color) {
	if w <= 0 || h <= 0 || c == nil {
		return
	}
	r, g, b, a := c.RGBA()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	x1, y1 := int(math.Ceil(x+w)), int(math.Ceil(y+h))
	for py := y0; py < y1; py++ {
		cy := math.Min(float64(py+1), y+h) - math.Max(float64(py), y)
		for px := x0; px < x1; px++ {
			cx := math.Min(float64(px+1), x+w) - math.Max(float64(px), x)
			cover := cx * cy
			if cover <= 0 || !(image.Point{px, py}.In(img.Bounds())) {
				continue
			}
			old := img.RGBAAt(px, py)
			alpha := cover * float64(a) / 0xffff
			mix := func(o uint8, n uint32) uint8 {
				return uint8(float64(o)*(1-alpha) + float64(n>>8)*alpha + 0.5)
			}
			img.SetRGBA(px, py, color.RGBA{mix(old.R, r*0xffff/max(a, 1)), mix(old.G, g*0xffff/max(a, 1)), mix(old.B, b*0xffff/max(a, 1)), 0xff})
		}
	}
}

// recoverDrawing turns a panic inside a drawing library (a font it cannot
// read, a broken image) into an error, so that no input stops the program.
func recoverDrawing(what string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("draw report %s: %v", what, p)
	}
}
