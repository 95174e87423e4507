package plots

import (
	"math"
	"slices"
	"testing"
)

// sixRuns are validation accuracies of six workshop runs; the fifth is a
// short BatchNorm run that went wrong.
func sixRuns() []Series {
	return []Series{
		{Label: "the post", Values: []float64{0.9740, 0.9812, 0.9851, 0.9808, 0.9883, 0.9869, 0.9902, 0.9874, 0.9907, 0.9893, 0.9917, 0.9905}},
		{Label: "lr=0.01 onecycle", Values: []float64{0.9650, 0.9790, 0.9855, 0.9880, 0.9901, 0.9915, 0.9921, 0.9930, 0.9934, 0.9936}},
		{Label: "dropout=0.2", Values: []float64{0.9760, 0.9830, 0.9860, 0.9872, 0.9890, 0.9885, 0.9899, 0.9910}},
		{Label: "dense=256", Values: []float64{0.9771, 0.9845, 0.9866, 0.9880, 0.9895, 0.9902}},
		{Label: "pooling=batchnorm", Values: []float64{0.1135, 0.1620, 0.2100}},
		{Label: "augment", Values: []float64{0.9610, 0.9760, 0.9820, 0.9851, 0.9874, 0.9890, 0.9901, 0.9911, 0.9915, 0.9920, 0.9922, 0.9925}},
	}
}

func TestOffScale(t *testing.T) {
	lines := func(vs ...[]float64) []series {
		ss := make([]series, len(vs))
		for i, v := range vs {
			ss[i] = series{values: v}
		}
		return ss
	}
	acc := make([]series, 0, 6)
	for _, s := range sixRuns() {
		acc = append(acc, series{values: s.Values})
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		ss   []series
		want []bool
	}{
		{"an accuracy far below", acc, []bool{false, false, false, false, true, false}},
		{"a loss far above", lines([]float64{0.08, 0.05, 0.03}, []float64{0.09, 0.04, 0.028}, []float64{0.07, 0.2, 2.3}, []float64{0.1, 0.05, 0.031}),
			[]bool{false, false, true, false}},
		{"two far off", lines([]float64{0.97, 0.99}, []float64{0.98, 0.99}, []float64{0.1, 0.2}, []float64{0.96, 0.991}, []float64{0.5, 0.3}),
			[]bool{false, false, true, false, true}},
		// Its last value is far from the others', but within their range.
		{"far off, but within range", lines([]float64{0.08, 0.03, 0.025}, []float64{0.09, 0.04, 0.026}, []float64{0.07, 0.05, 0.045}, []float64{0.085, 0.03, 0.0255}),
			[]bool{false, false, false, false}},
		{"two series", lines([]float64{0.99}, []float64{0.2}), []bool{false, false}},
		{"one series", lines([]float64{0.5, 0.99}), []bool{false}},
		// Constant runs: a hundredth of their level is their scale.
		{"constant bulk", lines([]float64{0.99}, []float64{0.99}, []float64{0.985}, []float64{0.5}), []bool{false, false, false, true}},
		{"NaN ends", lines([]float64{0.99, nan}, []float64{0.98}, []float64{0.97}, []float64{0.1, nan}), []bool{false, false, false, true}},
	} {
		if got := offScale(tc.ss); !slices.Equal(got, tc.want) {
			t.Errorf("%s: offScale = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	vs := []float64{3, 1, 2, 10}
	if got := median(vs); got != 2.5 {
		t.Errorf("median(%v) = %v, want 2.5", vs, got)
	}
	if got := median(vs[:3]); got != 2 || vs[0] != 3 {
		t.Errorf("median(%v) = %v, want 2 and the values unchanged", vs[:3], got)
	}
}
