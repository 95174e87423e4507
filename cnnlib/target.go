package cnnlib

import "time"

// targetClock measures the time to accuracy of a Fit (FitConfig.Target):
// the training seconds, with its own validation checks left out, until the
// validation accuracy first reaches the target.
type targetClock struct {
	target float64
	every  int
	hist   *History
	start  time.Time
	paused time.Duration // spent in the checks
	steps  int           // steps so far
}

// newTargetClock returns the clock of cfg's target, or nil when there is
// none or the run is resumed (its earlier time is not known per step).
func newTargetClock(cfg FitConfig, hist *History, val Data) *targetClock {
	if cfg.Target <= 0 || val.Len() == 0 || len(hist.Epochs) > 0 {
		return nil
	}
	every := cfg.EvalEvery
	if every == 0 {
		every = 20
	}
	return &targetClock{target: cfg.Target, every: every, hist: hist, start: time.Now()}
}

// afterStep checks the validation accuracy every c.every steps until the
// target is reached. A nil clock does nothing.
func (c *targetClock) afterStep(m *Model, val Data, evalBatch int) error {
	if c == nil || c.hist.TimeToTarget > 0 {
		return nil
	}
	if c.steps++; c.steps%c.every != 0 {
		return nil
	}
	t := time.Now()
	ev, err := m.evaluate(val, evalBatch)
	if err != nil {
		return err
	}
	if ev.Accuracy >= c.target {
		c.hist.TimeToTarget = (t.Sub(c.start) - c.paused).Seconds()
		c.hist.TargetStep = c.steps
	}
	c.paused += time.Since(t)
	return nil
}
