package cnnlib

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/core/tensors"
)

// TestFastFormulationMatchesStock proves that the im2col convolution and
// reshape pooling used on the pure Go backend compute the same function as the
// backend's stock Convolve and MaxPool, for the same weights: every layer's
// output, and the loss and updated weights of one training step.
func TestFastFormulationMatchesStock(t *testing.T) {
	specs := map[string]Spec{
		"blog": PostModel(),
		"5x5":  variant(func(h *Hyperparameters) { h.Kernel = 5 }),
		// Conv2D, BatchNormalization, ReLU, MaxPooling2D: the fast path moves
		// between channels-first and channels-last around the non-spatial layers.
		"bn-max": variant(func(h *Hyperparameters) { h.Pooling, h.Filters, h.Dense = "bn-max", []int{8, 8, 8, 8}, 16 }),
		// Strided 'same' 5x5 convolutions, 'valid' 3x3 and 4x4 ones, a
		// BatchNormalization after each (channels-first between them in the
		// fast formulation): the Kaggle model, narrowed.
		"kaggle": smallKaggle(),
	}
	// A valid-padded 4x2 kernel checks the asymmetric cases.
	odd := PostModel()
	odd.Layers[0].KernelSize, odd.Layers[0].Padding = [2]int{4, 2}, "same"
	odd.Layers[2].Padding = "valid"
	specs["4x2 same, valid"] = odd
	for _, data := range []struct {
		name string
		d    Data
	}{{"random", randomData(6, 3)}, {"tied strokes", tiedData(6, 3)}} {
		for name, spec := range specs {
			checkFormulationsMatch(t, data.name+", "+name, spec, data.d, FormulationFast)
		}
	}
}

// TestMatMulKernelGradMatchesStock proves that the stock formulation with the
// conv kernel gradients as MatMuls (ONNX Runtime's default) computes the same
// layer outputs, loss and one-step weights as the stock one: same padding and
// valid, strides 1 and 2, square and 4x2 kernels, one input channel (left to
// the backend) and more.
func TestMatMulKernelGradMatchesStock(t *testing.T) {
	odd := PostModel()
	odd.Layers[0].KernelSize, odd.Layers[0].Padding = [2]int{4, 2}, "same"
	odd.Layers[2].KernelSize, odd.Layers[2].Padding = [2]int{2, 3}, "valid"
	specs := map[string]Spec{
		"blog":            PostModel(),
		"4x2 same, valid": odd,
		"bn-max":          variant(func(h *Hyperparameters) { h.Pooling, h.Filters, h.Dense = "bn-max", []int{8, 8, 8, 8}, 16 }),
		"kaggle":          smallKaggle(),
	}
	for name, spec := range specs {
		checkFormulationsMatch(t, name, spec, randomData(6, 4), FormulationStockMatMulGrad)
	}
}

// checkFormulationsMatch compares formulation with the stock one for spec on d.
func checkFormulationsMatch(t *testing.T, name string, spec Spec, d Data, formulation string) {
	t.Helper()
	{
		other, err := New(spec, Options{Backend: testBackend(), Seed: 5, Formulation: formulation})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stock, err := New(spec, Options{Backend: testBackend(), Seed: 5, Formulation: FormulationStock})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range other.Layers {
			a, _, err := other.LayerOutput(i, d.Images())
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := stock.LayerOutput(i, d.Images())
			if err != nil {
				t.Fatal(err)
			}
			if diff := maxAbsDiff(a, b); diff > 1e-5 {
				t.Errorf("%s: layer %d (%s) differs by %g", name, i, other.Layers[i].Name, diff)
			}
		}
		opt, _ := NewOptimizer("rmsprop")
		idx := []int{0, 1, 2, 3, 4, 5}
		var losses [2]float32
		for k, m := range []*Model{other, stock} {
			step, err := m.trainStep(opt)
			if err != nil {
				t.Fatal(err)
			}
			x, y := m.gather(d, idx)
			outs, err := step.Call(x, y, m.dropoutNoise(1, 1, 0, len(idx)), lrTensor(opt.LearningRate))
			if err != nil {
				t.Fatal(err)
			}
			losses[k] = tensors.ToScalar[float32](outs[0])
		}
		if math.Abs(float64(losses[0]-losses[1])) > 1e-5 {
			t.Errorf("%s: training loss %s %v vs stock %v", name, formulation, losses[0], losses[1])
		}
		for i := range other.vars {
			// A bias right before BatchNormalization has a gradient of exactly 0
			// in real numbers (the batch mean takes it out): its float gradient
			// is rounding noise, which RMSprop's first step scales to up to
			// lr*sqrt(10) either way. Nothing to compare there.
			beforeBN := i+1 < len(other.Layers) && other.Layers[i+1].Type == BatchNormalization
			for k, v := range other.vars[i].trainable() {
				if beforeBN && v == other.vars[i].bias {
					continue
				}
				w := stock.vars[i].trainable()[k]
				a := tensors.MustCopyFlatData[float32](v.MustValue())
				b := tensors.MustCopyFlatData[float32](w.MustValue())
				// RMSprop's first step is about lr*sqrt(10) = 0.0063 for every weight whose
				// gradient is well above eps, and float noise moves only gradients near
				// eps: 1e-4 passes that noise (1.4e-5 seen) and fails a gradient sent to
				// the wrong pixel (0.0063, tied strokes with ReduceMax's gradient).
				if diff := maxAbsDiff(a, b); diff > 1e-4 {
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

// tiedData returns n images of saturated strokes on black, as MNIST's are:
// blocks of pixels at exactly 1, so that first-layer outputs tie at positive
// values inside pooling windows.
func tiedData(n int, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 11))
	d := NewData(make([]float32, n*28*28), make([]int32, n))
	for i := range n {
		img := d.Images()[i*784 : (i+1)*784]
		for range 4 {
			r, c, h, w := 2+rng.IntN(16), 2+rng.IntN(16), 3+rng.IntN(8), 3+rng.IntN(8)
			for y := r; y < min(r+h, 28); y++ {
				for x := c; x < min(c+w, 28); x++ {
					img[y*28+x] = 1
				}
			}
		}
		d.Labels[i] = int32(rng.IntN(10))
	}
	return d
}

// TestFastPoolingGradientGoesToFirstMax checks the gradient of the fast
// pooling on tied windows against TensorFlow's MaxPoolGrad: all of it to the
// first maximum in row-major order, none to the other tied ones.
func TestFastPoolingGradientGoesToFirstMax(t *testing.T) {
	b, _, err := NewBackend(testBackend())
	if err != nil {
		t.Fatal(err)
	}
	// One channel, one image, 2x4: windows [[5,5],[5,5]] and [[1,7],[7,2]].
	in := []float32{5, 5, 1, 7, 5, 5, 7, 2}
	outs := MustExecOnceN(b, func(x *Node) []*Node {
		pooled := maxPoolReshapeCF(x, [2]int{2, 2}, true)
		return []*Node{pooled, Gradient(ReduceAllSum(pooled), x)[0]}
	}, tensors.FromFlatDataAndDimensions(in, 1, 1, 2, 4))
	if got := tensors.MustCopyFlatData[float32](outs[0]); !slices.Equal(got, []float32{5, 7}) {
		t.Errorf("pooled %v, want [5 7]", got)
	}
	want := []float32{1, 0, 0, 1, 0, 0, 0, 0}
	if got := tensors.MustCopyFlatData[float32](outs[1]); !slices.Equal(got, want) {
		t.Errorf("gradient %v, want %v (all to the first maximum of each window)", got, want)
	}
}
