package main

import (
	"context"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/settings"
)

// Preference keys of the automatic backups' retention, read into
// storage.Options each time the store opens.
const (
	prefBackupsKept = "backups.kept"
	prefBackupDays  = "backups.days"
)

// session is the app on one data folder. It opens the store (asking for
// the passphrase of an encrypted folder first, offering the newest backup
// for a damaged one), fills the window with the screens on it, and closes
// and reopens the store when its encryption changes or a backup is
// restored, rebuilding the screens on the store reopened. It is the
// settings.Vault and settings.Recovery the screens are handed.
type session struct {
	app     fyne.App
	win     fyne.Window
	dir     string
	view    string
	onReady func() // called once, when the first screen has shown its data

	mu   sync.Mutex // held while the store is closed, changed or reopened
	opts storage.Options
	st   *storage.Store

	problem error         // why the window says the data cannot be opened; nil once the screens show
	shown   func() string // names the view on show, once the screens are built (ui.Launch)
}

var (
	_ settings.Vault    = (*session)(nil)
	_ settings.Recovery = (*session)(nil)
)

// newSession prepares the app on the data folder dir, shown in win.
func newSession(a fyne.App, win fyne.Window, dir, view string, onReady func()) *session {
	return &session{app: a, win: win, dir: dir, view: view, onReady: onReady}
}

// start fills the window: the passphrase screen for an encrypted folder,
// else the screens on the store, or why it cannot be opened.
func (s *session) start() {
	enc, err := storage.IsEncrypted(s.dir)
	if err != nil {
		s.showProblem(err)
		return
	}
	if enc {
		u := settings.NewUnlock(s.dir, s.unlock, s.launch, s.showProblem)
		s.win.SetContent(u.Content())
		u.Focus(s.win.Canvas())
		return
	}
	if err := s.open(); err != nil {
		s.showProblem(err)
		return
	}
	s.launch()
}

// unlock opens the encrypted store with secret (its passphrase or recovery key).
func (s *session) unlock(_ context.Context, secret string) error {
	s.mu.Lock()
	s.opts.Passphrase = secret
	s.mu.Unlock()
	err := s.open()
	if errors.Is(err, storage.ErrWrongPassphrase) {
		return fmt.Errorf("open %s: %w", s.dir, settings.ErrWrongPassphrase)
	}
	return err
}

// options are the store's options: the passphrase given, and the backups
// kept as the preferences say. The caller holds mu.
func (s *session) options() storage.Options {
	o := s.opts
	p := s.app.Preferences()
	o.BackupsKept = p.IntWithFallback(prefBackupsKept, storage.DefaultBackupsKept)
	o.BackupDays = p.IntWithFallback(prefBackupDays, storage.DefaultBackupDays)
	return o
}

// open opens the store.
func (s *session) open() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.openLocked()
}

func (s *session) openLocked() error {
	st, err := storage.Open(s.dir, s.options())
	if err != nil {
		return err
	}
	s.st = st
	return nil
}

// close closes the store, if open.
func (s *session) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeLocked()
}

func (s *session) closeLocked() error {
	if s.st == nil {
		return nil
	}
	err := s.st.Close()
	s.st = nil
	return err
}

// launch fills the window with the screens on the open store (the welcome
// screen when it is empty). It runs on the UI goroutine.
func (s *session) launch() {
	s.mu.Lock()
	st := s.st
	s.mu.Unlock()
	if st == nil {
		return
	}
	s.problem = nil
	ready := s.onReady
	s.onReady = nil
	if s.shown != nil {
		// Built again on the store reopened (Settings): on the view the
		// teacher was on, not the one the app was started on.
		if v := s.shown(); v != "" {
			s.view = v
		}
	}
	s.shown = ui.Launch(s.win, s.services(st), s.view, ready)
}

