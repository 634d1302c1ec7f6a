package calibration

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// prefCalibrationScorer remembers who last scored a sample in the app.
const prefCalibrationScorer = "calibration.scorer"

// calibrationHere is the place Calibrate names for a score entered in the app.
const calibrationHere = "the scores entered in the app"

// Store is what the calibration screen reads and changes: the continuum
// and the scores entered in the app.
type Store interface {
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	continuum.CalibrationStore
}

// Screen is the PLC's calibration screen for the chosen continuum:
// teachers score the same anchor work samples, here or each in their own
// workbook, and see how closely they agree. On the left a teacher scores
// a sample (its name, the target, who scores, the score and a note) and
// adds colleagues' workbooks; on the right the report: per target the
// share of pairs that gave the same score or one within a point and the
// kappa, drawn and tabled; per sample the spread, most disputed first,
// with the descriptors of the scores given, for the PLC to discuss; and
// every score with where it came from. Scores that cannot be compared (a
// scorer who scored a sample twice, a score off the scale) are listed
// with their places instead, and nothing stored changes.
type Screen struct {
	screen.Base[*calibrationData]

	store Store
	prefs fyne.Preferences

	data     *calibrationData             // what the last load read, nil before the first
	files    []calibrationFile            // colleagues' workbooks added, in order
	all      []continuum.CalibrationScore // the stored scores, then each file's, as compared
	listed   []continuum.CalibrationScore // all of them by target, sample and scorer, for the Scores tab
	report   *continuum.CalibrationReport // nil when there is nothing to compare or it cannot be
	problems []string                     // why the scores cannot be compared
	editing  *continuum.CalibrationScore  // the stored score the form is changing
	focus    string                       // the target whose samples are shown, "" for all

	summary   *widget.Label
	exportBtn *widget.Button

	form       *fyne.Container
	formHead   *widget.Label
	sample     *widgets.Entry
	targets    *widgets.SearchList
	scorer     *widgets.Entry
	score      *widgets.Entry
	scoreHint  *widget.Label
	descriptor *widget.Label
	note       *widgets.Entry
	formMsg    *widget.Label
	saveBtn    *widgets.Button
	cancelBtn  *widgets.Button
	readOnly   *widget.Label

	addBtn    *widget.Button
	left      *container.Scroll // the form and the workbooks
	fileList  *fyne.Container
	filesNone *widget.Label

	problemBox  *fyne.Container
	problemList *fyne.Container
	tabs        *container.AppTabs
	chart       *widgets.AgreementChart
	table       *fyne.Container
	sampleHead  *widget.Label
	showAllBtn  *widget.Button
	sampleList  *fyne.Container
	scoresList  *widget.List
	scoresTab   *container.TabItem
	reportEmpty *widget.Label
	messages    *container.Scroll // the problems or the hint, in place of the tabs

	content fyne.CanvasObject

	// The dialogs last opened, for the tests to drive.
	openDialog *dialog.FileDialog
	saveDialog *dialog.FileDialog
	password   *widgets.FormDialog
	passEntry  *widget.Entry
}

// calibrationData is what one load reads.
type calibrationData struct {
	continuumID string
	graph       *continuum.Graph // nil when no continuum is chosen or it is gone
	stored      []continuum.CalibrationScore
}

// calibrationFile is a colleague's workbook whose Calibration sheet was added.
type calibrationFile struct {
	path, name string
	scores     []continuum.CalibrationScore
}

// New builds the calibration screen on store, following the continuum
// chosen in ws, with its dialogs in win. It reads nothing until it is
// shown (Refresh).
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	c := &Screen{store: store, prefs: fyne.CurrentApp().Preferences()}
	summary := c.buildSummary()
	body := container.NewBorder(summary, nil, nil, nil, c.buildSplit())
	// Workbooks added for another continuum are let go when the choice
	// changes, before the load that follows.
	ws.OnChange(c.onChoiceChanged)
	c.content = c.Init(ws, win, body, screen.Loader[*calibrationData]{
		What:    "The calibration scores",
		Follows: c.follows,
		Read:    c.read,
		Show:    c.show,
	})
	c.ShowNotice("Loading…")
	return c
}

