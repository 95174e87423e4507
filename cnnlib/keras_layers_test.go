package cnnlib

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// kerasLayers is testdata/keras_layers.json: Keras' Conv2D and
// BatchNormalization computed by PyTorch in float64 (testdata/keras_layers.py
// wrote it and says how). Every case has a loss sum(y * r) and its gradients.
type kerasLayers struct {
	Conv []struct {
		Name       string
		XShape     []int  `json:"x_shape"`
		KernelSize [2]int `json:"kernel_size"`
		Filters    int
		Strides    [2]int
		Padding    string
		YShape     []int `json:"y_shape"`
		X, Kernel  []float32
		Bias, R, Y []float32
		DX         []float32 `json:"dx"`
		DKernel    []float32 `json:"dkernel"`
		DBias      []float32 `json:"dbias"`
	}
	BatchNorm []struct {
		Name              string
		XShape            []int `json:"x_shape"`
		X, Gamma, Beta, R []float32
		MovingMean        []float32 `json:"moving_mean"`
		MovingVariance    []float32 `json:"moving_variance"`
		TrainY            []float32 `json:"train_y"`
		DX                []float32 `json:"dx"`
		DGamma            []float32 `json:"dgamma"`
		DBeta             []float32 `json:"dbeta"`
		NewMovingMean     []float32 `json:"new_moving_mean"`
		NewMovingVariance []float32 `json:"new_moving_variance"`
		InferY            []float32 `json:"infer_y"`
	} `json:"batchnorm"`
}

func loadKerasLayers(t *testing.T) kerasLayers {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "keras_layers.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref kerasLayers
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Conv) == 0 || len(ref.BatchNorm) == 0 {
		t.Fatal("testdata/keras_layers.json has no cases")
	}
	return ref
}

// referenceConfigs are the backends (the tests' backend, and ONNX Runtime
// when it loads) and every formulation on each.
func referenceConfigs(t *testing.T) []Options {
	backends := []string{testBackend()}
	if testBackend() != "onnx" {
		if _, _, err := probeORT(); err == nil {
			backends = append(backends, "onnx")
		} else {
			t.Logf("ONNX Runtime not available (%v): checking %s only", err, testBackend())
		}
	}
	var out []Options
	for _, b := range backends {
		for _, f := range []string{FormulationFast, FormulationStock, FormulationStockMatMulGrad} {
			out = append(out, Options{Backend: b, Formulation: f, Seed: 1})
		}
	}
	return out
}

