package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"

	"github.com/klauspost/compress/flate"
)

// sheetParts returns the part that holds each sheet of an xlsx package,
// by sheet name, from the workbook and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(zr, "xl/workbook.xml", &book); err != nil {
		return nil, err
	}
	if err := unmarshalPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			targets[r.ID] = path.Join("xl", r.Target)
		}
	}
	parts := map[string]string{}
	for _, s := range book.Sheets {
		if t, ok := targets[s.RID]; ok {
			parts[s.Name] = t
		}
	}
	return parts, nil
}

// unmarshalPart decodes the XML part name of zr into v.
func unmarshalPart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// copySpliced writes the part f to zw with d's rows put in just before
// its </sheetData>. The rows stay compressed as they are: the part's
// beginning, compressed and sync-flushed, goes before them and its end,
// compressed, after them, which makes one deflate stream; its CRC is
// worked out from the three pieces' CRCs.
func copySpliced(zw *zip.Writer, f *zip.File, d *sheetData) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Name, err)
	}
	part, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Name, err)
	}
	at := bytes.LastIndex(part, []byte("</sheetData>"))
	if at < 0 {
		return fmt.Errorf("read %s: it has no sheet data to put the rows in", f.Name)
	}
	head, tail := part[:at], part[at:]
	packedHead, err := deflated(head, false)
	if err != nil {
		return err
	}
	packedTail, err := deflated(tail, true)
	if err != nil {
		return err
	}
	crc := crc32Combine(crc32.ChecksumIEEE(head), d.crc, d.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               f.Name,
		Method:             zip.Deflate,
		Modified:           f.Modified,
		CRC32:              crc,
		CompressedSize64:   uint64(len(packedHead) + d.packed.Len() + len(packedTail)),
		UncompressedSize64: uint64(len(head)) + uint64(d.size) + uint64(len(tail)),
	})
	if err != nil {
		return err
	}
	for _, piece := range [][]byte{packedHead, d.packed.Bytes(), packedTail} {
		if _, err := w.Write(piece); err != nil {
			return err
		}
	}
	return nil
}

// deflated returns b compressed at the fastest level: ending the stream
// when last, else sync-flushed so that more can follow it.
func deflated(b []byte, last bool) ([]byte, error) {
	var out bytes.Buffer
	z, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := z.Write(b); err != nil {
		return nil, err
	}
	if last {
		err = z.Close()
	} else {
		err = z.Flush()
	}
	return out.Bytes(), err
}

// crc32Combine returns the CRC-32 (IEEE) of A followed by B from the CRCs
// of A and B and the length of B, as zlib's crc32_combine: A's CRC is
// carried past B's length of zeros by squaring the operator that appends
// one zero bit, then B's CRC is added.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE // the operator for one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {
		gf2Square(&even, &odd) // one zero byte, then each power of two after it
		if lenB&1 != 0 {
			crcA = gf2Times(&even, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
		gf2Square(&odd, &even)
		if lenB&1 != 0 {
			crcA = gf2Times(&odd, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range mat {
		square[n] = gf2Times(mat, mat[n])
	}
}
