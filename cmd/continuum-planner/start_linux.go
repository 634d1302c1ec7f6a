package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// processStart returns when this process started, read from /proc so that
// the time before main runs (loading, initialising Fyne) counts too.
func processStart() time.Time {
	stat, err1 := os.ReadFile("/proc/self/stat")
	uptime, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return time.Now()
	}
	// Field 22 of stat is the start time in clock ticks after boot; the
	// command name (field 2) may hold spaces, so count from its closing ')'.
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	up, _ := strconv.ParseFloat(strings.Fields(string(uptime))[0], 64)
	if len(fields) < 20 {
		return time.Now()
	}
	ticks, err := strconv.ParseFloat(fields[19], 64)
	if err != nil {
		return time.Now()
	}
	const hz = 100 // USER_HZ on Linux
	age := up - ticks/hz
	return time.Now().Add(-time.Duration(age * float64(time.Second)))
}
