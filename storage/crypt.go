package storage

// Encryption at rest.
//
// An encrypted data folder is a Badger database opened with Badger's own
// encryption (AES, with a 32-byte data key) and, beside its files, the
// keyring KeyringFile. The data key is random; the keyring holds it twice,
// sealed with AES-GCM: once under a key derived from the passphrase with
// Argon2id (its parameters and salt are in the keyring), once under a key
// derived the same way from the recovery key, which Encrypt returns to be
// shown once and written down. Changing the passphrase reseals the data
// key; no data is rewritten.
//
// Encrypt and Decrypt rewrite a folder into a new one beside it, then swap
// the two, so that a crash at any moment leaves either the old folder or the
// new one, never a mix and never neither:
//
//  1. the data is copied with Badger's backup stream into .<name>.rewrite-new
//     (with the keyring, when encrypting), and every file is synced;
//  2. that folder is renamed .<name>.rewrite-ready: it is complete;
//  3. the data folder is renamed .<name>.rewrite-old;
//  4. .<name>.rewrite-ready is renamed to the data folder's name;
//  5. .<name>.rewrite-old is removed.
//
// Open (and the next Encrypt or Decrypt) finishes or undoes a rewrite that
// was cut short (finishRewrite): a -new folder is removed; a -ready folder
// with the data folder still in place is removed (the old data is kept and
// the rewrite must be run again); a -ready folder with the data folder gone
// becomes the data folder; an -old folder beside a data folder is removed.
// A folder is removed by renaming it .<name>.rewrite-trash-<random> first,
// so that a rewrite running meanwhile never renames a half-removed folder
// into place, and trash a removal cut short left is removed too. A rewrite
// is meant to run while nothing else uses the folder; if something opens
// it meanwhile, the rewrite may fail (saying so), but the data folder
// stays whole, old or new.

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/argon2"
)

// KeyringFile is the name, inside an encrypted data folder, of the file
// holding the sealed data key and the key-derivation parameters.
const KeyringFile = "keyring.json"

// MinPassphrase is the fewest characters a new passphrase may have.
const MinPassphrase = 8

// Errors of encryption that callers may test for with errors.Is.
var (
	// ErrWrongPassphrase means the passphrase (or recovery key) given does not open the folder.
	// Such errors also match os.ErrPermission, so that nothing treats the folder as damaged.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrPassphraseNeeded means the folder is encrypted and no passphrase was given.
	ErrPassphraseNeeded = errors.New("passphrase needed")
	// ErrNotEncrypted means a passphrase was given for a folder that is not encrypted.
	ErrNotEncrypted = errors.New("the data folder is not encrypted")
	// ErrEncrypted means Encrypt was asked to encrypt a folder that already is.
	ErrEncrypted = errors.New("the data folder is already encrypted")
)

// kdfParams are Argon2id's costs: 3 passes over 64 MiB with 2 threads,
// about a fifth of a second on a laptop, per attempt.
var kdfParams = struct {
	time, memory uint32
	threads      uint8
}{time: 3, memory: 64 << 10, threads: 2}

// keyring is the content of KeyringFile.
type keyring struct {
	// Version is the keyring's format, 1.
	Version int `json:"version"`
	// KDF names the key derivation: "argon2id".
	KDF string `json:"kdf"`
	// Time, Memory (KiB) and Threads are Argon2id's parameters.
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory"`
	Threads uint8  `json:"threads"`
	// Salt is the passphrase's salt; WrappedKey the data key sealed under it (nonce first).
	Salt       []byte `json:"salt"`
	WrappedKey []byte `json:"wrapped_key"`
	// RecoverySalt and RecoveryWrappedKey are the same for the recovery key.
	RecoverySalt       []byte `json:"recovery_salt"`
	RecoveryWrappedKey []byte `json:"recovery_wrapped_key"`
}

// keyringAAD binds a sealed key to its purpose.
var keyringAAD = []byte("continuum-planner keyring 1")

// wrongPassphraseError is the sentence for a passphrase that does not open dir.
type wrongPassphraseError struct{ dir string }

func (e *wrongPassphraseError) Error() string {
	return "The passphrase does not open " + e.dir + "; nothing was changed. Try again, or use your recovery key."
}

func (e *wrongPassphraseError) Is(target error) bool {
	return target == ErrWrongPassphrase || target == os.ErrPermission
}

// passphraseNeededError is the sentence for an encrypted folder opened without a passphrase.
type passphraseNeededError struct{ dir string }

