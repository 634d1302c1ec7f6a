//go:build !linux

package main

import "time"

// processStart returns the time main started; other systems give no cheap
// way to read the process's own start time.
func processStart() time.Time { return time.Now() }
