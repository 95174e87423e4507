package cnnlib

import (
	"context"
	"fmt"
	"time"
)

// TrainRun is one training run from nothing to a tested, saved model, the
// path that the command line's train and the notebooks' training cells and
// workshop runs share: a new model of Spec (with Options' backend, seed and
// graph formulation), Fit on Train, Evaluate on Test, Save to ModelDir.
type TrainRun struct {
	Spec    Spec
	Options Options
	Fit     FitConfig // with Fit.CheckpointDir, an interrupted run resumes there
	Train   Data
	// Test is evaluated after training; empty skips the test.
	Test Data
	// ModelDir, when set, is where the trained model is saved with its
	// history and how it was trained; "" saves nothing.
	ModelDir string
	// Started, when set, is called with the new model before it trains (to
	// print its backend or summary); an error ends the run.
	Started func(*Model) error
}

// TrainResult is what a TrainRun made. The model stays live: the caller
// uses it (figures, report) and calls Finalize.
type TrainResult struct {
	*Loaded            // the model, its history, how it was trained, ModelDir
	Test    Evaluation // zero when TrainRun.Test was empty
	Seconds float64    // wall time of the whole run: build, fit, test, save
}

// Run trains, tests and saves as r says. When Fit stops (ctx cancelled,
// an error), the result so far comes back with the error: its History
// holds the completed epochs (nil when none), and its model is finalized.
func (r TrainRun) Run(ctx context.Context) (*TrainResult, error) {
	start := time.Now()
	m, err := New(r.Spec, r.Options)
	if err != nil {
		return nil, err
	}
	res := &TrainResult{Loaded: &Loaded{Model: m, Dir: r.ModelDir}}
	fail := func(err error) (*TrainResult, error) {
		m.Finalize()
		res.Model = nil
		return res, err
	}
	if r.Started != nil {
		if err := r.Started(m); err != nil {
			return fail(err)
		}
	}
	hist, err := m.Fit(ctx, r.Train, r.Fit)
	res.History = hist
	if err != nil {
		return fail(err)
	}
	info := TrainingInfoOf(r.Fit, m.Backend.Config, hist.TrainSamples)
	res.Training = &info
	if r.Test.Len() > 0 {
		if res.Test, err = m.Evaluate(r.Test); err != nil {
			return fail(fmt.Errorf("testing the trained model: %w", err))
		}
	}
	if r.ModelDir != "" {
		if err := m.Save(r.ModelDir, hist, &info); err != nil {
			return fail(err)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
