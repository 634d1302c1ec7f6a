package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// showSettings opens the Settings dialog on v in a test window.
func showSettings(t *testing.T, v *fakeVault) (fyne.Window, *Settings) {
	t.Helper()
	test.NewTempApp(t)
	w := uitest.Window(t)
	return w, Show(w, v)
}

// restoreButtons are the backups' Restore buttons, newest first.
func restoreButtons(s *Settings) []*widget.Button {
	var out []*widget.Button
	for _, o := range test.LaidOutObjects(s.backups) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Restore this backup…" {
			out = append(out, b)
		}
	}
	return out
}

// Given a plain folder, when the teacher encrypts it from Settings, then
// two different passphrases are refused in the dialog, a short one gets
// the store's sentence, and the right one encrypts it, shows the recovery
// key once, and Settings then offers to change or decrypt.
func TestSettingsEncryptShowsTheRecoveryKeyOnce(t *testing.T) {
	v := &fakeVault{last: 10, days: 14}
	w, s := showSettings(t, v)
	if !s.encryptBtn.Visible() || s.changeBtn.Visible() || !strings.Contains(s.state.Text, "not encrypted") {
		t.Fatalf("a plain folder: encrypt shown %v, change shown %v, says %q", s.encryptBtn.Visible(), s.changeBtn.Visible(), s.state.Text)
	}
	test.Tap(s.encryptBtn)
	f := s.form
	test.Type(f.fresh, "correct horse battery")
	test.Type(f.again, "correct horse batery")
	f.dlg.Submit()
	if v.reopened != 0 || !strings.Contains(f.dlg.Error(), "differ") {
		t.Fatalf("different passphrases: reopened %d, says %q", v.reopened, f.dlg.Error())
	}
	f.fresh.SetText("short")
	f.again.SetText("short")
	f.dlg.Submit()
	if v.Encrypted() || !strings.Contains(f.dlg.Error(), "at least 8") || !f.dlg.IsOpen() {
		t.Fatalf("a short passphrase: encrypted %v, says %q, open %v", v.Encrypted(), f.dlg.Error(), f.dlg.IsOpen())
	}
	f.fresh.SetText("correct horse battery")
	f.again.SetText("correct horse battery")
	f.dlg.Submit()
	if v.passphrase != "correct horse battery" || f.dlg.IsOpen() {
		t.Fatalf("encrypting: passphrase %q, form open %v", v.passphrase, f.dlg.IsOpen())
	}
	if !uitest.DialogShows(w, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567") || !uitest.DialogShows(w, "only time this key is shown") {
		t.Errorf("the recovery key is not shown: %v", uitest.DialogTexts(w))
	}
	uitest.TapOverlayButton(t, w, "Copy")
	if got := fyne.CurrentApp().Clipboard().Content(); got != "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" {
		t.Errorf("the clipboard holds %q", got)
	}
	uitest.TapOverlayButton(t, w, "I have written it down")
	if uitest.DialogShows(w, "ABCD-EFGH") {
		t.Error("the recovery key is still shown")
	}
	if s.encryptBtn.Visible() || !s.changeBtn.Visible() || !s.decryptBtn.Visible() || !strings.Contains(s.state.Text, "is encrypted") {
		t.Errorf("after encrypting: encrypt shown %v, change %v, decrypt %v, says %q",
			s.encryptBtn.Visible(), s.changeBtn.Visible(), s.decryptBtn.Visible(), s.state.Text)
	}
}