// buildSummary makes the line at the top: the summary and the export.
func (c *Screen) buildSummary() fyne.CanvasObject {
	c.summary = widget.NewLabel("")
	c.summary.Truncation = fyne.TextTruncateEllipsis
	c.exportBtn = widget.NewButtonWithIcon("Export report…", theme.UploadIcon(), c.onExportReport)
	// Padded as the other screens' top rows are, in line with the toolbar.
	return container.NewVBox(container.NewPadded(container.NewBorder(nil, nil, nil, c.exportBtn, c.summary)), widget.NewSeparator())
}

// buildSplit makes the form and the workbooks on the left, the report on the right.
func (c *Screen) buildSplit() fyne.CanvasObject {
	c.formHead = widgets.Heading("Score an anchor sample")
	c.sample = widgets.NewEntry()
	c.sample.SetPlaceHolder("e.g. Essay B")
	c.sample.OnSubmitted = func(string) { c.focusOn(c.targets.SearchField()) }
	c.targets = widgets.NewSearchList("Find a target (code or words)")
	c.targets.OnSelected = c.onTargetChosen
	c.targets.OnConfirmed = func(code string) { c.onTargetChosen(code); c.focusOn(c.score) }
	c.scorer = widgets.NewEntry()
	c.scorer.SetPlaceHolder("your name or initials")
	c.scorer.SetText(c.prefs.String(prefCalibrationScorer))
	c.scorer.OnChanged = func(text string) { c.prefs.SetString(prefCalibrationScorer, strings.TrimSpace(text)) }
	c.scorer.OnSubmitted = func(string) { c.focusOn(c.score) }
	c.score = widgets.NewEntry()
	c.score.SetPlaceHolder("3 or Proficient")
	c.score.OnChanged = func(string) { c.showDescriptor() }
	c.score.OnSubmitted = func(string) { c.onSave() }
	c.scoreHint = widget.NewLabel("")
	c.scoreHint.SizeName = theme.SizeNameCaptionText
	c.scoreHint.Wrapping = fyne.TextWrapWord
	c.descriptor = widget.NewLabel("")
	c.descriptor.Wrapping = fyne.TextWrapWord
	c.descriptor.SizeName = theme.SizeNameCaptionText
	c.descriptor.Hide()
	c.note = widgets.NewEntry()
	c.note.SetPlaceHolder("what the scorer noticed (optional)")
	c.note.OnSubmitted = func(string) { c.onSave() }
	c.formMsg = widget.NewLabel("")
	c.formMsg.Wrapping = fyne.TextWrapWord
	c.formMsg.Importance = widget.DangerImportance
	c.formMsg.Hide()
	c.saveBtn = widgets.NewButton("Save score", theme.ConfirmIcon(), c.onSave)
	c.saveBtn.Importance = widget.HighImportance
	c.cancelBtn = widgets.NewButton("Cancel", theme.CancelIcon(), c.onCancelEdit)
	c.cancelBtn.Hide()
	for _, e := range []*widgets.Entry{c.sample, c.scorer, c.score, c.note} {
		e.OnEscape = c.onCancelEdit
	}

	pickerBox := container.New(&calibrationHeight{height: 150}, c.targets)
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabel("Sample"), c.sample,
		widget.NewLabel("Target"), pickerBox,
		widget.NewLabel("Scorer"), c.scorer,
		widget.NewLabel("Score"), container.NewVBox(c.score, c.scoreHint, c.descriptor),
		widget.NewLabel("Note"), c.note,
	)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(c.cancelBtn, c.saveBtn))
	c.form = container.NewVBox(c.formHead, grid, c.formMsg, buttons)
	c.readOnly = widgets.Hint("This is a read-only review: the scores stored here cannot change. Add colleagues' workbooks to compare their scores.")
	c.readOnly.Hide()

	c.addBtn = widget.NewButtonWithIcon("Add workbook…", theme.FolderOpenIcon(), c.onAddWorkbook)
	c.filesNone = widgets.Hint("Colleagues who scored the same samples in their own workbook (the Calibration sheet of an export) can hand it to you: add each one here.")
	c.fileList = container.NewVBox()
	files := container.NewVBox(
		container.NewBorder(nil, nil, nil, c.addBtn, widgets.Heading("Colleagues' workbooks")),
		c.filesNone, c.fileList)

	c.left = container.NewVScroll(container.NewVBox(c.form, c.readOnly, widget.NewSeparator(), files))

	split := container.NewHSplit(container.NewPadded(c.left), container.NewPadded(c.buildReport()))
	split.Offset = 0.36
	return split
}

