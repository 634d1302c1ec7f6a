package storage

// Encrypted backups.
//
// A backup of an encrypted store is the line
// "CONTINUUM-PLANNER-ENCRYPTED-BACKUP 1\n", then a sealed stream (below)
// whose content is what a plain backup holds after its first line: Badger's
// backup stream compressed with gzip. A restore staged by an encrypted
// store (restorePending) holds Badger's stream sealed the same way, after
// its first line. So no file a backup or a restore writes holds student
// data in the clear.
//
// A sealed stream is a header, then chunks:
//
//   - the header: its length (4 bytes, big-endian), then JSON (sealHeader):
//     the cipher, the chunk size, a random salt, the key's ID, and, in a
//     backup, what it was taken before and a copy of the folder's keyring;
//   - each chunk: a word (4 bytes, big-endian) whose top bit marks the last
//     chunk and whose other bits give the length of what follows, then up
//     to 64 KiB of content sealed with AES-256-GCM.
//
// The chunks' key is derived from the store's data key and the salt with
// HKDF-SHA256, so each stream has a key of its own. A chunk's nonce is its
// number and the last-chunk mark, and the SHA-256 of the header is its
// additional data: a changed, dropped, reordered or truncated chunk, or a
// changed header, fails the check, and the stream must end with the marked
// chunk and nothing after it. The key's ID (HMAC-SHA256 of a fixed text
// under the data key, 8 bytes) tells a backup of another folder, or of this
// one before it was encrypted anew, from a damaged one.
//
// The keyring copy lets the backup be restored where the folder's key is
// not (a new computer, a folder whose keyring is lost) with the passphrase
// or recovery key the folder had when the backup was taken: it holds the
// data key sealed under Argon2id of those, as the folder's keyring does.

import (
	"bufio"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
)

// The first line of an encrypted backup.
const (
	sealedBackupMagic  = "CONTINUUM-PLANNER-ENCRYPTED-BACKUP"
	sealedBackupFormat = 1
)

// Sizes of a sealed stream.
const (
	sealChunk     = 64 << 10 // content bytes per chunk
	sealOverhead  = 16       // GCM's tag
	maxSealHeader = 64 << 10 // a header longer than this is damage
	lastChunkMark = 1 << 31  // the top bit of a chunk's length word
)

// sealHeader is the header of a sealed stream: in the clear, and checked
// with every chunk.
type sealHeader struct {
	// Cipher is "AES-256-GCM".
	Cipher string `json:"cipher"`
	// KDF is how the chunks' key comes from the data key: "HKDF-SHA256".
	KDF string `json:"kdf"`
	// Chunk is the most content bytes one chunk holds.
	Chunk int `json:"chunk"`
	// Salt is HKDF's salt, new for each stream.
	Salt []byte `json:"salt"`
	// KeyID names the data key (see keyID).
	KeyID string `json:"key_id"`
	// About says what a backup was taken before (see backup); it is what
	// a plain backup keeps in its gzip comment.
	About string `json:"about,omitempty"`
	// Keyring is a copy of the folder's keyring when the backup was taken.
	Keyring *keyring `json:"keyring,omitempty"`
}

