package storage

import (
	"context"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// aheadRead is a continuum's evidence read ahead of its asking.
type aheadRead struct {
	cid    string
	cancel context.CancelFunc
	done   chan struct{} // closed when the read has ended
	ev     []continuum.Evidence
	readTS uint64 // the store's state it was read in
	err    error
}

// ReadAhead starts reading all the evidence of continuum cid on a
// goroutine of its own, for the next Evidence call that asks for exactly
// that: the app's window, while it is being built, has its first view's
// class read on the other core. The evidence read is handed out once,
// and only when nothing has been written to the store since it was read;
// otherwise Evidence reads again. drop stops the read and lets go of what
// it read, when it has not been handed out (the app calls it once its
// first view is shown). A second ReadAhead drops the first.
func (s *Store) ReadAhead(cid string) (drop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	a := &aheadRead{cid: cid, cancel: cancel, done: make(chan struct{})}
	if old := s.ahead.Swap(a); old != nil {
		old.cancel()
	}
	go func() {
		defer close(a.done)
		a.ev, a.readTS, a.err = s.evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	}()
	return func() {
		if s.ahead.CompareAndSwap(a, nil) {
			a.cancel()
		}
	}
}

// takeAhead returns the evidence read ahead for f, when f asks for all
// of that continuum's evidence and nothing was written since it was read.
func (s *Store) takeAhead(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, bool) {
	a := s.ahead.Load()
	if a == nil || f != (continuum.EvidenceFilter{Continuum: a.cid}) || !s.ahead.CompareAndSwap(a, nil) {
		return nil, false
	}
	defer a.cancel()
	select {
	case <-a.done:
	case <-ctx.Done():
		return nil, false
	}
	if a.err != nil {
		return nil, false
	}
	fresh := false
	err := s.view(ctx, func(txn *badger.Txn) error {
		fresh = txn.ReadTs() == a.readTS
		return nil
	})
	return a.ev, err == nil && fresh
}
