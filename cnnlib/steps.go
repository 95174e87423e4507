package cnnlib

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/gomlx/gomlx/core/tensors"
)

// Stepper runs single training steps on chosen batches, without Fit's loop:
// for benchmarks and cross-backend checks. A step is exactly one step of Fit:
// the same graph, the same host-side dropout masks for (seed, epoch, step), the
// same update of the model's weights and optimizer slots. So the losses of
// Step(d, batch b of the samples in order, 1, b) for b = 0, 1, ... are the
// losses of the first epoch of Fit with Shuffle false, ValidationSplit 0, no
// augmentation and the same seed, on any backend.
//
// The first Step compiles the training graph for its batch size (on XLA that
// is most of its time); a Step with a batch size not seen before compiles again.
type Stepper struct {
	m    *Model
	opt  Optimizer
	seed int64
	exec stepRunner
}

// NewStepper returns a Stepper that trains m with opt; seed chooses the dropout
// masks (FitConfig.Seed). The training graph is compiled by the first Step.
//
// The compiled step is shared with Fit (cached per optimizer configuration).
func (m *Model) NewStepper(opt Optimizer, seed int64) (*Stepper, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	e, err := m.trainStep(opt)
	if err != nil {
		return nil, err
	}
	return &Stepper{m: m, opt: opt, seed: seed, exec: e}, nil
}

// Step runs one optimizer step on the samples idx of d, with the dropout masks
// of (epoch, step) as Fit draws them (epoch 1-based, step 0-based within the
// epoch), and returns the batch loss: mean cross-entropy plus the L2 penalty,
// before the update. A NaN or infinite loss is returned as is, not as an error.
func (s *Stepper) Step(d Data, idx []int, epoch, step int) (loss float64, err error) {
	if len(idx) == 0 {
		return 0, fmt.Errorf("step: empty batch")
	}
	if err := d.checkImages(s.m.Spec, "step"); err != nil {
		return 0, err
	}
	for _, j := range idx {
		if j < 0 || j >= d.Len() {
			return 0, fmt.Errorf("step: sample index %d out of range [0, %d)", j, d.Len())
		}
		if err := d.checkLabel(s.m.Spec, "step", j); err != nil {
			return 0, err
		}
	}
	return s.stepAt(d, idx, epoch, step, s.opt.LearningRate)
}

// finalize frees the tensors' host and device memory now rather than at the
// next garbage collection (it matters on accelerators, in tight loops).
func finalize(ts ...*tensors.Tensor) {
	for _, t := range ts {
		if t != nil {
			_ = t.FinalizeAll()
		}
	}
}

// PredictFlat returns the class probabilities of the images (NHWC float32
// pixels), flat in [n, classes] order, running inference on batches of
// batchSize images. Unlike Predict (batches of 500) the batch size is the
// caller's: for throughput measurements. Each new batch size (a smaller last
// batch included) compiles the inference graph once more.
func (m *Model) PredictFlat(images []float32, batchSize int) ([]float32, error) {
	if batchSize <= 0 {
		return nil, fmt.Errorf("batch size %d, want > 0", batchSize)
	}
	in := m.Spec.InputShape
	per := in[0] * in[1] * in[2]
	if len(images) == 0 || len(images)%per != 0 {
		return nil, fmt.Errorf("got %d pixel values, want a multiple of %d (%dx%dx%d images)", len(images), per, in[0], in[1], in[2])
	}
	n := len(images) / per
	e, err := m.layerStep(m.last())
	if err != nil {
		return nil, err
	}
	out := make([]float32, 0, n*m.Spec.Classes)
	for from := 0; from < n; from += batchSize {
		to := min(from+batchSize, n)
		x, err := m.imagesTensor(images[from*per:to*per], to-from)
		if err != nil {
			return nil, err
		}
		outs, err := e.Call(x)
		if err != nil {
			finalize(x)
			return nil, fmt.Errorf("predicting images %d..%d: %w", from, to, err)
		}
		out = append(out, tensors.MustCopyFlatData[float32](outs[0])...)
		finalize(append(outs, x)...)
	}
	return out, nil
}

// StepTimes are the durations of training steps timed by Stepper.Time.
type StepTimes struct {
	First time.Duration   // the first step: compiling the graph for the batch size, then one step
	Timed []time.Duration // the steps after the warm-up, in order
}

// Mean is the mean duration of the timed steps; 0 without any.
func (t StepTimes) Mean() time.Duration {
	if len(t.Timed) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range t.Timed {
		sum += d
	}
	return sum / time.Duration(len(t.Timed))
}

// Median is the median duration of the timed steps; 0 without any.
func (t StepTimes) Median() time.Duration {
	if len(t.Timed) == 0 {
		return 0
	}
	s := slices.Clone(t.Timed)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// StepInOrder runs training step b on batch b of d in order: the samples
// b*batch ... (b+1)*batch-1, wrapping around d, with the dropout masks of
// (epoch 1, step b), the first epoch of Fit without shuffling or
// validation split. idx is the batch's index buffer (len batch), reused by
// the caller's steps. A NaN or infinite loss is ErrDiverged.
func (s *Stepper) StepInOrder(d Data, idx []int, b int) (float64, error) {
	for i := range idx {
		idx[i] = (b*len(idx) + i) % d.Len()
	}
	loss, err := s.Step(d, idx, 1, b)
	if err == nil && (math.IsNaN(loss) || math.IsInf(loss, 0)) {
		err = fmt.Errorf("%w: loss %v at step %d", ErrDiverged, loss, b+1)
	}
	return loss, err
}

// Time runs 1 + warmup + steps training steps in order (StepInOrder) and
// times them. The steps train the model.
func (s *Stepper) Time(d Data, batch, warmup, steps int) (StepTimes, error) {
	if batch <= 0 || warmup < 0 || steps < 0 {
		return StepTimes{}, fmt.Errorf("time steps: batch %d, warmup %d, steps %d: want batch > 0, the others >= 0", batch, warmup, steps)
	}
	var t StepTimes
	idx := make([]int, batch)
	for b := range 1 + warmup + steps {
		start := time.Now()
		if _, err := s.StepInOrder(d, idx, b); err != nil {
			return t, err
		}
		took := time.Since(start)
		switch {
		case b == 0:
			t.First = took
		case b > warmup:
			t.Timed = append(t.Timed, took)
		}
	}
	return t, nil
}