// Content returns the screen's root object.
func (c *Screen) Content() fyne.CanvasObject { return c.content }

// FocusFirst puts the focus on the sample's name, where scoring starts.
func (c *Screen) FocusFirst() {
	if c.Loading() {
		c.WhenLoaded(c.FocusFirst)
		return
	}
	if c.form.Visible() && !c.sample.Disabled() {
		c.focusOn(c.sample)
	}
}

func (c *Screen) focusOn(o fyne.Focusable) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.content); cv != nil {
		cv.Focus(o)
	}
}

// onChoiceChanged lets go of the workbooks added and the score being
// edited when another continuum is chosen.
func (c *Screen) onChoiceChanged(ch screen.Change) {
	if ch.Kind == screen.SelectionChanged {
		c.files = nil
		c.focus = ""
		c.onCancelEdit()
	}
}

// follows reports whether a change touches what the screen shows: the
// scores or the continuum shown, or the choice of continuum.
func (c *Screen) follows(ch screen.Change) bool {
	switch ch.Kind {
	case screen.SelectionChanged:
		return true
	case screen.CalibrationChanged, screen.TargetsChanged, screen.ContinuaChanged:
		return ch.Continuum == "" || ch.Continuum == c.WS.Continuum()
	}
	return false
}

// read takes the continuum chosen, on the UI goroutine, and returns the
// work that reads it and its stored scores.
func (c *Screen) read() func(ctx context.Context) (*calibrationData, error) {
	id := c.WS.Continuum()
	return func(ctx context.Context) (*calibrationData, error) { return c.readData(ctx, id) }
}

// readData does the reading of a load; it touches no widget.
func (c *Screen) readData(ctx context.Context, id string) (*calibrationData, error) {
	d := &calibrationData{continuumID: id}
	if id == "" {
		return d, nil
	}
	g, err := c.store.Graph(ctx, id)
	if errors.Is(err, continuum.ErrNotFound) {
		return d, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read continuum %s: %w", id, err)
	}
	d.graph = g
	if d.stored, err = c.store.CalibrationScores(ctx, id); err != nil {
		return nil, fmt.Errorf("read the calibration scores of %s: %w", g.Continuum.Name, err)
	}
	return d, nil
}

// show shows what a load read, compared with the workbooks' scores.
func (c *Screen) show(d *calibrationData) {
	if c.data != nil && c.data.continuumID != d.continuumID {
		c.files = nil
		c.focus = ""
	}
	c.data = d
	if d.graph == nil {
		c.summary.SetText("")
		c.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
		return
	}
	c.HideNotice()
	c.showForm(d.graph)
	c.recompute()
}