// keyID names a data key without revealing it.
func keyID(dataKey []byte) string {
	m := hmac.New(sha256.New, dataKey)
	m.Write([]byte("continuum-planner key id"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// streamAEAD returns the cipher of a sealed stream with header h under dataKey.
func streamAEAD(dataKey []byte, h *sealHeader) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, dataKey, h.Salt, "continuum-planner sealed stream 1", 32)
	if err != nil {
		return nil, err
	}
	return newGCM(key)
}

// newSealHeader returns a header with a new salt for a stream under dataKey.
func newSealHeader(dataKey []byte) (*sealHeader, error) {
	h := &sealHeader{Cipher: "AES-256-GCM", KDF: "HKDF-SHA256", Chunk: sealChunk, Salt: make([]byte, 16), KeyID: keyID(dataKey)}
	if _, err := rand.Read(h.Salt); err != nil {
		return nil, err
	}
	return h, nil
}

// sealWriter seals what is written to it into chunks; Close writes the
// last chunk. It writes nothing until a chunk is full.
type sealWriter struct {
	w    io.Writer
	aead cipher.AEAD
	aad  []byte
	buf  []byte // content not sealed yet
	out  []byte
	n    uint64 // chunks written
}

// newSealWriter writes h to w and returns the writer of the chunks that
// follow it, sealed under dataKey.
func newSealWriter(w io.Writer, dataKey []byte, h *sealHeader) (*sealWriter, error) {
	head, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	aead, err := streamAEAD(dataKey, h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(binary.BigEndian.AppendUint32(nil, uint32(len(head)))); err != nil {
		return nil, err
	}
	if _, err := w.Write(head); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(head)
	return &sealWriter{w: w, aead: aead, aad: sum[:], buf: make([]byte, 0, h.Chunk)}, nil
}

func (sw *sealWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		if len(sw.buf) == cap(sw.buf) { // full, and more follows: not the last
			if err := sw.seal(false); err != nil {
				return written, err
			}
		}
		n := copy(sw.buf[len(sw.buf):cap(sw.buf)], p)
		sw.buf = sw.buf[:len(sw.buf)+n]
		p, written = p[n:], written+n
	}
	return written, nil
}

// Close seals what is left as the last chunk. It does not close the
// underlying writer.
func (sw *sealWriter) Close() error { return sw.seal(true) }

func (sw *sealWriter) seal(last bool) error {
	sw.out = sw.aead.Seal(sw.out[:0], chunkNonce(sw.n, last), sw.buf, sw.aad)
	word := uint32(len(sw.out))
	if last {
		word |= lastChunkMark
	}
	if _, err := sw.w.Write(binary.BigEndian.AppendUint32(nil, word)); err != nil {
		return err
	}
	if _, err := sw.w.Write(sw.out); err != nil {
		return err
	}
	sw.n++
	sw.buf = sw.buf[:0]
	return nil
}

// chunkNonce is chunk n's nonce: its number, then whether it is the last.
func chunkNonce(n uint64, last bool) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce[3:11], n)
	if last {
		nonce[11] = 1
	}
	return nonce
}

// readSealHeader reads a sealed stream's header from r.
func readSealHeader(r io.Reader) (*sealHeader, []byte, error) {
	var word [4]byte
	if _, err := io.ReadFull(r, word[:]); err != nil {
		return nil, nil, errors.New("its encryption header is cut short")
	}
	n := binary.BigEndian.Uint32(word[:])
	if n == 0 || n > maxSealHeader {
		return nil, nil, fmt.Errorf("its encryption header says it is %d bytes long", n)
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, nil, errors.New("its encryption header is cut short")
	}
	h := &sealHeader{}
	if err := json.Unmarshal(head, h); err != nil {
		return nil, nil, errors.New("its encryption header cannot be read")
	}
	if h.Cipher != "AES-256-GCM" || h.KDF != "HKDF-SHA256" || h.Chunk <= 0 || h.Chunk > 1<<20 || len(h.Salt) < 16 || h.KeyID == "" {
		return nil, nil, errors.New("its encryption header names a cipher or sizes this version does not use")
	}
	sum := sha256.Sum256(head)
	return h, sum[:], nil
}

// sealReader opens the chunks of a sealed stream. Its errors say what is
// wrong with the stream; callers say which file it is.
type sealReader struct {
	r     io.Reader
	aead  cipher.AEAD
	aad   []byte
	chunk int
	plain []byte
	in    []byte
	off   int
	n     uint64
	last  bool  // the last chunk was read
	err   error // sticky
}

// newSealReader returns the reader of the chunks of a stream whose header
// h (with the header's hash aad) was read from r, under dataKey.
func newSealReader(r io.Reader, dataKey []byte, h *sealHeader, aad []byte) (*sealReader, error) {
	aead, err := streamAEAD(dataKey, h)
	if err != nil {
		return nil, err
	}
	return &sealReader{r: r, aead: aead, aad: aad, chunk: h.Chunk}, nil
}

func (sr *sealReader) Read(p []byte) (int, error) {
	for sr.off == len(sr.plain) {
		if sr.err != nil {
			return 0, sr.err
		}
		if sr.last {
			sr.err = sr.atEnd()
			continue
		}
		sr.err = sr.next()
	}
	n := copy(p, sr.plain[sr.off:])
	sr.off += n
	return n, nil
}

