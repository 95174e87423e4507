package cnnlib

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// gradCAMSpecs are small random models for the Grad-CAM tests: one whose last
// convolution (tanh) is max-pooled before the dense layers, and one shaped
// like the post's (ReLU convolution, dropout, flatten, dense ReLU, softmax).
func gradCAMSpecs() map[string]Spec {
	return map[string]Spec{
		"pooled": Sequential(
			layers.Input(10, 10, 1),
			layers.Conv2D(3, 3, layers.Same, layers.ReLU),
			layers.MaxPooling2D(2),
			layers.Conv2D(4, 3, layers.Same, layers.Tanh),
			layers.MaxPooling2D(2),
			layers.Flatten(),
			layers.Dropout(0.3),
			layers.Dense(6, layers.ReLU),
			layers.Dense(3, layers.Softmax),
		),
		"post-like": Sequential(
			layers.Input(12, 12, 1),
			layers.Conv2D(4, 3, layers.ReLU),
			layers.MaxPooling2D(2),
			layers.Conv2D(5, 3, layers.Same, layers.ReLU),
			layers.Dropout(0.4),
			layers.Flatten(),
			layers.Dropout(0.4),
			layers.Dense(8, layers.ReLU),
			layers.Dropout(0.4),
			layers.Dense(4, layers.Softmax),
		),
	}
}

// hostLogits runs layers from+1 .. last of m on the host in float64, from
// acts (the output of layer from for one image, channels last), and returns
// the logits (the last Dense layer without its softmax). It knows the layers
// the Grad-CAM test models have after their last convolution.
func hostLogits(t *testing.T, m *Model, from int, acts []float64) []float64 {
	t.Helper()
	x := acts
	for i := from + 1; i <= m.last(); i++ {
		info := m.Layers[i]
		switch info.Type {
		case Dropout, Flatten: // identity in inference, and Flatten keeps NHWC order
		case MaxPooling2D:
			in := info.InputShape
			h, w, c := in[0], in[1], in[2]
			ph, pw := info.PoolSize[0], info.PoolSize[1]
			oh, ow := h/ph, w/pw
			out := make([]float64, oh*ow*c)
			for r := range oh {
				for q := range ow {
					for k := range c {
						best := math.Inf(-1)
						for dr := range ph {
							for dq := range pw {
								best = max(best, x[((r*ph+dr)*w+q*pw+dq)*c+k])
							}
						}
						out[(r*ow+q)*c+k] = best
					}
				}
			}
			x = out
		case Dense:
			kernel := tensors.MustCopyFlatData[float32](m.vars[i].kernel.MustValue())
			bias := tensors.MustCopyFlatData[float32](m.vars[i].bias.MustValue())
			out := make([]float64, info.Units)
			for u := range out {
				s := float64(bias[u])
				for j, v := range x {
					s += v * float64(kernel[j*info.Units+u])
				}
				out[u] = s
			}
			x = out
			if i == m.last() {
				return x
			}
			switch info.Activation {
			case "relu":
				for u, v := range x {
					x[u] = max(v, 0)
				}
			case "", "linear":
			default:
				t.Fatalf("hostLogits: activation %q", info.Activation)
			}
		default:
			t.Fatalf("hostLogits: layer type %s", info.Type)
		}
	}
	t.Fatal("hostLogits: no last Dense layer")
	return nil
}

// poolTies reports a pooling window after layer from whose two largest values
// are within d of each other: there the logits are not differentiable
// in the feature maps and central differences are no reference.
func poolTies(m *Model, from int, acts []float32, d float64) string {
	if from+1 > m.last() || m.Layers[from+1].Type != MaxPooling2D {
		return ""
	}
	info := m.Layers[from+1]
	in := info.InputShape
	w, c := in[1], in[2]
	ph, pw := info.PoolSize[0], info.PoolSize[1]
	for r := range in[0] / ph {
		for q := range in[1] / pw {
			for k := range c {
				var vs []float64
				for dr := range ph {
					for dq := range pw {
						vs = append(vs, float64(acts[((r*ph+dr)*w+q*pw+dq)*c+k]))
					}
				}
				for a := range vs {
					for b := a + 1; b < len(vs); b++ {
						if math.Abs(vs[a]-vs[b]) < d && vs[a] >= slices.Max(vs)-d {
							return fmt.Sprintf("window (%d, %d) of channel %d: %v", r, q, k, vs)
						}
					}
				}
			}
		}
	}
	return ""
}

