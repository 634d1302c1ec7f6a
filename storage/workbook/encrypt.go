package workbook

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Encryption as Excel 2010 and later write it (ECMA-376 agile encryption,
// MS-OFFCRYPTO 2.3.4.10–2.3.4.15): AES-256 in CBC mode, SHA-512, the
// password hashed 100,000 times, and an HMAC over the encrypted package
// so that a changed byte is noticed. excelize's own Encrypt writes the
// older "standard" scheme (AES-128 in ECB mode, SHA-1), which this file
// replaces for the workbooks the program writes.
const (
	agileSpinCount   = 100000
	agileKeyBytes    = 32 // AES-256
	agileSaltBytes   = 16
	agileBlockBytes  = aes.BlockSize
	agileHashBytes   = sha512.Size
	agileSegment     = 4096 // the package is encrypted in segments of this size
	maxPasswordChars = 255  // Excel's limit
)

// The block keys that make one password hash into several keys (MS-OFFCRYPTO 2.3.4.11, 2.3.4.14).
var (
	blockVerifierInput = []byte{0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79}
	blockVerifierValue = []byte{0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e}
	blockKeyValue      = []byte{0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6}
	blockHmacKey       = []byte{0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6}
	blockHmacValue     = []byte{0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33}
)

// ErrPasswordTooLong means a password has more characters than Excel takes.
var ErrPasswordTooLong = errors.New("the password is longer than 255 characters, the most Excel takes")

// Encrypt returns the xlsx package plain (a zip) as a password-protected
// workbook: an OLE compound file holding the EncryptionInfo and
// EncryptedPackage streams, encrypted as Excel does it, which Excel,
// LibreOffice and other tools open with the password.
func Encrypt(plain []byte, password string) ([]byte, error) {
	switch n := len(utf16.Encode([]rune(password))); {
	case n == 0:
		return nil, errors.New("encrypt workbook: the password is empty")
	case n > maxPasswordChars:
		return nil, fmt.Errorf("encrypt workbook: %w", ErrPasswordTooLong)
	}
	random := make([]byte, agileKeyBytes+2*agileSaltBytes+agileSaltBytes+agileHashBytes)
	if _, err := rand.Read(random); err != nil {
		return nil, fmt.Errorf("encrypt workbook: %w", err)
	}
	packageKey := random[:agileKeyBytes]
	keySalt := random[agileKeyBytes : agileKeyBytes+agileSaltBytes]
	passwordSalt := random[agileKeyBytes+agileSaltBytes : agileKeyBytes+2*agileSaltBytes]
	verifier := random[agileKeyBytes+2*agileSaltBytes : agileKeyBytes+3*agileSaltBytes]
	hmacKey := random[agileKeyBytes+3*agileSaltBytes:]

	pkg := encryptPackage(plain, packageKey, keySalt)
	mac := hmac.New(sha512.New, hmacKey)
	mac.Write(pkg)
	info := agileInfo{
		keySalt:      keySalt,
		passwordSalt: passwordSalt,
		hmacKey:      cbc(packageKey, ivFor(keySalt, blockHmacKey), hmacKey),
		hmacValue:    cbc(packageKey, ivFor(keySalt, blockHmacValue), mac.Sum(nil)),
	}
	h := passwordHash(password, passwordSalt)
	verifierHash := sha512.Sum512(verifier)
	info.verifierInput = cbc(derivedKey(h, blockVerifierInput), passwordSalt, verifier)
	info.verifierValue = cbc(derivedKey(h, blockVerifierValue), passwordSalt, verifierHash[:])
	info.keyValue = cbc(derivedKey(h, blockKeyValue), passwordSalt, packageKey)
	return writeCompoundFile([]compoundStream{
		{name: "EncryptionInfo", data: info.stream()},
		{name: "EncryptedPackage", data: pkg},
	}), nil
}

// encryptPackage returns the EncryptedPackage stream: the plain size, then
// each 4096-byte segment encrypted with an IV made of the key salt and the
// segment's number.
func encryptPackage(plain, key, keySalt []byte) []byte {
	out := make([]byte, 8, 8+len(plain)+agileBlockBytes)
	binary.LittleEndian.PutUint64(out, uint64(len(plain)))
	var n [4]byte
	for i := 0; i*agileSegment < len(plain); i++ {
		seg := plain[i*agileSegment : min((i+1)*agileSegment, len(plain))]
		binary.LittleEndian.PutUint32(n[:], uint32(i))
		out = append(out, cbc(key, ivFor(keySalt, n[:]), seg)...)
	}
	return out
}

// passwordHash is the password hashed with its salt and then again
// agileSpinCount times, each round with its number.
func passwordHash(password string, salt []byte) []byte {
	u := utf16.Encode([]rune(password))
	buf := make([]byte, len(salt), len(salt)+2*len(u))
	copy(buf, salt)
	for _, c := range u {
		buf = binary.LittleEndian.AppendUint16(buf, c)
	}
	h := sha512.Sum512(buf)
	round := make([]byte, 4+agileHashBytes)
	for i := range agileSpinCount {
		binary.LittleEndian.PutUint32(round, uint32(i))
		copy(round[4:], h[:])
		h = sha512.Sum512(round)
	}
	return h[:]
}

// derivedKey is the key for one use of the password hash h.
func derivedKey(h, block []byte) []byte {
	k := sha512.Sum512(append(append([]byte{}, h...), block...))
	return k[:agileKeyBytes]
}

// ivFor is the IV made of the key salt and a block key or segment number.
func ivFor(salt, block []byte) []byte {
	iv := sha512.Sum512(append(append([]byte{}, salt...), block...))
	return iv[:agileBlockBytes]
}

// cbc encrypts data, padded with zeros to whole blocks, with AES in CBC mode.
func cbc(key, iv, data []byte) []byte {
	padded := make([]byte, (len(data)+agileBlockBytes-1)/agileBlockBytes*agileBlockBytes)
	copy(padded, data)
	c, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // unreachable: every key here is 32 bytes
	}
	cipher.NewCBCEncrypter(c, iv).CryptBlocks(padded, padded)
	return padded
}

