package cnnlib

import (
	"context"
	"reflect"
	"testing"
)

// TestFitTimeToTarget: a reachable target is recorded with its step, an
// unreachable one is not, and measuring changes no weight or loss.
func TestFitTimeToTarget(t *testing.T) {
	d := randomData(200, 11) // labels at random: validation accuracy about 0.1
	run := func(target float64) (*History, map[string][]float32) {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		cfg := quickFit(2)
		cfg.Target, cfg.EvalEvery = target, 2
		h, err := m.Fit(context.Background(), d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return h, weights(m)
	}
	reached, w1 := run(0.01)
	if reached.TimeToTarget <= 0 || reached.TargetStep != 2 {
		t.Errorf("target 0.01: time %v at step %d, want > 0 at step 2", reached.TimeToTarget, reached.TargetStep)
	}
	never, w2 := run(0.99)
	if never.TimeToTarget != 0 || never.TargetStep != 0 {
		t.Errorf("target 0.99 on random labels: time %v at step %d, want none", never.TimeToTarget, never.TargetStep)
	}
	plain, w3 := run(0)
	for i := range plain.Epochs {
		if plain.Epochs[i].Loss != never.Epochs[i].Loss || plain.Epochs[i].ValAcc != reached.Epochs[i].ValAcc {
			t.Errorf("epoch %d: measuring the target changed the training", i+1)
		}
	}
	if !reflect.DeepEqual(w1, w3) || !reflect.DeepEqual(w2, w3) {
		t.Error("measuring the target changed the weights")
	}
	cfg := quickFit(1)
	cfg.Target, cfg.ValidationSplit = 0.9, 0
	if err := cfg.Validate(100); err == nil {
		t.Error("a target without validation data: no error")
	}
}
