package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
)

// reportFlags are the flags of report that options does not hold.
var reportFlags struct {
	pdf, lang, asOf, paper, comment string
	force                           bool
}

// reportUsage is how report is called.
const reportUsage = "usage: continuumctl report (--student ID | --group NAME) --pdf FILE [--png FILE] [--lang en|es] [--as-of YYYY-MM-DD] [--paper letter|a4] [--comment TEXT] [--continuum NAME] [--force]"

// defineReportFlags defines report's flags.
func defineReportFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.student, "student", "", "the student's ID: their report alone")
	fs.StringVar(&o.group, "group", "", "a group: every active student's report in name order, behind a cover page for the teacher")
	fs.StringVar(&reportFlags.pdf, "pdf", "", "the PDF file to write")
	fs.StringVar(&o.png, "png", "", "with --student: also (or only) write the report's first page as a PNG picture")
	fs.StringVar(&reportFlags.lang, "lang", "en", "the language of the report's words: "+strings.Join(assets.ReportLanguages(), ", ")+" (statements stay as written)")
	fs.StringVar(&reportFlags.asOf, "as-of", "", "the day the report describes, YYYY-MM-DD (default: today)")
	fs.StringVar(&reportFlags.paper, "paper", "letter", "paper size: letter or a4")
	fs.StringVar(&reportFlags.comment, "comment", "", "with --student: the teacher's comment printed in the report")
	fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
	fs.BoolVar(&reportFlags.force, "force", false, "replace the files if they exist")
}

// runReport writes progress reports: one student's as a PDF and/or a PNG,
// or a group's as one PDF.
func runReport(ctx context.Context, e *env, args []string) error {
	req, err := reportRequest(e, args)
	if err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	req.Continuum = c.ID
	for _, out := range []struct{ path, format string }{{reportFlags.pdf, exchange.ReportPDF}, {e.opts.png, exchange.ReportPNG}} {
		if out.path == "" {
			continue
		}
		req.Format = out.format
		got, err := exchange.WriteReports(ctx, e.store, req, out.path, nil)
		if err != nil {
			return reportError(err)
		}
		fmt.Fprintln(e.stdout, wroteReports(got, req))
	}
	return nil
}

// reportRequest checks the flags and makes the request (without its
// continuum).
func reportRequest(e *env, args []string) (exchange.ReportRequest, error) {
	o := e.opts
	switch {
	case len(args) > 0:
		return exchange.ReportRequest{}, usageError{fmt.Sprintf("report takes no file name (%s); give it with --pdf FILE or --png FILE", args[0])}
	case o.student == "" && o.group == "":
		return exchange.ReportRequest{}, usageError{reportUsage}
	case o.student != "" && o.group != "":
		return exchange.ReportRequest{}, usageError{"name a student (--student ID) or a group (--group NAME), not both"}
	case reportFlags.pdf == "" && o.png == "":
		name := exchange.DefaultReportFile(exchange.ReportRequest{Student: o.student, Group: o.group})
		return exchange.ReportRequest{}, usageError{"say where to write the report with --pdf FILE, e.g. --pdf " + name}
	case o.group != "" && o.png != "":
		return exchange.ReportRequest{}, usageError{"--png draws one student's page; a group's reports go in one PDF (--pdf FILE)"}
	case o.group != "" && reportFlags.comment != "":
		return exchange.ReportRequest{}, usageError{"--comment is one student's; use it with --student"}
	}
	req := exchange.ReportRequest{Student: o.student, Group: o.group, Lang: reportFlags.lang, Paper: reportFlags.paper}
	if o.student != "" && strings.TrimSpace(reportFlags.comment) != "" {
		req.Comments = map[string]string{o.student: reportFlags.comment}
	}
	req.AsOf = continuum.Today()
	if reportFlags.asOf != "" {
		d, err := continuum.ParseDate(reportFlags.asOf)
		if err != nil {
			return req, usageError{"--as-of: " + plain(err).Error()}
		}
		req.AsOf = d
	}
	for _, p := range []struct{ path, example string }{{reportFlags.pdf, "report.pdf"}, {o.png, "report.png"}} {
		if p.path == "" {
			continue
		}
		if err := checkWritable(p.path, p.example, reportFlags.force); err != nil {
			return req, fmt.Errorf("report: %w", err)
		}
	}
	return req, nil
}

// reportError says a failed report once and without the sentinel's own
// words, as a usage mistake when the request itself was wrong (a
// language, a paper, a format).
func reportError(err error) error {
	msg := rehead("report", "progress report", err).Error()
	for _, sentinel := range []error{continuum.ErrInvalid, continuum.ErrNotFound} {
		msg = strings.TrimSuffix(msg, ": "+sentinel.Error())
	}
	if errors.Is(err, continuum.ErrInvalid) {
		return usageError{msg}
	}
	return &said{msg: msg, err: err}
}

// wroteReports says what was written, in one line.
func wroteReports(got exchange.ReportsWritten, req exchange.ReportRequest) string {
	pages := continuum.Plural(got.Pages, "page", "pages")
	switch {
	case got.Format == exchange.ReportPNG:
		return fmt.Sprintf("Wrote page 1 of %d of %s's progress report (%s, %s) as a picture to %s",
			got.Pages, got.Students[0].Name, got.Students[0].ID, got.Continuum, got.Path)
	case req.Group != "":
		return fmt.Sprintf("Wrote the progress reports of %s (%s, %s, %s, cover included) to %s",
			got.Students[0].Group, got.Continuum, continuum.Plural(len(got.Students), "student", "students"), pages, got.Path)
	}
	return fmt.Sprintf("Wrote %s's progress report (%s, %s, %s, %s, %s) to %s",
		got.Students[0].Name, got.Students[0].ID, got.Continuum, req.AsOf, got.Lang, pages, got.Path)
}
