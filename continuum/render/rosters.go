package render

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/font"

	"github.com/continuum-planner/planner/continuum"
)

// Sizes of the rosters picture, in pixels.
const (
	rosterColW     = 250 // one offering's column
	rosterGap      = 14  // between columns and between rows of columns
	rosterHeadH    = 92  // an offering's heading band
	rosterRowH     = 24  // one student
	rosterPerRow   = 6   // at most this many columns side by side; more go in balanced rows
	rosterBox      = 12  // the tick box before each name
	rosterFootH    = 20
	rosterMinWidth = 480
)

// Rosters writes the rosters of a flex block as one PNG for printing: a
// column per offering headed by its title, kind, teacher, room, count
// against capacity and focus, listing its students by name with a box to
// tick attendance; students of the list with no place come last, under
// "Not placed". students gives the names (an ID not among them is printed
// as is). title heads the picture.
func Rosters(w io.Writer, b continuum.FlexBlock, students []continuum.Student, title string) error {
	img, err := RostersImage(b, students, title)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img); err != nil {
		return fmt.Errorf("write rosters picture: %w", err)
	}
	return nil
}

// rosterColumn is one column of the picture.
type rosterColumn struct {
	title, kind, where, count, focus string
	names                            []string
	unplaced                         bool
}

// RostersImage draws the rosters of Rosters as an image.
func RostersImage(b continuum.FlexBlock, students []continuum.Student, title string) (*image.NRGBA, error) {
	if len(b.Offerings) == 0 {
		return nil, fmt.Errorf("draw rosters of block %s: it has no offerings", b.ID)
	}
	cols := rosterColumns(b, students)
	rows := (len(cols) + rosterPerRow - 1) / rosterPerRow
	perRow := (len(cols) + rows - 1) / rows
	width := max(2*margin+perRow*rosterColW+(perRow-1)*rosterGap, rosterMinWidth)
	var rowHeights []int
	for lo := 0; lo < len(cols); lo += perRow {
		h := 0
		for _, c := range cols[lo:min(lo+perRow, len(cols))] {
			h = max(h, rosterHeadH+max(len(c.names), 1)*rosterRowH)
		}
		rowHeights = append(rowHeights, h)
	}
	height := margin + titleH + rosterGap
	for _, h := range rowHeights {
		height += h + rosterGap
	}
	height += rosterFootH + margin
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	clipText(img, face(true, 16), ink, margin, margin+18, title, width-2*margin)

	y := margin + titleH + rosterGap
	for r, h := range rowHeights {
		for k := 0; k < perRow; k++ {
			i := r*perRow + k
			if i >= len(cols) {
				break
			}
			drawRosterColumn(img, cols[i], margin+k*(rosterColW+rosterGap), y, h)
		}
		y += h + rosterGap
	}
	placed := 0
	for _, c := range cols {
		if !c.unplaced {
			placed += len(c.names)
		}
	}
	clipText(img, face(false, 11), muted, margin, height-margin-6,
		fmt.Sprintf("%d placed in %d offerings · tick the box of each student who came", placed, len(b.Offerings)), width-2*margin)
	return img, nil
}

// rosterColumns gathers the offerings' students, sorted by name, and the
// students with no place.
func rosterColumns(b continuum.FlexBlock, students []continuum.Student) []rosterColumn {
	names := make(map[string]string, len(students))
	for _, st := range students {
		names[st.ID] = st.Name
	}
	nameOf := func(id string) string {
		if n, ok := names[id]; ok && n != "" {
			return n
		}
		return id
	}
	byName := func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	}
	placed := map[string]bool{}
	cols := make([]rosterColumn, 0, len(b.Offerings)+1)
	for _, o := range b.Offerings {
		c := rosterColumn{title: o.Title, kind: o.Kind.Label()}
		var where []string
		if o.Teacher != "" {
			where = append(where, o.Teacher)
		}
		if o.Room != "" {
			room := o.Room
			if r := room[0]; r >= '0' && r <= '9' {
				room = "Room " + room // "Room 204", but "Library"
			}
			where = append(where, room)
		}
		c.where = strings.Join(where, " · ")
		if len(o.Focus) > 0 {
			c.focus = "Focus " + strings.Join(o.Focus, ", ")
		}
		for _, a := range b.Assignments {
			if strings.EqualFold(a.Offering, o.ID) {
				c.names = append(c.names, nameOf(a.Student))
				placed[a.Student] = true
			}
		}
		c.count = strconv.Itoa(len(c.names)) + " / " + strconv.Itoa(o.Capacity)
		slices.SortFunc(c.names, byName)
		cols = append(cols, c)
	}
	rest := rosterColumn{title: "Not placed", unplaced: true}
	for _, st := range students {
		if !placed[st.ID] {
			rest.names = append(rest.names, nameOf(st.ID))
		}
	}
	if len(rest.names) > 0 {
		rest.count = strconv.Itoa(len(rest.names))
		slices.SortFunc(rest.names, byName)
		cols = append(cols, rest)
	}
	return cols
}

// drawRosterColumn draws one column with its top-left corner at (x, y),
// h tall.
func drawRosterColumn(img *image.NRGBA, c rosterColumn, x, y, h int) {
	inner := rosterColW - 16
	fill(img, x, y, rosterColW, rosterHeadH-6, bandBg)
	fitText(img, face(true, 14), ink, x+8, y+20, c.title, inner)
	countW := font.MeasureString(face(true, 14), c.count).Ceil()
	text(img, face(true, 14), ink, x+rosterColW-8-countW, y+40, c.count)
	fitText(img, face(false, 11), muted, x+8, y+39, c.kind, inner-countW-8)
	fitText(img, face(false, 12), ink, x+8, y+58, c.where, inner)
	fitText(img, face(false, 11), muted, x+8, y+76, c.focus, inner)
	outline(img, x, y, rosterColW, h, bandBg)
	ry := y + rosterHeadH
	if len(c.names) == 0 {
		fitText(img, face(false, 12), muted, x+8, ry+rosterRowH-8, "Nobody yet", inner)
		return
	}
	for i, n := range c.names {
		top := ry + i*rosterRowH
		if i%2 == 1 {
			fill(img, x+2, top, rosterColW-4, rosterRowH, bandBg)
		}
		textX := x + 8
		if !c.unplaced {
			bx, by := x+8, top+(rosterRowH-rosterBox)/2
			fill(img, bx, by, rosterBox, rosterBox, paper)
			outline(img, bx, by, rosterBox, rosterBox, muted)
			textX = bx + rosterBox + 8
		}
		fitText(img, face(false, 13), ink, textX, top+rosterRowH-7, n, x+rosterColW-8-textX)
	}
}

// fitText draws s no wider than w, cut short with "…" when it is wider.
func fitText(img draw.Image, f font.Face, c color.Color, x, y int, s string, w int) {
	if w <= 0 || s == "" {
		return
	}
	if font.MeasureString(f, s).Ceil() <= w {
		text(img, f, c, x, y, s)
		return
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		cut := strings.TrimRight(string(r), " ") + "…"
		if font.MeasureString(f, cut).Ceil() <= w {
			text(img, f, c, x, y, cut)
			return
		}
	}
}
