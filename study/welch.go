package study

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// WelchTest is Welch's t-test of the difference of two means, which does
// not assume equal variances: seeds change the spread of some
// configurations more than others.
type WelchTest struct {
	Diff float64 `json:"difference"` // mean(a) - mean(b)
	T    float64 `json:"t"`
	DF   float64 `json:"df"` // Welch-Satterthwaite degrees of freedom
	P    float64 `json:"p"`  // two-sided
}

// Welch returns Welch's t-test of the means of a and b. ok is false when a
// sample has fewer than two values or neither has any spread.
func Welch(a, b []float64) (w WelchTest, ok bool) {
	if len(a) < 2 || len(b) < 2 {
		return WelchTest{}, false
	}
	na, nb := float64(len(a)), float64(len(b))
	qa, qb := stat.Variance(a, nil)/na, stat.Variance(b, nil)/nb
	if qa+qb == 0 {
		return WelchTest{}, false
	}
	w.Diff = stat.Mean(a, nil) - stat.Mean(b, nil)
	w.T = w.Diff / math.Sqrt(qa+qb)
	w.DF = (qa + qb) * (qa + qb) / (qa*qa/(na-1) + qb*qb/(nb-1))
	w.P = twoSided(w.T, w.DF)
	return w, true
}

// twoSided returns P(|T| >= |t|) for Student's t distribution with df
// degrees of freedom.
func twoSided(t, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(-math.Abs(t))
}

// Difference is Welch's test of the test accuracies of two configurations,
// A and B, numbered from 1 as in the study's tables.
type Difference struct {
	A int `json:"a"`
	B int `json:"b"`
	WelchTest
}

// Differences compares the test accuracies of every two groups with two
// or more runs each, in the order of the groups.
func Differences(groups []Group) []Difference {
	var ds []Difference
	for i := range groups {
		for j := i + 1; j < len(groups); j++ {
			if w, ok := Welch(groups[i].TestAccuracies(), groups[j].TestAccuracies()); ok {
				ds = append(ds, Difference{A: i + 1, B: j + 1, WelchTest: w})
			}
		}
	}
	return ds
}
