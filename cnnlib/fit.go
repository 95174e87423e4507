package cnnlib

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/gomlx/gomlx/core/tensors"
)

// FitConfig is what model.fit takes in the post, plus seed and resumption.
type FitConfig struct {
	Epochs          int       // post: 15
	BatchSize       int       // post: 162
	Shuffle         bool      // post: true; reshuffle the training samples every epoch
	ValidationSplit float64   // post: 0.1, the last 10% of the training arrays
	Validation      *Data     // explicit validation data instead of ValidationSplit
	Seed            int64     // shuffling, dropout masks and augmentation
	Optimizer       Optimizer // post: rmsprop with Keras defaults
	Schedule        Schedule  // learning rate per step; zero: the optimizer's, constant (post)
	EvalBatchSize   int       // batch size for validation (default 500; does not change results)
	// Augment transforms the training batches' images at random (never
	// the validation data); the zero value leaves them as they are.
	Augment Augmentation

	// Verbose is Keras' verbose: 0 silent, 1 progress bar, 2 one line per epoch.
	Verbose int
	Output  io.Writer // where progress goes (nil: silent)

	// CheckpointDir, when set, receives the full training state after every
	// epoch; a Fit with the same directory resumes after the last saved epoch.
	CheckpointDir string
	// OnEpoch is called after every epoch (after the checkpoint is written)
	// with the history so far, the epochs of a resumed run included.
	OnEpoch func(*History)

	// Target, when > 0, measures the time to accuracy: every EvalEvery
	// steps (0: 20) Fit evaluates the validation data with the clock
	// stopped, and History.TimeToTarget records the seconds of training
	// until the validation accuracy first reached Target. It does not
	// change the training.
	Target    float64
	EvalEvery int
}

// PostFitConfig returns the post's training configuration.
func PostFitConfig() FitConfig {
	opt, _ := NewOptimizer("rmsprop")
	return FitConfig{Epochs: 15, BatchSize: 162, Shuffle: true, ValidationSplit: 0.1, Optimizer: opt, Verbose: 1}
}

// EpochStats are Keras' per-epoch metrics.
type EpochStats struct {
	Epoch   int     `json:"epoch"` // 1-based
	Loss    float64 `json:"loss"`
	Acc     float64 `json:"acc"`
	ValLoss float64 `json:"val_loss"`
	ValAcc  float64 `json:"val_acc"`
	LR      float64 `json:"lr,omitempty"` // learning rate of the epoch's first step
	Seconds float64 `json:"seconds"`
}

// History is what model.fit returns: one entry per epoch.
type History struct {
	Epochs       []EpochStats `json:"epochs"`
	TrainSamples int          `json:"train_samples"`
	ValSamples   int          `json:"val_samples"`
	Seconds      float64      `json:"seconds"` // total, resumed parts included
	// TimeToTarget is the seconds of training (checks excluded) until the
	// validation accuracy first reached FitConfig.Target, at step
	// TargetStep (counted from the run's first step); 0 when not reached
	// or not measured.
	TimeToTarget float64 `json:"time_to_target,omitempty"`
	TargetStep   int     `json:"target_step,omitempty"`
}

// Metrics are the names History.Series knows, as the post's Keras writes
// them; tf.keras' "accuracy" and "val_accuracy" are accepted as aliases.
var Metrics = []string{"loss", "acc", "val_loss", "val_acc"}

// Series returns one metric per epoch: "loss", "acc", "val_loss" or
// "val_acc" (or tf.keras' "accuracy", "val_accuracy"). Any other name is an
// error that lists the known ones.
func (h *History) Series(metric string) ([]float64, error) {
	var pick func(EpochStats) float64
	switch metric {
	case "loss":
		pick = func(e EpochStats) float64 { return e.Loss }
	case "acc", "accuracy":
		pick = func(e EpochStats) float64 { return e.Acc }
	case "val_loss":
		pick = func(e EpochStats) float64 { return e.ValLoss }
	case "val_acc", "val_accuracy":
		pick = func(e EpochStats) float64 { return e.ValAcc }
	default:
		return nil, fmt.Errorf("unknown metric %q (want %s, or tf.keras' accuracy, val_accuracy)", metric, strings.Join(Metrics, ", "))
	}
	out := make([]float64, len(h.Epochs))
	for i, e := range h.Epochs {
		out[i] = pick(e)
	}
	return out, nil
}

// ErrDiverged is returned (wrapped) when the training loss becomes NaN or infinite.
var ErrDiverged = errors.New("training diverged")

