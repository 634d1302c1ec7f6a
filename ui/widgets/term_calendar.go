package widgets

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// TermUnit is one unit as the term calendar draws it.
type TermUnit struct {
	// ID identifies the unit; OnTapped is called with it.
	ID string
	// Title is written on the unit's bar.
	Title string
	// Start is the first day of the unit.
	Start continuum.Date
	// End is the last day of the unit.
	End continuum.Date
	// Milestones are the milestone targets the unit carries, each on the
	// day it is assessed (or the unit's last day), drawn as ◆ and a code.
	Milestones []TermMark
	// Checkpoints are the other planned assessments, drawn as small rings.
	Checkpoints []TermMark
}

// TermMark is one dated mark on a unit's bar.
type TermMark struct {
	// Date is the day the mark stands on.
	Date continuum.Date
	// Label is written beside a milestone's diamond, e.g. a target code.
	Label string
}

// TermWeek is one week of the term calendar and the units taught in it.
type TermWeek struct {
	// Monday is the first day of the week.
	Monday continuum.Date
	// Units are the IDs of the units with a school day (Monday to Friday) in the week, in lane order.
	Units []string
}

// Colours of the calendar's weeks: translucent, over the theme's background.
var (
	// EmptyWeekColor fills the weeks no unit covers.
	EmptyWeekColor = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x28}
	// OverlapWeekColor fills the weeks two or more units share.
	OverlapWeekColor = color.NRGBA{R: 0xe6, G: 0xa0, B: 0x1e, A: 0x38}
)

// Sizes of the calendar.
const (
	termMinWeekWidth = 40  // narrowest week column
	termEdgeWeeks    = 4   // today this many weeks before or after the units still widens the term to show it
	termMinWeeks     = 6   // a term shorter than this is padded at its end
	termSchoolDays   = 5   // a week column is Monday to Friday; weekends add no width
	termDayFraction  = 0.2 // 1 / termSchoolDays
)

// TermCalendar draws a term's units on a week-by-week timeline: weeks
// across (the month and each Monday's date at the top), one bar per unit
// from its first to its last day, the milestones and checkpoints each
// unit carries marked on its bar, and today as a line. Units that share
// weeks are stacked in lanes, so an overlap shows as bars one above the
// other and is tinted; weeks with no unit are tinted grey and named.
// Tapping a bar (or Space or Enter on a focused one) calls OnTapped.
type TermCalendar struct {
	widget.BaseWidget

	// OnTapped is called with a unit's ID when its bar is activated.
	OnTapped func(id string)

	units    []TermUnit
	lanes    []int // lane of each unit
	nLanes   int
	first    continuum.Date // Monday of the first week
	weeks    int
	today    continuum.Date
	selected string
	bars     []*TermBar // in units order
}

// NewTermCalendar returns an empty calendar; show units with SetUnits.
func NewTermCalendar(onTapped func(id string)) *TermCalendar {
	c := &TermCalendar{OnTapped: onTapped}
	c.ExtendBaseWidget(c)
	return c
}

// SetUnits shows units, in the order given (which is the order of the
// lanes they are packed into), and sets the term to the weeks they span.
func (c *TermCalendar) SetUnits(units []TermUnit) {
	c.units = nil
	for _, u := range units {
		if u.Start.IsZero() || u.End.IsZero() || u.End.Before(u.Start) {
			continue // a unit without a sensible span has no place on a timeline
		}
		c.units = append(c.units, u)
	}
	c.bars = make([]*TermBar, len(c.units))
	for i, u := range c.units {
		c.bars[i] = newTermBar(c, u)
		c.bars[i].selected = u.ID == c.selected
	}
	c.pack()
	c.span()
	c.Refresh()
}

// SetToday draws today's line on d (the zero Date: none). A today a few
// weeks outside the units widens the term to show it.
func (c *TermCalendar) SetToday(d continuum.Date) {
	c.today = d
	c.span()
	c.Refresh()
}

// SetSelected outlines the bar of the unit with id ("" selects none).
func (c *TermCalendar) SetSelected(id string) {
	c.selected = id
	for _, b := range c.bars {
		b.setSelected(b.Unit.ID == id)
	}
}

