package nb

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// lrRangeSteps returns the steps of a range test re-run in mode: the
// committed test's 100 in full mode, 30 otherwise (seconds on ONNX
// Runtime).
func lrRangeSteps(mode Mode) int {
	if mode == Full {
		return 100
	}
	return 30
}

// RangeTest runs a learning-rate range test of the model and optimizer cfg
// describes on the notebook's backend, as werkbank lr-find does: a fresh
// model, steps steps of cfg.BatchSize images from the training part of the
// first cfg.TrainImages training images, rates from 1e-6 to 1.
func (n *Notebook) rangeTest(cfg runConfig, steps int) (*cnnlib.LRRange, error) {
	d, err := mnist()
	if err != nil {
		return nil, err
	}
	return n.rangeTestOn(cfg, d.TrainData(), steps)
}

// RangeTestOn is RangeTest on the training data given.
func (n *Notebook) rangeTestOn(cfg runConfig, train cnnlib.Data, steps int) (*cnnlib.LRRange, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	spec, _ := cfg.Spec()
	fit, _ := cfg.FitConfig()
	train = train.Slice(0, min(cfg.TrainImages, train.Len()))
	if fit.ValidationSplit > 0 { // rates are chosen on the training part, as Fit trains
		var err error
		if train, _, err = train.ValidationSplit(fit.ValidationSplit); err != nil {
			return nil, err
		}
	}
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: n.Backend, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	defer m.Finalize()
	fmt.Fprintln(n.out(), lang.Sprintf("nb.lr.start",
		spec.Name, fit.Optimizer.Name, m.Backend.Config, steps, cfg.BatchSize))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return m.LRRangeTest(ctx, train, cnnlib.LRRangeConfig{Steps: steps, BatchSize: cfg.BatchSize, Optimizer: fit.Optimizer, Seed: cfg.Seed})
}

// committedRangeLine describes the committed range test's suggestion, for
// comparison with a re-run; "" when there is none.
func committedRangeLine() string {
	root, err := repoRoot()
	if err != nil {
		return ""
	}
	c, err := readExperiment(root, "lr-range")
	if err != nil || c.LRRange == nil {
		return ""
	}
	return lang.Sprintf("nb.lr.committed",
		c.Dir, LRRangeFile, len(c.LRRange.LR), c.LRRange.Backend, c.LRRange.Suggested, c.LRRange.MinLossLR)
}
