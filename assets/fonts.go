package assets

import _ "embed" // the report fonts below

// The fonts a printed report draws with, shipped so that every name
// prints the same on every machine. DejaVu Sans covers Latin with all its
// accents, Vietnamese, Greek and Cyrillic; Droid Sans Fallback covers
// Chinese and Japanese, and NanumSquare Korean; a report chooses among
// them rune by rune, DejaVu first. Their licences are in fonts/README.
var (
	// FontRegular is DejaVu Sans (TrueType).
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	// FontBold is DejaVu Sans Bold (TrueType).
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
	// FontCJK is Droid Sans Fallback (TrueType): Chinese ideographs and
	// Japanese kana, in one weight.
	//go:embed fonts/DroidSansFallbackFull.ttf
	FontCJK []byte
	// FontHangul is NanumSquare Regular (TrueType): every Korean hangul
	// syllable, in one weight.
	//go:embed fonts/NanumSquareR.ttf
	FontHangul []byte
)
