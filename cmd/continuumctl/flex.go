package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// flexOptions are the flags of continuumctl flex.
type flexOptions struct {
	block    string
	student  string
	offering string
	tier     string
	reason   string
	outcome  string
	attended string
	pin      bool
	save     bool
}

func defineFlexFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
	fs.StringVar(&o.format, "format", "table", "output format: table or csv")
	fs.StringVar(&o.flex.block, "block", "", "the block's ID (suggest, assign, record)")
	fs.StringVar(&o.flex.student, "student", "", "student ID (assign, record)")
	fs.StringVar(&o.flex.offering, "offering", "", "offering ID (assign)")
	fs.StringVar(&o.flex.tier, "tier", "required", "assign: required, priority, suggested or open")
	fs.StringVar(&o.flex.reason, "reason", "", "assign: why the student goes there")
	fs.BoolVar(&o.flex.pin, "pin", true, "assign: keep the placement when the rest is suggested again")
	fs.BoolVar(&o.flex.save, "save", false, "suggest: store the suggestion as the block's assignments")
	fs.StringVar(&o.flex.attended, "attended", "", "record: yes or no")
	fs.StringVar(&o.flex.outcome, "outcome", "", "record: a quick note on how it went")
}

func runFlex(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"say what to do: continuumctl flex blocks|suggest|assign|record"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("flex: %w", err)
	}
	switch args[0] {
	case "blocks":
		return flexBlocks(ctx, e, c)
	case "suggest":
		return flexSuggest(ctx, e, c)
	case "assign":
		return flexAssign(ctx, e, c)
	case "record":
		return flexRecord(ctx, e, c)
	}
	return usageError{fmt.Sprintf("flex %s: expected blocks, suggest, assign or record", args[0])}
}

func flexBlocks(ctx context.Context, e *env, c continuum.Continuum) error {
	blocks, err := e.store.FlexBlocks(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("flex blocks: %w", err)
	}
	t := newTable("block", "date", "slot", "offering", "kind", "capacity", "teacher", "room", "focus", "title", "assigned")
	for _, b := range blocks {
		count := map[string]int{}
		for _, a := range b.Assignments {
			count[strings.ToLower(a.Offering)]++
		}
		for _, o := range b.Offerings {
			t.add(b.ID, b.Date.String(), b.Slot, o.ID, string(o.Kind), strconv.Itoa(o.Capacity), o.Teacher, o.Room,
				strings.Join(o.Focus, ";"), o.Title, strconv.Itoa(count[strings.ToLower(o.ID)]))
		}
	}
	return t.write(e.stdout, e.opts.format)
}

// loadBlock reads --block of continuum c.
func loadBlock(ctx context.Context, e *env, c continuum.Continuum) (continuum.FlexBlock, error) {
	if e.opts.flex.block == "" {
		return continuum.FlexBlock{}, usageError{"name the block with --block (continuumctl flex blocks lists them)"}
	}
	b, err := e.store.FlexBlock(ctx, c.ID, e.opts.flex.block)
	return b, plain(err)
}

func flexSuggest(ctx context.Context, e *env, c continuum.Continuum) error {
	defer classPace.pace()()
	b, err := loadBlock(ctx, e, c)
	if err != nil {
		return fmt.Errorf("flex suggest: %w", err)
	}
	g, class, err := continuum.LoadClass(ctx, e.store, c.ID)
	if err != nil {
		return fmt.Errorf("flex suggest: %w", err)
	}
	s := g.Suggest(b, g.ClassPositions(class, b.Date))
	t := newTable("student_id", "student", "offering", "tier", "reason", "pinned")
	t.width = 0
	for _, p := range s.Placements {
		tier := p.Assignment.Tier.String()
		if p.Assignment.Offering == "" {
			tier = "unplaced"
		}
		t.add(p.Student.ID, p.Student.Name, p.Assignment.Offering, tier, p.Assignment.Reason, yesNo(p.Assignment.Pinned))
	}
	if err := t.write(e.stdout, e.opts.format); err != nil {
		return err
	}
	if e.opts.flex.save {
		b.Assignments = b.Assignments[:0]
		for _, p := range s.Placements {
			if p.Assignment.Offering != "" {
				b.Assignments = append(b.Assignments, p.Assignment)
			}
		}
		if err := e.store.PutFlexBlock(ctx, b); err != nil {
			return fmt.Errorf("flex suggest: save: %w", err)
		}
		fmt.Fprintf(e.stderr, "Saved %s in block %s (%d unplaced)\n", continuum.Plural(len(b.Assignments), "placement", "placements"), b.ID, len(s.Unplaced))
	}
	return nil
}

func flexAssign(ctx context.Context, e *env, c continuum.Continuum) error {
	o := e.opts.flex
	if o.student == "" || o.offering == "" {
		return usageError{"usage: continuumctl flex assign --block B --student ID --offering O [--tier required] [--reason TEXT] [--pin=false]"}
	}
	tier, err := continuum.ParseTier(o.tier)
	if err != nil {
		return usageError{"--tier: " + continuum.ErrorMessage(err)}
	}
	b, err := loadBlock(ctx, e, c)
	if err != nil {
		return fmt.Errorf("flex assign: %w", err)
	}
	off, ok := b.Offering(o.offering)
	if !ok {
		return fmt.Errorf("flex assign: block %s has no offering %s", b.ID, o.offering)
	}
	st, err := e.store.Student(ctx, o.student)
	if err != nil {
		return fmt.Errorf("flex assign: %w", plain(err))
	}
	reason := o.reason
	if reason == "" {
		reason = "Placed by the teacher"
	}
	a := continuum.Assignment{Student: st.ID, Offering: off.ID, Tier: tier, Pinned: o.pin, Reason: reason}
	replaced := false
	for i := range b.Assignments {
		if b.Assignments[i].Student == st.ID {
			b.Assignments[i], replaced = a, true
		}
	}
	if !replaced {
		b.Assignments = append(b.Assignments, a)
	}
	if err := e.store.PutFlexBlock(ctx, b); err != nil {
		return fmt.Errorf("flex assign: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s (%s) goes to %s in block %s (%s)\n", st.Name, st.ID, off.Title, b.ID, tier)
	return nil
}

func flexRecord(ctx context.Context, e *env, c continuum.Continuum) error {
	o := e.opts.flex
	if o.student == "" || (o.attended == "" && o.outcome == "") {
		return usageError{"usage: continuumctl flex record --block B --student ID [--attended yes|no] [--outcome TEXT]"}
	}
	b, err := loadBlock(ctx, e, c)
	if err != nil {
		return fmt.Errorf("flex record: %w", err)
	}
	for i := range b.Assignments {
		a := &b.Assignments[i]
		if a.Student != o.student {
			continue
		}
		switch strings.ToLower(o.attended) {
		case "":
		case "yes", "y", "true":
			yes := true
			a.Attended = &yes
		case "no", "n", "false":
			no := false
			a.Attended = &no
		default:
			return usageError{fmt.Sprintf("--attended %q: expected yes or no", o.attended)}
		}
		if o.outcome != "" {
			a.Outcome = o.outcome
		}
		if err := e.store.PutFlexBlock(ctx, b); err != nil {
			return fmt.Errorf("flex record: %w", err)
		}
		fmt.Fprintf(e.stdout, "Recorded %s in block %s\n", o.student, b.ID)
		return nil
	}
	return errors.New("flex record: student " + o.student + " has no placement in block " + b.ID + "; assign or save a suggestion first")
}
