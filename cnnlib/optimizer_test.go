package cnnlib

import (
	"math"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// runOptimizer applies opt for steps steps to w0 with the constant gradient g
// (loss = sum(g*w)) on the go backend and returns w.
func runOptimizer(t *testing.T, opt Optimizer, w0, g []float32, steps int) []float32 {
	t.Helper()
	b, _, err := NewBackend("go")
	if err != nil {
		t.Fatal(err)
	}
	store := model.NewStore()
	v, err := store.CreateVariable("/layer/kernel", tensors.FromFlatDataAndDimensions(append([]float32(nil), w0...), len(w0)))
	if err != nil {
		t.Fatal(err)
	}
	e, err := model.NewExec(b, store, func(scope *model.Scope, grad *graph.Node) *graph.Node {
		gr := grad.Graph()
		w := v.NodeValue(gr)
		loss := graph.ReduceAllSum(graph.Mul(w, grad))
		grads := graph.Gradient(loss, w)
		opt.apply(gr, scope.Store(), []*model.Variable{v}, grads, graph.Scalar(gr, w.DType(), opt.LearningRate))
		return loss
	})
	if err != nil {
		t.Fatal(err)
	}
	for range steps {
		if _, err := e.Call(tensors.FromFlatDataAndDimensions(g, len(g))); err != nil {
			t.Fatal(err)
		}
	}
	return tensors.MustCopyFlatData[float32](v.MustValue())
}

func assertClose(t *testing.T, name string, got []float32, want []float64) {
	t.Helper()
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > 1e-6*max(1, math.Abs(want[i])) {
			t.Errorf("%s[%d] = %.9f, want %.9f", name, i, got[i], want[i])
		}
	}
}

var (
	testW0   = []float32{1, -2, 0.5}
	testGrad = []float32{0.3, -0.01, 2}
)

// TestRMSpropMatchesKeras checks Keras' update: a = rho*a + (1-rho)*g^2;
// w -= lr*g/(sqrt(a)+eps), with no bias correction (GoMLX's RMSProp differs).
func TestRMSpropMatchesKeras(t *testing.T) {
	opt, _ := NewOptimizer("rmsprop")
	got := runOptimizer(t, opt, testW0, testGrad, 3)
	want := make([]float64, len(testW0))
	for i := range want {
		w, a, g := float64(testW0[i]), 0.0, float64(testGrad[i])
		for range 3 {
			a = 0.9*a + 0.1*g*g
			w -= 0.001 * g / (math.Sqrt(a) + 1e-7)
		}
		want[i] = w
	}
	assertClose(t, "w", got, want)
	// First step by hand for w[0]: a = 0.1*0.09 = 0.009; w = 1 - 0.001*0.3/sqrt(0.009).
	if first := runOptimizer(t, opt, testW0, testGrad, 1); math.Abs(float64(first[0])-(1-0.0003/math.Sqrt(0.009))) > 1e-6 {
		t.Errorf("first RMSprop step: w[0] = %v", first[0])
	}
}

func TestAdamMatchesKeras(t *testing.T) {
	opt, _ := NewOptimizer("adam")
	got := runOptimizer(t, opt, testW0, testGrad, 3)
	want := make([]float64, len(testW0))
	for i := range want {
		w, m, v, g := float64(testW0[i]), 0.0, 0.0, float64(testGrad[i])
		for step := 1; step <= 3; step++ {
			m = 0.9*m + 0.1*g
			v = 0.999*v + 0.001*g*g
			lrT := 0.001 * math.Sqrt(1-math.Pow(0.999, float64(step))) / (1 - math.Pow(0.9, float64(step)))
			w -= lrT * m / (math.Sqrt(v) + 1e-7)
		}
		want[i] = w
	}
	assertClose(t, "w", got, want)
}

func TestSGDMomentumMatchesKeras(t *testing.T) {
	opt, _ := NewOptimizer("sgd")
	opt.Momentum = 0.9
	got := runOptimizer(t, opt, testW0, testGrad, 3)
	want := make([]float64, len(testW0))
	for i := range want {
		w, vel, g := float64(testW0[i]), 0.0, float64(testGrad[i])
		for range 3 {
			vel = 0.9*vel - 0.01*g
			w += vel
		}
		want[i] = w
	}
	assertClose(t, "w", got, want)
	plain, _ := NewOptimizer("sgd")
	assertClose(t, "plain sgd", runOptimizer(t, plain, testW0, testGrad, 1),
		[]float64{1 - 0.003, -2 + 0.0001, 0.5 - 0.02})
}

func TestOptimizerValidate(t *testing.T) {
	if _, err := NewOptimizer("adagrad"); err == nil {
		t.Error("unknown optimizer accepted")
	}
	for _, lr := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		opt, _ := NewOptimizer("rmsprop")
		opt.LearningRate = lr
		if opt.Validate() == nil {
			t.Errorf("learning rate %v accepted", lr)
		}
	}
}