// services wires the app to the store st: the demo classroom loads into
// it, a review reads its workbook into a temporary store of the same
// kind, and Settings reach the data folder through the session.
func (s *session) services(st *storage.Store) ui.Services {
	return ui.Services{
		Store:      st,
		LoadDemo:   func(ctx context.Context) error { return demo.Classroom().Load(ctx, st) },
		OpenReview: openReview,
		Vault:      s,
	}
}

// showProblem fills the window with why the store cannot be opened: for
// damage, the screen that restores the newest backup.
func (s *session) showProblem(err error) {
	s.problem = err
	if errors.Is(err, storage.ErrDamaged) {
		s.win.SetContent(settings.NewDamaged(err, s, s.onRestoredLatest, s.app.Quit).Content())
		return
	}
	s.win.SetContent(ui.NewStartupError(err, startupHint(err), s.app.Quit).Content())
}

// onRestoredLatest shows the screens on the backup restored over a
// damaged folder, and says where the damaged folder is kept.
func (s *session) onRestoredLatest(damagedKept string) {
	s.launch()
	if damagedKept != "" {
		screen.ShowInfo(s.win, "Newest backup restored", "The data is as it was when the newest automatic backup was taken. "+
			"The damaged folder is kept, as it was, in\n"+damagedKept+"\nRemove it once you have checked your data.")
	}
}

// failed reports whether the window was left saying why the data could
// not be opened (the app then exits with status 1).
func (s *session) failed() bool { return s.problem != nil }

// reopen closes the store, runs change on the closed folder, opens the
// store again (with the options change leaves) and rebuilds the screens
// on it. When the store does not open again, the window says why.
func (s *session) reopen(change func() error) error {
	s.mu.Lock()
	err := s.closeLocked()
	if err == nil {
		err = change()
	}
	oerr := s.openLocked()
	s.mu.Unlock()
	if oerr != nil {
		fyne.Do(func() { s.showProblem(oerr) })
		return errors.Join(err, oerr)
	}
	fyne.Do(s.launch)
	return err
}

// Folder implements settings.Vault: the data folder.
func (s *session) Folder() string { return s.dir }

// Encrypted implements settings.Vault.
func (s *session) Encrypted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.Passphrase != ""
}

// checkPassphrase refuses a new passphrase too short before anything closes.
func checkPassphrase(p string) error {
	if n := len([]rune(p)); n < storage.MinPassphrase {
		return fmt.Errorf("the new passphrase has %d characters; choose one of at least %d", n, storage.MinPassphrase)
	}
	return nil
}

// Encrypt implements settings.Vault: the folder is rewritten encrypted and
// reopened with passphrase.
func (s *session) Encrypt(_ context.Context, passphrase string) (string, error) {
	if err := checkPassphrase(passphrase); err != nil {
		return "", err
	}
	var key string
	err := s.reopen(func() (err error) {
		if key, err = storage.Encrypt(s.dir, passphrase); err == nil {
			s.opts.Passphrase = passphrase
		}
		return err
	})
	return key, err
}

// Decrypt implements settings.Vault: the folder is rewritten in the clear
// and reopened without a passphrase.
func (s *session) Decrypt(_ context.Context, passphrase string) error {
	if !s.mayOpen(passphrase) { // refused before the store closes and the screens reload
		return fmt.Errorf("decrypt %s: %w", s.dir, settings.ErrWrongPassphrase)
	}
	err := s.reopen(func() error {
		err := storage.Decrypt(s.dir, passphrase)
		if err == nil {
			s.opts.Passphrase = ""
		}
		return err
	})
	return wrongPassphrase(err)
}

// mayOpen reports whether secret may open the data folder, without trying
// it: it is the passphrase the store was opened with, or it has the shape
// of a recovery key (32 base32 letters and digits, dashes and spaces aside).
func (s *session) mayOpen(secret string) bool {
	s.mu.Lock()
	current := s.opts.Passphrase
	s.mu.Unlock()
	if secret == current {
		return true
	}
	key := strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(secret))
	_, err := base32.StdEncoding.DecodeString(key)
	return len(key) == 32 && err == nil
}