// Weeks returns the weeks of the term in order, each with the units taught in it.
func (c *TermCalendar) Weeks() []TermWeek {
	out := make([]TermWeek, c.weeks)
	for w := range out {
		mon := c.first.AddDays(7 * w)
		out[w].Monday = mon
		for lane := 0; lane < c.nLanes; lane++ {
			for i, u := range c.units {
				if c.lanes[i] == lane && !u.Start.After(mon.AddDays(termSchoolDays-1)) && !u.End.Before(mon) {
					out[w].Units = append(out[w].Units, u.ID)
				}
			}
		}
	}
	return out
}

// Bar returns the bar of the unit with id, or nil.
func (c *TermCalendar) Bar(id string) *TermBar {
	for _, b := range c.bars {
		if b.Unit.ID == id {
			return b
		}
	}
	return nil
}

// pack puts each unit in the first lane whose units all end before it starts.
func (c *TermCalendar) pack() {
	c.lanes = make([]int, len(c.units))
	var laneEnds []continuum.Date
	for i, u := range c.units {
		lane := -1
		for l, end := range laneEnds {
			if end.Before(u.Start) && !c.overlapsLane(i, l) {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnds)
			laneEnds = append(laneEnds, u.End)
		}
		if u.End.After(laneEnds[lane]) {
			laneEnds[lane] = u.End
		}
		c.lanes[i] = lane
	}
	c.nLanes = len(laneEnds)
}

// overlapsLane reports whether unit i shares a day with a unit already in lane l.
func (c *TermCalendar) overlapsLane(i, l int) bool {
	u := c.units[i]
	for k := 0; k < i; k++ {
		if c.lanes[k] == l && !c.units[k].Start.After(u.End) && !c.units[k].End.Before(u.Start) {
			return true
		}
	}
	return false
}

// span sets the term: from the Monday of the first unit's week to the
// last unit's week, widened to today when today is near, and padded to
// termMinWeeks.
func (c *TermCalendar) span() {
	if len(c.units) == 0 {
		c.first, c.weeks = continuum.Date{}, 0
		return
	}
	first, last := monday(c.units[0].Start), monday(c.units[0].End)
	for _, u := range c.units[1:] {
		if s := monday(u.Start); s.Before(first) {
			first = s
		}
		if e := monday(u.End); e.After(last) {
			last = e
		}
	}
	if !c.today.IsZero() {
		t := monday(c.today)
		if t.Before(first) && first.DaysSince(t) <= 7*termEdgeWeeks {
			first = t
		}
		if t.After(last) && t.DaysSince(last) <= 7*termEdgeWeeks {
			last = t
		}
	}
	c.first = first
	c.weeks = max(last.DaysSince(first)/7+1, termMinWeeks)
}

// monday returns the Monday of d's week.
func monday(d continuum.Date) continuum.Date {
	return d.AddDays(-((int(d.Time().Weekday()) + 6) % 7))
}

// weekAndDay returns the week of d (from the first, possibly negative)
// and its day in the week, 0 for Monday.
func (c *TermCalendar) weekAndDay(d continuum.Date) (int, int) {
	days := d.DaysSince(c.first)
	w := days / 7
	if days < 0 && days%7 != 0 {
		w--
	}
	return w, days - 7*w
}

// startX is where a day begins on a timeline whose weeks are ww wide.
func (c *TermCalendar) startX(d continuum.Date, ww float32) float32 {
	w, day := c.weekAndDay(d)
	return (float32(w) + float32(min(day, termSchoolDays))*termDayFraction) * ww
}

// endX is where a day ends; a weekend ends with its week.
func (c *TermCalendar) endX(d continuum.Date, ww float32) float32 {
	w, day := c.weekAndDay(d)
	return (float32(w) + float32(min(day+1, termSchoolDays))*termDayFraction) * ww
}

// midX is the middle of a day; a weekend day sits on Friday.
func (c *TermCalendar) midX(d continuum.Date, ww float32) float32 {
	w, day := c.weekAndDay(d)
	return (float32(w) + (float32(min(day, termSchoolDays-1))+0.5)*termDayFraction) * ww
}

// CreateRenderer returns the calendar's renderer.
func (c *TermCalendar) CreateRenderer() fyne.WidgetRenderer {
	r := &termCalendarRenderer{cal: c}
	r.rebuild()
	return r
}