func (e *passphraseNeededError) Error() string {
	return "The data folder " + e.dir + " is encrypted; it opens only with its passphrase (or recovery key)."
}

func (e *passphraseNeededError) Is(target error) bool {
	return target == ErrPassphraseNeeded || target == os.ErrPermission
}

// IsEncrypted reports whether the data folder dir is encrypted. A rewrite
// cut short is finished first (see finishRewrite).
func IsEncrypted(dir string) (bool, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false, fmt.Errorf("is %s encrypted: %w", dir, err)
	}
	if err := finishRewrite(abs); err != nil {
		return false, fmt.Errorf("is %s encrypted: %w", abs, err)
	}
	_, err = os.Stat(filepath.Join(abs, KeyringFile))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("is %s encrypted: %w", abs, err)
}

// unlock returns the data key of the folder dir for passphrase, or nil for
// a folder that is not encrypted. It is called by Open before anything
// else touches the folder; its errors are sentences naming dir.
func unlock(dir, passphrase string) ([]byte, error) {
	if err := finishRewrite(dir); err != nil {
		return nil, fmt.Errorf("open data folder %s: finish encrypting or decrypting: %w", dir, err)
	}
	kr, err := readKeyring(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if passphrase != "" {
			return nil, fmt.Errorf("open data folder %s: %w: open it without a passphrase, or encrypt it first", dir, ErrNotEncrypted)
		}
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	case passphrase == "":
		return nil, &passphraseNeededError{dir: dir}
	}
	key, err := kr.open(passphrase)
	if err != nil {
		return nil, &wrongPassphraseError{dir: dir}
	}
	return key, nil
}

// open unseals the data key with the passphrase or, failing that, with
// passphrase read as a recovery key.
func (kr *keyring) open(passphrase string) ([]byte, error) {
	if key, err := unseal(kr.derive(passphrase, kr.Salt), kr.WrappedKey); err == nil {
		return key, nil
	}
	if rk, ok := normalRecoveryKey(passphrase); ok {
		return unseal(kr.derive(rk, kr.RecoverySalt), kr.RecoveryWrappedKey)
	}
	return nil, ErrWrongPassphrase
}

func (kr *keyring) derive(secret string, salt []byte) []byte {
	return argon2.IDKey([]byte(secret), salt, kr.Time, kr.Memory, kr.Threads, 32)
}

// newKeyring seals key under passphrase and under a new recovery key,
// which it returns in groups of four characters.
func newKeyring(key []byte, passphrase string) (*keyring, string, error) {
	kr := &keyring{Version: 1, KDF: "argon2id", Time: kdfParams.time, Memory: kdfParams.memory, Threads: kdfParams.threads}
	secret := make([]byte, 20) // 160 bits: 32 base32 characters
	if _, err := rand.Read(secret); err != nil {
		return nil, "", err
	}
	rk := base32.StdEncoding.EncodeToString(secret)
	var err error
	if kr.RecoverySalt, kr.RecoveryWrappedKey, err = kr.seal(key, rk); err != nil {
		return nil, "", err
	}
	if kr.Salt, kr.WrappedKey, err = kr.seal(key, passphrase); err != nil {
		return nil, "", err
	}
	groups := make([]string, 0, 8)
	for i := 0; i < len(rk); i += 4 {
		groups = append(groups, rk[i:i+4])
	}
	return kr, strings.Join(groups, "-"), nil
}

// seal derives a key from secret with a new salt and seals key under it.
func (kr *keyring) seal(key []byte, secret string) (salt, sealed []byte, err error) {
	salt = make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, nil, err
	}
	gcm, err := newGCM(kr.derive(secret, salt))
	if err != nil {
		return nil, nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, nil, err
	}
	return salt, gcm.Seal(nonce, nonce, key, keyringAAD), nil
}

func unseal(kek, sealed []byte) ([]byte, error) {
	gcm, err := newGCM(kek)
	if err != nil {
		return nil, err
	}
	if len(sealed) < gcm.NonceSize() {
		return nil, errors.New("sealed key too short")
	}
	return gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], keyringAAD)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// normalRecoveryKey turns a recovery key as typed (any case, with or
// without dashes and spaces) into its base32 form.
func normalRecoveryKey(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	if len(s) != 32 {
		return "", false
	}
	if _, err := base32.StdEncoding.DecodeString(s); err != nil {
		return "", false
	}
	return s, true
}

