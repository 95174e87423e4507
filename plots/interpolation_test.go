package plots

import (
	"math"
	"testing"
)

// checker is the 2×2 input [0 1; 1 0].
var checker = []float64{0, 1, 1, 0}

func TestResampleNearestGolden(t *testing.T) {
	want := []float64{
		0, 0, 1, 1,
		0, 0, 1, 1,
		1, 1, 0, 0,
		1, 1, 0, 0,
	}
	assertClose(t, "nearest 2x2->4x4", resample(checker, 2, 2, 4, 4, Nearest), want, 0)
	// Non-integer factor: 3 -> 7 columns, blocks of 2, 3, 2 pixels.
	got := resample([]float64{0, 0.5, 1}, 1, 3, 7, 1, Nearest)
	assertClose(t, "nearest 3->7", got, []float64{0, 0, 0.5, 0.5, 0.5, 1, 1}, 0)
}

func TestResampleSmoothGolden(t *testing.T) {
	// Lanczos-3 with clamped edges, normalised weights, clipped to [0, 1].
	want := []float64{
		0.0000, 0.1506, 0.8494, 1.0000,
		0.1506, 0.3323, 0.6677, 0.8494,
		0.8494, 0.6677, 0.3323, 0.1506,
		1.0000, 0.8494, 0.1506, 0.0000,
	}
	assertClose(t, "smooth 2x2->4x4", resample(checker, 2, 2, 4, 4, Smooth), want, 1e-4)
	got := resample([]float64{0, 0.5, 1}, 1, 3, 6, 1, Smooth)
	assertClose(t, "smooth ramp", got, []float64{0, 0.0749, 0.3432, 0.6568, 0.9251, 1}, 1e-4)
}

func TestResampleProperties(t *testing.T) {
	v := []float64{0.1, 0.9, 0.4, 0.3, 0.7, 0.2}
	for _, in := range []Interpolation{Nearest, Smooth} {
		// Identity at scale 1.
		assertClose(t, in.String()+" identity", resample(v, 2, 3, 3, 2, in), v, 1e-12)
		// Constants stay constant, also when shrinking.
		c := resample([]float64{0.6, 0.6, 0.6, 0.6}, 2, 2, 9, 5, in)
		for i, x := range c {
			if math.Abs(x-0.6) > 1e-12 {
				t.Fatalf("%v: constant input gives %v at %d", in, x, i)
			}
		}
		s := resample(v, 2, 3, 1, 1, in)
		if s[0] < 0 || s[0] > 1 {
			t.Errorf("%v: shrinking to 1x1 gives %v", in, s[0])
		}
	}
}

func assertClose(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s: value %d = %.4f, want %.4f\ngot  %.4f", name, i, got[i], want[i], got)
			return
		}
	}
}
