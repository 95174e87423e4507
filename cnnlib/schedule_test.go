package cnnlib

import (
	"context"
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func TestScheduleRates(t *testing.T) {
	const base, epochs, steps = 0.001, 10, 4
	mustSchedule := func(kind string) Schedule {
		s, err := NewSchedule(kind)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	last := func(s Schedule) float64 { return s.Rate(base, epochs, steps-1, epochs, steps, nil) }
	cases := []struct {
		name      string
		got, want float64
	}{
		{"constant", mustSchedule("constant").Rate(base, 7, 3, epochs, steps, nil), base},
		{"step, epoch 5", mustSchedule("step").Rate(base, 5, 3, epochs, steps, nil), base},
		{"step, epoch 6", mustSchedule("step").Rate(base, 6, 0, epochs, steps, nil), base / 2},
		{"step, epoch 11", mustSchedule("step").Rate(base, 11, 0, epochs, steps, nil), base / 4},
		{"cosine, first step", mustSchedule("cosine").Rate(base, 1, 0, epochs, steps, nil), base},
		{"cosine, last step", last(mustSchedule("cosine")), 0},
		{"cosine with floor, last step", last(Schedule{Kind: "cosine", MinLR: 1e-5}), 1e-5},
		// 40 steps: t runs 0..39; the middle of the curve is at t = 19.5.
		{"cosine, middle", (mustSchedule("cosine").Rate(base, 5, 3, epochs, steps, nil) +
			mustSchedule("cosine").Rate(base, 6, 0, epochs, steps, nil)) / 2, base / 2},
		{"onecycle, first step", mustSchedule("onecycle").Rate(base, 1, 0, epochs, steps, nil), base / 25},
		// The peak is at 30% of t = 39: between steps 11 and 12, so neither reaches it.
		{"onecycle, last step", last(mustSchedule("onecycle")), base / 25 / 1e4},
	}
	for _, c := range cases {
		if !near(c.got, c.want) {
			t.Errorf("%s: rate %g, want %g", c.name, c.got, c.want)
		}
	}
	oc := mustSchedule("onecycle")
	peak := 0.0
	for e := 1; e <= epochs; e++ {
		for s := range steps {
			peak = math.Max(peak, oc.Rate(base, e, s, epochs, steps, nil))
		}
	}
	if peak < 0.99*base || peak > base {
		t.Errorf("onecycle peaks at %g, want about the base rate %g", peak, base)
	}
}

// TestPlateauReplaysKeras follows Keras' ReduceLROnPlateau (patience 2,
// factor 0.5, min_delta 1e-4) over a val_loss history.
func TestPlateauReplaysKeras(t *testing.T) {
	s, _ := NewSchedule("plateau")
	losses := []float64{0.5, 0.4, 0.41, 0.39995, 0.42, 0.3, 0.31, 0.32, 0.33, 0.34}
	// After each epoch: best, wait -> lr.
	// 0.5 best; 0.4 best; 0.41 wait 1; 0.39995 (not 1e-4 better) wait 2 -> halve;
	// 0.42 wait 1; 0.3 best; 0.31 wait 1; 0.32 wait 2 -> halve; 0.33 wait 1; 0.34 wait 2 -> halve.
	want := []float64{1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125}
	var done []EpochStats
	for i := 0; i <= len(losses); i++ {
		if got := s.Rate(1, i+1, 0, 20, 10, done); !near(got, want[i]) {
			t.Errorf("after %d epochs: rate %g, want %g", i, got, want[i])
		}
		if i < len(losses) {
			done = append(done, EpochStats{Epoch: i + 1, ValLoss: losses[i]})
		}
	}
	s.MinLR = 0.3
	if got := s.Rate(1, 11, 0, 20, 10, done); got != 0.3 {
		t.Errorf("with min_lr 0.3: rate %g, want 0.3", got)
	}
}

func TestScheduleErrors(t *testing.T) {
	for _, c := range []struct {
		s    Schedule
		want string
	}{
		{Schedule{Kind: "exponential"}, `unknown learning-rate schedule "exponential"`},
		{Schedule{Kind: "step", Factor: 0.5}, "every = 0"},
		{Schedule{Kind: "step", Every: 2, Factor: 1.5}, "factor 1.5"},
		{Schedule{Kind: "plateau", Factor: 0.5}, "patience = 0"},
		{Schedule{Kind: "cosine", MinLR: -1}, "min_lr -1"},
	} {
		if err := c.s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want it to mention %q", c.s, err, c.want)
		}
	}
	cfg := quickFit(1)
	cfg.Schedule, _ = NewSchedule("plateau")
	cfg.ValidationSplit = 0
	if err := cfg.Validate(100); err == nil || !strings.Contains(err.Error(), "needs validation data") {
		t.Errorf("plateau without validation: err = %v", err)
	}
}

// TestFitFollowsSchedule trains with a step schedule: the history records each
// epoch's rate, and the result differs from the constant rate's.
func TestFitFollowsSchedule(t *testing.T) {
	d := randomData(96, 5)
	run := func(s Schedule) *History {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		defer m.Finalize()
		cfg := quickFit(3)
		cfg.Schedule = s
		h, err := m.Fit(context.Background(), d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	step := run(Schedule{Kind: "step", Every: 1, Factor: 0.1})
	for i, want := range []float64{1e-3, 1e-4, 1e-5} {
		if got := step.Epochs[i].LR; !near(got, want) {
			t.Errorf("epoch %d: lr %g, want %g", i+1, got, want)
		}
	}
	constant := run(Schedule{})
	if constant.Epochs[0].Loss != step.Epochs[0].Loss {
		t.Errorf("epoch 1 (same rate): loss %v vs %v", constant.Epochs[0].Loss, step.Epochs[0].Loss)
	}
	if constant.Epochs[2].Loss == step.Epochs[2].Loss {
		t.Error("epoch 3 has the same loss with a rate 100 times smaller")
	}
}

// TestStepScheduleIsKaggleAnnealer: step with every 1 and factor 0.95 is the
// Kaggle study's LearningRateScheduler(lambda x: 1e-3 * 0.95 ** x), x the
// 0-based epoch: 1e-3 all through epoch 1, 1e-3*0.95^29 in epoch 30, as
// the hyperparameters (the flags --lr-schedule step --lr-every 1
// --lr-factor 0.95) give it.
func TestStepScheduleIsKaggleAnnealer(t *testing.T) {
	h := PostHyperparameters()
	h.Optimizer, h.LR, h.LRSchedule, h.LREvery, h.LRFactor, h.Epochs = "adam", 0.001, "step", 1, 0.95, 30
	fit, err := h.FitConfig()
	if err != nil {
		t.Fatal(err)
	}
	if got := fit.Schedule.String(); got != "step(every=1,factor=0.95)" {
		t.Errorf("schedule %s", got)
	}
	for epoch := 1; epoch <= 30; epoch++ {
		want := 1e-3 * math.Pow(0.95, float64(epoch-1))
		for _, step := range []int{0, 467, 843} {
			if got := fit.Schedule.Rate(fit.Optimizer.LearningRate, epoch, step, 30, 844, nil); !near(got, want) {
				t.Errorf("epoch %d, step %d: rate %g, want %g", epoch, step, got, want)
			}
		}
	}
}
