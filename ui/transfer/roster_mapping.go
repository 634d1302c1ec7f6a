package transfer

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// rosterFields are the fields of a class list as the mapping form asks
// for them, in workbook.RosterFields' order.
var rosterFields = []mappingField{
	{"name", "Name", "the whole name; or first and family name", false},
	{"first", "First name", "", false},
	{"middle", "Middle name", "", false},
	{"family", "Family name", "", false},
	{"id", "Student ID", "a short ID such as S014; given when blank", false},
	{"external", "External ID", "the ID in the school's information system", false},
	{"group", "Group", "the class, section or period", false},
	{"grade", "Grade", "", false},
}

// rosterMapping maps a class list as a school's system exports one: a
// row per student, named by a name or by first and family names.
var rosterMapping = &mappingKind{
	list:   "class list",
	fields: rosterFields,
	split:  5,
	intro: " is read as a class list: one student a row. No header row names the students, so say which column holds each field; " +
		"the first rows of the sheet are below. A name is needed (or a first and a family name); the rest is optional.",
	confirm: "Read the class list",
	lacking: func(chosen func(string) int) string {
		if chosen("name") < 0 && (chosen("first") < 0 || chosen("family") < 0) {
			return "Choose the column that holds the name, or those that hold the first and the family name."
		}
		return ""
	},
	countHint: "Choose the name's column (or the first and family names') to see how many students the list gives.",
}

// rosterFirstLook takes a first look at a class list: the header and
// first rows of each sheet, each with the columns the class-list reader
// recognises by their headers. The sheet a table was read from (t, when
// not nil) has the columns it was read with.
func rosterFirstLook(ctx context.Context, path string, opts exchange.RosterReadOptions, t *workbook.RosterTable) (*workbook.Preview, error) {
	first, err := workbook.PreviewFile(ctx, path, workbook.Options{Name: opts.Name, Password: opts.Password}, previewRows)
	if err != nil {
		return nil, err
	}
	first.List = -1
	for i := range first.Sheets {
		sp := &first.Sheets[i]
		sp.GradeSheet = ""
		switch {
		case sp.HeaderRow == 0:
		case t != nil && t.Sheet == sp.Name && t.HeaderRow == sp.HeaderRow:
			sp.Fields = t.Fields
		default:
			sp.Fields = recognisedRosterFields(ctx, sp.Headers)
		}
		if first.List < 0 && sp.HeaderRow > 0 && (t == nil || t.Sheet == sp.Name) {
			first.List = i
		}
	}
	return first, nil
}

// recognisedRosterFields finds which of headers the class-list reader
// recognises, and as what field, by asking the reader itself: the headers
// (which name no student, else the list would have been read) are read as
// a class list with a Name column added after them, which makes them one.
func recognisedRosterFields(ctx context.Context, headers []string) map[string]int {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	row := append(slices.Clone(headers), "Name")
	_ = w.Write(row)
	w.Flush()
	out := map[string]int{}
	t, err := workbook.NewDecoder(bytes.NewReader(buf.Bytes()), int64(buf.Len()), workbook.Options{Name: "headers.csv"}).ReadRoster(ctx)
	if err != nil || t.HeaderRow == 0 {
		return out
	}
	for field, col := range t.Fields {
		if col < len(headers) {
			out[field] = col
		}
	}
	return out
}

// rosterCountWith reads the class list at path with a mapping, and counts
// the students it gives.
func rosterCountWith(path string, opts exchange.RosterReadOptions) func(ctx context.Context, sheet string, m map[string]string) (mappingCount, error) {
	return func(ctx context.Context, sheet string, m map[string]string) (mappingCount, error) {
		o := opts
		o.Sheet, o.Map = sheet, m
		f, err := exchange.ReadRoster(ctx, path, o)
		if err != nil {
			return mappingCount{}, err
		}
		t := f.Table()
		if t == nil {
			return mappingCount{students: true}, ctx.Err()
		}
		return mappingCount{targets: len(t.Students), warnings: len(t.Warnings), problems: len(t.Problems), students: true}, ctx.Err()
	}
}