// TestGradCAMMatchesFiniteDifferences checks the gradient of the class logit
// with respect to the last convolution's feature maps, and the Grad-CAM map
// built from it, against an independent computation: the layers after the
// convolution rerun on the host in float64 (hostLogits, from the model's
// weights), each feature-map value moved by +-h, central differences.
//
// Tolerance: after the convolution the test models are piecewise linear in
// the feature maps (max pooling, ReLU, Dense), so the central differences are
// exact up to float64 rounding, about 1e-16/h = 1e-10 with h = 1e-6, unless a
// kink lies within h (poolTies rules out the pooling ones; a ReLU unit would
// need |pre-activation| < 1e-6). The graph computes in float32 (epsilon
// 6e-8) through sums of at most ~100 products: at worst about 1e-5 of the
// gradients' scale, in practice far less (seen: 7e-8 of the largest
// gradient, logged). 1e-4 of the largest gradient leaves at least ten times
// the worst case, while a wrong gradient (a channel or position mixed up, the
// probability instead of the logit, dropout left on) is off by a good share
// of it.
func TestGradCAMMatchesFiniteDifferences(t *testing.T) {
	for name, spec := range gradCAMSpecs() {
		for _, formulation := range []string{FormulationFast, FormulationStock} {
			t.Run(name+"/"+formulation, func(t *testing.T) {
				m, err := New(spec, Options{Backend: testBackend(), Seed: 7, Formulation: formulation})
				if err != nil {
					t.Fatal(err)
				}
				defer m.Finalize()
				convs := m.ConvLayers()
				last := convs[len(convs)-1]
				in := spec.InputShape
				img := NoiseImage(11, in[0], in[1]*in[2])
				probs, err := m.Predict(img)
				if err != nil {
					t.Fatal(err)
				}
				positive := 0
				for class := range spec.Classes {
					p, err := m.gradCAM(last, img, class)
					if err != nil {
						t.Fatal(err)
					}
					out := m.Layers[last].OutputShape
					if p.rows != out[0] || p.cols != out[1] || p.depth != out[2] || len(p.cam) != out[0]*out[1] {
						t.Fatalf("map %dx%dx%d, %d values; layer output %v", p.rows, p.cols, p.depth, len(p.cam), out)
					}
					fm, err := m.FeatureMaps(last, img)
					if err != nil {
						t.Fatal(err)
					}
					if d := maxAbsDiff(fm.Data, p.acts); d > 1e-6 {
						t.Fatalf("feature maps differ from FeatureMaps by %g", d)
					}
					if tie := poolTies(m, last, p.acts, 1e-4); tie != "" {
						t.Fatalf("tie in a pooling window, the test needs another seed: %s", tie)
					}
					acts := make([]float64, len(p.acts))
					for i, v := range p.acts {
						acts[i] = float64(v)
					}
					// The host network is the model: its softmax is Predict, its logits the graph's.
					logits := hostLogits(t, m, last, acts)
					var z float64
					for _, l := range logits {
						z += math.Exp(l)
					}
					for c, l := range logits {
						if d := math.Abs(math.Exp(l)/z - float64(probs[0][c])); d > 1e-5 {
							t.Fatalf("host softmax %v, Predict %v", math.Exp(l)/z, probs[0][c])
						}
						if d := math.Abs(l - float64(p.logits[c])); d > 1e-5*(1+math.Abs(l)) {
							t.Fatalf("host logit %d = %v, graph %v", c, l, p.logits[c])
						}
					}
					const h = 1e-6
					fd := make([]float64, len(acts))
					var scale float64
					for j := range acts {
						v := acts[j]
						acts[j] = v + h
						up := hostLogits(t, m, last, acts)[class]
						acts[j] = v - h
						down := hostLogits(t, m, last, acts)[class]
						acts[j] = v
						fd[j] = (up - down) / (2 * h)
						scale = max(scale, math.Abs(fd[j]))
					}
					if scale < 1e-2 {
						t.Fatalf("class %d: largest gradient %g, too small to test anything", class, scale)
					}
					tol := 1e-4 * scale
					var worst float64
					for j, g := range p.grads {
						d := math.Abs(float64(g) - fd[j])
						worst = max(worst, d)
						if d > tol {
							t.Errorf("class %d: d logit / d A[%d] (row %d, col %d, channel %d) = %v, finite differences %v",
								class, j, j/p.depth/p.cols, j/p.depth%p.cols, j%p.depth, g, fd[j])
						}
					}
					t.Logf("class %d: largest gradient %.3g, largest difference %.2g (%.1g of it)", class, scale, worst, worst/scale)
					// Grad-CAM from the reference gradients, written out once more.
					n := p.rows * p.cols
					want := make([]float64, n)
					var camMax float64
					for pos := range n {
						var s float64
						for k := range p.depth {
							var alpha float64
							for q := range n {
								alpha += fd[q*p.depth+k] / float64(n)
							}
							s += alpha * acts[pos*p.depth+k]
						}
						want[pos] = max(s, 0)
						camMax = max(camMax, want[pos])
					}
					cam, rows, cols, err := m.GradCAM(img, class)
					if err != nil {
						t.Fatal(err)
					}
					if rows != p.rows || cols != p.cols {
						t.Fatalf("GradCAM: %dx%d, want %dx%d", rows, cols, p.rows, p.cols)
					}
					for pos, v := range cam {
						if v < 0 || math.Abs(float64(v)-want[pos]) > 1e-4*max(camMax, scale) {
							t.Errorf("class %d: cam[%d] = %v, want %v", class, pos, v, want[pos])
						}
					}
					if camMax > 0 {
						positive++
					}
				}
				if positive == 0 {
					t.Error("the map is zero for every class: nothing compared")
				}
			})
		}
	}
}

