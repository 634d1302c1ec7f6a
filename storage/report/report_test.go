package report

import (
	"bytes"
	"fmt"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	cr "github.com/continuum-planner/planner/continuum/report"
)

// squash collapses every run of white space to one space, so that text
// extracted from a PDF compares with what was drawn whatever the wrapping.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// inOrder fails unless each of want appears in text after the one before.
func inOrder(t *testing.T, text string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q not found after position %d in:\n%s", w, at, text)
		}
		at += i + len(w)
	}
}

func pdfOf(t *testing.T, reports []cr.Report, cover *cr.Cover, paper Paper) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, reports, cover, paper); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Given a report, when it is printed, then each statement is found under
// its heading, in the order the report gives them, domain by domain.
func TestPDFStatementsUnderTheirHeadings(t *testing.T) {
	r := sampleReport("Zoë Ñúñez")
	text := squash(pdftotext(t, pdfOf(t, []cr.Report{r}, nil, Letter)))
	d := r.Sections[0].Domains[0]
	inOrder(t, text, "Progress report", "Zoë Ñúñez", "Academics", "Number sense", "5 of 9 targets mastered", "Pace: on pace",
		"I can now…", d.CanNow[0].Text, d.CanNow[1].Text,
		"I'm working on…", d.WorkingOn[0].Text, "What it looks like: "+d.WorkingOn[0].LooksLike,
		"Let's revisit…", d.Revisit[0].Text,
		"Geometry", "I can now…", "I can name circles", "Let's revisit… Nothing yet",
		"Habits of success", "Perseverance", "I keep trying when a problem is hard.",
		"Recent work", "Nov 28 · Developing", "I can add within 100 using place value.", "Used base-ten blocks well; check regrouping.",
		"Teacher's comment", r.Comment)
	if !strings.Contains(text, "Page 1 of 2") || !strings.Contains(text, "Page 2 of 2") {
		t.Errorf("want the footer Page n of 2 on both pages:\n%s", text)
	}
}

// Every name prints: extracted text gives the names back exactly, Latin
// accents, Vietnamese and Chinese alike, in the PDF and on the cover.
func TestPDFNamesPrint(t *testing.T) {
	names := []string{"Zoë Ñúñez", "Nguyễn Thị Hằng", "王小明", "김민준", "さくら"}
	var reports []cr.Report
	for _, n := range names {
		reports = append(reports, sampleReport(n))
	}
	cover := &cr.Cover{Title: "Progress reports: Period 2", Lines: []string{"Math Foundations"}, Students: names}
	text := pdftotext(t, pdfOf(t, reports, cover, A4))
	for _, n := range names {
		if got := strings.Count(text, n); got < 2 {
			t.Errorf("%q printed %d times, want on the cover and its report", n, got)
		}
	}
	if !strings.Contains(text, "Zoë worked hard") {
		t.Errorf("the comment is missing:\n%s", text)
	}
}

// Spanish words come out as the report gives them, page numbers too.
func TestPDFSpanish(t *testing.T) {
	text := squash(pdftotext(t, pdfOf(t, []cr.Report{spanishReport()}, nil, A4)))
	inOrder(t, text, "Informe de progreso", "王小明", "Académico", "Number sense", "5 de 9 metas logradas", "Ritmo: al ritmo",
		"Ya puedo…", "I can count to 120", "Estoy trabajando en…", "Cómo se ve: Adds", "Repasemos…", "Hábitos de éxito",
		"Trabajo reciente", "Comentario del docente")
	if !strings.Contains(text, "Página 1 de 2") || !strings.Contains(text, "Página 2 de 2") {
		t.Errorf("want the footer Página n de 2 on both pages:\n%s", text)
	}
	for _, english := range []string{"Page ", "I can now", "Nothing yet", "Pace:"} {
		if strings.Contains(text, english) {
			t.Errorf("the Spanish report says %q", english)
		}
	}
}

// A student with many targets fits two pages; an extreme one takes more
// pages but keeps every statement whole and every line inside the page.
func TestLongReportsFitAndNothingIsCut(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	many := sampleReport("Nguyễn Thị Hằng")
	for i := 0; i < 25; i++ {
		d := &many.Sections[0].Domains[i%2]
		d.CanNow = append(d.CanNow, cr.Line{Text: fmt.Sprintf("I can solve problem type %d on my own.", i)})
	}
	if n := len(layoutReport(fs, many, Letter)); n > 2 {
		t.Errorf("a report with 29 targets mastered takes %d pages, want at most 2", n)
	}
	if n := len(layoutReport(fs, emptyReport("王小明"), Letter)); n != 1 {
		t.Errorf("a report with nothing to say takes %d pages, want 1", n)
	}
	long := longReport()
	for _, paper := range Papers {
		pages := layoutReport(fs, long, paper)
		for i, p := range pages {
			for _, o := range p.ops {
				if why := outside(fs, o, paper); why != "" {
					t.Fatalf("%s page %d: %q drawn at (%.1f, %.1f), %s", paper.Name, i+1, o.text, o.x, o.y, why)
				}
			}
		}
	}
	text := squash(pdftotext(t, pdfOf(t, []cr.Report{long}, nil, Letter)))
	for _, d := range long.Sections[0].Domains {
		for _, l := range d.CanNow {
			if !strings.Contains(text, l.Text) {
				t.Fatalf("statement %q is not printed whole", l.Text)
			}
		}
	}
	if !strings.Contains(text, squash(long.Comment)) {
		t.Error("the long comment is not printed whole")
	}
}