func readKeyring(dir string) (*keyring, error) {
	b, err := os.ReadFile(filepath.Join(dir, KeyringFile))
	if err != nil {
		return nil, err
	}
	kr := &keyring{}
	if err := json.Unmarshal(b, kr); err != nil || kr.Version != 1 || kr.KDF != "argon2id" || kr.Memory == 0 || kr.Threads == 0 || kr.Time == 0 {
		return nil, damaged(dir, "its keyring "+KeyringFile+" cannot be read")
	}
	return kr, nil
}

// writeKeyring replaces dir's keyring atomically: a temporary file, synced, renamed.
func writeKeyring(dir string, kr *keyring) error {
	b, err := json.MarshalIndent(kr, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, "."+KeyringFile+".tmp")
	if err := writeSynced(tmp, b); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, KeyringFile)); err != nil {
		return err
	}
	return syncDir(dir)
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ChangePassphrase reseals the data key of the encrypted folder dir under
// newPassphrase. old may be the current passphrase or the recovery key,
// which stays valid. No data is rewritten.
func ChangePassphrase(dir, old, newPassphrase string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("change the passphrase of %s: %w", dir, err)
	}
	if err := checkNewPassphrase(newPassphrase); err != nil {
		return fmt.Errorf("change the passphrase of %s: %w", abs, err)
	}
	key, err := unlock(abs, old)
	if err != nil {
		return err
	}
	kr, err := readKeyring(abs)
	if err != nil {
		return fmt.Errorf("change the passphrase of %s: %w", abs, err)
	}
	if kr.Salt, kr.WrappedKey, err = kr.seal(key, newPassphrase); err != nil {
		return fmt.Errorf("change the passphrase of %s: %w", abs, err)
	}
	if err := writeKeyring(abs, kr); err != nil {
		return fmt.Errorf("change the passphrase of %s: %w", abs, err)
	}
	return nil
}

func checkNewPassphrase(p string) error {
	if n := len([]rune(p)); n < MinPassphrase {
		return fmt.Errorf("the new passphrase has %d characters; choose one of at least %d", n, MinPassphrase)
	}
	return nil
}

// Encrypt rewrites the data folder dir, which must not be open, into an
// encrypted one protected by passphrase, and returns the recovery key,
// to be shown once and written down. A folder that does not exist yet
// becomes an empty encrypted store. See the package's notes on encryption
// for the steps and what a crash leaves.
func Encrypt(dir, passphrase string) (recoveryKey string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("encrypt %s: %w", dir, err)
	}
	if err := checkNewPassphrase(passphrase); err != nil {
		return "", fmt.Errorf("encrypt %s: %w", abs, err)
	}
	enc, err := IsEncrypted(abs)
	if err != nil {
		return "", fmt.Errorf("encrypt %s: %w", abs, err)
	}
	if enc {
		return "", fmt.Errorf("encrypt %s: %w", abs, ErrEncrypted)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("encrypt %s: %w", abs, err)
	}
	kr, rk, err := newKeyring(key, passphrase)
	if err != nil {
		return "", fmt.Errorf("encrypt %s: %w", abs, err)
	}
	if err := rewrite(abs, "", key, kr); err != nil {
		return "", fmt.Errorf("encrypt %s: %w", abs, err)
	}
	return rk, nil
}

// Decrypt rewrites the encrypted data folder dir, which must not be open,
// into a plain one, given its passphrase or recovery key.
func Decrypt(dir, passphrase string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("decrypt %s: %w", dir, err)
	}
	enc, err := IsEncrypted(abs)
	if err != nil {
		return fmt.Errorf("decrypt %s: %w", abs, err)
	}
	if !enc {
		return fmt.Errorf("decrypt %s: %w", abs, ErrNotEncrypted)
	}
	if _, err := unlock(abs, passphrase); err != nil {
		return err
	}
	if err := rewrite(abs, passphrase, nil, nil); err != nil {
		return fmt.Errorf("decrypt %s: %w", abs, err)
	}
	return nil
}

// rewriteFault, when set (by tests), is called at each step of a rewrite;
// an error stops the rewrite there, as a crash would.
var rewriteFault func(step string) error

func fault(step string) error {
	if rewriteFault == nil {
		return nil
	}
	return rewriteFault(step)
}

// rewritePaths names the folders of a rewrite of dir.
func rewritePaths(dir string) (newDir, ready, old string) {
	base := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".rewrite-")
	return base + "new", base + "ready", base + "old"
}