func TestGradCAMErrors(t *testing.T) {
	spec := gradCAMSpecs()["post-like"]
	m, err := New(spec, Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	img := NoiseImage(1, 12, 12)
	for _, c := range []struct {
		name  string
		image []float32
		class int
		want  string
	}{
		{"short image", img[:100], 0, "got 100 pixel values for 1 images of 12x12x1"},
		{"two images", append(append([]float32(nil), img...), img...), 0, "got 288 pixel values"},
		{"empty image", nil, 0, "got 0 pixel values"},
		{"class -1", img, -1, "class -1 outside 0..3"},
		{"class 4", img, 4, "class 4 outside 0..3"},
	} {
		cam, _, _, err := m.GradCAM(c.image, c.class)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "Grad-CAM: ") {
			t.Errorf("%s: map %v, error %v, want %q", c.name, cam, err, c.want)
		}
	}
	if _, err := m.gradCAM(1, img, 0); err == nil || !strings.Contains(err.Error(), "not a Conv2D layer") {
		t.Errorf("Grad-CAM at a pooling layer: %v", err)
	}
	dense, err := New(Sequential(layers.Input(4, 4, 1), layers.Flatten(), layers.Dense(2, layers.Softmax)), Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	defer dense.Finalize()
	if _, _, _, err := dense.GradCAM(NoiseImage(1, 4, 4), 0); err == nil || !strings.Contains(err.Error(), "no Conv2D layer") {
		t.Errorf("model without convolutions: %v", err)
	}
}

func TestResizeBilinear(t *testing.T) {
	// [[0 1] [2 3]] to 4x4: the outer pixels repeat the corners' values, the
	// inner ones interpolate at a quarter and three quarters of the way.
	got, err := ResizeBilinear([]float32{0, 1, 2, 3}, 2, 2, 4, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{
		0, 0.25, 0.75, 1,
		0.5, 0.75, 1.25, 1.5,
		1.5, 1.75, 2.25, 2.5,
		2, 2.25, 2.75, 3,
	}
	if d := maxAbsDiff(got, want); d > 1e-6 {
		t.Errorf("2x2 to 4x4: %v, want %v", got, want)
	}
	same, _ := ResizeBilinear([]float32{1, 5, 2, 7, 3, 9}, 2, 3, 2, 3)
	if d := maxAbsDiff(same, []float32{1, 5, 2, 7, 3, 9}); d != 0 {
		t.Errorf("same size: %v", same)
	}
	cam := []float32{0, 0.5, 0, 1, 2, 0.25, 0, 0, 3}
	up, err := ResizeBilinear(cam, 3, 3, 28, 28)
	if err != nil || len(up) != 784 {
		t.Fatalf("3x3 to 28x28: %d values, %v", len(up), err)
	}
	for i, v := range up {
		if v < 0 || v > 3 {
			t.Fatalf("value %d = %v outside the input's range [0, 3]", i, v)
		}
	}
	if up[0] != 0 || up[783] != 3 {
		t.Errorf("corners %v, %v: want the input's corners 0 and 3", up[0], up[783])
	}
	for _, bad := range []struct {
		data                 []float32
		rows, cols, oRows, w int
	}{{cam, 3, 3, 0, 28}, {cam, 0, 3, 28, 28}, {cam, 2, 3, 28, 28}} {
		if _, err := ResizeBilinear(bad.data, bad.rows, bad.cols, bad.oRows, bad.w); err == nil {
			t.Errorf("ResizeBilinear(%d values, %d, %d, %d, %d) accepted", len(bad.data), bad.rows, bad.cols, bad.oRows, bad.w)
		}
	}
}

// TestTopLossesKnownAnswer builds a model whose probabilities are known in
// closed form, softmax(x0, x1, 0) of the two input values, and checks
// the ranking, the losses (with Keras' clipping at 1e-7) and that their mean
// is Evaluate's loss.
func TestTopLossesKnownAnswer(t *testing.T) {
	m, err := New(Sequential(layers.Input(1, 1, 2), layers.Flatten(), layers.Dense(3, layers.Softmax)), Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	if err := m.vars[1].kernel.SetValue(tensors.FromFlatDataAndDimensions([]float32{1, 0, 0, 0, 1, 0}, 2, 3)); err != nil {
		t.Fatal(err)
	}
	d := NewData([]float32{0, 0, 2, 0, 2, 0, 0, 4, 0, 0, 30, 0}, []int32{0, 0, 1, 2, 2, 1})
	e2, e4 := math.Exp(2), math.Exp(4)
	ln3 := math.Log(3)
	type row struct {
		index, label, pred int
		prob, loss         float64
	}
	want := []row{
		{5, 1, 0, 1, -math.Log(1e-7)}, // p(true) = 1/(e^30+2), clipped to 1e-7
		{3, 2, 1, e4 / (e4 + 2), math.Log(e4 + 2)},
		{2, 1, 0, e2 / (e2 + 2), math.Log(e2 + 2)},
		{0, 0, 0, 1.0 / 3, ln3}, // ties: data order, and Argmax's first class
		{4, 2, 0, 1.0 / 3, ln3},
		{1, 0, 0, e2 / (e2 + 2), math.Log((e2 + 2) / e2)},
	}
	all, err := m.TopLosses(d, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(want) {
		t.Fatalf("%d samples, want %d", len(all), len(want))
	}
	var sum float64
	for i, w := range want {
		g := all[i]
		if g.Index != w.index || g.True != w.label || g.Predicted != w.pred ||
			math.Abs(g.Probability-w.prob) > 1e-6 || math.Abs(g.Loss-w.loss) > 1e-5*(1+w.loss) {
			t.Errorf("rank %d: %+v, want %+v", i, g, w)
		}
		if g.Wrong() != (w.label != w.pred) {
			t.Errorf("rank %d: Wrong() = %v", i, g.Wrong())
		}
		if math.Abs(g.Loss+math.Log(max(g.TrueProbability, 1e-7))) > 1e-6 {
			t.Errorf("rank %d: loss %v, p(true) %v", i, g.Loss, g.TrueProbability)
		}
		sum += g.Loss
	}
	ev, err := m.Evaluate(d)
	if err != nil {
		t.Fatal(err)
	}
	if mean := sum / float64(len(all)); math.Abs(mean-ev.Loss) > 1e-5*ev.Loss {
		t.Errorf("mean loss %v, Evaluate %v", mean, ev.Loss)
	}
	top, err := m.TopLosses(d, 2)
	if err != nil || len(top) != 2 || top[0].Index != 5 || top[1].Index != 3 {
		t.Errorf("TopLosses(d, 2) = %+v, %v", top, err)
	}
	if _, err := m.TopLosses(d, 0); err == nil {
		t.Error("n = 0 accepted")
	}
	bad := NewData(d.Images()[:10], d.Labels)
	if _, err := m.TopLosses(bad, 3); err == nil || !strings.Contains(err.Error(), "pixel values") {
		t.Errorf("short images: %v", err)
	}
	label := NewData(d.Images(), []int32{0, 0, 1, 2, 3, 1})
	if _, err := m.TopLosses(label, 3); err == nil || !strings.Contains(err.Error(), "label 3") {
		t.Errorf("label out of range: %v", err)
	}
}