// showForm fills the form for the continuum g: its targets and its scale,
// and hides it in a read-only review.
func (c *Screen) showForm(g *continuum.Graph) {
	items := make([]widgets.SearchItem, len(g.Targets))
	for i, t := range g.Targets {
		items[i] = widgets.SearchItem{Key: t.Code, Title: t.Code, Detail: t.Statement}
	}
	c.targets.SetItems(items)
	c.scoreHint.SetText(calibrationScaleWords(&g.Continuum.Scale))
	ro := c.WS.ReadOnly()
	c.form.Hidden = ro
	c.readOnly.Hidden = !ro
	c.form.Refresh()
	c.readOnly.Refresh()
	c.showDescriptor()
}

// calibrationScaleWords lists a scale's points: "1 Beginning · 2 Developing".
func calibrationScaleWords(s *continuum.Scale) string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, " · ")
}

// graph is the continuum shown, or nil.
func (c *Screen) graph() *continuum.Graph {
	if c.data == nil {
		return nil
	}
	return c.data.graph
}

// recompute compares every score, stored and added, and shows the report
// or why it cannot be made. It changes nothing stored.
func (c *Screen) recompute() {
	g := c.graph()
	if g == nil {
		return
	}
	c.all = nil
	for _, s := range c.data.stored {
		s.Place = calibrationHere
		c.all = append(c.all, s)
	}
	for _, f := range c.files {
		c.all = append(c.all, f.scores...)
	}
	c.listed = slices.Clone(c.all)
	sortCalibration(c.listed)
	c.report, c.problems = nil, nil
	if len(c.all) > 0 {
		r, err := continuum.Calibrate(&g.Continuum.Scale, c.all)
		if err != nil {
			c.problems = calibrationMessages(err)
		} else {
			c.report = &r
		}
	}
	c.showSummary()
	c.showFiles()
	c.showProblems()
	c.showAgreement()
	c.showSamples()
	c.scoresTab.Text = "Scores (" + continuum.GroupThousands(len(c.all)) + ")"
	c.tabs.Refresh()
	c.scoresList.Refresh()
	if c.report != nil && len(c.report.Targets) > 0 {
		c.exportBtn.Enable()
	} else {
		c.exportBtn.Disable()
	}
}

// calibrationMessages returns the plain message of each problem joined in err.
func calibrationMessages(err error) []string {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return []string{screen.Problem(err)}
	}
	var out []string
	for _, e := range joined.Unwrap() {
		out = append(out, calibrationMessages(e)...)
	}
	return out
}

// calibrationSentence starts a message with a capital letter, as the form shows it.
func calibrationSentence(msg string) string {
	r, size := utf8.DecodeRuneInString(msg)
	if size == 0 {
		return msg
	}
	return string(unicode.ToUpper(r)) + msg[size:]
}

// onTargetChosen shows the descriptor of the score typed on the target chosen.
func (c *Screen) onTargetChosen(string) { c.showDescriptor() }

// showDescriptor writes under the form what the score typed means on the
// target chosen, so the scorer reads the descriptor while scoring.
func (c *Screen) showDescriptor() {
	g := c.graph()
	text := ""
	if g != nil && strings.TrimSpace(c.score.Text) != "" {
		t, ok := g.Target(c.targets.Selected())
		if v, err := g.Continuum.Scale.ParseScore(c.score.Text); ok && err == nil {
			if d := t.Descriptor(v); d != "" {
				p, _ := g.Continuum.Scale.Point(v)
				text = continuum.FormatScore(v) + " " + p.Label + " on " + t.Code + ": " + d
			}
		}
	}
	if text == c.descriptor.Text && c.descriptor.Visible() == (text != "") {
		return
	}
	c.descriptor.SetText(text)
	c.descriptor.Hidden = text == ""
	c.relayoutLeft()
}

