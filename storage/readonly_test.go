package storage

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// TestReadOnlyStoreRefusesEveryChange calls, on a real store, every method of the Store
// interface whose name says it changes something and checks it is
// refused, so a method added to the interface later cannot slip through.
func TestReadOnlyStoreRefusesEveryChange(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	if err := demo.Classroom().Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	ro := continuum.ReadOnlyStore{Store: st}
	v := reflect.ValueOf(ro)
	iface := reflect.TypeOf((*continuum.Store)(nil)).Elem()
	writes := 0
	for i := range iface.NumMethod() {
		m := iface.Method(i)
		isWrite := false
		for _, verb := range []string{"Create", "Update", "Delete", "Put", "Add", "Apply", "Rename"} {
			if strings.HasPrefix(m.Name, verb) {
				isWrite = true
			}
		}
		if !isWrite {
			continue
		}
		writes++
		fn := v.MethodByName(m.Name)
		args := []reflect.Value{reflect.ValueOf(ctx)}
		for k := 1; k < fn.Type().NumIn(); k++ {
			in := fn.Type().In(k)
			if fn.Type().IsVariadic() && k == fn.Type().NumIn()-1 {
				args = append(args, reflect.MakeSlice(in, 0, 0))
				continue
			}
			args = append(args, reflect.Zero(in))
		}
		var out []reflect.Value
		if fn.Type().IsVariadic() {
			out = fn.CallSlice(args)
		} else {
			out = fn.Call(args)
		}
		err, _ := out[len(out)-1].Interface().(error)
		if !errors.Is(err, continuum.ErrReadOnly) {
			t.Errorf("%s: %v, want it refused", m.Name, err)
		}
	}
	if writes < 16 {
		t.Errorf("only %d changing methods found", writes)
	}
	if all, err := ro.Continua(ctx); err != nil || len(all) != 1 {
		t.Errorf("reads do not pass through: %v %v", all, err)
	}
}

// ReadOnlyStore refuses every write of notes and look-fors, and reads them through.
func TestReadOnlyStoreRefusesNoteWrites(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	d := demo.Classroom()
	if err := d.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	cid := d.Continuum.ID
	n := continuum.VisitNote{Continuum: cid, Date: continuum.NewDate(2026, 11, 20), About: continuum.OnClass, Note: "Calm start"}
	if _, err := st.PutVisitNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	ro := continuum.ReadOnlyStore{Store: st}
	if _, err := ro.PutVisitNote(ctx, n); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("PutVisitNote: %v", err)
	}
	if err := ro.DeleteVisitNote(ctx, cid, "x"); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("DeleteVisitNote: %v", err)
	}
	if err := ro.PutLookFors(ctx, []string{"x"}); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("PutLookFors: %v", err)
	}
	if got, err := ro.VisitNotes(ctx, cid); err != nil || len(got) != 1 {
		t.Errorf("reads do not pass through: %v %v", got, err)
	}
}
