package assets

import _ "embed" // the report fonts below

// The fonts a printed report draws with, shipped so that every name
// prints the same on every machine. DejaVu Sans covers Latin with all its
// accents, Vietnamese, Greek and Cyrillic; Droid Sans Fallback covers
// Chinese and Japanese (not Korean hangul), and is chosen rune by rune
// where DejaVu has no glyph. Their licences are in fonts/README.
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
)