// termMarkObjects are the drawn parts of one mark on a bar.
type termMarkObjects struct {
	unit      int
	mark      TermMark
	milestone bool
	ring      *canvas.Circle // checkpoints
	diamond   *canvas.Text   // milestones
	label     *canvas.Text   // milestones
}

// termRun is a stretch of consecutive weeks that are empty or overlapping.
type termRun struct {
	from, to int // weeks, to inclusive
	fill     *canvas.Rectangle
	label    *canvas.Text // empty runs only
}

// termLegendItem is one entry of the legend: a sample and its words.
type termLegendItem struct {
	sample fyne.CanvasObject
	label  *canvas.Text
}

type termCalendarRenderer struct {
	cal *TermCalendar

	runs     []termRun
	lines    []*canvas.Line // week boundaries
	months   []*canvas.Text // month names, at the weeks they start
	monthAt  []int
	monthTxt [][2]string    // each month's name without and with its year
	days     []*canvas.Text // each Monday's day of the month
	marks    []termMarkObjects
	today    *canvas.Line
	empty    *canvas.Text // said when there are no units
	legend   []termLegendItem
	objects  []fyne.CanvasObject
	builtFor string // what rebuild last drew, to know when to draw anew
}

// key sums up what the objects depend on.
func (r *termCalendarRenderer) key() string {
	c := r.cal
	k := fmt.Sprintf("%s/%d/%d/%s", c.first, c.weeks, len(c.bars), c.today)
	for _, b := range c.bars {
		k += fmt.Sprintf("/%p", b)
	}
	return k
}

// rebuild makes the objects for the calendar's weeks, units and marks,
// in the order they are drawn: the tinted runs of weeks, the week lines,
// the months and days, the runs' words, the bars, the marks, the word
// that there are no units, today's line and the legend.
func (r *termCalendarRenderer) rebuild() {
	c := r.cal
	r.builtFor = r.key()
	r.runs, r.lines, r.months, r.monthAt, r.monthTxt, r.days, r.marks = nil, nil, nil, nil, nil, nil, nil
	r.today, r.empty = nil, nil
	r.objects = r.objects[:0]

	weeks := c.Weeks()
	r.runs = termRuns(weeks)
	for _, run := range r.runs {
		r.objects = append(r.objects, run.fill)
	}
	for w := 0; w <= len(weeks) && len(weeks) > 0; w++ {
		l := canvas.NewLine(color.Black)
		r.lines = append(r.lines, l)
		r.objects = append(r.objects, l)
	}
	r.addWeekLabels(weeks)
	for _, run := range r.runs {
		if run.label != nil {
			r.objects = append(r.objects, run.label)
		}
	}
	for _, b := range c.bars {
		r.objects = append(r.objects, b)
	}
	r.addMarks()
	if len(c.units) == 0 {
		r.empty = canvas.NewText("No units on the calendar yet.", color.Black)
		r.empty.TextStyle.Italic = true
		r.objects = append(r.objects, r.empty)
	}
	if !c.today.IsZero() && len(weeks) > 0 {
		w, _ := c.weekAndDay(c.today)
		if w >= 0 && w < len(weeks) {
			r.today = canvas.NewLine(color.Black)
			r.today.StrokeWidth = 2
			r.objects = append(r.objects, r.today)
		}
	}
	r.legend = r.legendItems()
	for _, it := range r.legend {
		r.objects = append(r.objects, it.sample, it.label)
	}
	r.applyTheme()
}

// termRuns finds the stretches of consecutive weeks with no unit, or with
// more than one, each tinted as one; an empty stretch says how long it is.
func termRuns(weeks []TermWeek) []termRun {
	var runs []termRun
	for w := 0; w < len(weeks); {
		n := len(weeks[w].Units)
		if n == 1 {
			w++
			continue
		}
		end := w
		for end+1 < len(weeks) && (len(weeks[end+1].Units) == 0) == (n == 0) && len(weeks[end+1].Units) != 1 {
			end++
		}
		run := termRun{from: w, to: end, fill: canvas.NewRectangle(OverlapWeekColor)}
		if n == 0 {
			run.fill.FillColor = EmptyWeekColor
			text := "No unit"
			if k := end - w + 1; k > 1 {
				text = fmt.Sprintf("No unit · %d weeks", k)
			}
			run.label = canvas.NewText(text, color.Black)
			run.label.TextStyle.Italic = true
			run.label.Alignment = fyne.TextAlignCenter
		}
		runs = append(runs, run)
		w = end + 1
	}
	return runs
}

