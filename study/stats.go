package study

import (
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/kiwerkstatt/werkbank/post"
)

// Thresholds are the accuracies whose runs Stats counts: the post's goal
// and a higher bar.
var Thresholds = []float64{post.Goal, post.HighBar}

// Stats are the statistics of the runs of one configuration: their test
// accuracies, and the means of what only some runs recorded. A statistic
// that is nil had no value to be computed from.
type Stats struct {
	N    int      `json:"n"`            // runs
	Mean float64  `json:"mean"`         // of the test accuracies
	SD   *float64 `json:"sd,omitempty"` // sample standard deviation (n-1); nil for one run
	Min  float64  `json:"min"`
	Max  float64  `json:"max"`
	// AtLeast counts the runs whose test accuracy reaches each of
	// Thresholds.
	AtLeast []Count `json:"at_least"`
	// ValAcc is the mean validation accuracy of the runs that recorded one.
	ValAcc *float64 `json:"val_acc_mean,omitempty"`
	// Seconds is the mean training time of the runs that recorded one;
	// SameMachine says whether they all recorded one and the same machine
	// (Run.Machine), so that the mean is one machine's.
	Seconds     *float64 `json:"seconds_mean,omitempty"`
	SameMachine bool     `json:"same_machine"`
}

// Count is the number of runs whose test accuracy reaches Threshold.
type Count struct {
	Threshold float64 `json:"threshold"`
	Runs      int     `json:"runs"`
}

// Summarize returns the statistics of runs, which must not be empty.
func Summarize(runs []Run) Stats {
	accs := testAccuracies(runs)
	s := Stats{N: len(accs), Mean: stat.Mean(accs, nil), Min: slices.Min(accs), Max: slices.Max(accs),
		ValAcc: meanOf(runs, Run.ValAcc), Seconds: meanOf(runs, Run.Seconds), SameMachine: sameMachine(runs)}
	if len(accs) > 1 {
		sd := stat.StdDev(accs, nil)
		s.SD = &sd
	}
	for _, t := range Thresholds {
		s.AtLeast = append(s.AtLeast, Count{Threshold: t, Runs: atLeast(accs, t)})
	}
	return s
}

// meanOf returns the mean of what field returns for the runs that recorded
// it; nil for none.
func meanOf(runs []Run, field func(Run) (float64, bool)) *float64 {
	var xs []float64
	for _, r := range runs {
		if v, ok := field(r); ok {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return nil
	}
	m := stat.Mean(xs, nil)
	return &m
}

// atLeast returns how many of the accuracies reach threshold. Accuracies
// are counts over the test images: the tolerance keeps 9910/10000 at a
// threshold of 0.9910 however it was rounded (float32, say).
func atLeast(accs []float64, threshold float64) int {
	n := 0
	for _, a := range accs {
		if a >= threshold-1e-7 {
			n++
		}
	}
	return n
}

// sameMachine reports whether all runs with seconds recorded one and the
// same machine, so that the mean of their seconds is one machine's.
func sameMachine(runs []Run) bool {
	first := ""
	for _, r := range runs {
		if _, ok := r.Seconds(); !ok {
			continue
		}
		m := r.Machine()
		if m == "" || (first != "" && m != first) {
			return false
		}
		first = m
	}
	return true
}
