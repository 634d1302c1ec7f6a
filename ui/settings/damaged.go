package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Damaged is the screen a damaged data folder opens with: what was found,
// and the way out, restoring the newest automatic backup.
type Damaged struct {
	rec        Recovery
	onRestored func(damagedKept string)

	restoreBtn *widget.Button
	quitBtn    *widget.Button
	status     *widget.Label
	content    fyne.CanvasObject
}

// NewDamaged builds the screen for err, the damage found in rec's folder.
// onRestored is called once the newest backup is restored and the store
// open on it, with where the damaged folder was kept; onQuit closes the app.
func NewDamaged(err error, rec Recovery, onRestored func(damagedKept string), onQuit func()) *Damaged {
	d := &Damaged{rec: rec, onRestored: onRestored}
	heading := widgets.Section("Continuum Planner cannot open your data")
	what := widgets.Wrapped("The data folder " + rec.Folder() + " is damaged, so nothing was read from it: " +
		"Continuum Planner shows no data it cannot trust. Nothing was changed.")
	detail := widgets.Hint("For whoever looks after this computer: " + continuum.ErrorMessage(err))
	d.status = widgets.Wrapped("")
	d.status.Importance = widget.DangerImportance
	d.status.Hide()
	d.restoreBtn = widget.NewButtonWithIcon("Restore the newest backup", theme.HistoryIcon(), d.onRestore)
	d.restoreBtn.Importance = widget.HighImportance
	d.quitBtn = widget.NewButton("Quit", onQuit)
	way := widgets.Wrapped("")
	switch b, ok, lerr := rec.LatestBackup(); {
	case lerr != nil:
		way.SetText("The automatic backups could not be listed: " + continuum.ErrorMessage(lerr))
		d.restoreBtn.Hide()
	case !ok:
		way.SetText("There is no automatic backup of this folder to restore. Keep the folder as it is and ask whoever looks after this computer; a backup you saved yourself can be restored with continuumctl restore.")
		d.restoreBtn.Hide()
	default:
		way.SetText("The newest automatic backup was taken " + taken(b) + ". Restoring it puts that data back; " +
			"the damaged folder is kept aside, as it is, so nothing is lost that could still be rescued.")
	}
	d.content = container.NewPadded(container.NewVBox(heading, what, way, d.status,
		container.NewHBox(d.restoreBtn, d.quitBtn), detail))
	return d
}

// Content returns the screen's root object.
func (d *Damaged) Content() fyne.CanvasObject { return d.content }

func (d *Damaged) onRestore() {
	d.restoreBtn.Disable()
	d.quitBtn.Disable()
	d.status.Importance = widget.MediumImportance
	d.status.SetText("Restoring the newest backup…")
	d.status.Show()
	screen.Run(func(ctx context.Context) (string, error) { return d.rec.RestoreLatest(ctx) },
		func(kept string) { d.onRestored(kept) },
		func(err error) {
			d.restoreBtn.Enable()
			d.quitBtn.Enable()
			d.status.Importance = widget.DangerImportance
			d.status.SetText("The backup could not be restored: " + continuum.ErrorMessage(err))
			d.status.Refresh()
		})
}
