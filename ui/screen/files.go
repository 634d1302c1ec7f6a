package screen

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/continuum-planner/planner/continuum"
)

// prefFolder remembers the folder of the last file saved or opened.
const prefFolder = "workbook.folder"

// FileChoice describes a file dialog: its title, the confirm button's
// word, the file kinds' extensions, and (to save) the name offered.
type FileChoice struct {
	// Title heads the dialog: "Export Math Foundations".
	Title string
	// Confirm names the action: "Export", "Import", "Save".
	Confirm string
	// Ext is the extension of the files shown and written: ".xlsx".
	Ext string
	// Exts are more extensions of the files shown, for a dialog that opens
	// several kinds: ".csv", ".tsv". A save dialog still adds only Ext.
	Exts []string
	// Name is the file name offered when saving.
	Name string
}

// Extensions returns the extensions of the files the dialog shows: Ext,
// then Exts, each once (case aside); none means every file is shown.
func (c FileChoice) Extensions() []string {
	var out []string
	for _, e := range append([]string{c.Ext}, c.Exts...) {
		if e != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, e) }) {
			out = append(out, e)
		}
	}
	return out
}

// Shows reports whether the dialog shows the file at path: its extension
// is one of Extensions (in any case), or there are none.
func (c FileChoice) Shows(path string) bool {
	f := c.filter()
	return f == nil || f.Matches(storage.NewFileURI(path))
}

// filter is the dialog's filter of the files shown; nil shows them all.
func (c FileChoice) filter() storage.FileFilter {
	exts := c.Extensions()
	if len(exts) == 0 {
		return nil
	}
	return storage.NewExtensionFileFilter(exts)
}

// ChooseSave asks where to save a file, starting in the folder last used.
// onChosen gets the path, with Ext added when the teacher left it off;
// it is not called when the teacher cancels. A path that cannot be
// written is shown as an error. The dialog is returned shown.
func ChooseSave(win fyne.Window, c FileChoice, onChosen func(path string)) *dialog.FileDialog {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if path, ok := SavePath(win, c.Ext, wc, err); ok {
			onChosen(path)
		}
	}, win)
	d.SetFileName(c.Name)
	setUp(d, c)
	return d
}

// SavePath reads a save dialog's answer: the path chosen, with ext added
// when it was left off. The dialog has created (or emptied) the file; it
// is closed here, and removed when the path changes. ok is false when
// the teacher cancelled or the place cannot be written (shown in win).
func SavePath(win fyne.Window, ext string, wc fyne.URIWriteCloser, err error) (path string, ok bool) {
	if err != nil {
		ShowError(win, fmt.Errorf("the file cannot be saved there: %w", err))
		return "", false
	}
	if wc == nil {
		return "", false // the teacher cancelled
	}
	path = wc.URI().Path()
	wc.Close()
	if ext != "" && !strings.EqualFold(filepath.Ext(path), ext) {
		RemoveIfEmpty(path)
		path += ext
	}
	return path, true
}

// ChooseOpen asks for a file to open, starting in the folder last used.
// onChosen gets its path; it is not called when the teacher cancels. The
// dialog is returned shown.
func ChooseOpen(win fyne.Window, c FileChoice, onChosen func(path string)) *dialog.FileDialog {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if path, ok := OpenPath(win, rc, err); ok {
			onChosen(path)
		}
	}, win)
	setUp(d, c)
	return d
}

// OpenPath reads an open dialog's answer: the path chosen. ok is false
// when the teacher cancelled or the file cannot be read (shown in win).
func OpenPath(win fyne.Window, rc fyne.URIReadCloser, err error) (path string, ok bool) {
	if err != nil {
		ShowError(win, fmt.Errorf("the file cannot be opened: %w", err))
		return "", false
	}
	if rc == nil {
		return "", false
	}
	path = rc.URI().Path()
	rc.Close()
	RememberFolder(path)
	return path, true
}

func setUp(d *dialog.FileDialog, c FileChoice) {
	if c.Title != "" {
		d.SetTitleText(c.Title)
	}
	if c.Confirm != "" {
		d.SetConfirmText(c.Confirm)
	}
	if f := c.filter(); f != nil {
		d.SetFilter(f)
	}
	if loc := LastFolder(); loc != nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// LastFolder is the folder of the last file saved or opened, when it
// still exists.
func LastFolder() fyne.ListableURI {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	dir := a.Preferences().String(prefFolder)
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// RememberFolder remembers the folder of path for the next dialog.
func RememberFolder(path string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefFolder, filepath.Dir(path))
	}
}

// RemoveIfEmpty removes the empty file a save dialog made when nothing
// ends up written in it (cancelled, failed, or saved under another name).
func RemoveIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// FileName is the name offered for a file about a continuum: its name,
// the group if one is kept, and the day, without characters file systems
// refuse, then ext.
func FileName(name, group string, on continuum.Date, ext string) string {
	parts := []string{name}
	if group != "" {
		parts = append(parts, group)
	}
	parts = append(parts, on.String())
	base := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.Join(parts, " "))
	return base + ext
}

// AppVersion is the app's version, as written in an exported workbook.
func AppVersion() string {
	if a := fyne.CurrentApp(); a != nil {
		return a.Metadata().Version
	}
	return ""
}
