package nb

import (
	"math"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/figures"
)

func TestCodeDistances(t *testing.T) {
	inputs := []figures.CodeInput{{Name: "noise", Group: 0}, {Name: "4a", Group: 1}, {Name: "4b", Group: 1}, {Name: "6a", Group: 2}, {Name: "6b", Group: 2}}
	dist := [][]float64{
		{0, 9, 9, 9, 9},
		{9, 0, 1, 4, 4},
		{9, 1, 0, 4, 4},
		{9, 4, 4, 0, 3},
		{9, 4, 4, 3, 0},
	}
	within, between := codeDistances(inputs, dist)
	if within != 2 || between != 4 {
		t.Errorf("within %v between %v, want 2 and 4", within, between)
	}
	var b strings.Builder
	writeDistances(&b, inputs, dist)
	if !strings.Contains(b.String(), "within a pair (same digit): 2.00; between different digits: 4.00 (ratio 0.50)") {
		t.Errorf("PrintDistances:\n%s", b.String())
	}
	if lines := strings.Split(strings.TrimSpace(b.String()), "\n"); len(lines) != 7 {
		t.Errorf("%d lines:\n%s", len(lines), b.String())
	}
	w, bt := codeDistances(inputs[:1], dist[:1])
	if w != 0 || bt != 0 || math.IsNaN(w) {
		t.Errorf("noise only: %v %v", w, bt)
	}
}
