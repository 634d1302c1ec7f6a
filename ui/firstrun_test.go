package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// protector is a data folder that Encrypt protects, counting the calls.
type protector struct {
	passphrase string
	calls      int
}

func (p *protector) Encrypted() bool { return p.passphrase != "" }

func (p *protector) Encrypt(_ context.Context, passphrase string) (string, error) {
	p.calls++
	if len([]rune(passphrase)) < 8 {
		return "", fmt.Errorf("encrypt: the new passphrase has %d characters; choose one of at least 8", len([]rune(passphrase)))
	}
	p.passphrase = passphrase
	return "WXYZ-2345-ABCD-EFGH-IJKL-MNOP-QRST-UV67", nil
}

// newFirstRun shows the welcome screen with the offer to protect p, and
// counts how often the teacher went on to the main screens.
func newFirstRun(t *testing.T, p Protector) (*FirstRun, fyne.Window, *int) {
	t.Helper()
	test.NewTempApp(t)
	w := uitest.Window(t)
	ready := 0
	f := NewFirstRun(func(context.Context) error { return nil }, func() { ready++ }, func(err error) { t.Errorf("failed: %v", err) })
	f.SetProtect(w, p)
	w.SetContent(f.Content())
	return f, w, &ready
}

// Given a new data folder, when the teacher ticks the offer to protect it,
// then the start is held until the passphrase is typed twice alike; the
// folder is then encrypted, the recovery key shown once, and the start
// open again.
func TestFirstRunProtectsWithAPassphrase(t *testing.T) {
	p := &protector{}
	f, w, ready := newFirstRun(t, p)
	if !f.offer.Visible() || !f.protect.Visible() || f.protectBox.Visible() {
		t.Fatalf("the offer: shown %v, check %v, fields %v", f.offer.Visible(), f.protect.Visible(), f.protectBox.Visible())
	}
	test.Tap(f.protect)
	if !f.protectBox.Visible() || !f.demo.Disabled() || !f.empty.Disabled() {
		t.Fatalf("ticked: fields shown %v, demo disabled %v, empty disabled %v", f.protectBox.Visible(), f.demo.Disabled(), f.empty.Disabled())
	}
	test.Type(f.passphrase, "correct horse battery")
	test.Type(f.again, "correct horse batery")
	test.Tap(f.protectBtn)
	if p.calls != 0 || !f.problem.Visible() || !strings.Contains(f.problem.Text, "differ") {
		t.Fatalf("different passphrases: %d calls, says %q", p.calls, f.problem.Text)
	}
	f.passphrase.SetText("short")
	f.again.SetText("short")
	test.Tap(f.protectBtn)
	if p.Encrypted() || !strings.Contains(f.problem.Text, "at least 8") || f.protectBtn.Disabled() {
		t.Fatalf("a short passphrase: encrypted %v, says %q", p.Encrypted(), f.problem.Text)
	}
	f.passphrase.SetText("correct horse battery")
	f.again.SetText("correct horse battery")
	f.again.OnSubmitted(f.again.Text) // Enter in the second field
	if p.passphrase != "correct horse battery" {
		t.Fatalf("not encrypted: %q", p.passphrase)
	}
	if !uitest.DialogShows(w, "WXYZ-2345-ABCD-EFGH-IJKL-MNOP-QRST-UV67") || !uitest.DialogShows(w, "write it down") {
		t.Errorf("the recovery key is not shown: %v", uitest.DialogTexts(w))
	}
	if f.protect.Visible() || f.protectBox.Visible() || !f.protected.Visible() || f.demo.Disabled() || f.empty.Disabled() {
		t.Errorf("after protecting: check %v, fields %v, protected %v, demo disabled %v",
			f.protect.Visible(), f.protectBox.Visible(), f.protected.Visible(), f.demo.Disabled())
	}
	uitest.TapOverlayButton(t, w, "I have written it down")
	test.Tap(f.empty)
	if *ready != 1 {
		t.Errorf("start empty: ready %d times", *ready)
	}
}

// Skipping is easy: without the tick, or after clearing it, the start is
// as before and nothing is encrypted.
func TestFirstRunSkipsProtection(t *testing.T) {
	p := &protector{}
	f, _, ready := newFirstRun(t, p)
	test.Tap(f.protect)
	test.Type(f.passphrase, "half typed")
	test.Tap(f.protect) // cleared
	if f.protectBox.Visible() || f.demo.Disabled() || f.empty.Disabled() {
		t.Fatalf("cleared: fields %v, demo disabled %v", f.protectBox.Visible(), f.demo.Disabled())
	}
	test.Tap(f.empty)
	if *ready != 1 || p.calls != 0 {
		t.Errorf("ready %d, encrypt called %d times", *ready, p.calls)
	}
}

// A folder already encrypted (the welcome screen after protecting it) says
// so instead of offering; without a protector there is no offer at all.
func TestFirstRunOfferFollowsTheFolder(t *testing.T) {
	f, _, _ := newFirstRun(t, &protector{passphrase: "already set here"})
	if f.protect.Visible() || !f.protected.Visible() {
		t.Errorf("an encrypted folder: offer %v, protected note %v", f.protect.Visible(), f.protected.Visible())
	}
	f, _, _ = newFirstRun(t, nil)
	if f.offer.Visible() {
		t.Error("offered without a way to protect")
	}
}