// formScore reads the form into a score, or says what is missing or wrong.
func (c *Screen) formScore() (continuum.CalibrationScore, error) {
	g := c.graph()
	s := continuum.CalibrationScore{
		Sample: strings.TrimSpace(c.sample.Text),
		Target: c.targets.Selected(),
		Scorer: strings.TrimSpace(c.scorer.Text),
		Note:   strings.TrimSpace(c.note.Text),
	}
	switch {
	case s.Sample == "":
		return s, errors.New("name the sample scored, e.g. Essay B")
	case s.Target == "":
		return s, errors.New("choose the target the sample is scored on")
	case s.Scorer == "":
		return s, errors.New("say who scored it")
	}
	v, err := g.Continuum.Scale.ParseScore(c.score.Text)
	if err != nil {
		return s, fmt.Errorf("%s's score of %s on %s: %s", s.Scorer, s.Sample, s.Target, screen.Problem(err))
	}
	s.Score = v
	return s, nil
}

// calibrationSame reports whether a and b are one scorer's score of one
// sample on one target, as the store matches them.
func calibrationSame(a, b continuum.CalibrationScore) bool {
	return continuum.SameCode(a.Target, b.Target) &&
		strings.EqualFold(strings.TrimSpace(a.Sample), strings.TrimSpace(b.Sample)) &&
		strings.EqualFold(strings.TrimSpace(a.Scorer), strings.TrimSpace(b.Scorer))
}

// onSave stores the score in the form (replacing the one being edited),
// with a step that puts back what was there before. It writes on the UI
// goroutine, as an undo does: one small synced write.
func (c *Screen) onSave() {
	g := c.graph()
	if g == nil || c.WS.ReadOnly() {
		return
	}
	s, err := c.formScore()
	if err != nil {
		c.formMsg.SetText(calibrationSentence(err.Error()))
		c.formMsg.Show()
		c.relayoutLeft()
		return
	}
	cid := g.Continuum.ID
	// What the change replaces: a score the scorer already gave this
	// sample, and the score being edited when the sample, target or
	// scorer was changed.
	var before []continuum.CalibrationScore
	for _, old := range c.data.stored {
		if calibrationSame(old, s) || (c.editing != nil && calibrationSame(old, *c.editing)) {
			before = append(before, old)
		}
	}
	editing := c.editing
	ctx := context.Background()
	if err := c.store.PutCalibrationScores(ctx, cid, s); err != nil {
		c.formMsg.SetText(calibrationSentence(screen.Problem(err)))
		c.formMsg.Show()
		c.relayoutLeft()
		return
	}
	if editing != nil && !calibrationSame(*editing, s) {
		if err := c.store.DeleteCalibrationScore(ctx, cid, editing.Sample, editing.Target, editing.Scorer); err != nil && !errors.Is(err, continuum.ErrNotFound) {
			screen.ShowError(c.Win, fmt.Errorf("the score was saved, but the one it replaces could not be removed: %w", err))
		}
	}
	c.formMsg.Hide()
	c.editing = nil
	c.sample.SetText("")
	c.score.SetText("")
	c.note.SetText("")
	c.formHead.SetText("Score an anchor sample")
	c.saveBtn.SetText("Save score")
	c.cancelBtn.Hide()
	label := fmt.Sprintf("score %s by %s of %s on %s", continuum.FormatScore(s.Score), s.Scorer, s.Sample, s.Target)
	c.WS.Did(screen.UndoStep{
		Label: label,
		Undo: func(ctx context.Context) error {
			if !slices.ContainsFunc(before, func(b continuum.CalibrationScore) bool { return calibrationSame(b, s) }) {
				if err := c.store.DeleteCalibrationScore(ctx, cid, s.Sample, s.Target, s.Scorer); err != nil && !errors.Is(err, continuum.ErrNotFound) {
					return err
				}
			}
			if len(before) == 0 {
				return nil
			}
			return c.store.PutCalibrationScores(ctx, cid, before...)
		},
		Change: screen.Change{Kind: screen.CalibrationChanged, Continuum: cid},
	})
	c.focusOn(c.sample)
}

