package transfer

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// exportSubject is what the export dialogs need to know of the continuum.
type exportSubject struct {
	id, name string
	groups   []exchange.Group // the roster's groups, sorted by name
	students int              // the whole roster
}

// exportFormat is a kind of file Export… writes (one of
// exchange.ExportFormats), as the dialog offers it.
type exportFormat struct {
	name  string // as exchange.ExportRequest.Format takes it
	label string // the choice in the dialog
	about string // what the file holds and what it is for
	ext   string // the file name's extension
	tag   string // added to the name offered, to tell files of one extension apart
	title string // the title of the message once written
	what  string // what was written, in the message: "a CASE package (JSON)"
}

// exportFormats are the kinds of file Export… writes, the workbook first.
var exportFormats = []exportFormat{
	{name: workbook.FormatWorkbook, label: "Workbook with everything (.xlsx)", ext: ".xlsx",
		about: "The continuum with its targets, the roster, the evidence, units, flex blocks, visit notes and calibration scores: for a colleague, a backup, or reading in a spreadsheet program.",
		title: "Workbook exported", what: "a workbook"},
	{name: exchange.FormatCASE, label: "CASE package (.json) — standards only", ext: ".json",
		about: "The continuum's levels, domains, groups and targets as a 1EdTech CASE package, for a standards system such as OpenSALT. No students or evidence.",
		title: "CASE package exported", what: "a CASE package (JSON)"},
	{name: exchange.FormatMoodle, label: "Moodle competency framework (.csv)", ext: ".csv", tag: "Moodle",
		about: "The targets as a competency framework for Moodle's Import competency framework (Site administration, Competencies). No students or evidence.",
		title: "Moodle framework exported", what: "a Moodle competency framework (CSV)"},
	{name: exchange.FormatCanvas, label: "Canvas outcomes (.csv)", ext: ".csv", tag: "Canvas",
		about: "The targets as outcomes for Canvas's outcomes import (Outcomes, Import), with the scale as their ratings. No students or evidence.",
		title: "Canvas outcomes exported", what: "Canvas outcomes (CSV)"},
}

// prefExportFormat remembers the kind of file last exported.
const prefExportFormat = "transfer.export.format"

// standardsOnly reports whether the format writes the standards alone.
func (f exportFormat) standardsOnly() bool { return f.name != workbook.FormatWorkbook }

// Export asks what to write (a workbook with everything, or the standards
// alone in another system's format) and, for a workbook of a roster with
// several groups, which students to keep; then where to save it.
func (s *Screen) Export() {
	id := s.ws.Continuum()
	if id == "" {
		screen.ShowError(s.win, errors.New("there is no continuum to export yet: create one, or import a workbook first"))
		return
	}
	screen.Run(func(ctx context.Context) (exportSubject, error) {
		c, err := s.store.Continuum(ctx, id)
		if err != nil {
			return exportSubject{}, fmt.Errorf("export: %w", err)
		}
		groups, students, err := exchange.Groups(ctx, s.store)
		if err != nil {
			return exportSubject{}, err
		}
		return exportSubject{id: c.ID, name: c.Name, groups: groups, students: students}, nil
	}, s.onExportSubject, func(err error) { screen.ShowError(s.win, err) })
}

