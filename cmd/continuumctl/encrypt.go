package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/continuum-planner/planner/storage"
	"golang.org/x/term"
)

// Environment variables that give passphrases without a prompt.
const (
	// passphraseEnv gives the data folder's passphrase (or its recovery key).
	passphraseEnv = "CONTINUUM_PLANNER_PASSPHRASE"
	// newPassphraseEnv gives the new passphrase of continuumctl passphrase.
	newPassphraseEnv = "CONTINUUM_PLANNER_NEW_PASSPHRASE"
	// backupPassphraseEnv gives the passphrase an encrypted backup's folder
	// had when the backup was taken, to restore it elsewhere.
	backupPassphraseEnv = "CONTINUUM_PLANNER_BACKUP_PASSPHRASE"
)

// errNoPassphrase is a passphrase needed with neither the variable nor a terminal to ask at.
var errNoPassphrase = errors.New("no passphrase: set " + passphraseEnv + ", or run at a terminal to be asked")

// readSecret returns the value of the environment variable env when set,
// and otherwise asks for it at the terminal without echoing it, twice
// when confirm is set. With no terminal it fails with a sentence.
func readSecret(env, prompt string, confirm bool, stderr io.Writer) (string, error) {
	if v, ok := os.LookupEnv(env); ok {
		return v, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		switch env {
		case newPassphraseEnv:
			return "", errors.New("no new passphrase: set " + newPassphraseEnv + ", or run at a terminal to be asked")
		case backupPassphraseEnv:
			return "", errors.New("the backup is encrypted with another folder's key: set " + backupPassphraseEnv + " to the passphrase (or recovery key) that folder had when the backup was taken, or run at a terminal to be asked; nothing was changed")
		}
		return "", errNoPassphrase
	}
	ask := func(p string) (string, error) {
		fmt.Fprint(stderr, p)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read the passphrase: %w", err)
		}
		return string(b), nil
	}
	v, err := ask(prompt + ": ")
	if err != nil || !confirm {
		return v, err
	}
	again, err := ask("Type it again: ")
	if err != nil {
		return "", err
	}
	if again != v {
		return "", errors.New("the two passphrases differ; nothing was changed")
	}
	return v, nil
}

// storeOptions returns the options to open dir with: its passphrase, read
// from the environment or the terminal, when the folder is encrypted.
func storeOptions(dir string, stderr io.Writer) (storage.Options, error) {
	enc, err := storage.IsEncrypted(dir)
	if err != nil || !enc {
		return storage.Options{}, err
	}
	p, err := readSecret(passphraseEnv, "Passphrase of "+dir, false, stderr)
	if err != nil {
		return storage.Options{}, fmt.Errorf("%s is encrypted: %w", dir, err)
	}
	return storage.Options{Passphrase: p}, nil
}

// runEncrypt encrypts the data folder and prints the recovery key once.
func runEncrypt(_ context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return usageError{"usage: continuumctl encrypt (the passphrase comes from " + passphraseEnv + " or is asked for)"}
	}
	dir, err := e.dataDir()
	if err != nil {
		return err
	}
	p, err := readSecret(passphraseEnv, "New passphrase for "+dir, true, e.stderr)
	if err != nil {
		return err
	}
	rk, err := storage.Encrypt(dir, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Encrypted %s.\n\nRecovery key: %s\n\nWrite the recovery key down and keep it apart from this computer: it is shown only this once, and it opens the data if the passphrase is forgotten.\n", dir, rk)
	return nil
}

// runDecrypt stores the data folder in plain form again.
func runDecrypt(_ context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return usageError{"usage: continuumctl decrypt (the passphrase comes from " + passphraseEnv + " or is asked for)"}
	}
	dir, err := e.dataDir()
	if err != nil {
		return err
	}
	if err := mustBeEncrypted(dir); err != nil {
		return err
	}
	p, err := readSecret(passphraseEnv, "Passphrase of "+dir, false, e.stderr)
	if err != nil {
		return err
	}
	if err := storage.Decrypt(dir, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Decrypted %s: its data is no longer encrypted.\n", dir)
	return nil
}

// runPassphrase changes the data folder's passphrase; the current one may
// be the recovery key.
func runPassphrase(_ context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return usageError{"usage: continuumctl passphrase (the current passphrase or recovery key comes from " + passphraseEnv + ", the new one from " + newPassphraseEnv + ", or both are asked for)"}
	}
	dir, err := e.dataDir()
	if err != nil {
		return err
	}
	if err := mustBeEncrypted(dir); err != nil {
		return err
	}
	old, err := readSecret(passphraseEnv, "Current passphrase (or recovery key) of "+dir, false, e.stderr)
	if err != nil {
		return err
	}
	p, err := readSecret(newPassphraseEnv, "New passphrase", true, e.stderr)
	if err != nil {
		return err
	}
	if err := storage.ChangePassphrase(dir, old, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Changed the passphrase of %s. The recovery key is unchanged.\n", dir)
	return nil
}

// mustBeEncrypted says so, before any passphrase is asked for, when dir is
// not encrypted.
func mustBeEncrypted(dir string) error {
	enc, err := storage.IsEncrypted(dir)
	if err == nil && !enc {
		err = fmt.Errorf("%s is not encrypted; nothing was changed (continuumctl encrypt encrypts it)", dir)
	}
	return err
}

// restoreLocked restores the encrypted backup at path, which the store's
// own key does not open, with the passphrase its folder had when it was
// taken, from the environment or the terminal.
func restoreLocked(e *env, path string) (string, error) {
	p, err := readSecret(backupPassphraseEnv, "Passphrase (or recovery key) of the folder "+path+" was taken from", false, e.stderr)
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return e.store.RestoreWithPassphrase(f, p)
}
