package cnnlib

import (
	"math/rand/v2"
	"testing"
)

// randomData returns n images of uniform noise with random labels.
func randomData(n int, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := NewData(make([]float32, n*28*28), make([]int32, n))
	for i := range d.Images() {
		d.Images()[i] = rng.Float32()
	}
	for i := range d.Labels {
		d.Labels[i] = int32(rng.IntN(10))
	}
	return d
}

// BenchmarkTrainStep measures one RMSprop step of the blog model at the post's
// batch size 162 on the backend from GOMLX_BACKEND (default: ChooseBackend).
// Reports samples/s. Run: make bench, or
// GOEXPERIMENT=simd go test -run - -bench TrainStep ./cnnlib/
func BenchmarkTrainStep(b *testing.B) {
	m, err := New(PostModel(), Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Finalize()
	opt, _ := NewOptimizer("rmsprop")
	step, err := m.trainStep(opt)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 162
	d := randomData(batch, 1)
	idx := make([]int, batch)
	for i := range idx {
		idx[i] = i
	}
	x, y := m.gather(d, idx)
	noise := m.dropoutNoise(1, 1, 0, batch)
	if _, err := step.Call(x, y, noise, lrTensor(opt.LearningRate)); err != nil { // compile
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := step.Call(x, y, noise, lrTensor(opt.LearningRate)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkPredict measures inference throughput on 2,000 images.
func BenchmarkPredict(b *testing.B) {
	m, err := New(PostModel(), Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Finalize()
	d := randomData(2000, 2)
	if _, err := m.Predict(d.Images()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Predict(d.Images()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "images/s")
}