// onExportSubject asks what to write and, when the roster has several
// groups, which students a workbook keeps; then where to save.
func (s *Screen) onExportSubject(subj exportSubject) {
	labels := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		labels[i] = f.label
	}
	about := widget.NewLabel("")
	about.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("Write", nil)}
	s.groups = nil
	if len(subj.groups) >= 2 {
		options := []string{"All students (" + continuum.Plural(subj.students, "student", "students") + ")"}
		for _, g := range subj.groups {
			options = append(options, g.Name+" ("+continuum.Plural(g.Students, "student", "students")+")")
		}
		s.groups = widgets.NewSelect(options, nil)
		s.groups.SetSelectedIndex(0)
		item := widget.NewFormItem("Students", s.groups)
		item.HintText = "a workbook can carry one group with its evidence, for a colleague who teaches it"
		items = append(items, item)
	}
	pw := newExportPassword(subj.students > 0)
	deid := widget.NewCheck("Pseudonyms instead of names, and no notes", nil)
	deidItem := widget.NewFormItem("De-identify", deid)
	deidItem.HintText = "for a coach or a calibration: scores and dates stay; names, IDs in the school's system and every note are left out"
	items = append(items, pw.item, deidItem)
	s.formats = widget.NewRadioGroup(labels, func(string) {
		f := s.chosenFormat()
		about.SetText(f.about)
		pw.enable(!f.standardsOnly())
		if f.standardsOnly() {
			deid.Disable()
		} else {
			deid.Enable()
		}
		if s.groups == nil {
			return
		}
		if f.standardsOnly() {
			s.groups.Disable()
		} else {
			s.groups.Enable()
		}
	})
	s.formats.Required = true
	items[0].Widget = container.NewVBox(s.formats, about)
	var d *widgets.FormDialog
	d = widgets.NewFormDialog(s.win, "Export "+subj.name, widget.NewForm(items...), "Choose file…", func() {
		f, ch := s.chosenFormat(), exportChoice{}
		if i := s.groups; i != nil && !f.standardsOnly() && i.SelectedIndex() > 0 {
			ch.group = subj.groups[i.SelectedIndex()-1].Name
		}
		if !f.standardsOnly() {
			ch.password, ch.deidentify = pw.entry.Text, deid.Checked
			if msg := passwordProblem(ch.password); msg != "" {
				d.SetFieldError(pw.entry, msg)
				return
			}
		}
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString(prefExportFormat, f.name)
		}
		d.Hide()
		s.chooseExportFile(subj, f, ch)
	})
	last := exportFormats[0]
	if a := fyne.CurrentApp(); a != nil {
		if i := slices.IndexFunc(exportFormats, func(f exportFormat) bool { return f.name == a.Preferences().String(prefExportFormat) }); i >= 0 {
			last = exportFormats[i]
		}
	}
	s.formats.SetSelected(last.label)
	if s.groups != nil {
		d.First = s.groups
	}
	s.exportPick = d
	d.Show(fyne.NewSize(560, 0))
}

// chosenFormat is the kind of file chosen in the export dialog.
func (s *Screen) chosenFormat() exportFormat {
	if s.formats != nil {
		if i := slices.IndexFunc(exportFormats, func(f exportFormat) bool { return f.label == s.formats.Selected }); i >= 0 {
			return exportFormats[i]
		}
	}
	return exportFormats[0]
}

// exportChoice is what the export dialog chose beside the format.
type exportChoice struct {
	group      string // keep only this group's students ("" for all)
	password   string // encrypt the workbook with it ("" for none)
	deidentify bool   // pseudonyms instead of names, and no notes
}

// chooseExportFile opens the file save dialog for an export of subj as f,
// as ch says.
func (s *Screen) chooseExportFile(subj exportSubject, f exportFormat, ch exportChoice) {
	extra := ch.group
	if ch.deidentify {
		extra = strings.TrimSpace(extra + " de-identified")
	}
	if f.standardsOnly() {
		extra = f.tag
	}
	s.saveChoice = screen.FileChoice{
		Title:   "Export " + subj.name + " as " + f.what,
		Confirm: "Export",
		Ext:     f.ext,
		Name:    screen.FileName(subj.name, extra, s.ws.Today(), f.ext),
	}
	s.saveDialog = screen.ChooseSave(s.win, s.saveChoice, func(path string) { s.exportAs(f, subj.id, ch, path) })
}

// exportTo writes the continuum to path as f without a password.
func (s *Screen) exportTo(f exportFormat, continuumID, group, path string) {
	s.exportAs(f, continuumID, exportChoice{group: group}, path)
}

// exportAs writes the continuum to path as f (for a workbook: keeping
// one group's students, encrypted, de-identified, as ch says), with a
// progress dialog whose Cancel stops it.
// The file is written beside path and renamed at the end, so a cancelled
// or failed export leaves no partial file; the empty file the save dialog
// made is removed then.
func (s *Screen) exportAs(f exportFormat, continuumID string, ch exportChoice, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := s.showProgress("Export", "Writing "+filepath.Base(path)+"…", true, cancel)
	req := exchange.ExportRequest{Continuum: continuumID, Group: ch.group, On: s.ws.Today(), AppVersion: screen.AppVersion(),
		Format: f.name, Password: ch.password, Deidentify: ch.deidentify}
	if f.standardsOnly() {
		req.Group, req.Password, req.Deidentify = "", "", false
	}
	screen.Run(func(context.Context) (exchange.Exported, error) {
		if req.Deidentify {
			var err error
			if req.DeidentifyKey, err = deidentifyKey(s.store); err != nil {
				return exchange.Exported{}, err
			}
		}
		return exchange.Export(ctx, s.store, req, path)
	}, func(e exchange.Exported) {
		prog.Hide()
		cancel()
		screen.RememberFolder(path)
		msg := exportedMessage(f, e, path, req.Password != "")
		switch {
		case req.Deidentify && req.DeidentifyKey != "":
			msg += "\n\nDe-identified: students are known by pseudonyms, each the same in every de-identified export from this data folder, so exports can be compared; no names, IDs in the school's system or notes were written."
		case req.Deidentify:
			msg += "\n\nDe-identified: students are known by pseudonyms of this export only; no names, IDs in the school's system or notes were written."
		}
		screen.ShowInfo(s.win, f.title, msg)
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		screen.RemoveIfEmpty(path)
		if cancelled {
			return
		}
		screen.ShowError(s.win, errors.New(couldNot("export", "to "+path, err)))
	})
}

