package main

import (
	"bufio"
	"io"
	"os"
	"runtime"
	"strings"
)

// cpuModel names the processor of this machine for result.json and
// bench --json, so that collect does not average the seconds of runs on
// different machines: "AMD EPYC (family 26, model 2)". Model names alone
// do not tell machines apart (two AMD machines here are both "AMD EPYC"),
// so the family and model numbers go with it. Outside Linux it is
// GOOS/GOARCH.
func cpuModel() string {
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		if name := parseCPUInfo(f); name != "" {
			return name
		}
	}
	return runtime.GOOS + "/" + runtime.GOARCH
}

// parseCPUInfo returns the first processor of a /proc/cpuinfo as
// "model name (family F, model M)", the parts it has; "" if none.
func parseCPUInfo(r io.Reader) string {
	fields := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" && len(fields) > 0 {
			break // the end of the first processor
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields[strings.TrimSpace(key)] = strings.TrimSpace(value)
	}
	name := fields["model name"]
	if name == "" {
		name = fields["vendor_id"]
	}
	var ids []string
	if v := fields["cpu family"]; v != "" {
		ids = append(ids, "family "+v)
	}
	if v := fields["model"]; v != "" {
		ids = append(ids, "model "+v)
	}
	switch {
	case len(ids) == 0:
		return name
	case name == "":
		return strings.Join(ids, ", ")
	}
	return name + " (" + strings.Join(ids, ", ") + ")"
}