// A wrong passphrase when changing it or decrypting is said under the
// field, and nothing changes.
func TestSettingsWrongPassphraseChangesNothing(t *testing.T) {
	v := &fakeVault{passphrase: "correct horse battery", last: 10, days: 14}
	w, s := showSettings(t, v)
	test.Tap(s.changeBtn)
	f := s.form
	test.Type(f.current, "wrong one here")
	test.Type(f.fresh, "a new passphrase")
	test.Type(f.again, "a new passphrase")
	f.dlg.Submit()
	if v.passphrase != "correct horse battery" || !strings.HasPrefix(f.dlg.Error(), "That passphrase does not open") || f.dlg.ProblemField() != f.current {
		t.Fatalf("a wrong passphrase: now %q, says %q", v.passphrase, f.dlg.Error())
	}
	test.Type(f.current, "correct horse battery")
	f.dlg.Submit()
	if v.passphrase != "a new passphrase" || f.dlg.IsOpen() || !uitest.DialogShows(w, "Passphrase changed") {
		t.Fatalf("the right one: now %q, dialogs %v", v.passphrase, uitest.DialogTexts(w))
	}
	uitest.CloseDialogs(w)

	s = Show(w, v)
	test.Tap(s.decryptBtn)
	f = s.form
	test.Type(f.current, "correct horse battery")
	f.dlg.Submit()
	if !v.Encrypted() || v.reopened != 0 || !f.dlg.IsOpen() {
		t.Fatalf("decrypting with the old passphrase: encrypted %v, reopened %d", v.Encrypted(), v.reopened)
	}
	f.current.SetText("a new passphrase")
	f.dlg.Submit()
	if v.Encrypted() || !s.encryptBtn.Visible() || !uitest.DialogShows(w, "no longer encrypted") {
		t.Errorf("decrypted: encrypted %v, dialogs %v", v.Encrypted(), uitest.DialogTexts(w))
	}
}

// Given two automatic backups, Settings lists them (when, why, size);
// restoring the older asks first, saying a safety backup is taken, then
// restores it and says where the safety backup is.
func TestSettingsRestoreFromTheList(t *testing.T) {
	v := &fakeVault{backups: twoBackups(), last: 10, days: 14}
	w, s := showSettings(t, v)
	texts := strings.Join(uitest.Texts(s.backups), "\n")
	for _, want := range []string{"Tue, Dec 1, 2026 at 15:30 — before import into Math Foundations — 2.4 MB",
		"Wed, Nov 25, 2026 at 08:00 — before class-list import — 812 KB"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the list does not show %q:\n%s", want, texts)
		}
	}
	buttons := restoreButtons(s)
	if len(buttons) != 2 || s.noBackups.Visible() {
		t.Fatalf("%d restore buttons, empty note shown %v", len(buttons), s.noBackups.Visible())
	}
	test.Tap(buttons[1])
	if !uitest.DialogShows(w, "Restore this backup?") || !uitest.DialogShows(w, "safety backup of the data as it is now is taken first") ||
		!uitest.DialogShows(w, "Nov 25, 2026 at 08:00 (before class-list import)") {
		t.Fatalf("the question: %v", uitest.DialogTexts(w))
	}
	uitest.TapOverlayButton(t, w, "Cancel")
	if len(v.restored) != 0 {
		t.Fatal("Cancel restored")
	}
	test.Tap(buttons[1])
	uitest.TapOverlayButton(t, w, "Restore")
	if len(v.restored) != 1 || v.restored[0] != twoBackups()[1].Path {
		t.Fatalf("restored %v", v.restored)
	}
	if !uitest.DialogShows(w, "Backup restored") || !uitest.DialogShows(w, "20261202-100000-before-restore.backup") {
		t.Errorf("after restoring: %v", uitest.DialogTexts(w))
	}
	if n := len(restoreButtons(s)); n != 3 {
		t.Errorf("the list has %d backups after the restore, want 3 (the safety backup added)", n)
	}
}

// With no backup yet, the list says when one is taken; the number kept is
// the vault's and changes through it.
func TestSettingsBackupsKept(t *testing.T) {
	v := &fakeVault{last: 10, days: 14}
	w, s := showSettings(t, v)
	if !s.noBackups.Visible() || len(restoreButtons(s)) != 0 {
		t.Error("an empty list says nothing")
	}
	if s.keepLast.Selected != "10" || s.keepDays.Selected != "14" {
		t.Errorf("kept: %q and %q days", s.keepLast.Selected, s.keepDays.Selected)
	}
	s.keepLast.SetSelected("20")
	s.keepDays.SetSelected("30")
	var apply *widget.Button
	for _, o := range test.LaidOutObjects(s.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Keep these" {
			apply = b
		}
	}
	test.Tap(apply)
	if v.last != 20 || v.days != 30 || !uitest.DialogShows(w, "the newest 20 are kept") {
		t.Errorf("kept %d and %d days; dialogs %v", v.last, v.days, uitest.DialogTexts(w))
	}
}