// addWeekLabels makes each week's day of the month, and the month's name
// (with its year when the year changes) at the week it starts.
func (r *termCalendarRenderer) addWeekLabels(weeks []TermWeek) {
	prevMonth, prevYear := time.Month(0), 0
	for w, wk := range weeks {
		m, y := wk.Monday.Month(), wk.Monday.Year()
		if m != prevMonth {
			short, long := wk.Monday.Time().Format("Jan"), wk.Monday.Time().Format("Jan 2006")
			if y == prevYear {
				long = short
			}
			t := canvas.NewText(long, color.Black)
			t.TextStyle.Bold = true
			r.months = append(r.months, t)
			r.monthAt = append(r.monthAt, w)
			r.monthTxt = append(r.monthTxt, [2]string{short, long})
			r.objects = append(r.objects, t)
		}
		prevMonth, prevYear = m, y
		d := canvas.NewText(fmt.Sprint(wk.Monday.Day()), color.Black)
		r.days = append(r.days, d)
		r.objects = append(r.objects, d)
	}
}

// addMarks makes each unit's checkpoints (rings) and milestones (a
// diamond with its label).
func (r *termCalendarRenderer) addMarks() {
	for i, u := range r.cal.units {
		for _, m := range u.Checkpoints {
			o := termMarkObjects{unit: i, mark: m, ring: canvas.NewCircle(color.Transparent)}
			r.marks = append(r.marks, o)
			r.objects = append(r.objects, o.ring)
		}
		for _, m := range u.Milestones {
			o := termMarkObjects{unit: i, mark: m, milestone: true,
				diamond: canvas.NewText("◆", color.Black), label: canvas.NewText(m.Label, color.Black)}
			o.label.TextStyle.Bold = true
			r.marks = append(r.marks, o)
			r.objects = append(r.objects, o.diamond, o.label)
		}
	}
}

// legendItems explains the tints and marks: what a reader cannot guess.
func (r *termCalendarRenderer) legendItems() []termLegendItem {
	swatch := func(c color.Color) fyne.CanvasObject {
		s := canvas.NewRectangle(c)
		s.CornerRadius = 2
		return s
	}
	items := []termLegendItem{
		{swatch(EmptyWeekColor), canvas.NewText("No unit", color.Black)},
		{swatch(OverlapWeekColor), canvas.NewText("Units overlap", color.Black)},
		{canvas.NewText("◆", color.Black), canvas.NewText("Milestone target", color.Black)},
		{canvas.NewCircle(color.Transparent), canvas.NewText("Checkpoint", color.Black)},
	}
	if r.today != nil {
		l := canvas.NewLine(color.Black)
		l.StrokeWidth = 2
		items = append(items, termLegendItem{l, canvas.NewText("Today", color.Black)})
	}
	return items
}

// applyTheme colours and sizes every object from the current theme.
func (r *termCalendarRenderer) applyTheme() {
	fg := theme.Color(theme.ColorNameForeground)
	quiet := theme.Color(theme.ColorNamePlaceHolder)
	primary := theme.Color(theme.ColorNamePrimary)
	caption := theme.CaptionTextSize()
	for _, run := range r.runs {
		if run.label != nil {
			run.label.Color = quiet
			run.label.TextSize = caption
		}
	}
	for _, l := range r.lines {
		l.StrokeColor = theme.Color(theme.ColorNameSeparator)
		l.StrokeWidth = 1
	}
	for _, t := range r.months {
		t.Color, t.TextSize = fg, caption
	}
	for _, t := range r.days {
		t.Color, t.TextSize = quiet, caption
	}
	for _, m := range r.marks {
		if m.milestone {
			m.diamond.Color, m.diamond.TextSize = primary, caption
			m.label.Color, m.label.TextSize = fg, caption
		} else {
			m.ring.StrokeColor, m.ring.StrokeWidth = fg, 1.5
		}
	}
	if r.empty != nil {
		r.empty.Color, r.empty.TextSize = quiet, theme.TextSize()
	}
	if r.today != nil {
		r.today.StrokeColor = fg
	}
	for _, it := range r.legend {
		it.label.Color, it.label.TextSize = fg, caption
		switch s := it.sample.(type) {
		case *canvas.Text:
			s.Color, s.TextSize = primary, caption
		case *canvas.Circle:
			s.StrokeColor, s.StrokeWidth = fg, 1.5
		case *canvas.Line:
			s.StrokeColor = fg
		}
	}
}

