package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var flexCols = []column{
	{names: []string{"Block", "Block ID"}, required: true, expect: "the block's ID, such as 2026-11-23-win"},
	{names: []string{"Date", "Day"}, expect: "the day of the block, such as 2026-11-23"},
	{names: []string{"Slot"}, expect: "the block's name in the day, such as WIN time"},
	{names: []string{"Minutes", "Length"}, expect: "the block's length in minutes, such as 40"},
	{names: []string{"Offering", "Offering ID"}, expect: "the offering's ID, unique in its block"},
	{names: []string{"Title"}, expect: "what students see, such as Fractions on the number line"},
	{names: []string{"Kind", "Type"}, expect: "reteach, practice, extension, habits or open-study"},
	{names: []string{"Teacher"}, expect: "who leads the offering"},
	{names: []string{"Room"}, expect: "where it meets"},
	{names: []string{"Capacity", "Seats"}, expect: "how many students it takes, at least 1"},
	{names: []string{"Focus", "Focus targets"}, expect: "target codes separated by commas or semicolons (blank for open study)"},
}

// flexReader reads the Flex sheet: a block's rows, one per offering, give
// its date, slot and length on the first. The Flex assignments sheet then
// places students in its blocks.
type flexReader struct {
	p           *plans
	blocks      []planned[continuum.FlexBlock]
	at          map[string]int    // lower block ID → index in blocks
	offeringRow map[[2]string]int // lower block and offering IDs → row
}

// readFlex reads the Flex and Flex assignments sheets and keeps the
// blocks that are valid.
func readFlex(p *plans) error {
	st := p.st
	ref, ok := st.sheet(sheetFlex)
	if !ok {
		if ref, ok := st.sheet(sheetFlexAssignments); ok {
			st.problem(Problem{Sheet: ref.name, Message: "there is no Flex sheet, so these assignments place students in blocks that do not exist; add the Flex sheet with the blocks and their offerings"})
		}
		return nil
	}
	fr := &flexReader{p: p, at: map[string]int{}, offeringRow: map[[2]string]int{}}
	if _, err := st.readTable(ref, flexCols, true, nil, fr.row); err != nil {
		return err
	}
	if err := readFlexAssignments(p, fr); err != nil {
		return err
	}
	b := p.b
	for _, fb := range fr.blocks {
		if fb.bad {
			continue
		}
		if err := fb.v.Validate(p.g); err != nil {
			st.problem(Problem{Sheet: ref.name, Row: fb.row, Message: plain(err), Err: err})
			continue
		}
		b.Flex = append(b.Flex, fb.v)
		b.Places.Flex = append(b.Places.Flex, Place{Sheet: ref.name, Row: fb.row})
	}
	return nil
}

func (fr *flexReader) row(r *row) {
	id, ok := r.require(0, flexCols[0].expect)
	if !ok {
		return
	}
	k := strings.ToLower(id)
	i, seen := fr.at[k]
	if !seen {
		i = len(fr.blocks)
		fr.at[k] = i
		fr.blocks = append(fr.blocks, planned[continuum.FlexBlock]{v: fr.newBlock(r, id), row: r.num})
	} else {
		sameBlock(r, &fr.blocks[i])
	}
	fb := &fr.blocks[i]
	if !r.present(4) {
		for col := 5; col < len(flexCols); col++ {
			if r.present(col) {
				r.problem(4, "is empty; expected %s, since the row describes an offering", flexCols[4].expect)
				break
			}
		}
		fb.bad = fb.bad || r.bad
		return
	}
	o := fr.offering(r)
	key := [2]string{k, strings.ToLower(o.ID)}
	if first, dup := fr.offeringRow[key]; dup && o.ID != "" {
		r.problem(4, "offering %s of block %s is already on row %d; offerings of a block must differ", o.ID, fb.v.ID, first)
	}
	fr.offeringRow[key] = r.num
	if r.bad {
		fb.bad = true
		return
	}
	fb.v.Offerings = append(fb.v.Offerings, o)
}

// newBlock reads a block's first row: its date, slot and length.
func (fr *flexReader) newBlock(r *row, id string) continuum.FlexBlock {
	fb := continuum.FlexBlock{ID: id, Continuum: fr.p.b.Continuum.ID}
	if !r.present(1) {
		r.problem(1, "is empty; expected %s on the block's first row", flexCols[1].expect)
	} else {
		fb.Date, _ = r.date(1)
	}
	if fb.Slot = r.str(2); fb.Slot == "" {
		r.problem(2, "is empty; expected %s on the block's first row", flexCols[2].expect)
	}
	if r.present(3) {
		fb.Minutes, _ = r.integer(3)
	}
	return fb
}

// sameBlock checks that a block's later row agrees with its first on the
// date, slot and length it repeats.
func sameBlock(r *row, fb *planned[continuum.FlexBlock]) {
	if r.present(1) {
		if d, ok := r.date(1); ok && d != fb.v.Date {
			r.problem(1, "block %s is on %s on row %d; a block has one date", fb.v.ID, fb.v.Date, fb.row)
		}
	}
	if s := r.str(2); s != "" && s != fb.v.Slot {
		r.problem(2, "block %s is %q on row %d; a block has one slot", fb.v.ID, fb.v.Slot, fb.row)
	}
	if r.present(3) {
		if m, ok := r.integer(3); ok && m != fb.v.Minutes {
			r.problem(3, "block %s lasts %d minutes on row %d; a block has one length", fb.v.ID, fb.v.Minutes, fb.row)
		}
	}
}

// offering reads the offering a row describes.
func (fr *flexReader) offering(r *row) continuum.Offering {
	o := continuum.Offering{ID: r.str(4), Teacher: r.str(7), Room: r.str(8)}
	o.Title, _ = r.require(5, flexCols[5].expect)
	if kind, ok := r.require(6, flexCols[6].expect); ok {
		var err error
		if o.Kind, err = continuum.ParseOfferingKind(kind); err != nil {
			r.problemErr(6, err)
		}
	}
	if !r.present(9) {
		r.problem(9, "is empty; expected %s", flexCols[9].expect)
	} else if n, ok := r.integer(9); ok {
		if n < 1 {
			r.problem(9, "%d seats; expected %s", n, flexCols[9].expect)
		}
		o.Capacity = n
	}
	o.Focus = fr.p.codeList(r, 10)
	return o
}

// writeFlex writes the Flex sheet: a row per offering, or one for a block without any.
func writeFlex(w *writer, blocks []continuum.FlexBlock) {
	w.sheet(sheetFlex, colNames(flexCols), []float64{18, 12, 14, 9, 18, 32, 12, 16, 10, 9, 24}, func(add func(...any)) {
		for _, fb := range blocks {
			var minutes any
			if fb.Minutes != 0 {
				minutes = fb.Minutes
			}
			if len(fb.Offerings) == 0 {
				add(fb.ID, w.date(fb.Date), fb.Slot, minutes)
			}
			for _, o := range fb.Offerings {
				add(fb.ID, w.date(fb.Date), fb.Slot, minutes, o.ID, o.Title, string(o.Kind), o.Teacher, o.Room, o.Capacity, joinCodes(o.Focus))
			}
		}
	})
}