// agileInfo holds the values the EncryptionInfo stream describes.
type agileInfo struct {
	keySalt, passwordSalt                  []byte
	hmacKey, hmacValue                     []byte
	verifierInput, verifierValue, keyValue []byte
}

// stream is the EncryptionInfo stream: version 4.4, the flags of agile
// encryption, then the XML description.
func (a agileInfo) stream() []byte {
	b64 := base64.StdEncoding.EncodeToString
	params := fmt.Sprintf(`saltSize="%d" blockSize="%d" keyBits="%d" hashSize="%d" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"`,
		agileSaltBytes, agileBlockBytes, agileKeyBytes*8, agileHashBytes)
	var buf bytes.Buffer
	buf.Write([]byte{4, 0, 4, 0, 0x40, 0, 0, 0})
	buf.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n")
	fmt.Fprintf(&buf, `<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">`)
	fmt.Fprintf(&buf, `<keyData %s saltValue="%s"/>`, params, b64(a.keySalt))
	fmt.Fprintf(&buf, `<dataIntegrity encryptedHmacKey="%s" encryptedHmacValue="%s"/>`, b64(a.hmacKey), b64(a.hmacValue))
	fmt.Fprintf(&buf, `<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">`)
	fmt.Fprintf(&buf, `<p:encryptedKey spinCount="%d" %s saltValue="%s" encryptedVerifierHashInput="%s" encryptedVerifierHashValue="%s" encryptedKeyValue="%s"/>`,
		agileSpinCount, params, b64(a.passwordSalt), b64(a.verifierInput), b64(a.verifierValue), b64(a.keyValue))
	buf.WriteString(`</keyEncryptor></keyEncryptors></encryption>`)
	return buf.Bytes()
}
