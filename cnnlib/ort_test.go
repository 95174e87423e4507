package cnnlib

import (
	"math"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
)

// The tests in this file compare the ONNX Runtime backend ("onnx") with the
// pure Go backend. They run whenever ONNX Runtime loads (see ORTLibraryPath)
// and skip, saying why, otherwise.

// needORT skips the test when ONNX Runtime cannot be loaded.
func needORT(t testing.TB) {
	t.Helper()
	if _, _, err := probeORT(); err != nil {
		t.Skipf("ONNX Runtime not available (%v): install libonnxruntime.so (1.26 or later) at %s or set %s",
			err, ORTLibraryPath(), ORTLibraryEnv)
	}
}

// smallBatchNorm is the post's BatchNormalization variant, narrowed so the
// tests run fast on the go backend.
func smallBNMax() Spec {
	return variant(func(h *Hyperparameters) { h.Pooling, h.Filters, h.Dense = "bn-max", []int{4, 4, 4, 4}, 16 })
}

func smallBatchNorm() Spec {
	return variant(func(h *Hyperparameters) { h.Pooling, h.Filters, h.Dense = "batchnorm", []int{4, 4, 4, 4}, 16 })
}

// relDiffs returns |a-b|/|b| per element and the largest.
func relDiffs(a, b []float64) ([]float64, float64) {
	out := make([]float64, len(a))
	worst := 0.0
	for i := range a {
		out[i] = math.Abs(a[i]-b[i]) / math.Abs(b[i])
		worst = max(worst, out[i])
	}
	return out, worst
}

// trainSteps runs n steps of s on consecutive batches of d starting at batch
// first and returns the losses.
func trainSteps(t *testing.T, s *Stepper, d Data, first, n, batch int) []float64 {
	t.Helper()
	var losses []float64
	for b := first; b < first+n; b++ {
		idx := make([]int, batch)
		for i := range idx {
			idx[i] = (b*batch + i) % d.Len()
		}
		loss, err := s.Step(d, idx, 1, b)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, loss)
	}
	return losses
}

