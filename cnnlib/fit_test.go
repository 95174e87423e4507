package cnnlib

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/kiwerkstatt/werkbank/datasets"
)

// quickFit returns a short training configuration for tests.
func quickFit(epochs int) FitConfig {
	cfg := PostFitConfig()
	cfg.Epochs, cfg.BatchSize, cfg.Verbose, cfg.Seed = epochs, 32, 0, 7
	return cfg
}

// weights returns every variable of m (optimizer slots included) by path.
func weights(m *Model) map[string][]float32 {
	out := map[string][]float32{}
	for v := range m.store.IterVariables() {
		if v.DType().IsFloat() {
			out[v.Path()] = tensors.MustCopyFlatData[float32](v.MustValue())
		}
	}
	return out
}

func TestFitDeterministic(t *testing.T) {
	d := randomData(200, 11)
	run := func(seed int64) (*History, map[string][]float32) {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		cfg := quickFit(2)
		cfg.Seed = seed
		h, err := m.Fit(context.Background(), d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range h.Epochs {
			h.Epochs[i].Seconds = 0
		}
		h.Seconds = 0
		return h, weights(m)
	}
	h1, w1 := run(3)
	h2, w2 := run(3)
	if !reflect.DeepEqual(h1, h2) {
		t.Errorf("same seed, different histories:\n%+v\n%+v", h1, h2)
	}
	if !reflect.DeepEqual(w1, w2) {
		t.Error("same seed, different weights")
	}
	h3, w3 := run(4)
	if reflect.DeepEqual(h1, h3) || reflect.DeepEqual(w1, w3) {
		t.Error("different seeds gave the same run")
	}
}

// TestResumeEqualsUninterrupted interrupts a run after its first epoch and
// resumes it from the checkpoint: the result equals an uninterrupted run.
func TestResumeEqualsUninterrupted(t *testing.T) {
	d := randomData(200, 12)
	ref, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want, err := ref.Fit(context.Background(), d, quickFit(2))
	if err != nil {
		t.Fatal(err)
	}

	dir := filepath.Join(t.TempDir(), "ckpt")
	first, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cfg := quickFit(2)
	cfg.CheckpointDir = dir
	cfg.OnEpoch = func(*History) { cancel() }
	if _, err := first.Fit(ctx, d, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Fit: err = %v, want context.Canceled", err)
	}
	second, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	cfg.OnEpoch = nil
	got, err := second.Fit(context.Background(), d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Epochs) != 2 {
		t.Fatalf("resumed history has %d epochs", len(got.Epochs))
	}
	for i := range want.Epochs {
		a, b := want.Epochs[i], got.Epochs[i]
		a.Seconds, b.Seconds = 0, 0
		if a != b {
			t.Errorf("epoch %d: uninterrupted %+v, resumed %+v", i+1, a, b)
		}
	}
	if !reflect.DeepEqual(weights(ref), weights(second)) {
		t.Error("resumed run ends with different weights")
	}

	// A different configuration must not continue this checkpoint.
	other, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	cfg.BatchSize = 64
	if _, err := other.Fit(context.Background(), d, cfg); err == nil || !strings.Contains(err.Error(), "another model or configuration") {
		t.Errorf("resuming with another batch size: err = %v", err)
	}
}

func TestFitDivergenceStops(t *testing.T) {
	d := randomData(100, 13)
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	cfg := quickFit(3)
	cfg.Optimizer.LearningRate = 1e6
	if _, err := m.Fit(context.Background(), d, cfg); !errors.Is(err, ErrDiverged) {
		t.Fatalf("lr 1e6: err = %v, want ErrDiverged", err)
	} else if !strings.Contains(err.Error(), "learning rate") {
		t.Errorf("message does not suggest a fix: %v", err)
	}
}

// TestDivergenceKeepsLastGoodCheckpoint: a run that diverges in its second
// epoch (simulated by overflowing a weight after epoch 1) stops with
// ErrDiverged, and the checkpoint still holds the finite weights of epoch 1.
func TestDivergenceKeepsLastGoodCheckpoint(t *testing.T) {
	d := randomData(100, 13)
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	cfg := quickFit(3)
	cfg.CheckpointDir = filepath.Join(t.TempDir(), "ckpt")
	var good map[string][]float32
	cfg.OnEpoch = func(h *History) {
		if len(h.Epochs) == 1 {
			good = weights(m)
			kernel := m.vars[10].kernel // dense_1
			huge := make([]float32, kernel.Shape().Size())
			for i := range huge {
				huge[i] = 3e38
			}
			kernel.SetValue(tensors.FromFlatDataAndDimensions(huge, kernel.Shape().Dimensions...))
		}
	}
	h, err := m.Fit(context.Background(), d, cfg)
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "epoch 2") {
		t.Fatalf("err = %v, want ErrDiverged in epoch 2", err)
	}
	if len(h.Epochs) != 1 {
		t.Errorf("history has %d epochs, want the 1 good one", len(h.Epochs))
	}
	again, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	resumed, err := again.resume(cfg.CheckpointDir, cfg)
	if err != nil || resumed == nil || len(resumed.Epochs) != 1 {
		t.Fatalf("checkpoint after divergence: history %v, err %v", resumed, err)
	}
	if !reflect.DeepEqual(weights(again), good) {
		t.Error("the checkpoint does not hold the weights of the last good epoch")
	}
}

func TestFitConfigErrors(t *testing.T) {
	d := randomData(50, 14)
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	for name, edit := range map[string]func(*FitConfig){
		"zero epochs":      func(c *FitConfig) { c.Epochs = 0 },
		"negative batch":   func(c *FitConfig) { c.BatchSize = -1 },
		"batch > data":     func(c *FitConfig) { c.BatchSize = 1000 },
		"validation split": func(c *FitConfig) { c.ValidationSplit = 1 },
		"bad optimizer":    func(c *FitConfig) { c.Optimizer.Name = "nope" },
	} {
		cfg := quickFit(1)
		edit(&cfg)
		if _, err := m.Fit(context.Background(), d, cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	bad := NewData(make([]float32, 10), []int32{1})
	if _, err := m.Fit(context.Background(), bad, quickFit(1)); err == nil {
		t.Error("short image data accepted")
	}
}

// loadMNIST loads MNIST without the network (cache or the Go module copy).
func loadMNIST(t testing.TB) *datasets.Dataset {
	t.Helper()
	ds, err := datasets.LoadMNIST(datasets.Options{NoDownload: true})
	if err != nil {
		t.Skipf("MNIST not available offline: %v", err)
	}
	return ds
}

// TestTrainsOnMNIST trains the blog model on 2,000 MNIST images for one epoch
// on the go backend and expects more than 80% on 1,000 test images.
func TestTrainsOnMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	ds := loadMNIST(t)
	train := FromSet(ds.Train.Slice(0, 2000))
	test := FromSet(ds.Test.Slice(0, 1000))
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	cfg := PostFitConfig()
	// 2,000 images are 12 steps at the post's batch size: too few for any
	// network. Small batches give the optimizer 500 steps in the same epoch.
	cfg.Epochs, cfg.BatchSize, cfg.ValidationSplit, cfg.Verbose, cfg.Seed = 1, 4, 0, 0, 1
	if _, err := m.Fit(context.Background(), train, cfg); err != nil {
		t.Fatal(err)
	}
	ev, err := m.Evaluate(test)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test accuracy after one epoch on 2,000 images: %.4f (loss %.4f)", ev.Accuracy, ev.Loss)
	if ev.Accuracy <= 0.80 {
		t.Errorf("accuracy %.4f, want > 0.80", ev.Accuracy)
	}
}
