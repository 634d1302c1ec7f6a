package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/settings"
	"github.com/continuum-planner/planner/ui/widgets"
)

// TestMain runs the screens' work on the test's own goroutine, as Fyne's
// test driver needs (the tests that run the real binary are unaffected).
func TestMain(m *testing.M) {
	screen.SetInline(true)
	os.Exit(m.Run())
}

// demoFolder makes a data folder holding the demo classroom, closed.
func demoFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startSession starts the app's session on dir in a test window.
func startSession(t *testing.T, dir string) (*session, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	s := newSession(a, w, dir, "", nil)
	t.Cleanup(func() { s.close() })
	s.start()
	return s, w
}

// shown lists the texts of the labels and buttons the window shows.
func shown(w fyne.Window) []string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if !o.Visible() {
			continue
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		}
	}
	return out
}

// button finds a shown button of the window by its text.
func button(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q in %q", text, shown(w))
	return nil
}

// entry finds the shown entry of the window with placeholder.
func entry(t *testing.T, w fyne.Window, placeholder string) *widget.Entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder && e.Visible() {
			return e
		}
	}
	t.Fatalf("no field %q", placeholder)
	return nil
}

// students counts the students of the session's open store.
func students(t *testing.T, s *session) int {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st == nil {
		t.Fatal("the store is not open")
	}
	all, err := s.st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// Given an encrypted data folder, the app opens on the passphrase screen;
// a wrong passphrase is one sentence and leaves every file as it was; the
// right one opens the screens on the data.
func TestEncryptedFolderAsksForThePassphrase(t *testing.T) {
	dir := demoFolder(t)
	if _, err := storage.Encrypt(dir, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	before := reviewHashes(t, dir)
	s, w := startSession(t, dir)
	if !slices.Contains(shown(w), "This computer's student data is protected") {
		t.Fatalf("the window shows %q", shown(w))
	}
	test.Type(entry(t, w, "Passphrase"), "correct horse")
	test.Tap(button(t, w, "Open"))
	if !slices.Contains(shown(w), "That passphrase does not open this data folder; nothing was changed. Try again, or use the recovery key.") {
		t.Fatalf("after a wrong passphrase the window shows %q", shown(w))
	}
	after := reviewHashes(t, dir)
	for path, sum := range before {
		if after[path] != sum {
			t.Errorf("%s changed after a wrong passphrase", path)
		}
	}
	test.Type(entry(t, w, "Passphrase"), "correct horse battery")
	test.Tap(button(t, w, "Open"))
	if n := students(t, s); n != 28 || !s.Encrypted() {
		t.Fatalf("opened with %d students, encrypted %v", n, s.Encrypted())
	}
	button(t, w, "Settings…") // the main screens
}

// Settings' changes close the store, rewrite the folder and reopen it with
// the data whole: encrypt (a recovery key that opens it), a wrong
// passphrase that decrypts nothing, change the passphrase, decrypt.
func TestSettingsEncryptionReopensTheStore(t *testing.T) {
	dir := demoFolder(t)
	s, w := startSession(t, dir)
	button(t, w, "Settings…")
	ctx := context.Background()
	if _, err := s.Encrypt(ctx, "short"); err == nil || !strings.Contains(err.Error(), "at least 8") {
		t.Fatalf("a short passphrase: %v", err)
	}
	key, err := s.Encrypt(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if enc, _ := storage.IsEncrypted(dir); !enc || !s.Encrypted() || students(t, s) != 28 {
		t.Fatalf("after Encrypt: encrypted %v/%v, %d students", enc, s.Encrypted(), students(t, s))
	}
	button(t, w, "Settings…") // the screens rebuilt on the store reopened
	w.SetContent(widget.NewLabel("as it was"))
	if err := s.Decrypt(ctx, "not the passphrase"); !errors.Is(err, settings.ErrWrongPassphrase) {
		t.Fatalf("a wrong passphrase: %v", err)
	}
	if _, ok := w.Content().(*widget.Label); !ok {
		t.Error("a passphrase that is not the folder's, nor a recovery key, reloaded the screens")
	}
	if err := s.Decrypt(ctx, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"); !errors.Is(err, settings.ErrWrongPassphrase) {
		t.Fatalf("a wrong recovery key: %v", err)
	}
	if enc, _ := storage.IsEncrypted(dir); !enc || students(t, s) != 28 {
		t.Fatal("a wrong passphrase changed the folder")
	}
	if err := s.ChangePassphrase(ctx, key, "a new passphrase"); err != nil {
		t.Fatalf("change with the recovery key: %v", err)
	}
	if err := s.Decrypt(ctx, "a new passphrase"); err != nil {
		t.Fatal(err)
	}
	if enc, _ := storage.IsEncrypted(dir); enc || s.Encrypted() || students(t, s) != 28 {
		t.Fatalf("after Decrypt: encrypted %v, %d students", enc, students(t, s))
	}
}

// Restoring a backup from Settings brings its data back, keeps a safety
// backup, and rebuilds the screens; the number of backups kept is
// remembered and used when the store opens.
func TestSettingsRestoreBringsTheBackupBack(t *testing.T) {
	dir := demoFolder(t)
	s, w := startSession(t, dir)
	s.mu.Lock()
	backup, err := s.st.AutoBackup("before-test", "a test")
	if err == nil {
		err = s.st.DeleteStudent(context.Background(), "S003")
	}
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if students(t, s) != 27 {
		t.Fatal("the student was not removed")
	}
	all, err := s.Backups(context.Background())
	if err != nil || len(all) != 1 || all[0].Path != backup || all[0].Before != "a test" {
		t.Fatalf("backups %+v, %v", all, err)
	}
	w.SetContent(widget.NewLabel("before"))
	safety, err := s.Restore(context.Background(), backup, "")
	if err != nil {
		t.Fatal(err)
	}
	if students(t, s) != 28 {
		t.Errorf("after the restore: %d students", students(t, s))
	}
	if _, err := os.Stat(safety); err != nil {
		t.Errorf("the safety backup: %v", err)
	}
	button(t, w, "Settings…") // the screens rebuilt
	if err := s.SetRetention(3, 0); err != nil {
		t.Fatal(err)
	}
	if last, days := s.Retention(); last != 3 || days != 0 {
		t.Errorf("kept %d, %d days", last, days)
	}
	if o := s.options(); o.BackupsKept != 3 || o.BackupDays != 0 {
		t.Errorf("the store opens with %d kept, %d days", o.BackupsKept, o.BackupDays)
	}
}

// sideTabs finds the window's screen tabs.
func sideTabs(t *testing.T, w fyne.Window) *widgets.SideTabs {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tabs, ok := o.(*widgets.SideTabs); ok {
			return tabs
		}
	}
	t.Fatalf("no screen tabs in %q", shown(w))
	return nil
}

// Given the app started on the continuum builder and the teacher gone to
// the class map, when a change in Settings reopens the store (the
// backups kept, encryption), then the screens are built again on the
// class map, where the teacher was, not on the view the app started on.
func TestSettingsReopenKeepsTheViewShown(t *testing.T) {
	s, w := startSession(t, demoFolder(t))
	tabs := sideTabs(t, w)
	if got := tabs.Selected().Text; got != "Continuum" {
		t.Fatalf("started on %q", got)
	}
	for i := range 10 {
		if tabs.SelectIndex(i); tabs.Selected().Text == "Class map" {
			break
		}
	}
	if err := s.SetRetention(4, 0); err != nil {
		t.Fatal(err)
	}
	again := sideTabs(t, w)
	if again == tabs {
		t.Fatal("the screens were not built again")
	}
	if got := again.Selected().Text; got != "Class map" {
		t.Errorf("after reopening: on %q, want the class map", got)
	}
	if _, err := s.Encrypt(context.Background(), "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if got := sideTabs(t, w).Selected().Text; got != "Class map" {
		t.Errorf("after encrypting: on %q, want the class map", got)
	}
}

// Given a damaged folder with an automatic backup, plain or encrypted, the
// app opens on the damaged-folder screen (after the passphrase, for an
// encrypted one), and its button restores the newest backup, keeping the
// damaged folder aside, and opens the screens on the data, still encrypted
// when it was.
func TestDamagedFolderRestoresTheNewestBackup(t *testing.T) {
	for _, passphrase := range []string{"", "correct horse battery"} {
		dir := demoFolder(t)
		if passphrase != "" {
			if _, err := storage.Encrypt(dir, passphrase); err != nil {
				t.Fatal(err)
			}
		}
		st, err := storage.Open(dir, storage.Options{Passphrase: passphrase})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AutoBackup("before-test", "a test"); err != nil {
			t.Fatal(err)
		}
		st.Close()
		damageTable(t, dir)

		s, w := startSession(t, dir)
		if passphrase != "" {
			test.Type(entry(t, w, "Passphrase"), passphrase)
			test.Tap(button(t, w, "Open"))
		}
		if !slices.ContainsFunc(shown(w), func(l string) bool { return strings.Contains(l, dir+" is damaged") }) {
			t.Fatalf("encrypted %v: the window shows %q", passphrase != "", shown(w))
		}
		if !s.failed() {
			t.Error("quitting from the damaged-folder screen would exit with status 0")
		}
		test.Tap(button(t, w, "Restore the newest backup"))
		if s.failed() {
			t.Error("quitting once the data shows would exit with status 1")
		}
		if students(t, s) != 28 {
			t.Errorf("encrypted %v: after the restore: %d students", passphrase != "", students(t, s))
		}
		if enc, _ := storage.IsEncrypted(dir); enc != (passphrase != "") {
			t.Errorf("encrypted %v: encrypted after the restore: %v", passphrase != "", enc)
		}
		kept, _ := filepath.Glob(dir + "-damaged-*")
		if len(kept) != 1 {
			t.Errorf("damaged folders kept: %v", kept)
		}
		button(t, w, "Settings…")
	}
}

// damageTable overwrites 16 bytes inside the first table of dir.
func damageTable(t *testing.T, dir string) {
	t.Helper()
	tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	if len(tables) == 0 {
		t.Fatal("no table to damage")
	}
	f, err := os.OpenFile(tables[0], os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xff", 16)), 200); err != nil {
		t.Fatal(err)
	}
}

// A backup taken while the folder was encrypted, restored after it was
// decrypted, needs the passphrase of then: without it the restore says so
// (and changes nothing), with it the data comes back. Only automatic
// backups can be removed through Settings.
func TestLockedBackupRestoresWithItsPassphrase(t *testing.T) {
	dir := demoFolder(t)
	s, _ := startSession(t, dir)
	ctx := context.Background()
	if _, err := s.Encrypt(ctx, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	backup, err := s.st.AutoBackup("before-test", "a test")
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Decrypt(ctx, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	err = s.st.DeleteStudent(ctx, "S003")
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(ctx, backup, ""); !errors.Is(err, settings.ErrBackupLocked) {
		t.Fatalf("restoring without the passphrase: %v", err)
	}
	if _, err := s.Restore(ctx, backup, "not it at all"); !errors.Is(err, settings.ErrWrongPassphrase) {
		t.Fatalf("restoring with a wrong passphrase: %v", err)
	}
	if students(t, s) != 27 {
		t.Fatal("a refused restore changed the data")
	}
	if _, err := s.Restore(ctx, backup, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if students(t, s) != 28 {
		t.Errorf("after the restore: %d students", students(t, s))
	}
	stray := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(stray, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveBackups(ctx, []string{stray, backup}); err == nil {
		t.Error("a file that is not an automatic backup was accepted for removal")
	}
	if _, err := os.Stat(stray); err != nil {
		t.Errorf("the stray file: %v", err)
	}
	if _, err := os.Stat(backup); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the backup is still there: %v", err)
	}
}