// Validate checks the configuration against the number of training samples.
func (c FitConfig) Validate(samples int) error {
	if c.Epochs <= 0 {
		return fmt.Errorf("epochs = %d, want > 0", c.Epochs)
	}
	if c.BatchSize <= 0 {
		return fmt.Errorf("batch size = %d, want > 0", c.BatchSize)
	}
	if c.BatchSize > samples {
		return fmt.Errorf("batch size %d is larger than the %d training samples", c.BatchSize, samples)
	}
	if c.EvalBatchSize < 0 {
		return fmt.Errorf("eval batch size = %d, want >= 0", c.EvalBatchSize)
	}
	if !(c.Target >= 0 && c.Target < 1) || c.EvalEvery < 0 {
		return fmt.Errorf("target %v, eval every %d steps: want a target in [0, 1) and steps >= 0", c.Target, c.EvalEvery)
	}
	if c.Target > 0 && c.Validation == nil && c.ValidationSplit == 0 {
		return fmt.Errorf("a target accuracy is measured on validation data: it needs a validation split > 0")
	}
	if c.Validation == nil && !(c.ValidationSplit >= 0 && c.ValidationSplit < 1) {
		return fmt.Errorf("validation split %v, want a value in [0, 1)", c.ValidationSplit)
	}
	if err := c.Schedule.Validate(); err != nil {
		return err
	}
	if c.Schedule.Kind == "plateau" && c.Validation == nil && c.ValidationSplit == 0 {
		return fmt.Errorf("schedule plateau watches val_loss: it needs validation data (a validation split > 0)")
	}
	if err := c.Augment.Validate(); err != nil {
		return err
	}
	return c.Optimizer.Validate()
}

// Fit trains the model as Keras' model.fit does and returns the history. When
// ctx is cancelled it stops between two steps and returns the history of the
// completed epochs with ctx's error; with CheckpointDir set, the next Fit
// resumes from there. With the same seed, data and backend, the result is the
// same bit for bit, whether or not the run was interrupted and resumed.
func (m *Model) Fit(ctx context.Context, data Data, cfg FitConfig) (*History, error) {
	if err := data.check(m.Spec, "training data"); err != nil {
		return nil, err
	}
	train, val := data, Data{}
	if cfg.Validation != nil {
		if err := cfg.Validation.check(m.Spec, "validation data"); err != nil {
			return nil, err
		}
		val = *cfg.Validation
	} else if cfg.ValidationSplit > 0 {
		var err error
		if train, val, err = data.ValidationSplit(cfg.ValidationSplit); err != nil {
			return nil, err
		}
	}
	if err := cfg.Validate(train.Len()); err != nil {
		return nil, err
	}
	if cfg.EvalBatchSize == 0 {
		cfg.EvalBatchSize = 500
	}
	out := cfg.Output
	if out == nil || cfg.Verbose == 0 {
		out = io.Discard
	}
	hist := &History{TrainSamples: train.Len(), ValSamples: val.Len()}
	if cfg.CheckpointDir != "" {
		resumed, err := m.resume(cfg.CheckpointDir, cfg)
		if err != nil {
			return nil, err
		}
		if resumed != nil {
			hist = resumed
			fmt.Fprintf(out, "Resuming from %s after epoch %d/%d\n", cfg.CheckpointDir, len(hist.Epochs), cfg.Epochs)
		}
	}
	step, err := m.trainStep(cfg.Optimizer)
	if err != nil {
		return hist, err
	}
	if len(hist.Epochs) == 0 {
		if val.Len() > 0 {
			fmt.Fprintf(out, "Train on %d samples, validate on %d samples\n", train.Len(), val.Len())
		} else {
			fmt.Fprintf(out, "Train on %d samples\n", train.Len())
		}
	}
	clock := newTargetClock(cfg, hist, val)
	for epoch := len(hist.Epochs) + 1; epoch <= cfg.Epochs; epoch++ {
		fmt.Fprintf(out, "Epoch %d/%d\n", epoch, cfg.Epochs)
		stats, err := m.fitEpoch(ctx, step, train, val, cfg, epoch, hist.Epochs, out, clock)
		if err != nil {
			return hist, err
		}
		hist.Epochs = append(hist.Epochs, stats)
		hist.Seconds += stats.Seconds
		if cfg.CheckpointDir != "" {
			if err := m.saveTrainingState(cfg.CheckpointDir, cfg, hist); err != nil {
				return hist, err
			}
		}
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(hist)
		}
	}
	return hist, nil
}

