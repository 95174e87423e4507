package cnnlib

import (
	"fmt"
	"math"
	"strings"
)

// Schedule chooses the learning rate of every training step from the
// optimizer's rate (the base rate). The zero Schedule keeps the base rate,
// as the post does. Kinds:
//
//   - "step": base * Factor^k after k*Every epochs (Keras' LearningRateScheduler
//     with a step decay).
//   - "plateau": Keras' ReduceLROnPlateau on val_loss: the rate is multiplied
//     by Factor when val_loss has not improved by more than 1e-4 for Patience
//     epochs, never below MinLR. It is replayed from the history, so a resumed
//     run takes the same rates.
//   - "cosine": base * (1 + cos(pi * t/T)) / 2 over the T steps of the run,
//     never below MinLR (SGDR without restarts).
//   - "onecycle": Smith's one cycle as PyTorch's OneCycleLR: from base/25 up to
//     base over the first 30% of the steps, then down to base/25/1e4, both
//     halves cosine-shaped. The base rate is the peak: pick it with
//     LRRangeTest.
type Schedule struct {
	Kind     string  `json:"kind"`
	Every    int     `json:"every,omitempty"`    // step: epochs between decays
	Factor   float64 `json:"factor,omitempty"`   // step, plateau: multiplier in (0, 1)
	Patience int     `json:"patience,omitempty"` // plateau: epochs without improvement
	MinLR    float64 `json:"min_lr,omitempty"`   // plateau, cosine: floor
}

// ScheduleKinds are the kinds a Schedule may have ("" is "constant").
var ScheduleKinds = []string{"constant", "step", "plateau", "cosine", "onecycle"}

// NewSchedule returns the named schedule with the defaults of the flags:
// step halves every 5 epochs, plateau halves after 2 epochs without
// improvement (down to 1e-5), cosine anneals to 0, onecycle peaks at the
// base rate.
func NewSchedule(kind string) (Schedule, error) {
	switch kind {
	case "", "constant":
		return Schedule{}, nil
	case "step":
		return Schedule{Kind: kind, Every: 5, Factor: 0.5}, nil
	case "plateau":
		return Schedule{Kind: kind, Factor: 0.5, Patience: 2, MinLR: 1e-5}, nil
	case "cosine", "onecycle":
		return Schedule{Kind: kind}, nil
	}
	return Schedule{}, fmt.Errorf("unknown learning-rate schedule %q (want %s)", kind, strings.Join(ScheduleKinds, ", "))
}

// IsConstant reports whether s keeps the base rate.
func (s Schedule) IsConstant() bool { return s.Kind == "" || s.Kind == "constant" }

// String is the schedule as the flags write it, e.g. "step(every=5,factor=0.5)".
func (s Schedule) String() string {
	switch s.Kind {
	case "", "constant":
		return "constant"
	case "step":
		return fmt.Sprintf("step(every=%d,factor=%g)", s.Every, s.Factor)
	case "plateau":
		return fmt.Sprintf("plateau(factor=%g,patience=%d,min_lr=%g)", s.Factor, s.Patience, s.MinLR)
	case "cosine":
		if s.MinLR > 0 {
			return fmt.Sprintf("cosine(min_lr=%g)", s.MinLR)
		}
	}
	return s.Kind
}

// Validate checks the schedule's parameters for its kind.
func (s Schedule) Validate() error {
	if _, err := NewSchedule(s.Kind); err != nil {
		return err
	}
	if math.IsNaN(s.MinLR) || math.IsInf(s.MinLR, 0) || s.MinLR < 0 {
		return fmt.Errorf("schedule %s: min_lr %v, want a finite value >= 0", s.Kind, s.MinLR)
	}
	switch s.Kind {
	case "step":
		if s.Every <= 0 {
			return fmt.Errorf("schedule step: every = %d epochs, want > 0", s.Every)
		}
	case "plateau":
		if s.Patience <= 0 {
			return fmt.Errorf("schedule plateau: patience = %d epochs, want > 0", s.Patience)
		}
	}
	if s.Kind == "step" || s.Kind == "plateau" {
		if !(s.Factor > 0 && s.Factor < 1) {
			return fmt.Errorf("schedule %s: factor %v, want a value in (0, 1)", s.Kind, s.Factor)
		}
	}
	return nil
}

// Rate returns the learning rate of step (0-based) of epoch (1-based) of a
// run of epochs epochs with stepsPerEpoch steps each, for the base rate.
// done holds the completed epochs before this one (plateau reads their
// val_loss; the others ignore it).
func (s Schedule) Rate(base float64, epoch, step, epochs, stepsPerEpoch int, done []EpochStats) float64 {
	t := float64((epoch-1)*stepsPerEpoch + step)     // steps before this one
	total := float64(max(epochs*stepsPerEpoch-1, 1)) // the last step is at t = total
	cosine := func(from, to, frac float64) float64 { // from at frac 0, to at frac 1
		return to + (from-to)*(1+math.Cos(math.Pi*min(max(frac, 0), 1)))/2
	}
	switch s.Kind {
	case "step":
		return base * math.Pow(s.Factor, float64((epoch-1)/s.Every))
	case "plateau":
		return plateauRate(s, base, done)
	case "cosine":
		return cosine(base, s.MinLR, t/total)
	case "onecycle":
		const warmup, div, finalDiv = 0.3, 25.0, 1e4
		start := base / div
		peak := warmup * total
		if t <= peak {
			return cosine(start, base, t/peak)
		}
		return cosine(base, start/finalDiv, (t-peak)/(total-peak))
	}
	return base
}

// plateauRate replays Keras' ReduceLROnPlateau (monitor val_loss, mode min,
// min_delta 1e-4, cooldown 0) over the completed epochs.
func plateauRate(s Schedule, base float64, done []EpochStats) float64 {
	const minDelta = 1e-4
	lr, best, wait := base, math.Inf(1), 0
	for _, e := range done {
		if e.ValLoss < best-minDelta {
			best, wait = e.ValLoss, 0
			continue
		}
		if wait++; wait >= s.Patience {
			lr, wait = max(lr*s.Factor, s.MinLR), 0
		}
	}
	return lr
}
