package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// said is an error told in other words, still wrapping the error it tells
// of, so that errors.Is and errors.As see through it.
type said struct {
	msg string
	err error
}

func (s *said) Error() string { return s.msg }
func (s *said) Unwrap() error { return s.err }

// plain tells a domain error by its message alone ("there is no
// continuum named "Nope""), without the store's operation and the field
// name it is about ("find continuum: continuum: …"): the command's name
// heads the line already, and a field name is not a teacher's word.
func plain(err error) error {
	var ce *continuum.Error
	if err == nil || !errors.As(err, &ce) || ce.Message == "" {
		return err
	}
	return &said{msg: ce.Message, err: err}
}

// rehead heads err with op in place of the operation it already names
// ("restore: not a backup" becomes "restore from FILE: not a backup"), so
// that the operation is said once.
func rehead(op, named string, err error) error {
	rest, ok := strings.CutPrefix(err.Error(), named+": ")
	if !ok {
		return fmt.Errorf("%s: %w", op, err)
	}
	return &said{msg: op + ": " + rest, err: err}
}

// checkReadable says in plain words why the file at path cannot be read:
// there is none, it is a folder, or it may not be read. what names the
// file expected ("a backup file", "a workbook").
func checkReadable(path, what string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: there is no such file; check the name and folder", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: you are not allowed to read it", path)
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a folder, not a file; give %s inside it", path, what)
	}
	return nil
}

// checkWritable says in plain words why a file cannot be written at path:
// it is a folder, its folder does not exist, or the file exists and force
// is not set. example is a file name to suggest in place of a folder.
func checkWritable(path, example string, force bool) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder; give a file's name, such as %s", path, filepath.Join(path, example))
	case err == nil && !force:
		return fmt.Errorf("%s exists; choose another name, or add --force to replace it", path)
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: there is no folder %s; create it first, or choose another place", path, dir)
	} else if err == nil && !fi.IsDir() {
		return fmt.Errorf("%s: %s is a file, not a folder", path, dir)
	}
	return nil
}
