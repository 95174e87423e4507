package cnnlib

import (
	"context"
	"testing"
	"time"
)

// BenchmarkFitVsStep times, in one process on one backend (GOMLX_BACKEND),
// the post's training step inside Fit (batches gathered from MNIST,
// dropout masks drawn, loss and accuracy read back, progress kept) and the
// bare compiled step called on those same batches, prepared beforehand. It
// reports both in ms per step and their ratio (fit/step): what the loop
// around the graph costs. Run: GOEXPERIMENT=simd GOMLX_BACKEND=onnx go test
// -run - -bench FitVsStep -benchtime 3x ./cnnlib/
func BenchmarkFitVsStep(b *testing.B) {
	const batch, steps = 162, 60
	ds := loadMNIST(b)
	data := FromSet(ds.Train.Slice(0, batch*steps))
	m, err := New(PostModel(), Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Finalize()
	fit := PostFitConfig()
	fit.Epochs, fit.ValidationSplit, fit.Verbose, fit.Seed = 1, 0, 0, 1
	step, err := m.trainStep(fit.Optimizer)
	if err != nil {
		b.Fatal(err)
	}
	type args struct{ x, y, noise any }
	bare := make([]args, steps)
	idx := make([]int, batch)
	for s := range bare {
		for i := range idx {
			idx[i] = s*batch + i
		}
		x, y := m.gather(data, idx)
		bare[s] = args{x, y, m.dropoutNoise(1, 1, s, batch)}
	}
	ctx := context.Background()
	if _, err := m.Fit(ctx, data, fit); err != nil { // compiles, warms up
		b.Fatal(err)
	}
	var fitTime, stepTime time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := m.Fit(ctx, data, fit); err != nil {
			b.Fatal(err)
		}
		fitTime += time.Since(start)
		start = time.Now()
		for _, a := range bare {
			if _, err := step.Call(a.x, a.y, a.noise, lrTensor(fit.Optimizer.LearningRate)); err != nil {
				b.Fatal(err)
			}
		}
		stepTime += time.Since(start)
	}
	perStep := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N*steps) }
	b.ReportMetric(perStep(fitTime), "fit-ms/step")
	b.ReportMetric(perStep(stepTime), "step-ms/step")
	b.ReportMetric(fitTime.Seconds()/stepTime.Seconds(), "fit/step")
}
