package cnnlib

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
)

// A TrainRun trains as Fit does, tests, and saves a model that loads back
// with the same history; its Started hook sees the model before training.
func TestTrainRunTrainsTestsSaves(t *testing.T) {
	d := randomData(240, 21)
	train, test := d.Slice(0, 200), d.Slice(200, 240)
	dir := filepath.Join(t.TempDir(), "model")
	started := 0
	run := TrainRun{Spec: PostModel(), Options: Options{Backend: testBackend(), Seed: 5}, Fit: quickFit(1),
		Train: train, Test: test, ModelDir: dir, Started: func(*Model) error { started++; return nil }}
	res, err := run.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Finalize()
	if started != 1 || len(res.History.Epochs) != 1 || res.Test.Samples != 40 || res.Seconds <= 0 {
		t.Errorf("started %d, %d epochs, %d tested, %v s", started, len(res.History.Epochs), res.Test.Samples, res.Seconds)
	}

	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	hist, err := m.Fit(context.Background(), train, quickFit(1))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.History.Epochs[0].Loss, hist.Epochs[0].Loss; got != want {
		t.Errorf("loss %v, Fit alone %v", got, want)
	}
	back, err := Load(dir, Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Finalize()
	if !reflect.DeepEqual(back.History.Epochs, res.History.Epochs) || back.Training.Seed != 7 {
		t.Errorf("loaded history %+v, training %+v", back.History.Epochs, back.Training)
	}
}

// A run that stops returns its error and what it had; nothing is saved.
func TestTrainRunStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "model")
	boom := errors.New("boom")
	_, err := TrainRun{Spec: PostModel(), Options: Options{Backend: testBackend()}, Fit: quickFit(1), Train: randomData(100, 3),
		ModelDir: dir, Started: func(*Model) error { return boom }}.Run(ctx)
	if !errors.Is(err, boom) {
		t.Errorf("Started's error: %v", err)
	}
	res, err := TrainRun{Spec: PostModel(), Options: Options{Backend: testBackend()}, Fit: quickFit(1), Train: randomData(100, 3), ModelDir: dir}.Run(ctx)
	if !errors.Is(err, context.Canceled) || res == nil || res.Model != nil {
		t.Errorf("cancelled: %v, %+v", err, res)
	}
	if _, statErr := Load(dir, Options{Backend: testBackend()}); statErr == nil {
		t.Error("a stopped run saved a model")
	}
}
