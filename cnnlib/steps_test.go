package cnnlib

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// Two Steppers on two models built with the same seed give the same losses,
// bit for bit, and training changes the loss.
func TestStepperDeterministic(t *testing.T) {
	d := randomData(64, 3)
	idx := make([]int, 16)
	losses := make([][]float64, 2)
	for run := range losses {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		opt, _ := NewOptimizer("rmsprop")
		s, err := m.NewStepper(opt, 9)
		if err != nil {
			t.Fatal(err)
		}
		for step := range 3 {
			for i := range idx {
				idx[i] = step*len(idx) + i
			}
			loss, err := s.Step(d, idx, 1, step)
			if err != nil {
				t.Fatal(err)
			}
			losses[run] = append(losses[run], loss)
		}
		m.Finalize()
	}
	for i := range losses[0] {
		if losses[0][i] != losses[1][i] {
			t.Errorf("step %d: losses %v and %v differ", i, losses[0][i], losses[1][i])
		}
	}
	if losses[0][0] == losses[0][2] {
		t.Errorf("losses %v: the weights did not change", losses[0])
	}
}

func TestStepperErrors(t *testing.T) {
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	opt, _ := NewOptimizer("rmsprop")
	if _, err := m.NewStepper(Optimizer{Name: "rmsprop"}, 1); err == nil {
		t.Error("NewStepper with learning rate 0: no error")
	}
	s, err := m.NewStepper(opt, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := randomData(4, 1)
	if _, err := s.Step(d, nil, 1, 0); err == nil {
		t.Error("empty batch: no error")
	}
	if _, err := s.Step(d, []int{0, 4}, 1, 0); err == nil {
		t.Error("index out of range: no error")
	}
	if _, err := m.PredictFlat(d.Images(), 0); err == nil {
		t.Error("PredictFlat batch 0: no error")
	}
}

// PredictFlat with batches of 3 (and a last batch of 1) agrees with Predict.
func TestPredictFlat(t *testing.T) {
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	d := randomData(4, 2)
	flat, err := m.PredictFlat(d.Images(), 3)
	if err != nil {
		t.Fatal(err)
	}
	probs, err := m.Predict(d.Images())
	if err != nil {
		t.Fatal(err)
	}
	if len(flat) != 4*10 {
		t.Fatalf("got %d values, want 40", len(flat))
	}
	for i, p := range probs {
		for c, want := range p {
			if got := flat[i*10+c]; math.Abs(float64(got-want)) > 1e-5 {
				t.Errorf("image %d class %d: PredictFlat %v, Predict %v", i, c, got, want)
			}
		}
	}
}

// Time runs the first step, the warm-up and the timed steps on batches in
// order, training the model as Step does.
func TestStepperTime(t *testing.T) {
	d := randomData(40, 3)
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	opt, _ := NewOptimizer("rmsprop")
	s, err := m.NewStepper(opt, 9)
	if err != nil {
		t.Fatal(err)
	}
	before := weights(m)
	times, err := s.Time(d, 16, 1, 3) // 5 batches of 16 from 40 samples: wraps around
	if err != nil {
		t.Fatal(err)
	}
	if times.First <= 0 || len(times.Timed) != 3 || times.Mean() <= 0 || times.Median() <= 0 {
		t.Errorf("times %+v: want a first step and 3 timed ones", times)
	}
	if reflect.DeepEqual(before, weights(m)) {
		t.Error("the timed steps did not train the model")
	}
	for _, bad := range [][3]int{{0, 1, 1}, {16, -1, 1}, {16, 1, -1}} {
		if _, err := s.Time(d, bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("Time(batch %d, warmup %d, steps %d): no error", bad[0], bad[1], bad[2])
		}
	}
}

func TestStepTimesMeanMedian(t *testing.T) {
	ms := func(ds ...int) []time.Duration {
		var out []time.Duration
		for _, d := range ds {
			out = append(out, time.Duration(d)*time.Millisecond)
		}
		return out
	}
	for _, tc := range []struct {
		timed        []time.Duration
		mean, median time.Duration
	}{
		{nil, 0, 0},
		{ms(30, 10, 20), 20 * time.Millisecond, 20 * time.Millisecond},
		{ms(40, 10, 20, 90), 40 * time.Millisecond, 30 * time.Millisecond},
	} {
		st := StepTimes{Timed: tc.timed}
		if st.Mean() != tc.mean || st.Median() != tc.median {
			t.Errorf("%v: mean %v median %v, want %v and %v", tc.timed, st.Mean(), st.Median(), tc.mean, tc.median)
		}
	}
}