// onEdit puts a stored score into the form to change it.
func (c *Screen) onEdit(s continuum.CalibrationScore) {
	if c.WS.ReadOnly() {
		return
	}
	c.editing = &s
	c.sample.SetText(s.Sample)
	c.targets.SetQuery("")
	c.targets.Select(s.Target)
	c.scorer.SetText(s.Scorer)
	c.score.SetText(continuum.FormatScore(s.Score))
	c.note.SetText(s.Note)
	c.formHead.SetText("Change " + s.Scorer + "'s score of " + s.Sample)
	c.saveBtn.SetText("Save change")
	c.cancelBtn.Show()
	c.formMsg.Hide()
	c.showDescriptor()
	c.focusOn(c.score)
}

// onCancelEdit leaves the score being edited as it is and empties the form.
func (c *Screen) onCancelEdit() {
	if c.editing == nil {
		return
	}
	c.editing = nil
	c.sample.SetText("")
	c.score.SetText("")
	c.note.SetText("")
	c.formHead.SetText("Score an anchor sample")
	c.saveBtn.SetText("Save score")
	c.cancelBtn.Hide()
	c.formMsg.Hide()
}

// onDelete removes a stored score, with a step that puts it back.
func (c *Screen) onDelete(s continuum.CalibrationScore) {
	g := c.graph()
	if g == nil || c.WS.ReadOnly() {
		return
	}
	cid := g.Continuum.ID
	s.Place = ""
	if err := c.store.DeleteCalibrationScore(context.Background(), cid, s.Sample, s.Target, s.Scorer); err != nil {
		screen.ShowError(c.Win, err)
		return
	}
	if c.editing != nil && calibrationSame(*c.editing, s) {
		c.onCancelEdit()
	}
	c.WS.Did(screen.UndoStep{
		Label: fmt.Sprintf("deleting %s's score of %s on %s", s.Scorer, s.Sample, s.Target),
		Undo: func(ctx context.Context) error {
			return c.store.PutCalibrationScores(ctx, cid, s)
		},
		Change: screen.Change{Kind: screen.CalibrationChanged, Continuum: cid},
	})
}

// onAddWorkbook asks for a colleague's workbook.
func (c *Screen) onAddWorkbook() {
	if c.graph() == nil {
		return
	}
	c.openDialog = screen.ChooseOpen(c.Win, screen.FileChoice{
		Title:   "Add a colleague's workbook",
		Confirm: "Add",
		Ext:     ".xlsx",
	}, func(path string) { c.addWorkbook(path, "") })
}

// addWorkbook reads the workbook at path off the UI goroutine and adds
// its Calibration sheet, unless it belongs to another continuum, its
// sheet has rows that cannot be read, or it holds no scores: each is
// refused, saying why. Adding a file again reads it again.
func (c *Screen) addWorkbook(path, password string) {
	g := c.graph()
	if g == nil {
		return
	}
	name := filepath.Base(path)
	screen.Run(func(ctx context.Context) (*workbook.Book, error) {
		b, err := workbook.DecodeFile(ctx, path, workbook.Options{Name: name, Password: password})
		if b == nil {
			return nil, err
		}
		return b, nil // problems on other sheets do not matter here
	}, func(b *workbook.Book) {
		c.onWorkbookRead(path, b)
	}, func(err error) {
		if errors.Is(err, workbook.ErrPasswordProtected) {
			c.askPassword(path, password != "")
			return
		}
		screen.ShowError(c.Win, fmt.Errorf("the workbook %s cannot be added: %w", name, err))
	})
}