// Given a backup encrypted under another passphrase, restoring it asks
// for that passphrase; a wrong one is said under the field, the right one
// restores it.
func TestSettingsRestoreLockedBackupAsksItsPassphrase(t *testing.T) {
	v := &fakeVault{backups: twoBackups(), last: 10, days: 14}
	older := twoBackups()[1].Path
	v.locked = map[string]string{older: "the old passphrase"}
	w, s := showSettings(t, v)
	test.Tap(restoreButtons(s)[1])
	uitest.TapOverlayButton(t, w, "Restore")
	f := s.form
	if f == nil || !f.dlg.IsOpen() || f.dlg.Title() != "This backup needs its passphrase" || len(v.restored) != 0 {
		t.Fatalf("no question for the backup's passphrase; dialogs %v", uitest.DialogTexts(w))
	}
	test.Type(f.current, "a wrong one")
	f.dlg.Submit()
	if len(v.restored) != 0 || !strings.HasPrefix(f.dlg.Error(), "That passphrase does not open") {
		t.Fatalf("a wrong passphrase: restored %v, says %q", v.restored, f.dlg.Error())
	}
	test.Type(f.current, "the old passphrase")
	f.dlg.Submit()
	if len(v.restored) != 1 || v.restored[0] != older || f.dlg.IsOpen() || !uitest.DialogShows(w, "Backup restored") {
		t.Errorf("the right passphrase: restored %v, dialogs %v", v.restored, uitest.DialogTexts(w))
	}
}

// Once the folder is encrypted, the backups taken before (which its
// passphrase does not protect) are offered for removal: kept on "Keep
// them", removed on "Remove them".
func TestSettingsEncryptOffersToRemoveTheBackupsTakenBefore(t *testing.T) {
	for _, remove := range []bool{false, true} {
		v := &fakeVault{backups: twoBackups(), last: 10, days: 14}
		w, s := showSettings(t, v)
		test.Tap(s.encryptBtn)
		test.Type(s.form.fresh, "correct horse battery")
		test.Type(s.form.again, "correct horse battery")
		s.form.dlg.Submit()
		uitest.TapOverlayButton(t, w, "I have written it down")
		if !uitest.DialogShows(w, "2 automatic backups were taken before the data folder was encrypted") {
			t.Fatalf("no offer to remove them: %v", uitest.DialogTexts(w))
		}
		if remove {
			uitest.TapOverlayButton(t, w, "Remove them")
			if len(v.removed) != 2 || len(restoreButtons(s)) != 0 {
				t.Errorf("removed %v; %d backups listed", v.removed, len(restoreButtons(s)))
			}
		} else {
			uitest.TapOverlayButton(t, w, "Keep them")
			if len(v.removed) != 0 || len(restoreButtons(s)) != 2 {
				t.Errorf("kept: removed %v", v.removed)
			}
		}
	}
}

// One backup taken before is spoken of as one.
func TestSettingsOfferToRemoveOneBackup(t *testing.T) {
	v := &fakeVault{backups: twoBackups()[:1], last: 10, days: 14}
	w, s := showSettings(t, v)
	test.Tap(s.encryptBtn)
	test.Type(s.form.fresh, "correct horse battery")
	test.Type(s.form.again, "correct horse battery")
	s.form.dlg.Submit()
	uitest.TapOverlayButton(t, w, "I have written it down")
	if !uitest.DialogShows(w, "1 automatic backup was taken before") || !uitest.DialogShows(w, "does not protect it: it holds") {
		t.Fatalf("the offer: %v", uitest.DialogTexts(w))
	}
	uitest.TapOverlayButton(t, w, "Remove it")
	if len(v.removed) != 1 {
		t.Errorf("removed %v", v.removed)
	}
}
