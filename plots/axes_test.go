package plots

import (
	"strings"
	"testing"
)

func labels(ts []tick) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.label)
	}
	return strings.Join(s, " ")
}

func TestLinearTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi  float64
		n       int
		integer bool
		want    string
	}{
		{0, 1, 5, false, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0.8955, 0.9955, 6, false, "0.90 0.92 0.94 0.96 0.98"},
		{0, 1, 4, false, "0.00 0.25 0.50 0.75 1.00"},
		{-3, 7, 5, false, "-2 0 2 4 6"},
		{0, 3000, 3, false, "0 1000 2000 3000"},
		{0.45, 20.55, 8, true, "5 10 15 20"},
		{0.9, 3.1, 8, true, "1 2 3"},
		{1, 1, 5, false, ""},
	} {
		if got := labels(linearTicks(tc.lo, tc.hi, tc.n, tc.integer)); got != tc.want {
			t.Errorf("linearTicks(%v, %v, %d, %v) = %q, want %q", tc.lo, tc.hi, tc.n, tc.integer, got, tc.want)
		}
	}
}

func TestEpochTicks(t *testing.T) {
	x0, x1 := dataRange(1, 12)
	if got := labels(epochTicks(12, x0, x1, 8)); got != "2 4 6 8 10 12" {
		t.Errorf("epochTicks(12) = %q", got)
	}
	if got := labels(epochTicks(1, 0.5, 1.5, 8)); got != "1" {
		t.Errorf("epochTicks(1) = %q", got)
	}
}

func TestDataRange(t *testing.T) {
	if lo, hi := dataRange(0, 10); lo != -0.5 || hi != 10.5 {
		t.Errorf("dataRange(0, 10) = %v, %v", lo, hi)
	}
	if lo, hi := dataRange(2, 2); !(lo < 2 && hi > 2) {
		t.Errorf("dataRange(2, 2) = %v, %v", lo, hi)
	}
	if lo, hi := dataRange(0, 0); !(lo < 0 && hi > 0) {
		t.Errorf("dataRange(0, 0) = %v, %v", lo, hi)
	}
}
