package exchange

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// ExportRequest says what to export.
type ExportRequest struct {
	// Continuum is the ID of the continuum to export.
	Continuum string
	// Group, when set, keeps only the students of that group (matched
	// case-insensitively) with their evidence and overrides.
	Group string
	// On is the day the computed sheets (positions, class map) are calculated for (default today).
	On continuum.Date
	// AppVersion is the program's version, written in the About sheet.
	AppVersion string
	// Now is the export time written in the About sheet (default the current time).
	Now time.Time
	// Format is what to write (one of ExportFormats): the workbook (the
	// default, with everything), or the continuum's standards alone as a
	// CASE package, a Moodle competency framework or Canvas outcomes.
	Format string
	// Password, when set, encrypts the workbook as Excel does: it opens
	// only with the password, in Excel, LibreOffice or this program. The
	// standards formats hold no student data and take no password.
	Password string
	// Deidentify writes a workbook for coaches and calibration: each
	// student is known by a pseudonym (their ID and name both), and no
	// name, external ID, note or visit note is written.
	Deidentify bool
	// DeidentifyKey makes the pseudonyms: the same key gives a student the
	// same pseudonym in every export, so that two exports can be compared;
	// empty, a random key is made, and the pseudonyms are this export's only.
	DeidentifyKey string
}

// Exported says what an export wrote.
type Exported struct {
	// Name is the continuum's name.
	Name string
	// Targets is how many targets were written.
	Targets int
	// Students is how many students were written (of the group, when one was kept).
	Students int
	// Evidence is how many pieces of evidence were written.
	Evidence int
	// Units is how many units were written.
	Units int
	// Flex is how many flex blocks were written.
	Flex int
	// VisitNotes is how many visit notes were written.
	VisitNotes int
	// Calibration is how many calibration scores were written.
	Calibration int
}

// Export writes the continuum with its targets, roster, evidence,
// overrides, units, flex blocks, visit notes and calibration scores as a
// workbook at path. An export of one group leaves out the notes on the
// class that name another group. The workbook is
// written beside path and renamed into place once complete, so a failure
// or a cancelled ctx leaves no partial file (and an existing file at path
// untouched). With a Password the workbook is encrypted before it is
// written, so no plain copy touches the disk.
func Export(ctx context.Context, s Source, req ExportRequest, path string) (Exported, error) {
	c, err := s.Continuum(ctx, req.Continuum)
	if err != nil {
		return Exported{}, fmt.Errorf("export: %w", err)
	}
	if f := strings.ToLower(strings.TrimSpace(req.Format)); f != "" && f != workbook.FormatWorkbook {
		if req.Password != "" {
			return Exported{}, fmt.Errorf("export %s as %s: a password protects a workbook (.xlsx) only; the standards formats hold no student data, so export without one", c.Name, f)
		}
		return exportFramework(ctx, s, c, f, path)
	}
	book, err := exportBook(ctx, s, c, req.Group)
	if err == nil && req.Deidentify {
		err = deidentify(book, req.DeidentifyKey)
	}
	if err != nil {
		return Exported{}, fmt.Errorf("export %s: %w", c.Name, err)
	}
	err = workbook.WriteFile(ctx, path, func(out io.Writer) error {
		opts := workbook.EncodeOptions{Group: req.Group, On: req.On, Now: req.Now, AppVersion: req.AppVersion}
		if req.Password == "" {
			return workbook.NewEncoder(out, opts).Encode(ctx, book)
		}
		var plain bytes.Buffer
		if err := workbook.NewEncoder(&plain, opts).Encode(ctx, book); err != nil {
			return err
		}
		locked, err := workbook.Encrypt(plain.Bytes(), req.Password)
		if err != nil {
			return err
		}
		_, err = out.Write(locked)
		return err
	})
	if err != nil {
		return Exported{}, fmt.Errorf("export %s to %s: %w", c.Name, path, err)
	}
	e := Exported{Name: c.Name, Targets: len(book.Targets), Students: len(book.Students), Evidence: len(book.Evidence),
		Units: len(book.Units), Flex: len(book.Flex), VisitNotes: len(book.VisitNotes), Calibration: len(book.Calibration)}
	if g := strings.TrimSpace(req.Group); g != "" {
		keep := map[string]bool{}
		e.Students = 0
		for _, st := range book.Students {
			if strings.EqualFold(strings.TrimSpace(st.Group), g) {
				keep[st.ID] = true
				e.Students++
			}
		}
		e.Evidence = 0
		for _, ev := range book.Evidence {
			if keep[ev.Student] {
				e.Evidence++
			}
		}
	}
	return e, nil
}

// exportFramework writes continuum c's standards at path in format.
func exportFramework(ctx context.Context, s Source, c continuum.Continuum, format, path string) (Exported, error) {
	g, err := s.Graph(ctx, c.ID)
	if err != nil {
		return Exported{}, fmt.Errorf("export %s: %w", c.Name, err)
	}
	err = workbook.WriteFile(ctx, path, func(out io.Writer) error {
		return writeFramework(out, format, g.Continuum, g.Targets)
	})
	if err != nil {
		return Exported{}, fmt.Errorf("export %s to %s: %w", c.Name, path, err)
	}
	return Exported{Name: c.Name, Targets: len(g.Targets)}, nil
}

