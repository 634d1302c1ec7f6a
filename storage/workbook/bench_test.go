package workbook_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
)

// districtSize is the scale: 2,000 students × 300 targets × 200,000 evidence.
var districtSize = demo.Size{Students: 2000, Targets: 300, Evidence: 200000, Seed: 42}

var district struct {
	once sync.Once
	book *workbook.Book
	data []byte
}

// districtWorkbook returns the district Book and its export, made once.
func districtWorkbook(tb testing.TB) (*workbook.Book, []byte) {
	tb.Helper()
	district.once.Do(func() {
		d := demo.Generate("District mathematics", districtSize)
		district.book = bookOf(d)
		district.data = encode(tb, district.book, workbook.EncodeOptions{})
	})
	return district.book, district.data
}

// BenchmarkDecode reads the district workbook: parsing every sheet,
// checking every row and building the Book.
func BenchmarkDecode(b *testing.B) {
	_, data := districtWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		bk, err := workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), workbook.Options{Name: "district.xlsx"}).Decode(context.Background())
		if err != nil || len(bk.Evidence) != districtSize.Evidence {
			b.Fatalf("decode: %v", err)
		}
	}
}

// BenchmarkEncode writes the district workbook, computed sheets included.
func BenchmarkEncode(b *testing.B) {
	bk, _ := districtWorkbook(b)
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := workbook.NewEncoder(&buf, workbook.EncodeOptions{Now: exportTime, On: positionsDay}).Encode(context.Background(), bk); err != nil {
			b.Fatal(err)
		}
	}
}
