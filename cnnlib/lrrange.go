package cnnlib

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gomlx/gomlx/core/tensors"
)

// LRRangeConfig configures LRRangeTest.
type LRRangeConfig struct {
	StartLR, EndLR float64   // the rates of the first and the last step (default 1e-6 and 1)
	Steps          int       // steps of the test (default 100)
	BatchSize      int       // default 162, the post's
	Optimizer      Optimizer // its learning rate is replaced step by step
	Seed           int64     // sample order and dropout masks
	// StopFactor stops the test once the smoothed loss exceeds StopFactor
	// times its minimum (default 4, fastai's; negative: never stop early).
	StopFactor float64
}

// withDefaults fills in the defaults of the zero fields.
func (c LRRangeConfig) withDefaults() LRRangeConfig {
	if c.StartLR == 0 {
		c.StartLR = 1e-6
	}
	if c.EndLR == 0 {
		c.EndLR = 1
	}
	if c.Steps == 0 {
		c.Steps = 100
	}
	if c.BatchSize == 0 {
		c.BatchSize = 162
	}
	if c.StopFactor == 0 {
		c.StopFactor = 4
	}
	return c
}

// Validate checks the configuration (zero fields take their defaults).
func (c LRRangeConfig) Validate() error {
	c = c.withDefaults()
	switch {
	case !(c.StartLR > 0 && c.EndLR > c.StartLR) || math.IsInf(c.EndLR, 0):
		return fmt.Errorf("learning rates from %v to %v: want 0 < start < end, finite", c.StartLR, c.EndLR)
	case c.Steps < 10:
		return fmt.Errorf("%d steps: want at least 10", c.Steps)
	case c.BatchSize < 0:
		return fmt.Errorf("batch size %d: want > 0", c.BatchSize)
	}
	return c.Optimizer.Validate()
}

// LRRange is the result of a learning-rate range test.
type LRRange struct {
	LR       []float64 `json:"lr"`       // per step
	Loss     []float64 `json:"loss"`     // per step, before its update
	Smoothed []float64 `json:"smoothed"` // exponential moving average (0.98), bias-corrected
	// Suggested is the rate where the smoothed loss falls fastest (steepest
	// descent against log lr), before its minimum: a good constant rate,
	// and about a tenth of a good peak rate for the onecycle schedule.
	Suggested float64 `json:"suggested"`
	// MinLossLR is the rate of the smallest smoothed loss; a tenth of it is
	// the other common rule of thumb.
	MinLossLR float64 `json:"min_loss_lr"`
	Stopped   bool    `json:"stopped"` // the loss blew up before EndLR
}

// LRRangeTest trains m for cfg.Steps steps from its current weights, each
// with a learning rate exponentially between StartLR and EndLR, and records
// the loss (Smith, "Cyclical Learning Rates for Training Neural Networks",
// 2015; fastai's lr_find). It changes m's weights: run it on a fresh model.
// The samples are d's, shuffled by Seed; dropout is on, as in training.
func (m *Model) LRRangeTest(ctx context.Context, d Data, cfg LRRangeConfig) (*LRRange, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.BatchSize > d.Len() {
		return nil, fmt.Errorf("batch size %d for %d samples: want 1..%d", cfg.BatchSize, d.Len(), d.Len())
	}
	if err := d.check(m.Spec, "range test data"); err != nil {
		return nil, err
	}
	step, err := m.NewStepper(cfg.Optimizer, cfg.Seed)
	if err != nil {
		return nil, err
	}
	order := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x6c7266696e64)).Perm(d.Len()) // "lrfind"
	res := &LRRange{}
	const beta = 0.98
	avg, best := 0.0, math.Inf(1)
	perEpoch := d.Len() / cfg.BatchSize
	for i := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		lr := cfg.StartLR * math.Pow(cfg.EndLR/cfg.StartLR, float64(i)/float64(cfg.Steps-1))
		b := i % perEpoch
		idx := order[b*cfg.BatchSize : (b+1)*cfg.BatchSize]
		loss, err := step.stepAt(d, idx, 1+i/perEpoch, b, lr)
		if err != nil {
			return res, err
		}
		avg = beta*avg + (1-beta)*loss
		smoothed := avg / (1 - math.Pow(beta, float64(i+1)))
		res.LR, res.Loss, res.Smoothed = append(res.LR, lr), append(res.Loss, loss), append(res.Smoothed, smoothed)
		if math.IsNaN(loss) || math.IsInf(loss, 0) || (cfg.StopFactor > 0 && smoothed > cfg.StopFactor*best) {
			res.Stopped = true
			break
		}
		best = math.Min(best, smoothed)
	}
	res.Suggested, res.MinLossLR = suggestRate(res.LR, res.Smoothed)
	return res, nil
}

// suggestRate returns the rate of steepest descent of the smoothed loss
// against log lr before its minimum (skipping the first tenth of the steps,
// where the average still settles), and the rate of the minimum.
func suggestRate(lrs, smoothed []float64) (steepest, atMin float64) {
	n := len(smoothed)
	if n == 0 {
		return 0, 0
	}
	lowest := 0
	for i, v := range smoothed {
		if !math.IsNaN(v) && v < smoothed[lowest] {
			lowest = i
		}
	}
	from := n / 10
	steepest = lrs[lowest]
	bestSlope := 0.0
	for i := from + 1; i <= lowest; i++ {
		slope := (smoothed[i] - smoothed[i-1]) / (math.Log10(lrs[i]) - math.Log10(lrs[i-1]))
		if slope < bestSlope {
			steepest, bestSlope = lrs[i], slope
		}
	}
	return steepest, lrs[lowest]
}

// stepAt is Step with the learning rate lr instead of the optimizer's, and
// without Step's checks of idx.
func (s *Stepper) stepAt(d Data, idx []int, epoch, step int, lr float64) (float64, error) {
	x, y := s.m.gather(d, idx)
	noise := s.m.dropoutNoise(s.seed, epoch, step, len(idx))
	rate := lrTensor(lr)
	outs, err := s.exec.Call(x, y, noise, rate)
	if err != nil {
		finalize(x, y, noise, rate)
		return 0, fmt.Errorf("epoch %d, step %d: %w", epoch, step+1, err)
	}
	loss := float64(tensors.ToScalar[float32](outs[0])) // waits for the step to finish
	finalize(append(outs, x, y, noise, rate)...)
	return loss, nil
}