// next reads and opens the next chunk.
func (sr *sealReader) next() error {
	var word [4]byte
	if _, err := io.ReadFull(sr.r, word[:]); err != nil {
		return fmt.Errorf("its encrypted content ends before its last part (after part %d)", sr.n)
	}
	w := binary.BigEndian.Uint32(word[:])
	last, size := w&lastChunkMark != 0, int(w&^lastChunkMark)
	if size < sealOverhead || size > sr.chunk+sealOverhead {
		return fmt.Errorf("part %d of its encrypted content says it holds %d bytes", sr.n+1, size)
	}
	if cap(sr.in) < size {
		sr.in = make([]byte, size)
	}
	sr.in = sr.in[:size]
	if _, err := io.ReadFull(sr.r, sr.in); err != nil {
		return fmt.Errorf("its encrypted content ends inside part %d", sr.n+1)
	}
	plain, err := sr.aead.Open(sr.plain[:0], chunkNonce(sr.n, last), sr.in, sr.aad)
	if err != nil {
		return fmt.Errorf("part %d of its encrypted content fails its check (changed or damaged)", sr.n+1)
	}
	sr.plain, sr.off, sr.last = plain, 0, last
	sr.n++
	return nil
}

// atEnd checks that nothing follows the last chunk; it returns io.EOF
// when so.
func (sr *sealReader) atEnd() error {
	var b [1]byte
	if n, _ := io.ReadFull(sr.r, b[:]); n > 0 {
		return errors.New("bytes follow the end of its encrypted content")
	}
	return io.EOF
}

// readBackupFirstLine reads a backup's first line and says whether the
// backup is encrypted. It is readBackupHeader for either kind.
func readBackupFirstLine(br *bufio.Reader) (sealed bool, err error) {
	line, _ := br.Peek(len(sealedBackupMagic) + 1)
	if string(line) != sealedBackupMagic+" " {
		return false, readBackupHeader(br)
	}
	text, err := br.ReadString('\n')
	if err != nil || len(text) > 64 {
		return true, fmt.Errorf("%w: its first line is damaged", ErrNotBackup)
	}
	format, err := strconv.Atoi(strings.TrimSpace(text[len(sealedBackupMagic):]))
	switch {
	case err != nil:
		return true, fmt.Errorf("%w: its first line is damaged", ErrNotBackup)
	case format > sealedBackupFormat:
		return true, fmt.Errorf("the encrypted backup was %w (format %d; this version reads format %d)", ErrNewerVersion, format, sealedBackupFormat)
	case format != sealedBackupFormat:
		return true, fmt.Errorf("%w: encrypted backup format %d is unknown", ErrNotBackup, format)
	}
	return true, nil
}

// backupKeyError is the sentence for an encrypted backup the store has no
// key for.
type backupKeyError struct {
	storeEncrypted bool
	wrong          bool // a passphrase was given and does not open the backup's keyring
}

func (e *backupKeyError) Error() string {
	switch {
	case e.wrong:
		return "the passphrase does not open this encrypted backup: give the passphrase or recovery key its data folder had when the backup was taken"
	case e.storeEncrypted:
		return "the backup is encrypted with the key of another data folder (or of this one before it was encrypted anew): it restores only with the passphrase or recovery key that folder had when the backup was taken"
	}
	return "the backup is encrypted: it restores only into the encrypted data folder it was taken from, or with the passphrase or recovery key that folder had when the backup was taken"
}

func (e *backupKeyError) Is(target error) bool {
	if e.wrong {
		return target == ErrWrongPassphrase
	}
	return target == ErrPassphraseNeeded
}

// backupKey returns the data key that opens an encrypted backup with
// header h: the store's when it is the one, else the key the backup's
// keyring gives for passphrase.
func (s *Store) backupKey(h *sealHeader, passphrase string) ([]byte, error) {
	if s.opts.key != nil && keyID(s.opts.key) == h.KeyID {
		return s.opts.key, nil
	}
	if passphrase == "" || h.Keyring == nil {
		return nil, &backupKeyError{storeEncrypted: s.opts.key != nil}
	}
	if err := checkOutsideKeyring(h.Keyring); err != nil {
		return nil, fmt.Errorf("the backup is damaged: %w", err)
	}
	key, err := h.Keyring.open(passphrase)
	if err != nil {
		return nil, &backupKeyError{wrong: true}
	}
	if keyID(key) != h.KeyID {
		return nil, errors.New("the backup is damaged: its keyring does not hold the key its content is encrypted with")
	}
	return key, nil
}

