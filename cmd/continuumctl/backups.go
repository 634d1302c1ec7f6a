package main

import (
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
)

// dataDir is the data folder of --db, or the default one. Commands that
// must work on a folder that cannot be opened (listing and restoring
// automatic backups) use it in place of the open store.
func (e *env) dataDir() (string, error) {
	if e.db != "" {
		return e.db, nil
	}
	return storage.DefaultDir()
}

// runBackups lists the automatic backups, newest first. It does not open
// the store, so it works while the app has it open or when it is damaged.
func runBackups(ctx context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return usageError{"usage: continuumctl backups [--format table|csv]"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	dir, err := e.dataDir()
	if err != nil {
		return err
	}
	all, err := storage.Backups(dir)
	if err != nil {
		return err
	}
	if len(all) == 0 && e.opts.format != "csv" {
		fmt.Fprintf(e.stdout, "No automatic backup of %s yet. One is taken before each import and restore, in %s.\n", dir, storage.BackupsDir(dir))
		return nil
	}
	t := newTable("taken", "size", "before", "file")
	t.width = 0
	for _, b := range all {
		t.add(b.Taken.Format("2006-01-02 15:04:05"), continuum.ByteSize(b.Size), b.Before, b.Path)
	}
	return t.write(e.stdout, e.opts.format)
}

// runRestoreLatest restores the newest automatic backup (restore --latest).
// The store is not opened first: a folder that cannot be opened is moved
// aside and restored into anew.
func runRestoreLatest(e *env) error {
	dir, err := e.dataDir()
	if err != nil {
		return err
	}
	opts, err := storeOptions(dir, e.stderr)
	if err != nil {
		return err
	}
	done, err := storage.RestoreLatest(dir, opts)
	if err != nil {
		return err // the store names the operation
	}
	if done.Damaged != "" {
		fmt.Fprintf(e.stdout, "The data folder %s could not be opened; it was moved, as it was, to %s\n", dir, done.Damaged)
	}
	fmt.Fprintf(e.stdout, "Restored %s from %s (taken %s, before %s)\n", dir, done.Backup.Path, done.Backup.Taken.Format("2006-01-02 15:04:05"), done.Backup.Before)
	if done.SafetyBackup != "" {
		fmt.Fprintf(e.stdout, "The data it replaced was saved to %s\n", done.SafetyBackup)
	}
	return nil
}

// runRestoreCommand is restore: of FILE, or with --latest of the newest
// automatic backup.
func runRestoreCommand(ctx context.Context, e *env, args []string) error {
	switch {
	case e.opts.latest && len(args) == 0:
		return runRestoreLatest(e)
	case e.opts.latest || len(args) != 1:
		return usageError{"usage: continuumctl restore FILE, or continuumctl restore --latest"}
	}
	return runRestore(ctx, e, args)
}
