package cnnlib

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestLRRangeTest runs the range test of the post's model on 3,200 MNIST
// images: the rates grow exponentially, the loss first falls and then blows
// up (RMSprop at rates near 1), and the suggestion lies where it fell.
func TestLRRangeTest(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	data := FromSet(loadMNIST(t).Train.Slice(0, 3200))
	run := func(cfg LRRangeConfig) *LRRange {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer m.Finalize()
		cfg.Optimizer, _ = NewOptimizer("rmsprop")
		r, err := m.LRRangeTest(context.Background(), data, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run(LRRangeConfig{StartLR: 1e-4, EndLR: 10, Steps: 50, BatchSize: 32, Seed: 2})
	t.Logf("steps %d, stopped %v, suggested %.3g, minimum at %.3g", len(r.LR), r.Stopped, r.Suggested, r.MinLossLR)
	if r.LR[0] != 1e-4 {
		t.Errorf("first rate %g, want 1e-4", r.LR[0])
	}
	ratio := math.Pow(1e5, 1.0/49)
	for i := 1; i < len(r.LR); i++ {
		if got := r.LR[i] / r.LR[i-1]; math.Abs(got-ratio) > 1e-9 {
			t.Fatalf("rate %d / rate %d = %g, want %g", i, i-1, got, ratio)
		}
	}
	if !r.Stopped || len(r.LR) == 50 {
		t.Errorf("the loss did not blow up up to rate %g", r.LR[len(r.LR)-1])
	}
	if lowest := slicesMin(r.Smoothed); !(lowest < r.Smoothed[0]-0.2) {
		t.Errorf("smoothed loss falls from %.3f only to %.3f", r.Smoothed[0], lowest)
	}
	if !(r.Suggested > 1e-4 && r.Suggested <= r.MinLossLR) {
		t.Errorf("suggested %g, want in (1e-4, %g]", r.Suggested, r.MinLossLR)
	}
	short := LRRangeConfig{Steps: 10, BatchSize: 16, Seed: 3}
	if a, b := run(short), run(short); !reflect.DeepEqual(a, b) {
		t.Error("two tests with the same seed differ")
	}
}

func slicesMin(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

func TestLRRangeTestErrors(t *testing.T) {
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	d := randomData(40, 1)
	opt, _ := NewOptimizer("rmsprop")
	for _, c := range []struct {
		cfg  LRRangeConfig
		want string
	}{
		{LRRangeConfig{StartLR: 1, EndLR: 0.1, Optimizer: opt}, "want 0 < start < end"},
		{LRRangeConfig{Steps: 5, Optimizer: opt}, "at least 10"},
		{LRRangeConfig{BatchSize: 41, Optimizer: opt}, "batch size 41 for 40 samples"},
		{LRRangeConfig{BatchSize: 8}, "optimizer"},
	} {
		if _, err := m.LRRangeTest(context.Background(), d, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want it to mention %q", c.cfg, err, c.want)
		}
	}
}

func TestSuggestRate(t *testing.T) {
	lrs := []float64{1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 1e4, 1e5}
	loss := []float64{2.3, 2.3, 2.2, 1.5, 0.4, 0.3, 0.25, 0.6, 3, 9, 20}
	steep, atMin := suggestRate(lrs, loss)
	if steep != 1e-1 || atMin != 10 {
		t.Errorf("suggestRate = %g, %g; want 0.1 (2.2 -> 1.5 -> 0.4 is steepest into 0.1), 10", steep, atMin)
	}
}
