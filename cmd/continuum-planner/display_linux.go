package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// displayProblem says why no window can be opened on this Linux desktop,
// or returns nil when a display answers. Without it the graphics library
// fails deep inside its start-up with a crash instead of a sentence.
func displayProblem() error {
	if os.Getenv("WAYLAND_DISPLAY") != "" && os.Getenv("DISPLAY") == "" {
		return nil // a Wayland session; the toolkit reports its own errors there
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return fmt.Errorf("open the window: no display is set (DISPLAY is empty); start Continuum Planner from the desktop")
	}
	host, num, ok := parseDisplay(d)
	if !ok {
		return fmt.Errorf("open the window: DISPLAY=%q is not a display name like \":0\"; start Continuum Planner from the desktop", d)
	}
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