// onWorkbookRead checks a decoded workbook and adds its scores.
func (c *Screen) onWorkbookRead(path string, b *workbook.Book) {
	g := c.graph()
	if g == nil {
		return
	}
	name := b.About.File
	ours := g.Continuum.Name
	if theirs := strings.TrimSpace(b.About.Continuum); theirs != "" && !strings.EqualFold(theirs, strings.TrimSpace(ours)) {
		screen.ShowError(c.Win, fmt.Errorf("the workbook %s is of %q, not of %q: calibrate with workbooks of %s only; it was not added", name, theirs, ours, ours))
		return
	}
	if err := calibrationSameScale(name, &b.Continuum.Scale, g); err != nil {
		screen.ShowError(c.Win, err)
		return
	}
	if ps := b.Problems.Sheet("Calibration"); len(ps) > 0 {
		lines := make([]string, len(ps))
		for i, p := range ps {
			lines[i] = p.Place() + ": " + p.Message
		}
		screen.ShowError(c.Win, fmt.Errorf("the workbook %s has rows of its Calibration sheet that cannot be read; it was not added:\n%s", name, strings.Join(lines, "\n")))
		return
	}
	if len(b.Calibration) == 0 {
		screen.ShowError(c.Win, fmt.Errorf("the workbook %s holds no calibration scores: fill in its Calibration sheet (Sample, Target, Scorer, Score, Note) and add it again", name))
		return
	}
	f := calibrationFile{path: path, name: name, scores: b.Calibration}
	if i := slices.IndexFunc(c.files, func(o calibrationFile) bool { return o.path == path }); i >= 0 {
		c.files[i] = f
	} else {
		c.files = append(c.files, f)
	}
	c.recompute()
}

// calibrationSameScale refuses a workbook scored on another scale than
// the continuum's: its points must have the same values.
func calibrationSameScale(name string, theirs *continuum.Scale, g *continuum.Graph) error {
	ours := &g.Continuum.Scale
	if len(theirs.Points) == 0 {
		return nil
	}
	same := len(theirs.Points) == len(ours.Points)
	for i := 0; same && i < len(ours.Points); i++ {
		same = theirs.Points[i].Value == ours.Points[i].Value
	}
	if same {
		return nil
	}
	return fmt.Errorf("the workbook %s scores on %s but %s on %s: calibrate on one scale; it was not added",
		name, calibrationScaleWords(theirs), g.Continuum.Name, calibrationScaleWords(ours))
}

// askPassword asks for the password of a protected workbook, then reads it again.
func (c *Screen) askPassword(path string, wrong bool) {
	c.passEntry = widget.NewPasswordEntry()
	text := filepath.Base(path) + " is protected by a password. Type it to add the workbook."
	body := container.NewVBox(widgets.Hint(text), c.passEntry)
	var d *widgets.FormDialog
	d = widgets.NewFormDialog(c.Win, "Password", body, "Open", func() {
		pw := c.passEntry.Text
		d.Hide()
		c.addWorkbook(path, pw)
	})
	c.passEntry.OnSubmitted = func(string) { d.Submit() }
	d.First = c.passEntry
	if wrong { // until another password is typed
		d.SetFieldError(c.passEntry, "That password does not open "+filepath.Base(path)+". Try again.")
	}
	c.password = d
	d.Show(fyne.NewSize(420, 0))
}

// onRemoveFile lets go of a workbook's scores.
func (c *Screen) onRemoveFile(i int) {
	if i < 0 || i >= len(c.files) {
		return
	}
	c.files = slices.Delete(c.files, i, i+1)
	c.recompute()
}

// calibrationHeight gives its one object a fixed height and its own width.
type calibrationHeight struct{ height float32 }

func (l *calibrationHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objects {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.height)
}

func (l *calibrationHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// sortCalibration orders scores as the store does: by target, sample, scorer.
func sortCalibration(scores []continuum.CalibrationScore) {
	slices.SortFunc(scores, func(a, b continuum.CalibrationScore) int {
		return cmp.Or(
			cmp.Compare(strings.ToLower(a.Target), strings.ToLower(b.Target)),
			cmp.Compare(strings.ToLower(a.Sample), strings.ToLower(b.Sample)),
			cmp.Compare(strings.ToLower(a.Scorer), strings.ToLower(b.Scorer)))
	})
}
