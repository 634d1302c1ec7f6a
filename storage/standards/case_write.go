package standards

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// The parts of a CASE 1.0 package as WriteCASE writes them, in the order
// of the CASE JSON binding. Every identifier is a UUID, every uri an
// absolute URI and every time an RFC 3339 date-time, as the package's
// schema requires.
type (
	casePackageOut struct {
		CFDocument     caseDocumentOut      `json:"CFDocument"`
		CFItems        []caseItemOut        `json:"CFItems"`
		CFAssociations []caseAssociationOut `json:"CFAssociations"`
		CFDefinitions  caseDefinitionsOut   `json:"CFDefinitions"`
	}
	caseDocumentOut struct {
		Identifier         string          `json:"identifier"`
		URI                string          `json:"uri"`
		Creator            string          `json:"creator"`
		Title              string          `json:"title"`
		LastChangeDateTime string          `json:"lastChangeDateTime"`
		OfficialSourceURL  string          `json:"officialSourceURL,omitempty"`
		Publisher          string          `json:"publisher,omitempty"`
		Description        string          `json:"description,omitempty"`
		Subject            []string        `json:"subject,omitempty"`
		Language           string          `json:"language,omitempty"`
		Version            string          `json:"version,omitempty"`
		AdoptionStatus     string          `json:"adoptionStatus,omitempty"`
		LicenseURI         *caseLink       `json:"licenseURI,omitempty"`
		Extensions         *caseExtensions `json:"extensions,omitempty"`
	}
	caseItemOut struct {
		Identifier           string          `json:"identifier"`
		URI                  string          `json:"uri"`
		FullStatement        string          `json:"fullStatement"`
		HumanCodingScheme    string          `json:"humanCodingScheme,omitempty"`
		AbbreviatedStatement string          `json:"abbreviatedStatement,omitempty"`
		CFItemType           string          `json:"CFItemType,omitempty"`
		CFItemTypeURI        *caseLink       `json:"CFItemTypeURI,omitempty"`
		EducationLevel       []string        `json:"educationLevel,omitempty"`
		LastChangeDateTime   string          `json:"lastChangeDateTime"`
		Extensions           *caseExtensions `json:"extensions,omitempty"`
	}
	caseAssociationOut struct {
		Identifier         string          `json:"identifier"`
		URI                string          `json:"uri"`
		AssociationType    string          `json:"associationType"`
		SequenceNumber     *int            `json:"sequenceNumber,omitempty"`
		OriginNodeURI      caseLink        `json:"originNodeURI"`
		DestinationNodeURI caseLink        `json:"destinationNodeURI"`
		LastChangeDateTime string          `json:"lastChangeDateTime"`
		Extensions         *caseExtensions `json:"extensions,omitempty"`
	}
	caseDefinitionsOut struct {
		CFItemTypes []caseItemTypeOut `json:"CFItemTypes"`
	}
	caseItemTypeOut struct {
		Identifier         string `json:"identifier"`
		URI                string `json:"uri"`
		Title              string `json:"title"`
		Description        string `json:"description"`
		HierarchyCode      string `json:"hierarchyCode"`
		TypeCode           string `json:"typeCode"`
		LastChangeDateTime string `json:"lastChangeDateTime"`
	}
	// caseExtensions keeps what CASE has no field for (CASE 1.1's
	// extension point): the identifier a record had in its source when
	// that was not a UUID (an ASN URI), and an association type CASE 1.0
	// does not list, written as isRelatedTo. ReadCASE reads both back.
	caseExtensions struct {
		SourceIdentifier      string `json:"sourceIdentifier,omitempty"`
		SourceAssociationType string `json:"sourceAssociationType,omitempty"`
	}
)

// defaultCreator names the creator of a continuum that does not name one.
const defaultCreator = "Continuum Planner"

// WriteCASE writes the continuum c with its targets as a CASE 1.0 package
// (CFPackage JSON) that a CASE importer such as OpenSALT accepts: the
// document, then each domain, group and target as a CFItem in the order
// of the tree, with isChildOf associations (numbered among their
// siblings) that rebuild the tree, precedes associations for the
// prerequisites, and every link as the association it came as.
//
// Identifiers are kept where the source gave them. CASE requires UUIDs,
// so an identifier that is not one (an ASN URI) is written as the UUID
// derived from it (version 5, in the URL name space when it is a URL)
// and kept in the record's extensions, where ReadCASE finds it again; a
// record without one gets a UUID derived from the continuum and its
// code, the same on every export.
func WriteCASE(w io.Writer, c continuum.Continuum, targets []continuum.Target) error {
	pkg := newCaseWriter(c, targets).write()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return fmt.Errorf("write CASE package %s: %w", c.Name, err)
	}
	return nil
}

// caseGrade writes a level as a CASE education level where it is a
// grade: K as "KG", 1 (or "Grade 1", "1st") as "01" … 12 as "12", pre-K
// as "PK"; any other level ("HS", "9-12", "Level 2") as written.
func caseGrade(level string) string {
	l := strings.TrimSpace(level)
	flat := strings.ToLower(strings.NewReplacer(" ", "", "-", "", "_", "", ".", "").Replace(l))
	for _, p := range []string{"grade", "gr", "g"} {
		if rest, ok := strings.CutPrefix(flat, p); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			flat = rest
			break
		}
	}
	switch flat {
	case "k", "kg", "kindergarten", "kinder":
		return "KG"
	case "pk", "prek", "prekindergarten":
		return "PK"
	case "tk":
		return "TK"
	}
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		flat = strings.TrimSuffix(flat, suffix)
	}
	n, err := strconv.Atoi(flat)
	if err != nil || n < 1 || n > 13 {
		return l
	}
	return fmt.Sprintf("%02d", n)
}

// caseTimeLayouts are the ways sources write a time, RFC 3339 first.
var caseTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02"}

// caseDateTime returns written as an RFC 3339 date-time, as CASE writes
// lastChangeDateTime; a time without a zone is read as UTC. When written
// is no time, the first fallback that is set is used, else the Unix epoch.
func caseDateTime(written string, fallbacks ...time.Time) string {
	written = strings.TrimSpace(written)
	for _, layout := range caseTimeLayouts {
		if t, err := time.Parse(layout, written); err == nil && t.Year() >= 0 && t.Year() <= 9999 {
			return t.Format(time.RFC3339)
		}
	}
	for _, f := range fallbacks {
		if !f.IsZero() && f.Year() >= 0 && f.Year() <= 9999 {
			return f.UTC().Format(time.RFC3339)
		}
	}
	return time.Unix(0, 0).UTC().Format(time.RFC3339)
}
