package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// displayNameProblem says why no window can be opened on this Linux
// desktop when that shows without asking the display: no DISPLAY, or one
// that is not a display name. It connects to nothing: a connection opened
// and closed just before the toolkit opens its own made the toolkit's fail
// now and then ("X11: Failed to open display").
func displayNameProblem() error {
	_, _, err := displayName()
	return err
}

// displayName reads DISPLAY as host and display number; a Wayland session
// with no DISPLAY gives num -1 and no error.
func displayName() (host string, num int, err error) {
	if os.Getenv("WAYLAND_DISPLAY") != "" && os.Getenv("DISPLAY") == "" {
		return "", -1, nil // a Wayland session; the toolkit reports its own errors there
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return "", 0, fmt.Errorf("open the window: no display is set (DISPLAY is empty); start Continuum Planner from the desktop")
	}
	host, num, ok := parseDisplay(d)
	if !ok {
		return "", 0, fmt.Errorf("open the window: DISPLAY=%q is not a display name like \":0\"; start Continuum Planner from the desktop", d)
	}
	return host, num, nil
}

// displayProblem says why no window could be opened on this Linux desktop,
// or returns nil when a display answers. It is asked once the toolkit has
// failed to open the window, so that the teacher reads a sentence rather
// than the graphics library's report.
func displayProblem() error {
	host, num, err := displayName()
	if err != nil || num < 0 {
		return err
	}
	d := os.Getenv("DISPLAY")
	var addrs [][2]string
	if host == "" || host == "unix" {
		sock := "/tmp/.X11-unix/X" + strconv.Itoa(num)
		addrs = [][2]string{{"unix", sock}, {"unix", "@" + sock}}
	} else {
		addrs = [][2]string{{"tcp", net.JoinHostPort(host, strconv.Itoa(6000+num))}}
	}
	for _, a := range addrs {
		c, err := net.DialTimeout(a[0], a[1], 3*time.Second)
		if err == nil {
			c.Close()
			return nil
		}
	}
	return fmt.Errorf("open the window: no display answers at DISPLAY=%s; start Continuum Planner from the desktop, or check that the display is running", d)
}

// parseDisplay splits an X display name "[host]:number[.screen]".
func parseDisplay(d string) (host string, num int, ok bool) {
	i := strings.LastIndexByte(d, ':')
	if i < 0 {
		return "", 0, false
	}
	host, rest := d[:i], d[i+1:]
	if j := strings.IndexByte(rest, '.'); j >= 0 {
		rest = rest[:j]
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return "", 0, false
	}
	return host, n, true
}
