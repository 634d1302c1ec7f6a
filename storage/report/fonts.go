package report

import (
	"fmt"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/continuum-planner/planner/assets"
)

// face is one of the bundled fonts.
type face int

const (
	regular face = iota // DejaVu Sans
	bold                // DejaVu Sans Bold
	cjk                 // Droid Sans Fallback
	hangul              // NanumSquare
	faceCount
)

// fontSet is the bundled fonts parsed once, with the advance of every
// rune measured so far (in ems), because a group's layout measures the
// same few hundred runes hundreds of thousands of times.
type fontSet struct {
	fonts [faceCount]*sfnt.Font
	units [faceCount]float64 // units per em

	// ascii holds the glyphs of ASCII, regular and bold, filled once at
	// load: most of any report, read without a lock.
	ascii [2][128]glyph

	mu      sync.Mutex
	buf     sfnt.Buffer
	advance map[glyphKey]glyph
}

// glyphKey is a rune asked for in a weight.
type glyphKey struct {
	r    rune
	bold bool
}

// glyph is the face a rune is drawn with and its advance in ems; draw is
// the rune drawn in its place (itself, the missing-glyph box, or -1 for
// nothing at all).
type glyph struct {
	face    face
	advance float64
	draw    rune
}

// missing is drawn for a rune no bundled font has (an emoji, Arabic, a
// rune beyond the Basic Multilingual Plane, which the PDF library cannot
// embed): a white square, so that the reader sees something is there.
const missing = '\u25a1'

var (
	fontsOnce sync.Once
	fontsErr  error
	theFonts  *fontSet
)

// loadFonts parses the bundled fonts on first use.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{advance: map[glyphKey]glyph{}}
		for i, data := range fontFiles() {
			f, err := sfnt.Parse(data)
			if err != nil {
				fontsErr = fmt.Errorf("report fonts: bundled font %d does not parse: %w", i, err)
				return
			}
			fs.fonts[i] = f
			fs.units[i] = float64(f.UnitsPerEm())
		}
		for r := rune(0); r < 128; r++ {
			fs.ascii[0][r] = fs.lookup(r, false)
			fs.ascii[1][r] = fs.lookup(r, true)
		}
		theFonts = fs
	})
	return theFonts, fontsErr
}

// fontFiles are the bundled fonts' files, by face.
func fontFiles() [faceCount][]byte {
	return [faceCount][]byte{regular: assets.FontRegular, bold: assets.FontBold, cjk: assets.FontCJK, hangul: assets.FontHangul}
}

// glyphFor returns the face that draws r in the weight asked for, and its
// advance: DejaVu (bold or not) when it has the rune, else Droid Sans
// Fallback, else NanumSquare, else the missing-glyph box.
func (fs *fontSet) glyphFor(r rune, wantBold bool) glyph {
	if r >= 0 && r < 128 {
		if wantBold {
			return fs.ascii[1][r]
		}
		return fs.ascii[0][r]
	}
	return fs.lookup(r, wantBold)
}

// lookup finds and remembers the glyph of r (glyphFor).
func (fs *fontSet) lookup(r rune, wantBold bool) glyph {
	key := glyphKey{r, wantBold}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if g, ok := fs.advance[key]; ok {
		return g
	}
	order := []face{regular, cjk, hangul}
	if wantBold {
		order = []face{bold, regular, cjk, hangul}
	}
	g := glyph{face: order[0], draw: missing}
	switch {
	case unicode.IsControl(r) || r == '\ufeff' || (r >= '\u200b' && r <= '\u200f') || (r >= '\u202a' && r <= '\u202e'):
		g.draw = -1 // control and direction marks draw nothing
	case r <= 0xffff:
		for _, f := range order {
			if idx, err := fs.fonts[f].GlyphIndex(&fs.buf, r); err == nil && idx != 0 {
				g.face, g.draw = f, r
				break
			}
		}
	}
	if g.draw >= 0 {
		g.advance = fs.advanceOf(g.face, g.draw)
	}
	fs.advance[key] = g
	return g
}

// advanceOf measures r in f, in ems (0 when the font cannot say).
func (fs *fontSet) advanceOf(f face, r rune) float64 {
	idx, err := fs.fonts[f].GlyphIndex(&fs.buf, r)
	if err != nil {
		return 0
	}
	// At one pixel per font unit the advance comes back in font units.
	adv, err := fs.fonts[f].GlyphAdvance(&fs.buf, idx, fixed.I(int(fs.units[f])), 0)
	if err != nil {
		return 0
	}
	return float64(adv) / 64 / fs.units[f]
}

// run is a stretch of text drawn in one face.
type run struct {
	face  face
	text  string
	width float64 // at the size measured for
}

// runs splits s into stretches of one face each, measured at size points,
// with the runes no font has replaced by the missing-glyph box.
func (fs *fontSet) runs(s string, wantBold bool, size float64) []run {
	var out []run
	var text []rune
	cur := face(-1)
	width := 0.0
	for _, r := range s {
		g := fs.glyphFor(r, wantBold)
		if g.draw < 0 {
			continue
		}
		if g.face != cur && len(text) > 0 {
			out = append(out, run{face: cur, text: string(text), width: width})
			text, width = text[:0], 0
		}
		cur = g.face
		text = append(text, g.draw)
		width += g.advance * size
	}
	if len(text) > 0 {
		out = append(out, run{face: cur, text: string(text), width: width})
	}
	return out
}

// width measures s at size points.
func (fs *fontSet) width(s string, wantBold bool, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += fs.glyphFor(r, wantBold).advance * size
	}
	return w
}
