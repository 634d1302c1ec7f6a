package ui

import (
	"slices"
	"testing"
)

func TestLoadsCoalesceAndSettle(t *testing.T) {
	var l loads
	var log []string
	l.whenLoaded(func() { log = append(log, "watcher") })
	if !l.begin() {
		t.Fatal("the first load may not start")
	}
	for range 2 {
		if l.begin() {
			t.Fatal("a second load started while one is under way")
		}
	}
	l.loading = false
	reload := func() { log = append(log, "reload"); l.begin() }
	if l.settle(reload) {
		t.Error("settled with a load asked for meanwhile")
	}
	l.loading = false
	if !l.settle(reload) {
		t.Error("did not settle once no load was left")
	}
	if want := []string{"reload", "watcher"}; !slices.Equal(log, want) {
		t.Errorf("log %v, want %v (two asks become one reload; watchers told once)", log, want)
	}
	if l.settle(reload); len(log) != 2 {
		t.Errorf("watchers told twice: %v", log)
	}
}
