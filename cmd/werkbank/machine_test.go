package main

import (
	"strings"
	"testing"
)

func TestParseCPUInfo(t *testing.T) {
	for _, tc := range []struct{ info, want string }{
		{"processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\nstepping\t: 1\n\nprocessor\t: 1\nmodel name\t: Other\n",
			"AMD EPYC (family 26, model 2)"},
		// arm64 kernels print no model name.
		{"processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n", ""},
		{"vendor_id\t: GenuineIntel\nmodel\t\t: 85\n", "GenuineIntel (model 85)"},
		{"cpu family\t: 6\n", "family 6"},
		{"", ""},
	} {
		if got := parseCPUInfo(strings.NewReader(tc.info)); got != tc.want {
			t.Errorf("parseCPUInfo(%q) = %q, want %q", tc.info, got, tc.want)
		}
	}
	if cpuModel() == "" {
		t.Error("cpuModel is empty")
	}
}
