package ui

// loads coalesces a screen's reads of the store. A load asked for while
// one is under way becomes one more load after it (whatever changed
// meanwhile is then shown), and those waiting for the screen to settle
// are told once no load is left. Screens embed it; its fields and methods
// are used on the UI goroutine only.
type loads struct {
	loading  bool     // a load is under way
	again    bool     // something changed during the load: load again after it
	watchers []func() // called once, when the loads under way have been shown
}

// whenLoaded calls f once the screen has shown the loads under way (or
// the next one, when none is).
func (l *loads) whenLoaded(f func()) { l.watchers = append(l.watchers, f) }

// begin reports whether a load may start now. While one is under way it
// asks for another after it and reports false.
func (l *loads) begin() bool {
	if l.loading {
		l.again = true
		return false
	}
	l.loading = true
	return true
}

// settle is called once a load has been shown (or has failed): it starts
// reload when another load was asked for meanwhile, and otherwise tells
// those waiting and reports true: the screen has settled.
func (l *loads) settle(reload func()) bool {
	if l.again {
		l.again = false
		reload()
		return false
	}
	watchers := l.watchers
	l.watchers = nil
	for _, f := range watchers {
		f()
	}
	return true
}