// openBackup reads a backup's first lines from br and returns the reader of
// its gzip stream: br itself for a plain backup, the opened chunks for an
// encrypted one (see backupKey for passphrase).
func (s *Store) openBackup(br *bufio.Reader, passphrase string) (io.Reader, error) {
	sealed, err := readBackupFirstLine(br)
	if err != nil || !sealed {
		return br, err
	}
	h, aad, err := readSealHeader(br)
	if err != nil {
		return nil, fmt.Errorf("the backup is damaged: %v", err)
	}
	key, err := s.backupKey(h, passphrase)
	if err != nil {
		return nil, err
	}
	return newSealReader(br, key, h, aad)
}

// writeSealedBackup writes an encrypted backup of the store to w (see
// backup), with a copy of the folder's keyring.
func (s *Store) writeSealedBackup(w io.Writer, about string) error {
	if _, err := fmt.Fprintf(w, "%s %d\n", sealedBackupMagic, sealedBackupFormat); err != nil {
		return err
	}
	h, err := newSealHeader(s.opts.key)
	if err != nil {
		return err
	}
	h.About = about
	if h.Keyring, err = readKeyring(s.dir); err != nil {
		// The backup still restores into this folder; only a restore
		// elsewhere needs the copy.
		s.log.Warn("the encrypted backup holds no copy of the keyring", "err", err)
		h.Keyring = nil
	}
	sw, err := newSealWriter(w, s.opts.key, h)
	if err != nil {
		return err
	}
	if err := s.writeGzipBackup(sw, ""); err != nil {
		return err
	}
	return sw.Close()
}

// stagedSealed ends the first line of a staged restore whose stream is
// sealed: "CONTINUUM-PLANNER-RESTORE <floor> encrypted".
const stagedSealed = "encrypted"

// errStagedDamaged is a staged restore that cannot be read back whole.
var errStagedDamaged = errors.New("the staged restore is damaged")

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// newStagedWriter writes a staged restore's first line to w and returns
// the writer of its stream: sealed under the store's key when the store is
// encrypted, so the staged copy of the data is as protected as the data.
func (s *Store) newStagedWriter(w io.Writer, floor uint64) (io.WriteCloser, error) {
	if s.opts.key == nil {
		_, err := fmt.Fprintf(w, "%s %d\n", stagingMagic, floor)
		return nopWriteCloser{w}, err
	}
	if _, err := fmt.Fprintf(w, "%s %d %s\n", stagingMagic, floor, stagedSealed); err != nil {
		return nil, err
	}
	h, err := newSealHeader(s.opts.key)
	if err != nil {
		return nil, err
	}
	return newSealWriter(w, s.opts.key, h)
}

// openStaged opens the staged restore at path: its evidence ID floor and
// its stream, opened under the store's key when it is sealed. The caller
// closes f.
func (s *Store) openStaged(path string) (f *os.File, floor uint64, payload io.Reader, err error) {
	f, err = os.Open(path)
	if err != nil {
		return nil, 0, nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	bad := func(why string) error { return fmt.Errorf("%w: %s: %s", errStagedDamaged, path, why) }
	br := bufio.NewReaderSize(f, 256<<10)
	line, err := br.ReadString('\n')
	rest, ok := strings.CutPrefix(line, stagingMagic+" ")
	fields := strings.Fields(rest)
	if err != nil || !ok || len(fields) < 1 || len(fields) > 2 {
		return nil, 0, nil, bad("its first line is damaged")
	}
	if floor, err = strconv.ParseUint(fields[0], 10, 64); err != nil {
		return nil, 0, nil, bad("its first line is damaged")
	}
	if len(fields) == 1 {
		return f, floor, br, nil
	}
	switch {
	case fields[1] != stagedSealed:
		return nil, 0, nil, bad("its first line is damaged")
	case s.opts.key == nil:
		return nil, 0, nil, bad("it is encrypted, and the data folder is not")
	}
	h, aad, err := readSealHeader(br)
	if err != nil {
		return nil, 0, nil, bad(err.Error())
	}
	if h.KeyID != keyID(s.opts.key) {
		return nil, 0, nil, bad("it is encrypted with another key than the data folder's")
	}
	sr, err := newSealReader(br, s.opts.key, h, aad)
	if err != nil {
		return nil, 0, nil, err
	}
	return f, floor, &stagedReader{sr: sr, path: path}, nil
}

// stagedReader reads a sealed staged restore, naming the file in its errors.
type stagedReader struct {
	sr   *sealReader
	path string
}

func (r *stagedReader) Read(p []byte) (int, error) {
	n, err := r.sr.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %s: %v", errStagedDamaged, r.path, err)
	}
	return n, err
}

