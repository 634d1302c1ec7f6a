// Package calibration is the calibration screen: a PLC's teachers score
// the same anchor work samples, in the app or each in their own workbook,
// and see how closely they agree (per target and per sample), then
// export the report as a workbook.
package calibration