// rewrite copies the folder dir, opened with passphrase, into a new folder
// written with key (nil: plain) holding kr (nil: none), then swaps the two.
func rewrite(dir, passphrase string, key []byte, kr *keyring) error {
	newDir, ready, old := rewritePaths(dir)
	if err := prepareRewrite(dir, passphrase, key, kr); err != nil {
		_ = discard(newDir)
		_ = discard(ready)
		return fmt.Errorf("%w; the data folder is unchanged", err)
	}
	if err := os.Rename(dir, old); err != nil {
		_ = discard(ready)
		return fmt.Errorf("%w; the data folder is unchanged", err)
	}
	err := fault("swapping")
	if err == nil {
		err = os.Rename(ready, dir)
	}
	if err == nil {
		err = syncDir(filepath.Dir(dir))
	}
	if err != nil {
		return fmt.Errorf("%w; the change is finished when the data folder is next opened", err)
	}
	return discard(old)
}

// prepareRewrite does the steps of rewrite up to the complete new folder
// named ready.
func prepareRewrite(dir, passphrase string, key []byte, kr *keyring) error {
	newDir, ready, _ := rewritePaths(dir)
	if err := discard(newDir); err != nil {
		return err
	}
	if err := copyInto(dir, passphrase, newDir, key, kr); err != nil {
		return err
	}
	if err := fault("copied"); err != nil {
		return err
	}
	if err := os.Rename(newDir, ready); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return err
	}
	return fault("ready")
}

// copyInto streams every record of the store in dir into a new Badger
// database in newDir, then syncs every file of newDir.
func copyInto(dir, passphrase, newDir string, key []byte, kr *keyring) (err error) {
	src, err := Open(dir, Options{Passphrase: passphrase})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := src.Close(); err == nil {
			err = cerr
		}
	}()
	if err := os.MkdirAll(newDir, 0o700); err != nil {
		return err
	}
	if kr != nil {
		if err := writeKeyring(newDir, kr); err != nil {
			return err
		}
	}
	opts := src.opts
	opts.ReadOnly, opts.key = false, key
	bopts, err := badgerOptions(newDir, opts)
	if err != nil {
		return err
	}
	dst, err := badger.Open(bopts.WithSyncWrites(false).WithLogger(nil))
	if err != nil {
		return fmt.Errorf("create the new data folder: %w", err)
	}
	pr, pw := io.Pipe()
	go func() { _, err := src.db.Backup(pw, 0); pw.CloseWithError(err) }()
	lerr := dst.Load(pr, 16)
	pr.CloseWithError(errors.New("load stopped"))
	if err := fault("loading"); err != nil && lerr == nil {
		lerr = err
	}
	if cerr := dst.Close(); lerr == nil {
		lerr = cerr
	}
	if lerr != nil {
		return fmt.Errorf("copy the data: %w", lerr)
	}
	return syncTree(newDir)
}

// syncTree syncs every file of dir, then dir itself.
func syncTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return syncDir(dir)
}

// finishRewrite completes or undoes a rewrite of dir cut short (see the
// package's notes on encryption). Folders are discarded by renaming them
// out of the way first, so that a rewrite running meanwhile in another
// process never renames a half-removed folder into place.
func finishRewrite(dir string) error {
	newDir, ready, old := rewritePaths(dir)
	trash, _ := filepath.Glob(trashPattern(dir))
	for _, t := range trash { // left by a removal cut short
		if err := os.RemoveAll(t); err != nil {
			return err
		}
	}
	if err := discard(newDir); err != nil {
		return err
	}
	_, dirErr := os.Stat(dir)
	dirGone := errors.Is(dirErr, fs.ErrNotExist)
	if _, err := os.Stat(ready); err == nil {
		if !dirGone {
			return discard(ready)
		}
		if err := os.Rename(ready, dir); err != nil {
			return err
		}
		dirGone = false
		if err := syncDir(filepath.Dir(dir)); err != nil {
			return err
		}
	}
	if _, err := os.Stat(old); err == nil {
		if dirGone { // the swap never started its second step: keep the old data
			return os.Rename(old, dir)
		}
		return discard(old)
	}
	return nil
}

// trashPattern matches the folders discard moves aside for dir's rewrite.
func trashPattern(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".rewrite-trash-*")
}

// discard removes the folder path, if there, after renaming it to a name
// of trashPattern.
func discard(path string) error {
	suffix := make([]byte, 6)
	if _, err := rand.Read(suffix); err != nil {
		return err
	}
	i := strings.LastIndex(path, ".rewrite-")
	if i < 0 {
		return fmt.Errorf("discard %s: not a rewrite folder", path)
	}
	trash := fmt.Sprintf("%s.rewrite-trash-%x", path[:i], suffix)
	if err := os.Rename(path, trash); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	return os.RemoveAll(trash)
}
