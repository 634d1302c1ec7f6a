// Package workbook reads and writes continua as xlsx workbooks: the
// spreadsheet adapter of Continuum Planner.
//
// An Encoder writes a Book (a continuum with its targets, roster, evidence
// and overrides, its units and flex blocks, and a coach's visit notes and
// a PLC's calibration scores) as format version 1, documented in
// docs/workbook.md, with the computed Positions and Class map sheets, the
// class map in the app's colours (package palette). A Decoder reads that
// format back with nothing lost, and also reads OpenSALT CASE spreadsheets
// and teachers' own standards lists, as xlsx or as CSV text (csv.go: the
// file is recognised by its content, decoded, and read as one sheet),
// leniently, listing every problem it finds with its sheet, row and column. EncodeCalibrationReport writes how
// closely a PLC's calibration scores agree as a report workbook.
//
// Writing goes through excelize's StreamWriter. Reading does not use
// excelize's cell API, which is too slow for a district's evidence: the
// Decoder opens the zip container itself and scans each sheet's XML once
// with a small tokenizer (xmlscan.go), resolving shared strings and the
// styles that mark date cells. excelize is used only to decrypt
// password-protected workbooks.
//
// Each sheet of the format has a file of its own, sheet_<name>.go, with
// its columns, its reader and its writer; layout_*.go pick and read the
// three layouts, and hierarchy.go turns a standards list or a CASE
// document into targets.
package workbook