// exportBook reads the continuum c with its class, units, flex blocks,
// visit notes (those on the class of group only, when one is given) and
// calibration scores.
func exportBook(ctx context.Context, s Source, c continuum.Continuum, group string) (*workbook.Book, error) {
	g, err := s.Graph(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var class continuum.Class
	if class.Students, err = s.Students(ctx); err != nil {
		return nil, err
	}
	if class.Evidence, err = s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); err != nil {
		return nil, err
	}
	if class.Overrides, err = s.Overrides(ctx, c.ID, ""); err != nil {
		return nil, err
	}
	book := workbook.New(g.Continuum, g.Targets, class)
	if book.Units, err = s.Units(ctx, c.ID); err != nil {
		return nil, err
	}
	if book.Flex, err = s.FlexBlocks(ctx, c.ID); err != nil {
		return nil, err
	}
	notes, err := s.VisitNotes(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	book.VisitNotes = notesOfGroup(notes, group)
	if book.Calibration, err = s.CalibrationScores(ctx, c.ID); err != nil {
		return nil, err
	}
	return book, nil
}

// notesOfGroup leaves out, when group is set, the notes on the class that
// name another group: a group's workbook says nothing of the others.
func notesOfGroup(notes []continuum.VisitNote, group string) []continuum.VisitNote {
	group = strings.TrimSpace(group)
	if group == "" {
		return notes
	}
	return slices.DeleteFunc(notes, func(n continuum.VisitNote) bool {
		subject := strings.TrimSpace(n.Subject)
		return n.About == continuum.OnClass && subject != "" && !strings.EqualFold(subject, group)
	})
}

// Group is a group of the roster, for choosing whom to export.
type Group struct {
	// Name is the group's name, as the roster writes it.
	Name string
	// Students is how many students are in it.
	Students int
}

// Groups returns the roster's groups sorted by name (students without a
// group are in none), and how many students the roster has in all.
func Groups(ctx context.Context, s Source) ([]Group, int, error) {
	students, err := s.Students(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("export: read the roster: %w", err)
	}
	sizes := map[string]int{}
	var names []string
	for _, st := range students {
		g := strings.TrimSpace(st.Group)
		if g == "" {
			continue
		}
		if sizes[g] == 0 {
			names = append(names, g)
		}
		sizes[g]++
	}
	slices.Sort(names)
	groups := make([]Group, len(names))
	for i, n := range names {
		groups[i] = Group{Name: n, Students: sizes[n]}
	}
	return groups, len(students), nil
}

// deidentify replaces every student's ID and name in b by a pseudonym made
// with key (a random one when key is empty) and leaves out what could name
// a student: external IDs, UIDs, the notes on evidence, the reasons of
// overrides, the outcomes of flex places, the notes of calibration scores
// and every visit note. A calibration sample named by a student's ID gets
// the student's pseudonym.
func deidentify(b *workbook.Book, key string) error {
	k := []byte(key)
	if key == "" {
		k = make([]byte, 32)
		if _, err := rand.Read(k); err != nil {
			return fmt.Errorf("de-identify: %w", err)
		}
	}
	pseudo := make(map[string]string, len(b.Students))
	taken := make(map[string]bool, len(b.Students))
	for i := range b.Students {
		st := &b.Students[i]
		identity := st.UID
		if identity == "" {
			identity = st.ID
		}
		p := pseudonym(k, identity)
		if taken[p] {
			return fmt.Errorf("de-identify: two students have the pseudonym %s; export again with another key", p)
		}
		taken[p] = true
		pseudo[st.ID] = p
		st.ID, st.Name, st.UID, st.ExternalID = p, p, "", ""
	}
	for i := range b.Evidence {
		b.Evidence[i].Student = pseudo[b.Evidence[i].Student]
		b.Evidence[i].Note = ""
	}
	for i := range b.Overrides {
		b.Overrides[i].Student = pseudo[b.Overrides[i].Student]
		b.Overrides[i].Reason = deidentifiedReason
	}
	for i := range b.Flex {
		for j := range b.Flex[i].Assignments {
			a := &b.Flex[i].Assignments[j]
			a.Student, a.Outcome = pseudo[a.Student], ""
		}
	}
	for i := range b.Calibration {
		if p, ok := pseudo[b.Calibration[i].Sample]; ok {
			b.Calibration[i].Sample = p
		}
		b.Calibration[i].Note = ""
	}
	b.VisitNotes = nil
	return nil
}

// deidentifiedReason stands for an override's reason in a de-identified
// export, where a reader still expects one.
const deidentifiedReason = "Left out of a de-identified export."

// pseudonym is a student's pseudonym under key: "P-" and ten characters
// of a keyed hash of their identity, which tell nothing of it without
// the key.
func pseudonym(key []byte, identity string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(identity))
	return "P-" + base32.StdEncoding.EncodeToString(m.Sum(nil))[:10]
}