// deidentifyKeyer is a store that keeps a key of its own for de-identified
// exports, so that a student keeps one pseudonym from one export to the next.
type deidentifyKeyer interface {
	DeidentifyKey() (string, error)
}

// deidentifyKey returns store's de-identify key, or "" (pseudonyms of one
// export only) when the store keeps none.
func deidentifyKey(store Store) (string, error) {
	k, ok := store.(deidentifyKeyer)
	if !ok {
		return "", nil
	}
	key, err := k.DeidentifyKey()
	if err != nil {
		return "", fmt.Errorf("de-identify: %w", err)
	}
	return key, nil
}

// exportedMessage says what an export of e as f wrote, and where, and
// whether the workbook is protected by a password.
func exportedMessage(f exportFormat, e exchange.Exported, path string, protected bool) string {
	if f.standardsOnly() {
		return fmt.Sprintf("%s was exported as %s to\n%s\n\n%s: the standards only, without students or evidence.",
			e.Name, f.what, path, continuum.Plural(e.Targets, "target", "targets"))
	}
	msg := fmt.Sprintf("%s was exported to\n%s\n\n%s.", e.Name, path, exportedWords(e))
	switch {
	case protected:
		msg += "\n\nThe workbook is encrypted: it opens only with its password. Send the password apart from the file."
	case e.Students > 0:
		msg += "\n\nThe workbook is not protected by a password: anyone who gets the file can read the students' data."
	}
	return msg
}

// exportedWords says what an export wrote: "36 targets, 28 students and
// 1,042 pieces of evidence", naming the visit notes and calibration
// scores when there are some.
func exportedWords(e exchange.Exported) string {
	parts := []string{continuum.Plural(e.Targets, "target", "targets"), continuum.Plural(e.Students, "student", "students"),
		continuum.Plural(e.Evidence, "piece of evidence", "pieces of evidence")}
	if e.VisitNotes > 0 {
		parts = append(parts, continuum.Plural(e.VisitNotes, "visit note", "visit notes"))
	}
	if e.Calibration > 0 {
		parts = append(parts, continuum.Plural(e.Calibration, "calibration score", "calibration scores"))
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// exportPassword is the export dialog's password field: when students'
// data is exported, it comes filled with a generated password, shown so
// that it can be written down and sent apart from the file.
type exportPassword struct {
	entry   *widget.Entry
	suggest *widget.Button
	item    *widget.FormItem
}

// newExportPassword builds the field; suggest fills it with a generated
// password (for an export that carries students).
func newExportPassword(suggest bool) *exportPassword {
	p := &exportPassword{entry: widget.NewEntry()}
	p.entry.SetPlaceHolder("no password")
	p.suggest = widget.NewButton("Suggest", func() {
		if pw, err := suggestPassword(); err == nil {
			p.entry.SetText(pw)
		}
	})
	p.item = widget.NewFormItem("Password", container.NewBorder(nil, nil, nil, p.suggest, p.entry))
	p.item.HintText = "opens the workbook in Excel, LibreOffice or this app; send it apart from the file"
	if suggest {
		p.suggest.OnTapped()
		p.item.HintText = "students' data leaves this computer: a password is suggested; write it down and send it apart from the file"
	}
	return p
}

// enable turns the field on for a workbook and off for the standards
// formats, which hold no student data.
func (p *exportPassword) enable(on bool) {
	if on {
		p.entry.Enable()
		p.suggest.Enable()
	} else {
		p.entry.Disable()
		p.suggest.Disable()
	}
}

// passwordProblem says what is wrong with a password for a workbook, or "".
func passwordProblem(pw string) string {
	if n := len(utf16.Encode([]rune(pw))); n > 255 {
		return fmt.Sprintf("The password has %d characters; Excel takes at most 255.", n)
	}
	return ""
}

// passwordAlphabet has 32 characters that are not mistaken for one
// another when read aloud or copied by hand (no 0, 1, l or o).
const passwordAlphabet = "23456789abcdefghijkmnpqrstuvwxyz"

// suggestPassword returns a random password of four groups of five
// characters (100 bits), such as "k7m2q-x9adf-3hwnp-t4c8e".
func suggestPassword() (string, error) {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("suggest a password: %w", err)
	}
	var out strings.Builder
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(passwordAlphabet[int(c)%len(passwordAlphabet)])
	}
	return out.String(), nil
}