// Heights of the calendar's parts.
func (r *termCalendarRenderer) captionHeight() float32 {
	return fyne.MeasureText("Mg", theme.CaptionTextSize(), fyne.TextStyle{Bold: true}).Height
}

func (r *termCalendarRenderer) headerHeight() float32 {
	return 2*r.captionHeight() + theme.Padding()
}

func (r *termCalendarRenderer) laneHeight() float32 {
	return termBarHeight()
}

func (r *termCalendarRenderer) lanes() int { return max(r.cal.nLanes, 1) }

func (r *termCalendarRenderer) bodyHeight() float32 {
	pad := theme.Padding()
	return float32(r.lanes())*(r.laneHeight()+pad) + pad
}

func (r *termCalendarRenderer) legendHeight() float32 {
	return r.captionHeight() + theme.Padding()
}

// weekWidth is the width of one week when the calendar is width wide.
func (r *termCalendarRenderer) weekWidth(width float32) float32 {
	if r.cal.weeks == 0 {
		return termMinWeekWidth
	}
	return max(termMinWeekWidth, width/float32(r.cal.weeks))
}

func (r *termCalendarRenderer) MinSize() fyne.Size {
	w := float32(max(r.cal.weeks, termMinWeeks)) * termMinWeekWidth
	w = max(w, r.legendWidth())
	return fyne.NewSize(w, r.headerHeight()+r.bodyHeight()+r.legendHeight())
}

func (r *termCalendarRenderer) legendWidth() float32 {
	pad := theme.Padding()
	var w float32
	for _, it := range r.legend {
		w += r.captionHeight() + pad + it.label.MinSize().Width + 3*pad
	}
	return w
}

func (r *termCalendarRenderer) Layout(size fyne.Size) {
	c := r.cal
	pad := theme.Padding()
	ww := r.weekWidth(size.Width)
	ch := r.captionHeight()
	top := r.headerHeight()
	body := r.bodyHeight()

	for _, run := range r.runs {
		x := float32(run.from) * ww
		w := float32(run.to-run.from+1) * ww
		run.fill.Move(fyne.NewPos(x, top))
		run.fill.Resize(fyne.NewSize(w, body))
		if run.label != nil {
			ls := run.label.MinSize()
			run.label.Move(fyne.NewPos(x, top+(body-ls.Height)/2))
			run.label.Resize(fyne.NewSize(w, ls.Height))
		}
	}
	for w, l := range r.lines {
		x := float32(w) * ww
		l.Position1 = fyne.NewPos(x, ch)
		l.Position2 = fyne.NewPos(x, top+body)
	}
	r.layoutMonths(ww)
	for w, t := range r.days {
		t.Move(fyne.NewPos(float32(w)*ww+pad, ch))
		t.Resize(t.MinSize())
	}
	lh := r.laneHeight()
	for i, b := range c.bars {
		u := b.Unit
		x0, x1 := c.startX(u.Start, ww), c.endX(u.End, ww)
		y := top + pad + float32(c.lanes[i])*(lh+pad)
		b.Move(fyne.NewPos(x0+1, y))
		b.Resize(fyne.NewSize(max(x1-x0-2, 4), lh))
	}
	for _, m := range r.marks {
		b := c.bars[m.unit]
		y := b.Position().Y + lh - ch - pad/2
		x := c.midX(m.mark.Date, ww)
		if !m.milestone {
			d := ch * 0.55
			m.ring.Move(fyne.NewPos(x-d/2, y+(ch-d)/2))
			m.ring.Resize(fyne.NewSize(d, d))
			continue
		}
		ds := m.diamond.MinSize()
		m.diamond.Move(fyne.NewPos(x-ds.Width/2, y))
		m.diamond.Resize(ds)
	}
	for i := range c.bars {
		r.layoutMilestoneLabels(i, ww)
	}
	if r.empty != nil {
		es := r.empty.MinSize()
		r.empty.Move(fyne.NewPos(pad, top+(body-es.Height)/2))
		r.empty.Resize(es)
	}
	if r.today != nil {
		x := c.midX(c.today, ww)
		r.today.Position1 = fyne.NewPos(x, ch)
		r.today.Position2 = fyne.NewPos(x, top+body)
	}
	x, y := float32(0), top+body+pad/2
	for _, it := range r.legend {
		s := fyne.NewSize(ch*1.4, ch*0.8)
		switch o := it.sample.(type) {
		case *canvas.Text:
			ts := o.MinSize()
			o.Move(fyne.NewPos(x+(s.Width-ts.Width)/2, y))
			o.Resize(ts)
		case *canvas.Circle:
			d := ch * 0.55
			o.Move(fyne.NewPos(x+(s.Width-d)/2, y+(ch-d)/2))
			o.Resize(fyne.NewSize(d, d))
		case *canvas.Line:
			o.Position1 = fyne.NewPos(x+s.Width/2, y)
			o.Position2 = fyne.NewPos(x+s.Width/2, y+ch)
		default:
			o.Move(fyne.NewPos(x, y+(ch-s.Height)/2))
			o.Resize(s)
		}
		it.label.Move(fyne.NewPos(x+s.Width+pad, y))
		it.label.Resize(it.label.MinSize())
		x += s.Width + pad + it.label.MinSize().Width + 3*pad
	}
}

