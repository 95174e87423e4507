package study

import (
	"math"
	"testing"
)

// The statistics of a group: the sweep's three runs and the run by hand.
func TestSummarize(t *testing.T) {
	g := fixtureStudy(t).Groups[0]
	s := g.Stats
	// Test accuracies 0.9912, 0.989, 0.9951, 0.991: mean 0.991575, sd as
	// Python's statistics.stdev gives it.
	if s.N != 4 || math.Abs(s.Mean-0.991575) > 1e-12 || s.SD == nil || math.Abs(*s.SD-0.0025513068546661843) > 1e-12 || s.Min != 0.989 || s.Max != 0.9951 {
		t.Errorf("stats %+v (sd %v)", s, s.SD)
	}
	// 0.991 itself reaches the goal.
	if len(s.AtLeast) != 2 || s.AtLeast[0] != (Count{0.991, 3}) || s.AtLeast[1] != (Count{0.995, 1}) {
		t.Errorf("at least: %+v", s.AtLeast)
	}
	if s.ValAcc == nil || math.Abs(*s.ValAcc-0.99015) > 1e-12 || s.Seconds == nil || *s.Seconds != 115 || s.SameMachine {
		t.Errorf("val acc %v, seconds %v, same machine %v: want 0.99015, 115, false", s.ValAcc, s.Seconds, s.SameMachine)
	}
	// A single run has no sd; a run without val_acc does not count in its mean.
	one := Summarize([]Run{{Result: Result{TestAcc: 0.99, ValAcc: 0}, Absent: []string{FieldValAcc, FieldSeconds}}})
	if one.SD != nil || one.ValAcc != nil || one.Seconds != nil || !one.SameMachine {
		t.Errorf("one run: %+v", one)
	}
}

// atLeast counts 9910/10000 at 0.991 however it was rounded.
func TestAtLeast(t *testing.T) {
	if n := atLeast([]float64{float64(float32(0.991)), 0.99099999, 0.9909, 0.995}, 0.991); n != 3 {
		t.Errorf("atLeast = %d, want 3", n)
	}
}

func TestSameMachine(t *testing.T) {
	run := func(cpu string, cpus int, backend string) Run {
		return Run{Result: Result{CPU: cpu, CPUs: cpus, Backend: backend, Seconds: 1}}
	}
	for _, tc := range []struct {
		runs []Run
		want bool
	}{
		{[]Run{run("A", 2, "onnx"), run("A", 2, "onnx")}, true},
		{[]Run{run("A", 2, "onnx"), run("B", 2, "onnx")}, false},
		{[]Run{run("A", 2, "onnx"), run("A", 4, "onnx")}, false},
		{[]Run{run("A", 2, "onnx"), run("A", 2, "go")}, false},
		{[]Run{run("A", 2, "onnx"), run("", 2, "onnx")}, false},
		// A run without seconds does not count.
		{[]Run{run("A", 2, "onnx"), {Result: Result{CPU: "B"}, Absent: []string{FieldSeconds}}}, true},
	} {
		if got := sameMachine(tc.runs); got != tc.want {
			t.Errorf("sameMachine(%+v) = %v", tc.runs, got)
		}
	}
}