// Wrapped lines never run past the width, and words are never lost:
// Chinese without spaces and a word longer than a line are cut between
// runes.
func TestWrap(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	w := &writer{fs: fs, scale: 1, width: 120}
	for _, s := range []string{
		"I can compare two two-digit numbers using >, = and <, and explain why.",
		strings.Repeat("我能比较两个两位数的大小", 4),
		"Supercalifragilisticexpialidocious-and-then-some-more-letters",
		"Nguyễn Thị Hằng  wrote\nthree\r\nlines",
		"",
	} {
		lines := w.wrap(s, bodyStyle, w.width)
		for _, l := range lines {
			if lw := fs.width(l, false, bodyStyle.size); lw > w.width+0.01 {
				t.Errorf("line %q is %.1f wide, over %.0f", l, lw, w.width)
			}
		}
		if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(s), ""); got != want {
			t.Errorf("wrap(%q) lost text: %q", s, got)
		}
	}
}

// Fonts are chosen rune by rune: Chinese from the CJK font, Vietnamese
// and accented Latin from DejaVu, in the weight asked for.
func TestFontPerRune(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		r    rune
		bold bool
		want face
	}{{'a', false, regular}, {'ễ', false, regular}, {'Ñ', true, bold}, {'王', false, cjk}, {'王', true, cjk}, {'ハ', false, cjk}, {'这', false, cjk}, {'们', true, cjk}, {'한', false, hangul}, {'민', true, hangul}} {
		if got := fs.glyphFor(c.r, c.bold).face; got != c.want {
			t.Errorf("%q (bold %v) drawn with face %d, want %d", c.r, c.bold, got, c.want)
		}
	}
	runs := fs.runs("Wang 王小明 Zoë", false, 10)
	if len(runs) != 3 || runs[1].text != "王小明" || runs[1].face != cjk {
		t.Errorf("runs = %+v, want Latin, CJK, Latin", runs)
	}
	// Devanagari, emoji and runes beyond the BMP are no bundled font's: a box
	// shows where they were; control characters draw nothing.
	runs = fs.runs("a\x07क🦄\u202eb", false, 10)
	if len(runs) != 1 || runs[0].text != "a\u25a1\u25a1b" {
		t.Errorf("runs = %+v, want one run a□□b", runs)
	}
}

// The PNG is a page of the report at PNGDPI, with ink on it; a page the
// report does not have is refused with the pages it has.
func TestWritePNG(t *testing.T) {
	r := sampleReport("Zoë Ñúñez")
	for _, paper := range Papers {
		var buf bytes.Buffer
		if err := WritePNG(&buf, r, paper, 1); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if want := int(paper.Width*PNGDPI/72 + 0.999); b.Dx() != want {
			t.Errorf("%s: %d pixels wide, want %d", paper.Name, b.Dx(), want)
		}
		// The title's band of teal sits in the top margin's next inch.
		teals := 0
		for y := b.Min.Y; y < b.Min.Y+b.Dy()/4; y++ {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				if c := color_(img.At(x, y)); c == teal {
					teals++
				}
			}
		}
		if teals < 200 {
			t.Errorf("%s: %d teal pixels in the top quarter, want the title and a section band", paper.Name, teals)
		}
	}
	n, err := PageCount(r, Letter)
	if err != nil {
		t.Fatal(err)
	}
	err = WritePNG(&bytes.Buffer{}, r, Letter, n+1)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("has %d page(s)", n)) {
		t.Errorf("page %d of %d: err = %v, want one naming the pages", n+1, n, err)
	}
}

// Paper sizes are taken by name, and nonsense is refused with the names.
func TestPaper(t *testing.T) {
	for in, want := range map[string]Paper{"": Letter, "letter": Letter, "A4": A4, " a4 ": A4} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParsePaper("legal"); err == nil || !strings.Contains(err.Error(), "letter or a4") {
		t.Errorf("ParsePaper(legal): err = %v", err)
	}
	if err := WritePDF(&bytes.Buffer{}, []cr.Report{sampleReport("A")}, nil, Paper{Name: "stamp", Width: 50, Height: 50}); err == nil {
		t.Error("a 50-point page was accepted")
	}
	if err := WritePDF(&bytes.Buffer{}, nil, nil, Letter); err == nil || !strings.Contains(err.Error(), "no page") {
		t.Errorf("an empty PDF: err = %v", err)
	}
}