// layoutMonths writes each month's name over the week it starts in. A
// name that would run into the next is left out, and its year moves on
// to the next name.
func (r *termCalendarRenderer) layoutMonths(ww float32) {
	pad := theme.Padding()
	for i, t := range r.months {
		t.Text = r.monthTxt[i][1]
		t.Show()
	}
	for i, t := range r.months {
		x := float32(r.monthAt[i])*ww + pad
		if i+1 < len(r.months) && x+t.MinSize().Width+pad > float32(r.monthAt[i+1])*ww+pad {
			t.Hide()
			if next := r.months[i+1]; t.Text != r.monthTxt[i][0] && next.Text == r.monthTxt[i+1][0] {
				next.Text = next.Text + t.Text[len(r.monthTxt[i][0]):] // the year
			}
		}
		t.Move(fyne.NewPos(x, 0))
		t.Resize(t.MinSize())
	}
}

// layoutMilestoneLabels writes the codes of bar i's milestones beside
// their diamonds: after a diamond, or before it near the bar's end.
// Diamonds too close for their own codes share one label, "NO.2.3, AT.2.1".
func (r *termCalendarRenderer) layoutMilestoneLabels(i int, ww float32) {
	c := r.cal
	b := c.bars[i]
	pad := theme.Padding()
	var ms []termMarkObjects
	for _, m := range r.marks {
		if m.milestone && m.unit == i {
			m.label.Text = m.mark.Label
			m.label.Show()
			ms = append(ms, m)
		}
	}
	slices.SortStableFunc(ms, func(a, b termMarkObjects) int { return a.mark.Date.Compare(b.mark.Date) })
	left, right := b.Position().X+pad, b.Position().X+b.Size().Width-pad
	for k := 0; k < len(ms); {
		first := ms[k]
		x0 := c.midX(first.mark.Date, ww)
		end := k
		codes := []string{first.mark.Label}
		for end+1 < len(ms) {
			gap := c.midX(ms[end+1].mark.Date, ww) - c.midX(ms[end].mark.Date, ww)
			if gap > ms[end].label.MinSize().Width+ms[end].diamond.MinSize().Width+pad {
				break
			}
			end++
			codes = append(codes, ms[end].mark.Label)
			ms[end].label.Hide()
		}
		first.label.Text = strings.Join(codes, ", ")
		x1 := c.midX(ms[end].mark.Date, ww)
		dw := first.diamond.MinSize().Width
		ls := first.label.MinSize()
		lx := x1 + dw/2 + 1
		if lx+ls.Width > right {
			lx = max(x0-dw/2-1-ls.Width, left) // no room after the diamonds: write the codes before them
		}
		first.label.Move(fyne.NewPos(lx, first.diamond.Position().Y))
		first.label.Resize(ls)
		k = end + 1
	}
}