// newPair builds spec on the go backend (its default formulation) and on ONNX
// Runtime (formulation ortFormulation, "" = its default), with the same seed.
func newPair(t *testing.T, spec Spec, seed int64, ortFormulation string) (goM, ortM *Model) {
	t.Helper()
	goM, err := New(spec, Options{Backend: "go", Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	ortM, err = New(spec, Options{Backend: "onnx", Seed: seed, Formulation: ortFormulation})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { goM.Finalize(); ortM.Finalize() })
	return goM, ortM
}

// copyState sets every variable of dst (weights, BatchNorm statistics, and
// the optimizer slots dst has already created) to src's value.
func copyState(t *testing.T, dst, src *Model) {
	t.Helper()
	for v := range src.store.IterVariables() {
		w := dst.store.GetVariable(v.Path())
		if w == nil && strings.HasPrefix(v.Path(), optimizerScope) {
			continue
		} else if w == nil {
			t.Fatalf("variable %s missing in the other model", v.Path())
		}
		value, err := v.MustValue().LocalClone()
		if err != nil {
			t.Fatal(err)
		}
		if err := w.SetValue(value); err != nil {
			t.Fatal(err)
		}
	}
}

// TestORTLossesMatchGo trains the blog model on MNIST (samples in order,
// seed 1) on both backends.
//
//   - Step by step, same formulation (before every step ONNX Runtime gets
//     go's weights and optimizer state): 20 steps at the post's batch size 162
//     with im2col ("fast") and 3 steps at batch 32 with the stock ops (slow on
//     go): every loss within 1e-5 relative; with SGD every updated weight
//     within 1e-5 too. (RMSprop moves a weight whose gradient is zero up to
//     rounding by about +-lr*sqrt(10) either way, so its weights are not compared.)
//   - Free-running, each backend with its default formulation (go: fast,
//     ONNX Runtime: stock): the 20 RMSprop losses within 2e-2 relative. Two
//     things make them drift apart: RMSprop's amplification of rounding just
//     described, and the max-pool gradient on ties (MNIST's black background
//     gives many equal values in a pooling window): the stock MaxPool sends the
//     gradient to the first maximum (as TensorFlow does), the fast
//     formulation's ReduceMax to every tied maximum.
func TestORTLossesMatchGo(t *testing.T) {
	needORT(t)
	if testing.Short() {
		t.Skip("about 100 training steps")
	}
	ds := loadMNIST(t)
	const steps, batch = 20, 162
	d := FromSet(ds.Train.Slice(0, steps*batch))
	stepper := func(m *Model, name string) *Stepper {
		opt, _ := NewOptimizer(name)
		s, err := m.NewStepper(opt, 1)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		formulation, opt string
		steps, batch     int
	}{{"fast", "rmsprop", steps, batch}, {"fast", "sgd", steps, batch}, {"stock", "sgd", 3, 32}, {"stock-matmul-grad", "sgd", 3, 32}} {
		goM, err := New(PostModel(), Options{Backend: "go", Seed: 1, Formulation: c.formulation})
		if err != nil {
			t.Fatal(err)
		}
		ortM, err := New(PostModel(), Options{Backend: "onnx", Seed: 1, Formulation: c.formulation})
		if err != nil {
			t.Fatal(err)
		}
		gs, os := stepper(goM, c.opt), stepper(ortM, c.opt)
		worstLoss, worstWeight := 0.0, 0.0
		for b := range c.steps {
			if b > 0 {
				copyState(t, ortM, goM)
			}
			want := trainSteps(t, gs, d, b, 1, c.batch)[0]
			got := trainSteps(t, os, d, b, 1, c.batch)[0]
			worstLoss = max(worstLoss, math.Abs(got-want)/math.Abs(want))
			wg, wo := weights(goM), weights(ortM)
			for path, w := range wg {
				worstWeight = max(worstWeight, closeTo(wo[path], w))
			}
		}
		goM.Finalize()
		ortM.Finalize()
		t.Logf("step by step, %s, %s, %d steps at batch %d: worst relative loss difference %.3g, worst weight difference %.3g",
			c.formulation, c.opt, c.steps, c.batch, worstLoss, worstWeight)
		if worstLoss > 1e-5 {
			t.Errorf("step by step, %s, %s: loss differs by %.3g relative, want <= 1e-5", c.formulation, c.opt, worstLoss)
		}
		if c.opt == "sgd" && worstWeight > 1e-5 {
			t.Errorf("step by step, %s, %s: weights differ by %.3g, want <= 1e-5", c.formulation, c.opt, worstWeight)
		}
	}

	var losses [2][]float64
	for k, backend := range []string{"go", "onnx"} {
		m, err := New(PostModel(), Options{Backend: backend, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		losses[k] = trainSteps(t, stepper(m, "rmsprop"), d, 0, steps, batch)
		m.Finalize()
	}
	rel, worst := relDiffs(losses[1], losses[0])
	t.Logf("free-running rmsprop, default formulations: worst relative loss difference %.3g; per step %.2g", worst, rel)
	if worst > 2e-2 || rel[0] > 1e-5 {
		t.Errorf("onnx losses %v\ngo: %v\nrelative differences %.3g, want <= 2e-2 (first <= 1e-5)", losses[1], losses[0], rel)
	}
}

// closeTo reports the largest |a-b| / max(1, max|b|) over the values.
func closeTo(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	scale := 1.0
	for _, x := range b {
		scale = max(scale, math.Abs(float64(x)))
	}
	return maxAbsDiff(a, b) / scale
}

func flat(p [][]float32) []float32 {
	var out []float32
	for _, r := range p {
		out = append(out, r...)
	}
	return out
}

// TestORTLayersMatchGo compares every layer's output (LayerOutput) and the
// predictions on ONNX Runtime with the go backend for the same weights: fresh
// ones, and those after two training steps on go, copied over (training on
// each backend separately is TestORTPredictionsFollowTraining's), for the blog
// model, the BatchNorm variants and the (narrowed) Kaggle model with its
// strided convolutions.
func TestORTLayersMatchGo(t *testing.T) {
	needORT(t)
	d := randomData(48, 31)
	for name, spec := range map[string]Spec{"blog": PostModel(), "batchnorm": smallBatchNorm(), "bn-max": smallBNMax(), "kaggle": smallKaggle()} {
		goM, ortM := newPair(t, spec, 3, "")
		opt, _ := NewOptimizer("rmsprop")
		s, err := goM.NewStepper(opt, 4)
		if err != nil {
			t.Fatal(err)
		}
		for round := range 2 {
			if round == 1 {
				trainSteps(t, s, d, 0, 2, 16)
				copyState(t, ortM, goM)
			}
			imgs := d.Images()[:8*28*28]
			worstLayer := 0.0
			for i := range goM.Layers {
				a, _, err := goM.LayerOutput(i, imgs)
				if err != nil {
					t.Fatal(err)
				}
				b, _, err := ortM.LayerOutput(i, imgs)
				if err != nil {
					t.Fatal(err)
				}
				diff := closeTo(b, a)
				worstLayer = max(worstLayer, diff)
				if diff > 1e-5 {
					t.Errorf("%s, round %d: layer %d (%s) differs by %.3g (relative to max(1, max|x|))", name, round, i, goM.Layers[i].Name, diff)
				}
			}
			pa, err := goM.Predict(d.Images())
			if err != nil {
				t.Fatal(err)
			}
			pb, err := ortM.Predict(d.Images())
			if err != nil {
				t.Fatal(err)
			}
			diff := maxAbsDiff(flat(pb), flat(pa))
			t.Logf("%s, after %d steps: worst layer difference %.3g, worst probability difference %.3g", name, 2*round, worstLayer, diff)
			if diff > 1e-5 {
				t.Errorf("%s, round %d: predictions differ by %.3g", name, round, diff)
			}
		}
	}
}

// TestORTPredictionsFollowTraining: train 2 steps, predict, train 2 more,
// predict. On ONNX Runtime the second predictions must differ from the first
// (no weights baked into a cached graph) and both must match the go backend.
func TestORTPredictionsFollowTraining(t *testing.T) {
	needORT(t)
	d := randomData(64, 32)
	for name, spec := range map[string]Spec{"blog": PostModel(), "batchnorm": smallBatchNorm()} {
		goM, ortM := newPair(t, spec, 5, "")
		opt, _ := NewOptimizer("sgd")
		var preds [2][2][]float32 // [backend][round]
		for k, m := range []*Model{goM, ortM} {
			s, err := m.NewStepper(opt, 6)
			if err != nil {
				t.Fatal(err)
			}
			for round := range 2 {
				trainSteps(t, s, d, 2*round, 2, 16)
				p, err := m.Predict(d.Images())
				if err != nil {
					t.Fatal(err)
				}
				preds[k][round] = flat(p)
			}
		}
		moved := maxAbsDiff(preds[1][1], preds[1][0])
		t.Logf("%s: onnx predictions moved by %.3g between rounds; onnx vs go: %.3g, %.3g", name, moved,
			maxAbsDiff(preds[1][0], preds[0][0]), maxAbsDiff(preds[1][1], preds[0][1]))
		if moved < 1e-4 {
			t.Errorf("%s: onnx predictions after 4 steps equal those after 2 (moved %.3g): stale weights", name, moved)
		}
		// BatchNorm's batch statistics are float32 sums over batch*h*w values
		// (relative rounding error about 4e-5 on either backend): in training
		// they turn the backends' 1e-7 differences into about 1e-5 after a few
		// steps. Without BatchNorm the predictions agree to about 1e-7.
		tol := 1e-5
		if name == "batchnorm" {
			tol = 1e-4
		}
		for round := range 2 {
			if diff := maxAbsDiff(preds[1][round], preds[0][round]); diff > tol {
				t.Errorf("%s: after %d steps onnx and go predictions differ by %.3g", name, 2*(round+1), diff)
			}
		}
	}
}

// TestORTKaggleStepsMatchGo: the (narrowed) Kaggle model, with its strided
// convolutions (im2col on ONNX Runtime, whose Conv has no input dilation for
// their gradient) and seven BatchNormalization layers, takes the same SGD
// steps on both backends: before every step ONNX Runtime gets go's weights,
// then the losses agree within 1e-5 relative and the weights within 1e-5.
// (Free-running, the two drift apart fast: in training, BatchNormalization
// over conv2d_7's 1x1 outputs, 16 values a channel, turns rounding into
// differences of about 1e-4 in four steps.)
func TestORTKaggleStepsMatchGo(t *testing.T) {
	needORT(t)
	d := randomData(64, 32)
	goM, ortM := newPair(t, smallKaggle(), 5, "")
	opt, _ := NewOptimizer("sgd")
	gs, err := goM.NewStepper(opt, 6)
	if err != nil {
		t.Fatal(err)
	}
	os, err := ortM.NewStepper(opt, 6)
	if err != nil {
		t.Fatal(err)
	}
	for b := range 3 {
		if b > 0 {
			copyState(t, ortM, goM)
		}
		want := trainSteps(t, gs, d, b, 1, 16)[0]
		got := trainSteps(t, os, d, b, 1, 16)[0]
		if rel := math.Abs(got-want) / math.Abs(want); rel > 1e-5 {
			t.Errorf("step %d: onnx loss %.7g, go %.7g: %.3g relative, want <= 1e-5", b, got, want, rel)
		}
		wg, wo := weights(goM), weights(ortM)
		for path, w := range wg {
			if diff := closeTo(wo[path], w); diff > 1e-5 {
				t.Errorf("step %d: %s differs by %.3g, want <= 1e-5", b, path, diff)
			}
		}
	}
}

// TestORTBatchNormMovingStats: on ONNX Runtime the BatchNorm moving mean and
// variance move with every training step, as on the go backend (they once
// stayed at their first-step value: the variables were baked into the graph).
func TestORTBatchNormMovingStats(t *testing.T) {
	needORT(t)
	d := randomData(64, 33)
	goM, ortM := newPair(t, smallBatchNorm(), 7, "")
	bn := -1
	for i, l := range goM.Layers {
		if l.Type == BatchNormalization {
			bn = i
			break
		}
	}
	opt, _ := NewOptimizer("rmsprop")
	var stats [2][][]float32 // [backend][step] moving mean ++ moving variance
	for k, m := range []*Model{goM, ortM} {
		s, err := m.NewStepper(opt, 8)
		if err != nil {
			t.Fatal(err)
		}
		for step := range 3 {
			trainSteps(t, s, d, step, 1, 16)
			v := m.vars[bn]
			stats[k] = append(stats[k], append(tensors.MustCopyFlatData[float32](v.movingMean.MustValue()), tensors.MustCopyFlatData[float32](v.movingVar.MustValue())...))
		}
	}
	for step := range 3 {
		diff := closeTo(stats[1][step], stats[0][step])
		t.Logf("after step %d: onnx moving mean[0] %.6g (go %.6g), difference %.3g", step+1, stats[1][step][0], stats[0][step][0], diff)
		if diff > 1e-4 { // see TestORTPredictionsFollowTraining on BatchNorm's rounding
			t.Errorf("after step %d: onnx moving statistics differ from go by %.3g", step+1, diff)
		}
		if step > 0 && maxAbsDiff(stats[1][step], stats[1][step-1]) == 0 {
			t.Errorf("after step %d: onnx moving statistics did not move", step+1)
		}
	}
}

// TestDefaultFormulations: each backend gets the formulation measured
// fastest there (bench/NOTES.md).
func TestDefaultFormulations(t *testing.T) {
	needORT(t)
	for backend, want := range map[string]string{"go": FormulationFast, "onnx": FormulationStockMatMulGrad} {
		m, err := New(PostModel(), Options{Backend: backend})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Formulation(); got != want {
			t.Errorf("backend %s: formulation %q, want %q", backend, got, want)
		}
		m.Finalize()
	}
}