// Page numbers use the report's words, or "n / m" when the words do not
// take two numbers; the words are never run through fmt unchecked.
func TestPageNumber(t *testing.T) {
	for words, want := range map[string]string{"Page %d of %d": "Page 1 of 2", "Página %d de %d": "Página 1 de 2", "": "1 / 2", "Page %s": "1 / 2", "100% %d of %d": "1 / 2",
		"Page %[1]d of %[2]d": "Page 1 of 2", "%[2]d pages, this is %[1]d": "2 pages, this is 1", "%[1]d%% of %[2]d": "1% of 2", "%[1]d": "1 / 2"} {
		if got := pageNumber(words, 1, 2); got != want {
			t.Errorf("pageNumber(%q) = %q, want %q", words, got, want)
		}
	}
}

// Odd input draws without a panic: empty strings everywhere, negative
// and zero counts, control characters, runes no font has.
func TestOddInputDraws(t *testing.T) {
	odd := cr.Report{AsOf: "   ", Title: "\t", Student: " ", Sections: []cr.Section{{Domains: []cr.DomainReport{{
		Growth:  []cr.GrowthPoint{{Mastered: -3}, {Mastered: 0}, {Mastered: 40}},
		CanNow:  []cr.Line{{Text: ""}, {Text: "\x00\t\x07 🦄 \u202e"}},
		Revisit: []cr.Line{{Text: strings.Repeat("x", 5000)}},
	}}}}, Recent: []cr.EvidenceLine{{}}, Date: continuum.Date{}}
	var buf bytes.Buffer
	if err := WritePDF(&buf, []cr.Report{odd}, &cr.Cover{}, A4); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^%PDF-1\.\d`).Match(buf.Bytes()) {
		t.Errorf("not a PDF: %q", buf.Bytes()[:20])
	}
	if err := WritePNG(&bytes.Buffer{}, odd, A4, 1); err != nil {
		t.Fatal(err)
	}
}

// A cover lists every student in page order, down each column, onto as
// many pages as it takes; a long name is set smaller, not cut.
func TestCoverListsEveryName(t *testing.T) {
	var names []string
	for i := 0; i < 170; i++ {
		names = append(names, fmt.Sprintf("Student%03d Surname", i))
	}
	names[5] = "Maria de los Ángeles Fernández-Castellanos"
	cover := &cr.Cover{Title: "Progress reports: Period 2", Lines: []string{"Math Foundations", "170 students"}, Students: names}
	text := squash(pdftotext(t, pdfOf(t, []cr.Report{sampleReport("Zoë Ñúñez")}, cover, Letter)))
	inOrder(t, text, names...)
	inOrder(t, text, "Page 1 of 2", "Page 2 of 2", "Zoë Ñúñez")
}

// A statement longer than a page (its lines held together) runs on from
// page to page, filling each, rather than taking a page per line.
func TestStatementLongerThanAPage(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := sampleReport("Zoë Ñúñez")
	huge := strings.Repeat("A statement that never ends. ", 2000)
	r.Sections[0].Domains[0].CanNow = []cr.Line{{Text: huge}}
	w := &writer{fs: fs, scale: twoPageScales[len(twoPageScales)-1], width: Letter.Width - 2*margin}
	lines := len(w.wrap(huge, bodyStyle, w.width-18))
	perPage := int((Letter.Height - 2*margin - footerGap) / w.lineHeight(bodyStyle))
	pages := layoutReport(fs, r, Letter)
	if want := lines/perPage + 3; len(pages) > want {
		t.Errorf("%d lines took %d pages, want at most %d", lines, len(pages), want)
	}
	text := squash(pdftotext(t, pdfOf(t, []cr.Report{r}, nil, Letter)))
	text = regexp.MustCompile(`Zoë Ñúñez · December 2, 2026 Page \d+ of \d+ `).ReplaceAllString(text, "") // the footers between pages
	if n := strings.Count(text, "A statement that never ends."); n != 2000 {
		t.Errorf("%d of the statement's 2000 sentences printed", n)
	}
}

// Every text, however long (a title, a section's heading, a name, the
// growth picture's words, the page-number words), stays inside the page.
func TestLongWordsStayOnThePage(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Supercalifragilistic expialidocious ", 12)
	r := sampleReport(long + "王小明")
	r.Title, r.AsOf, r.Sections[0].Heading, r.Labels.Growth, r.Labels.GrowthAxis = long, long, long, long, long
	r.Labels.Page = long + "%d of %d"
	r.Sections[0].Domains[0].Growth[0].Label = long
	r.Recent[0].Date, r.Recent[0].Level = long, long
	for _, paper := range Papers {
		for i, p := range layoutReport(fs, r, paper) {
			for _, o := range p.ops {
				if why := outside(fs, o, paper); why != "" {
					t.Errorf("%s page %d: %.30q… drawn at (%.1f, %.1f), %s", paper.Name, i+1, o.text, o.x, o.y, why)
				}
			}
		}
		cover := cr.Cover{Title: long, Lines: []string{long}, Students: []string{long, "Zoë"}}
		for i, p := range layoutCover(fs, cover, paper, long+"%d/%d") {
			for _, o := range p.ops {
				if why := outside(fs, o, paper); why != "" {
					t.Errorf("%s cover page %d: %.30q… drawn at (%.1f, %.1f), %s", paper.Name, i+1, o.text, o.x, o.y, why)
				}
			}
		}
	}
}