// fitEpoch runs one epoch and the validation after it; done are the epochs
// before it (for the schedule).
func (m *Model) fitEpoch(ctx context.Context, step stepRunner, train, val Data, cfg FitConfig, epoch int, done []EpochStats, out io.Writer, clock *targetClock) (EpochStats, error) {
	start := time.Now()
	n := train.Len()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if cfg.Shuffle {
		// The permutation depends only on (seed, epoch), so a resumed run sees the same order.
		rng := rand.New(rand.NewPCG(uint64(cfg.Seed), uint64(epoch)))
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	bar := newProgressBar(out, n, cfg.Verbose)
	var lossSum, correctSum float64
	seen := 0
	batches := (n + cfg.BatchSize - 1) / cfg.BatchSize
	firstLR := 0.0
	for b := range batches {
		if err := ctx.Err(); err != nil {
			bar.abort()
			return EpochStats{}, err
		}
		idx := order[b*cfg.BatchSize : min((b+1)*cfg.BatchSize, n)]
		x, y := m.gather(train, idx)
		if !cfg.Augment.IsZero() {
			m.augmentBatch(x, cfg.Augment, train, idx, cfg.Seed, epoch, b)
		}
		noise := m.dropoutNoise(cfg.Seed, epoch, b, len(idx))
		rate := cfg.Schedule.Rate(cfg.Optimizer.LearningRate, epoch, b, cfg.Epochs, batches, done)
		if b == 0 {
			firstLR = rate
		}
		lr := lrTensor(rate)
		outs, err := step.Call(x, y, noise, lr)
		if err != nil {
			finalize(x, y, noise, lr)
			bar.abort()
			return EpochStats{}, fmt.Errorf("epoch %d, step %d: %w", epoch, b+1, err)
		}
		loss := float64(tensors.ToScalar[float32](outs[0]))
		stepCorrect := float64(tensors.ToScalar[float32](outs[1]))
		finalize(append(outs, x, y, noise, lr)...)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			bar.abort()
			return EpochStats{}, fmt.Errorf("%w: loss is %v at epoch %d, step %d (try a smaller learning rate; the weights of the last completed epoch are kept)",
				ErrDiverged, loss, epoch, b+1)
		}
		lossSum += loss * float64(len(idx))
		correctSum += stepCorrect
		seen += len(idx)
		if err := clock.afterStep(m, val, cfg.EvalBatchSize); err != nil {
			bar.abort()
			return EpochStats{}, err
		}
		bar.update(seen, time.Since(start), lossSum/float64(seen), correctSum/float64(seen))
	}
	stats := EpochStats{Epoch: epoch, Loss: lossSum / float64(seen), Acc: correctSum / float64(seen), LR: firstLR}
	if val.Len() > 0 {
		ev, err := m.evaluate(val, cfg.EvalBatchSize)
		if err != nil {
			return EpochStats{}, err
		}
		stats.ValLoss, stats.ValAcc = ev.Loss, ev.Accuracy
	}
	stats.Seconds = time.Since(start).Seconds()
	bar.finish(stats, val.Len() > 0, !cfg.Schedule.IsConstant(), batches)
	return stats, nil
}

// stepRunner is the part of model.Exec that Fit uses.
type stepRunner interface {
	Call(args ...any) ([]*tensors.Tensor, error)
}

// gather copies the samples idx into a batch of images and labels.
func (m *Model) gather(d Data, idx []int) (*tensors.Tensor, *tensors.Tensor) {
	in := m.Spec.InputShape
	per := in[0] * in[1] * in[2]
	x := tensors.FromShape(float32Shape(len(idx), in[0], in[1], in[2]))
	tensors.MustMutableFlatData(x, func(flat []float32) {
		for i, j := range idx {
			d.copyImage(flat[i*per:], j, per)
		}
	})
	labels := make([]int32, len(idx))
	for i, j := range idx {
		labels[i] = d.Labels[j]
	}
	return x, tensors.FromFlatDataAndDimensions(labels, len(idx))
}

// dropoutNoise draws the uniform noise of every dropout unit of one training
// step on the host, from (seed, epoch, step): the masks are the same on every
// backend and when a run is resumed.
func (m *Model) dropoutNoise(seed int64, epoch, step, batch int) *tensors.Tensor {
	units := max(m.dropoutUnits, 1)
	t := tensors.FromShape(float32Shape(batch, units))
	rng := rand.New(rand.NewPCG(uint64(seed)^0x64726f706f7574, uint64(epoch)<<32|uint64(step)))
	tensors.MustMutableFlatData(t, func(flat []float32) {
		for i := range flat {
			flat[i] = rng.Float32()
		}
	})
	return t
}
