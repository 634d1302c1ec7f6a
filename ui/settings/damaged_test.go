package settings

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// fakeRecovery is a damaged folder with, or without, a newest backup.
type fakeRecovery struct {
	latest   *Backup
	fail     error // what RestoreLatest returns
	restored int
}

func (r *fakeRecovery) Folder() string { return "/home/teacher/store" }

func (r *fakeRecovery) LatestBackup() (Backup, bool, error) {
	if r.latest == nil {
		return Backup{}, false, nil
	}
	return *r.latest, true, nil
}

func (r *fakeRecovery) RestoreLatest(context.Context) (string, error) {
	if r.fail != nil {
		return "", r.fail
	}
	r.restored++
	return "/home/teacher/store-damaged-20261202-101500", nil
}

var errDamage = errors.New("the data folder /home/teacher/store is damaged (table 000003.sst fails its checksum); nothing was changed")

// Given a damaged folder with an automatic backup, the screen names the
// folder and the backup, and its button restores it, the damaged folder
// kept aside; a failure is said on the screen, which stays.
func TestDamagedRestoresTheNewestBackup(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	b := Backup{Path: "/b", Taken: time.Date(2026, 12, 1, 15, 30, 0, 0, time.Local), Size: 1, Before: "import into Math Foundations"}
	r := &fakeRecovery{latest: &b, fail: errors.New("restore the latest backup: the disk is full")}
	var kept []string
	d := NewDamaged(errDamage, r, func(k string) { kept = append(kept, k) }, func() { t.Error("quit") })
	w.SetContent(d.Content())
	all := strings.Join(uitest.Texts(d.Content()), "\n")
	for _, want := range []string{"/home/teacher/store is damaged", "Tue, Dec 1, 2026 at 15:30 (before import into Math Foundations)",
		"table 000003.sst fails its checksum", "Restore the newest backup"} {
		if !strings.Contains(all, want) {
			t.Errorf("the screen does not say %q:\n%s", want, all)
		}
	}
	test.Tap(d.restoreBtn)
	if len(kept) != 0 || !strings.Contains(d.status.Text, "the disk is full") || d.restoreBtn.Disabled() {
		t.Fatalf("a failed restore: kept %v, says %q", kept, d.status.Text)
	}
	r.fail = nil
	test.Tap(d.restoreBtn)
	if r.restored != 1 || len(kept) != 1 || kept[0] != "/home/teacher/store-damaged-20261202-101500" {
		t.Errorf("restored %d times, told %v", r.restored, kept)
	}
}

// Without any backup there is nothing to restore: the screen says so and
// offers only Quit.
func TestDamagedWithoutBackup(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	quit := 0
	d := NewDamaged(errDamage, &fakeRecovery{}, func(string) { t.Error("restored") }, func() { quit++ })
	w.SetContent(d.Content())
	if d.restoreBtn.Visible() || !strings.Contains(strings.Join(uitest.Texts(d.Content()), "\n"), "no automatic backup of this folder") {
		t.Errorf("without a backup: %v", uitest.Texts(d.Content()))
	}
	test.Tap(d.quitBtn)
	if quit != 1 {
		t.Error("Quit did not quit")
	}
}
