package main

import (
	"math"
	"testing"
)

// Critical values of Student's t from the usual tables: P(|T| >= t) = p.
func TestStudentTwoSidedMatchesTables(t *testing.T) {
	for _, c := range []struct{ t, df, p float64 }{
		{12.706, 1, 0.05},
		{2.228, 10, 0.05},
		{3.169, 10, 0.01},
		{2.086, 20, 0.05},
		{1.697, 30, 0.10},
		{1.960, 1e6, 0.05},
		{0, 7, 1},
	} {
		if got := studentTwoSided(c.t, c.df); math.Abs(got-c.p) > 5e-4 {
			t.Errorf("P(|T| >= %v), df %v = %.5f, want %v", c.t, c.df, got, c.p)
		}
	}
}

// Welch's test on two small samples against the formulas written out: means
// 0.9890 and 0.9900, variances 1e-6 and 3.3e-6 over n = 3 and 4.
func TestWelchTest(t *testing.T) {
	a := []float64{0.9880, 0.9890, 0.9900}
	b := []float64{0.9880, 0.9890, 0.9910, 0.9920}
	// var(a) = 1e-6, var(b) = 3.3333e-6; qa = 3.3333e-7, qb = 8.3333e-7.
	diff, tt, df, p, ok := welchTest(a, b)
	if !ok {
		t.Fatal("not ok")
	}
	qa, qb := 1e-6/3, (1e-5/3)/4
	wantT := -0.0010 / math.Sqrt(qa+qb)
	wantDF := (qa + qb) * (qa + qb) / (qa*qa/2 + qb*qb/3)
	if math.Abs(diff+0.0010) > 1e-12 || math.Abs(tt-wantT) > 1e-6 || math.Abs(df-wantDF) > 1e-6 {
		t.Errorf("diff %v t %v df %v, want -0.001, %v, %v", diff, tt, df, wantT, wantDF)
	}
	if want := studentTwoSided(wantT, wantDF); math.Abs(p-want) > 1e-12 || p < 0.2 || p > 0.5 {
		t.Errorf("p = %v, want %v (between 0.2 and 0.5)", p, want)
	}
	if _, _, _, _, ok := welchTest(a, []float64{0.99}); ok {
		t.Error("a sample of one: want not ok")
	}
	if _, _, _, _, ok := welchTest([]float64{1, 1}, []float64{1, 1}); ok {
		t.Error("no spread: want not ok")
	}
}
