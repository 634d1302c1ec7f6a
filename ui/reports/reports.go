// Package reports is what the screens that write progress reports share
// (the student profile, for one student; the class map, for a group): the
// languages offered, and writing the file off the UI goroutine behind a
// progress dialog with Cancel, then saying where it is or, in one
// sentence, why it is not. It is not a screen: screens import it.
package reports

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Writer writes reports from one screen's window, with that screen's words.
type Writer struct {
	// Win is the window the dialogs show in.
	Win fyne.Window
	// Title heads the progress dialog and the "stopped" message.
	Title string
	// Starting is the progress dialog's first line.
	Starting string
	// Progress says how far the writing is ("3 of 14 students written").
	Progress func(done, total int) string
	// Saved heads the result message, and Says says what was saved where.
	Saved string
	Says  func(exchange.ReportsWritten) string
	// NotSaved heads the message of a failure.
	NotSaved string

	// AfterProgress, when set, is given the progress dialog after each update (for the tests).
	AfterProgress func(*widgets.ProgressDialog)
	// Finished, when set, is told what the writing came to (for the tests).
	Finished func(exchange.ReportsWritten, error)
	// Shown is the progress dialog of the last writing.
	Shown *widgets.ProgressDialog
}

// Write writes the reports req asks for to path off the UI goroutine
// behind a progress dialog; Cancel stops it and leaves no file. Then it
// says where the file is, or in one sentence why it is not.
func (w *Writer) Write(store continuum.Store, req exchange.ReportRequest, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	p := widgets.ShowProgress(w.Win, w.Title, w.Starting, cancel)
	w.Shown = p
	if w.AfterProgress != nil {
		after := w.AfterProgress
		p.AfterSet = func() { after(p) }
	}
	screen.Run(func(context.Context) (exchange.ReportsWritten, error) {
		return exchange.WriteReports(ctx, store, req, path, func(done, total int) {
			fyne.Do(func() { p.Set(float64(done)/float64(max(total, 1)), w.Progress(done, total)) })
		})
	}, func(got exchange.ReportsWritten) {
		cancel()
		p.Hide()
		screen.RememberFolder(path)
		screen.ShowInfo(w.Win, w.Saved, w.Says(got))
		w.done(got, nil)
	}, func(err error) {
		cancel()
		p.Hide()
		screen.RemoveIfEmpty(path) // the save dialog made it
		if errors.Is(err, context.Canceled) {
			screen.ShowInfo(w.Win, w.Title, "Stopped: no file was written.")
		} else {
			widgets.ShowMessage(w.Win, w.NotSaved, Problem(err), theme.ErrorIcon())
		}
		w.done(exchange.ReportsWritten{}, err)
	})
}

// done tells the tests what the writing came to.
func (w *Writer) done(got exchange.ReportsWritten, err error) {
	if w.Finished != nil {
		w.Finished(got, err)
	}
}

// Languages lists the languages reports are written in, each named in
// itself; a translation file that cannot be read is left out.
func Languages() []widgets.ReportLanguage {
	var out []widgets.ReportLanguage
	for _, code := range assets.ReportLanguages() {
		data, err := assets.ReportWords(code)
		if err != nil {
			continue
		}
		if c, err := report.LoadCatalog(data); err == nil {
			out = append(out, widgets.ReportLanguage{Code: code, Name: c.Name})
		}
	}
	return out
}

// Problem says in one sentence why reports were not written: the message
// without the operations in front or the kind of error behind.
func Problem(err error) string {
	msg := screen.Problem(err)
	msg = strings.TrimPrefix(msg, "progress report: ")
	for _, kind := range []error{continuum.ErrInvalid, continuum.ErrNotFound, continuum.ErrConflict} {
		msg = strings.TrimSuffix(msg, ": "+kind.Error())
	}
	if r, size := utf8.DecodeRuneInString(msg); r != utf8.RuneError {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// The preferences that keep the last report's language and paper.
const (
	prefLang  = "report.language"
	prefPaper = "report.paper"
)

// Remembered returns the language and paper of the last report written,
// kept in the app's preferences from one run to the next ("" when none).
func Remembered() (lang, paper string) {
	a := fyne.CurrentApp()
	if a == nil {
		return "", ""
	}
	return a.Preferences().String(prefLang), a.Preferences().String(prefPaper)
}

// Remember keeps lang and paper for the next report, in this run and the next.
func Remember(lang, paper string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefLang, lang)
		a.Preferences().SetString(prefPaper, paper)
	}
}
