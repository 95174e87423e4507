package cnnlib

import (
	"math"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
)

// TestFastFormulationMatchesStock proves that the im2col convolution and
// reshape pooling used on the pure Go backend compute the same function as the
// backend's stock Convolve and MaxPool, for the same weights: every layer's
// output, and the loss and updated weights of one training step.
func TestFastFormulationMatchesStock(t *testing.T) {
	specs := map[string]Spec{
		"blog": BlogModel(),
		"5x5":  variant(func(h *Hyperparameters) { h.Kernel = 5 }),
	}
	// A valid-padded 4x2 kernel checks the asymmetric cases.
	odd := BlogModel()
	odd.Layers[0].KernelSize, odd.Layers[0].Padding = [2]int{4, 2}, "same"
	odd.Layers[2].Padding = "valid"
	specs["4x2 same, valid"] = odd
	d := randomData(6, 3)
	for name, spec := range specs {
		fast, err := New(spec, Options{Backend: testBackend(), Seed: 5, Formulation: "fast"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stock, err := New(spec, Options{Backend: testBackend(), Seed: 5, Formulation: "stock"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range fast.Layers {
			a, _, err := fast.LayerOutput(i, d.Images)
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := stock.LayerOutput(i, d.Images)
			if err != nil {
				t.Fatal(err)
			}
			if diff := maxAbsDiff(a, b); diff > 1e-5 {
				t.Errorf("%s: layer %d (%s) differs by %g", name, i, fast.Layers[i].Name, diff)
			}
		}
		opt, _ := NewOptimizer("rmsprop")
		idx := []int{0, 1, 2, 3, 4, 5}
		var losses [2]float32
		for k, m := range []*Model{fast, stock} {
			step, err := m.trainStep(opt)
			if err != nil {
				t.Fatal(err)
			}
			x, y := m.gather(d, idx)
			outs, err := step.Call(x, y, m.dropoutNoise(1, 1, 0, len(idx)))
			if err != nil {
				t.Fatal(err)
			}
			losses[k] = tensors.ToScalar[float32](outs[0])
		}
		if math.Abs(float64(losses[0]-losses[1])) > 1e-5 {
			t.Errorf("%s: training loss fast %v vs stock %v", name, losses[0], losses[1])
		}
		for i := range fast.vars {
			for k, v := range fast.vars[i].trainable() {
				w := stock.vars[i].trainable()[k]
				a := tensors.MustCopyFlatData[float32](v.MustValue())
				b := tensors.MustCopyFlatData[float32](w.MustValue())
				if diff := maxAbsDiff(a, b); diff > 1e-5 {
					t.Errorf("%s: %s after one step differs by %g", name, v.Path(), diff)
				}
			}
		}
	}
}

func maxAbsDiff(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var d float64
	for i := range a {
		d = max(d, math.Abs(float64(a[i]-b[i])))
	}
	return d
}