// layerGradients runs layer upTo of m (training or not) on images x
// [n, h, w, c] and returns its output y (channels last), and the gradients
// of sum(y * r) with respect to x and to the trainable weights of layer
// weightsOf (Keras' order: kernel, bias or gamma, beta).
func layerGradients(t *testing.T, m *Model, upTo, weightsOf int, training bool, x []float32, r []float32) [][]float32 {
	t.Helper()
	e, err := model.NewExec(m.backend, m.store, func(scope *model.Scope, x, r *Node) []*Node {
		g := x.Graph()
		y := m.forward(g, x, forwardOptions{training: training, upTo: upTo, formulation: m.formulation})
		loss := ReduceAllSum(Mul(y, Reshape(r, y.Shape().Dimensions...)))
		wrt := []*Node{x}
		for _, v := range m.vars[weightsOf].trainable() {
			wrt = append(wrt, v.NodeValue(g))
		}
		return append([]*Node{y}, Gradient(loss, wrt...)...)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Finalize()
	in := m.Spec.InputShape
	n := len(x) / (in[0] * in[1] * in[2])
	outs, err := e.Call(tensors.FromFlatDataAndDimensions(x, n, in[0], in[1], in[2]), tensors.FromFlatDataAndDimensions(r, len(r)))
	if err != nil {
		t.Fatal(err)
	}
	res := make([][]float32, len(outs))
	for i, o := range outs {
		res[i] = tensors.MustCopyFlatData[float32](o)
	}
	return res
}

// compare reports the largest difference of got from want relative to
// max(1, max|want|) when above tol.
func compare(t *testing.T, what string, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, want %d", what, len(got), len(want))
		return
	}
	if d := closeTo(got, want); d > tol {
		t.Errorf("%s differs from the reference by %.3g (relative to max(1, max|x|)), want <= %g", what, d, tol)
	}
}

// TestConv2DMatchesKerasReference: Conv2D with strides 1, 2 and 3 (and
// (2, 1)), 'same' and 'valid' padding (TensorFlow's odd 'same' padding
// after, a strided 'valid' whose last row no window reaches) and kernels
// from 1x1 to 5x5 and 4x3 gives Keras' outputs and gradients (input, kernel,
// bias) on every backend and formulation.
func TestConv2DMatchesKerasReference(t *testing.T) {
	ref := loadKerasLayers(t)
	for _, opts := range referenceConfigs(t) {
		for _, c := range ref.Conv {
			name := fmt.Sprintf("%s/%s: %s", opts.Backend, opts.Formulation, c.Name)
			xs := c.XShape
			spec := Sequential(layers.Input(xs[1], xs[2], xs[3]),
				layers.Conv2D(c.Filters, c.KernelSize[0], layers.KernelSize(c.KernelSize[0], c.KernelSize[1]),
					layers.StridesHW(c.Strides[0], c.Strides[1]), layers.Padding(c.Padding)),
				layers.Flatten(), layers.Dense(2, layers.Softmax))
			infos, err := spec.Infer()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got := append([]int{xs[0]}, infos[0].OutputShape...); fmt.Sprint(got) != fmt.Sprint(c.YShape) {
				t.Errorf("%s: Infer gives output shape %v, Keras %v", name, got, c.YShape)
			}
			m, err := New(spec, opts)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := m.SetWeights(0, c.Kernel, c.Bias); err != nil {
				t.Fatal(err)
			}
			for _, training := range []bool{false, true} {
				res := layerGradients(t, m, 0, 0, training, c.X, c.R)
				what := fmt.Sprintf("%s (training %v)", name, training)
				compare(t, what+": output", res[0], c.Y, 1e-5)
				compare(t, what+": input gradient", res[1], c.DX, 1e-5)
				compare(t, what+": kernel gradient", res[2], c.DKernel, 1e-5)
				compare(t, what+": bias gradient", res[3], c.DBias, 1e-5)
			}
			m.Finalize()
		}
	}
}

// TestBatchNormalizationMatchesKerasReference: BatchNormalization after a
// Conv2D (channels-first between convolutions in the fast formulation) and
// after a Dense layer normalises with the batch statistics while training
// (output and gradients for input, gamma and beta as Keras'), moves the
// moving mean and variance as Keras 2 does (momentum 0.99, the unbiased batch
// variance) and normalises with them in inference (epsilon 1e-3), on every
// backend and formulation.
func TestBatchNormalizationMatchesKerasReference(t *testing.T) {
	ref := loadKerasLayers(t)
	identity := func(n int) []float32 {
		k := make([]float32, n*n)
		for i := range n {
			k[i*n+i] = 1
		}
		return k
	}
	for _, opts := range referenceConfigs(t) {
		for _, c := range ref.BatchNorm {
			name := fmt.Sprintf("%s/%s: %s", opts.Backend, opts.Formulation, c.Name)
			xs := c.XShape
			ch := xs[len(xs)-1]
			// An identity layer in front: a 1x1 Conv2D or a Dense layer.
			var spec Spec
			if len(xs) == 4 {
				spec = Sequential(layers.Input(xs[1], xs[2], ch), layers.Conv2D(ch, 1), layers.BatchNormalization(),
					layers.Flatten(), layers.Dense(2, layers.Softmax))
			} else {
				spec = Sequential(layers.Input(1, 1, ch), layers.Flatten(), layers.Dense(ch), layers.BatchNormalization(),
					layers.Dense(2, layers.Softmax))
			}
			m, err := New(spec, opts)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			bn := 1 // after the Conv2D
			if len(xs) == 2 {
				bn = 2 // after Flatten and Dense
			}
			if err := m.SetWeights(bn-1, identity(ch), make([]float32, ch)); err != nil {
				t.Fatal(err)
			}
			reset := func() {
				if err := m.SetWeights(bn, c.Gamma, c.Beta, c.MovingMean, c.MovingVariance); err != nil {
					t.Fatal(err)
				}
			}
			reset()
			res := layerGradients(t, m, bn, bn, true, c.X, c.R)
			compare(t, name+": training output", res[0], c.TrainY, 1e-5)
			compare(t, name+": input gradient", res[1], c.DX, 1e-5)
			compare(t, name+": gamma gradient", res[2], c.DGamma, 1e-5)
			compare(t, name+": beta gradient", res[3], c.DBeta, 1e-5)
			w, err := m.Weights(bn)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, name+": moving mean after a step", w[2], c.NewMovingMean, 1e-6)
			compare(t, name+": moving variance after a step", w[3], c.NewMovingVariance, 1e-6)

			reset()
			y, _, err := m.LayerOutput(bn, c.X)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, name+": inference output", y, c.InferY, 1e-5)
			res = layerGradients(t, m, bn, bn, false, c.X, c.R)
			compare(t, name+": inference output (gradient graph)", res[0], c.InferY, 1e-5)
			m.Finalize()
		}
	}
}