// ChangePassphrase implements settings.Vault. Only the keyring changes,
// so the store stays open.
func (s *session) ChangePassphrase(_ context.Context, old, passphrase string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := storage.ChangePassphrase(s.dir, old, passphrase); err != nil {
		return wrongPassphrase(err)
	}
	s.opts.Passphrase = passphrase
	return nil
}

// wrongPassphrase makes the store's wrong-passphrase error the one the
// settings screens recognise.
func wrongPassphrase(err error) error {
	if errors.Is(err, storage.ErrWrongPassphrase) {
		return fmt.Errorf("%w: %w", settings.ErrWrongPassphrase, err)
	}
	return err
}

// Backups implements settings.Vault.
func (s *session) Backups(context.Context) ([]settings.Backup, error) {
	all, err := storage.Backups(s.dir)
	out := make([]settings.Backup, len(all))
	for i, b := range all {
		out[i] = settings.Backup{Path: b.Path, Taken: b.Taken, Size: b.Size, Before: b.Before}
	}
	return out, err
}

// Restore implements settings.Vault: the store restores the backup (after
// its safety backup) and every screen is rebuilt on the data restored. A
// backup encrypted under another key opens with passphrase.
func (s *session) Restore(_ context.Context, path, passphrase string) (string, error) {
	s.mu.Lock()
	st := s.st
	s.mu.Unlock()
	if st == nil {
		return "", errors.New("restore: the data folder is not open")
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("restore %s: %w", path, err)
	}
	defer f.Close()
	var safety string
	if passphrase == "" {
		safety, err = st.Restore(f)
	} else {
		safety, err = st.RestoreWithPassphrase(f, passphrase)
	}
	switch {
	case errors.Is(err, storage.ErrPassphraseNeeded) || (passphrase == "" && errors.Is(err, storage.ErrWrongPassphrase)):
		return "", fmt.Errorf("%w: %w", settings.ErrBackupLocked, err)
	case err != nil:
		return "", wrongPassphrase(err)
	}
	fyne.Do(s.launch)
	return safety, nil
}

// RemoveBackups implements settings.Vault. Only files the folder's list of
// automatic backups holds are removed.
func (s *session) RemoveBackups(_ context.Context, paths []string) error {
	all, err := storage.Backups(s.dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range paths {
		if !slices.ContainsFunc(all, func(b storage.AutoBackup) bool { return b.Path == p }) {
			errs = append(errs, fmt.Errorf("remove %s: it is not an automatic backup of %s", p, s.dir))
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove the backup %s: %w", p, err))
		}
	}
	return errors.Join(errs...)
}

// Retention implements settings.Vault.
func (s *session) Retention() (last, days int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.options()
	return o.BackupsKept, o.BackupDays
}

// SetRetention implements settings.Vault: the preferences keep it, and the
// store reopens with it.
func (s *session) SetRetention(last, days int) error {
	if last < 1 || days < 0 {
		return fmt.Errorf("keep backups: %d newest and %d days is not possible; keep at least 1, and 0 days or more", last, days)
	}
	p := s.app.Preferences()
	p.SetInt(prefBackupsKept, last)
	p.SetInt(prefBackupDays, days)
	return s.reopen(func() error { return nil })
}

// LatestBackup implements settings.Recovery.
func (s *session) LatestBackup() (settings.Backup, bool, error) {
	b, err := storage.LatestBackup(s.dir)
	if errors.Is(err, storage.ErrNoBackup) {
		return settings.Backup{}, false, nil
	}
	if err != nil {
		return settings.Backup{}, false, err
	}
	return settings.Backup{Path: b.Path, Taken: b.Taken, Size: b.Size, Before: b.Before}, true, nil
}

// RestoreLatest implements settings.Recovery: the newest backup replaces
// the damaged folder, kept aside, and the store opens on it.
func (s *session) RestoreLatest(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closeLocked(); err != nil {
		return "", err
	}
	done, err := storage.RestoreLatest(s.dir, s.options())
	if err != nil {
		return done.Damaged, err
	}
	return done.Damaged, s.openLocked()
}
