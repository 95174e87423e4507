package study

import (
	"math"
	"testing"
)

// Critical values of Student's t from the usual tables: P(|T| >= t) = p.
func TestTwoSidedMatchesTables(t *testing.T) {
	for _, c := range []struct{ t, df, p float64 }{
		{12.706, 1, 0.05},
		{2.228, 10, 0.05},
		{3.169, 10, 0.01},
		{2.086, 20, 0.05},
		{1.697, 30, 0.10},
		{1.960, 1e6, 0.05},
		{0, 7, 1},
	} {
		if got := twoSided(c.t, c.df); math.Abs(got-c.p) > 5e-4 {
			t.Errorf("P(|T| >= %v), df %v = %.5f, want %v", c.t, c.df, got, c.p)
		}
	}
}

// The p-values of werkbank collect's own incomplete beta function, which
// gonum's Student's t replaced: the committed studies' p-values stay. Its
// continued fraction stopped at a relative change of 1e-15, which at a
// million degrees of freedom left an error of 1e-11.
func TestTwoSidedMatchesFormerImplementation(t *testing.T) {
	for _, c := range []struct{ t, df, p float64 }{
		{12.706, 1, 0.050000802358133187},
		{2.228, 10, 0.050011771817111347},
		{3.169, 10, 0.010004633364384858},
		{2.086, 20, 0.049996354457440065},
		{1.697, 30, 0.1000498492061615},
		{1.960, 1e6, 0.049996067604920064},
		{0, 7, 1},
		{-0.29, 3.08, 0.79024885446144222},
		{0.48, 17.5, 0.63717210879777242},
		{5, 2.5, 0.02345118997086184},
	} {
		if got := twoSided(c.t, c.df); math.Abs(got-c.p) > 1e-10 {
			t.Errorf("P(|T| >= %v), df %v = %.17g, want %.17g", c.t, c.df, got, c.p)
		}
	}
}

// Welch's test on two small samples against the formulas written out: means
// 0.9890 and 0.9900, variances 1e-6 and 3.3e-6 over n = 3 and 4.
func TestWelch(t *testing.T) {
	a := []float64{0.9880, 0.9890, 0.9900}
	b := []float64{0.9880, 0.9890, 0.9910, 0.9920}
	w, ok := Welch(a, b)
	if !ok {
		t.Fatal("not ok")
	}
	qa, qb := 1e-6/3, (1e-5/3)/4
	wantT := -0.0010 / math.Sqrt(qa+qb)
	wantDF := (qa + qb) * (qa + qb) / (qa*qa/2 + qb*qb/3)
	if math.Abs(w.Diff+0.0010) > 1e-12 || math.Abs(w.T-wantT) > 1e-6 || math.Abs(w.DF-wantDF) > 1e-6 {
		t.Errorf("diff %v t %v df %v, want -0.001, %v, %v", w.Diff, w.T, w.DF, wantT, wantDF)
	}
	if want := 0.39920934247250295; math.Abs(w.P-want) > 1e-9 {
		t.Errorf("p = %.17g, want %.17g (the former implementation)", w.P, want)
	}
	if _, ok := Welch(a, []float64{0.99}); ok {
		t.Error("a sample of one: want not ok")
	}
	if _, ok := Welch([]float64{1, 1}, []float64{1, 1}); ok {
		t.Error("no spread: want not ok")
	}
}

// Differences compares the groups with two or more runs.
func TestDifferences(t *testing.T) {
	ds := fixtureStudy(t).Differences
	if len(ds) != 1 || ds[0].A != 1 || ds[0].B != 2 {
		t.Fatalf("differences %+v, want groups 1 and 2 only (group 3 has one run)", ds)
	}
	// The former implementation's numbers; t and df as Python's statistics
	// module gives them, -0.2920 and 3.08.
	want := WelchTest{Diff: -0.00037500000000001421, T: -0.29195553617879799, DF: 3.0817659748527149, P: 0.78887597523032749}
	if d := ds[0].WelchTest; math.Abs(d.Diff-want.Diff) > 1e-15 || math.Abs(d.T-want.T) > 1e-9 || math.Abs(d.DF-want.DF) > 1e-9 || math.Abs(d.P-want.P) > 1e-9 {
		t.Errorf("%+v, want %+v", d, want)
	}
}
