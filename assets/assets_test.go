package assets

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// Every navigation icon is bundled and is a well-formed SVG of 24×24.
func TestNavigationIconsAreBundledSVGs(t *testing.T) {
	for name, r := range map[string]interface{ Content() []byte }{
		"students": StudentsIcon, "profile": ProfileIcon, "class map": ClassMapIcon, "flex": FlexIcon, "calibration": CalibrationIcon,
	} {
		if r == nil || len(r.Content()) == 0 {
			t.Errorf("%s icon is not bundled", name)
			continue
		}
		var doc struct {
			XMLName xml.Name
			ViewBox string `xml:"viewBox,attr"`
		}
		if err := xml.NewDecoder(bytes.NewReader(r.Content())).Decode(&doc); err != nil || doc.XMLName.Local != "svg" || doc.ViewBox != "0 0 24 24" {
			t.Errorf("%s icon: %v %+v", name, err, doc)
		}
	}
}
