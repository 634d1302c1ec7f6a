// Command continuum-planner is the Continuum Planner desktop app: it opens
// the teacher's store (the default data folder, or --db DIR) in a window.
// With --review FILE.xlsx it opens an exported workbook read-only instead,
// without opening any store.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/app"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui"
	"github.com/continuum-planner/planner/ui/screen"
)

// appID matches FyneApp.toml; preferences live under it.
const appID = "org.continuumplanner.planner"

func main() {
	db := flag.String("db", "", "data folder of the store (default: $CONTINUUM_PLANNER_DB or the user's data folder)")
	view := flag.String("view", "", "open a view directly: continua, students, evidence, student:<id>, class-map, flex, units, unit:<name>, notes or calibration")
	review := flag.String("review", "", "open an exported workbook (.xlsx) read-only, as of the day it was exported, without opening the store")
	password := flag.String("password", "", "the password of the workbook given with --review, when it has one")
	flag.Parse()
	if err := displayNameProblem(); err != nil {
		fmt.Fprintf(os.Stderr, "continuum-planner: %v\n", err)
		os.Exit(1)
	}
	held := holdLog()
	defer stopOnWindowFailure(held)

	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(ui.Theme())
	if *review != "" {
		runReview(a, *review, *password, *view, held.release)
		return
	}
	dir, err := dataFolder(*db)
	if err != nil {
		w := ui.NewMainWindow(a, "")
		held.release()
		w.SetContent(ui.NewStartupError(err, startupHint(err), a.Quit).Content())
		w.ShowAndRun()
		os.Exit(1)
	}
	defer exchange.CloseReviews() // reviews opened from the app, still open when it quits

	w := ui.NewMainWindow(a, dir)
	held.release()
	s := newSession(a, w, dir, *view, readyReporter())
	s.start()
	w.ShowAndRun()
	s.close()
	if s.failed() { // quit from a screen saying why the data could not be opened
		exchange.CloseReviews()
		os.Exit(1)
	}
}

// stopOnWindowFailure turns a failure of the graphics library while it
// opens or draws the window (it reports some by crashing) into one line on
// standard error and exit status 1, instead of a crash report: why no
// display answers, when that is the cause; otherwise what the library
// logged while the window was being opened, and its failure.
func stopOnWindowFailure(held *heldLog) {
	if r := recover(); r != nil {
		if err := displayProblem(); err != nil {
			fmt.Fprintf(os.Stderr, "continuum-planner: %v\n", err)
		} else {
			held.release()
			fmt.Fprintf(os.Stderr, "continuum-planner: the window could not be shown: %v\n", r)
		}
		os.Exit(1)
	}
}

// openReview reads the workbook at path into a temporary store of its own.
func openReview(ctx context.Context, path, password string) (*exchange.Review, error) {
	return exchange.OpenReview(ctx, path, password, openTempStore)
}

// openTempStore opens a new store in dir for a review.
func openTempStore(dir string) (exchange.TempStore, error) {
	return storage.Open(dir, storage.Options{})
}

// readyReporter returns, when $CONTINUUM_PLANNER_REPORT_READY is set, a
// function that prints "ready after N ms" on standard error once the first
// screen has shown its data (once the frame with it is drawn). The
// start-up benchmark reads it.
func readyReporter() func() {
	if os.Getenv("CONTINUUM_PLANNER_REPORT_READY") == "" {
		return nil
	}
	start := processStart()
	return func() {
		screen.AfterFrame(func() {
			fmt.Fprintf(os.Stderr, "ready after %d ms\n", time.Since(start).Milliseconds())
		})
	}
}

// startupHint says what to do when the store cannot be opened.
func startupHint(err error) string {
	if errors.Is(err, storage.ErrAlreadyOpen) {
		return "Switch to that window, or close it and open Continuum Planner again. Your data is safe."
	}
	if errors.Is(err, storage.ErrPassphraseNeeded) {
		return "This data folder is encrypted. Quit and open Continuum Planner again: it asks for the passphrase first. Nothing was changed."
	}
	if errors.Is(err, storage.ErrDamaged) {
		return "Nothing was read from the damaged files and your automatic backups are untouched. Quit and open Continuum Planner again: it offers to restore the newest backup, keeping the damaged folder aside."
	}
	return "Nothing was changed. Quit, then open Continuum Planner again; if the same message comes back, keep it for whoever looks after this computer."
}

// dataFolder returns the data folder: db when given, else the default one.
func dataFolder(db string) (string, error) {
	if db != "" {
		abs, err := filepath.Abs(db)
		if err != nil {
			return "", fmt.Errorf("find the data folder %s: %w", db, err)
		}
		return abs, nil
	}
	dir, err := storage.DefaultDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder: %w", err)
	}
	return dir, nil
}
