package ui

import (
	"context"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// aheadRecorder is the store with its read-aheads recorded.
type aheadRecorder struct {
	*storage.Store
	mu      sync.Mutex
	asked   []string
	dropped int
}

func (r *aheadRecorder) ReadAhead(cid string) func() {
	r.mu.Lock()
	r.asked = append(r.asked, cid)
	r.mu.Unlock()
	drop := r.Store.ReadAhead(cid)
	return func() {
		r.mu.Lock()
		r.dropped++
		r.mu.Unlock()
		drop()
	}
}

func (r *aheadRecorder) seen() ([]string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.asked), r.dropped
}

// Given a store with continua, when the app opens on a view that first
// reads its continuum's whole class, then that class is read ahead, for
// the continuum the window opens on, and let go once the view is shown;
// on another view nothing is read ahead.
func TestLaunchReadsTheFirstViewsClassAhead(t *testing.T) {
	for view, want := range map[string]bool{ViewEvidence: true, "classmap": true, ViewReportCard: true, ViewStudents: false, "student:S003": false, ViewUnits: false} {
		t.Run(view, func(t *testing.T) {
			test.NewTempApp(t)
			st := &aheadRecorder{Store: storagetest.OpenDemo(t)}
			all, err := st.Continua(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			svc := shellServices(st.Store)
			svc.Store = st
			w := uitest.Window(t)
			ready := make(chan struct{})
			Launch(w, svc, view, func() { close(ready) })
			awaitClosed(t, "the first view shown", ready)
			asked, dropped := st.seen()
			switch {
			case want && (len(asked) != 1 || asked[0] != all[0].ID || dropped != 1):
				t.Errorf("read ahead %v, dropped %d times; want the first continuum %s, dropped once", asked, dropped, all[0].ID)
			case !want && len(asked) != 0:
				t.Errorf("read ahead %v for a view that does not read its class first", asked)
			}
		})
	}
}

// Given the views of the app, when each of their names is asked whether
// it reads its class first, then exactly the names of Scoring, the class
// map and the report card do.
func TestReadsClassFirstNamesItsViews(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	a := NewApp(test.NewTempWindow(t, nil), shellServices(st), screen.NewWorkspace())
	for _, v := range a.views {
		want := v.label == "Scoring" || v.label == "Class map" || v.label == "Report card"
		for _, name := range v.names {
			if got := readsClassFirst(name); got != want {
				t.Errorf("%s (%s): reads its class first %v, want %v", name, v.label, got, want)
			}
			if readsClassFirst(" "+name+":x") != want {
				t.Errorf("%q with an argument is not read as %q", name, name)
			}
		}
	}
}

// Given the app opened on one view, when its first frame is shown, then
// no other view's screen has been made; showing another makes it, in
// its tab, once.
func TestViewsAreBuiltWhenFirstShown(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := uitest.Window(t)
	a := NewApp(w, shellServices(st), screen.NewWorkspace())
	ready := make(chan struct{})
	a.OnReady = func() { close(ready) }
	w.SetContent(a.Content())
	a.Start(ViewStudents)
	awaitClosed(t, "the first view shown", ready)
	for i, v := range a.views {
		if built := v.screen != nil; built != (v.label == "Students") {
			t.Errorf("view %d (%s) built: %v", i, v.label, built)
		}
	}
	if err := a.Show(ViewClassMap + ":ignored"); err != nil {
		t.Fatal(err)
	}
	i, _, _ := a.find(ViewClassMap)
	made := a.views[i].screen
	if made == nil || len(a.views[i].page.Objects) != 1 || a.views[i].page.Objects[0] != made.Content() {
		t.Fatalf("the class map's tab holds %v after it was shown", a.views[i].page.Objects)
	}
	if err := a.Show(ViewStudents); err != nil {
		t.Fatal(err)
	}
	if err := a.Show(ViewClassMap); err != nil {
		t.Fatal(err)
	}
	if a.views[i].screen != made {
		t.Error("showing the class map again made its screen again")
	}
	if err := a.Show(ViewStudent + ":S003"); err != nil {
		t.Fatal(err)
	}
	if j, _, _ := a.find(ViewStudent); a.views[j].screen == nil {
		t.Error("opening a student's profile did not make the profile")
	}
}