func (r *termCalendarRenderer) Refresh() {
	if r.key() != r.builtFor {
		r.rebuild()
	} else {
		r.applyTheme()
	}
	r.Layout(r.cal.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *termCalendarRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *termCalendarRenderer) Destroy() {}

// termBarHeight is the height of a unit's bar: a line for the title and
// a line for its marks.
func termBarHeight() float32 {
	pad := theme.Padding()
	title := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
	marks := fyne.MeasureText("Mg", theme.CaptionTextSize(), fyne.TextStyle{Bold: true}).Height
	return title + marks + 1.5*pad
}

// TermBar is one unit's bar on the term calendar: its title on a tinted
// band from the unit's first day to its last. It can be tapped, and
// focused and activated from the keyboard with Space or Enter.
type TermBar struct {
	widget.BaseWidget

	// Unit is the unit drawn.
	Unit TermUnit

	cal      *TermCalendar
	selected bool
	focused  bool
	hovered  bool
}

func newTermBar(c *TermCalendar, u TermUnit) *TermBar {
	b := &TermBar{Unit: u, cal: c}
	b.ExtendBaseWidget(b)
	return b
}

func (b *TermBar) setSelected(on bool) {
	if b.selected != on {
		b.selected = on
		b.Refresh()
	}
}

// Tapped activates the bar.
func (b *TermBar) Tapped(*fyne.PointEvent) {
	if b.cal.OnTapped != nil {
		b.cal.OnTapped(b.Unit.ID)
	}
}

// FocusGained draws the focus ring.
func (b *TermBar) FocusGained() { b.focused = true; b.Refresh() }

// FocusLost removes the focus ring.
func (b *TermBar) FocusLost() { b.focused = false; b.Refresh() }

// TypedRune activates the bar on Space.
func (b *TermBar) TypedRune(r rune) {
	if r == ' ' {
		b.Tapped(nil)
	}
}

// TypedKey activates the bar on Enter.
func (b *TermBar) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		b.Tapped(nil)
	}
}

// MouseIn highlights the bar under the pointer.
func (b *TermBar) MouseIn(*desktop.MouseEvent) { b.hovered = true; b.Refresh() }

// MouseMoved does nothing; it completes desktop.Hoverable.
func (b *TermBar) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the pointer highlight.
func (b *TermBar) MouseOut() { b.hovered = false; b.Refresh() }

// Cursor shows a pointing hand over the bar.
func (b *TermBar) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer builds the bar's parts.
func (b *TermBar) CreateRenderer() fyne.WidgetRenderer {
	r := &termBarRenderer{bar: b, bg: canvas.NewRectangle(color.Transparent), title: canvas.NewText("", color.Black)}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.title.TextStyle.Bold = true
	r.Refresh()
	return r
}

type termBarRenderer struct {
	bar   *TermBar
	bg    *canvas.Rectangle
	title *canvas.Text
}

// termBarFill tints the theme's primary colour so the title stays legible over it.
func termBarFill() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x50}
}

func (r *termBarRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	pad := theme.Padding()
	r.title.Text = fitText(r.bar.Unit.Title, size.Width-2*pad, r.title.TextSize, r.title.TextStyle)
	r.title.Move(fyne.NewPos(pad, pad/2))
	r.title.Resize(fyne.NewSize(max(size.Width-2*pad, 0), r.title.MinSize().Height))
}

// fitText shortens text with an ellipsis until it is at most width wide.
func fitText(text string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	for n := len(runes) - 1; n > 0; n-- {
		s := string(runes[:n]) + "…"
		if fyne.MeasureText(s, size, style).Width <= width {
			return s
		}
	}
	return ""
}

func (r *termBarRenderer) MinSize() fyne.Size {
	return fyne.NewSize(4, termBarHeight())
}

func (r *termBarRenderer) Refresh() {
	b := r.bar
	r.bg.FillColor = termBarFill()
	r.bg.StrokeWidth = 0
	switch {
	case b.focused:
		r.bg.StrokeColor, r.bg.StrokeWidth = theme.Color(theme.ColorNameFocus), 2
	case b.selected:
		r.bg.StrokeColor, r.bg.StrokeWidth = theme.Color(theme.ColorNameForeground), 2
	case b.hovered:
		r.bg.StrokeColor, r.bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 1
	}
	r.title.Color = theme.Color(theme.ColorNameForeground)
	r.title.TextSize = theme.TextSize()
	r.Layout(b.Size())
	r.bg.Refresh()
	r.title.Refresh()
}

func (r *termBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.title} }

func (r *termBarRenderer) Destroy() {}