// checkStaged reads a sealed staged restore whole, so that one that fails
// its check is found before the data is dropped. A plain one was checked
// when it was staged and is not read twice.
func (s *Store) checkStaged(path string) error {
	f, _, payload, err := s.openStaged(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, ok := payload.(*stagedReader); !ok {
		return nil
	}
	_, err = io.Copy(io.Discard, payload)
	return err
}

// newFolderKeyring returns the keyring, and the data key it holds, that
// RestoreLatest gives the new folder it makes at dir when given a
// passphrase: the keyring of the folder at dir when it can be read and the
// passphrase opens it, else the copy in the backup at backupPath. It
// returns nil without a passphrase (the new folder is plain), and an error
// when the passphrase opens neither. It is called before the folder is
// moved aside, so that nothing moves when it fails.
func newFolderKeyring(dir, backupPath, passphrase string) (*keyring, []byte, error) {
	if passphrase == "" {
		return nil, nil, nil
	}
	var rings []*keyring
	if kr, err := readKeyring(dir); err == nil {
		rings = append(rings, kr)
	}
	if kr := backupKeyring(backupPath); kr != nil {
		rings = append(rings, kr)
	}
	if len(rings) == 0 {
		return nil, nil, fmt.Errorf("a passphrase was given, but neither the data folder's keyring nor the backup %s can encrypt the new folder; restore the backup without a passphrase, then encrypt the folder again", backupPath)
	}
	for _, kr := range rings {
		if key, err := kr.open(passphrase); err == nil {
			return kr, key, nil
		}
	}
	return nil, nil, &wrongPassphraseError{dir: dir}
}

// openNewFolder opens a new data folder at dir for RestoreLatest, holding
// kr and encrypted under key when kr is given (see newFolderKeyring).
func openNewFolder(dir string, kr *keyring, key []byte, opts Options) (*Store, error) {
	if kr != nil {
		if err := createEncryptedFolder(dir, kr, key); err != nil {
			return nil, err
		}
	}
	return Open(dir, opts)
}

// backupKeyring returns the keyring copied into the encrypted backup at
// path, or nil.
func backupKeyring(path string) *keyring {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if sealed, err := readBackupFirstLine(br); err != nil || !sealed {
		return nil
	}
	h, _, err := readSealHeader(br)
	if err != nil || h.Keyring == nil || checkOutsideKeyring(h.Keyring) != nil {
		return nil
	}
	return h.Keyring
}

// checkOutsideKeyring checks a keyring read from a backup, which may come
// from anywhere: its key derivation's costs must be within what this
// program ever sets (a file made to harm could otherwise ask for
// terabytes of memory or years of work before its check fails).
func checkOutsideKeyring(kr *keyring) error {
	switch {
	case kr.Version != 1 || kr.KDF != "argon2id":
		return errors.New("its keyring is of an unknown kind")
	case kr.Time == 0 || kr.Time > 16 || kr.Memory < 8 || kr.Memory > 1<<20 || kr.Threads == 0 || kr.Threads > 16:
		return fmt.Errorf("its keyring asks for a key derivation of %d passes over %d KiB with %d threads, beyond what Continuum Planner sets", kr.Time, kr.Memory, kr.Threads)
	case len(kr.Salt) < 16 || len(kr.RecoverySalt) < 16 || len(kr.WrappedKey) > 256 || len(kr.RecoveryWrappedKey) > 256:
		return errors.New("its keyring's salts or sealed keys have lengths Continuum Planner never writes")
	}
	return nil
}

// isSealedBackup says whether the file at path starts as an encrypted backup.
func isSealedBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sealed, _ := readBackupFirstLine(bufio.NewReader(f))
	return sealed
}

// createEncryptedFolder makes dir an empty store encrypted under key,
// holding kr.
func createEncryptedFolder(dir string, kr *keyring, key []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := writeKeyring(dir, kr); err != nil {
		return err
	}
	o := Options{key: key}.withDefaults()
	bopts, err := badgerOptions(dir, o)
	if err != nil {
		return err
	}
	db, err := badger.Open(bopts.WithLogger(nil))
	if err != nil {
		return fmt.Errorf("create the new data folder: %w", err)
	}
	return db.Close()
}
