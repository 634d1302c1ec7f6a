package settings

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// opener is the open function of an encrypted folder whose passphrase is
// right and recovery key key; it counts the attempts.
type opener struct {
	right, key string
	tries      []string
	opened     bool
}

func (o *opener) open(_ context.Context, secret string) error {
	o.tries = append(o.tries, secret)
	if secret != o.right && secret != o.key {
		return fmt.Errorf("open /home/teacher/store: %w", ErrWrongPassphrase)
	}
	o.opened = true
	return nil
}

// Given an encrypted folder, when a wrong passphrase is typed, then the
// screen says so in one sentence, clears the field for another try, and
// does not open; the right one then opens it.
func TestUnlockWrongPassphraseThenRight(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	o := &opener{right: "correct horse battery", key: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"}
	var opened, failed int
	u := NewUnlock("/home/teacher/store", o.open, func() { opened++ }, func(error) { failed++ })
	w.SetContent(u.Content())
	u.Focus(w.Canvas())

	test.Tap(u.openBtn)
	if len(o.tries) != 0 || !u.problem.Visible() || !strings.Contains(u.problem.Text, "Type the passphrase") {
		t.Fatalf("an empty passphrase: tries %v, problem %q", o.tries, u.problem.Text)
	}
	test.Type(u.passphrase, "correct horse")
	test.Tap(u.openBtn)
	if opened != 0 || failed != 0 {
		t.Fatalf("a wrong passphrase opened (%d) or failed the screen (%d)", opened, failed)
	}
	want := "That passphrase does not open this data folder; nothing was changed. Try again, or use the recovery key."
	if !u.problem.Visible() || u.problem.Text != want {
		t.Errorf("the screen says %q, want %q", u.problem.Text, want)
	}
	if u.passphrase.Text != "" || u.openBtn.Disabled() || w.Canvas().Focused() != u.passphrase {
		t.Errorf("not ready for another try: field %q, Open disabled %v, focus %v", u.passphrase.Text, u.openBtn.Disabled(), w.Canvas().Focused())
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog repeats the sentence")
	}

	test.Type(u.passphrase, "correct horse battery")
	test.Tap(u.openBtn)
	if opened != 1 || !o.opened || u.problem.Visible() {
		t.Errorf("the right passphrase: opened %d times, problem shown %v", opened, u.problem.Visible())
	}
}

// The recovery key can be used instead: the field changes, and a wrong
// key is a sentence about the key.
func TestUnlockWithTheRecoveryKey(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	o := &opener{right: "correct horse battery", key: "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"}
	var opened int
	u := NewUnlock("/home/teacher/store", o.open, func() { opened++ }, func(err error) { t.Errorf("failed: %v", err) })
	w.SetContent(u.Content())
	test.Tap(u.switchBtn)
	if u.passphrase.Visible() || !u.key.Visible() || u.switchBtn.Text != "Use the passphrase instead" {
		t.Fatalf("after the switch: passphrase shown %v, key shown %v, link %q", u.passphrase.Visible(), u.key.Visible(), u.switchBtn.Text)
	}
	test.Type(u.key, "ABCD-EFGH")
	u.key.OnSubmitted(u.key.Text) // Enter
	if opened != 0 || !strings.HasPrefix(u.problem.Text, "That recovery key does not open") {
		t.Fatalf("a wrong key: opened %d, says %q", opened, u.problem.Text)
	}
	test.Type(u.key, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
	test.Tap(u.openBtn)
	if opened != 1 || o.tries[len(o.tries)-1] != o.key {
		t.Errorf("the key: opened %d, tried %v", opened, o.tries)
	}
}

// Any other failure (a damaged folder, say) goes to the caller, which
// shows its own screen.
func TestUnlockOtherFailureGoesOn(t *testing.T) {
	test.NewTempApp(t)
	w := uitest.Window(t)
	damaged := errors.New("the data folder is damaged")
	var got error
	u := NewUnlock("/x", func(context.Context, string) error { return damaged }, func() { t.Error("opened") }, func(err error) { got = err })
	w.SetContent(u.Content())
	test.Type(u.passphrase, "whatever it is")
	test.Tap(u.openBtn)
	if !errors.Is(got, damaged) || u.problem.Visible() {
		t.Errorf("failure %v, problem line shown %v", got, u.problem.Visible())
	}
}
